/**
 * Units of work. A unit is one replication of one option (a scenario and a policy) at one point of
 * a design, keyed by (point, option, replication). Its random streams come from (seed, stream name,
 * replication) alone — never from the worker, the shard or the order of completion — so replication
 * i of every point and option runs on the same streams (common random numbers) and a unit gives the
 * same result wherever it runs. Pure: the same runner serves the CLI, worker threads and Web Workers.
 */
import { compileScenario, runReplication, type CompiledScenario } from "../model/embassy.ts"
import type { ReplicationResult } from "../model/results.ts"
import type { Scenario } from "../scenario/schema.ts"

export interface UnitKey {
  /** index of the design point (0 for a plain run) */
  readonly point: number
  /** the option's label (a policy name, or a pack's scenario label) */
  readonly option: string
  readonly replication: number
}

/** Total order of keys: point, then option (by its index in the option list), then replication. */
export const compareKeys = (optionOrder: ReadonlyArray<string>) => (a: UnitKey, b: UnitKey): number =>
  a.point - b.point || optionOrder.indexOf(a.option) - optionOrder.indexOf(b.option) || a.replication - b.replication

export const keyString = (k: UnitKey): string => `${k.point}|${k.option}|${k.replication}`

/** What a worker needs to run a unit: everything is in the message, nothing in the worker's state but a cache. */
export interface UnitTask {
  readonly key: UnitKey
  /** hash of the decoded scenario (the worker's cache key) */
  readonly scenarioHash: string
  readonly scenario: Scenario
  readonly policy: string
  readonly seed: string | number
}

/** Compiled scenarios by (hash, policy): a worker compiles each scenario once. Bounded, oldest dropped first. */
export class CompiledCache {
  private readonly map = new Map<string, CompiledScenario>()
  private readonly limit: number
  constructor(limit = 16) {
    this.limit = limit
  }
  get(task: Pick<UnitTask, "scenarioHash" | "scenario" | "policy">): CompiledScenario {
    const k = `${task.scenarioHash}|${task.policy}`
    let cs = this.map.get(k)
    if (cs === undefined) {
      cs = compileScenario(task.scenario, task.policy)
      if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value!)
      this.map.set(k, cs)
    }
    return cs
  }
}

/** Runs one unit. */
export const runUnit = (cache: CompiledCache, task: UnitTask): ReplicationResult =>
  runReplication(cache.get(task), task.key.replication, { seed: task.seed }).result

/** Something that runs units: inline (below), a worker-thread pool (src/experiment/node/pool.ts) or Web Workers. */
export interface Executor {
  readonly concurrency: number
  run(task: UnitTask): Promise<ReplicationResult>
  close(): Promise<void>
}

/** A macrotask: the event loop gets a turn first. Node's setImmediate does not wait for the 1 ms timer floor of setTimeout. */
const soon: (f: () => void) => void = typeof setImmediate === "function" ? (f) => { setImmediate(f) } : (f) => { setTimeout(f, 0) }

/**
 * Runs units on the calling thread. Each unit starts from a macrotask, not a microtask, so the event
 * loop gets a turn between units (Ctrl-C, progress output, a page's clicks are handled).
 */
export const inlineExecutor = (): Executor => {
  const cache = new CompiledCache()
  return {
    concurrency: 1,
    run: (t) => new Promise((resolve, reject) => { soon(() => { try { resolve(runUnit(cache, t)) } catch (e) { reject(e) } }) }),
    close: () => Promise.resolve()
  }
}

export interface ScheduleOptions {
  /** deliver results in the order of `tasks` (a bounded reorder buffer); otherwise as they complete */
  readonly ordered?: boolean
  /** units in flight at most (default: 2 × the executor's concurrency: one running and one queued per worker) */
  readonly window?: number
  /**
   * ordered: units submitted at most ahead of the first undelivered one (default 8 × window), so
   * that a slow unit at the head does not leave the other workers idle; bounds the results held.
   */
  readonly reorder?: number
  /** stop submitting when aborted; units in flight are waited for (ordered: delivered if their turn comes) */
  readonly signal?: AbortSignal
}

/**
 * Runs tasks on an executor with a bounded number in flight; `onResult` gets each result with its
 * task. With `ordered`, results come in task order, so a summary that depends on order (floating
 * point sums) is the same whatever the number of workers. Returns how many results were delivered.
 */
export const schedule = async (
  tasks: ReadonlyArray<UnitTask>,
  exec: Executor,
  onResult: (result: ReplicationResult, task: UnitTask, index: number) => void,
  options: ScheduleOptions = {}
): Promise<{ delivered: number; stopped: boolean }> => {
  const window = Math.max(1, options.window ?? exec.concurrency * 2)
  const reorder = Math.max(window, options.reorder ?? window * 8)
  const ordered = options.ordered ?? false
  const buffer = new Map<number, ReplicationResult>()
  let next = 0, nextToDeliver = 0, delivered = 0, inFlight = 0
  let failure: unknown = undefined
  const stopped = () => options.signal?.aborted === true || failure !== undefined
  return new Promise((resolve, reject) => {
    const finish = () => {
      if (failure !== undefined) reject(failure)
      else resolve({ delivered, stopped: delivered < tasks.length })
    }
    const deliver = (i: number, r: ReplicationResult) => {
      try {
        onResult(r, tasks[i]!, i)
        delivered++
      } catch (e) {
        failure ??= e
      }
    }
    const pump = () => {
      while (!stopped() && next < tasks.length && inFlight < window && (!ordered || next - nextToDeliver < reorder)) {
        const i = next++
        inFlight++
        exec.run(tasks[i]!).then(
          (r) => {
            inFlight--
            if (!ordered) deliver(i, r)
            else {
              buffer.set(i, r)
              while (buffer.has(nextToDeliver) && failure === undefined) {
                const x = buffer.get(nextToDeliver)!
                buffer.delete(nextToDeliver)
                deliver(nextToDeliver++, x)
              }
            }
            pump()
          },
          (e: unknown) => {
            inFlight--
            failure ??= e
            pump()
          }
        )
      }
      if (inFlight === 0 && (stopped() || next >= tasks.length)) finish()
    }
    pump()
  })
}
