/**
 * The coming season (issue 8): the 2026 baseline validates and runs; programme starts never precede
 * the application and, with unlimited mission and Migri capacity, no student misses a reachable start;
 * costs (an option with no extra staff costs nothing extra; doubling the people sent doubles the travel
 * cost and the Migri hours lost); the mean family size lever; the pack's answers hold every option
 * against both references with paired differences on common random numbers.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Calendar } from "../../src/engine/index.ts"
import { seasonCost } from "../../src/model/costs.ts"
import { compileScenario, runReplication } from "../../src/model/embassy.ts"
import { drawStudyStart, familyMean, familyWeights, reachDays } from "../../src/model/season.ts"
import { runScenario } from "../../src/experiment/run.ts"
import { pairedDifferences } from "../../src/experiment/summarize.ts"
import { decisionAnswers, formatDecision } from "../../src/cli/decision.ts"
import { notComparable } from "../../src/present/season.ts"
import { decodeScenario } from "../../src/scenario/decode.ts"
import type { Scenario, StudyTerm } from "../../src/scenario/schema.ts"
import { decodeOrThrow, scenarioRaw } from "../model/support.ts"

const raw2026 = () => scenarioRaw("new-delhi-2026.json")

/** The 2026 baseline made small and short: volumes × k, 120 days of warm-up, 200 of drain. */
const small = (k = 0.25, edit: (j: Record<string, any>) => void = () => {}): Scenario => {
  const j = raw2026()
  for (const m of j.missions) for (const c of Object.keys(m.arrivals)) m.arrivals[c].annual = Math.round(m.arrivals[c].annual * k)
  for (const p of j.migri.pools) p.personYears = p.personYears * k
  if (j.seasonal !== undefined) j.seasonal.annual = j.seasonal.annual * k
  for (const pol of Object.values(j.policies) as Array<{ rules: Array<Record<string, any>> }>) for (const r of pol.rules) if (r.kind === "moveHandlers") r.people = r.people * k
  j.warmupDays = 120; j.drainDays = 200; j.replications = 1
  delete j.startState // a backlog for the full-size intake, on another day
  delete j.uncertainty // its central values are the full-size ones
  edit(j)
  return decodeOrThrow(j)
}
/** Unlimited capacity: slots, officers and handlers far beyond demand. */
const unlimited = (j: Record<string, any>) => {
  for (const m of j.missions) { m.identification.slotsPerDay = 100_000; m.identification.fastTrackReservedPerDay = 0; m.staff.officers = 1000 }
  for (const p of j.migri.pools) p.personYears = 1000
}

describe("the 2026 baseline", () => {
  it("validates and runs: students have programme starts, workers go through the TE stage, all rows comparable", () => {
    const s = decodeOrThrow(raw2026())
    expect(s.start).toBe("2026-01-01")
    expect(s.categories.student.decisionsPerPersonYear.main).toBe(1550)
    expect(s.categories.worker.decisionsPerPersonYear.main).toBe(1000)
    expect(s.categories.specialist.decisionsPerPersonYear.main).toBe(1500)
    const r = runReplication(compileScenario(s, s.policy), 0).result
    expect(r.season.studentsWithStart).toBeGreaterThan(4000)
    expect(r.season.studentsMissedStart).toBe(r.season.studentsMissedReachableStart + r.season.studentsMissedUnreachableStart)
    const worker = r.groups.find((g) => g.group === "worker")!
    // the partial decision outside Migri (median 45 d) is inside Migri's processing time
    expect(worker.migriMean).toBeGreaterThan(45)
    expect(notComparable(s)).toEqual({})
    expect(Object.keys(notComparable(decodeOrThrow(scenarioRaw("new-delhi-2025.json"))))).toEqual(["work", "negative", "all-positive"])
    expect(r.season.cost.personYears.monitoring).toBeGreaterThan(0)
  })
  it("every 2026 variant and south-asia-2026 validate", () => {
    for (const f of ["south-asia-2026.json", "new-delhi-2026-main-first.json", "new-delhi-2026-family-slots-assistance.json", "shared-staffing/new-delhi-2026-remote-reallocate.json"]) {
      const d = decodeScenario(scenarioRaw(f))
      expect(d.ok, f).toBe(true)
    }
  })
  it("bad season input gets one-line errors naming the field", () => {
    const j = raw2026()
    j.categories.student.family.membersPerMain = 3
    j.categories.student.studyTerms[0].leadDays = { min: 50, max: 20 }
    j.uncertainty[0].low = 1.0
    const d = decodeScenario(j)
    expect(d.ok).toBe(false)
    if (d.ok) return
    const paths = d.problems.map((p) => p.path)
    expect(paths).toContain("categories.student.family.membersPerMain")
    expect(paths).toContain("categories.student.studyTerms[0].leadDays.max")
    expect(paths).toContain("uncertainty[0]")
    for (const p of d.problems) expect(p.message).not.toContain("\n")
  })
})

describe("programme starts from intake terms", () => {
  const cal = new Calendar({ start: "2025-09-01", days: 900 })
  const term = fc.record({
    id: fc.constant("t"),
    from: fc.integer({ min: 1, max: 12 }).chain((m) => fc.integer({ min: 1, max: 28 }).map((d) => `${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`)),
    len: fc.integer({ min: 0, max: 40 }),
    share: fc.integer({ min: 0, max: 100 }).map((k) => k / 100),
    min: fc.integer({ min: 0, max: 60 }),
    span: fc.integer({ min: 1, max: 300 })
  }).map((t): StudyTerm => {
    const f = Date.parse(`2024-${t.from}T00:00:00Z`)
    const to = new Date(f + t.len * 86_400_000).toISOString().slice(5, 10)
    return { id: t.id, from: t.from, to, share: t.share, leadDays: { min: t.min, max: t.min + t.span } }
  })
  it("no start precedes the application, and a start lies in a term window (pure draw, 500 cases)", () => {
    fc.assert(fc.property(fc.array(term, { minLength: 1, maxLength: 3 }), fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (terms, t, u) => {
      const start = drawStudyStart(terms, cal, t, u)
      expect(start).toBeGreaterThanOrEqual(t)
      const iso = cal.dateOf(start).slice(5)
      // inside some term's window (from … to, wrapping over the new year), or on the application day itself
      const inWindow = terms.some((x) => (x.from <= x.to ? iso >= x.from && iso <= x.to : iso >= x.from || iso <= x.to))
      expect(inWindow || start === Math.ceil(t)).toBe(true)
    }), { numRuns: 500 })
    // found by the property: a term ending on 29 February ends on the 28th outside leap years (it was rolled over to 1 March)
    const leap = drawStudyStart([{ id: "t", from: "02-06", to: "02-29", share: 0, leadDays: { min: 0, max: 1 } }], cal, 0, 0.9565217391304356)
    expect(cal.dateOf(leap).slice(5) <= "02-29" && cal.dateOf(leap).slice(5) >= "02-06").toBe(true)
  })
  it("with unlimited mission slots and Migri capacity no student misses a reachable start (model, 4 random cases)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 60, max: 90 }).map((k) => k / 100), fc.integer({ min: 0, max: 40 }), (seed, autumn, minLead) => {
      const s = small(0.2, (j) => {
        unlimited(j)
        j.categories.student.studyTerms[0].share = autumn; j.categories.student.studyTerms[1].share = 1 - autumn
        j.categories.student.studyTerms[0].leadDays.min = minLead
      })
      const run = runReplication(compileScenario(s, s.policy), 0, { seed, trace: true })
      const students = run.trace!.filter((x) => x.category === "student" && x.role === "main" && x.reported)
      expect(students.length).toBeGreaterThan(300)
      for (const x of students) expect(x.studyStart).toBeGreaterThanOrEqual(x.arrival)
      expect(run.result.season.studentsMissedReachableStart).toBe(0)
    }), { numRuns: 4 })
  })
  it("the measure is not vacuous: with too few slots students miss starts they could have made", () => {
    const s = small(0.25, (j) => { j.missions[0].identification.slotsPerDay = 10 })
    const r = runReplication(compileScenario(s, s.policy), 0).result
    expect(r.season.studentsMissedReachableStart).toBeGreaterThan(20)
  })
  it("reachability: the target, or the case's own waits plus slack, after an appointment's 14 days", () => {
    expect(reachDays(30, 0, 0)).toBe(44)
    expect(reachDays(30, 60, 2)).toBe(14 + 80)
  })
})

describe("family members per main applicant as one number", () => {
  it("membersPerMain sets the mean and keeps the shape of the larger families (property)", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 6 }).filter((w) => w.slice(1).some((x) => x > 0)), fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000), (w, f) => {
      const pos = w.slice(1).reduce((a, b) => a + b, 0)
      const cond = w.reduce((a, x, i) => a + i * x, 0) / pos
      const m = f * cond
      const fam = { sizeWeights: w, withMainShare: 0.5, lagDays: { dist: "deterministic" as const, value: 1 }, membersPerMain: m }
      expect(familyMean(fam)).toBeCloseTo(m, 9)
      const v = familyWeights(fam)
      if (m > 0) for (let i = 2; i < w.length; i++) if (w[1]! > 0) expect(v[i]! / v[1]!).toBeCloseTo(w[i]! / w[1]!, 9)
    }), { numRuns: 200 })
  })
  it("more family members per student lengthen the appointment wait (common random numbers)", () => {
    const wait = (m: number) => {
      const s = small(0.25, (j) => { j.categories.student.family.membersPerMain = m })
      return runReplication(compileScenario(s, s.policy), 0).result.groups.find((g) => g.group === "student")!.apptWaitMean
    }
    expect(wait(1.2)).toBeGreaterThan(wait(0.6))
  })
})

describe("costs", () => {
  const s = decodeOrThrow(raw2026())
  const cal = new Calendar({ start: "2025-01-01", days: 365 * 2 + 181 })
  const reported = { first: 365, end: 730 }
  const counts = { duplicatedCheckHours: 0, remoteHearingHours: 0, remoteHearings: 0, expiredEvidence: 0, monitoringHours: 0 }
  it("an option with no extra staff costs nothing extra (every 2026 policy without people sent)", () => {
    const noStaff = Object.entries(s.policies).filter(([, p]) => !p.rules.some((r) => r.kind === "officialAssistance" || r.kind === "extraMissionStaff"))
    expect(noStaff.length).toBeGreaterThan(5)
    for (const [name] of noStaff) {
      const c = seasonCost(s, name, cal, reported, counts)
      expect(c.euros.total, name).toBe(0)
      expect(c.personYears.migriOutputLost, name).toBe(0)
      expect(c.trips, name).toBe(0)
    }
    const withStaff = seasonCost(s, "official-assistance", cal, reported, counts)
    expect(withStaff.euros.travel).toBeGreaterThan(0)
    expect(withStaff.um.euros + withStaff.migri.euros).toBeCloseTo(withStaff.euros.total, 6)
  })
  it("doubling the people sent doubles the travel cost and the Migri hours lost (property)", () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 100 }).map((k) => k / 100),
      (people, from, len, weeks, lost) => {
        const withPeople = (p: number): Scenario => ({
          ...s,
          costs: { ...s.costs!, tripWeeks: weeks },
          policies: { x: { description: "", rules: [{ kind: "officialAssistance", from: cal.dateOf(365 + from), to: cal.dateOf(365 + from + len), mission: "new-delhi", people: p, idSlotsPerPersonDay: 12, officerHoursPerPersonDay: 3, fromPool: "family", lostHoursShare: lost, costPerPersonWeek: 2500 }] } }
        })
        const a = seasonCost(withPeople(people), "x", cal, reported, counts), b = seasonCost(withPeople(2 * people), "x", cal, reported, counts)
        expect(b.euros.travel).toBeCloseTo(2 * a.euros.travel, 6)
        expect(b.personYears.migriOutputLost).toBeCloseTo(2 * a.personYears.migriOutputLost, 9)
        expect(b.euros.allowances).toBeCloseTo(2 * a.euros.allowances, 6)
      }), { numRuns: 200 })
  })
  it("a run's cost block: zero for FIFO, the official assistance's euros and lost Migri output for virka-apu", () => {
    const fifo = small(0.2)
    const r0 = runReplication(compileScenario(fifo, "fifo"), 0).result.season.cost
    expect(r0.euros.total).toBe(0)
    const r1 = runReplication(compileScenario(fifo, "official-assistance"), 0).result.season.cost
    // 2 people × 89 days (1 Jun – 28 Aug 2026): trips every 4 weeks
    expect(r1.personDaysAway).toBe(2 * 89)
    expect(r1.trips).toBe(2 * Math.ceil(89 / 28))
    expect(r1.euros.travel).toBe(r1.trips * 1200)
    expect(r1.personYears.migriOutputLost).toBeCloseTo((2 * 89 * 0.5) / 365, 9)
  })
})

describe("the pack's answer", () => {
  it("every option appears against both references, with paired differences on common random numbers", () => {
    const base = small(0.2)
    const shared = decodeOrThrow({ ...JSON.parse(JSON.stringify(base)), migri: { ...JSON.parse(JSON.stringify(base.migri)), staffing: "shared" } })
    const mk = (s: Scenario, policy: string, label: string, f?: string) => ({ label, for: f, ...runScenario(s, { policy, replications: 3 }) })
    const runs = [
      mk(base, "fifo", "FIFO"), mk(base, "main-first", "main-first", "students-start"), mk(base, "family-slots", "family slots", "student-family"),
      mk(base, "family-slots+assistance", "slots + virka-apu", "student-family"),
      mk(shared, "fifo", "FIFO · shared"), mk(shared, "main-first", "main-first · shared", "students-start"), mk(shared, "family-slots", "family slots · shared", "student-family")
    ]
    const answers = decisionAnswers(runs, ["FIFO", "main-first"], pairedDifferences)
    // every run but each staffing assumption's FIFO is an answer; each is held against both references
    expect(answers.map((a) => a.label)).toEqual(["main-first", "family slots", "slots + virka-apu", "main-first · shared", "family slots · shared"])
    for (const a of answers) {
      expect(a.vs.map((v) => v.reference)).toEqual(["FIFO", "main-first"])
      const self = a.label.replace(" · shared", "") === "main-first"
      for (const v of a.vs) if (!(self && v.reference === "main-first")) expect(v.difference?.n).toBe(3)
    }
    // the paired difference is the mean of the per-replication differences (same replication = same random numbers)
    const fam = answers.find((a) => a.label === "slots + virka-apu")!
    const fifo = runs[0]!.replications, opt = runs[3]!.replications
    const direct = fifo.map((r, i) => opt[i]!.groups.find((g) => g.group === "student-family")!.endToEndMean - r.groups.find((g) => g.group === "student-family")!.endToEndMean)
    expect(fam.vs[0]!.difference!.mean).toBeCloseTo(direct.reduce((x, y) => x + y, 0) / 3, 9)
    // common random numbers: the same applicants arrive under every policy
    for (let i = 0; i < 3; i++) expect(opt[i]!.groups.map((g) => g.arrived)).toEqual(fifo[i]!.groups.map((g) => g.arrived))
    // the shared runs are held against the shared references
    expect(answers.find((a) => a.label === "family slots · shared")!.staffing).toBe("shared")
    // the printed answer leads with it and fits 100 columns
    const text = formatDecision(answers, ["FIFO", "main-first"], 3)
    expect(text.startsWith("THE ANSWER")).toBe(true)
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(100)
    expect(text).toContain("fixed pools")
    expect(text).toContain("one shared pool")
    expect(fam.eurosTotal).toBeGreaterThan(0)
    // the targets missed or open are read from the scoreboard's verdicts: a study row whose whole CI is
    // above its target is missed, one whose CI contains it is open
    const edit = (lo: number, hi: number) => {
      const r = JSON.parse(JSON.stringify(runs[2]!.result)) as typeof runs[2]["result"]
      const row = r.summary.scoreboard.find((x) => x.id === "study")! as unknown as { mean: { mean: number; ciLow: number; ciHigh: number } }
      row.mean = { ...row.mean, mean: (lo + hi) / 2, ciLow: lo, ciHigh: hi }
      return decisionAnswers([runs[0]!, runs[1]!, { ...runs[2]!, result: r }], ["FIFO", "main-first"], pairedDifferences).find((a) => a.label === "family slots")!
    }
    expect(edit(40, 50).missed).toContain("students")
    expect(edit(25, 35).borderline).toContain("students")
    expect(edit(5, 10).missed).not.toContain("students")
  })
})

describe("family numbers by segment (the joint Migri–UM analysis template)", () => {
  it("the template validates, and its segments (all at the central values) give the baseline's family numbers", () => {
    const t = decodeOrThrow(scenarioRaw("templates/joint-analysis-2026.json"))
    const b = decodeOrThrow(raw2026())
    const wt = familyWeights(t.categories.student.family), wb = familyWeights(b.categories.student.family)
    wt.forEach((x, i) => expect(x).toBeCloseTo(wb[i]!, 12))
    expect(familyMean(t.categories.student.family)).toBeCloseTo(0.9, 12)
  })
  it("a mixture's mean is the share-weighted mean of the segments (property)", () => {
    fc.assert(fc.property(fc.array(fc.record({ share: fc.integer({ min: 1, max: 10 }), m: fc.integer({ min: 0, max: 180 }).map((k) => k / 100) }), { minLength: 1, maxLength: 6 }), (segs) => {
      const fam = { sizeWeights: [0.5, 0.2, 0.2, 0.1], withMainShare: 0.5, lagDays: { dist: "deterministic" as const, value: 1 },
        segments: segs.map((x) => ({ institution: "u", country: "IN", share: x.share, membersPerMain: x.m, withMainShare: 0.5 })) }
      const tot = segs.reduce((a, x) => a + x.share, 0)
      expect(familyMean(fam)).toBeCloseTo(segs.reduce((a, x) => a + (x.share / tot) * x.m, 0), 9)
    }), { numRuns: 100 })
  })
})

describe("packs with references", () => {
  it("the January 2026 pack names FIFO and the 2025 practice as references and every option's group; a wrong reference is a one-line error", async () => {
    const { readAny, readPack } = await import("../../src/cli/load.ts")
    const { join } = await import("node:path")
    const { ROOT } = await import("../model/support.ts")
    const file = join(ROOT, "scenarios/packs/january-2026.json")
    const p = readAny(file)
    expect(p.ok).toBe(true)
    if (!p.ok || p.value.kind !== "pack") return
    const pack = p.value.pack
    expect(pack.references).toEqual(["FIFO", "main-first (2025 practice)"])
    expect(pack.files.length).toBe(39)
    // every option (all but FIFO) says whom it is for, under the three staffing assumptions
    pack.labels.forEach((l, i) => { if (!l.startsWith("FIFO")) expect(pack.fors[i], l).toBeDefined() })
    expect(pack.labels.filter((l) => l.endsWith("· shared")).length).toBe(13)
    // the same 13 options with New Delhi's capacity from staff hours (scenarios/mission-staff/), one per option
    const staffed = pack.labels.filter((l) => l.endsWith("· mission staff"))
    expect(staffed.map((l) => l.replace(" · mission staff", ""))).toEqual(pack.labels.slice(0, 13))
    pack.files.forEach((f, i) => expect(f.includes("/mission-staff/"), pack.labels[i]).toBe(pack.labels[i]!.endsWith("· mission staff")))
    const bad = readPack(file, { kind: "pack", name: "x", scenarios: [{ file: "../new-delhi-2026.json", label: "A" }], references: ["B"] })
    expect(bad.ok).toBe(false)
    if (!bad.ok) { expect(bad.problems[0]!.path).toBe("references"); expect(bad.problems[0]!.message).not.toContain("\n") }
    // two runs of one label could not be told apart in the tables, the charts and the answer
    const twice = readPack(file, { kind: "pack", name: "x", scenarios: [{ file: "../new-delhi-2026.json", label: "A" }, { file: "../new-delhi-2026-main-first.json", label: "A" }] })
    expect(twice.ok ? [] : twice.problems.map((x) => x.path)).toEqual(["scenarios[1].label"])
  })
})

describe("seasonal workers", () => {
  it("are an intake of their own: reported apart, through their mission and pool, and nothing else moves when they are on", () => {
    const on = small(0.25)
    expect(on.seasonal).toBeDefined()
    const off = decodeOrThrow((() => { const j = JSON.parse(JSON.stringify(on)); delete j.seasonal; return j })())
    const a = runReplication(compileScenario(on, "fifo"), 0).result, b = runReplication(compileScenario(off, "fifo"), 0).result
    // about the scenario's annual number (Poisson: 3 SD ≈ 3·√750 ≈ 82 of 750 arrivals; false alarm ≈ 0.3 %)
    expect(Math.abs(a.season.seasonal.arrived - 750)).toBeLessThan(3 * Math.sqrt(750))
    expect(a.season.seasonal.decided).toBe(a.season.seasonal.arrived)
    expect(b.season.seasonal.arrived).toBe(0)
    // under fixed pools the four categories are untouched: their own streams, mission and pool
    expect(a.groups).toEqual(b.groups)
    expect(a.scoreboard).toEqual(b.scoreboard)
    const pool = a.migri.pools.find((p) => p.id === "seasonal")!
    expect(pool.hoursUsed).toBeGreaterThan(0)
    expect(a.missions.find((m) => m.id === "bangkok")!.idSlotsUsed).toBeGreaterThan(600)
    expect(b.migri.pools.find((p) => p.id === "seasonal")!.hoursUsed).toBe(0)
  })
  it("a seasonal intake naming a mission or pool that does not exist is a one-line error", () => {
    const j = raw2026()
    j.seasonal.mission = "oslo"; j.seasonal.pool = "nope"
    const d = decodeScenario(j)
    expect(d.ok).toBe(false)
    if (!d.ok) expect(d.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["seasonal.mission", "seasonal.pool"]))
  })
})
