/**
 * The model's own steady-state backlog on a date, as a `startState` for a scenario:
 *
 *   npm run start-state -- scenarios/new-delhi-2025.json --date 2024-12-01 [--policy P] [--years 3] [--replications 20]
 *
 * Runs the scenario (without its startState) from empty queues for `years` years up to the date under
 * the policy (default: the scenario's), and counts per mission and group the applicants waiting for
 * their appointment and the cases pending at Migri on the date (and how many of those had had their
 * first handling): the mean over the replications (the
 * numbers a startState states), with the 10–90 % range across replications beside them on stderr.
 * It also fits, per category, the days from a main applicant's application to the decision (mains who
 * applied in the year before the date) as a lognormal by median and 90th percentile: the
 * `familyToFollow.mainDecidedAfterDays` of the state. Prints the startState as JSON on stdout.
 *
 * Three years from empty reach the seasonal steady state of the bundled scenarios (docs/model.md,
 * "The start of the simulation"): the appointment queue on 1 January after one, two and three years
 * is ≈ 760, 990 and 1,030 in the New Delhi baseline. Use Migri's and the mission's own statistics
 * instead where they exist: the figure the tool computes is the model's, not an observation.
 */
import { parseArgs } from "node:util"
import { readScenarioObject } from "../src/cli/load.ts"
import { decodeScenario } from "../src/scenario/decode.ts"
import { compileScenario, runReplication } from "../src/model/embassy.ts"
import { CATEGORIES, GROUPS } from "../src/scenario/names.ts"
import type { Scenario } from "../src/scenario/schema.ts"

const fail = (msg: string): never => { process.stderr.write(`start-state: ${msg}\n`); process.exit(2) }
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { date: { type: "string" }, policy: { type: "string" }, years: { type: "string", default: "3" }, replications: { type: "string", default: "20" } }
})
const file = positionals[0] ?? fail("usage: npm run start-state -- <scenario.json> --date YYYY-MM-DD [--policy P] [--years 3] [--replications 20]")
const date = values.date ?? fail("--date is required: the day the state holds (the simulation's first day of the scenario that will use it)")
if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date + "T00:00:00Z"))) fail(`--date: found ${date}; must be a date written YYYY-MM-DD`)
const years = Number(values.years), R = Number(values.replications)
if (!(Number.isInteger(years) && years >= 1 && years <= 5)) fail(`--years: found ${values.years}; must be a whole number from 1 to 5`)
// the run starts from empty queues: the scenario's own startState (perhaps inherited, for other missions) is left out
const obj = readScenarioObject(file)
if (!obj.ok) fail(obj.problems.map((p) => `${p.path}: ${p.message}`).join("; "))
const { startState: _drop, ...raw } = (obj as { ok: true; value: Record<string, unknown> }).value
// a whole intake year after the date: the model scales Migri's hours per working day to that year's
// working days (migriHoursPerDay), so a shorter one would change the handlers' capacity; the state is
// read at the date from the per-application trace
const decoded = decodeScenario({ ...raw, start: date, warmupDays: years * 365, intakeDays: 365, drainDays: 0 })
if (!decoded.ok) fail(decoded.problems.map((p) => `${p.path}: ${p.message}`).join("; "))
const sc: Scenario = (decoded as { ok: true; value: Scenario }).value
const base = sc
if (!(Number.isInteger(R) && R >= 2 && R <= 1000)) fail(`--replications: found ${values.replications}; must be a whole number from 2 to 1000`)
const policy = values.policy ?? base.policy
if (!Object.hasOwn(base.policies, policy)) fail(`--policy: found ${policy}; must be one of ${Object.keys(base.policies).join(", ")}`)

const T = years * 365
const cs = compileScenario(sc, policy)
const nG = GROUPS.length
const waiting = sc.missions.map(() => Array.from({ length: nG }, () => [] as number[]))
const pending = sc.missions.map(() => Array.from({ length: nG }, () => [] as number[]))
const past = sc.missions.map(() => Array.from({ length: nG }, () => [] as number[]))
const e2e = CATEGORIES.map(() => [] as number[])
for (let r = 0; r < R; r++) {
  const tr = runReplication(cs, r, { trace: true }).trace!
  const w = sc.missions.map(() => new Float64Array(nG)), p = sc.missions.map(() => new Float64Array(nG)), pf = sc.missions.map(() => new Float64Array(nG))
  for (const x of tr) {
    if (x.seasonal || x.origin !== "simulated" || !(x.arrival < T)) continue
    const mi = sc.missions.findIndex((m) => m.id === x.mission)
    const g = CATEGORIES.indexOf(x.category) * 2 + (x.role === "main" ? 0 : 1)
    if (!(x.identified < T)) w[mi]![g]!++
    else if (!(x.decided < T)) { p[mi]![g]!++; if (x.firstHandled < T) pf[mi]![g]!++ }
    if (x.role === "main" && x.decided < T && x.arrival >= T - 365) e2e[CATEGORIES.indexOf(x.category)]!.push(x.decided - x.arrival)
  }
  sc.missions.forEach((_, mi) => { for (let g = 0; g < nG; g++) { waiting[mi]![g]!.push(w[mi]![g]!); pending[mi]![g]!.push(p[mi]![g]!); past[mi]![g]!.push(pf[mi]![g]!) } })
}
const q = (xs: number[], f: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.max(0, Math.round(f * (s.length - 1))))]! }
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const counts = (xs: number[][]) => Object.fromEntries(GROUPS.map((g, i) => [g, Math.round(mean(xs[i]!))]))
const ranges: string[] = []
const missions = Object.fromEntries(sc.missions.map((m, mi) => {
  for (let g = 0; g < nG; g++) ranges.push(`${m.id} ${GROUPS[g]}: waiting ${Math.round(mean(waiting[mi]![g]!))} (10–90 % ${q(waiting[mi]![g]!, 0.1)}–${q(waiting[mi]![g]!, 0.9)}), pending at Migri ${Math.round(mean(pending[mi]![g]!))} (${q(pending[mi]![g]!, 0.1)}–${q(pending[mi]![g]!, 0.9)}), of which past the first handling ${Math.round(mean(past[mi]![g]!))}`)
  // rounded separately, so keep "past" within "pending"
  const pend = counts(pending[mi]!), pst = counts(past[mi]!)
  for (const g of GROUPS) pst[g] = Math.min(pst[g]!, pend[g]!)
  return [m.id, { waitingForAppointment: counts(waiting[mi]!), pendingAtMigri: pend, pastFirstHandling: pst }]
}))
const round1 = (x: number) => Math.round(x * 10) / 10
const mainDecidedAfterDays = Object.fromEntries(CATEGORIES.map((c, i) => {
  const xs = e2e[i]!
  if (xs.length < 10) return [c, { dist: "deterministic", value: 30 }]
  const med = Math.max(0.1, round1(q(xs, 0.5))), p90 = Math.max(med + 0.1, round1(q(xs, 0.9)))
  return [c, { dist: "lognormal", median: med, p90 }]
}))
const state = {
  date,
  source: `the model's steady state: npm run start-state -- ${file} --date ${date} --policy ${policy} --years ${years} --replications ${R} (means over the replications; an estimate, not an observation: replace with Migri's and the mission's figures where known)`,
  missions,
  familyToFollow: { mainDecidedAfterDays }
}
process.stderr.write(ranges.join("\n") + "\n")
process.stdout.write(JSON.stringify(state, null, 2) + "\n")
