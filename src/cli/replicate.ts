/**
 * Replications the CLI can stop: the same replications as runScenario (src/experiment/run.ts, same
 * seeds, same order, byte-identical results), run one at a time with a look at the stop controller
 * between them.
 *
 * API
 *   runStoppable(scenario, options, stop, { label }): Promise<StoppableRun>
 *       runs options.replications (default: the scenario's); before each replication it lets pending
 *       signals in and stops when stop.requested(). The result then covers the completed
 *       replications and carries `partial` { requested, completed, stoppedBy }. After the first
 *       replication it prints on stderr how long the whole run will take when that is over 10 s.
 *       Progress goes to stderr (see progressReporter; pass one ui.clock to all the runs of a pack).
 *       `completed === 0` means there is nothing to report (stopped during the first replication).
 */
import { assembleExperiment, type Experiment, type RunOptions } from "../experiment/run.ts"
import { compileScenario, runReplication } from "../model/embassy.ts"
import type { ReplicationResult } from "../model/results.ts"
import type { Scenario } from "../scenario/schema.ts"
import { diag, formatDuration, progressReporter, yieldToSignals, type ProgressClock, type StopController, type StopSignal } from "./io.ts"

export interface StoppableRun {
  readonly experiment: Experiment | undefined
  readonly requested: number
  readonly completed: number
  readonly stoppedBy: StopSignal | undefined
}

/** Runs longer than this get an estimate of their duration on stderr before they go on. */
export const ESTIMATE_ABOVE_MS = 10_000

export const runStoppable = async (scenario: Scenario, options: RunOptions, stop: StopController, ui: { label: string; estimate?: boolean; clock?: ProgressClock }): Promise<StoppableRun> => {
  const n = options.replications ?? scenario.replications
  const seed = options.seed ?? scenario.seed
  const cs = compileScenario(scenario, options.policy ?? scenario.policy)
  const progress = progressReporter(ui.label, ui.clock !== undefined ? { clock: ui.clock } : {})
  const reps: ReplicationResult[] = []
  let stoppedBy: StopSignal | undefined
  for (let i = 0; i < n; i++) {
    await yieldToSignals()
    stoppedBy = stop.requested()
    if (stoppedBy !== undefined) break
    const t0 = performance.now()
    reps.push(runReplication(cs, i, { seed }).result)
    if (i === 0 && n > 1 && ui.estimate !== false) {
      const total = (performance.now() - t0) * n
      if (total > ESTIMATE_ABOVE_MS) diag(`${ui.label}: one replication took ${formatDuration(performance.now() - t0)}; ${n} replications will take about ${formatDuration(total)} (Ctrl-C stops after the current replication and keeps what is done)`)
    }
    progress(i + 1, n)
  }
  if (stoppedBy === undefined) { await yieldToSignals(); stoppedBy = reps.length < n ? stop.requested() : undefined }
  if (reps.length === 0) return { experiment: undefined, requested: n, completed: 0, stoppedBy }
  const exp = assembleExperiment(scenario, options, reps)
  if (reps.length === n) return { experiment: exp, requested: n, completed: n, stoppedBy: undefined }
  const partial = { requested: n, completed: reps.length, stoppedBy: stoppedBy ?? "SIGTERM" }
  return { experiment: { ...exp, result: { ...exp.result, partial } }, requested: n, completed: reps.length, stoppedBy }
}
