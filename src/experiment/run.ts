/**
 * Running a scenario: replications with common random numbers (replication i of every policy uses the
 * same named streams), then the summary with confidence intervals and the provenance that makes the
 * result reproducible. Pure: no Node API.
 */
import { ENGINE_VERSION, RNG_ALGORITHM, RNG_VERSION, hashKey } from "../engine/index.ts"
import { compileScenario, runReplication } from "../model/embassy.ts"
import type { ReplicationResult } from "../model/results.ts"
import type { RunResult } from "../scenario/result-schema.ts"
import type { Scenario } from "../scenario/schema.ts"
import { summarizeResults, toJson } from "./summarize.ts"

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
export const scenarioHash = (s: Scenario): string => {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v
  return hashKey(JSON.stringify(canon(s)))
}

export interface Experiment {
  readonly result: RunResult
  readonly replications: ReadonlyArray<ReplicationResult>
}

/**
 * The result object of replications run elsewhere (worker threads, a browser's Web Workers), exactly as
 * runScenario writes it: the same replications give byte-identical JSON.
 */
export const assembleResult = (
  scenario: Scenario, policy: string, seed: string | number, reps: ReadonlyArray<ReplicationResult>,
  options: Pick<RunOptions, "perReplication" | "scenarioFile"> = {}
): RunResult => ({
  kind: "embassy-sim/run",
  provenance: {
    tool: "embassy-sim", toolVersion: TOOL_VERSION, engineVersion: ENGINE_VERSION,
    rng: { algorithm: RNG_ALGORITHM, version: RNG_VERSION },
    scenarioName: scenario.name, scenarioFile: options.scenarioFile ?? null, scenarioHash: scenarioHash(scenario), scenario,
    policy, seed, replications: reps.length
  },
  summary: toJson(summarizeResults(reps)) as RunResult["summary"],
  ...(options.perReplication === true ? { replications: reps.map(({ replication: _r, ...rest }) => toJson(rest)) as unknown as NonNullable<RunResult["replications"]> } : {})
})

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
  return assembleExperiment(scenario, options, reps)
}

/**
 * The experiment of replications 0 … reps.length − 1 of a scenario run with `options` (used by
 * runScenario, and by the CLI's stoppable loop, which runs the same replications one at a time).
 */
export const assembleExperiment = (scenario: Scenario, options: RunOptions, reps: ReadonlyArray<ReplicationResult>): Experiment => {
  const result = assembleResult(scenario, options.policy ?? scenario.policy, options.seed ?? scenario.seed, reps, options)
  return { result, replications: reps }
}
