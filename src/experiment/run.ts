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
import { StreamingPaired, StreamingSummary } from "./streaming.ts"
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

/** Runs a scenario on the calling thread (synchronous). */
export const runScenario = (scenario: Scenario, options: RunOptions = {}): Experiment => {
  const policy = options.policy ?? scenario.policy
  const seed = options.seed ?? scenario.seed
  const n = options.replications ?? scenario.replications
  const cs = compileScenario(scenario, policy)
  const reps: ReplicationResult[] = []
  const summary = new StreamingSummary()
  for (let i = 0; i < n; i++) {
    const r = runReplication(cs, i, { seed }).result
    summary.add(r)
    reps.push(r)
    options.onProgress?.(i + 1, n)
  }
  const result: RunResult = {
    kind: "embassy-sim/run",
    provenance: provenance(scenario, policy, seed, n, options.scenarioFile),
    summary: toJson(summary.result()) as RunResult["summary"],
    ...(options.perReplication === true ? { replications: perRepJson(reps) } : {})
  }
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
  /** paired differences (option − first option) of `paths`, per option (the first option's are zero) */
  readonly differences: Map<string, Summary>[]
  readonly stopped: boolean
}

/**
 * Runs several options on common random numbers on an executor. Units are ordered by (replication,
 * option), so each summary gets its replications in order and the paired differences stream: no
 * replication is kept unless asked (perReplication).
 */
export const runCompare = async (
  specs: ReadonlyArray<RunSpec>,
  exec: Executor = inlineExecutor(),
  options: { paths?: ReadonlyArray<string>; perReplication?: boolean; onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {}
): Promise<CompareOutcome> => {
  const hashes = specs.map((s) => scenarioHash(s.scenario))
  const maxN = Math.max(...specs.map((s) => s.replications))
  const tasks: UnitTask[] = []
  for (let r = 0; r < maxN; r++) {
    specs.forEach((s, j) => {
      if (r < s.replications) tasks.push({ key: { point: 0, option: s.label, replication: r }, scenarioHash: hashes[j]!, scenario: s.scenario, policy: s.policy, seed: s.seed })
    })
  }
  const summaries = specs.map(() => new StreamingSummary())
  const paired = specs.map(() => new StreamingPaired(options.paths ?? []))
  const kept: ReplicationResult[][] = specs.map(() => [])
  const optionIndex = new Map(specs.map((s, j) => [s.label, j]))
  let first: ReplicationResult | undefined
  const outcome = await schedule(tasks, exec, (res, task, i) => {
    const j = optionIndex.get(task.key.option)!
    summaries[j]!.add(res)
    if (j === 0) first = res
    if (first !== undefined && first.replication === res.replication) paired[j]!.add(first, res)
    if (options.perReplication === true) kept[j]!.push(res)
    options.onProgress?.(i + 1, tasks.length)
  }, { ordered: true, ...(options.signal !== undefined ? { signal: options.signal } : {}) })
  const results: RunResult[] = specs.map((s, j) => ({
    kind: "embassy-sim/run",
    provenance: provenance(s.scenario, s.policy, s.seed, summaries[j]!.count, s.scenarioFile),
    summary: toJson(summaries[j]!.result()) as RunResult["summary"],
    ...(options.perReplication === true ? { replications: perRepJson(kept[j]!) } : {})
  }))
  return { results, replications: kept, differences: paired.map((p) => p.result()), stopped: outcome.stopped }
}
