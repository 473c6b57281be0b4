/**
 * The baseline (scenarios/new-delhi-2025.json) under its policies, compared on common random numbers:
 * replications 0 … R−1 of every policy use the same seed and replication indices, so every policy sees
 * the same applicants with the same attributes (properties.test.ts checks that), and each comparison is
 * a paired difference per replication.
 *
 * Statistical assertions: each claims that the two-sided 99 % t-interval (R − 1 = 19 degrees of
 * freedom) of a paired mean difference lies entirely on the side the model must produce.
 *  - If a policy had NO effect, such an interval would fall on the claimed side with probability 0.5 %
 *    (the chance that a broken model passes one assertion).
 *  - False alarm (a correct model failing after a change that reshuffles the random numbers): an
 *    assertion fails when its observed t-statistic falls below t(0.995, 19) = 2.86. The smallest |t|
 *    among these assertions is about 67 (main-first, students' June–July effect minus the annual one),
 *    so P(false alarm) ≈ P(T < 2.86 | δ ≈ 67) < 1e-12 per assertion; it would take effects ~20 times
 *    smaller than today's for the rate to reach 1 %. The observed t is printed in each failure message.
 *  - The remote-hearing share is checked the other way round (its 99.9 % interval must contain the
 *    rule's share): false alarm 0.1 % for a correct model.
 * Deterministic assertions (capacity arithmetic, per-applicant orderings) have no false-alarm rate.
 *
 * Budget: ~7 policies × 20 replications of ~0.07 s plus ~20 traced runs: ~15 s on one core.
 */
import { beforeAll, describe, expect, test } from "vitest"
import { compileScenario, runReplication, type CompiledScenario, type ModelRun } from "../../src/model/embassy.ts"
import type { GroupResult, ReplicationResult } from "../../src/model/results.ts"
import { decodeScenario } from "../../src/scenario/decode.ts"
import type { RuleSpec, Scenario } from "../../src/scenario/schema.ts"
import { checkRun } from "./check-run.ts"
import { baselineRaw, decodeOrThrow, orInf, pairedInterval, withMain, type PairedInterval } from "./support.ts"

const R = 20
const CONF = 0.99

// the baseline, plus one policy built here: main-applicants-first exactly as "main-first-2025" plus a
// joint family appointment, so that the effect of the joint rule alone can be measured
const raw = baselineRaw()
raw.policies["main-first+joint"] = {
  description: "main-first-2025 plus a joint family appointment (test only)",
  rules: [...raw.policies["main-first-2025"].rules, { kind: "jointFamilyAppointment" }]
}
const scenario: Scenario = decodeOrThrow(raw)

const compiled = new Map<string, CompiledScenario>()
const cs = (policy: string): CompiledScenario => {
  let c = compiled.get(policy)
  if (c === undefined) { c = compileScenario(scenario, policy); compiled.set(policy, c) }
  return c
}
const resultsCache = new Map<string, ReplicationResult[]>()
const results = (policy: string): ReplicationResult[] => {
  let r = resultsCache.get(policy)
  if (r === undefined) { r = Array.from({ length: R }, (_, i) => runReplication(cs(policy), i).result); resultsCache.set(policy, r) }
  return r
}
const group = (r: ReplicationResult, name: string): GroupResult => {
  const g = r.groups.find((x) => x.group === name)
  if (g === undefined) throw new Error(`no group ${name}`)
  return g
}
/** Paired differences policy − base of a statistic, over the R replications. */
const paired = (policy: string, base: string, f: (r: ReplicationResult) => number): PairedInterval =>
  pairedInterval(results(policy).map((r, i) => f(r) - f(results(base)[i]!)), CONF)
const show = (ci: PairedInterval) => `paired mean difference ${ci.mean.toFixed(3)}, ${CONF * 100} % CI [${ci.lo.toFixed(3)}, ${ci.hi.toFixed(3)}], t = ${ci.t.toFixed(1)}`
const expectBelowZero = (ci: PairedInterval, what: string) => expect(ci.hi, `${what}: ${show(ci)}`).toBeLessThan(0)
const expectAboveZero = (ci: PairedInterval, what: string) => expect(ci.lo, `${what}: ${show(ci)}`).toBeGreaterThan(0)

/** The rules of a baseline policy of a given kind (the test reads the figures from the scenario). */
const rulesOf = <K extends RuleSpec["kind"]>(policy: string, kind: K): Array<Extract<RuleSpec, { kind: K }>> =>
  scenario.policies[policy]!.rules.filter((r): r is Extract<RuleSpec, { kind: K }> => r.kind === kind)

/** byMonth indices (months since the start of the reported period) that a date window touches. */
const monthsOfWindow = (c: CompiledScenario, from: string | undefined, to: string | undefined): number[] => {
  const first = from === undefined ? 0 : Math.max(0, c.cal.dayOf(from)), last = to === undefined ? c.days - 1 : Math.min(c.days - 1, c.cal.dayOf(to))
  const out = new Set<number>()
  for (let d = first; d <= last; d++) {
    const m = c.cal.monthIndex[d]! - c.firstReportedMonth
    if (m >= 0 && m < c.reportedMonths) out.add(m)
  }
  return [...out].sort((a, b) => a - b)
}
const meanOver = (xs: ReadonlyArray<number>, idx: ReadonlyArray<number>) => idx.reduce((a, i) => a + xs[i]!, 0) / idx.length

// ---------------------------------------------------------------------------------------------

describe("the baseline runs clean", () => {
  test("every baseline policy passes the run invariants (conservation, causality, capacity, queue rules)", () => {
    for (const policy of Object.keys(scenario.policies)) {
      const run = runReplication(cs(policy), 0, { trace: true })
      const { violations } = checkRun(cs(policy), run)
      expect(violations, policy).toEqual([])
    }
  })
})

describe("main applicants first (main-first-2025) against FIFO", () => {
  const rule = () => rulesOf("main-first-2025", "mainApplicantsFirst")[0]!
  test("students wait less for an appointment, their family members more; most of all for applications made in the rule's months", () => {
    expect(rule().categories).toContain("student")
    const win = monthsOfWindow(cs("fifo"), rule().from, rule().to)
    expect(win.length).toBeGreaterThan(0)
    const all = (name: string) => (r: ReplicationResult) => group(r, name).apptWaitMean
    const inWindow = (name: string) => (r: ReplicationResult) => meanOver(group(r, name).byMonth.apptWaitMean, win)
    expectBelowZero(paired("main-first-2025", "fifo", all("student")), "students' mean appointment wait")
    expectAboveZero(paired("main-first-2025", "fifo", all("student-family")), "students' family members' mean appointment wait")
    expectBelowZero(paired("main-first-2025", "fifo", inWindow("student")), "students applying in the rule's months")
    expectAboveZero(paired("main-first-2025", "fifo", inWindow("student-family")), "family members applying in the rule's months")
    // concentrated in the rule's months: the effect there is larger than over the whole year
    const concentration = (name: string, sign: 1 | -1) => pairedInterval(results("main-first-2025").map((r, i) => {
      const f = results("fifo")[i]!
      return sign * ((inWindow(name)(r) - inWindow(name)(f)) - (all(name)(r) - all(name)(f)))
    }), CONF)
    expectAboveZero(concentration("student", -1), "students: fall in the rule's months minus fall over the year")
    expectAboveZero(concentration("student-family", 1), "family members: rise in the rule's months minus rise over the year")
  })

  test("subsistence is checked twice more often (the family case starts after the main applicant's decision)", () => {
    expectAboveZero(paired("main-first-2025", "fifo", (r) => r.family.duplicatedSubsistenceChecks), "duplicated subsistence checks")
  })

  test("family members wait only when the rule is on: applicants identified before the rule starts are identified at the same moment", () => {
    const start = cs("fifo").cal.dayOf(rule().from!)
    for (const rep of [0, 1]) {
      const a = runReplication(cs("main-first-2025"), rep, { trace: true }).trace!, b = runReplication(cs("fifo"), rep, { trace: true }).trace!
      let compared = 0
      for (let i = 0; i < a.length; i++) {
        if (Math.min(orInf(a[i]!.identified), orInf(b[i]!.identified)) >= start) continue
        expect(a[i]!.identified).toBe(b[i]!.identified)
        compared++
      }
      expect(compared).toBeGreaterThan(1000)
    }
  })
})

describe("family slots", () => {
  /**
   * "family-slots" is main-first-2025 plus slots reserved for family members in the same weeks. Compared
   * with main-first-2025, the reserved slots can only move family members forward and students back in
   * those weeks: family members' waits must fall and students' rise. Whether family members end up
   * above FIFO depends on how many slots are reserved against their demand (with enough slots they would
   * do better than under FIFO), so that is reported, not asserted.
   */
  test("family members wait less than under main-first, students more", () => {
    expect(rulesOf("family-slots", "familySlots").length).toBeGreaterThan(0)
    const win = monthsOfWindow(cs("fifo"), rulesOf("family-slots", "familySlots")[0]!.from, rulesOf("family-slots", "familySlots")[0]!.to)
    expectBelowZero(paired("family-slots", "main-first-2025", (r) => group(r, "student-family").apptWaitMean), "family members' mean appointment wait, family-slots − main-first")
    expectBelowZero(paired("family-slots", "main-first-2025", (r) => meanOver(group(r, "student-family").byMonth.apptWaitMean, win)), "family members applying in the slot months")
    expectAboveZero(paired("family-slots", "main-first-2025", (r) => group(r, "student").apptWaitMean), "students' mean appointment wait, family-slots − main-first")
  })
})

describe("joint family appointment", () => {
  /** Share of the reported family members who applied with their main applicant and were identified on the main applicant's day. */
  const sameDay = (policy: string, rep: number): { all: number; window: number } => {
    const c = cs(policy)
    const t = runReplication(c, rep, { trace: true }).trace!
    const w0 = c.cal.dayOf(rulesOf("main-first-2025", "mainApplicantsFirst")[0]!.from!), w1 = c.cal.dayOf(rulesOf("main-first-2025", "mainApplicantsFirst")[0]!.to!) + 1
    let n = 0, k = 0, nw = 0, kw = 0
    for (const r of t) {
      if (!r.reported || !withMain(t, r) || Number.isNaN(r.identified)) continue
      const same = Math.floor(r.identified) === Math.floor(t[r.main]!.identified) ? 1 : 0
      n++; k += same
      if (r.arrival >= w0 && r.arrival < w1) { nw++; kw += same }
    }
    return { all: k / n, window: kw / nw }
  }
  const shares = new Map<string, Array<{ all: number; window: number }>>()
  beforeAll(() => {
    for (const p of ["fifo", "main-first-2025", "main-first+joint", "joint-family"]) shares.set(p, Array.from({ length: R }, (_, i) => sameDay(p, i)))
  })
  const diff = (a: string, b: string, k: "all" | "window") => pairedInterval(shares.get(a)!.map((x, i) => x[k] - shares.get(b)![i]![k]), CONF)

  /**
   * Under FIFO a family member who applies with the main applicant already gets the main applicant's
   * queue position (the same application time, hence the same deadline key), so FIFO keeps ~98 % of
   * them on the main applicant's day; the joint rule cannot do "much better than FIFO". What it must do
   * is keep them together where another rule would split them: main-applicants-first defers students'
   * family members, and the joint rule takes those who came with the student out of that deferral.
   */
  test("keeps family members with their main applicant where main-applicants-first would separate them", () => {
    expectAboveZero(diff("main-first+joint", "main-first-2025", "all"), "same-day share, main-first + joint − main-first")
    expectAboveZero(diff("main-first+joint", "main-first-2025", "window"), "same-day share in the rule's months, main-first + joint − main-first")
    // the baseline's own joint policy, if it is built on main-applicants-first as in the bundled file
    if (rulesOf("joint-family", "mainApplicantsFirst").length > 0) expectAboveZero(diff("joint-family", "main-first-2025", "window"), "same-day share in the rule's months, joint-family − main-first")
  })

  test("the joint appointment is never split on a day with a free slot (trace)", () => {
    // checked for every applicant by checkRun; here on the baseline's joint policy over two replications
    for (const rep of [0, 1]) {
      const { violations, coverage } = checkRun(cs("joint-family"), runReplication(cs("joint-family"), rep, { trace: true }))
      expect(violations).toEqual([])
      expect(coverage.jointMembers).toBeGreaterThan(1000)
    }
  })
})

describe("official assistance (virka-apu)", () => {
  const rule = () => rulesOf("official-assistance", "officialAssistance")[0]!
  /**
   * Offered capacity does not depend on the random numbers, so it is checked exactly, month by month,
   * against the rule's figures: extra slots = people × slots per person-day on the service point's open
   * days in the window, extra officer hours = people × hours per person-day on the staff's working days,
   * and the pool loses people × lostHoursShare person-days of handler hours on Migri's working days (no
   * more than it has). Every other month is unchanged.
   */
  test("raises the mission's capacity and lowers the Migri pool's in the same months, by the rule's amounts", () => {
    const r = rule()
    const a = runReplication(cs("official-assistance"), 0).result, f = runReplication(cs("fifo"), 0).result
    const c = cs("official-assistance")
    const mi = scenario.missions.findIndex((m) => m.id === r.mission), pi = scenario.migri.pools.findIndex((p) => p.id === r.fromPool)
    const pool = scenario.migri.pools[pi]!
    const first = c.cal.dayOf(r.from!), last = c.cal.dayOf(r.to!)
    const months = c.reportedMonths
    const slots = new Array<number>(months).fill(0), hours = new Array<number>(months).fill(0), lost = new Array<number>(months).fill(0)
    for (let d = Math.max(0, first); d <= Math.min(c.days - 1, last); d++) {
      const m = c.cal.monthIndex[d]! - c.firstReportedMonth
      if (m < 0 || m >= months) continue
      if (c.idOpen[mi]![d]) slots[m]! += r.people * r.idSlotsPerPersonDay
      if (c.officerOpen[mi]![d]) hours[m]! += r.people * r.officerHoursPerPersonDay
      const have = pool.personYears * scenario.migri.monthlyAvailability[c.cal.month[d]!]!
      if (c.migriOpen[d]) lost[m]! += (have - Math.max(0, have - r.people * r.lostHoursShare)) * c.migriHoursPerDay
    }
    const am = a.missions[mi]!.byMonth, fm = f.missions[mi]!.byMonth
    const ap = a.migri.pools[pi]!.byMonth, fp = f.migri.pools[pi]!.byMonth
    for (let m = 0; m < months; m++) {
      expect(am.idSlotsOffered[m]! - fm.idSlotsOffered[m]!, `month ${m} id slots`).toBeCloseTo(slots[m]!, 6)
      expect(am.officerHoursOffered[m]! - fm.officerHoursOffered[m]!, `month ${m} officer hours`).toBeCloseTo(hours[m]!, 6)
      expect(fp.hoursOffered[m]! - ap.hoursOffered[m]!, `month ${m} ${pool.id} pool hours`).toBeCloseTo(lost[m]!, 6)
    }
    // the months that change are exactly the months of the window (June–August in the bundled baseline)
    const changed = (xs: number[]) => xs.flatMap((x, m) => (x > 1e-9 ? [m] : []))
    const win = monthsOfWindow(c, r.from, r.to)
    expect(changed(slots)).toEqual(win)
    expect(changed(hours)).toEqual(win)
    expect(changed(lost)).toEqual(win)
    expect(a.missions[mi]!.idSlotsOffered).toBeGreaterThan(f.missions[mi]!.idSlotsOffered)
    expect(a.migri.pools[pi]!.hoursOffered).toBeLessThan(f.migri.pools[pi]!.hoursOffered)
  })

  test("with only capacity added to FIFO, nobody is identified later than under FIFO (trace), and every group's mean wait is no longer", () => {
    // the monotonicity proved in properties.test.ts: the queue order is the same fixed order, with more slots
    for (const rep of [0, 1, 2]) {
      const a = runReplication(cs("official-assistance"), rep, { trace: true }), f = runReplication(cs("fifo"), rep, { trace: true })
      for (let i = 0; i < f.trace!.length; i++) expect(orInf(a.trace![i]!.identified)).toBeLessThanOrEqual(orInf(f.trace![i]!.identified) + 1e-9)
      for (const g of f.result.groups) {
        expect(g.waitingForIdAtHorizon).toBe(0) // no censoring, so the reported mean is monotone too
        expect(group(a.result, g.group).apptWaitMean).toBeLessThanOrEqual(g.apptWaitMean + 1e-9)
      }
    }
  })
})

describe("remote hearings", () => {
  const rule = () => rulesOf("remote-hearings", "remoteHearings")[0]!
  test("move hearing hours from the mission to Migri", () => {
    expectBelowZero(paired("remote-hearings", "fifo", (r) => r.missions[0]!.officerHoursByTask.hearing), "mission hearing hours")
    expectAboveZero(paired("remote-hearings", "fifo", (r) => r.migri.hoursByTask.remoteHearings), "Migri remote-hearing hours")
    for (const r of results("fifo")) { expect(r.migri.hoursByTask.remoteHearings).toBe(0); expect(r.missions[0]!.hearingsRemote).toBe(0) }
  })

  test("the remote share is the rule's share, the hearings are the same ones, and each moved hearing moves its hours", () => {
    const share = rule().share
    // each hearing is remote independently with the rule's probability: the share's 99.9 % interval contains it
    const s = pairedInterval(results("remote-hearings").map((r) => r.missions[0]!.hearingsRemote / (r.missions[0]!.hearingsRemote + r.missions[0]!.hearingsAtMission)), 0.999)
    expect(s.lo, show(s)).toBeLessThanOrEqual(share)
    expect(s.hi, show(s)).toBeGreaterThanOrEqual(share)
    const m = scenario.missions[0]!
    results("remote-hearings").forEach((r, i) => {
      const f = results("fifo")[i]!
      const total = r.missions[0]!.hearingsRemote + r.missions[0]!.hearingsAtMission
      // same applicants, same hearings (a few move across the ends of the reported year)
      expect(Math.abs(total - f.missions[0]!.hearingsAtMission) / f.missions[0]!.hearingsAtMission).toBeLessThan(0.02)
      // mission hours saved ≈ remote hearings × mission hours per hearing; Migri hours ≈ remote hearings × Migri hours per hearing
      const saved = f.missions[0]!.officerHoursByTask.hearing - r.missions[0]!.officerHoursByTask.hearing
      expect(saved / (r.missions[0]!.hearingsRemote * m.staff.hearingHours)).toBeCloseTo(1, 1)
      expect(r.migri.hoursByTask.remoteHearings / (r.missions[0]!.hearingsRemote * scenario.migri.remoteHearingHours)).toBeCloseTo(1, 1)
    })
  })
})

// ---------------------------------------------------------------------------------------------
// bad input

describe("decodeScenario on broken copies of the baseline", () => {
  type Break = readonly [path: string, found: unknown, (s: Record<string, any>) => void]
  /** Breaks the schema catches (one problem each, at the field). */
  const schemaBreaks: Break[] = [
    ["missions[0].identification.slotsPerDay", -1, (s) => { s.missions[0].identification.slotsPerDay = -1 }],
    ["missions[0].staff.officers", -0.5, (s) => { s.missions[0].staff.officers = -0.5 }],
    ["missions[0].identification.slotz", 3, (s) => { s.missions[0].identification.slotz = 3 }],
    ["categories.student.hearingRate.main", 1.5, (s) => { s.categories.student.hearingRate.main = 1.5 }],
    ["migri.monthlyAvailability", [1, 1], (s) => { s.migri.monthlyAvailability = [1, 1] }],
    ["start", "2025-13-01", (s) => { s.start = "2025-13-01" }],
    ["intakeDays", undefined, (s) => { delete s.intakeDays }],
    ["seed", true, (s) => { s.seed = true }],
    ["policies.fifo.rules[0].share", 2, (s) => { s.policies.fifo.rules = [{ kind: "remoteHearings", share: 2 }] }],
    ["missions[0].identification.weekdays[1]", 8, (s) => { s.missions[0].identification.weekdays = [1, 8] }],
    ["categories.worker.targetDays", 0, (s) => { s.categories.worker.targetDays = 0 }]
  ]
  /** Breaks only the cross-field checks catch (they run once the schema passes). */
  const crossBreaks: Break[] = [
    ["policy", "no-such-policy", (s) => { s.policy = "no-such-policy" }],
    ["policies.main-first-2025.rules[0].to", "2025-05-01", (s) => { s.policies["main-first-2025"].rules[0].to = "2025-05-01" }],
    ["missions[0].identification.fastTrackReservedPerDay", 70, (s) => { s.missions[0].identification.fastTrackReservedPerDay = 70 }],
    ["policies.official-assistance.rules[0].fromPool", "nope", (s) => { s.policies["official-assistance"].rules[0].fromPool = "nope" }],
    ["policies.official-assistance.rules[0].mission", "nope", (s) => { s.policies["official-assistance"].rules[0].mission = "nope" }],
    ["migri.dnaLabDays.p90", 5, (s) => { s.migri.dnaLabDays = { dist: "lognormal", median: 10, p90: 5 } }],
    // date-holidays has no data for Nepal: the mission must say publicHolidays: false
    ["missions[0].country", "NP", (s) => { s.missions[0].country = "NP" }]
  ]

  const problemsOf = (breaks: ReadonlyArray<Break>) => {
    const s = baselineRaw()
    for (const [, , f] of breaks) f(s)
    const d = decodeScenario(s)
    expect(d.ok).toBe(false)
    return d.ok ? [] : d.problems
  }

  test.each([...schemaBreaks, ...crossBreaks])("%s → one problem at that path", (path, found, f) => {
    const problems = problemsOf([[path, found, f]])
    expect(problems.map((p) => p.path)).toEqual([path])
    expect(problems[0]!.found).toEqual(found)
    expect(problems[0]!.message.length).toBeGreaterThan(0)
  })

  test("several broken fields at once: exactly one problem per broken field", () => {
    for (const breaks of [schemaBreaks, crossBreaks]) {
      const problems = problemsOf(breaks)
      expect(problems.map((p) => p.path).sort()).toEqual(breaks.map(([p]) => p).sort())
    }
  })

  test("an unknown rule kind is reported at the rule", () => {
    const problems = problemsOf([["policies.fifo.rules[0]", undefined, (s) => { s.policies.fifo.rules = [{ kind: "nonsense" }] }]])
    expect(problems).toHaveLength(1)
    expect(problems[0]!.path).toMatch(/^policies\.fifo\.rules\[0\]/)
  })

  test("garbage never throws", () => {
    for (const input of [null, undefined, 42, "scenario", [], {}, { ...baselineRaw(), missions: [] }, { ...baselineRaw(), categories: null }]) {
      const d = decodeScenario(input)
      expect(d.ok).toBe(false)
      if (!d.ok) expect(d.problems.length).toBeGreaterThan(0)
    }
  })

  test("the baseline itself decodes, and every policy compiles and runs", () => {
    expect(decodeScenario(baselineRaw()).ok).toBe(true)
    const _: ModelRun = runReplication(cs(scenario.policy), 0)
    expect(_.result.policy).toBe(scenario.policy)
  })
})
