/**
 * The capacity levers (issue 7) on random valid scenarios (fast-check) and on the baseline (common
 * random numbers): Migri staffing modes and handler moves/borrowing, mission capacity from staff,
 * DNA at identification; and the one-line errors for bad lever input.
 *
 * Budget: ~60 random scenarios run once or twice (~5 s) and ~30 baseline replications (~8 s).
 */
import { describe, expect } from "vitest"
import { fc, test } from "@fast-check/vitest"
import { compileScenario, runReplication } from "../../src/model/embassy.ts"
import { decodeScenario, formatProblems } from "../../src/scenario/decode.ts"
import type { Scenario } from "../../src/scenario/schema.ts"
import { checkRun } from "./check-run.ts"
import { oracleMismatches } from "./oracle.ts"
import { baselineRaw, decodeOrThrow, pairedInterval, scenarioArb, scenarioRaw as raw } from "./support.ts"

const EPS = 1e-9
const decodeGenerated = (raw: unknown): Scenario => {
  const d = decodeScenario(raw)
  expect(d.ok ? [] : d.problems).toEqual([])
  return (d as { ok: true; value: Scenario }).value
}
const leverArb = scenarioArb({ levers: true, randomPolicy: true })

describe("levers on random valid scenarios", () => {
  test.prop([leverArb, fc.integer({ min: 0, max: 1000 })], { numRuns: 40 })(
    "invariants hold, the oracle agrees, pools never exceed the handlers present, handlers are conserved, staff never exceed their hours",
    (raw, rep) => {
      const s = decodeGenerated(raw)
      const cs = compileScenario(s, s.policy)
      const run = runReplication(cs, rep, { trace: true })
      expect(checkRun(cs, run).violations).toEqual([])
      expect(oracleMismatches(cs, run)).toEqual([])
      const daily = run.daily!
      const total = cs.pools.reduce((a, p) => a + p.personYears, 0)
      for (let d = 0; d < cs.days; d++) {
        if (!cs.migriOpen[d]) continue
        const a = s.migri.monthlyAvailability[cs.cal.month[d]!]!
        let people = 0
        cs.pools.forEach((_, pi) => {
          const present = daily.poolPeople[pi]![d]!
          people += present
          // hours offered and used never exceed the handlers assigned that day
          expect(daily.poolCapacity[pi]![d]!).toBeLessThanOrEqual(present * a * cs.migriHoursPerDay * (1 + EPS) + EPS)
          expect(daily.poolUsed[pi]![d]!).toBeLessThanOrEqual(daily.poolCapacity[pi]![d]! * (1 + EPS) + EPS)
          expect(present).toBeGreaterThanOrEqual(-EPS)
        })
        // moves and borrowing conserve the person-years
        expect(Math.abs(people - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, total))
      }
      s.missions.forEach((_, mi) => cs.staff[mi]!.groups.forEach((g, gi) => {
        for (let d = 0; d < cs.days; d++) expect(daily.staffUsed[mi]![gi]![d]!, `${g.id} day ${d}`).toBeLessThanOrEqual(daily.staffPresent[mi]![gi]![d]! * (1 + EPS) + EPS)
      }))
      // every identification's reception and identification hours were booked to some group
      run.result.missions.forEach((m, mi) => {
        const plan = cs.staff[mi]!
        const sum = (k: "hoursReception" | "hoursIdentification" | "hoursOfficerTasks") => m.staff.reduce((a, g) => a + g[k], 0)
        const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, b)
        expect(close(sum("hoursIdentification"), m.idSlotsUsed * plan.idHours), `${m.id} identification hours`).toBe(true)
        expect(close(sum("hoursReception"), m.idSlotsUsed * plan.receptionHours), `${m.id} reception hours`).toBe(true)
        expect(close(sum("hoursOfficerTasks"), m.officerHoursUsed), `${m.id} officer hours`).toBe(true)
      })
      // no decision before its DNA result
      for (const r of run.trace!) if (!Number.isNaN(r.decided) && !Number.isNaN(r.dnaReady)) expect(r.decided).toBeGreaterThanOrEqual(r.dnaReady)
      // per task: identification hours only from groups allowed to identify, officer hours only from officer groups
      run.result.missions.forEach((m, mi) => m.staff.forEach((g, gi) => {
        const plan = cs.staff[mi]!.groups[gi]!
        if (!plan.identification) expect(g.hoursIdentification).toBe(0)
        if (!plan.officer) expect(g.hoursOfficerTasks).toBe(0)
        if (!plan.reception) expect(g.hoursReception).toBe(0)
      }))
    }
  )

  test.prop([leverArb, fc.integer({ min: 0, max: 1000 })], { numRuns: 15 })("same seed ⇒ the same result", (raw, rep) => {
    const s = decodeGenerated(raw)
    const cs = compileScenario(s, s.policy)
    expect(JSON.stringify(runReplication(cs, rep).result)).toBe(JSON.stringify(runReplication(compileScenario(s, s.policy), rep).result))
  })

  test.prop([leverArb], { numRuns: 25 })("a rotating consul or official assistance changes staff hours only inside its window", (raw) => {
    const s = decodeGenerated(raw)
    const rules = s.policies[s.policy]!.rules
    const without = compileScenario({ ...s, policies: { ...s.policies, none: { description: "", rules: rules.filter((r) => r.kind !== "extraMissionStaff" && r.kind !== "officialAssistance") } } }, "none")
    const withR = compileScenario(s, s.policy)
    const windows = rules.filter((r) => r.kind === "extraMissionStaff" || r.kind === "officialAssistance").map((r) => [r.from === undefined ? -Infinity : withR.cal.dayOf(r.from), r.to === undefined ? Infinity : withR.cal.dayOf(r.to)] as const)
    const inAny = (d: number) => windows.some(([a, b]) => d >= a && d <= b)
    withR.staff.forEach((plan, mi) => {
      const base = without.staff[mi]!
      for (let d = 0; d < withR.days; d++) {
        if (inAny(d)) continue
        const h = (p: typeof plan) => p.groups.reduce((a, g) => a + g.hours[d]!, 0)
        expect(h(plan), `day ${d}`).toBeCloseTo(h(base), 9)
      }
    })
  })
})

// ---------------------------------------------------------------------------------------------
// on the baseline, common random numbers

const reps = (s: Scenario, policy: string, n: number) => {
  const cs = compileScenario(s, policy)
  return Array.from({ length: n }, (_, i) => runReplication(cs, i).result)
}
// Paired 99 % t-intervals over 6 replications on common random numbers; the effects asserted are many
// standard errors wide, so a 1 % false alarm per interval is the bound (fixed seeds: deterministic).
const N = 6

describe("levers on the baseline (paired, common random numbers)", () => {
  test("a rotating consul who identifies lowers the appointment wait of the applications in its window (capacity from staff)", () => {
    const s = decodeOrThrow(raw("new-delhi-2025-staff.json"))
    const a = reps(s, "fifo", N), b = reps(s, "rotating-consul-staff", N)
    // May–August applications (months 4–7 of the year)
    const wait = (r: (typeof a)[number]) => [4, 5, 6, 7].reduce((x, m) => x + r.groups[0]!.byMonth.apptWaitMean[m]!, 0) / 4
    expect(pairedInterval(a.map((r, i) => wait(b[i]!) - wait(r)), 0.99).hi).toBeLessThan(0)
    // identification capacity is the same before its window (after it, the officers' backlog and so
    // the consuls' hours left for identification differ) and higher in it
    const offered = (r: (typeof a)[number], m: number) => r.missions[0]!.byMonth.idSlotsOffered[m]!
    for (const m of [0, 1, 2, 3]) expect(offered(b[0]!, m)).toBeCloseTo(offered(a[0]!, m), 6)
    for (const m of [4, 5, 6, 7]) expect(offered(b[0]!, m)).toBeGreaterThan(offered(a[0]!, m))
  })

  test("remote hearings free consular hours that go back to identification", () => {
    const s = decodeOrThrow(raw("new-delhi-2025-staff.json"))
    const a = reps(s, "fifo", N), b = reps(s, "remote-hearings-staff", N)
    const offered = (r: (typeof a)[number]) => r.missions[0]!.idSlotsOffered
    expect(pairedInterval(a.map((r, i) => offered(b[i]!) - offered(r)), 0.99).lo).toBeGreaterThan(0)
    const monthsUp = a[0]!.missions[0]!.byMonth.idSlotsOffered.filter((x, m) => b[0]!.missions[0]!.byMonth.idSlotsOffered[m]! > x).length
    expect(monthsUp).toBeGreaterThanOrEqual(10)
    // the consular officers identify more; the shorthand baseline has no such coupling
    expect(b[0]!.missions[0]!.staff.find((g) => g.id === "consular")!.hoursIdentification).toBeGreaterThan(a[0]!.missions[0]!.staff.find((g) => g.id === "consular")!.hoursIdentification)
  })

  test("moving handlers into the study pool in the peak lowers students' Migri time and raises the donor's", () => {
    const j = baselineRaw()
    j.policies.move = { description: "x", rules: [
      ...j.policies["main-first-2025"].rules,
      { kind: "moveHandlers", from: "2025-06-01", to: "2025-09-30", fromPool: "family", toPool: "study", people: 3 }
    ] }
    const s = decodeOrThrow(j)
    const a = reps(s, "main-first-2025", N), b = reps(s, "move", N)
    const g = (r: (typeof a)[number], name: string) => r.groups.find((x) => x.group === name)!.migriMean
    expect(pairedInterval(a.map((r, i) => g(b[i]!, "student") - g(r, "student")), 0.99).hi).toBeLessThan(0)
    expect(pairedInterval(a.map((r, i) => g(b[i]!, "student-family") - g(r, "student-family")), 0.99).lo).toBeGreaterThan(0)
  })

  test("DNA at identification starts the lab at the appointment: DNA cases are decided sooner", () => {
    const s = decodeOrThrow(baselineRaw())
    const ta = runReplication(compileScenario(s, "fifo"), 0, { trace: true }).trace!, tb = runReplication(compileScenario(s, "dna-at-identification"), 0, { trace: true }).trace!
    const dna = ta.filter((r) => r.dna && r.reported && !Number.isNaN(r.decided) && !Number.isNaN(tb[r.id]!.decided))
    expect(dna.length).toBeGreaterThan(20)
    // the request comes at identification, not after first handling
    for (const r of dna) expect(tb[r.id]!.dnaAsked).toBe(tb[r.id]!.identified)
    for (const r of dna) expect(tb[r.id]!.decided).toBeGreaterThanOrEqual(tb[r.id]!.dnaReady)
    const d = dna.map((r) => (tb[r.id]!.decided - tb[r.id]!.identified) - (r.decided - r.identified))
    expect(pairedInterval(d, 0.99).hi).toBeLessThan(0)
  })
})

// ---------------------------------------------------------------------------------------------
// bad input: one line each, naming the field

describe("bad lever input gets one-line errors naming the field", () => {
  const staff = () => raw("new-delhi-2025-staff.json")
  const problems = (j: unknown) => { const d = decodeScenario(j); return d.ok ? [] : formatProblems(d.problems) }
  test("a staff group with negative people", () => {
    const j = staff(); j.missions[0].staffGroups[1].people = -1
    const p = problems(j)
    expect(p).toHaveLength(1)
    expect(p[0]).toMatch(/^missions\[0\]\.staffGroups\[1\]\.people: found -1; must be a number from 0 to 10,000 \(more people than Migri and all Finnish missions employ together\)$/)
  })
  test("a task time of zero where it must be positive", () => {
    const j = staff(); j.missions[0].taskHours.identification = 0
    expect(problems(j)).toEqual(["missions[0].taskHours.identification: found 0; must be a number from 0.01 to 24 (36 seconds to a day per identification)"])
  })
  test("reallocating more people than a pool has", () => {
    const j = baselineRaw(); j.policies.fifo.rules = [{ kind: "moveHandlers", fromPool: "work", toPool: "study", people: 5 }]
    const p = problems(j)
    expect(p).toHaveLength(1)
    expect(p[0]).toMatch(/^policies\.fifo\.rules\[0\]\.people: found 5; must not exceed the work pool's 2 person-years/)
  })
  test("a window that ends before it starts (staff group window and handler move)", () => {
    const j = staff(); j.missions[0].staffGroups[3].windows = [{ from: "2025-08-01", to: "2025-05-01", people: 1 }]
    j.policies.fifo.rules = [{ kind: "moveHandlers", from: "2025-09-30", to: "2025-06-01", fromPool: "work", toPool: "study", people: 1 }]
    expect(problems(j).sort()).toEqual([
      "missions[0].staffGroups[3].windows[0].to: found \"2025-05-01\"; must not be before from (2025-08-01)",
      "policies.fifo.rules[0].to: found \"2025-06-01\"; must not be before from (2025-09-30)"
    ])
  })
  test("a provider doing identification, an unknown staff group, an unknown pool", () => {
    const j = staff(); j.missions[0].staffGroups[0].tasks = ["reception", "identification"]
    j.policies.fifo.rules = [
      { kind: "extraMissionStaff", mission: "new-delhi", officers: 1, staffGroup: "nobody", costPerWeek: 0 },
      { kind: "borrowHandlers", pool: "nowhere", backlogDaysAbove: 5, maxPeople: 1, lendersBelowDays: 2 }
    ]
    const p = problems(j)
    expect(p).toHaveLength(3)
    expect(p[0]).toMatch(/^missions\[0\]\.staffGroups\[0\]\.tasks: .*may only do reception/)
    expect(p[1]).toMatch(/^policies\.fifo\.rules\[0\]\.staffGroup: found "nobody"; must be one of new-delhi's staff groups/)
    expect(p[2]).toMatch(/^policies\.fifo\.rules\[1\]\.pool: found "nowhere"; must be one of the Migri pools/)
  })
})
