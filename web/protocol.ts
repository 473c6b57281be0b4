/** Messages between the page and its simulation workers (structured clone; NaN survives). */
import type { ReplicationResult } from "../src/model/results.ts"
import type { Scenario } from "../src/scenario/schema.ts"

/** `label` names the run (a policy, or a policy under the other Migri staffing assumption: "fifo · shared"). */
export interface RunJob { readonly type: "job"; readonly runId: number; readonly label: string; readonly scenario: Scenario; readonly policy: string; readonly seed: string | number; readonly replication: number }
/**
 * Warm-up while the page waits for the user: one short replication whose result is thrown away, so
 * that the model's code is compiled by the browser's optimising tiers before the first real run
 * (the first replications of a cold worker take several times as long). Results never depend on it.
 */
export interface WarmJob { readonly type: "warm"; readonly scenario: Scenario; readonly policy: string }
export type ToWorker = RunJob | WarmJob
export type FromWorker =
  | { readonly type: "rep"; readonly runId: number; readonly label: string; readonly replication: number; readonly result: ReplicationResult; readonly ms: number }
  | { readonly type: "error"; readonly runId: number; readonly message: string }
