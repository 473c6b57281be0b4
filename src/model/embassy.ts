/**
 * The embassy model: one replication of work- and study-based first residence permits through
 * Finland's missions and Migri.
 *
 * The path of an application (docs/model.md has the diagram):
 *   1. online application (main applicant; family members with it or after a lag)
 *   2. identification appointment at the mission (daily slots; the policy orders the queue)
 *   3. pending at Migri: first handling (handler hours)
 *        → supplementary request (mission time, applicant's answer) → hearing (mission officer, or
 *          remote by Migri) → DNA (mission sampling, lab) — each only for some cases
 *      → decision handling; a family member is never decided before the main applicant
 *   4. decision (positive or negative)
 *
 * Common random numbers: every random attribute of an applicant (family, hearing, supplementary
 * request, DNA, outcome, risk, response times) is drawn when the main applicant arrives, from streams
 * named by mission and category. Arrivals do not depend on the policy, so every policy sees the same
 * applicants with the same attributes; only the order of service and the capacity differ.
 */
import { RandomStreams, Simulation } from "../engine/index.ts"
import type { Category } from "../scenario/schema.ts"
import { CATEGORIES } from "../scenario/names.ts"
import type { CompiledScenario } from "./compile.ts"
import { makeContext } from "./context.ts"
import { BACKLOG, BEFORE_START, Entities, F_DNA, F_HEARING, F_HIGHRISK, F_NEGATIVE, F_REPORTED, F_SUPP, F_WITH_MAIN, MAIN } from "./entities.ts"
import { startIntake } from "./intake.ts"
import { seedStartState } from "./start-state.ts"
import { createMetrics } from "./metrics.ts"
import { createMigri } from "./migri.ts"
import { createMission } from "./mission.ts"
import { seasonCost } from "./costs.ts"
import type { MissionResult, PoolResult, ReplicationResult } from "./results.ts"

export { arrivalRate, caseParams, compileScenario, toDistribution, type CaseParams, type CompiledScenario } from "./compile.ts"

export interface ModelOptions {
  /** Policy to run (default: the scenario's `policy`). */
  policy?: string
  /** Master seed (default: the scenario's `seed`). */
  seed?: string | number
  /** Keep a per-application trace (tests and debugging; memory grows with the run). */
  trace?: boolean
}

/** One row of the optional trace. */
export interface TraceRow {
  id: number
  category: Category
  role: "main" | "family"
  mission: string
  main: number
  arrival: number
  identified: number
  decided: number
  positive: boolean
  reported: boolean
  studyStart: number
  /** a family member who applied together with the main applicant */
  withMain: boolean
  /** the case's drawn steps (a supplementary request includes one added for expired evidence) and risk */
  hearing: boolean
  supplementary: boolean
  dna: boolean
  highRisk: boolean
  /** a main applicant the positive-decision target covers (specialists, EU Blue Card) */
  covered: boolean
  /** with a DNA sample: when it was asked for and when the result was ready (NaN otherwise) */
  dnaAsked: number
  dnaReady: number
  /** a seasonal worker (issue 8): category worker, reported apart */
  seasonal: boolean
  /** when Migri's first handling ended (NaN before; the identification time for a backlog case stated past it) */
  firstHandled: number
  /** simulated intake; the stated backlog of the first day; a main applicant decided before the first day (never simulated: only its family members are) */
  origin: "simulated" | "backlog" | "before-start"
}

export interface ModelRun {
  result: ReplicationResult
  trace?: TraceRow[]
  /** Daily identification counts and capacity per mission (checks). */
  daily?: {
    idUsed: Float64Array[]; idCapacity: Float64Array[]; officerUsed: Float64Array[]; officerCapacity: Float64Array[]; poolUsed: Float64Array[]; poolCapacity: Float64Array[]
    /** per mission and staff group: hours present and hours used (all tasks) per day */
    staffPresent: Float64Array[][]; staffUsed: Float64Array[][]
    /** per pool: handlers assigned on each Migri working day (after moves and borrowing) */
    poolPeople: Float64Array[]
  }
}


/**
 * One cleared application table per compiled scenario, kept between its replications (a worker runs
 * thousands of them): allocating and zeroing ≈ 4 MB of typed arrays per replication cost page faults
 * and garbage collections, most of all with several workers on few cores.
 */
const spareTables = new WeakMap<CompiledScenario, Entities>()

/** Runs one replication of a compiled scenario. */
export const runReplication = (cs: CompiledScenario, replication: number, options: ModelOptions = {}): ModelRun => {
  const s = cs.scenario
  const seed = options.seed ?? s.seed
  const streams = new RandomStreams(seed, replication)
  const sim = new Simulation({ initialCapacity: 1024 })
  // the application table of the compiled scenario's previous replication, cleared, if there is one
  const ent0 = spareTables.get(cs) ?? new Entities(cs.expectedApplications)
  spareTables.delete(cs)
  const ctx = makeContext(sim, cs, options.trace === true, ent0)
  const ent = ctx.ent
  const nM = s.missions.length
  const pol = cs.policy

  const metrics = createMetrics(ctx)
  const mission = createMission(ctx, metrics)
  const migri = createMigri(ctx, metrics, mission)
  mission.open(migri.onIdentified, migri.afterMissionTask)
  migri.open()
  const draws = startIntake(ctx, streams, metrics, mission.joinIdQueue)
  seedStartState(ctx, streams, draws, mission.joinIdQueue, migri.startPending)

  // ---- weekly snapshots of the backlogs over the reported period
  const weeks = metrics.weeks
  const SNAPSHOT = sim.register("snapshot", (w) => {
    for (let mi = 0; mi < nM; mi++) metrics.idQueueWeekly[mi]![w] = mission.idQueues[mi]!.size
    metrics.pendingWeekly[w] = metrics.pendingAtMigri
    if (w + 1 < weeks) sim.at(cs.reportedFirst + (w + 1) * 7 + 0.99, SNAPSHOT, w + 1)
  })
  if (weeks > 0) sim.at(cs.reportedFirst + 0.99, SNAPSHOT, 0)

  // the run ends at the horizon, or earlier once every application of the reported cohort is decided
  // (metrics.endIfCohortDecided, after each decision); a cohort decided before the period ends is checked at its end
  const COHORT_CHECK = sim.register("cohort-check", () => metrics.endIfCohortDecided())
  if (cs.reportedEnd <= cs.days && !ctx.trace) sim.at(cs.reportedEnd, COHORT_CHECK, 0)
  sim.runUntil(cs.days)

  // ---- results
  metrics.settle()
  const { idLog, officerLog } = mission, { poolLog } = migri
  const groups = metrics.groups()
  const missions: MissionResult[] = s.missions.map((m, mi) => {
    const id = idLog[mi]!, off = officerLog[mi]!
    const offH = off.offered, usedH = off.used
    return {
      id: m.id, name: m.name,
      idSlotsOffered: id.offered, idSlotsUsed: id.used,
      idUtilisation: id.offered > 0 ? id.used / id.offered : NaN,
      officerHoursOffered: offH, officerHoursUsed: usedH, officerUtilisation: offH > 0 ? usedH / offH : NaN,
      officerHoursByTask: { hearing: metrics.officerByTask[mi]![0]!, supplementary: metrics.officerByTask[mi]![1]!, dna: metrics.officerByTask[mi]![2]! },
      hearingsAtMission: metrics.hearingsMission[mi]!, hearingsRemote: metrics.hearingsRemote[mi]!,
      byMonth: { idSlotsOffered: Array.from(id.offeredByMonth), idSlotsUsed: Array.from(id.usedByMonth), officerHoursOffered: Array.from(off.offeredByMonth), officerHoursUsed: Array.from(off.usedByMonth) },
      idQueueWeekly: metrics.idQueueWeekly[mi]!,
      capacityFromStaff: cs.staff[mi]!.fromStaff,
      scoreboard: metrics.scoreboard.result(mi),
      staff: cs.staff[mi]!.groups.map((g, gi) => {
        const l = mission.staffLog[mi]![gi]!
        return { id: g.id, hoursPresent: l.present, hoursReception: l.reception, hoursIdentification: l.identification, hoursOfficerTasks: l.officer, utilisation: l.present > 0 ? (l.reception + l.identification + l.officer) / l.present : NaN }
      })
    }
  })
  const st = migri.staffing
  const pools: PoolResult[] = cs.pools.map((p, pi) => ({
    id: p.id,
    personYears: p.personYears,
    hoursOffered: poolLog[pi]!.offered, hoursUsed: poolLog[pi]!.used,
    utilisation: poolLog[pi]!.offered > 0 ? poolLog[pi]!.used / poolLog[pi]!.offered : NaN,
    borrowedPersonDays: st.borrowedPersonDays[pi]!, lentPersonDays: st.lentPersonDays[pi]!,
    byMonth: {
      hoursOffered: Array.from(poolLog[pi]!.offeredByMonth), hoursUsed: Array.from(poolLog[pi]!.usedByMonth),
      utilisation: Array.from(poolLog[pi]!.offeredByMonth, (o, k) => (o > 0 ? poolLog[pi]!.usedByMonth[k]! / o : NaN)),
      people: Array.from(st.peopleDaysByMonth[pi]!, (x, k) => (st.workingDaysByMonth[k]! > 0 ? x / st.workingDaysByMonth[k]! : NaN))
    }
  }))
  const totOff = pools.reduce((a, p) => a + p.hoursOffered, 0), totUsed = pools.reduce((a, p) => a + p.hoursUsed, 0)
  const n = ent.n
  let identifications = 0, decisions = 0
  // in the simulated period: the stated backlog was identified, and main applicants of the year before decided, before it (NaN compares false)
  for (let e = 0; e < n; e++) {
    if (ent.identified[e]! >= 0) identifications++
    if (ent.decided[e]! >= 0) decisions++
  }
  const m = metrics
  const result: ReplicationResult = {
    replication,
    policy: pol.name,
    groups,
    scoreboard: metrics.scoreboard.result(nM),
    family: {
      separationMean: m.separation.mean(0),
      separationP90: m.separationHist.quantile(0.9),
      separationMeanByCategory: { student: m.separation.mean(1), worker: m.separation.mean(2), specialist: m.separation.mean(3), fastTrack: m.separation.mean(4) },
      studentsDecidedAfterStudyStart: m.studentsLate,
      studentsDecidedAfterStudyStartShare: m.studentsWithStart > 0 ? m.studentsLate / m.studentsWithStart : NaN,
      studentsWithFamilyDecidedAfterStudyStart: m.studentFamilyLate.size,
      duplicatedSubsistenceChecks: m.dupChecks,
      duplicatedCheckHours: m.dupHours,
      duplicatedChecksByCause: { causedByPolicy: m.dupPolicy, familyAppliedLater: m.dupLate },
      expiredSubsistenceEvidence: m.expired,
      dnaRequests: m.dnaRequests,
      dnaRequestToResultMean: m.dnaDays.mean
    },
    missions,
    migri: {
      staffing: s.migri.staffing,
      pools,
      hoursByTask: { handling: m.hoursHandling, subsistenceRechecks: m.dupHours, remoteHearings: m.hoursRemote, supplementaryAnswers: m.hoursSuppAnswers },
      utilisation: totOff > 0 ? totUsed / totOff : NaN,
      pendingWeekly: m.pendingWeekly
    },
    cost: { extraStaffEuros: pol.costInReportedPeriodEuros, assistancePersonWeeks: pol.assistancePersonWeeks },
    season: {
      studentsWithStart: m.studentsWithStart, studentsMissedStart: m.studentsLate,
      studentsMissedReachableStart: m.missedReachable,
      studentsMissedReachableStartShare: m.studentsWithStart > 0 ? m.missedReachable / m.studentsWithStart : NaN,
      studentsMissedUnreachableStart: m.missedUnreachable,
      studentsStartSlippedForFamily: m.slippedForFamily.size,
      seasonal: (() => {
        const x = m.seasonal, n = x.n
        return {
          arrived: n.arrived, identified: n.identified, decided: n.decided, apptWaitMean: x.appt.mean, migriMean: x.migri.mean,
          withinTargetShare: n.decided > 0 ? n.within / n.decided : NaN, positiveShare: n.decided > 0 ? n.positive / n.decided : NaN,
          byMonth: {
            arrived: Array.from(x.mArrived),
            apptWaitMean: Array.from(x.mArrived, (_, mo) => x.mAppt.mean(mo)),
            migriMean: Array.from(x.mArrived, (_, mo) => x.mMigri.mean(mo)),
            withinTargetShare: Array.from(x.mArrived, (_, mo) => (x.mMigri.count[mo]! > 0 ? x.mWithin[mo]! / x.mMigri.count[mo]! : NaN))
          }
        }
      })(),
      cost: seasonCost(s, pol.name, cs.cal, { first: cs.reportedFirst, end: cs.reportedEnd }, {
        duplicatedCheckHours: m.dupHours, remoteHearingHours: m.hoursRemote,
        remoteHearings: metrics.hearingsRemote.reduce((a, b) => a + b, 0), expiredEvidence: m.expired, monitoringHours: cs.monitoringHours
      })
    },
    totals: { applications: n, identifications, decisions, events: sim.eventsFired }
  }
  const out: ModelRun = { result }
  if (options.trace === true) {
    // family members drawn to apply after the horizon never enter the simulated world: not in the trace
    out.trace = Array.from({ length: n }, (_, e) => ({
      id: e, category: CATEGORIES[ent.cat[e]!]!, role: ent.role[e] === MAIN ? "main" as const : "family" as const,
      mission: s.missions[ent.mission[e]!]!.id, main: ent.mainOf[e]!, arrival: ent.arrival[e]!, identified: ent.identified[e]!, decided: ent.decided[e]!,
      positive: (ent.flags[e]! & F_NEGATIVE) === 0, reported: (ent.flags[e]! & F_REPORTED) !== 0, studyStart: ent.studyStart[e]!,
      withMain: (ent.flags[e]! & F_WITH_MAIN) !== 0,
      hearing: (ent.flags[e]! & F_HEARING) !== 0, supplementary: (ent.flags[e]! & F_SUPP) !== 0, dna: (ent.flags[e]! & F_DNA) !== 0,
      highRisk: (ent.flags[e]! & F_HIGHRISK) !== 0, covered: ent.covered[e] === 1,
      dnaAsked: Number.isNaN(ent.dnaReady[e]!) ? NaN : ent.dnaAsked[e]!, dnaReady: ent.dnaReady[e]!,
      seasonal: ent.seasonal[e] === 1,
      firstHandled: ent.firstHandled[e]!,
      origin: ent.origin[e] === BACKLOG ? "backlog" as const : ent.origin[e] === BEFORE_START ? "before-start" as const : "simulated" as const
    }))
    out.daily = {
      idUsed: idLog.map((l) => l.dailyUsed), idCapacity: idLog.map((l) => l.dailyCapacity),
      officerUsed: officerLog.map((l) => l.dailyUsed), officerCapacity: officerLog.map((l) => l.dailyCapacity),
      poolUsed: poolLog.map((l) => l.dailyUsed), poolCapacity: poolLog.map((l) => l.dailyCapacity),
      staffPresent: mission.staffLog.map((gs) => gs.map((g) => g.dailyPresent)), staffUsed: mission.staffLog.map((gs) => gs.map((g) => g.dailyUsed)),
      poolPeople: migri.staffing.dailyPeople
    }
  }
  // nothing returned refers to the table's arrays (the results and the trace are copies)
  ent.clear()
  spareTables.set(cs, ent)
  return out
}
