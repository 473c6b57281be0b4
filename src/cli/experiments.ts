/**
 * The experiment commands (sweep, merge, capacity) and the worker pool behind `run --workers`.
 * Registered in commands.ts with one line; everything else lives in this file and its siblings.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Flag from "effect/cli/Flag"
import type { CompareOutcome, RunSpec } from "../experiment/run.ts"

export const workersFlag = Flag.Int("workers").pipe(
  Flag.withAlias("w"),
  Flag.withDescription("worker threads (default: the cores available; 1 runs on the main thread); results are identical whatever the number"),
  Flag.withSchema(Schema.Int.check(Schema.isGreaterThan(0, { message: "must be a whole number > 0" }))),
  Flag.optional
)

/** Runs options on common random numbers on a worker pool (loaded only when used: worker threads cost start-up time). */
export const runOnWorkers = (
  specs: ReadonlyArray<RunSpec>,
  workers: { _tag: "Some"; value: number } | { _tag: "None" },
  options: { paths?: ReadonlyArray<string>; perReplication?: boolean; onProgress?: (done: number, total: number) => void }
): Effect.Effect<CompareOutcome> =>
  Effect.promise(async (signal) => {
    const [{ makeExecutor, defaultWorkers }, { runCompare }] = await Promise.all([import("../experiment/node/pool.ts"), import("../experiment/run.ts")])
    const total = specs.reduce((a, s) => a + s.replications, 0)
    const exec = makeExecutor(Math.min(workers._tag === "Some" ? workers.value : defaultWorkers(), total))
    try {
      return await runCompare(specs, exec, { ...options, signal })
    } finally {
      await exec.close()
    }
  })

export const experimentCommands = [] as const
