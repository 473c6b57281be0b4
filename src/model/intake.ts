/**
 * Intake and families: main applicants' online applications (Poisson arrivals by month and weekday),
 * every random attribute of the case drawn on arrival (common random numbers across policies), and the
 * family members who apply with the main applicant or later.
 */
import { NhppArrivals, type RandomStreams, type Rng } from "../engine/index.ts"
import { CATEGORIES } from "../scenario/names.ts"
import { studyStartFor, type CaseParams } from "./compile.ts"
import { familyWithMainShare } from "./season.ts"
import { NC, STUDENT, type RunContext } from "./context.ts"
import { FAMILY, F_AUTOMATED, F_DNA, F_HEARING, F_HIGHRISK, F_NEGATIVE, F_REPORTED, F_SUPP, F_WITH_MAIN, MAIN, STEP_DNA, STEP_HEARING, STEP_NEG_HEARING, STEP_SUPP } from "./entities.ts"
import type { Metrics } from "./metrics.ts"

/** What the stated start state (start-state.ts) draws its applicants with: the same rules as the intake's. */
export interface IntakeDraws {
  drawCase: (e: number, rng: Rng, p: CaseParams) => void
  drawSeason: (e: number, rng: Rng | undefined, c: number) => void
  addFamilyMember: (e: number, at: number, together: boolean, rng: Rng, srng: Rng | undefined) => number
  /** per category: the season stage is on (its draws need a stream) */
  seasonOn: ReadonlyArray<boolean>
}

export const startIntake = (ctx: RunContext, streams: RandomStreams, metrics: Metrics, joinIdQueue: (e: number) => void): IntakeDraws => {
  const { sim, s, cs, ent, days } = ctx
  const nM = s.missions.length
  const withMainOf = Float64Array.from(CATEGORIES, (c) => familyWithMainShare(s.categories[c].family))
  const ARRIVE_FAMILY = sim.register("family-arrives", (e) => joinIdQueue(e))

  /** Draws the case attributes of entity e from rng (always the same number of draws). */
  const drawCase = (e: number, rng: Rng, p: CaseParams) => {
    const uPos = rng(), uRisk = rng(), uAuto = rng(), uHear = rng(), uSupp = rng(), uDna = rng()
    ent.remoteU[e] = rng()
    let f = ent.flags[e]!
    const negative = uPos >= p.positive
    const high = uRisk < p.highRisk
    if (negative) f |= F_NEGATIVE
    if (high) f |= F_HIGHRISK
    let st = 0
    if (!negative && !high && uAuto < p.automated) {
      f |= F_AUTOMATED
      ent.hours[e] = p.automatedHours
    } else {
      if (uHear < (high ? p.hearingHigh : p.hearingNormal)) { f |= F_HEARING; st |= STEP_HEARING }
      if (uSupp < p.supplementary) { f |= F_SUPP; st |= STEP_SUPP }
      if (uDna < p.dna) { f |= F_DNA; st |= STEP_DNA }
      ent.hours[e] = p.baseHours * (high ? p.highRiskMult : 1) * (negative ? p.negativeMult : 1)
    }
    ent.flags[e] = f
    ent.steps[e] = st
    // durations are drawn only where they can be needed; what is drawn depends only on the attributes
    // above (never on the policy), so every policy still sees the same applicants
    ent.respDays[e] = (f & F_SUPP) !== 0 || ent.role[e] === FAMILY ? cs.responseDays.sample(rng) : 0
    ent.labDays[e] = (f & F_DNA) !== 0 ? cs.labDays.sample(rng) : 0
  }

  /**
   * season (issue 8): the stage outside Migri (main applicants) and the hearing before a negative
   * decision, drawn from a stream of their own so that no other draw moves when they are switched on
   */
  const negHearing = cs.negativeHearingDays
  const drawSeason = (e: number, rng: Rng | undefined, c: number) => {
    if (rng === undefined) return
    const ext = cs.externalDays[c]
    if (ext !== undefined && ent.role[e] === MAIN && rng() < cs.externalShare[c]!) ent.extDays[e] = ext.sample(rng)
    if (negHearing !== undefined && (ent.flags[e]! & F_NEGATIVE) !== 0 && (ent.flags[e]! & F_AUTOMATED) === 0) {
      ent.negDays[e] = negHearing.sample(rng)
      ent.steps[e] = ent.steps[e]! | STEP_NEG_HEARING
    }
  }
  const seasonOn = CATEGORIES.map((_, c) => cs.externalDays[c] !== undefined || negHearing !== undefined)
  const seasonRng: Array<Rng | undefined> = []
  const arrivalsOf: NhppArrivals[] = []
  const caseRng: Rng[] = [], familyRng: Rng[] = [], coverRng: Rng[] = []
  // the positive-decision target (7 d) covers all of a category's main applicants, or a share of them
  // drawn from a stream of its own (so that no other draw moves)
  const coverShare = Float64Array.from(CATEGORIES, (c) => (s.categories[c].positiveTargetDays === undefined ? 0 : s.categories[c].positiveTargetShare ?? 1))
  for (let mi = 0; mi < nM; mi++) {
    for (let c = 0; c < NC; c++) {
      const name = `${s.missions[mi]!.id}/${CATEGORIES[c]}`
      arrivalsOf.push(new NhppArrivals(cs.rates[mi]![c]!, streams.stream(`arrivals/${name}`)))
      caseRng.push(streams.stream(`cases/${name}`))
      familyRng.push(streams.stream(`family/${name}`))
      coverRng.push(streams.stream(`covered/${name}`))
      seasonRng.push(seasonOn[c] ? streams.stream(`season/${name}`) : undefined)
    }
  }
  /** A family member of main applicant e who applies at `at` (now, with the main applicant, or later), its case drawn from rng. */
  const addFamilyMember = (e: number, at: number, together: boolean, rng: Rng, srng: Rng | undefined): number => {
    const c = ent.cat[e]!, mi = ent.mission[e]!
    const f = ent.add()
    ent.cat[f] = c; ent.role[f] = FAMILY; ent.mission[f] = mi; ent.mainOf[f] = e
    ent.arrival[f] = at
    drawCase(f, rng, cs.params[mi]![c]![FAMILY]!)
    drawSeason(f, srng, c)
    if (together) ent.flags[f] = ent.flags[f]! | F_WITH_MAIN
    if (at >= cs.reportedFirst && at < cs.reportedEnd) {
      ent.flags[f] = ent.flags[f]! | F_REPORTED
      metrics.openCohort++
    }
    if (together) joinIdQueue(f)
    else sim.at(at, ARRIVE_FAMILY, f)
    return f
  }
  const ARRIVE = sim.register("main-arrives", (k) => {
    const mi = Math.floor(k / NC), c = k % NC
    const e = ent.add()
    ent.cat[e] = c; ent.role[e] = MAIN; ent.mission[e] = mi; ent.arrival[e] = sim.now
    const reported = sim.now >= cs.reportedFirst && sim.now < cs.reportedEnd
    if (reported) { ent.flags[e] = F_REPORTED; metrics.openCohort++ }
    const rng = caseRng[k]!
    drawCase(e, rng, cs.params[mi]![c]![MAIN]!)
    drawSeason(e, seasonRng[k], c)
    if (c === STUDENT) ent.studyStart[e] = studyStartFor(cs, sim.now, rng())
    const cover = coverShare[c]!
    if (cover >= 1 || (cover > 0 && coverRng[k]!() < cover)) ent.covered[e] = 1
    // the family
    const frng = familyRng[k]!
    const size = cs.familySize[c]!.sample(frng)
    const withMain = withMainOf[c]!
    joinIdQueue(e)
    for (let i = 0; i < size; i++) {
      const together = frng() < withMain
      const lag = cs.lag[c]!.sample(frng)
      const at = together ? sim.now : sim.now + lag
      // a family member who would apply after the horizon never enters the simulated world (what is
      // drawn still depends only on the applicants, never on the policy)
      if (at >= days) continue
      addFamilyMember(e, at, together, frng, seasonRng[k])
    }
    const t = arrivalsOf[k]!.next()
    if (t < days) sim.at(t, ARRIVE, k)
  })
  for (let k = 0; k < nM * NC; k++) {
    const t = arrivalsOf[k]!.next()
    if (t < days) sim.at(t, ARRIVE, k)
  }
  // seasonal workers (issue 8): streams of their own, so nothing else moves when they are switched on
  const sw = cs.seasonal
  if (sw !== undefined) {
    const arrivals = new NhppArrivals(sw.rate, streams.stream("seasonal/arrivals"))
    const rng = streams.stream("seasonal/cases")
    const WORKER = CATEGORIES.indexOf("worker")
    const ARRIVE_SEASONAL = sim.register("seasonal-arrives", () => {
      const e = ent.add()
      ent.cat[e] = WORKER; ent.role[e] = MAIN; ent.mission[e] = sw.mission; ent.arrival[e] = sim.now; ent.seasonal[e] = 1
      drawCase(e, rng, sw.params)
      if (sw.external !== undefined && rng() < sw.externalShare) ent.extDays[e] = sw.external.sample(rng)
      if (negHearing !== undefined && (ent.flags[e]! & F_NEGATIVE) !== 0 && (ent.flags[e]! & F_AUTOMATED) === 0) {
        ent.negDays[e] = negHearing.sample(rng)
        ent.steps[e] = ent.steps[e]! | STEP_NEG_HEARING
      }
      metrics.seasonal.arrived(e)
      joinIdQueue(e)
      const t = arrivals.next()
      if (t < days) sim.at(t, ARRIVE_SEASONAL, 0)
    })
    const t = arrivals.next()
    if (t < days) sim.at(t, ARRIVE_SEASONAL, 0)
  }
  return { drawCase, drawSeason, addFamilyMember, seasonOn }
}
