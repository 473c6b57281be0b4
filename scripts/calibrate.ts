/**
 * Calibration table: the model against the published figures it can be held against
 * (docs/calibration.md explains every row).
 *
 *   npx node scripts/calibrate.ts [scenario] [-r N] [--policy NAME]... [--set path=value]... [--months] [--json]
 *
 * Defaults: scenarios/new-delhi-2025.json, its replication count, policies fifo and main-first-2025.
 * `--set` changes one field before decoding (a sensitivity run), e.g.
 *   --set migri.pools.0.personYears=4 --set missions.0.identification.slotsPerDay=72
 *   --set policies.joint-family.rules.1.slotsPerAccompanyingMember=1
 * Prints Markdown tables: mean over replications with a 95 % t-interval. `--months` adds a table by
 * calendar month of the reported year (identifications, pool utilisation, students' Migri time by
 * decision month); `--json` prints every metric as {policy: {metric: [mean, half-width]}} instead.
 *
 * Published statistics count decisions made in a period, whatever the application date, so the
 * processing-time rows use every decision the model made in that period of the reported year (also of
 * applications from the warm-up); hearing and appointment rows use the reported application cohort.
 * Migri time = pending after identification → decision. Mission rows are for the first mission; the family
 * rows (duplicated subsistence checks, expired-evidence requests) count the reported cohort of all missions.
 */
import { loadScenario, readScenarioObject } from "../src/cli/load.ts"
import { decodeScenario, formatProblems } from "../src/scenario/decode.ts"
import { CATEGORIES, type Scenario } from "../src/scenario/schema.ts"
import { compileScenario, runReplication, type TraceRow } from "../src/model/embassy.ts"
import { effectivePools } from "../src/model/compile.ts"
import type { ReplicationResult } from "../src/model/results.ts"
import { summarize } from "../src/experiment/summarize.ts"

// ---- arguments
const args = process.argv.slice(2)
let file = "scenarios/new-delhi-2025.json"
let reps: number | undefined
let months = false, json = false
const policies: string[] = []
const sets: Array<[string, unknown]> = []
for (let i = 0; i < args.length; i++) {
  const a = args[i]!
  if (a === "-r" || a === "--replications") reps = Number(args[++i])
  else if (a === "--policy") policies.push(args[++i]!)
  else if (a === "--months") months = true
  else if (a === "--json") json = true
  else if (a === "--set") {
    const s = args[++i]!
    const eq = s.indexOf("=")
    sets.push([s.slice(0, eq), JSON.parse(s.slice(eq + 1)) as unknown])
  } else file = a
}

const load = (): Scenario => {
  if (sets.length === 0) {
    const l = loadScenario(file)
    if (!l.ok) { console.error(formatProblems(l.problems).join("\n")); process.exit(2) }
    return l.value
  }
  const o = readScenarioObject(file)
  if (!o.ok) { console.error(formatProblems(o.problems).join("\n")); process.exit(2) }
  const obj = structuredClone(o.value) as Record<string, unknown>
  for (const [path, value] of sets) {
    // a dotted path; numbers index arrays (missions.0.identification.slotsPerDay)
    const keys = path.split(".")
    let x = obj
    for (const k of keys.slice(0, -1)) x = x[k] as Record<string, unknown>
    x[keys[keys.length - 1]!] = value
  }
  const d = decodeScenario(obj)
  if (!d.ok) { console.error(formatProblems(d.problems).join("\n")); process.exit(2) }
  return d.value
}

const scenario = load()
const n = reps ?? scenario.replications
if (policies.length === 0) policies.push("fifo", "main-first-2025")

// ---- per replication metrics
type Metrics = Record<string, number>

const mean = (xs: ReadonlyArray<number>): number => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length)

const measure = (policy: string): Metrics[] => {
  const cs = compileScenario(scenario, policy)
  const day = (iso: string) => cs.cal.dayOf(iso)
  const y = Number(scenario.start.slice(0, 4))
  const first = cs.reportedFirst, end = cs.reportedEnd
  const jan1 = first, aug1 = day(`${y}-08-01`), sep1 = day(`${y}-09-01`), oct1 = day(`${y}-10-01`)
  const out: Metrics[] = []
  for (let i = 0; i < n; i++) {
    const run = runReplication(cs, i, { trace: true })
    const r: ReplicationResult = run.result
    // seasonal workers (issue 8) are an intake of their own, not the published work-based figures
    const tr: TraceRow[] = (run.trace ?? []).filter((t) => !t.seasonal)
    const decided = tr.filter((t) => !Number.isNaN(t.decided))
    const mt = (t: TraceRow) => t.decided - t.identified
    const inP = (a: number, b: number) => (t: TraceRow) => t.decided >= a && t.decided < b
    const main = (c: ReadonlyArray<string>) => (t: TraceRow) => t.role === "main" && c.includes(t.category)
    const st = decided.filter(main(["student"]))
    const sp = decided.filter(main(["specialist"]))
    const work = decided.filter(main(["worker", "specialist", "fastTrack"]))
    const stJanJul = st.filter(inP(jan1, aug1))
    const m: Metrics = {}
    m.studentWithin30JanJul = stJanJul.filter((t) => mt(t) <= 30).length / stJanJul.length
    m.studentMeanSep = mean(st.filter(inP(sep1, oct1)).map(mt))
    m.studentMeanYear = mean(st.filter(inP(first, end)).map(mt))
    m.specialistMeanSep = mean(sp.filter(inP(sep1, oct1)).map(mt))
    m.specialistMeanYear = mean(sp.filter(inP(first, end)).map(mt))
    m.specialistPositiveYear = mean(sp.filter(inP(first, end)).filter((t) => t.positive).map(mt))
    m.workPositiveSep = mean(work.filter(inP(sep1, oct1)).filter((t) => t.positive).map(mt))
    m.workNegativeYear = mean(work.filter(inP(first, end)).filter((t) => !t.positive).map(mt))
    m.workerPositiveYear = mean(decided.filter(main(["worker"])).filter(inP(first, end)).filter((t) => t.positive).map(mt))
    const posYear = decided.filter(main(CATEGORIES)).filter(inP(first, end)).filter((t) => t.positive)
    m.positiveMainYear = mean(posYear.map(mt))
    // national mix 2024: students 48.5 %, work-based 51.5 % of first applications (ref 1.4, 1.11)
    m.positiveMainYearNationalMix = 0.485 * mean(posYear.filter((t) => t.category === "student").map(mt)) + 0.515 * mean(posYear.filter((t) => t.category !== "student").map(mt))
    // hearings: share of the reported cohort's decided main applicants (and incl. family members)
    const gs = r.groups
    const share = (sel: (role: string) => boolean) => {
      const g = gs.filter((x) => sel(x.role))
      return g.reduce((s, x) => s + x.hearingShare * x.decided, 0) / g.reduce((s, x) => s + x.decided, 0)
    }
    m.specialistPositiveWithin7 = gs.find((x) => x.group === "specialist")?.positiveWithinTargetShare ?? NaN
    m.hearingShareMain = share((role) => role === "main")
    m.hearingShareAll = share(() => true)
    // appointment waits of the reported cohort
    const g = (name: string) => gs.find((x) => x.group === name)!
    m.studentApptMean = g("student").apptWaitMean
    m.studentApptP90 = g("student").apptWaitP90
    m.familyApptMean = g("student-family").apptWaitMean
    const cohort = tr.filter((t) => t.reported && !Number.isNaN(t.identified))
    m.maxApptWait = Math.max(...cohort.map((t) => t.identified - t.arrival))
    m.apptWaitSummer = mean(cohort.filter((t) => t.arrival >= day(`${y}-05-01`) && t.arrival < aug1 && !(t.category === "specialist" || t.category === "fastTrack")).map((t) => t.identified - t.arrival))
    m.peakIdQueue = Math.max(...r.missions[0]!.idQueueWeekly)
    m.idUtilisation = r.missions[0]!.idUtilisation
    m.officerUtilisation = r.missions[0]!.officerUtilisation
    m.studentsAfterStart = r.family.studentsDecidedAfterStudyStartShare
    // family members of the reported cohort: subsistence rechecks, and supplementary requests because the
    // evidence of the online application had expired when the handler took the case up (end of first handling)
    m.duplicatedChecks = r.family.duplicatedSubsistenceChecks
    m.expiredEvidence = r.family.expiredSubsistenceEvidence
    // cohort means by group (as in the run report): appointment wait and Migri time
    for (const x of gs) { m[`appt:${x.group}`] = x.apptWaitMean; m[`migri:${x.group}`] = x.migriMean }
    // by calendar month of the reported year: identifications (everyone identified that month, any cohort),
    // pool utilisation, students' mean Migri time by month of decision
    for (let k = 0; k < 12; k++) {
      const a = day(`${y}-${String(k + 1).padStart(2, "0")}-01`), b = k === 11 ? day(`${y + 1}-01-01`) : day(`${y}-${String(k + 2).padStart(2, "0")}-01`)
      const idIn = (t: TraceRow) => t.identified >= a && t.identified < b
      m[`idStudents:${k}`] = tr.filter((t) => t.category === "student" && t.role === "main" && idIn(t)).length
      m[`idFamily:${k}`] = tr.filter((t) => t.role === "family" && t.category !== "specialist" && t.category !== "fastTrack" && idIn(t)).length
      m[`idWorkers:${k}`] = tr.filter((t) => t.category === "worker" && t.role === "main" && idIn(t)).length
      m[`studentMigriByDecision:${k}`] = mean(st.filter(inP(a, b)).map(mt))
      r.migri.pools.forEach((p, pi) => { m[`utilMonth:${p.id}:${k}`] = p.byMonth.hoursUsed[k]! / p.byMonth.hoursOffered[k]! })
    }
    // productivity: decisions made in the reported year per htv of handler time used, and per rostered htv
    const hoursPerHtv = scenario.migri.productiveHoursPerPersonYear
    cs.pools.forEach((p, pi) => {
      const dec = decided.filter(inP(first, end)).filter((t) => cs.poolOf[CATEGORIES.indexOf(t.category)]![t.role === "main" ? 0 : 1] === pi).length
      const used = r.migri.pools[pi]!.hoursUsed
      m[`prodUsed:${p.id}`] = dec / (used / hoursPerHtv)
      m[`prodRostered:${p.id}`] = dec / p.personYears
      m[`util:${p.id}`] = r.migri.pools[pi]!.utilisation
    })
    out.push(m)
  }
  return out
}

const results = new Map(policies.map((p) => [p, measure(p)]))

if (json) {
  const out: Record<string, Record<string, [number | null, number | null]>> = {}
  for (const p of policies) {
    const ms = results.get(p)!
    out[p] = {}
    for (const k of Object.keys(ms[0] ?? {})) {
      const s = summarize(ms.map((m) => m[k] ?? NaN))
      out[p]![k] = [s.mean, s.ciHigh === null || s.mean === null ? null : s.ciHigh - s.mean]
    }
  }
  console.log(JSON.stringify(out))
  process.exit(0)
}

// ---- printing
const fmt = (key: string, kind: "pct" | "d" | "n" | "int"): string[] =>
  policies.map((p) => {
    const s = summarize(results.get(p)!.map((m) => m[key] ?? NaN))
    if (s.mean === null) return "–"
    const half = s.ciHigh === null ? NaN : (s.ciHigh - s.mean)
    const f = (x: number) => kind === "pct" ? (100 * x).toFixed(1) : kind === "int" ? x.toFixed(0) : x.toFixed(1)
    return `${f(s.mean)}${Number.isNaN(half) ? "" : ` ± ${f(half)}`}${kind === "pct" ? " %" : ""}`
  })

const row = (label: string, published: string, source: string, key: string, kind: "pct" | "d" | "n" | "int") =>
  `| ${label} | ${published} | ${source} | ${fmt(key, kind).join(" | ")} |`

const head = (cols: string) => [`| ${cols} | ${policies.join(" | ")} |`, `|${" --- |".repeat(cols.split("|").length + policies.length)}`]
const sets_ = sets.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ")
console.log(`Scenario ${scenario.name} (${file}${sets_ ? `; ${sets_}` : ""}), ${n} replications per policy, seed ${String(scenario.seed)}; model values: mean ± 95 % CI half-width.\n`)
console.log([
  ...head("quantity | published | source"),
  row("Students: share of decisions Jan–Jul with Migri time ≤ 30 d (by decision date)", "94 % (2024); 60 % (2023)", "ref 5.5, 5.4", "studentWithin30JanJul", "pct"),
  row("Students: mean Migri time, decisions in September", "8 d (Sep 2024); 36 d (Sep 2023)", "ref 5.6", "studentMeanSep", "d"),
  row("Students: mean Migri time, decisions of the year", "23 d (2022); 38 d (2023)", "[PA]", "studentMeanYear", "d"),
  row("Specialists: mean Migri time, decisions in September", "9 d (Sep 2024)", "ref 5.6", "specialistMeanSep", "d"),
  row("Specialists: mean Migri time, decisions of the year", "9 d (2022); 14 d (2023)", "[PA]", "specialistMeanYear", "d"),
  row("Specialists: positive decisions, mean", "target 7 d", "[PA], ref 5.3", "specialistPositiveYear", "d"),
  row("Specialists: positive decisions within 7 d (reported cohort)", "–", "", "specialistPositiveWithin7", "pct"),
  row("Work-based (workers + fast track) positive decisions, September", "23 d (Sep 2024)", "ref 5.6", "workPositiveSep", "d"),
  row("Workers (TTOL) positive decisions, year", "TTOL total 80 d (2022), 83 d (2023), incl. partial decision", "[PA]", "workerPositiveYear", "d"),
  row("Work-based negative decisions, year", "87 d (Sep 2024)", "ref 5.6", "workNegativeYear", "d"),
  row("Positive decisions, all main applicants, year (New Delhi mix)", "18–19 d (2024)", "[SG] §7", "positiveMainYear", "d"),
  row("— reweighted to the national mix (48.5 % students)", "18–19 d (2024)", "[SG] §7; ref 1.4, 1.11", "positiveMainYearNationalMix", "d"),
  row("Hearing share, main applicants", "≈ 14 %", "[SG] §3, ref 6.2", "hearingShareMain", "pct"),
  row("Hearing share, main applicants and family members", "–", "", "hearingShareAll", "pct")
].join("\n"))
console.log("\nAppointments and capacity (reported cohort / reported year)\n")
console.log([
  ...head("quantity | published | source"),
  row("Students: mean appointment wait", "no figure (gap 4.7)", "", "studentApptMean", "d"),
  row("Students: P90 appointment wait", "", "", "studentApptP90", "d"),
  row("Student family members: mean appointment wait", "", "", "familyApptMean", "d"),
  row("Non-fast-track applying May–Jul: mean appointment wait", "queues May–Jul", "ref 2.11, 3.14", "apptWaitSummer", "d"),
  row("Longest appointment wait (per replication)", "up to 6 months (2022)", "ref 4.4", "maxApptWait", "d"),
  row("Peak identification queue (applicants)", "–", "", "peakIdQueue", "int"),
  row("Identification slot utilisation", "capacity ≈ demand by design", "ref 9.4", "idUtilisation", "pct"),
  row("Mission officer utilisation", "–", "", "officerUtilisation", "pct"),
  row("Students decided after their study start", "–", "", "studentsAfterStart", "pct"),
  row("Family members: duplicated subsistence checks", "subsistence examined twice", "[SG] §3", "duplicatedChecks", "int"),
  row("Family members: expired-evidence requests", "evidence expires", "[SG] §3", "expiredEvidence", "int")
].join("\n"))
console.log("\nMigri productivity: decisions made in the reported year per htv of handler hours used (hours ÷ productive hours per htv), per rostered htv (pool personYears), and utilisation\n")
console.log([
  ...head("pool | published decisions per htv | source"),
  ...effectivePools(scenario).flatMap((p) => {
    const pub = p.id === "study" ? "1,501 (2023); 1,500 (2024 target); 1,550 (2025 target)" : p.id === "work" ? "TTOL 1,274 (2023); 1,430 (2024 target); 800 (2025 target)" : p.id === "fast-track" ? "specialists 1,106 (2023); 1,350 (2024 target); 1,450 (2025 target)" : "–"
    return [
      `| ${p.id}: per htv used | ${pub} | ${pub === "–" ? "" : "[PA]"} | ${fmt(`prodUsed:${p.id}`, "int").join(" | ")} |`,
      `| ${p.id}: per rostered htv (${p.personYears}) | | | ${fmt(`prodRostered:${p.id}`, "int").join(" | ")} |`,
      `| ${p.id}: utilisation | | | ${fmt(`util:${p.id}`, "pct").join(" | ")} |`
    ]
  })
].join("\n"))

if (months) {
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
  const cell = (p: string, key: string, kind: "pct" | "d" | "int") => {
    const s = summarize(results.get(p)!.map((m) => m[key] ?? NaN))
    return s.mean === null ? "–" : kind === "pct" ? `${(100 * s.mean).toFixed(0)} %` : kind === "int" ? s.mean.toFixed(0) : s.mean.toFixed(1)
  }
  const allCols: Array<[string, string, "pct" | "d" | "int"]> = [
    ["students identified", "idStudents", "int"],
    ["family members identified (students', workers')", "idFamily", "int"],
    ["workers identified", "idWorkers", "int"],
    ["study pool busy", "utilMonth:study", "pct"],
    ["family pool busy", "utilMonth:family", "pct"],
    ["students' Migri time, decisions of the month", "studentMigriByDecision", "d"]
  ]
  // pool rows only for pools the scenario has
  const cols = allCols.filter(([, k]) => !k.startsWith("utilMonth:") || effectivePools(scenario).some((p) => `utilMonth:${p.id}` === k))
  console.log("\nBy calendar month of the reported year (means over replications; identifications of any application date)\n")
  console.log([
    `| quantity | policy | ${names.join(" | ")} |`,
    `|${" --- |".repeat(14)}`,
    ...cols.flatMap(([label, key, kind]) => policies.map((p) => `| ${label} | ${p} | ${names.map((_, k) => cell(p, `${key}:${k}`, kind)).join(" | ")} |`))
  ].join("\n"))
}
