/**
 * A simulation worker: runs one replication per job with the same src/ code as the CLI (common random
 * numbers: replication i of every policy uses the same named streams) and posts its result back.
 */
import { compileScenario, runReplication, type CompiledScenario } from "../src/model/embassy.ts"
import { ensureHolidays } from "./holidays.ts"
import type { ReplicationResult } from "../src/model/results.ts"
import type { FromWorker, ToWorker } from "./protocol.ts"

// compiled scenarios by content (scenario and policy), and results of jobs started ahead by job
const compiled = new Map<string, CompiledScenario>()
const ahead = new Map<string, { result: ReplicationResult; ms: number }>()
const MAX_KEPT = 8

const keep = <T>(m: Map<string, T>, k: string, v: T) => {
  if (m.size >= MAX_KEPT) m.delete(m.keys().next().value!)
  m.set(k, v)
}

const post = (m: FromWorker) => self.postMessage(m)

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const job = ev.data
  const runId = job.runId
  try {
    await ensureHolidays(job.scenario)
    const scenarioKey = `${job.policy}\u0000${JSON.stringify(job.scenario)}`
    const jobKey = `${job.replication}\u0000${String(job.seed)}\u0000${typeof job.seed}\u0000${scenarioKey}`
    const kept = ahead.get(jobKey)
    if (job.type === "job" && kept !== undefined) {
      ahead.delete(jobKey)
      post({ type: "rep", runId, label: job.label, replication: job.replication, result: kept.result, ms: kept.ms })
      return
    }
    let cs = compiled.get(scenarioKey)
    if (cs === undefined) { cs = compileScenario(job.scenario, job.policy); keep(compiled, scenarioKey, cs) }
    const t0 = performance.now()
    const r = runReplication(cs, job.replication, { seed: job.seed }).result
    const ms = performance.now() - t0
    if (job.type === "ahead") keep(ahead, jobKey, { result: r, ms })
    else post({ type: "rep", runId, label: job.label, replication: job.replication, result: r, ms })
  } catch (e) {
    // a job started ahead that fails changes nothing: the run reports its own errors
    if (job.type === "job") post({ type: "error", runId, message: e instanceof Error ? e.message : String(e) })
  }
}
