/**
 * Model speed: replications of the New Delhi baseline (scenarios/new-delhi-2025.json) with its default
 * policy, one thread. `npx node bench/model.ts` prints the figures (`--json` for JSON).
 *
 * The scenario is decoded and compiled once (public holidays, calendars, rates: ~0.1 s, not timed);
 * a few replications run untimed (JIT warm-up), then `blocks` blocks of the same `perBlock`
 * replications are timed, each as a whole (so a block includes the garbage collection a real
 * experiment pays for). Like the engine benchmarks (best of 5), the figures are from the best block;
 * the median block is reported beside it, since this VM's speed varies by up to ~25 % between runs.
 *
 * "Applications" counts every application the replication simulated: warm-up, reported year and drain,
 * main applicants and family members (result.totals.applications). `reportedApplicationsPerReplication`
 * counts those applying in the reported year, the cohort the results describe. The baseline starts
 * from the backlog stated for 1 December (31 days before the reported year) and ends with the
 * cohort's last decision (≈ 4 months after the year), so a replication holds about 1.6 years of
 * applications; `msPer13000Identifications` scales the time to the issue's yardstick (a
 * New Delhi year of about 13,000 identifications and their Migri cases).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import os from "node:os"
import { compileScenario, runReplication } from "../src/model/embassy.ts"
import { runMmc } from "./mmc.ts"
import { decodeScenario } from "../src/scenario/decode.ts"
import { printResults, type BenchOptions, type BenchRow } from "./util.ts"

export interface ModelBenchResult {
  /** wall time per replication in the best block, milliseconds */
  msPerReplication: number
  /** the same in the median block */
  msPerReplicationMedian: number
  /** simulated applications (warm-up, reported year and drain) per second of wall time, best block */
  applicationsPerSecond: number
  identificationsPerReplication: number
  eventsPerReplication: number
  applicationsPerReplication: number
  /** applications made in the reported year (the reported cohort) */
  reportedApplicationsPerReplication: number
  /** wall time per 13,000 identifications (a New Delhi year) and their cases, best block, milliseconds */
  msPer13000Identifications: number
  /** the same in the median block */
  msPer13000IdentificationsMedian: number
  /**
   * The machine's speed while the blocks ran: M/M/10 customers per second (the engine benchmark's
   * case, 200,000 customers run just before each block; the best). Not a normalisation (a slow phase
   * slows the model more than this case: ≈ 115–127 k customers per replication's time on a normal day (separate runs),
   * 144–169 k on a slow one), but it says which phase the milliseconds were taken in.
   */
  referenceCustomersPerSecond: number
  blocks: number
  perBlock: number
  policy: string
  /** what one replication simulates, in words */
  horizon: string
}

export const benchNewDelhiYear = (options: { blocks?: number; perBlock?: number; warmups?: number } = {}): ModelBenchResult => {
  const blocks = options.blocks ?? 5, perBlock = options.perBlock ?? 6, warmups = options.warmups ?? 3
  const root = join(import.meta.dirname, "..")
  const decoded = decodeScenario(JSON.parse(readFileSync(join(root, "scenarios/new-delhi-2025.json"), "utf8")))
  if (!decoded.ok) throw new Error("the baseline does not decode: " + decoded.problems.map((p) => `${p.path}: ${p.message}`).join("; "))
  const scenario = decoded.value
  const cs = compileScenario(scenario, scenario.policy)
  // warm-up replications use indices the timed blocks do not, so that nothing is cached between them
  for (let i = 0; i < warmups; i++) runReplication(cs, 1000 + i)
  let applications = 0, identifications = 0, events = 0, reported = 0
  const msPerRep: number[] = [], refRates: number[] = []
  runMmc(9, 1, 10, 200_000)
  for (let b = 0; b < blocks; b++) {
    const ref = runMmc(9, 1, 10, 200_000)
    refRates.push(ref.customers / ref.seconds)
    // every block runs the same replications: the same work, so the blocks' times compare
    const t0 = performance.now()
    for (let i = 0; i < perBlock; i++) {
      const r = runReplication(cs, i).result
      if (b === 0) {
        applications += r.totals.applications
        identifications += r.totals.identifications
        events += r.totals.events
        for (const g of r.groups) reported += g.arrived
      }
    }
    msPerRep.push((performance.now() - t0) / perBlock)
  }
  msPerRep.sort((x, y) => x - y)
  const best = msPerRep[0]!, median = msPerRep[Math.floor(msPerRep.length / 2)]!
  const refRate = Math.max(...refRates)
  const idsPerRep = identifications / perBlock
  return {
    msPerReplication: best,
    msPerReplicationMedian: median,
    applicationsPerSecond: applications / perBlock / (best / 1000),
    identificationsPerReplication: idsPerRep,
    eventsPerReplication: events / perBlock,
    applicationsPerReplication: applications / perBlock,
    reportedApplicationsPerReplication: reported / perBlock,
    msPer13000Identifications: (best * 13_000) / idsPerRep,
    msPer13000IdentificationsMedian: (median * 13_000) / idsPerRep,
    referenceCustomersPerSecond: refRate,
    blocks, perBlock,
    policy: scenario.policy,
    horizon: `${scenario.startState === undefined ? `${scenario.warmupDays}-day warm-up from empty queues` : `from the backlog stated for ${scenario.startState.date} (${scenario.warmupDays}-day warm-up)`} + reported year + at most ${scenario.drainDays} days (the run ends with the cohort's last decision)`
  }
}

/** The same as rows for bench/run.ts's table (add `{ name: "model", run: modelBenchmark }` to its list). */
export const modelBenchmark = (o: BenchOptions): BenchRow[] => {
  const r = benchNewDelhiYear({ blocks: o.quick ? 2 : o.repeats, perBlock: o.quick ? 2 : 6, warmups: o.quick ? 1 : 3 })
  const note = `New Delhi baseline, policy ${r.policy}, best of ${r.blocks} blocks of ${r.perBlock} replications`
  return [
    { benchmark: "model (New Delhi year)", case: "replication", value: r.msPerReplication, unit: "ms", note: `${note} (median block ${r.msPerReplicationMedian.toFixed(1)} ms): ${r.horizon}` },
    { benchmark: "model (New Delhi year)", case: "13,000 identifications", value: r.msPer13000Identifications, unit: "ms", note: `a New Delhi year's identifications and their Migri cases (median block ${r.msPer13000IdentificationsMedian.toFixed(1)} ms)` },
    { benchmark: "model (New Delhi year)", case: "applications", value: r.applicationsPerSecond / 1000, unit: "k/s", note: `${Math.round(r.applicationsPerReplication).toLocaleString("en-US")} per replication incl. warm-up and drain (${Math.round(r.reportedApplicationsPerReplication).toLocaleString("en-US")} in the reported year)` },
    { benchmark: "model (New Delhi year)", case: "identifications", value: r.identificationsPerReplication, unit: "per replication" },
    { benchmark: "model (New Delhi year)", case: "events", value: r.eventsPerReplication, unit: "per replication", note: `${((r.eventsPerReplication / r.msPerReplication) / 1000).toFixed(2)} M events/s` },
    // the VM's speed swings by up to 2× between days: the same run's reference says which phase the figures above were taken in
    { benchmark: "model (New Delhi year)", case: "machine reference", value: r.referenceCustomersPerSecond / 1e6, unit: "M cust./s", note: `M/M/10 (λ = 9, μ = 1), 200,000 customers before each block, best: this VM's speed while the blocks ran (3.7–4.1 on a normal day, 2.0–2.8 on a slow one, when a replication took 60–72 ms)` }
  ]
}

if (import.meta.main) {
  const json = process.argv.includes("--json")
  if (!json) process.stdout.write(`node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"}, one thread\n\n`)
  printResults(modelBenchmark({ repeats: 5, quick: process.argv.includes("--quick"), long: false }), json)
}
