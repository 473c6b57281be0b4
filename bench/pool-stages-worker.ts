/**
 * The worker of bench/pool-stages.ts: the pool's own worker (src/experiment/node/worker.ts) with
 * each unit's wall and thread-CPU time returned beside its result, and the thread's totals on ask.
 */
import { threadId } from "node:worker_threads"
import type { ReplicationResult } from "../src/model/results.ts"
import type { UnitTask } from "../src/experiment/units.ts"
import run from "../src/experiment/node/worker.ts"

export interface StageTiming { readonly threadId: number; readonly start: number; readonly end: number; readonly cpuMs: number }
export type StageReply = { readonly result: ReplicationResult; readonly timing: StageTiming } | { readonly threadCpuMs: number; readonly threadId: number }

export default function timed(task: UnitTask | { readonly totals: true }): StageReply {
  if ("totals" in task) { const c = process.threadCpuUsage(); return { threadCpuMs: (c.user + c.system) / 1000, threadId } }
  const start = performance.timeOrigin + performance.now(), c0 = process.threadCpuUsage()
  const result = run(task)
  const c = process.threadCpuUsage(c0)
  return { result, timing: { threadId, start, end: performance.timeOrigin + performance.now(), cpuMs: (c.user + c.system) / 1000 } }
}
