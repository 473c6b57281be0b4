/**
 * The worker-thread side of the pool (piscina runs this .ts file directly on Node 24): one unit per
 * call; compiled scenarios are cached by hash, so a worker compiles each scenario once.
 *
 * Node's compile cache is switched on before the model is imported (hence the dynamic import): a
 * thread then loads the ~140 modules it needs (the model, the engine, date-holidays and its
 * calendars) from cached bytecode on every start but the first — about half its start-up from the
 * sources. It changes nothing but load time.
 */
import nodeModule from "node:module"
import type { ReplicationResult } from "../../model/results.ts"
import type { UnitTask } from "../units.ts"

nodeModule.enableCompileCache?.()
const { CompiledCache, runUnit } = await import("../units.ts")
const cache = new CompiledCache()

/** Runs a unit now (synchronously). */
export const runNow = (task: UnitTask): ReplicationResult => runUnit(cache, task)

/**
 * The pool's handler. A worker holds two tasks (src/experiment/node/pool.ts); each runs from its own
 * macrotask, so that the first one's result is posted before the second one starts. Run at once,
 * both would start from the same turn of microtasks and the first result would wait for the second
 * unit: the results would come in pairs, and the worker would idle for a round trip every two units.
 */
export default function run(task: UnitTask): Promise<ReplicationResult> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try { resolve(runNow(task)) } catch (e) { reject(e) }
    })
  })
}
