/**
 * A pool of worker threads (piscina) running units (Node only; the browser uses Web Workers with the
 * same pure unit runner). `workers <= 1` runs inline on the calling thread: same results, no start-up.
 */
import { availableParallelism } from "node:os"
import { Piscina } from "piscina"
import type { ReplicationResult } from "../../model/results.ts"
import { inlineExecutor, type Executor, type UnitTask } from "../units.ts"

export const defaultWorkers = (): number => Math.max(1, availableParallelism())

/** The worker thread's module: from the sources the .ts beside this file; from the bundle (dist-cli/chunks/…) dist-cli/worker.js. */
export const workerFile = (): string =>
  (import.meta.url.endsWith(".ts") ? new URL("./worker.ts", import.meta.url) : new URL("../worker.js", import.meta.url)).href

/**
 * The pool's settings (bench/pool-stages.ts starts an instrumented pool with the same ones).
 * Two tasks per worker: the next unit waits in the worker's own queue while one runs, so a worker
 * never idles for the round trip (result to the main thread, next task back) between units.
 */
export const poolOptions = (workers: number, filename = workerFile()) => ({
  filename,
  minThreads: workers,
  maxThreads: workers,
  idleTimeout: 60_000,
  concurrentTasksPerWorker: 2
})

export const makeExecutor = (workers: number): Executor => {
  if (workers <= 1) return inlineExecutor()
  const pool = new Piscina<UnitTask, ReplicationResult>(poolOptions(workers))
  return { concurrency: workers, run: (t) => pool.run(t), close: () => pool.destroy() }
}
