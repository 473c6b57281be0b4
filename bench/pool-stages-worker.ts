/**
 * The worker of bench/pool-stages.ts: the pool's own worker (src/experiment/node/worker.ts) with
 * each unit's wall and thread-CPU time returned beside its result, and the thread's totals on ask.
 * EMBASSY_SIM_STAGES_AT_ONCE=1 runs each unit as soon as its message is read (the handler before
 * each unit got its own macrotask), to compare.
 */
import { threadId } from "node:worker_threads"
import type { ReplicationResult } from "../src/model/results.ts"
import type { UnitTask } from "../src/experiment/units.ts"
import { runNow } from "../src/experiment/node/worker.ts"

export interface StageTiming { readonly threadId: number; readonly start: number; readonly end: number; readonly cpuMs: number }
export type StageReply = { readonly result: ReplicationResult; readonly timing: StageTiming } | { readonly threadCpuMs: number; readonly threadId: number }

const timed = (task: UnitTask): StageReply => {
  const start = performance.timeOrigin + performance.now(), c0 = process.threadCpuUsage()
  const result = runNow(task)
  const c = process.threadCpuUsage(c0)
  return { result, timing: { threadId, start, end: performance.timeOrigin + performance.now(), cpuMs: (c.user + c.system) / 1000 } }
}

/** As the pool's handler (src/experiment/node/worker.ts), each unit from its own macrotask (--at-once: not). */
export default function handler(task: UnitTask | { readonly totals: true }): StageReply | Promise<StageReply> {
  if ("totals" in task) { const c = process.threadCpuUsage(); return { threadCpuMs: (c.user + c.system) / 1000, threadId } }
  if (process.env.EMBASSY_SIM_STAGES_AT_ONCE === "1") return timed(task)
  return new Promise((resolve, reject) => { setImmediate(() => { try { resolve(timed(task)) } catch (e) { reject(e) } }) })
}
