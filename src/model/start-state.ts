/**
 * The state on the simulation's first day (scenario field `startState`): the backlog the mission and
 * Migri carry into the simulated period, stated instead of grown from empty queues.
 *
 * Why: started from empty queues, the New Delhi baseline has not reached its seasonal steady state
 * after a warm-up year (the appointment queue on 1 January is ≈ 760 after one warm-up year, ≈ 1,000
 * after two or three; docs/model.md, "The start of the simulation"), so the reported year depended on
 * the warm-up's length. A stated backlog makes that assumption a visible, sourced number that an
 * analyst can set from Migri's statistics, and every option starts from the same state: the one the
 * current practice leaves, not one the option would have built had it been in force a year earlier.
 *
 * What is drawn (all from streams named `start/…`, so that no draw of the simulated intake moves):
 *   - waiting for the appointment: per mission and group, the stated number of applicants, as the most
 *     recent arrivals of the group before the first day (within a group the queue is first come, first
 *     served, so those still waiting are the latest); they join the queue on the first day, oldest first,
 *     with their deadlines running from their online application;
 *   - pending at Migri: the stated number of cases, identified at the group's most recent
 *     identifications before the first day; those stated past their first handling (the oldest) go on
 *     from the step after it (their drawn supplementary request, hearing, DNA, then the final
 *     handling), the others start from their first handling;
 *   - family to follow (optional): the main applicants of the 365 days before the first day, at the
 *     intake's rates, with their families drawn as in the intake; those who apply on or after the first
 *     day are simulated, and their main applicant counts as decided before the first day, after a drawn
 *     number of days from its application (it is never simulated itself).
 * Family members in the backlog belong to a main applicant decided before the first day.
 * Every case's attributes are drawn with the intake's rules (intake.ts).
 */
import { NhppArrivals, dist, type Distribution, type PiecewiseRate, type RandomStreams, type Rng } from "../engine/index.ts"
import { CATEGORIES, GROUPS } from "../scenario/names.ts"
import { familyMean, familyWithMainShare } from "./season.ts"
import { studyStartFor, toDistribution } from "./compile.ts"
import { NC, STUDENT, type RunContext } from "./context.ts"
import { BACKLOG, BEFORE_START, FAMILY, MAIN } from "./entities.ts"
import type { IntakeDraws } from "./intake.ts"

/** The backlog's family members belong to one main applicant per category, of an unknown date before them all (ten years before the first day, or earlier than the oldest of them), decided the day before the first day. */
const BACKLOG_MAIN_APPLIED = -3650

/** Days before the first day over which main applicants with family still to come are drawn. */
export const FAMILY_TO_FOLLOW_DAYS = 365

const EXP1 = dist.exponential(1)

export const seedStartState = (
  ctx: RunContext, streams: RandomStreams, draws: IntakeDraws,
  joinIdQueue: (e: number) => void, startPending: (e: number, identifiedAt: number, pastFirst: boolean) => void
): void => {
  const { cs, s, ent, days } = ctx
  const st = s.startState
  if (st === undefined) return
  const famMean = CATEGORIES.map((c) => familyMean(s.categories[c].family))
  const decidedAfter: Distribution[] | undefined = st.familyToFollow === undefined ? undefined : CATEGORIES.map((c) => toDistribution(st.familyToFollow!.mainDecidedAfterDays[c]))

  s.missions.forEach((m, mi) => {
    const state = st.missions[m.id]!
    /** a group's applications per day around time t < 0, from the same month of the simulated calendar a year later */
    const rateOf = (g: number): ((t: number) => number) => {
      const c = g >> 1, r: PiecewiseRate = cs.rates[mi]![c]!
      const k = (g & 1) === MAIN ? 1 : famMean[c]!
      const yearMean = (k * r.integral(0, Math.min(FAMILY_TO_FOLLOW_DAYS, r.end))) / Math.max(1, Math.min(FAMILY_TO_FOLLOW_DAYS, r.end))
      return (t) => {
        const x = k * r.rateAt(t + FAMILY_TO_FOLLOW_DAYS)
        return x > 0 ? x : yearMean > 0 ? yearMean : 1
      }
    }
    /** n times before the first day, most recent first: a Poisson process of the rate, read backwards */
    const recent = (n: number, rate: (t: number) => number, rng: Rng): Float64Array => {
      const out = new Float64Array(n)
      let t = 0
      for (let i = 0; i < n; i++) { t -= EXP1.sample(rng) / rate(t); out[i] = t }
      return out
    }
    // one main applicant per category, decided before the first day, for the backlog's family members
    const before: number[] = []
    const mainBefore = (c: number, arrival: number, decided: number): number => {
      const e = ent.add()
      ent.cat[e] = c; ent.role[e] = MAIN; ent.mission[e] = mi; ent.origin[e] = BEFORE_START
      ent.arrival[e] = arrival; ent.decided[e] = decided
      return e
    }
    const caseOf = (e: number, g: number, rng: Rng, srng: Rng | undefined, arrival: number) => {
      const c = g >> 1
      ent.cat[e] = c; ent.role[e] = g & 1; ent.mission[e] = mi; ent.origin[e] = BACKLOG; ent.arrival[e] = arrival
      if ((g & 1) === FAMILY) {
        const mn = before[c] ??= mainBefore(c, BACKLOG_MAIN_APPLIED, -1)
        ent.mainOf[e] = mn
        if (arrival < ent.arrival[mn]!) ent.arrival[mn] = arrival - 1
      }
      draws.drawCase(e, rng, cs.params[mi]![c]![g & 1]!)
      draws.drawSeason(e, srng, c)
      if (c === STUDENT && (g & 1) === MAIN) ent.studyStart[e] = studyStartFor(cs, arrival, rng())
    }
    for (let g = 0; g < GROUPS.length; g++) {
      const name = `${m.id}/${GROUPS[g]}`
      const rng = streams.stream(`start/cases/${name}`)
      const srng = draws.seasonOn[g >> 1] ? streams.stream(`start/season/${name}`) : undefined
      const rate = rateOf(g)
      // waiting for the appointment: oldest first into the queue
      const nWait = state.waitingForAppointment[GROUPS[g]!]
      const waitAt = recent(nWait, rate, streams.stream(`start/waiting/${name}`))
      for (let i = nWait - 1; i >= 0; i--) {
        const e = ent.add()
        caseOf(e, g, rng, srng, waitAt[i]!)
        joinIdQueue(e)
      }
      // pending at Migri: identified at the group's latest identifications; applied the FIFO wait the
      // stated appointment backlog implies before that
      // (the oldest are the ones past their first handling)
      const nPend = state.pendingAtMigri[GROUPS[g]!], nPast = state.pastFirstHandling[GROUPS[g]!]
      const idAt = recent(nPend, rate, streams.stream(`start/pending/${name}`))
      const wait = nWait / rate(0)
      for (let i = nPend - 1; i >= 0; i--) {
        const e = ent.add()
        caseOf(e, g, rng, srng, idAt[i]! - wait)
        startPending(e, idAt[i]!, i >= nPend - nPast)
      }
    }
    // family to follow: main applicants of the year before, whose family members apply after the first day
    if (decidedAfter === undefined) return
    for (let c = 0; c < NC; c++) {
      const name = `${m.id}/${CATEGORIES[c]}`
      const arrivals = new NhppArrivals(cs.rates[mi]![c]!, streams.stream(`start/before/${name}`))
      const frng = streams.stream(`start/family/${name}`)
      const rng = streams.stream(`start/family-cases/${name}`)
      const srng = draws.seasonOn[c] ? streams.stream(`start/family-season/${name}`) : undefined
      const withMain = familyWithMainShare(s.categories[CATEGORIES[c]!].family)
      // most of these main applicants have nobody to follow: a one-draw distribution's draw is taken in
      // the stream's order and its value worked out only for those who do (the stream moves the same)
      const da = decidedAfter[c]!, daFrom = da.fromUniform
      for (let t = arrivals.next(); t < FAMILY_TO_FOLLOW_DAYS; t = arrivals.next()) {
        const arrival = t - FAMILY_TO_FOLLOW_DAYS
        const u = daFrom !== undefined ? frng() : NaN
        let decided = daFrom !== undefined ? NaN : Math.min(arrival + da.sample(frng), -1e-6)
        const size = cs.familySize[c]!.sample(frng)
        let main = -1
        for (let i = 0; i < size; i++) {
          const together = frng() < withMain
          const at = arrival + cs.lag[c]!.sample(frng)
          if (together || at < 0 || at >= days) continue
          if (main < 0) {
            if (daFrom !== undefined) decided = Math.min(arrival + daFrom(u), -1e-6)
            main = mainBefore(c, arrival, decided)
          }
          draws.addFamilyMember(main, at, false, rng, srng)
        }
      }
    }
  })
}
