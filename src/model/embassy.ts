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
import {
  Calendar, DailySlotServer, Histogram, KeyedQueue, MonotoneLinesQueue, NhppArrivals, PeriodTallies, PiecewiseRate,
  PolicyQueue, PriorityClassQueue, RandomStreams, Simulation, Tally, addWorkingDays, dist, publicHolidays,
  type Distribution, type Queue, type Reservation, type Rng
} from "../engine/index.ts"
import type { Category, DistributionSpec, MissionSpec, Scenario } from "../scenario/schema.ts"
import { CATEGORIES } from "../scenario/schema.ts"
import { compilePolicy, type PolicyDays } from "./policy.ts"
import type { GroupResult, MissionResult, PoolResult, ReplicationResult } from "./results.ts"

// flags
const F_HEARING = 1, F_SUPP = 2, F_DNA = 4, F_HIGHRISK = 8, F_NEGATIVE = 16, F_AUTOMATED = 32, F_REPORTED = 64, F_WITH_MAIN = 128
const STEP_SUPP = 1, STEP_HEARING = 2, STEP_DNA = 4
// what the entity's current job is
const TASK_FIRST = 0, TASK_FINAL = 1, TASK_REMOTE_HEARING = 2, TASK_HEARING = 3, TASK_SUPP = 4, TASK_DNA = 5, TASK_SINGLE = 6
const NC = CATEGORIES.length
const FAST_TRACK_FIRST = 1e6
const STUDENT = CATEGORIES.indexOf("student")
const MAIN = 0, FAMILY = 1

export const toDistribution = (d: DistributionSpec): Distribution => {
  switch (d.dist) {
    case "deterministic": return dist.deterministic(d.value)
    case "exponential": return dist.exponential(d.mean)
    case "uniform": return dist.uniform(d.min, d.max)
    case "triangular": return dist.triangular(d.min, d.mode, d.max)
    case "lognormal": return dist.lognormalFromMedianP90(d.median, d.p90)
    case "lognormal-mean": return dist.lognormal(d.mean, d.sd)
    case "gamma": return dist.gamma(d.shape, d.scale)
  }
}

/** Per (mission, category, role): the probabilities and hours after normalisation (see docs/model.md). */
interface CaseParams {
  positive: number
  highRisk: number
  automated: number
  hearingNormal: number
  hearingHigh: number
  supplementary: number
  dna: number
  baseHours: number
  highRiskMult: number
  negativeMult: number
  automatedHours: number
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x)

export const caseParams = (s: Scenario, m: MissionSpec, c: Category, role: 0 | 1): CaseParams => {
  const cat = s.categories[c]
  const roleKey = role === MAIN ? "main" : "family"
  const p = cat.positiveShare[roleKey]
  const sh = m.riskObservationShare
  const hpd = s.migri.productiveHoursPerPersonYear / cat.decisionsPerPersonYear[roleKey]
  const hr = s.migri.highRisk.hoursMultiplier, neg = s.migri.negative.hoursMultiplier
  const hA = s.migri.automatedHours
  const aWanted = role === MAIN ? cat.automatedShare * p : 0
  const a = Math.min(aWanted, p * (1 - sh))
  // E[multiplier · 1{not automated}] over the population
  const em = sh * (1 - p) * hr * neg + sh * p * hr + (1 - sh) * (1 - p) * neg + ((1 - sh) * p - a)
  // the productivity figure covers all the work of a decision, incl. assessing answers to supplementary requests
  const suppHours = Math.min(cat.supplementaryRate[roleKey], 1 - a) * s.migri.supplementary.extraHours
  const baseHours = Math.max(0.05, (hpd - a * hA - suppHours) / Math.max(em, 1e-9))
  const nonAuto = 1 - a
  const r = clamp01((cat.hearingRate[roleKey] * m.hearingRateMultiplier) / nonAuto)
  const shNA = nonAuto > 0 ? sh / nonAuto : 0
  const k = s.migri.highRisk.hearingMultiplier
  const hearingNormal = clamp01(r / (1 - shNA + shNA * k))
  return {
    positive: p,
    highRisk: sh,
    automated: p * (1 - sh) > 0 ? a / (p * (1 - sh)) : 0,
    hearingNormal,
    hearingHigh: clamp01(hearingNormal * k),
    supplementary: clamp01(cat.supplementaryRate[roleKey] / nonAuto),
    dna: role === FAMILY ? cat.dnaRate : 0,
    baseHours,
    highRiskMult: hr,
    negativeMult: neg,
    automatedHours: hA
  }
}

/** Daily arrival rate for a mission and category: annual × month share ÷ the month's weekday weights. */
export const arrivalRate = (cal: Calendar, annual: number, monthly: ReadonlyArray<number>, weekday: ReadonlyArray<number>, endDay: number): PiecewiseRate => {
  const msum = monthly.reduce((a, b) => a + b, 0)
  // a month's weekday weights are summed over the whole calendar month, also where the simulated period
  // cuts it (once per month, not once per day)
  const monthWeight = new Map<number, number>()
  const weightOfMonth = (y: number, mo: number): number => {
    let full = monthWeight.get(y * 12 + mo)
    if (full === undefined) {
      full = 0
      const daysInMonth = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate()
      for (let i = 1; i <= daysInMonth; i++) {
        const wd = new Date(Date.UTC(y, mo, i)).getUTCDay()
        full += weekday[(wd === 0 ? 7 : wd) - 1]!
      }
      monthWeight.set(y * 12 + mo, full)
    }
    return full
  }
  const starts: number[] = [], rates: number[] = []
  for (let d = 0; d < endDay; d++) {
    const y = cal.year[d]!, mo = cal.month[d]!
    const full = weightOfMonth(y, mo)
    const share = msum > 0 ? monthly[mo]! / msum : 0
    starts.push(d)
    rates.push(full > 0 ? (annual * share * weekday[cal.weekday[d]! - 1]!) / full : 0)
  }
  return new PiecewiseRate(starts, rates, endDay)
}

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
}

export interface ModelRun {
  result: ReplicationResult
  trace?: TraceRow[]
  /** Daily identification counts and capacity per mission (checks). */
  daily?: { idUsed: Float64Array[]; idCapacity: Float64Array[]; officerUsed: Float64Array[]; officerCapacity: Float64Array[]; poolUsed: Float64Array[]; poolCapacity: Float64Array[] }
}

/** Compiled, replication-independent parts of a scenario: calendars, rates, policy days. */
export interface CompiledScenario {
  readonly scenario: Scenario
  readonly policy: PolicyDays
  readonly cal: Calendar
  readonly days: number
  readonly reportedFirst: number
  readonly reportedEnd: number
  readonly reportedMonths: number
  readonly firstReportedMonth: number
  readonly idOpen: Uint8Array[]
  readonly officerOpen: Uint8Array[]
  readonly migriOpen: Uint8Array
  readonly migriHoursPerDay: number
  readonly rates: PiecewiseRate[][]
  readonly params: CaseParams[][][]
  readonly poolOf: number[][]
  readonly lag: Distribution[]
  readonly familySize: Distribution[]
  readonly responseDays: Distribution
  readonly labDays: Distribution
  readonly studyFrom: Float64Array
  readonly studyTo: Float64Array
}

export const compileScenario = (scenario: Scenario, policyName = scenario.policy): CompiledScenario => {
  const startDay = Date.parse(scenario.start + "T00:00:00Z") / 86_400_000
  const calStart = new Date((startDay - scenario.warmupDays) * 86_400_000).toISOString().slice(0, 10)
  const days = scenario.warmupDays + scenario.intakeDays + scenario.drainDays
  const cal = new Calendar({ start: calStart, days: days + 1 })
  const reportedFirst = scenario.warmupDays
  const reportedEnd = scenario.warmupDays + scenario.intakeDays
  const policy = compilePolicy(scenario, policyName, cal, { first: reportedFirst, last: reportedEnd - 1 })
  const years = cal.years()
  const closed = scenario.missions.map((m) => [...(m.publicHolidays ? publicHolidays(m.country, years) : []), ...m.closedDates])
  const idOpen = scenario.missions.map((m, i) => cal.workingDays(m.identification.weekdays, closed[i]))
  const officerOpen = scenario.missions.map((m, i) => cal.workingDays(m.staff.weekdays, closed[i]))
  const migriOpen = cal.workingDays(scenario.migri.weekdays, publicHolidays(scenario.migri.country, years))
  // productive hours per working day at full availability, such that a person-year over the reported
  // year's working days, weighted by the monthly availability (July holidays), gives exactly its
  // productive hours: the holiday profile moves hours within the year, it does not remove them
  let weighted = 0
  for (let d = reportedFirst; d < Math.min(cal.days, reportedFirst + 365); d++) weighted += migriOpen[d]! * scenario.migri.monthlyAvailability[cal.month[d]!]!
  const yearDays = Math.min(cal.days - reportedFirst, 365)
  const migriHoursPerDay = scenario.migri.productiveHoursPerPersonYear / Math.max(1e-9, weighted * (365 / Math.max(1, yearDays)))
  const rates = scenario.missions.map((m) => CATEGORIES.map((c) => arrivalRate(cal, m.arrivals[c].annual, m.arrivals[c].monthlyProfile, m.weekdayProfile, days)))
  const params = scenario.missions.map((m) => CATEGORIES.map((c) => [caseParams(scenario, m, c, MAIN), caseParams(scenario, m, c, FAMILY)]))
  const poolOf = CATEGORIES.map((c) =>
    [MAIN, FAMILY].map((role) => scenario.migri.pools.findIndex((p) => p.serves.includes(c) || p.serves.includes(`${c}:${role === MAIN ? "main" : "family"}`)))
  )
  return {
    scenario, policy, cal, days, reportedFirst, reportedEnd,
    firstReportedMonth: cal.monthIndex[reportedFirst]!,
    reportedMonths: cal.monthIndex[reportedEnd - 1]! - cal.monthIndex[reportedFirst]! + 1,
    idOpen, officerOpen, migriOpen, migriHoursPerDay, rates, params, poolOf,
    lag: CATEGORIES.map((c) => toDistribution(scenario.categories[c].family.lagDays)),
    familySize: CATEGORIES.map((c) => {
      const w = scenario.categories[c].family.sizeWeights
      return dist.discrete(w.map((_, i) => i), w)
    }),
    responseDays: toDistribution(scenario.migri.supplementary.responseDays),
    labDays: toDistribution(scenario.migri.dnaLabDays),
    ...(() => { const w = studyStartWindows(scenario, cal); return { studyFrom: w.from, studyTo: w.to } })()
  }
}

/** Study start window (first and last day number) for a student applying on each day; NaN when none. */
const studyStartWindows = (s: Scenario, cal: Calendar): { from: Float64Array; to: Float64Array } => {
  const from = new Float64Array(cal.days).fill(NaN), to = new Float64Array(cal.days).fill(NaN)
  const windows = s.categories.student.studyStart ?? []
  for (let d = 0; d < cal.days; d++) {
    const w = windows.find((w) => w.appliedMonths.includes(cal.month[d]! + 1))
    if (w === undefined) continue
    const y = cal.year[d]! + (w.nextYear ? 1 : 0)
    const f = Date.parse(`${y}-${w.from}T00:00:00Z`) / 86_400_000 - cal.startEpochDay
    const t = Date.parse(`${y}-${w.to}T00:00:00Z`) / 86_400_000 - cal.startEpochDay
    from[d] = f
    to[d] = Math.max(f, t)
  }
  return { from, to }
}

/** Study start (day number) for a student applying at time t, given a uniform draw u. */
const studyStartFor = (cs: CompiledScenario, t: number, u: number): number => {
  const d = Math.max(0, Math.min(cs.cal.days - 1, Math.floor(t)))
  const f = cs.studyFrom[d]!
  return Number.isNaN(f) ? NaN : Math.floor(f + u * (cs.studyTo[d]! - f + 1))
}

/** Runs one replication of a compiled scenario. */
export const runReplication = (cs: CompiledScenario, replication: number, options: ModelOptions = {}): ModelRun => {
  const s = cs.scenario
  const seed = options.seed ?? s.seed
  const streams = new RandomStreams(seed, replication)
  const sim = new Simulation({ initialCapacity: 1024 })
  const cal = cs.cal
  const days = cs.days
  const nM = s.missions.length
  const pol = cs.policy

  // ---- entity storage (struct of arrays, grown on demand)
  let cap = 4096
  let cat = new Uint8Array(cap), role = new Uint8Array(cap), mission = new Uint8Array(cap), flags = new Uint8Array(cap)
  let steps = new Uint8Array(cap), task = new Uint8Array(cap)
  let mainOf = new Int32Array(cap), waitNext = new Int32Array(cap), waitHead = new Int32Array(cap)
  let arrival = new Float64Array(cap), identified = new Float64Array(cap), decided = new Float64Array(cap)
  let studyStart = new Float64Array(cap), hours = new Float64Array(cap), jobHours = new Float64Array(cap)
  let idUnits = new Float64Array(cap)
  let remoteU = new Float64Array(cap), respDays = new Float64Array(cap), labDays = new Float64Array(cap), idDeadline = new Float64Array(cap)
  let n = 0
  const grow = () => {
    const c2 = cap * 2
    const g8 = (a: Uint8Array) => { const b = new Uint8Array(c2); b.set(a); return b }
    const g32 = (a: Int32Array) => { const b = new Int32Array(c2); b.set(a); return b }
    const g64 = (a: Float64Array) => { const b = new Float64Array(c2); b.set(a); return b }
    cat = g8(cat); role = g8(role); mission = g8(mission); flags = g8(flags); steps = g8(steps); task = g8(task)
    mainOf = g32(mainOf); waitNext = g32(waitNext); waitHead = g32(waitHead)
    arrival = g64(arrival); identified = g64(identified); decided = g64(decided); studyStart = g64(studyStart)
    hours = g64(hours); jobHours = g64(jobHours); idUnits = g64(idUnits); remoteU = g64(remoteU); respDays = g64(respDays); labDays = g64(labDays); idDeadline = g64(idDeadline)
    cap = c2
  }

  // ---- metrics
  const nG = NC * 2
  const months = cs.reportedMonths
  const mk = <T>(f: () => T): T[] => Array.from({ length: nG }, f)
  const gArrived = new Float64Array(nG), gIdentified = new Float64Array(nG), gDecided = new Float64Array(nG)
  const gIdMissed = new Float64Array(nG), gWithin = new Float64Array(nG), gPosWithin = new Float64Array(nG)
  const gHearing = new Float64Array(nG), gSupp = new Float64Array(nG), gNeg = new Float64Array(nG), gHigh = new Float64Array(nG)
  const apptWait = mk(() => new Tally()), apptHist = mk(() => new Histogram(1000, 1))
  const migriT = mk(() => new Tally()), migriHist = mk(() => new Histogram(1000, 0.5)), posMigri = mk(() => new Tally())
  const e2e = mk(() => new Tally()), e2eHist = mk(() => new Histogram(1500, 1))
  const mArrived = mk(() => new Float64Array(months)), mAppt = mk(() => new PeriodTallies(months)), mMigri = mk(() => new PeriodTallies(months))
  const mWithin = mk(() => new Float64Array(months)), mE2e = mk(() => new PeriodTallies(months))
  const separation = new Tally(), separationHist = new Histogram(1500, 1), sepByCat = CATEGORIES.map(() => new Tally())
  let studentsLate = 0, studentsWithStart = 0, dupChecks = 0, dupHours = 0, expired = 0
  const studentFamilyLate = new Set<number>()
  let hoursHandling = 0, hoursRemote = 0, hoursSuppAnswers = 0
  const officerByTask = Array.from({ length: nM }, () => new Float64Array(3))
  const hearingsMission = new Float64Array(nM), hearingsRemote = new Float64Array(nM)
  const weeks = Math.ceil((cs.reportedEnd - cs.reportedFirst) / 7)
  const idQueueWeekly = Array.from({ length: nM }, () => new Array<number>(weeks).fill(0))
  const pendingWeekly = new Array<number>(weeks).fill(0)
  let pendingAtMigri = 0
  /** Month of the reported period (0 = its first month) of a time or day; -1 outside the period's months. */
  const reportedMonthOf = (t: number) => { const m = cal.periodOf(t) - cs.firstReportedMonth; return m >= 0 && m < months ? m : -1 }
  const group = (e: number) => cat[e]! * 2 + role[e]!

  const inReported = (day: number) => day >= cs.reportedFirst && day < cs.reportedEnd
  const day0 = () => Math.floor(sim.now)
  /** Capacity offered and used by one daily server: by month and in total over the reported period, and per day with a trace. */
  const capacityLog = () => {
    const log = {
      offeredByMonth: new Float64Array(months), usedByMonth: new Float64Array(months), offered: 0, used: 0,
      dailyUsed: new Float64Array(options.trace === true ? days + 1 : 0), dailyCapacity: new Float64Array(options.trace === true ? days + 1 : 0),
      record: (d: number, capD: number, used: number) => {
        const mo = reportedMonthOf(d)
        if (mo >= 0) { log.offeredByMonth[mo]! += capD; log.usedByMonth[mo]! += used }
        if (inReported(d)) { log.offered += capD; log.used += used }
        if (d < log.dailyUsed.length) { log.dailyUsed[d] = used; log.dailyCapacity[d] = capD }
      }
    }
    return log
  }
  const idLog = s.missions.map(capacityLog), officerLog = s.missions.map(capacityLog), poolLog = s.migri.pools.map(capacityLog)

  // ---- identification queues per mission: sub-queue per (category, role), keyed by deadline-like key
  const idSub: Array<Array<KeyedQueue | MonotoneLinesQueue>> = []
  const idQueues: PolicyQueue[] = []
  const familyQueues: PolicyQueue[] = []
  const ftQueues: PolicyQueue[] = []
  const fast = CATEGORIES.map((c) => s.categories[c].fastTrack)
  // per-category constants for the hot paths (a category without a positive-decision target never counts)
  const targetOf = Float64Array.from(CATEGORIES, (c) => s.categories[c].targetDays)
  const positiveTargetOf = Float64Array.from(CATEGORIES, (c) => s.categories[c].positiveTargetDays ?? -Infinity)
  const withMainOf = Float64Array.from(CATEGORIES, (c) => s.categories[c].family.withMainShare)
  for (let mi = 0; mi < nM; mi++) {
    // keys only grow within a group (deadline = time of application + a fixed allowance) unless the
    // study-start rule ranks by study start: then a heap is needed, otherwise a FIFO line is enough
    const studyStartRule = pol.missions[mi]!.studyStartLead.some((x) => !Number.isNaN(x))
    const subs = Array.from({ length: nG }, () => (studyStartRule ? new KeyedQueue(64) : new MonotoneLinesQueue(1, 64)))
    idSub.push(subs)
    const pd = pol.missions[mi]!
    const tier = (g: number, day: number): number => {
      const c = g >> 1
      if (fast[c]) return 0
      // main applicants first: family members of the listed categories wait until the day's main applicants are in
      if ((g & 1) === FAMILY && (pd.mainFirstMask[day]! & (1 << c)) !== 0) return 2
      return 1
    }
    /** A queue over the sub-queues of the given groups: lowest tier first, then smallest key (deadline). */
    const merged = (groupsIn: ReadonlyArray<number>): PolicyQueue =>
      new PolicyQueue(groupsIn.map((g) => subs[g]!), (qs: ReadonlyArray<Queue>): number => {
        const day = Math.min(days, Math.floor(sim.now))
        let best = -1, bestTier = 9, bestKey = Infinity
        for (let i = 0; i < qs.length; i++) {
          const q = qs[i] as KeyedQueue | MonotoneLinesQueue
          if (q.size === 0) continue
          const t = tier(groupsIn[i]!, day), k = q.peekKey()
          if (t < bestTier || (t === bestTier && k < bestKey)) { best = i; bestTier = t; bestKey = k }
        }
        return best
      })
    const all = Array.from({ length: nG }, (_, g) => g)
    idQueues.push(merged(all))
    familyQueues.push(merged(all.filter((g) => (g & 1) === FAMILY && !fast[g >> 1])))
    ftQueues.push(merged(all.filter((g) => fast[g >> 1])))
  }

  // ---- Migri pools (handler hours per day, splittable) and mission officers (hours per day)
  const migriQueues = s.migri.pools.map(() => new MonotoneLinesQueue(4, 256))
  const officerQueues = s.missions.map(() => new PriorityClassQueue(2))
  const avail = s.migri.monthlyAvailability

  const enterMigriQueue = (e: number, t: number, h: number) => {
    task[e] = t
    jobHours[e] = h
    const c = cat[e]!
    // fast track first; within a class in order of entry, negative decisions as if they had entered later.
    // Four lines (fast track / other × positive / negative decision stage), each with non-decreasing keys.
    const negative = (t === TASK_FINAL || t === TASK_SINGLE) && (flags[e]! & F_NEGATIVE) !== 0
    const key = sim.now + (fast[c] ? -FAST_TRACK_FIRST : 0) + (negative ? s.migri.negative.queueDelayDays : 0)
    migriQueues[cs.poolOf[c]![role[e]!]!]!.pushTo((fast[c] ? 0 : 2) + (negative ? 1 : 0), e, key)
  }
  const enterOfficerQueue = (e: number, t: number) => {
    const m = s.missions[mission[e]!]!
    task[e] = t
    jobHours[e] = t === TASK_HEARING ? m.staff.hearingHours : t === TASK_SUPP ? m.staff.supplementaryHours : m.staff.dnaHours
    officerQueues[mission[e]!]!.push(e, fast[cat[e]!] ? 0 : 1)
  }

  // ---- decisions and the path through Migri
  const record = (e: number) => {
    const g = group(e)
    const t = decided[e]!, a = arrival[e]!, idt = identified[e]!
    gDecided[g]!++
    const mt = t - idt
    migriT[g]!.add(mt); migriHist[g]!.add(mt)
    const target = targetOf[cat[e]!]!
    if (mt <= target) gWithin[g]!++
    const mo = reportedMonthOf(a)
    mMigri[g]!.add(mo, mt)
    if (mt <= target && mo >= 0) mWithin[g]![mo]!++
    if ((flags[e]! & F_NEGATIVE) === 0) {
      posMigri[g]!.add(mt)
      // the 7-day target concerns the specialists' own permits, not their family members'
      if (role[e] === MAIN && mt <= positiveTargetOf[cat[e]!]!) gPosWithin[g]!++
    } else gNeg[g]!++
    e2e[g]!.add(t - a); e2eHist[g]!.add(t - a); mE2e[g]!.add(mo, t - a)
    if (flags[e]! & F_HEARING) gHearing[g]!++
    if (flags[e]! & F_SUPP) gSupp[g]!++
    if (flags[e]! & F_HIGHRISK) gHigh[g]!++
    if (role[e] === MAIN && !Number.isNaN(studyStart[e]!)) {
      studentsWithStart++
      if (t > studyStart[e]!) studentsLate++
    }
    if (role[e] === FAMILY) {
      const mn = mainOf[e]!
      const sep = t - decided[mn]!
      separation.add(sep); separationHist.add(sep); sepByCat[cat[e]!]!.add(sep)
      if (!Number.isNaN(studyStart[mn]!) && t > studyStart[mn]! && (flags[mn]! & F_REPORTED) !== 0) studentFamilyLate.add(mn)
    }
  }
  const decide = (e: number) => {
    decided[e] = sim.now
    pendingAtMigri--
    if (flags[e]! & F_REPORTED) record(e)
    if (role[e] === MAIN) {
      // family members who finished their handling while waiting for this decision
      let f = waitHead[e]!
      waitHead[e] = -1
      while (f >= 0) {
        const nx = waitNext[f]!
        decide(f)
        f = nx
      }
    }
  }
  const finish = (e: number) => {
    if (role[e] === FAMILY) {
      const mn = mainOf[e]!
      if (Number.isNaN(decided[mn]!)) {
        waitNext[e] = waitHead[mn]!
        waitHead[mn] = e
        return
      }
    }
    decide(e)
  }
  /** Next step after a job or a delay. */
  const next = (e: number) => {
    const st = steps[e]!
    if (st === 0) {
      const fh = hours[e]! * (1 - s.migri.firstHandlingShare) + ((flags[e]! & F_SUPP) !== 0 ? s.migri.supplementary.extraHours : 0)
      if ((flags[e]! & F_SUPP) !== 0 && inReported(day0())) hoursSuppAnswers += s.migri.supplementary.extraHours
      enterMigriQueue(e, TASK_FINAL, fh)
      return
    }
    const day = Math.min(days, Math.floor(sim.now))
    if (st & STEP_SUPP) { steps[e] = st & ~STEP_SUPP; enterOfficerQueue(e, TASK_SUPP); return }
    if (st & STEP_HEARING) {
      steps[e] = st & ~STEP_HEARING
      if (remoteU[e]! < pol.missions[mission[e]!]!.remoteHearingShare[day]!) {
        if (inReported(day)) hearingsRemote[mission[e]!]!++
        enterMigriQueue(e, TASK_REMOTE_HEARING, s.migri.remoteHearingHours)
      } else {
        if (inReported(day)) hearingsMission[mission[e]!]!++
        enterOfficerQueue(e, TASK_HEARING)
      }
      return
    }
    steps[e] = st & ~STEP_DNA
    enterOfficerQueue(e, TASK_DNA)
  }
  const RESUME = sim.register("resume", (e) => next(e))
  /**
   * A family member's subsistence evidence came with its online application (the main applicant's, for
   * those who applied together). When the handler takes the case up (its first handling ends) more than
   * validityDays after that application, the evidence must be renewed by a supplementary request —
   * unless one is planned for the case anyway. Returns true when a request was added.
   */
  const evidenceExpired = (e: number): boolean => {
    if (role[e] !== FAMILY || sim.now - arrival[e]! <= s.migri.subsistence.validityDays || (steps[e]! & STEP_SUPP) !== 0) return false
    steps[e] = steps[e]! | STEP_SUPP
    flags[e] = flags[e]! | F_SUPP
    if (flags[e]! & F_REPORTED) expired++
    return true
  }
  const onMigriDone = (e: number) => {
    const t = task[e]!
    if (t === TASK_SINGLE) {
      // the whole case was handled in one go: a renewal request still has to go out and be assessed
      if (evidenceExpired(e)) { hours[e] = 0; next(e) } else finish(e)
      return
    }
    if (t === TASK_FINAL) { finish(e); return }
    if (t === TASK_REMOTE_HEARING) { sim.after(s.migri.hearingReportDays, RESUME, e); return }
    evidenceExpired(e) // TASK_FIRST done: the handler has looked at the evidence
    next(e)
  }
  const onOfficerDone = (e: number) => {
    const t = task[e]!
    if (inReported(Math.floor(sim.now))) officerByTask[mission[e]!]![t === TASK_HEARING ? 0 : t === TASK_SUPP ? 1 : 2]! += jobHours[e]!
    if (t === TASK_HEARING) sim.after(s.migri.hearingReportDays, RESUME, e)
    else if (t === TASK_SUPP) sim.after(respDays[e]!, RESUME, e)
    else sim.after(labDays[e]!, RESUME, e)
  }
  const onIdentified = (e: number) => {
    const now = sim.now
    identified[e] = now
    pendingAtMigri++
    if (flags[e]! & F_REPORTED) {
      const g = group(e)
      gIdentified[g]!++
      const w = now - arrival[e]!
      apptWait[g]!.add(w); apptHist[g]!.add(w); mAppt[g]!.add(reportedMonthOf(arrival[e]!), w)
      if (now > idDeadline[e]!) gIdMissed[g]!++
    }
    let h = hours[e]!
    if (role[e] === FAMILY) {
      const mn = mainOf[e]!
      const md = decided[mn]!
      if (!Number.isNaN(md)) {
        // the main applicant's case is closed: subsistence is checked again in the family case
        h += s.migri.subsistence.recheckHours
        if (flags[e]! & F_REPORTED) { dupChecks++; dupHours += s.migri.subsistence.recheckHours }
      }
    }
    hours[e] = h
    if (steps[e] === 0) enterMigriQueue(e, TASK_SINGLE, h)
    else enterMigriQueue(e, TASK_FIRST, h * s.migri.firstHandlingShare)
  }

  // ---- servers
  s.missions.forEach((m, mi) => {
    const pd = pol.missions[mi]!
    const open = cs.idOpen[mi]!
    const ftRes: Reservation = { queue: ftQueues[mi]!, units: m.identification.fastTrackReservedPerDay }
    new DailySlotServer(sim, {
      name: `id:${m.id}`, firstDay: 0, lastDay: days - 1, openAt: 8 / 24, sessionLength: 8 / 24,
      capacity: (d) => (open[d] ? m.identification.slotsPerDay + pd.extraIdSlots[d]! : 0),
      queue: idQueues[mi]!,
      size: (e) => idUnits[e]!,
      maxSize: 1, // a person uses at most one slot
      reservations: (d) => pd.familySlots[d]! > 0 ? [ftRes, { queue: familyQueues[mi]!, units: pd.familySlots[d]! }] : [ftRes],
      onServed: onIdentified,
      onDay: idLog[mi]!.record
    })
  })
  s.missions.forEach((m, mi) => {
    const pd = pol.missions[mi]!
    const open = cs.officerOpen[mi]!
    new DailySlotServer(sim, {
      name: `officers:${m.id}`, firstDay: 0, lastDay: days - 1, openAt: 8 / 24, sessionLength: 8 / 24,
      capacity: (d) => (open[d] ? (m.staff.officers + pd.extraOfficers[d]!) * m.staff.hoursPerDay + pd.assistancePeople[d]! * pd.assistanceOfficerHoursPerPerson[d]! : 0),
      queue: officerQueues[mi]!,
      size: (e) => jobHours[e]!,
      // a task may carry over to the next working day, so that no task is ever longer than a day can hold
      splittable: true,
      onServed: onOfficerDone,
      onDay: officerLog[mi]!.record
    })
  })
  s.migri.pools.forEach((p, pi) => {
    const away = pol.poolPeopleAway[pi]!
    new DailySlotServer(sim, {
      name: `migri:${p.id}`, firstDay: 0, lastDay: days - 1, openAt: 8 / 24, sessionLength: 8 / 24,
      capacity: (d) => (cs.migriOpen[d] ? Math.max(0, p.personYears * avail[cal.month[d]!]! - away[d]!) * cs.migriHoursPerDay : 0),
      queue: migriQueues[pi]!,
      size: (e) => jobHours[e]!,
      splittable: true,
      onServed: (e) => {
        if (inReported(Math.floor(sim.now))) {
          if (task[e] === TASK_REMOTE_HEARING) hoursRemote += jobHours[e]!
          else hoursHandling += jobHours[e]!
        }
        onMigriDone(e)
      },
      onDay: poolLog[pi]!.record
    })
  })

  // ---- arrivals
  const ARRIVE_FAMILY = sim.register("family-arrives", (e) => joinIdQueue(e))
  const joinIdQueue = (e: number) => {
    const mi = mission[e]!
    const pd = pol.missions[mi]!
    const day = Math.min(days, Math.floor(sim.now))
    const c = cat[e]!
    const m = s.missions[mi]!
    // fast track: by the end of the 5th working day (the mission's Mon–Fri working days, not the service
    // point's opening days); among equal deadline days the earlier application ranks first
    idDeadline[e] = fast[c] ? addWorkingDays(cs.officerOpen[mi]!, sim.now, m.identification.fastTrackDeadlineWorkingDays) + 1 : sim.now + m.identification.deadlineDays
    let key = fast[c] ? idDeadline[e]! + sim.now * 1e-6 : idDeadline[e]! // (sim.now·1e-6 < 1 for runs of < 2,700 years)
    const lead = pd.studyStartLead[day]!
    const start = role[e] === MAIN ? studyStart[e]! : studyStart[mainOf[e]!]!
    if (!Number.isNaN(lead) && !Number.isNaN(start)) key = Math.min(key, start - lead)
    let g = group(e)
    if (role[e] === FAMILY && (flags[e]! & F_WITH_MAIN) !== 0 && pd.jointFamily[day] === 1) {
      // one appointment for the whole family: queue right behind the main applicant, with the main's key
      const mn = mainOf[e]!
      g = group(mn)
      key = lastKeyOf[mn]!
      idUnits[e] = pd.jointSlotSize[day]!
    }
    lastKeyOf[e] = key
    idSub[mi]![g]!.push(e, key)
  }
  let lastKeyOf = new Float64Array(cap)

  const newEntity = (): number => {
    if (n === cap) { grow(); const b = new Float64Array(cap); b.set(lastKeyOf); lastKeyOf = b }
    const e = n++
    waitHead[e] = -1; waitNext[e] = -1; mainOf[e] = -1
    identified[e] = NaN; decided[e] = NaN; studyStart[e] = NaN
    flags[e] = 0; steps[e] = 0; idUnits[e] = 1
    return e
  }

  /** Draws the case attributes of entity e from rng (always the same number of draws). */
  const drawCase = (e: number, rng: Rng, p: CaseParams) => {
    const uPos = rng(), uRisk = rng(), uAuto = rng(), uHear = rng(), uSupp = rng(), uDna = rng()
    remoteU[e] = rng()
    let f = flags[e]!
    const negative = uPos >= p.positive
    const high = uRisk < p.highRisk
    if (negative) f |= F_NEGATIVE
    if (high) f |= F_HIGHRISK
    let st = 0
    if (!negative && !high && uAuto < p.automated) {
      f |= F_AUTOMATED
      hours[e] = p.automatedHours
    } else {
      if (uHear < (high ? p.hearingHigh : p.hearingNormal)) { f |= F_HEARING; st |= STEP_HEARING }
      if (uSupp < p.supplementary) { f |= F_SUPP; st |= STEP_SUPP }
      if (uDna < p.dna) { f |= F_DNA; st |= STEP_DNA }
      hours[e] = p.baseHours * (high ? p.highRiskMult : 1) * (negative ? p.negativeMult : 1)
    }
    flags[e] = f
    steps[e] = st
    // durations are drawn only where they can be needed; what is drawn depends only on the attributes
    // above (never on the policy), so every policy still sees the same applicants
    respDays[e] = (f & F_SUPP) !== 0 || role[e] === FAMILY ? cs.responseDays.sample(rng) : 0
    labDays[e] = (f & F_DNA) !== 0 ? cs.labDays.sample(rng) : 0
  }

  const arrivalsOf: NhppArrivals[] = []
  const caseRng: Rng[] = [], familyRng: Rng[] = []
  for (let mi = 0; mi < nM; mi++) {
    for (let c = 0; c < NC; c++) {
      const name = `${s.missions[mi]!.id}/${CATEGORIES[c]}`
      arrivalsOf.push(new NhppArrivals(cs.rates[mi]![c]!, streams.stream(`arrivals/${name}`)))
      caseRng.push(streams.stream(`cases/${name}`))
      familyRng.push(streams.stream(`family/${name}`))
    }
  }
  const ARRIVE = sim.register("main-arrives", (k) => {
    const mi = Math.floor(k / NC), c = k % NC
    const e = newEntity()
    cat[e] = c; role[e] = MAIN; mission[e] = mi; arrival[e] = sim.now
    const reported = sim.now >= cs.reportedFirst && sim.now < cs.reportedEnd
    if (reported) { flags[e] = F_REPORTED; gArrived[c * 2]!++; const mo = reportedMonthOf(sim.now); if (mo >= 0) mArrived[c * 2]![mo]!++ }
    const rng = caseRng[k]!
    drawCase(e, rng, cs.params[mi]![c]![MAIN]!)
    if (c === STUDENT) studyStart[e] = studyStartFor(cs, sim.now, rng())
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
      const f = newEntity()
      cat[f] = c; role[f] = FAMILY; mission[f] = mi; mainOf[f] = e
      arrival[f] = at
      drawCase(f, frng, cs.params[mi]![c]![FAMILY]!)
      if (together) flags[f] = flags[f]! | F_WITH_MAIN
      if (at >= cs.reportedFirst && at < cs.reportedEnd) {
        flags[f] = flags[f]! | F_REPORTED
        gArrived[c * 2 + 1]!++
        const mo = reportedMonthOf(at)
        if (mo >= 0) mArrived[c * 2 + 1]![mo]!++
      }
      if (together) joinIdQueue(f)
      else sim.at(at, ARRIVE_FAMILY, f)
    }
    const t = arrivalsOf[k]!.next()
    if (t < days) sim.at(t, ARRIVE, k)
  })
  for (let k = 0; k < nM * NC; k++) {
    const t = arrivalsOf[k]!.next()
    if (t < days) sim.at(t, ARRIVE, k)
  }

  // ---- weekly snapshots of the backlogs over the reported period
  const SNAPSHOT = sim.register("snapshot", (w) => {
    for (let mi = 0; mi < nM; mi++) idQueueWeekly[mi]![w] = idQueues[mi]!.size
    pendingWeekly[w] = pendingAtMigri
    if (w + 1 < weeks) sim.at(cs.reportedFirst + (w + 1) * 7 + 0.99, SNAPSHOT, w + 1)
  })
  if (weeks > 0) sim.at(cs.reportedFirst + 0.99, SNAPSHOT, 0)

  sim.runUntil(days)

  // ---- results
  const groups: GroupResult[] = []
  // the reported cohort's applications still open at the horizon, by group (one pass)
  const gWaitingForId = new Float64Array(nG), gPendingAtHorizon = new Float64Array(nG)
  for (let e = 0; e < n; e++) {
    if ((flags[e]! & F_REPORTED) === 0) continue
    if (Number.isNaN(identified[e]!)) gWaitingForId[group(e)]!++
    else if (Number.isNaN(decided[e]!)) gPendingAtHorizon[group(e)]!++
  }
  for (let g = 0; g < nG; g++) {
    const c = CATEGORIES[g >> 1]!
    const r = (g & 1) === MAIN ? "main" : "family"
    const catSpec = s.categories[c]
    const waitingForId = gWaitingForId[g]!, pendingH = gPendingAtHorizon[g]!
    const dec = gDecided[g]!
    const pos = posMigri[g]!.count
    groups.push({
      group: r === "main" ? c : `${c}-family`,
      category: c,
      role: r,
      targetDays: catSpec.targetDays,
      positiveTargetDays: r === "main" ? catSpec.positiveTargetDays ?? null : null,
      arrived: gArrived[g]!,
      identified: gIdentified[g]!,
      decided: dec,
      pendingAtHorizon: pendingH,
      waitingForIdAtHorizon: waitingForId,
      apptWaitMean: apptWait[g]!.mean,
      apptWaitP90: apptHist[g]!.quantile(0.9),
      idDeadlineMissedShare: gIdentified[g]! > 0 ? gIdMissed[g]! / gIdentified[g]! : NaN,
      migriMean: migriT[g]!.mean,
      migriMedian: migriHist[g]!.quantile(0.5),
      migriP90: migriHist[g]!.quantile(0.9),
      withinTargetShare: dec > 0 ? gWithin[g]! / dec : NaN,
      positiveMigriMean: posMigri[g]!.mean,
      positiveWithinTargetShare: r === "main" && catSpec.positiveTargetDays !== undefined && pos > 0 ? gPosWithin[g]! / pos : NaN,
      endToEndMean: e2e[g]!.mean,
      endToEndP90: e2eHist[g]!.quantile(0.9),
      hearingShare: dec > 0 ? gHearing[g]! / dec : NaN,
      supplementaryShare: dec > 0 ? gSupp[g]! / dec : NaN,
      negativeShare: dec > 0 ? gNeg[g]! / dec : NaN,
      highRiskShare: dec > 0 ? gHigh[g]! / dec : NaN,
      byMonth: {
        arrived: Array.from(mArrived[g]!),
        apptWaitMean: mAppt[g]!.tallies.map((t) => t.mean),
        migriMean: mMigri[g]!.tallies.map((t) => t.mean),
        withinTargetShare: mMigri[g]!.tallies.map((t, i) => (t.count > 0 ? mWithin[g]![i]! / t.count : NaN)),
        endToEndMean: mE2e[g]!.tallies.map((t) => t.mean)
      }
    })
  }
  const missions: MissionResult[] = s.missions.map((m, mi) => {
    const id = idLog[mi]!, off = officerLog[mi]!
    const offH = off.offered, usedH = off.used
    return {
      id: m.id, name: m.name,
      idSlotsOffered: id.offered, idSlotsUsed: id.used,
      idUtilisation: id.offered > 0 ? id.used / id.offered : NaN,
      officerHoursOffered: offH, officerHoursUsed: usedH, officerUtilisation: offH > 0 ? usedH / offH : NaN,
      officerHoursByTask: { hearing: officerByTask[mi]![0]!, supplementary: officerByTask[mi]![1]!, dna: officerByTask[mi]![2]! },
      hearingsAtMission: hearingsMission[mi]!, hearingsRemote: hearingsRemote[mi]!,
      byMonth: { idSlotsOffered: Array.from(id.offeredByMonth), idSlotsUsed: Array.from(id.usedByMonth), officerHoursOffered: Array.from(off.offeredByMonth), officerHoursUsed: Array.from(off.usedByMonth) },
      idQueueWeekly: idQueueWeekly[mi]!
    }
  })
  const pools: PoolResult[] = s.migri.pools.map((p, pi) => ({
    id: p.id,
    hoursOffered: poolLog[pi]!.offered, hoursUsed: poolLog[pi]!.used,
    utilisation: poolLog[pi]!.offered > 0 ? poolLog[pi]!.used / poolLog[pi]!.offered : NaN,
    byMonth: { hoursOffered: Array.from(poolLog[pi]!.offeredByMonth), hoursUsed: Array.from(poolLog[pi]!.usedByMonth) }
  }))
  const totOff = pools.reduce((a, p) => a + p.hoursOffered, 0), totUsed = pools.reduce((a, p) => a + p.hoursUsed, 0)
  let identifications = 0, decisions = 0
  for (let e = 0; e < n; e++) {
    if (!Number.isNaN(identified[e]!)) identifications++
    if (!Number.isNaN(decided[e]!)) decisions++
  }
  const result: ReplicationResult = {
    replication,
    policy: pol.name,
    groups,
    family: {
      separationMean: separation.mean,
      separationP90: separationHist.quantile(0.9),
      separationMeanByCategory: { student: sepByCat[0]!.mean, worker: sepByCat[1]!.mean, specialist: sepByCat[2]!.mean, fastTrack: sepByCat[3]!.mean },
      studentsDecidedAfterStudyStart: studentsLate,
      studentsDecidedAfterStudyStartShare: studentsWithStart > 0 ? studentsLate / studentsWithStart : NaN,
      studentsWithFamilyDecidedAfterStudyStart: studentFamilyLate.size,
      duplicatedSubsistenceChecks: dupChecks,
      duplicatedCheckHours: dupHours,
      expiredSubsistenceEvidence: expired
    },
    missions,
    migri: {
      pools,
      hoursByTask: { handling: hoursHandling, subsistenceRechecks: dupHours, remoteHearings: hoursRemote, supplementaryAnswers: hoursSuppAnswers },
      utilisation: totOff > 0 ? totUsed / totOff : NaN,
      pendingWeekly
    },
    cost: { extraStaffEuros: pol.costInReportedPeriodEuros, assistancePersonWeeks: pol.assistancePersonWeeks },
    totals: { applications: n, identifications, decisions, events: sim.eventsFired }
  }
  const out: ModelRun = { result }
  if (options.trace === true) {
    // family members drawn to apply after the horizon never enter the simulated world: not in the trace
    out.trace = Array.from({ length: n }, (_, e) => ({
      id: e, category: CATEGORIES[cat[e]!]!, role: role[e] === MAIN ? "main" as const : "family" as const,
      mission: s.missions[mission[e]!]!.id, main: mainOf[e]!, arrival: arrival[e]!, identified: identified[e]!, decided: decided[e]!,
      positive: (flags[e]! & F_NEGATIVE) === 0, reported: (flags[e]! & F_REPORTED) !== 0, studyStart: studyStart[e]!,
      withMain: (flags[e]! & F_WITH_MAIN) !== 0
    }))
    out.daily = {
      idUsed: idLog.map((l) => l.dailyUsed), idCapacity: idLog.map((l) => l.dailyCapacity),
      officerUsed: officerLog.map((l) => l.dailyUsed), officerCapacity: officerLog.map((l) => l.dailyCapacity),
      poolUsed: poolLog.map((l) => l.dailyUsed), poolCapacity: poolLog.map((l) => l.dailyCapacity)
    }
  }
  return out
}

