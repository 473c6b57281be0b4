/**
 * Migri's handling: an identified application is pending at Migri; handler pools work through their
 * queues with hours per working day; a case's first handling may lead to a supplementary request, a
 * hearing (at the mission or remote) and a DNA sample before its final handling; a family member is
 * never decided before the main applicant.
 */
import { DailySlotServer, MonotoneLinesQueue } from "../engine/index.ts"
import type { RunContext } from "./context.ts"
import {
  FAMILY, F_NEGATIVE, F_REPORTED, F_SUPP, MAIN, STEP_DNA, STEP_HEARING, STEP_NEG_HEARING, STEP_SUPP,
  TASK_FINAL, TASK_FIRST, TASK_HEARING, TASK_REMOTE_HEARING, TASK_SINGLE, TASK_SUPP, TASK_DNA
} from "./entities.ts"
import { capacityLog, type Metrics } from "./metrics.ts"
import type { Mission } from "./mission.ts"

const FAST_TRACK_FIRST = 1e6

export type Migri = ReturnType<typeof createMigri>

export const createMigri = (ctx: RunContext, metrics: Metrics, mission: Mission) => {
  const { sim, s, cs, pol, ent, days, fast, cal } = { ...ctx, cal: ctx.cs.cal }
  const mg = s.migri
  const pools = cs.pools
  const nP = pools.length
  const poolLog = pools.map(() => capacityLog(ctx))
  // four lines per pool (fast track / other × positive / negative decision stage), each with non-decreasing keys
  const migriQueues = pools.map(() => new MonotoneLinesQueue(4, 256))
  const avail = mg.monthlyAvailability
  /** handler hours of the jobs queued or in service, per pool (its backlog) */
  const queued = new Float64Array(nP)
  /** handlers assigned to each pool today (person-years at full time, before availability and assistance) */
  const people = new Float64Array(nP)
  const months = cs.reportedMonths
  const staffing = {
    /** Σ over the reported months' Migri working days of the handlers assigned, and those days, per pool */
    peopleDaysByMonth: pools.map(() => new Float64Array(months)),
    workingDaysByMonth: new Float64Array(months),
    borrowedPersonDays: new Float64Array(nP),
    lentPersonDays: new Float64Array(nP),
    /** with a trace: handlers assigned per pool per Migri working day */
    dailyPeople: pools.map(() => new Float64Array(ctx.trace ? days + 1 : 0))
  }
  const anyBorrow = pol.borrow.some((b) => b.above.some((x) => !Number.isNaN(x)))
  let allocatedDay = -1
  /**
   * The handlers of each pool on working day d: the scenario's person-years, moved by moveHandlers rules
   * in their windows, then borrowed by borrowHandlers rules: a pool whose backlog exceeds `above` days of
   * its own work takes just enough handlers to bring it down to that (at most maxPeople) from pools whose
   * backlog is below `lendersBelow` days, least loaded first, each lending only as long as its own backlog
   * stays at or below that. Computed once a day, before any pool starts work; every move conserves the total.
   */
  const allocate = (d: number) => {
    if (d === allocatedDay) return
    allocatedDay = d
    for (let pi = 0; pi < nP; pi++) people[pi] = Math.max(0, pools[pi]!.personYears + pol.poolPeopleMoved[pi]![d]!)
    const a = avail[cal.month[d]!]!, H = cs.migriHoursPerDay
    if (anyBorrow && a > 0) {
      const present = (pi: number) => Math.max(0, people[pi]! * a - pol.poolPeopleAway[pi]![d]!)
      const backlogDays = (pi: number) => queued[pi]! / Math.max(1e-9, present(pi) * H)
      for (let pi = 0; pi < nP; pi++) {
        const N = pol.borrow[pi]!.above[d]!
        if (Number.isNaN(N) || backlogDays(pi) <= N) continue
        const M = pol.borrow[pi]!.lendersBelow[d]!
        let want = Math.min(pol.borrow[pi]!.maxPeople[d]!, (queued[pi]! / (N * H) - present(pi)) / a)
        const lenders = Array.from({ length: nP }, (_, j) => j).filter((j) => j !== pi && backlogDays(j) < M).sort((x, y) => backlogDays(x) - backlogDays(y) || x - y)
        for (const j of lenders) {
          if (want <= 1e-12) break
          const spare = Math.min(people[j]!, (present(j) - queued[j]! / (M * H)) / a)
          const y = Math.min(want, spare)
          if (!(y > 0)) continue
          people[j] = people[j]! - y; people[pi] = people[pi]! + y; want -= y
          if (ctx.inReported(d)) { staffing.borrowedPersonDays[pi] = staffing.borrowedPersonDays[pi]! + y; staffing.lentPersonDays[j] = staffing.lentPersonDays[j]! + y }
        }
      }
    }
    if (ctx.trace) for (let pi = 0; pi < nP; pi++) staffing.dailyPeople[pi]![d] = people[pi]!
    const mo = ctx.reportedMonthOf(d)
    if (mo >= 0) {
      staffing.workingDaysByMonth[mo]!++
      for (let pi = 0; pi < nP; pi++) staffing.peopleDaysByMonth[pi]![mo]! += people[pi]!
    }
  }

  const enterMigriQueue = (e: number, t: number, h: number) => {
    ent.task[e] = t
    ent.jobHours[e] = h
    const c = ent.cat[e]!
    // fast track first; within a class in order of entry, negative decisions as if they had entered later
    const negative = (t === TASK_FINAL || t === TASK_SINGLE) && (ent.flags[e]! & F_NEGATIVE) !== 0
    const key = sim.now + (fast[c] ? -FAST_TRACK_FIRST : 0) + (negative ? mg.negative.queueDelayDays : 0)
    const pi = ent.seasonal[e] === 1 ? cs.seasonal!.pool : cs.poolOf[c]![ent.role[e]!]!
    queued[pi] = queued[pi]! + h
    migriQueues[pi]!.pushTo((fast[c] ? 0 : 2) + (negative ? 1 : 0), e, key)
  }

  // ---- decisions
  const decide = (e: number) => {
    ent.decided[e] = sim.now
    metrics.pendingAtMigri--
    // seasonal workers are reported apart (issue 8), not in the four categories' scoreboard
    if (ent.seasonal[e] === 1) metrics.seasonal.decided(e)
    else metrics.decidedNow(e)
    metrics.endIfCohortDecided()
    if (ent.role[e] === MAIN) {
      // family members who finished their handling while waiting for this decision
      let f = ent.waitHead[e]!
      ent.waitHead[e] = -1
      while (f >= 0) {
        const nx = ent.waitNext[f]!
        decide(f)
        f = nx
      }
    }
  }
  /** Handling is done: decide, unless a DNA result taken at identification is still at the lab, or a family member's main applicant is still undecided. */
  const finish = (e: number) => {
    if (ent.dnaReady[e]! > sim.now) { sim.at(ent.dnaReady[e]!, FINISH, e); return }
    if (ent.role[e] === FAMILY) {
      const mn = ent.mainOf[e]!
      if (Number.isNaN(ent.decided[mn]!)) {
        ent.waitNext[e] = ent.waitHead[mn]!
        ent.waitHead[mn] = e
        return
      }
    }
    decide(e)
  }

  /** Next step after a job or a delay: supplementary request → hearing → DNA → final handling. */
  const next = (e: number) => {
    const st = ent.steps[e]!
    if (st === 0) {
      const supp = (ent.flags[e]! & F_SUPP) !== 0
      const fh = ent.hours[e]! * (1 - mg.firstHandlingShare) + (supp ? mg.supplementary.extraHours : 0)
      if (supp && ctx.nowInReported()) metrics.hoursSuppAnswers += mg.supplementary.extraHours
      enterMigriQueue(e, TASK_FINAL, fh)
      return
    }
    const day = ctx.today()
    if (st & STEP_SUPP) { ent.steps[e] = st & ~STEP_SUPP; mission.enterOfficerQueue(e, TASK_SUPP); return }
    if (st & STEP_HEARING) {
      ent.steps[e] = st & ~STEP_HEARING
      const mi = ent.mission[e]!
      if (ent.remoteU[e]! < pol.missions[mi]!.remoteHearingShare[day]!) {
        if (ctx.inReported(day)) metrics.hearingsRemote[mi]!++
        enterMigriQueue(e, TASK_REMOTE_HEARING, mg.remoteHearingHours)
      } else {
        if (ctx.inReported(day)) metrics.hearingsMission[mi]!++
        mission.enterOfficerQueue(e, TASK_HEARING)
      }
      return
    }
    if (st === STEP_NEG_HEARING) {
      // season (issue 8): the draft negative decision goes to the applicant to be heard; the final handling follows the answer
      ent.steps[e] = 0
      sim.after(ent.negDays[e]!, RESUME, e)
      return
    }
    ent.steps[e] = st & ~STEP_DNA
    ent.dnaAsked[e] = sim.now
    mission.enterOfficerQueue(e, TASK_DNA)
  }
  const RESUME = sim.register("resume", (e) => next(e))
  const FINISH = sim.register("dna-result", (e) => finish(e))
  const dnaRequested = (e: number, result: number) => {
    ent.dnaReady[e] = result
    if (ent.flags[e]! & F_REPORTED) { metrics.dnaRequests++; metrics.dnaDays.add(result - ent.dnaAsked[e]!) }
  }

  /**
   * A family member's subsistence evidence came with its online application (the main applicant's, for
   * those who applied together). When the handler takes the case up (its first handling ends) more than
   * validityDays after that application, the evidence must be renewed by a supplementary request —
   * unless one is planned for the case anyway. Returns true when a request was added.
   */
  const evidenceExpired = (e: number): boolean => {
    if (ent.role[e] !== FAMILY || sim.now - ent.arrival[e]! <= mg.subsistence.validityDays || (ent.steps[e]! & STEP_SUPP) !== 0) return false
    ent.steps[e] = ent.steps[e]! | STEP_SUPP
    ent.flags[e] = ent.flags[e]! | F_SUPP
    if (ent.flags[e]! & F_REPORTED) metrics.expired++
    return true
  }
  const onMigriDone = (e: number) => {
    const t = ent.task[e]!
    if (t === TASK_FIRST || t === TASK_SINGLE) ent.firstHandled[e] = sim.now
    if (t === TASK_SINGLE) {
      // the whole case was handled in one go: a renewal request still has to go out and be assessed
      if (evidenceExpired(e)) { ent.hours[e] = 0; next(e) } else finish(e)
      return
    }
    if (t === TASK_FINAL) { finish(e); return }
    if (t === TASK_REMOTE_HEARING) { sim.after(mg.hearingReportDays, RESUME, e); return }
    evidenceExpired(e) // TASK_FIRST done: the handler has looked at the evidence
    next(e)
  }
  /** A mission task is done: the hearing's report, the applicant's answer or the lab result follows. */
  const afterMissionTask = (e: number) => {
    const t = ent.task[e]!
    if (t === TASK_HEARING) sim.after(mg.hearingReportDays, RESUME, e)
    else if (t === TASK_SUPP) sim.after(ent.respDays[e]!, RESUME, e)
    else { dnaRequested(e, sim.now + ent.labDays[e]!); sim.after(ent.labDays[e]!, RESUME, e) }
  }

  /** Identification: the application is pending at Migri and its processing time starts. */
  const onIdentified = (e: number) => {
    const now = sim.now
    ent.identified[e] = now
    metrics.pendingAtMigri++
    if (ent.flags[e]! & F_REPORTED) metrics.identifiedNow(e)
    else if (ent.seasonal[e] === 1) metrics.seasonal.identified(e, now)
    // season (issue 8): a stage outside Migri (TE office's partial decision) comes first
    if (ent.extDays[e]! > 0) sim.after(ent.extDays[e]!, AFTER_EXTERNAL, e)
    else startHandling(e)
  }
  const AFTER_EXTERNAL = sim.register("external-stage-done", (e) => startHandling(e))
  /**
   * The stated backlog of the first day: a case identified at `at` (before the first day) is pending,
   * from its first handling, or (pastFirst) from the step after it: its drawn steps, then the final handling.
   */
  const startPending = (e: number, at: number, pastFirst: boolean) => {
    ent.identified[e] = at
    metrics.pendingAtMigri++
    if (!pastFirst) { startHandling(e); return }
    ent.firstHandled[e] = at
    next(e)
  }
  /** Migri's handling of a pending case starts. */
  const startHandling = (e: number) => {
    const now = sim.now
    let h = ent.hours[e]!
    if (ent.role[e] === FAMILY) {
      const md = ent.decided[ent.mainOf[e]!]!
      if (!Number.isNaN(md)) {
        // the main applicant's case is closed: subsistence is checked again in the family case
        h += mg.subsistence.recheckHours
        if (ent.flags[e]! & F_REPORTED) {
          metrics.dupChecks++; metrics.dupHours += mg.subsistence.recheckHours
          if (ent.arrival[e]! > md) metrics.dupLate++; else metrics.dupPolicy++
        }
      }
    }
    ent.hours[e] = h
    if ((ent.steps[e]! & STEP_DNA) !== 0 && pol.missions[ent.mission[e]!]!.dnaAtIdentification[ctx.today()] === 1) {
      // known at application: the sample is taken at the appointment and the lab starts now; the
      // decision waits for the result, Migri's handling does not
      ent.steps[e] = ent.steps[e]! & ~STEP_DNA
      ent.dnaAsked[e] = now
      dnaRequested(e, now + ent.labDays[e]!)
    }
    if (ent.steps[e] === 0) enterMigriQueue(e, TASK_SINGLE, h)
    else enterMigriQueue(e, TASK_FIRST, h * mg.firstHandlingShare)
  }

  /** Opens the handler pools' days. */
  const open = () => {
    pools.forEach((p, pi) => {
      const away = pol.poolPeopleAway[pi]!
      new DailySlotServer(sim, {
        name: `migri:${p.id}`, firstDay: 0, lastDay: days - 1, openAt: 8 / 24, sessionLength: 8 / 24,
        capacity: (d) => {
          if (!cs.migriOpen[d]) return 0
          allocate(d)
          return Math.max(0, people[pi]! * avail[cal.month[d]!]! - away[d]!) * cs.migriHoursPerDay
        },
        queue: migriQueues[pi]!,
        sizes: () => ent.jobHours,
        splittable: true,
        onServed: (e) => {
          queued[pi] = queued[pi]! - ent.jobHours[e]!
          if (ctx.nowInReported()) {
            if (ent.task[e] === TASK_REMOTE_HEARING) metrics.hoursRemote += ent.jobHours[e]!
            else metrics.hoursHandling += ent.jobHours[e]!
          }
          onMigriDone(e)
        },
        onDay: poolLog[pi]!.record
      })
    })
  }

  return { poolLog, staffing, onIdentified, afterMissionTask, open, startPending }
}
