/** Messages between the page and its simulation workers (structured clone; NaN survives). */
import type { ReplicationResult } from "../src/model/results.ts"
import type { Scenario } from "../src/scenario/schema.ts"

/** `label` names the run (a policy, or a policy under the other Migri staffing assumption: "fifo · shared"). */
export interface RunJob { readonly type: "job"; readonly runId: number; readonly label: string; readonly scenario: Scenario; readonly policy: string; readonly seed: string | number; readonly replication: number }
export type ToWorker = RunJob
export type FromWorker =
  | { readonly type: "rep"; readonly runId: number; readonly label: string; readonly replication: number; readonly result: ReplicationResult; readonly ms: number }
  | { readonly type: "error"; readonly runId: number; readonly message: string }
