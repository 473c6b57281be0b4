/**
 * Running a scenario: replications with common random numbers (replication i of every policy uses the
 * same named streams), then the summary with confidence intervals and the provenance that makes the
 * result reproducible. Pure: no Node API. The replications run on any Executor (inline, worker
 * threads, Web Workers); summaries stream in replication order, so memory stays flat in the number
 * of replications and the numbers do not depend on the number of workers.
 */
import { ENGINE_VERSION, RNG_ALGORITHM, RNG_VERSION, hashKey } from "../engine/index.ts"
import { compileScenario, runReplication } from "../model/embassy.ts"
import type { ReplicationResult } from "../model/results.ts"
import type { RunResult, Summary } from "../scenario/result-schema.ts"
import type { Scenario } from "../scenario/schema.ts"
import { honestInterval, replicationsNeeded } from "./honest.ts"
import { metricAt, StreamingPaired, StreamingSummary } from "./streaming.ts"
import { toJson } from "./summarize.ts"
import { inlineExecutor, schedule, type Executor, type UnitTask } from "./units.ts"

export const TOOL_VERSION = "0.1.0"

export interface RunOptions {
  policy?: string
  seed?: string | number
  replications?: number
  /** Keep the per-replication metrics in the result. */
  perReplication?: boolean
  scenarioFile?: string | null
  onProgress?: (done: number, total: number) => void
}

/** A stable hash of the decoded scenario (key order normalised). */
export const scenarioHash = (s: Scenario): string => hashKey(canonicalJson(s))

/** JSON with object keys sorted (arrays keep their order): equal values give equal text. */
export const canonicalJson = (v: unknown): string => {
  const canon = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(canon) : x !== null && typeof x === "object" ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, canon((x as Record<string, unknown>)[k])])) : x
  return JSON.stringify(canon(v))
}

export interface Experiment {
  readonly result: RunResult
  /** every replication's result, in replication order (kept only with perReplication, or by the synchronous runScenario) */
  readonly replications: ReadonlyArray<ReplicationResult>
}

const provenance = (scenario: Scenario, policy: string, seed: string | number, n: number, scenarioFile: string | null | undefined): RunResult["provenance"] => ({
  tool: "embassy-sim", toolVersion: TOOL_VERSION, engineVersion: ENGINE_VERSION,
  rng: { algorithm: RNG_ALGORITHM, version: RNG_VERSION },
  scenarioName: scenario.name, scenarioFile: scenarioFile ?? null, scenarioHash: scenarioHash(scenario), scenario,
  policy, seed, replications: n
})

const perRepJson = (reps: ReadonlyArray<ReplicationResult>) => reps.map(({ replication: _r, ...rest }) => toJson(rest)) as unknown as NonNullable<RunResult["replications"]>

/**
 * The result object of replications run elsewhere (a browser's Web Workers),
 * exactly as runScenario writes it: the same replications give byte-identical JSON.
 */
export const assembleResult = (
  scenario: Scenario, policy: string, seed: string | number, reps: ReadonlyArray<ReplicationResult>,
  options: Pick<RunOptions, "perReplication" | "scenarioFile"> = {}
): RunResult => {
  const summary = new StreamingSummary()
  for (const r of reps) summary.add(r)
  return {
    kind: "embassy-sim/run",
    provenance: provenance(scenario, policy, seed, reps.length, options.scenarioFile),
    summary: toJson(summary.result()) as RunResult["summary"],
    ...(options.perReplication === true ? { replications: perRepJson(reps) } : {})
  }
}

/** Runs a scenario on the calling thread (synchronous). */
export const runScenario = (scenario: Scenario, options: RunOptions = {}): Experiment => {
  const policy = options.policy ?? scenario.policy
  const seed = options.seed ?? scenario.seed
  const n = options.replications ?? scenario.replications
  const cs = compileScenario(scenario, policy)
  const reps: ReplicationResult[] = []
  for (let i = 0; i < n; i++) {
    reps.push(runReplication(cs, i, { seed }).result)
    options.onProgress?.(i + 1, n)
  }
  const result = assembleResult(scenario, policy, seed, reps, options)
  return { result, replications: reps }
}

/** One option of a comparison: a scenario with its policy, seed and number of replications. */
export interface RunSpec {
  readonly label: string
  readonly scenario: Scenario
  readonly policy: string
  readonly seed: string | number
  readonly replications: number
  readonly scenarioFile?: string | null
}

export interface CompareOutcome {
  readonly results: RunResult[]
  /** every replication's result per option, only with perReplication */
  readonly replications: ReplicationResult[][]
  /** paired differences (option − its reference option, by default the first) of `paths`, per option (the reference's own are zero) */
  readonly differences: Map<string, Summary>[]
  readonly stopped: boolean
  /** with a precision rule: why the replications stopped where they did */
  readonly precision?: PrecisionOutcome
}

export interface CompareOptions {
  readonly paths?: ReadonlyArray<string>
  /** per option, the index of the option its differences are taken from (≤ its own index; default 0, the first) */
  readonly references?: ReadonlyArray<number>
  readonly perReplication?: boolean
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: AbortSignal
  readonly precision?: PrecisionRule
}

/**
 * Runs several options on common random numbers on an executor. Units are ordered by (replication,
 * option), so each summary gets its replications in order and the paired differences stream: no
 * replication is kept unless asked (perReplication). With a precision rule, replications are added
 * in batches (all options together, on the same streams) until the rule is met or its maximum.
 */
export const runCompare = async (specs: ReadonlyArray<RunSpec>, exec: Executor = inlineExecutor(), options: CompareOptions = {}): Promise<CompareOutcome> => {
  const hashes = specs.map((s) => scenarioHash(s.scenario))
  const summaries = specs.map(() => new StreamingSummary())
  const paired = specs.map(() => new StreamingPaired(options.paths ?? []))
  const kept: ReplicationResult[][] = specs.map(() => [])
  const optionIndex = new Map(specs.map((s, j) => [s.label, j]))
  const rule = options.precision
  const tracked = rule !== undefined ? specs.map(() => rule.targets.map(() => [] as number[])) : []
  let first: ReplicationResult | undefined
  // the latest result of each option: a reference (index ≤ j) has delivered replication r before option j does
  const latest: Array<ReplicationResult | undefined> = specs.map(() => undefined)
  const refs = specs.map((_, j) => {
    const r = options.references?.[j] ?? 0
    if (!(Number.isInteger(r) && r >= 0 && r <= j)) throw new Error(`runCompare: references[${j}] = ${r} must be an option index from 0 to ${j}`)
    return r
  })
  let delivered = 0
  const counts = specs.map(() => 0)
  const batch = async (from: ReadonlyArray<number>, to: ReadonlyArray<number>, total: number) => {
    const tasks: UnitTask[] = []
    for (let r = Math.min(...from); r < Math.max(...to); r++) {
      specs.forEach((s, j) => {
        if (r >= from[j]! && r < to[j]!) tasks.push({ key: { point: 0, option: s.label, replication: r }, scenarioHash: hashes[j]!, scenario: s.scenario, policy: s.policy, seed: s.seed })
      })
    }
    return schedule(tasks, exec, (res, task) => {
      const j = optionIndex.get(task.key.option)!
      summaries[j]!.add(res)
      counts[j]!++
      if (j === 0) first = res
      latest[j] = res
      const ref = latest[refs[j]!]
      if (ref !== undefined && ref.replication === res.replication) paired[j]!.add(ref, res)
      if (options.perReplication === true) kept[j]!.push(res)
      if (rule !== undefined) rule.targets.forEach((t, k) => { const v = metricAt(res, t.path); tracked[j]![k]!.push(typeof v === "number" ? v : NaN) })
      options.onProgress?.(++delivered, total)
    }, { ordered: true, ...(options.signal !== undefined ? { signal: options.signal } : {}) })
  }
  let stopped = false
  let precision: PrecisionOutcome | undefined
  if (rule === undefined) {
    stopped = (await batch(specs.map(() => 0), specs.map((s) => s.replications), specs.reduce((a, s) => a + s.replications, 0))).stopped
  } else {
    let n = Math.min(Math.max(2, specs[0]!.replications), rule.maxReplications)
    let done = 0
    for (;;) {
      const out = await batch(specs.map(() => done), specs.map(() => n), n * specs.length)
      done = n
      if (out.stopped) { stopped = true; precision = { met: false, replications: done, reason: "stopped by the user", metrics: checkPrecision(rule, specs, tracked).rows }; break }
      const unknown = rule.targets.find((t) => first !== undefined && !isNumberOrNull(metricAt(first, t.path)))
      if (unknown !== undefined) { precision = { met: false, replications: done, reason: `unknown metric path ${unknown.path} (paths as in the CSV output, e.g. groups.student.migriMean)`, metrics: [], unknownPath: unknown.path }; break }
      const c = checkPrecision(rule, specs, tracked)
      if (c.met && c.wanted <= done) { precision = { met: true, replications: done, reason: `every named metric's half-width is within its target after ${done} replications`, metrics: c.rows }; break }
      if (done >= rule.maxReplications) {
        const worst = c.rows.filter((r) => !r.met).map((r) => `${r.option} ${r.path} ±${fmt(r.halfWidth)} > ${r.target}`)
        precision = { met: false, replications: done, reason: `the maximum of ${rule.maxReplications} replications was reached: ${worst.length > 0 ? worst.join("; ") : "skewed metrics need more replications for an honest interval"}`, metrics: c.rows }
        break
      }
      n = Math.min(rule.maxReplications, Math.max(done + rule.batch, c.wanted))
    }
  }
  const results: RunResult[] = specs.map((s, j) => ({
    kind: "embassy-sim/run",
    provenance: provenance(s.scenario, s.policy, s.seed, counts[j]!, s.scenarioFile),
    summary: toJson(summaries[j]!.result()) as RunResult["summary"],
    ...(options.perReplication === true ? { replications: perRepJson(kept[j]!) } : {})
  }))
  return { results, replications: kept, differences: paired.map((p) => p.result()), stopped, ...(precision !== undefined ? { precision } : {}) }
}

const fmt = (x: number) => (Number.isFinite(x) ? (Math.abs(x) < 1 ? x.toFixed(4) : x.toFixed(2)) : "∞")

/** A precision rule: add replications until every named metric's interval half-width is within its target. */
export interface PrecisionRule {
  readonly targets: ReadonlyArray<{ readonly path: string; readonly halfWidth: number; readonly relative: boolean }>
  readonly batch: number
  readonly maxReplications: number
}

export interface PrecisionRow {
  readonly option: string
  readonly path: string
  readonly mean: number
  readonly halfWidth: number
  readonly target: string
  readonly method: "t" | "hall"
  readonly met: boolean
}

export interface PrecisionOutcome {
  readonly met: boolean
  readonly replications: number
  readonly reason: string
  readonly metrics: ReadonlyArray<PrecisionRow>
  /** set when a named metric does not exist in the results */
  readonly unknownPath?: string
}

const isNumberOrNull = (v: unknown): boolean => typeof v === "number" || v === null

/** Half-widths by the interval procedure of honest.ts (t, or Hall with ≥ 30 replications for skewed outputs). */
const checkPrecision = (rule: PrecisionRule, specs: ReadonlyArray<RunSpec>, tracked: number[][][]) => {
  const rows: PrecisionRow[] = []
  let wanted = 0
  specs.forEach((s, j) => rule.targets.forEach((t, k) => {
    const xs = tracked[j]![k]!.filter((x) => !Number.isNaN(x))
    wanted = Math.max(wanted, replicationsNeeded(xs))
    const mean = xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length)
    const { interval, method } = xs.length >= 2 ? honestInterval(xs) : { interval: [-Infinity, Infinity] as const, method: "t" as const }
    const half = (interval[1] - interval[0]) / 2
    const limit = t.relative ? t.halfWidth * Math.abs(mean) : t.halfWidth
    rows.push({ option: s.label, path: t.path, mean, halfWidth: half, target: t.relative ? `${100 * t.halfWidth} % of the mean (${fmt(limit)})` : String(t.halfWidth), method, met: half <= limit })
  }))
  return { rows, met: rows.every((r) => r.met), wanted }
}
