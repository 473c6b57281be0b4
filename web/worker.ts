/**
 * A simulation worker: runs one replication per job with the same src/ code as the CLI (common random
 * numbers: replication i of every policy uses the same named streams) and posts its result back.
 */
import { compileScenario, runReplication, type CompiledScenario } from "../src/model/embassy.ts"
import { ensureHolidays } from "./holidays.ts"
import type { FromWorker, ToWorker } from "./protocol.ts"

// compiled once per run and run label (a policy under a staffing assumption; jobs of a run's labels arrive interleaved)
let compiled = new Map<string, CompiledScenario>()
let compiledRun = -1

const post = (m: FromWorker) => self.postMessage(m)

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const job = ev.data
  if (job.type === "warm") {
    try {
      await ensureHolidays(job.scenario)
      runReplication(compileScenario(job.scenario, job.policy), 0)
    } catch { /* a warm-up that fails changes nothing: the real run reports its own errors */ }
    return
  }
  try {
    await ensureHolidays(job.scenario)
    if (job.runId !== compiledRun) { compiled = new Map(); compiledRun = job.runId }
    let cs = compiled.get(job.label)
    if (cs === undefined) { cs = compileScenario(job.scenario, job.policy); compiled.set(job.label, cs) }
    const t0 = performance.now()
    const r = runReplication(cs, job.replication, { seed: job.seed }).result
    post({ type: "rep", runId: job.runId, label: job.label, replication: job.replication, result: r, ms: performance.now() - t0 })
  } catch (e) {
    post({ type: "error", runId: job.runId, message: e instanceof Error ? e.message : String(e) })
  }
}
