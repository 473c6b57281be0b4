/**
 * The results folder of a sweep (Node):
 *   results.jsonl  line 1: the header (SweepHeaderSchema); then one line per unit {"key", "result"},
 *                  appended as units complete (any order; a kill loses only the units in flight)
 *   summary.json   per (point, option): the parameter values, the summary of every metric and the
 *                  paired differences from the first option on the same random numbers (SweepSummary)
 *   summary.csv    one row per (point, option, metric)
 *   sweep-base.json per option: the point that is its base scenario (or the nearest) and the decoded
 *                  scenario there (SweepBase), so that `embassy-sim report <folder>` needs nothing else
 * Summaries read the results in key order, so they are the same whatever the order of completion.
 */
import { closeSync, existsSync, openSync, readFileSync, truncateSync } from "node:fs"
import { join } from "node:path"
import { honestInterval, replicationsNeeded, SKEW_PILOT } from "../experiment/honest.ts"
import { skewness } from "../experiment/intervals.ts"
import { metricAt, StreamingPaired, StreamingSummary } from "../experiment/streaming.ts"
import { flattenTree, toJson } from "../experiment/summarize.ts"
import type { SweepBase, SweepHeader } from "../experiment/sweep.ts"
import { keyString, type UnitKey } from "../experiment/units.ts"
import type { Summary } from "../scenario/result-schema.ts"
import { readAt, scanLines } from "./files.ts"
import { writeFileAtomic } from "./io.ts"
import { csvTable, type CsvDialect } from "../present/csv.ts"
import type { Sheet } from "./xlsx.ts"

export const RESULTS = "results.jsonl"

/** The file beside results.jsonl that lets `report` read a sweep folder alone: each option's base point and its decoded scenario. */
export const SWEEP_BASE = "sweep-base.json"
export const baseText = (b: SweepBase): string => JSON.stringify(b, null, 1) + "\n"

/** A sweep folder's sweep-base.json, when it has one that belongs to the sweep of `sweepHash`. */
export const readSweepBase = (dir: string, sweepHash: string): { ok: true; value: SweepBase | undefined } | { ok: false; message: string } => {
  const f = join(dir, SWEEP_BASE)
  if (!existsSync(f)) return { ok: true, value: undefined }
  let v: SweepBase
  try { v = JSON.parse(readFileSync(f, "utf8")) as SweepBase } catch (e) { return { ok: false, message: `is not valid JSON (${(e as Error).message}): run the sweep again with --resume to rewrite it` } }
  if (v?.kind !== "embassy-sim/sweep-base" || !Array.isArray(v.options)) return { ok: false, message: `is not a sweep's base file (kind "embassy-sim/sweep-base")` }
  if (v.sweepHash !== sweepHash) return { ok: false, message: `belongs to another sweep (hash ${v.sweepHash}, the results' ${sweepHash}): run the sweep again with --resume to rewrite it` }
  return { ok: true, value: v }
}

export interface ResultsIndex {
  readonly header: SweepHeader
  /** key string → where its line is */
  readonly lines: Map<string, { offset: number; length: number; key: UnitKey }>
  /** bytes up to the end of the last good line */
  readonly goodEnd: number
  /** a last line cut short (or unparsable) that was not counted: to be redone */
  readonly cutTail: boolean
  readonly duplicates: number
}

export type Read<T> = { ok: true; value: T } | { ok: false; message: string }

const isKey = (k: unknown): k is UnitKey => {
  const o = k as Record<string, unknown> | null
  return o !== null && typeof o === "object" && typeof o.point === "number" && typeof o.option === "string" && typeof o.replication === "number"
}

/** Reads a results file's header and the index of its unit lines; a cut-off last line is reported, never counted. */
export const readResults = (file: string): Read<ResultsIndex> => {
  let header: SweepHeader | undefined
  const lines = new Map<string, { offset: number; length: number; key: UnitKey }>()
  let goodEnd = 0, cutTail = false, duplicates = 0, bad: string | undefined, n = 0
  let pendingBad: { lineNo: number; offset: number } | undefined
  try {
    scanLines(file, (l) => {
      n++
      if (bad !== undefined) return
      if (pendingBad !== undefined) { bad = `line ${pendingBad.lineNo} is corrupt and is not the last line: the file was edited or damaged (remove that line to go on)`; return }
      let v: unknown
      try { v = JSON.parse(l.text) } catch { v = undefined }
      if (!l.complete || v === undefined) { pendingBad = { lineNo: n, offset: l.offset }; if (n > 1) cutTail = true; return }
      if (n === 1) {
        if ((v as Record<string, unknown>).kind !== "embassy-sim/sweep-results") { bad = "line 1 is not the header of embassy-sim sweep results"; return }
        header = v as SweepHeader
      } else {
        const key = (v as Record<string, unknown>).key
        if (!isKey(key)) { bad = `line ${n} has no unit key`; return }
        const ks = keyString(key)
        if (lines.has(ks)) duplicates++
        else lines.set(ks, { offset: l.offset, length: l.length, key })
      }
      goodEnd = l.offset + l.length + 1
    })
  } catch (e) {
    return { ok: false, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` }
  }
  if (bad !== undefined) return { ok: false, message: bad }
  if (header === undefined) return { ok: false, message: pendingBad !== undefined ? "the header line is cut off or corrupt" : "is empty (no header line)" }
  return { ok: true, value: { header, lines, goodEnd, cutTail, duplicates } }
}

/** Cuts a results file back to its last good line (a line cut short by a kill is then redone). */
export const dropCutTail = (file: string, idx: ResultsIndex): void => {
  if (idx.cutTail) truncateSync(file, idx.goodEnd)
}

/** Why two headers do not belong to the same sweep, in words; undefined when they do. */
export const headerMismatch = (a: SweepHeader, b: SweepHeader): string | undefined => {
  if (a.sweepHash === b.sweepHash) return undefined
  if (a.toolVersion !== b.toolVersion) return `made by embassy-sim ${b.toolVersion}, this is ${a.toolVersion}`
  if (a.engineVersion !== b.engineVersion) return `made with engine version ${b.engineVersion}, this is ${a.engineVersion}`
  if (a.rng.algorithm !== b.rng.algorithm || a.rng.version !== b.rng.version) return "made with another random number generator version"
  if (String(a.seed) !== String(b.seed)) return `made with seed ${b.seed}, this sweep uses ${a.seed}`
  if (a.options.join("|") !== b.options.join("|")) return `has options ${b.options.join(", ")}, this sweep ${a.options.join(", ")}`
  if (a.cells.length !== b.cells.length) return `has ${b.cells.length} points × options, this sweep ${a.cells.length}`
  const i = a.cells.findIndex((c, j) => c.scenarioHash !== b.cells[j]!.scenarioHash || c.policy !== b.cells[j]!.policy)
  if (i >= 0) return `point ${a.cells[i]!.point}, ${a.cells[i]!.option} has another scenario (hash ${b.cells[i]!.scenarioHash}, this sweep ${a.cells[i]!.scenarioHash}): the scenario or the sweep changed`
  return "belongs to another sweep (its hash differs)"
}

export interface CellSummary {
  readonly point: number
  readonly values: Readonly<Record<string, number | null>>
  readonly option: string
  readonly policy: string
  readonly scenarioHash: string
  readonly replications: number
  readonly summary: unknown
  readonly differenceFromFirst: Record<string, Summary>
  /** for each of `metrics`: the interval of the procedure chosen by the coverage study (src/experiment/honest.ts) */
  readonly honest: Record<string, HonestSummary>
}

export interface HonestSummary {
  readonly mean: number | null
  readonly ciLow: number | null
  readonly ciHigh: number | null
  /** "t" for symmetric outputs, "hall" (96 % nominal, ≥ 30 replications) for skewed ones */
  readonly method: "t" | "hall"
  readonly skewness: number | null
  /** replications the procedure wants; more than `replications` means the interval may undercover */
  readonly replicationsNeeded: number
}

const honestOf = (xs: number[]): HonestSummary => {
  const v = xs.filter((x) => Number.isFinite(x))
  if (v.length < 2) return { mean: v[0] ?? null, ciLow: null, ciHigh: null, method: "t", skewness: null, replicationsNeeded: SKEW_PILOT }
  const { interval, method } = honestInterval(v)
  const mean = v.reduce((a, x) => a + x, 0) / v.length
  const ok = (x: number) => (Number.isFinite(x) ? x : null)
  return { mean, ciLow: ok(interval[0]), ciHigh: ok(interval[1]), method, skewness: v.length >= 3 ? ok(skewness(v)) : null, replicationsNeeded: replicationsNeeded(v) }
}

export interface SweepSummary {
  readonly kind: "embassy-sim/sweep-summary"
  readonly header: SweepHeader
  /** every unit of the sweep is in the results */
  readonly complete: boolean
  readonly unitsDone: number
  readonly unitsTotal: number
  readonly metrics: ReadonlyArray<string>
  readonly cells: CellSummary[]
}

/**
 * Summarises a results file cell by cell, reading each cell's replications in order (one line at a
 * time: memory does not grow with the replications). Only replications < `replications` count.
 */
export const summarizeSweep = (file: string, idx: ResultsIndex, replications: number, metrics: ReadonlyArray<string>): SweepSummary => {
  const h = idx.header
  const byCell = new Map<string, Array<{ r: number; offset: number; length: number }>>()
  for (const e of idx.lines.values()) {
    if (e.key.replication >= replications) continue
    const k = `${e.key.point}|${e.key.option}`
    let a = byCell.get(k)
    if (a === undefined) byCell.set(k, (a = []))
    a.push({ r: e.key.replication, offset: e.offset, length: e.length })
  }
  for (const a of byCell.values()) a.sort((x, y) => x.r - y.r)
  const fd = openSync(file, "r")
  const readResult = (e: { offset: number; length: number }): unknown => (JSON.parse(readAt(fd, e.offset, e.length)) as { result: unknown }).result
  const cells: CellSummary[] = []
  let done = 0
  try {
    for (const c of h.cells) {
      const mine = byCell.get(`${c.point}|${c.option}`) ?? []
      done += mine.length
      if (mine.length === 0) continue
      const firstOpt = h.options[0]!
      const first = new Map((byCell.get(`${c.point}|${firstOpt}`) ?? []).map((e) => [e.r, e]))
      const s = new StreamingSummary()
      const p = new StreamingPaired(metrics)
      const tracked = metrics.map(() => [] as number[])
      for (const e of mine) {
        const res = readResult(e)
        s.add(res)
        metrics.forEach((m, k) => { const v = metricAt(res, m); tracked[k]!.push(typeof v === "number" ? v : NaN) })
        const f = first.get(e.r)
        if (f !== undefined) p.add(c.option === firstOpt ? res : readResult(f), res)
      }
      cells.push({
        point: c.point, values: h.points[c.point]?.values ?? {}, option: c.option, policy: c.policy, scenarioHash: c.scenarioHash,
        replications: mine.length, summary: toJson(s.result()), differenceFromFirst: Object.fromEntries(p.result()) as Record<string, Summary>,
        honest: Object.fromEntries(metrics.map((m, k) => [m, honestOf(tracked[k]!)]))
      })
    }
  } finally {
    closeSync(fd)
  }
  const total = h.cells.length * replications
  return { kind: "embassy-sim/sweep-summary", header: h, complete: done === total, unitsDone: done, unitsTotal: total, metrics, cells }
}

const isSummary = (v: unknown): v is Summary => v !== null && typeof v === "object" && "mean" in v && "ciLow" in v && "n" in v

/** Rows of summary.csv: one per cell and scalar metric (weekly and monthly series are in summary.json). */
export const summaryRows = (s: SweepSummary): { columns: string[]; rows: Array<Array<string | number | null>> } => {
  const params = s.header.parameters
  const columns = ["point", ...params, "option", "metric", "mean", "sd", "ciLow", "ciHigh", "n", "diffFromFirstMean", "diffFromFirstCiLow", "diffFromFirstCiHigh", "honestCiLow", "honestCiHigh", "honestMethod", "skewness", "replicationsNeeded"]
  const rows: Array<Array<string | number | null>> = []
  for (const c of s.cells) {
    for (const [path, sm] of flattenTree(c.summary, isSummary)) {
      if (/\.(\d+)$/.test(path) && !/^(groups|missions|migri\.pools)\.\d+$/.test(path)) continue
      const dd = c.differenceFromFirst[path]
      const h = c.honest[path]
      rows.push([c.point, ...params.map((p) => c.values[p] ?? null), c.option, path, sm.mean, sm.sd, sm.ciLow, sm.ciHigh, sm.n, dd?.mean ?? null, dd?.ciLow ?? null, dd?.ciHigh ?? null, h?.ciLow ?? null, h?.ciHigh ?? null, h?.method ?? null, h?.skewness ?? null, h?.replicationsNeeded ?? null])
    }
  }
  return { columns, rows }
}

/** The tables of a sweep summary: the metrics per cell, the design's points, the provenance. */
export const summarySheets = (s: SweepSummary): Sheet[] => {
  const t = summaryRows(s)
  const h = s.header
  return [
    { name: "summary", columns: t.columns, rows: t.rows },
    { name: "points", columns: ["point", ...h.parameters], rows: h.points.map((p) => [p.point, ...h.parameters.map((k) => p.values[k] ?? null)]) },
    { name: "provenance", columns: ["field", "value"], rows: [["sweep", h.sweepName], ["sweepHash", h.sweepHash], ["toolVersion", h.toolVersion], ["engineVersion", h.engineVersion], ["rng", `${h.rng.algorithm} ${h.rng.version}`], ["seed", String(h.seed)], ["options", h.options.join(", ")], ["complete", String(s.complete)], ["units", `${s.unitsDone} of ${s.unitsTotal}`]] }
  ]
}

/** Writes summary.json and summary.csv (and summary.xlsx when asked), each by write-then-rename. */
export const writeSummaries = async (dir: string, s: SweepSummary, dialect: CsvDialect, xlsx = false): Promise<void> => {
  writeFileAtomic(join(dir, "summary.json"), JSON.stringify(s, null, 1) + "\n")
  const t = summaryRows(s)
  writeFileAtomic(join(dir, "summary.csv"), csvTable(t.columns, t.rows, dialect))
  if (xlsx) await (await import("./xlsx.ts")).writeXlsx(join(dir, "summary.xlsx"), summarySheets(s))
}

export const resultsFile = (dir: string): string => join(dir, RESULTS)
export const hasResults = (dir: string): boolean => existsSync(resultsFile(dir))
