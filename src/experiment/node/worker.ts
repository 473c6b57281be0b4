/**
 * The worker-thread side of the pool (piscina runs this .ts file directly on Node 24): one unit per
 * call; compiled scenarios are cached by hash, so a worker compiles each scenario once.
 */
import type { ReplicationResult } from "../../model/results.ts"
import { CompiledCache, runUnit, type UnitTask } from "../units.ts"

const cache = new CompiledCache()

export default function run(task: UnitTask): ReplicationResult {
  return runUnit(cache, task)
}
