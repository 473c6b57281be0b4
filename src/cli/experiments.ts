/**
 * The experiment commands (sweep, merge, capacity) and the worker pool behind `run --workers`.
 * Registered in commands.ts with one line; everything else lives in this file and its siblings.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import type { CompareOutcome, PrecisionRule, RunSpec } from "../experiment/run.ts"
import { formatProblems, type Problem } from "../scenario/decode.ts"
import { diag, exitCodeForSignal, installStopController } from "./io.ts"
import { ResultLineSchema, SweepFile, SweepHeaderSchema } from "../experiment/sweep.ts"
import { CapacityFile } from "../experiment/capacity.ts"

/** Extra kinds for `embassy-sim schema <kind>`. */
export const experimentSchemas: Record<string, { schema: Schema.Top; title: string } | undefined> = {
  sweep: { schema: SweepFile, title: "embassy-sim sweep file" },
  "sweep-header": { schema: SweepHeaderSchema, title: "embassy-sim sweep results: the first line of results.jsonl" },
  "sweep-line": { schema: ResultLineSchema, title: "embassy-sim sweep results: one unit line of results.jsonl" },
  capacity: { schema: CapacityFile, title: "embassy-sim capacity file" }
}

export const workersFlag = Flag.Int("workers").pipe(
  Flag.withAlias("w"),
  Flag.withDescription("worker threads (default: the cores available; 1 runs on the main thread); results are identical whatever the number"),
  Flag.withSchema(Schema.Int.check(Schema.isGreaterThan(0, { message: "must be a whole number > 0" }))),
  Flag.optional
)

export const precisionFlag = Flag.String("precision").pipe(
  Flag.withDescription("add replications in batches until each named metric's 95 % half-width is within its target: path=H (absolute) or path=H% (relative to the mean), comma-separated, e.g. groups.student.migriMean=0.5,groups.student.apptWaitMean=5%"),
  Flag.optional
)
export const maxReplicationsFlag = Flag.Int("max-replications").pipe(Flag.withDescription("with --precision: the most replications to run (default 1000)"), Flag.withSchema(Schema.Int.check(Schema.isGreaterThan(1, { message: "must be a whole number > 1" }))), Flag.withDefault(1000))
export const batchFlag = Flag.Int("batch").pipe(Flag.withDescription("with --precision: replications added per batch (default 10)"), Flag.withSchema(Schema.Int.check(Schema.isGreaterThan(0, { message: "must be a whole number > 0" }))), Flag.withDefault(10))

/** Parses `path=H,path=H%`; returns a one-line problem for the user when it does not parse. */
export const parsePrecision = (spec: string, maxReplications: number, batch: number): PrecisionRule | Problem => {
  const targets: Array<PrecisionRule["targets"][number]> = []
  for (const part of spec.split(",").map((x) => x.trim()).filter((x) => x.length > 0)) {
    const m = /^([A-Za-z0-9_.-]+)=([0-9.]+)(%?)$/.exec(part)
    if (m === null || !(Number(m[2]) > 0)) return { path: "--precision", found: part, message: "must be metric.path=H or metric.path=H% with H > 0, e.g. groups.student.migriMean=0.5" }
    targets.push({ path: m[1]!, halfWidth: m[3] === "%" ? Number(m[2]) / 100 : Number(m[2]), relative: m[3] === "%" })
  }
  if (targets.length === 0) return { path: "--precision", found: spec, message: "name at least one metric" }
  return { targets, maxReplications, batch }
}

/** Runs options on common random numbers on a worker pool (loaded only when used: worker threads cost start-up time). */
/**
 * The threads a run of `total` replications uses: --workers when given (never more than the units),
 * by default a thread per core — but not for a handful of replications, where starting threads
 * costs more than it saves.
 */
export const threadsFor = (workers: { _tag: "Some"; value: number } | { _tag: "None" }, total: number, cores: number): number =>
  workers._tag === "Some" ? Math.min(workers.value, total) : Math.min(cores, Math.max(1, Math.floor(total / 4)))

export const runOnWorkers = (
  specs: ReadonlyArray<RunSpec>,
  workers: { _tag: "Some"; value: number } | { _tag: "None" },
  options: { paths?: ReadonlyArray<string>; perReplication?: boolean; onProgress?: (done: number, total: number) => void; precision?: PrecisionRule; signal?: AbortSignal }
): Effect.Effect<CompareOutcome> =>
  Effect.promise(async (interrupted) => {
    const signal = options.signal !== undefined ? AbortSignal.any([interrupted, options.signal]) : interrupted
    const [{ makeExecutor, defaultWorkers }, { runCompare }] = await Promise.all([import("../experiment/node/pool.ts"), import("../experiment/run.ts")])
    const total = options.precision !== undefined ? options.precision.maxReplications * specs.length : specs.reduce((a, s) => a + s.replications, 0)
    const exec = makeExecutor(threadsFor(workers, total, defaultWorkers()))
    try {
      const out = await runCompare(specs, exec, { ...options, signal })
      if (out.precision !== undefined) {
        const p = out.precision
        process.stderr.write(`precision: ${p.met ? "met" : "NOT met"} — ${p.reason}\n`)
        if (p.unknownPath !== undefined) process.exitCode = 2
        for (const r of p.metrics) process.stderr.write(`  ${r.option} ${r.path}: ${r.mean.toPrecision(5)} ± ${r.halfWidth.toPrecision(3)} (${r.method} interval; target ± ${r.target})${r.met ? "" : " ✗"}\n`)
      }
      return out
    } finally {
      await exec.close()
    }
  })

/** Prints problems on stderr and sets exit code 2 (as commands.ts does for its commands). */
const printProblems = (file: string, problems: ReadonlyArray<Problem>): void => {
  process.stderr.write(`${file}: invalid (${problems.length} problem${problems.length === 1 ? "" : "s"})\n`)
  for (const line of formatProblems(problems)) process.stderr.write(`  ${line}\n`)
  process.exitCode = 2
}

/**
 * Runs an async job of the experiment commands: a UserFailure becomes one line per problem and exit
 * 2; Ctrl-C / SIGTERM abort the job's signal (the job stops submitting and keeps what is done).
 */
const job = <A>(f: (signal: AbortSignal) => Promise<A>): Effect.Effect<A | undefined> =>
  Effect.promise(async (interrupted) => {
    const { UserFailure } = await import("./sweep.ts")
    // Ctrl-C / SIGTERM: stop submitting units, keep what is done (results.jsonl is appended per unit), exit 130 / 143
    const abort = new AbortController()
    const stop = installStopController((sig) => { diag(`embassy-sim: ${sig} received: stopping after the units under way; what is done is kept (send it again to stop at once)`); abort.abort() })
    try {
      return await f(AbortSignal.any([interrupted, abort.signal]))
    } catch (e) {
      if (e instanceof UserFailure) { printProblems(e.file, e.problems); return undefined }
      throw e
    } finally {
      stop.dispose()
      const sig = stop.requested()
      if (sig !== undefined) process.exitCode = exitCodeForSignal(sig)
    }
  })

const outFlag = Flag.String("out").pipe(Flag.withDescription("the results folder (created if missing)"))
export const dialectFlag = Flag.Literals("csv-dialect", ["plain", "fi"]).pipe(
  Flag.withDescription("CSV for plain tools (commas, decimal points) or for Finnish Excel (fi: semicolons, decimal commas, UTF-8 BOM); default plain"),
  Flag.withDefault("plain" as const)
)

const xlsxFlag = Flag.Boolean("xlsx").pipe(Flag.withDescription("also write summary.xlsx (numeric cells; sheets summary, points, provenance)"), Flag.withDefault(false))

const sweepCmd = Command.make("sweep", {
  file: Argument.String("sweep-file").pipe(Argument.withDescription("a sweep file (scenarios/sweeps/*.json; `embassy-sim schema sweep`)")),
  out: outFlag,
  workers: workersFlag,
  resume: Flag.Boolean("resume").pipe(Flag.withDescription("continue the results in --out: run only the missing units (a cut-off last line is redone); refuses results of another sweep"), Flag.withDefault(false)),
  shard: Flag.String("shard").pipe(Flag.withDescription("run the deterministic share k/n (0 ≤ k < n) of the units, or auto: from SLURM_ARRAY_TASK_ID/COUNT, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX/SIZE"), Flag.optional),
  shardCount: Flag.Int("shard-count").pipe(Flag.withDescription("the number of shards, for --shard auto where the environment does not tell it (Kubernetes Indexed Jobs)"), Flag.optional),
  dialect: dialectFlag,
  xlsx: xlsxFlag
}, (o) => job(async (signal) => {
  const { loadSweep, parseShard, runSweep } = await import("./sweep.ts")
  const { makeProgress } = await import("./progress.ts")
  const { defaultWorkers } = await import("../experiment/node/pool.ts")
  const x = loadSweep(o.file)
  const shard = Option.isSome(o.shard) ? parseShard(o.shard.value, Option.getOrUndefined(o.shardCount)) : undefined
  const r = await runSweep(x, {
    out: o.out, workers: Option.getOrElse(o.workers, defaultWorkers), resume: o.resume, dialect: o.dialect, xlsx: o.xlsx, signal, progress: makeProgress,
    ...(shard !== undefined ? { shard } : {})
  })
  if (r.stopped) process.exitCode = 130
  else process.stdout.write(`${x.sweep.name}: ${r.total} units (${r.ran} run now, ${r.skipped} already done) in ${o.out}/results.jsonl; summaries in ${o.out}/summary.json and summary.csv (the report: \`embassy-sim report ${o.out} --out report.html\`)\n`)
})).pipe(Command.withDescription("Run a sweep: points × options × replications on common random numbers, appended to <out>/results.jsonl as they complete; resumable and shardable"))

const mergeCmd = Command.make("merge", {
  dirs: Argument.String("dirs").pipe(Argument.withDescription("results folders of the shards of one sweep"), Argument.atLeast(1)),
  out: outFlag,
  dialect: dialectFlag,
  xlsx: xlsxFlag
}, (o) => job(async () => {
  const { mergeDirs } = await import("./sweep.ts")
  const r = await mergeDirs(o.dirs, o.out, o.dialect, o.xlsx)
  process.stdout.write(`merged ${o.dirs.length} folder${o.dirs.length === 1 ? "" : "s"}: ${r.units} units${r.duplicates > 0 ? ` (${r.duplicates} identical duplicates kept once)` : ""} in ${o.out}/results.jsonl; summaries in ${o.out}/summary.json and summary.csv (the report: \`embassy-sim report ${o.out} --out report.html\`)\n`)
})).pipe(Command.withDescription("Join the results folders of a sweep's shards into one (refuses mixed sweeps, scenarios or versions) and summarise them"))

const capacityCmd = Command.make("capacity", {
  file: Argument.String("capacity-file").pipe(Argument.withDescription("a capacity file (scenarios/capacity/*.json): scenario, option, lever(s), targets")),
  workers: workersFlag,
  replications: Flag.Int("replications").pipe(Flag.withAlias("r"), Flag.withDescription("replications per lever value (default: the file's)"), Flag.withSchema(Schema.Int.check(Schema.isGreaterThan(1, { message: "must be a whole number > 1" }))), Flag.optional),
  out: Flag.String("out").pipe(Flag.withDescription("also write the result as JSON to this file (write-then-rename)"), Flag.optional),
  json: Flag.Boolean("json").pipe(Flag.withDescription("print the result as JSON"), Flag.withDefault(false))
}, (o) => job(async (signal) => {
  const { loadCapacity, runCapacity, formatCapacity, writeCapacity } = await import("./capacity.ts")
  const { makeExecutor, defaultWorkers } = await import("../experiment/node/pool.ts")
  const c = loadCapacity(o.file)
  const reps = Option.getOrElse(o.replications, () => c.file.replications)
  const exec = makeExecutor(Math.min(reps, Option.getOrElse(o.workers, defaultWorkers)))
  try {
    const res = await runCapacity(c, exec, reps, signal, (e) => { if (process.stderr.isTTY) process.stderr.write(`  ${e.values.join(", ")}: ${e.met ? "met" : "missed"}\n`) })
    if (Option.isSome(o.out)) writeCapacity(o.out.value, res)
    process.stdout.write(o.json ? JSON.stringify(res, null, 1) + "\n" : formatCapacity(res))
  } finally {
    await exec.close()
  }
})).pipe(Command.withDescription("Find the smallest lever value (or cheapest combination of levers) that meets the targets with 95 % confidence, on common random numbers"))

export const experimentCommands = [sweepCmd, mergeCmd, capacityCmd] as const
