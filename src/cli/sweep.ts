/**
 * `embassy-sim sweep <sweep.json> --out DIR [--workers N] [--resume] [--shard k/n|auto]` and
 * `embassy-sim merge <dirs…> --out DIR`. See docs/experiments.md.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync as renameFile, writeSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { toJson } from "../experiment/summarize.ts"
import { allUnits, decodeSweep, expandSweep, shardUnits, type ExpandedSweep, type OptionSource, type SweepBase, type SweepFile, type SweepHeader } from "../experiment/sweep.ts"
import { compareKeys, keyString, type UnitKey, type UnitTask } from "../experiment/units.ts"
import type { Problem } from "../scenario/decode.ts"
import { decodeScenario } from "../scenario/decode.ts"
import { COMPARED } from "../present/pack.ts"
import { ensureWritableDir, readAt } from "./files.ts"
import { writeFileAtomic } from "./io.ts"
import { isPackObject, readPack, readScenarioObject } from "./load.ts"
import { baseText, dropCutTail, headerMismatch, readResults, readSweepBase, resultsFile, summarizeSweep, SWEEP_BASE, writeSummaries, type ResultsIndex } from "./sweep-results.ts"
import type { CsvDialect } from "../present/csv.ts"

export class UserFailure extends Error {
  readonly file: string
  readonly problems: ReadonlyArray<Problem>
  constructor(file: string, problems: ReadonlyArray<Problem>) {
    super(`${file}: ${problems.map((p) => p.message).join("; ")}`)
    this.file = file
    this.problems = problems
  }
}
const fail = (file: string, path: string, message: string, found?: unknown): never => { throw new UserFailure(file, [{ path, found, message }]) }

const readJson = (file: string): unknown => {
  let text: string
  try { text = readFileSync(file, "utf8") } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return fail(file, "(file)", code === "ENOENT" ? "file not found (check the path)" : `cannot be read (${code ?? String(e)})`)
  }
  try { return JSON.parse(text) } catch (e) { return fail(file, "(file)", `is not valid JSON: ${(e as Error).message}`) }
}

/** Reads and expands a sweep file (its base scenario or pack resolved relative to it). */
export const loadSweep = (file: string): ExpandedSweep => {
  const dec = decodeSweep(readJson(file))
  if (!dec.ok) throw new UserFailure(file, dec.problems)
  const sweep: SweepFile = dec.value
  const baseFile = resolve(dirname(resolve(file)), sweep.base)
  const baseRaw = readJson(baseFile)
  let sources: OptionSource[]
  let seed: string | number
  if (isPackObject(baseRaw)) {
    const p = readPack(baseFile, baseRaw as Record<string, unknown>)
    if (!p.ok) throw new UserFailure(baseFile, p.problems)
    const wanted = sweep.options ?? p.value.labels
    sources = wanted.map((label) => {
      const i = p.value.labels.indexOf(label)
      if (i < 0) return fail(file, "options", `is not a scenario label of the pack ${sweep.base} (labels: ${p.value.labels.join(", ")})`, label)
      const obj = readScenarioObject(p.value.files[i]!)
      if (!obj.ok) throw new UserFailure(p.value.files[i]!, obj.problems)
      return { label, scenarioObject: obj.value, policy: undefined, file: p.value.files[i]! }
    })
    const first = decodeScenario(sources[0]!.scenarioObject)
    if (!first.ok) throw new UserFailure(sources[0]!.file, first.problems)
    seed = sweep.seed ?? p.value.seed ?? first.value.seed
  } else {
    const obj = readScenarioObject(baseFile)
    if (!obj.ok) throw new UserFailure(baseFile, obj.problems)
    const base = decodeScenario(obj.value)
    if (!base.ok) throw new UserFailure(baseFile, base.problems)
    const opts = sweep.options ?? [base.value.policy]
    for (const o of opts) if (!(o in base.value.policies)) fail(file, "options", `is not a policy of ${sweep.base} (policies: ${Object.keys(base.value.policies).join(", ")})`, o)
    sources = opts.map((label) => ({ label, scenarioObject: obj.value, policy: label, file: baseFile }))
    seed = sweep.seed ?? base.value.seed
  }
  const x = expandSweep(sweep, sources, seed)
  if (!x.ok) throw new UserFailure(file, x.problems)
  // the options' files as the sweep names them: relative to the sweep file, the same on every machine that runs a shard
  const here = dirname(resolve(file))
  const base = { ...x.value.base, options: x.value.base.options.map((o) => ({ ...o, scenarioFile: relative(here, o.scenarioFile).split("\\").join("/") })) }
  return { ...x.value, base }
}

/** `k/n` (0 ≤ k < n) or `auto`: from Slurm, Kubernetes Indexed Jobs or AWS Batch array jobs. */
export const parseShard = (spec: string, countFlag: number | undefined, env: NodeJS.ProcessEnv = process.env): { k: number; n: number; from: string } => {
  const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined)
  if (spec === "auto") {
    const slurm = num(env.SLURM_ARRAY_TASK_ID)
    if (slurm !== undefined) {
      const min = num(env.SLURM_ARRAY_TASK_MIN) ?? 0
      const n = countFlag ?? num(env.SLURM_ARRAY_TASK_COUNT)
      if (n === undefined) return fail("--shard auto", "SLURM_ARRAY_TASK_COUNT", "is not set: give --shard-count N")
      return check(slurm - min, n, "Slurm array task")
    }
    const k8s = num(env.JOB_COMPLETION_INDEX)
    if (k8s !== undefined) {
      const n = countFlag ?? num(env.EMBASSY_SIM_SHARD_COUNT)
      if (n === undefined) return fail("--shard auto", "JOB_COMPLETION_INDEX", "a Kubernetes Indexed Job does not tell the number of completions: give --shard-count N or set EMBASSY_SIM_SHARD_COUNT")
      return check(k8s, n, "Kubernetes completion index")
    }
    const aws = num(env.AWS_BATCH_JOB_ARRAY_INDEX)
    if (aws !== undefined) {
      const n = countFlag ?? num(env.AWS_BATCH_JOB_ARRAY_SIZE) ?? num(env.EMBASSY_SIM_SHARD_COUNT)
      if (n === undefined) return fail("--shard auto", "AWS_BATCH_JOB_ARRAY_SIZE", "is not set: give --shard-count N")
      return check(aws, n, "AWS Batch array index")
    }
    return fail("--shard auto", "--shard", "found none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX: give --shard k/n")
  }
  const m = /^(\d+)\/(\d+)$/.exec(spec)
  if (m === null) return fail("command line", "--shard", "must be k/n with 0 ≤ k < n (e.g. 0/3, 1/3, 2/3) or auto", spec)
  return check(Number(m[1]), Number(m[2]), "--shard")
}
const check = (k: number, n: number, from: string) => {
  if (!(n >= 1 && k >= 0 && k < n)) return fail("command line", "--shard", `${from}: index ${k} of ${n} shards is out of range (0 ≤ k < n)`, `${k}/${n}`)
  return { k, n, from }
}

export interface SweepRunOptions {
  readonly out: string
  readonly workers: number
  readonly resume: boolean
  readonly shard?: { k: number; n: number }
  readonly dialect: CsvDialect
  readonly xlsx?: boolean
  readonly signal?: AbortSignal
  readonly progress?: (label: string, total: number, already: number) => { update(done: number): void; stop(): void }
  readonly log?: (line: string) => void
}

export interface SweepRunOutcome {
  readonly ran: number
  readonly skipped: number
  readonly total: number
  readonly stopped: boolean
  readonly summaryWritten: boolean
}

const headerLine = (h: SweepHeader): string => JSON.stringify(h) + "\n"
export const resultLine = (key: UnitKey, result: object): string => {
  const { replication: _r, ...rest } = result as Record<string, unknown>
  return JSON.stringify({ key, result: toJson(rest) }) + "\n"
}

/** Runs (or resumes) a sweep into `out`. Throws UserFailure for what the user can fix; nothing already written is lost. */
export const runSweep = async (x: ExpandedSweep, o: SweepRunOptions): Promise<SweepRunOutcome> => {
  const log = o.log ?? ((l: string) => process.stderr.write(l + "\n"))
  const why = ensureWritableDir(o.out)
  if (why !== undefined) fail(o.out, "--out", why)
  const file = resultsFile(o.out)
  let idx: ResultsIndex | undefined
  if (existsSync(file)) {
    if (!o.resume) fail(file, "--out", "already holds results: add --resume to continue them, or choose another --out (nothing was changed)")
    const r = readResults(file)
    if (!r.ok) fail(file, "(file)", r.message)
    idx = (r as { ok: true; value: ResultsIndex }).value
    const mm = headerMismatch(x.header, idx.header)
    if (mm !== undefined) fail(file, "--resume", `these results are of another sweep: ${mm}. Use another --out (nothing was changed)`)
    if (idx.cutTail) { log(`${file}: the last line was cut off (a kill mid-write): it is dropped and its unit redone`); dropCutTail(file, idx) }
  } else {
    writeFileAtomic(file, headerLine(x.header))
  }
  // what a report needs besides the results (written on every start: a folder of an older version gets it on --resume)
  writeFileAtomic(join(o.out, SWEEP_BASE), baseText(x.base))
  const units = allUnits(x)
  const mine = o.shard !== undefined ? shardUnits(units, o.shard.k, o.shard.n) : units
  const done = idx?.lines ?? new Map()
  const todo = mine.filter((k) => !done.has(keyString(k)))
  const cellOf = new Map(x.cells.map((c) => [`${c.point}|${c.option}`, c]))
  const tasks: UnitTask[] = todo.map((key) => {
    const c = cellOf.get(`${key.point}|${key.option}`)!
    return { key, scenarioHash: c.scenarioHash, scenario: c.scenario, policy: c.policy, seed: x.seed }
  })
  const label = `${x.sweep.name}${o.shard !== undefined ? ` (shard ${o.shard.k}/${o.shard.n})` : ""}`
  if (mine.length - todo.length > 0) log(`${label}: ${mine.length - todo.length} of ${mine.length} units already done; running ${todo.length}`)
  const { makeExecutor } = await import("../experiment/node/pool.ts")
  const { schedule } = await import("../experiment/units.ts")
  const exec = makeExecutor(Math.max(1, Math.min(o.workers, tasks.length)))
  const bar = o.progress?.(label, mine.length, mine.length - todo.length)
  const fd = openSync(file, "a")
  let ran = 0
  // Ctrl-C / SIGTERM: the process may end before the units in flight come back; say now what is kept
  o.signal?.addEventListener("abort", () => {
    bar?.stop()
    log(`${label}: stopping; ${mine.length - todo.length + ran} of ${mine.length} units are kept in ${file}: run again with --resume to finish`)
  }, { once: true })
  let outcome: { delivered: number; stopped: boolean }
  try {
    outcome = await schedule(tasks, exec, (res, task) => {
      writeSync(fd, resultLine(task.key, res))
      ran++
      bar?.update(mine.length - todo.length + ran)
    }, o.signal !== undefined ? { signal: o.signal } : {})
  } finally {
    closeSync(fd)
    bar?.stop()
    await exec.close()
  }
  if (outcome.stopped) {
    log(`${label}: stopped after ${ran} of ${todo.length} units; what is done is kept in ${file}: run again with --resume to finish`)
    return { ran, skipped: mine.length - todo.length, total: mine.length, stopped: true, summaryWritten: false }
  }
  await finishSummaries(o.out, x.sweep.replications, x.sweep.metrics ?? COMPARED.map((m) => m.path), o.dialect, o.xlsx === true)
  return { ran, skipped: mine.length - todo.length, total: mine.length, stopped: false, summaryWritten: true }
}

const finishSummaries = async (dir: string, replications: number, metrics: ReadonlyArray<string>, dialect: CsvDialect, xlsx: boolean) => {
  const file = resultsFile(dir)
  const r = readResults(file)
  if (!r.ok) fail(file, "(file)", r.message)
  const idx = (r as { ok: true; value: ResultsIndex }).value
  await writeSummaries(dir, summarizeSweep(file, idx, replications, metrics), dialect, xlsx)
}

/** Joins shard folders into one: refuses mixed sweeps or versions; identical duplicates are kept once, conflicting ones refused. */
export const mergeDirs = async (dirs: ReadonlyArray<string>, out: string, dialect: CsvDialect, xlsx = false, metrics: ReadonlyArray<string> = COMPARED.map((m) => m.path)): Promise<{ units: number; duplicates: number }> => {
  if (dirs.length === 0) fail("command line", "dirs", "give at least one results folder")
  const read = dirs.map((d) => {
    const r = readResults(resultsFile(d))
    if (!r.ok) return fail(resultsFile(d), "(file)", r.message)
    if (r.value.cutTail) return fail(resultsFile(d), "(file)", "its last line is cut off (the shard was killed): finish it with `sweep --resume` first")
    return { dir: d, idx: r.value }
  })
  const h = read[0]!.idx.header
  for (const r of read.slice(1)) {
    const mm = headerMismatch(h, r.idx.header)
    if (mm !== undefined) fail(r.dir, "(folder)", `cannot be merged with ${read[0]!.dir}: ${mm}`)
  }
  if (resolve(out) !== resolve(read[0]!.dir) && existsSync(resultsFile(out))) fail(out, "--out", "already holds results: choose an empty folder (nothing was changed)")
  const why = ensureWritableDir(out)
  if (why !== undefined) fail(out, "--out", why)
  const all = new Map<string, { src: number; offset: number; length: number; key: UnitKey }>()
  const fds = read.map((r) => openSync(resultsFile(r.dir), "r"))
  let duplicates = 0
  try {
    read.forEach((r, s) => {
      for (const [ks, e] of r.idx.lines) {
        const prev = all.get(ks)
        if (prev === undefined) { all.set(ks, { src: s, ...e }); continue }
        duplicates++
        if (readAt(fds[prev.src]!, prev.offset, prev.length) !== readAt(fds[s]!, e.offset, e.length)) fail(r.dir, "(folder)", `unit ${ks} has a different result in ${read[prev.src]!.dir}: these are not shards of one run`)
      }
    })
    const order = compareKeys(h.options)
    const cellIndex = new Map(h.cells.map((c, i) => [`${c.point}|${c.option}`, i]))
    const sorted = [...all.values()].sort((a, b) => (cellIndex.get(`${a.key.point}|${a.key.option}`) ?? 0) - (cellIndex.get(`${b.key.point}|${b.key.option}`) ?? 0) || order(a.key, b.key))
    const tmp = resultsFile(out) + `.${process.pid}.tmp`
    const ofd = openSync(tmp, "w")
    try {
      writeSync(ofd, headerLine(h))
      for (const e of sorted) writeSync(ofd, readAt(fds[e.src]!, e.offset, e.length) + "\n")
    } finally {
      closeSync(ofd)
    }
    renameFile(tmp, resultsFile(out))
  } finally {
    for (const fd of fds) closeSync(fd)
  }
  // the shards' sweep-base.json (the same for every shard of one sweep), carried into the merged folder
  const bases = read.map((r) => readSweepBase(r.dir, h.sweepHash))
  const badBase = bases.find((b) => !b.ok)
  if (badBase !== undefined && !badBase.ok) fail(join(read[bases.indexOf(badBase)]!.dir, SWEEP_BASE), "(file)", badBase.message)
  const base = bases.map((b) => (b.ok ? b.value : undefined)).find((b) => b !== undefined)
  if (base !== undefined) writeFileAtomic(join(out, SWEEP_BASE), baseText(base))
  const maxRep = Math.max(0, ...[...all.values()].map((e) => e.key.replication + 1))
  await finishSummaries(out, maxRep, metrics, dialect, xlsx)
  return { units: all.size, duplicates }
}
