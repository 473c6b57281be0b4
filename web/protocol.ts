/** Messages between the page and its simulation workers (structured clone; NaN survives). */
import type { ReplicationResult } from "../src/model/results.ts"
import type { Scenario } from "../src/scenario/schema.ts"

/** `label` names the run (a policy, or a policy under the other Migri staffing assumption: "fifo · shared"). */
export interface RunJob { readonly type: "job"; readonly runId: number; readonly label: string; readonly scenario: Scenario; readonly policy: string; readonly seed: string | number; readonly replication: number }
/**
 * A job started before the user presses run: the first job the run on show would give this worker.
 * The worker keeps its result and answers the same job (scenario, policy, seed, replication) from it
 * when it comes, so the first run does not wait for the browser to compile the model (a cold worker's
 * first replications take several times as long). Results never depend on it: the kept result is the
 * one the job computes.
 */
export interface AheadJob extends Omit<RunJob, "type"> { readonly type: "ahead" }
export type ToWorker = RunJob | AheadJob
export type FromWorker =
  | { readonly type: "rep"; readonly runId: number; readonly label: string; readonly replication: number; readonly result: ReplicationResult; readonly ms: number }
  | { readonly type: "error"; readonly runId: number; readonly message: string }
