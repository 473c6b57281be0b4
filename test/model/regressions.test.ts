/**
 * Regression tests for bugs found by the model tests and fixed: impossible calendar dates passed the
 * schema (Date.parse rolls 2025-02-30 over to 2 March), and a mission task longer than a whole day's
 * officer hours blocked the officers' queue for good (the officers' server now lets work carry over).
 * The comments at each test keep the original diagnosis.
 */
import { describe, expect, test } from "vitest"
import { compileScenario, runReplication } from "../../src/model/embassy.ts"
import { decodeScenario } from "../../src/scenario/decode.ts"
import { Entities } from "../../src/model/entities.ts"
import { CATS, baselineRaw, decodeOrThrow } from "./support.ts"

describe("impossible calendar dates", () => {
  /**
   * decode.ts checks "a real calendar date" with Date.parse, which rolls 2025-02-30 over to 2025-03-02
   * instead of returning NaN, so impossible dates that match the YYYY-MM-DD pattern pass decodeScenario.
   * Then `start` silently moves (the reported year starts on 2 March), and a rule's from/to or a
   * closedDates entry makes compileScenario throw (the engine's parseIsoDate does check the round trip).
   * Fix: in crossCheck, test dates by round trip, e.g.
   *   const real = (iso) => { const t = Date.parse(iso + "T00:00:00Z"); return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === iso }
   * and apply it to start, every rule's from/to and every missions[i].closedDates[k].
   */
  test.each([
    ["start", (s: Record<string, any>) => { s.start = "2025-02-30" }],
    ["policies.main-first-2025.rules[0].to", (s: Record<string, any>) => { s.policies["main-first-2025"].rules[0].to = "2025-06-31" }],
    ["missions[0].closedDates[0]", (s: Record<string, any>) => { s.missions[0].closedDates = ["2025-04-31"] }]
  ] as const)("%s: an impossible date is reported by decodeScenario", (path, f) => {
    const s = baselineRaw()
    f(s)
    const d = decodeScenario(s)
    expect(d.ok ? [] : d.problems.map((p) => p.path)).toEqual([path])
  })
})

describe("mission officers", () => {
  /**
   * The officers' DailySlotServer is not splittable: a hearing (supplementary request, DNA sampling)
   * waits for a day with room for all of its hours. When a task takes longer than a whole day's officer
   * capacity (legal input: officers and hoursPerDay are any positive numbers, e.g. one officer 0.7 h a day
   * and hearingHours 0.75), that day never comes: the task blocks the head of the officer queue for good,
   * and every hearing, supplementary request and DNA sampling behind it waits forever while the hours go
   * unused. Here: 1 officer × 0.7 h/day, 0.75 h hearings for 20 % of cases, 300 worker applications a
   * year, 240 days of drain: capacity is ~4× the demand, yet most cases are never decided.
   * Fix (model): give the officers' server `splittable: true`, like Migri's pools (officer work carries
   * over to the next working day); or (engine) let a non-splittable job larger than the whole day's
   * capacity start on a day when nothing else has been served; at the least, reject such scenarios in
   * crossCheck (officers × hoursPerDay > 0 but below a task's hours).
   */
  test("a task longer than a day's officer capacity still gets done", () => {
    const s = baselineRaw()
    s.warmupDays = 0; s.intakeDays = 120; s.drainDays = 240; delete s.startState
    for (const c of CATS) {
      s.missions[0].arrivals[c].annual = c === "worker" ? 300 : 0
      s.categories[c].hearingRate = { main: 0.2, family: 0.2 }
      s.categories[c].family.sizeWeights = [1]
    }
    s.missions[0].staff.officers = 1
    s.missions[0].staff.hoursPerDay = 0.7
    s.missions[0].staff.hearingHours = 0.75
    s.policy = "fifo"
    const scenario = decodeOrThrow(s)
    const r = runReplication(compileScenario(scenario, "fifo"), 0).result
    const w = r.groups.find((g) => g.group === "worker")!
    expect(w.arrived).toBeGreaterThan(50)
    expect(w.decided / w.arrived).toBeGreaterThan(0.95)
  })
})

describe("the application table", () => {
  /** Every typed-array attribute of a table, by name. */
  const arrays = (t: Entities): Array<[string, Uint8Array | Int32Array | Float64Array]> =>
    Object.entries(t).filter((kv): kv is [string, Uint8Array | Int32Array | Float64Array] => ArrayBuffer.isView(kv[1]))

  test("clear() sets every attribute of the applications used back to 0, and growing keeps every attribute", () => {
    const t = new Entities(16)
    for (let i = 0; i < 40; i++) t.add() // grows past its first capacity
    const names = arrays(t).map(([k]) => k)
    expect(names.length).toBeGreaterThan(25)
    arrays(t).forEach(([, a], k) => { for (let e = 0; e < 40; e++) a[e] = (k % 7) + 1 })
    t.add() // grows again: the values written stay
    for (const [k, a] of arrays(t)) expect([k, a[39]]).toEqual([k, (names.indexOf(k) % 7) + 1])
    t.clear()
    expect(t.n).toBe(0)
    for (const [k, a] of arrays(t)) expect([k, a.every((x) => x === 0)]).toEqual([k, true])
  })
})
