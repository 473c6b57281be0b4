/**
 * Properties of the embassy model on random VALID scenarios (test/model/support.ts builds them from the
 * baseline with fast-check). Every generated scenario is first run through decodeScenario and must be
 * accepted, so the generator cannot drift out of the valid space.
 *
 * What is checked, on the per-application trace and the per-day capacity arrays of one replication:
 *  - conservation: every application is decided, pending at Migri or still waiting for identification
 *    at the horizon; the trace and result.groups agree on all counts; nothing is lost or duplicated;
 *  - causality: arrival ≤ identified ≤ decided ≤ horizon; a family member is decided no earlier than its
 *    main applicant;
 *  - capacity: a day never serves more identifications than it has slots, officer and Migri hours used
 *    never exceed those available (per day, per mission, per pool);
 *  - the appointment server's discipline: it never idles while someone waits (work conservation), fast
 *    track comes first except for family-slot reservations, family slots really go to family members,
 *    main-applicants-first really holds family members back, a joint appointment keeps the family with
 *    its main applicant, and without ordering rules the appointments are first come, first served;
 *  - reproducibility and common random numbers: same seed ⇒ identical run; a different replication or
 *    seed ⇒ a different run; every policy sees the same applicants, and a policy whose rules all start
 *    on some date changes nothing before that date;
 *  - monotonicity: under a fixed (static) queue order, more identification slots never make anybody's
 *    identification later (see the long comment at that test for why, and why the reported mean is
 *    monotone only when nobody is censored at the horizon).
 *
 * Budget: ~380 random scenarios, each compiled (~17 ms) and run (~7 ms) one to four times: ~15 s.
 */
import { describe, expect } from "vitest"
import { fc, test } from "@fast-check/vitest"
import { compileScenario, runReplication, type ModelRun, type TraceRow } from "../../src/model/embassy.ts"
import { decodeScenario } from "../../src/scenario/decode.ts"
import type { Scenario } from "../../src/scenario/schema.ts"
import { checkRun } from "./check-run.ts"
import { STATIC_ORDER_KINDS, groupOf, orInf, scenarioArb } from "./support.ts"

const decodeGenerated = (raw: unknown): Scenario => {
  const d = decodeScenario(raw)
  // the generator must only produce valid scenarios: a failure here is a bug in the generator
  expect(d.ok ? [] : d.problems).toEqual([])
  return (d as { ok: true; value: Scenario }).value
}

const EPS = 1e-9

describe("invariants on random valid scenarios", () => {
  test.prop([scenarioArb(), fc.integer({ min: 0, max: 1000 })], { numRuns: 150 })(
    "nothing lost, causal, within capacity, and the appointment queue follows its rules",
    (raw, rep) => {
      const s = decodeGenerated(raw)
      const cs = compileScenario(s, s.policy)
      expect(checkRun(cs, runReplication(cs, rep, { trace: true })).violations).toEqual([])
    }
  )

  // the ordering rules act only when the queue is long and several of them overlap: give them more runs
  test.prop([scenarioArb({ kinds: ["mainApplicantsFirst", "familySlots", "jointFamilyAppointment", "studyStartFirst"], randomPolicy: true, minRules: 2 }), fc.integer({ min: 0, max: 1000 })], { numRuns: 80 })(
    "the same, with several overlapping queue-ordering rules",
    (raw, rep) => {
      const s = decodeGenerated(raw)
      const cs = compileScenario(s, s.policy)
      expect(checkRun(cs, runReplication(cs, rep, { trace: true })).violations).toEqual([])
    }
  )
})

// ---------------------------------------------------------------------------------------------
// reproducibility and common random numbers

const withoutIndex = (r: ModelRun["result"]) => ({ ...r, replication: 0 })
const applicantRows = (t: ReadonlyArray<TraceRow>) => t.map((r) => [r.id, r.category, r.role, r.mission, r.main, r.arrival, r.positive, r.reported, r.studyStart])

describe("reproducibility and common random numbers", () => {
  test.prop([scenarioArb(), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 30 })(
    "same seed ⇒ identical run; another replication or seed ⇒ another run",
    (raw, rep, seed) => {
      const s = decodeGenerated(raw)
      const cs = compileScenario(s, s.policy)
      const a = runReplication(cs, rep, { trace: true, seed })
      const b = runReplication(cs, rep, { trace: true, seed })
      expect(b.result).toEqual(a.result)
      expect(b.trace).toEqual(a.trace)
      expect(b.daily).toEqual(a.daily)
      const anyIdentified = a.result.groups.some((g) => g.identified > 0)
      for (const other of [runReplication(cs, rep + 1, { trace: true, seed }), runReplication(cs, rep, { trace: true, seed: seed + 1 })]) {
        // arrival times are continuous: two runs with applications cannot draw the same ones
        if (a.trace!.length > 0 || other.trace!.length > 0) expect(applicantRows(other.trace!)).not.toEqual(applicantRows(a.trace!))
        // an identified reported application gives a continuous appointment wait
        if (anyIdentified) expect(withoutIndex(other.result)).not.toEqual(withoutIndex(a.result))
      }
    }
  )

  test.prop([scenarioArb(), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 25 })(
    "a replication does not depend on the replications run before it (each compiled scenario reuses its application table)",
    (raw, rep, seed) => {
      const s = decodeGenerated(raw)
      const fresh = runReplication(compileScenario(s, s.policy), rep, { trace: true, seed })
      const cs = compileScenario(s, s.policy)
      runReplication(cs, rep + 7, { seed })
      runReplication(cs, rep + 3, { seed: seed + 1, trace: true })
      const again = runReplication(cs, rep, { trace: true, seed })
      expect(again.result).toEqual(fresh.result)
      expect(again.trace).toEqual(fresh.trace)
      expect(runReplication(cs, rep, { seed }).result).toEqual(runReplication(compileScenario(s, s.policy), rep, { seed }).result)
    }
  )

  test.prop([scenarioArb({ randomPolicy: true }), fc.integer({ min: 0, max: 1000 })], { numRuns: 30 })(
    "every policy sees the same applicants, and a dated policy changes nothing before its first date",
    (raw, rep) => {
      const s = decodeGenerated(raw)
      const csPolicy = compileScenario(s, "random"), csFifo = compileScenario(s, "fifo")
      const p = runReplication(csPolicy, rep, { trace: true }), f = runReplication(csFifo, rep, { trace: true })
      expect(applicantRows(p.trace!)).toEqual(applicantRows(f.trace!))
      // the first day on which any rule can act (rules without `from` act from day 0)
      const rules = s.policies.random!.rules
      const first = rules.length === 0 ? Infinity : Math.min(...rules.map((r) => (r.from === undefined ? -Infinity : csPolicy.cal.dayOf(r.from))))
      for (let i = 0; i < p.trace!.length; i++) {
        const x = p.trace![i]!, y = f.trace![i]!
        if (Math.min(orInf(x.identified), orInf(y.identified)) < first) expect(x.identified).toBe(y.identified)
        if (Math.min(orInf(x.decided), orInf(y.decided)) < first) expect(x.decided).toBe(y.decided)
      }
      if (first === Infinity) {
        // no rules at all: the policy is FIFO, so the runs are identical
        expect(p.trace).toEqual(f.trace)
        expect({ ...p.result, policy: "" }).toEqual({ ...f.result, policy: "" })
      }
    }
  )
})

// ---------------------------------------------------------------------------------------------
// more slots never hurt (under a static queue order)

/**
 * Why per-applicant identification times are monotone in slotsPerDay under FIFO:
 * the appointment server serves, at one session a day, up to c applicants in a fixed total order
 * (fast track first, then the 3-month deadline = online application + 90 d, ties by sub-queue and
 * arrival). The order of two applicants never depends on c, and nobody's arrival depends on c (family
 * members' lags are drawn when the main applicant applies). The fast-track reservation only serves first
 * the applicants who rank first anyway, and unused reserved slots go to the general queue, so it does
 * not break the order. Then applicant x is served at the first session with fewer than c applicants
 * ranked above x waiting, and the number ranked above x who wait follows Lindley's recursion
 * Q' = max(0, Q + A − c), which is non-increasing in c. So x's day can only move earlier with more slots,
 * and within the day x's rank (hence its time in the session) can only fall. The same holds for every
 * rule that fixes the order when an applicant joins the queue (joint family appointment, study-start
 * order) or only adds capacity (official assistance, extra staff, remote hearings) — but not for
 * main-applicants-first (the rank depends on the day of service) nor family slots (a reservation for a
 * lower-ranked class), which are excluded here.
 *
 * The reported mean appointment wait (result.groups[…].apptWaitMean) is a mean over the IDENTIFIED only.
 * With more slots, applicants who were still waiting at the horizon get identified, with long waits,
 * and can raise that mean (censoring). So the mean is monotone only when nobody of the group is left
 * waiting with fewer slots; the censored mean over all reported applicants (wait counted to the horizon
 * for those still waiting) is always monotone.
 */
describe("more identification slots never make anybody wait longer (static queue order)", () => {
  test.prop([
    scenarioArb({ kinds: STATIC_ORDER_KINDS, basePolicies: ["fifo", "study-start-first", "official-assistance", "remote-hearings", "rotating-consul"] }),
    fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 10 }), fc.nat()
  ], { numRuns: 80 })("per applicant and in the mean", (raw, rep, slots, extra, pick) => {
    const mi = pick % raw.missions.length
    const small = structuredClone(raw), big = structuredClone(raw)
    small.missions[mi].identification.slotsPerDay = slots
    small.missions[mi].identification.fastTrackReservedPerDay = Math.min(slots, raw.missions[mi].identification.fastTrackReservedPerDay)
    big.missions[mi].identification.slotsPerDay = slots + extra
    big.missions[mi].identification.fastTrackReservedPerDay = small.missions[mi].identification.fastTrackReservedPerDay
    const sS = decodeGenerated(small), sB = decodeGenerated(big)
    const csS = compileScenario(sS, sS.policy), csB = compileScenario(sB, sB.policy)
    const rS = runReplication(csS, rep, { trace: true }), rB = runReplication(csB, rep, { trace: true })
    const tS = rS.trace!, tB = rB.trace!
    expect(applicantRows(tB)).toEqual(applicantRows(tS))
    for (let i = 0; i < tS.length; i++) {
      expect(orInf(tB[i]!.identified), `application ${i}: ${tS[i]!.identified} with ${slots} slots, ${tB[i]!.identified} with ${slots + extra}`)
        .toBeLessThanOrEqual(orInf(tS[i]!.identified) + EPS)
    }
    for (const gS of rS.result.groups) {
      const gB = rB.result.groups.find((g) => g.group === gS.group)!
      expect(gB.identified).toBeGreaterThanOrEqual(gS.identified)
      // censored mean: waits of those still waiting are counted up to the horizon
      const censored = (t: ReadonlyArray<TraceRow>, horizon: number) => {
        const rows = t.filter((r) => r.reported && groupOf(r) === gS.group)
        return rows.reduce((a, r) => a + Math.min(orInf(r.identified), horizon) - r.arrival, 0) / Math.max(1, rows.length)
      }
      expect(censored(tB, csB.days)).toBeLessThanOrEqual(censored(tS, csS.days) + EPS)
      // the reported mean (over the identified) is monotone when nobody is censored
      if (gS.waitingForIdAtHorizon === 0 && gS.identified > 0) expect(gB.apptWaitMean).toBeLessThanOrEqual(gS.apptWaitMean + EPS)
    }
  })
})
