/**
 * Decisions and metrics: what one replication counts, and the ReplicationResult it reports. Cohort
 * metrics are by month of application; capacity metrics by calendar month of the reported period.
 */
import { Histogram, MeanBank, Tally } from "../engine/index.ts"
import { CATEGORIES, GROUPS } from "../scenario/names.ts"
import type { RunContext } from "./context.ts"
import { F_DNA, F_HEARING, F_HIGHRISK, F_NEGATIVE, F_REPORTED, F_SUPP, F_WITH_MAIN, MAIN, FAMILY } from "./entities.ts"
import { reachDays } from "./season.ts"
import { createScoreboard } from "./scoreboard.ts"
import type { GroupResult } from "./results.ts"

/** Capacity offered and used by one daily server: by month and in total over the reported period, and per day with a trace. */
export interface CapacityLog {
  readonly offeredByMonth: Float64Array
  readonly usedByMonth: Float64Array
  offered: number
  used: number
  readonly dailyUsed: Float64Array
  readonly dailyCapacity: Float64Array
  readonly record: (d: number, capD: number, used: number) => void
}

export const capacityLog = (ctx: RunContext): CapacityLog => {
  const months = ctx.cs.reportedMonths
  const perDay = ctx.trace ? ctx.days + 1 : 0
  const log: CapacityLog = {
    offeredByMonth: new Float64Array(months), usedByMonth: new Float64Array(months), offered: 0, used: 0,
    dailyUsed: new Float64Array(perDay), dailyCapacity: new Float64Array(perDay),
    record: (d: number, capD: number, used: number) => {
      const mo = ctx.reportedMonthOf(d)
      if (mo >= 0) { log.offeredByMonth[mo]! += capD; log.usedByMonth[mo]! += used }
      if (ctx.inReported(d)) { log.offered += capD; log.used += used }
      if (d < log.dailyUsed.length) { log.dailyUsed[d] = used; log.dailyCapacity[d] = capD }
    }
  }
  return log
}

export type Metrics = ReturnType<typeof createMetrics>

/** A growable list of small integers. */
class IntLog {
  private a: Int32Array
  n = 0
  constructor(capacity: number) { this.a = new Int32Array(Math.max(16, capacity)) }
  push(x: number): void {
    if (this.n === this.a.length) { const b = new Int32Array(this.a.length * 2); b.set(this.a); this.a = b }
    this.a[this.n++] = x
  }
  at(i: number): number { return this.a[i]! }
}

export const createMetrics = (ctx: RunContext) => {
  const { cs, s, ent } = ctx
  const nG = CATEGORIES.length * 2
  const nM = s.missions.length
  const months = cs.reportedMonths
  /** a month of the reported period as a series index: outside the period, its first or last month (as PeriodTallies did) */
  const monthSlot = (mo: number): number => (mo < 0 ? 0 : mo >= months ? months - 1 : mo)
  /** group g's value for each month of the reported period; f gets the month and its series index in a bank (g × months + month) */
  const perMonth = (g: number, f: (month: number, series: number) => number): number[] => Array.from({ length: months }, (_, mo) => f(mo, g * months + mo))
  const mk = <T>(f: () => T): T[] => Array.from({ length: nG }, f)
  // per-category constants for the hot paths (a category without a positive-decision target never counts)
  const targetOf = Float64Array.from(CATEGORIES, (c) => s.categories[c].targetDays)
  const positiveTargetOf = Float64Array.from(CATEGORIES, (c) => s.categories[c].positiveTargetDays ?? -Infinity)
  const weeks = Math.ceil((cs.reportedEnd - cs.reportedFirst) / 7)
  const m = {
    weeks,
    gArrived: new Float64Array(nG), gIdentified: new Float64Array(nG), gDecided: new Float64Array(nG),
    gIdMissed: new Float64Array(nG), gWithin: new Float64Array(nG), gPosWithin: new Float64Array(nG),
    gHearing: new Float64Array(nG), gSupp: new Float64Array(nG), gNeg: new Float64Array(nG), gHigh: new Float64Array(nG),
    // means per group (index g) and per group and month of application (index g × months + month)
    apptWait: new MeanBank(nG), apptHist: mk(() => new Histogram(1000, 1)),
    migriT: new MeanBank(nG), migriHist: mk(() => new Histogram(1000, 0.5)), posMigri: new MeanBank(nG),
    e2e: new MeanBank(nG), e2eHist: mk(() => new Histogram(1500, 1)),
    mArrived: mk(() => new Float64Array(months)), mAppt: new MeanBank(nG * months), mMigri: new MeanBank(nG * months),
    mWithin: mk(() => new Float64Array(months)), mE2e: new MeanBank(nG * months),
    /** family separation: overall (series 0) and per category (1 + category) */
    separation: new MeanBank(1 + CATEGORIES.length), separationHist: new Histogram(1500, 1),
    studentsLate: 0, studentsWithStart: 0, dupChecks: 0, dupHours: 0, expired: 0,
    studentFamilyLate: new Set<number>(),
    hoursHandling: 0, hoursRemote: 0, hoursSuppAnswers: 0,
    officerByTask: Array.from({ length: nM }, () => new Float64Array(3)),
    hearingsMission: new Float64Array(nM), hearingsRemote: new Float64Array(nM),
    idQueueWeekly: Array.from({ length: nM }, () => new Array<number>(weeks).fill(0)),
    pendingWeekly: new Array<number>(weeks).fill(0),
    pendingAtMigri: 0,
    /** applications of the reported cohort (the four categories and seasonal workers) not decided yet: the run ends when none is left after the intake period */
    openCohort: 0,
    /**
     * Ends the run once the intake period is over and the cohort is decided: nothing after it is counted
     * but the cohort's own decisions. With a trace the run goes on to the horizon, so that traces of
     * different policies hold the same applicants.
     */
    endIfCohortDecided: () => { if (m.openCohort === 0 && ctx.sim.now >= cs.reportedEnd && !ctx.trace) ctx.sim.stop() },
    posCovered: new Float64Array(nG), negMigri: new MeanBank(nG),
    /** duplicated subsistence checks by cause: the family member applied before the main applicant's decision (the queue kept them apart) or after it */
    dupPolicy: 0, dupLate: 0,
    scoreboard: createScoreboard(ctx),
    /** DNA samples asked for in reported cases, and the days from the request to the lab result */
    dnaRequests: 0, dnaDays: new Tally(),
    /** season (issue 8): students who missed a start they could have made, or one they could not; students on time whose family (applied with them) was not */
    missedReachable: 0, missedUnreachable: 0, slippedForFamily: new Set<number>(),
    /** seasonal workers (issue 8), the reported cohort: counted apart from the four categories */
    seasonal: {
      n: { arrived: 0, identified: 0, decided: 0, positive: 0, within: 0 },
      appt: new Tally(), migri: new Tally(),
      /** by month of application (0 = the reported period's first month): the berry season's peak shows here */
      mArrived: new Float64Array(months), mAppt: new MeanBank(months), mMigri: new MeanBank(months), mWithin: new Float64Array(months),
      inCohort: (e: number) => ctx.inReported(Math.floor(ent.arrival[e]!)),
      monthOf: (e: number) => monthSlot(ctx.reportedMonthOf(ent.arrival[e]!)),
      arrived: (e: number) => { if (m.seasonal.inCohort(e)) { m.seasonal.n.arrived++; m.openCohort++; m.seasonal.mArrived[m.seasonal.monthOf(e)]!++ } },
      identified: (e: number, now: number) => {
        if (!m.seasonal.inCohort(e)) return
        const w = now - ent.arrival[e]!
        m.seasonal.n.identified++; m.seasonal.appt.add(w); m.seasonal.mAppt.add(m.seasonal.monthOf(e), w)
      },
      decided: (e: number) => {
        if (!m.seasonal.inCohort(e)) return
        m.openCohort--
        const t = ent.decided[e]! - ent.identified[e]!, mo = m.seasonal.monthOf(e)
        m.seasonal.n.decided++; m.seasonal.migri.add(t); m.seasonal.mMigri.add(mo, t)
        if ((ent.flags[e]! & F_NEGATIVE) === 0) m.seasonal.n.positive++
        if (t <= (s.seasonal?.targetDays ?? Infinity)) { m.seasonal.n.within++; m.seasonal.mWithin[mo]!++ }
      }
    },

    /**
     * The events the figures are counted from, in the order they happened: reported identifications,
     * and every decision of the four categories (the scoreboard counts decisions made in the period as
     * well as the cohort's). `settle` counts them after the run, in that order, with the times the
     * applications hold (neither changes once set): the same sums in the same order as counting each at
     * its event, without cold figures to touch at every decision.
     */
    identifiedLog: new IntLog(ctx.cs.expectedApplications),
    decidedLog: new IntLog(ctx.cs.expectedApplications),
    /** A reported applicant was identified (now). */
    identifiedNow: (e: number) => { m.identifiedLog.push(e) },
    /** A case of the four categories was decided (now): the run's end waits for the reported cohort's last. */
    decidedNow: (e: number) => {
      m.decidedLog.push(e)
      if (ent.flags[e]! & F_REPORTED) m.openCohort--
    },
    /** the reported applications still waiting for their appointment, and those identified but not decided, at the end of the run (per group) */
    gWaitingForId: new Float64Array(nG), gPendingAtHorizon: new Float64Array(nG),
    /** Counts the reported cohort's applications by month and those still open, and the logged identifications and decisions (once, after the run). */
    settle: () => {
      for (let e = 0; e < ent.n; e++) {
        if ((ent.flags[e]! & F_REPORTED) === 0) continue
        const g = ent.group(e)
        m.gArrived[g]!++
        const mo = ctx.reportedMonthOf(ent.arrival[e]!)
        if (mo >= 0) m.mArrived[g]![mo]!++
        if (Number.isNaN(ent.identified[e]!)) m.gWaitingForId[g]!++
        else if (Number.isNaN(ent.decided[e]!)) m.gPendingAtHorizon[g]!++
      }
      const ids = m.identifiedLog, dec = m.decidedLog
      for (let i = 0; i < ids.n; i++) { const e = ids.at(i); m.identified(e, ent.identified[e]!) }
      for (let i = 0; i < dec.n; i++) {
        const e = dec.at(i)
        m.scoreboard.decided(e, ent.decided[e]!)
        if (ent.flags[e]! & F_REPORTED) m.decided(e)
      }
      ids.n = 0; dec.n = 0
    },

    /** A reported applicant is identified at time now: the appointment wait. */
    identified: (e: number, now: number) => {
      const g = ent.group(e)
      m.gIdentified[g]!++
      const w = now - ent.arrival[e]!
      m.apptWait.add(g, w); m.apptHist[g]!.add(w); m.mAppt.add(g * months + monthSlot(ctx.reportedMonthOf(ent.arrival[e]!)), w)
      if (now > ent.idDeadline[e]!) m.gIdMissed[g]!++
    },

    /** A reported case is decided: Migri's processing time against the targets, end-to-end, separation. */
    decided: (e: number) => {
      const g = ent.group(e)
      const flags = ent.flags
      const t = ent.decided[e]!, a = ent.arrival[e]!, idt = ent.identified[e]!
      m.gDecided[g]!++
      const mt = t - idt
      m.migriT.add(g, mt); m.migriHist[g]!.add(mt)
      const target = targetOf[ent.cat[e]!]!
      if (mt <= target) m.gWithin[g]!++
      const mo = ctx.reportedMonthOf(a)
      const gm = g * months + monthSlot(mo)
      m.mMigri.add(gm, mt)
      if (mt <= target && mo >= 0) m.mWithin[g]![mo]!++
      if ((flags[e]! & F_NEGATIVE) === 0) {
        m.posMigri.add(g, mt)
        // the 7-day target concerns the specialists' (and Blue Card holders') own permits, not their family members'
        if (ent.role[e] === MAIN && ent.covered[e] === 1) { m.posCovered[g]!++; if (mt <= positiveTargetOf[ent.cat[e]!]!) m.gPosWithin[g]!++ }
      } else { m.gNeg[g]!++; m.negMigri.add(g, mt) }
      m.e2e.add(g, t - a); m.e2eHist[g]!.add(t - a); m.mE2e.add(gm, t - a)
      if (flags[e]! & F_HEARING) m.gHearing[g]!++
      if (flags[e]! & F_SUPP) m.gSupp[g]!++
      if (flags[e]! & F_HIGHRISK) m.gHigh[g]!++
      if (ent.role[e] === MAIN && !Number.isNaN(ent.studyStart[e]!)) {
        m.studentsWithStart++
        if (t > ent.studyStart[e]!) {
          m.studentsLate++
          // reachable with no queue at the mission and Migri at its target time (season.ts)
          const f = flags[e]!
          const own = ((f & F_SUPP) !== 0 ? ent.respDays[e]! : 0) + ((f & F_HEARING) !== 0 ? s.migri.hearingReportDays : 0) + ((f & F_DNA) !== 0 ? ent.labDays[e]! : 0) + ent.extDays[e]! + ent.negDays[e]!
          const steps = ((f & F_SUPP) !== 0 ? 1 : 0) + ((f & F_HEARING) !== 0 ? 1 : 0) + ((f & F_DNA) !== 0 ? 1 : 0) + (ent.extDays[e]! > 0 ? 1 : 0) + (ent.negDays[e]! > 0 ? 1 : 0)
          if (ent.studyStart[e]! - a >= reachDays(target, own, steps)) m.missedReachable++
          else m.missedUnreachable++
        }
      }
      if (ent.role[e] === FAMILY) {
        const mn = ent.mainOf[e]!
        const sep = t - ent.decided[mn]!
        m.separation.add(0, sep); m.separationHist.add(sep); m.separation.add(1 + ent.cat[e]!, sep)
        if (!Number.isNaN(ent.studyStart[mn]!) && t > ent.studyStart[mn]! && (flags[mn]! & F_REPORTED) !== 0) {
          m.studentFamilyLate.add(mn)
          if ((flags[e]! & F_WITH_MAIN) !== 0 && ent.decided[mn]! <= ent.studyStart[mn]!) m.slippedForFamily.add(mn)
        }
      }
    },

    /** The groups' results (after settle). */
    groups: (): GroupResult[] => {
      const groups: GroupResult[] = []
      for (let g = 0; g < nG; g++) {
        const c = CATEGORIES[g >> 1]!
        const r = (g & 1) === MAIN ? "main" : "family"
        const catSpec = s.categories[c]
        const dec = m.gDecided[g]!
        const pos = m.posCovered[g]!
        groups.push({
          group: GROUPS[g]!,
          category: c,
          role: r,
          targetDays: catSpec.targetDays,
          // the agreement sets no target for family members of work- and study-based permits; fast track covers families
          hasTarget: r === "main" || catSpec.fastTrack,
          positiveTargetDays: r === "main" ? catSpec.positiveTargetDays ?? null : null,
          arrived: m.gArrived[g]!,
          identified: m.gIdentified[g]!,
          decided: dec,
          pendingAtHorizon: m.gPendingAtHorizon[g]!,
          waitingForIdAtHorizon: m.gWaitingForId[g]!,
          apptWaitMean: m.apptWait.mean(g),
          apptWaitP90: m.apptHist[g]!.quantile(0.9),
          idDeadlineMissedShare: m.gIdentified[g]! > 0 ? m.gIdMissed[g]! / m.gIdentified[g]! : NaN,
          migriMean: m.migriT.mean(g),
          migriMedian: m.migriHist[g]!.quantile(0.5),
          migriP90: m.migriHist[g]!.quantile(0.9),
          withinTargetShare: dec > 0 ? m.gWithin[g]! / dec : NaN,
          positiveMigriMean: m.posMigri.mean(g),
          negativeMigriMean: m.negMigri.mean(g),
          positiveWithinTargetShare: r === "main" && catSpec.positiveTargetDays !== undefined && pos > 0 ? m.gPosWithin[g]! / pos : NaN,
          endToEndMean: m.e2e.mean(g),
          endToEndP90: m.e2eHist[g]!.quantile(0.9),
          hearingShare: dec > 0 ? m.gHearing[g]! / dec : NaN,
          supplementaryShare: dec > 0 ? m.gSupp[g]! / dec : NaN,
          negativeShare: dec > 0 ? m.gNeg[g]! / dec : NaN,
          highRiskShare: dec > 0 ? m.gHigh[g]! / dec : NaN,
          byMonth: {
            arrived: Array.from(m.mArrived[g]!),
            apptWaitMean: perMonth(g, (_, i) => m.mAppt.mean(i)),
            migriMean: perMonth(g, (_, i) => m.mMigri.mean(i)),
            withinTargetShare: perMonth(g, (mo, i) => (m.mMigri.count[i]! > 0 ? m.mWithin[g]![mo]! / m.mMigri.count[i]! : NaN)),
            endToEndMean: perMonth(g, (_, i) => m.mE2e.mean(i))
          }
        })
      }
      return groups
    }
  }
  return m
}
