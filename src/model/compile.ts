/**
 * The replication-independent parts of a scenario, compiled once: calendars and opening days, arrival
 * rates, each (mission, category, role)'s case probabilities and handler hours, study start windows and
 * the policy's per-day lookups. A CompiledScenario is shared by all replications (and worker threads
 * compile their own).
 */
import { Calendar, PiecewiseRate, dist, publicHolidays, type Distribution } from "../engine/index.ts"
import type { Category, DistributionSpec, MissionSpec, Scenario } from "../scenario/schema.ts"
import { CATEGORIES } from "../scenario/names.ts"
import { FAMILY, MAIN } from "./entities.ts"
import { compilePolicy, type PolicyDays } from "./policy.ts"
import { compileStaff, type StaffPlan } from "./staff.ts"
import { drawStudyStart, familyMean, familyWeights, monitoringAway } from "./season.ts"
import { backlogTotals, firstDayOf } from "../scenario/start-state.ts"

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
export interface CaseParams {
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
  /** per mission: staff groups and their hours by day (or the slots-per-day shorthand) */
  readonly staff: ReadonlyArray<StaffPlan>
  readonly migriHoursPerDay: number
  readonly rates: PiecewiseRate[][]
  readonly params: CaseParams[][][]
  /** the handler pools as run: the scenario's (staffing fixed) or one shared pool of all their person-years */
  readonly pools: ReadonlyArray<EffectivePool>
  /** pool index by category and role (into pools) */
  readonly poolOf: number[][]
  readonly lag: Distribution[]
  readonly familySize: Distribution[]
  readonly responseDays: Distribution
  readonly labDays: Distribution
  /** expected applications over the simulated days (main applicants and family members), +10 %: the entity arrays' first size */
  readonly expectedApplications: number
  readonly studyFrom: Float64Array
  readonly studyTo: Float64Array
  /** season (issue 8): per category, the stage outside Migri and the hearing before a negative decision (undefined when off) */
  readonly externalDays: ReadonlyArray<Distribution | undefined>
  readonly externalShare: Float64Array
  readonly negativeHearingDays: Distribution | undefined
  /** post-decision monitoring hours in the reported period */
  readonly monitoringHours: number
  /** seasonal workers (issue 8): their mission, arrival rate, case parameters and pool (undefined when off) */
  readonly seasonal: SeasonalCompiled | undefined
}

export interface SeasonalCompiled {
  readonly mission: number
  readonly rate: PiecewiseRate
  readonly params: CaseParams
  readonly pool: number
  readonly external: Distribution | undefined
  readonly externalShare: number
}

/** Seasonal workers as work-based main applicants with their own rates, shares and productivity. */
const compileSeasonal = (s: Scenario, cal: Calendar, days: number, poolIndexOf: (scenarioPool: number) => number): SeasonalCompiled | undefined => {
  const sw = s.seasonal
  if (sw === undefined) return undefined
  const mi = s.missions.findIndex((m) => m.id === sw.mission)
  const m = s.missions[mi]!
  const both = (x: number) => ({ main: x, family: x })
  const worker = {
    ...s.categories.worker, targetDays: sw.targetDays, positiveShare: both(sw.positiveShare), hearingRate: both(sw.hearingRate),
    supplementaryRate: both(sw.supplementaryRate), decisionsPerPersonYear: both(sw.decisionsPerPersonYear), automatedShare: 0, dnaRate: 0
  }
  const pseudo: Scenario = { ...s, categories: { ...s.categories, worker } }
  return {
    mission: mi,
    rate: arrivalRate(cal, sw.annual, sw.monthlyProfile, m.weekdayProfile, days),
    params: caseParams(pseudo, m, "worker", MAIN),
    pool: poolIndexOf(s.migri.pools.findIndex((p) => p.id === sw.pool)),
    external: sw.externalStage === undefined ? undefined : toDistribution(sw.externalStage.days),
    externalShare: sw.externalStage?.share ?? 0
  }
}

/** A Migri handler pool as run. */
export interface EffectivePool {
  readonly id: string
  readonly personYears: number
  /** indices of the scenario's pools it stands for */
  readonly from: ReadonlyArray<number>
}

/** Staffing mode: fixed keeps the scenario's pools; shared makes one pool of all their person-years. */
export const effectivePools = (scenario: Scenario): EffectivePool[] =>
  scenario.migri.staffing === "shared"
    ? [{ id: "shared", personYears: scenario.migri.pools.reduce((a, p) => a + p.personYears, 0), from: scenario.migri.pools.map((_, i) => i) }]
    : scenario.migri.pools.map((p, i) => ({ id: p.id, personYears: p.personYears, from: [i] }))

export const compileScenario = (scenario: Scenario, policyName = scenario.policy): CompiledScenario => {
  const calStart = firstDayOf(scenario)
  const days = scenario.warmupDays + scenario.intakeDays + scenario.drainDays
  const cal = new Calendar({ start: calStart, days: days + 1 })
  const reportedFirst = scenario.warmupDays
  const reportedEnd = scenario.warmupDays + scenario.intakeDays
  const pools = effectivePools(scenario)
  const poolIndexOf = (scenarioPool: number) => pools.findIndex((p) => p.from.includes(scenarioPool))
  const policy = compilePolicy(scenario, policyName, cal, { first: reportedFirst, last: reportedEnd - 1 }, pools, poolIndexOf)
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
    [MAIN, FAMILY].map((role) => poolIndexOf(scenario.migri.pools.findIndex((p) => p.serves.includes(c) || p.serves.includes(`${c}:${role === MAIN ? "main" : "family"}`))))
  )
  const famMean = CATEGORIES.map((c) => familyMean(scenario.categories[c].family))
  /** expected applications (main applicants and family members) arriving in the first `to` days */
  const applicationsIn = (to: number) => rates.reduce((a, rs) => a + rs.reduce((b, r, c) => b + r.integral(0, to) * (1 + famMean[c]!), 0), 0)
  // + the stated start: its backlog, and the main applicants of the year before with family to follow
  // (start-state.ts draws them at the rates of the year after the first day)
  const st = scenario.startState
  const stated = st === undefined ? undefined : backlogTotals(st)
  const backlog = stated === undefined ? 0 : stated.waiting + stated.pending
  const expected = applicationsIn(days) + backlog + (st?.familyToFollow === undefined ? 0 : applicationsIn(Math.min(365, days)))
  // post-decision monitoring (issue 8): its hours leave the pool as handlers away
  const monitoring = monitoringAway(scenario, cal, migriOpen, migriHoursPerDay, { first: reportedFirst, end: reportedEnd })
  for (const [id, away] of monitoring.away) {
    const pi = poolIndexOf(scenario.migri.pools.findIndex((p) => p.id === id))
    const arr = policy.poolPeopleAway[pi]
    if (arr !== undefined) for (let d = 0; d < arr.length && d < away.length; d++) arr[d] = arr[d]! + away[d]!
  }
  return {
    scenario, policy, cal, days, reportedFirst, reportedEnd,
    expectedApplications: Math.min(1 << 24, Math.ceil(expected * 1.1) + 64),
    firstReportedMonth: cal.monthIndex[reportedFirst]!,
    reportedMonths: cal.monthIndex[reportedEnd - 1]! - cal.monthIndex[reportedFirst]! + 1,
    idOpen, officerOpen, migriOpen, migriHoursPerDay,
    staff: scenario.missions.map((m, i) => compileStaff(scenario, policyName, m, policy.missions[i]!, cal, idOpen[i]!, officerOpen[i]!)), rates, params, pools, poolOf,
    lag: CATEGORIES.map((c) => toDistribution(scenario.categories[c].family.lagDays)),
    familySize: CATEGORIES.map((c) => {
      const w = familyWeights(scenario.categories[c].family)
      return dist.discrete(w.map((_, i) => i), w)
    }),
    responseDays: toDistribution(scenario.migri.supplementary.responseDays),
    labDays: toDistribution(scenario.migri.dnaLabDays),
    ...(() => { const w = studyStartWindows(scenario, cal); return { studyFrom: w.from, studyTo: w.to } })(),
    externalDays: CATEGORIES.map((c) => { const x = scenario.categories[c].externalStage; return x === undefined ? undefined : toDistribution(x.days) }),
    externalShare: Float64Array.from(CATEGORIES, (c) => scenario.categories[c].externalStage?.share ?? 0),
    negativeHearingDays: scenario.migri.negative.hearingDays === undefined ? undefined : toDistribution(scenario.migri.negative.hearingDays),
    monitoringHours: monitoring.reportedHours,
    seasonal: compileSeasonal(scenario, cal, days, poolIndexOf)
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
export const studyStartFor = (cs: CompiledScenario, t: number, u: number): number => {
  const terms = cs.scenario.categories.student.studyTerms
  if (terms !== undefined) return drawStudyStart(terms, cs.cal, t, u)
  const d = Math.max(0, Math.min(cs.cal.days - 1, Math.floor(t)))
  const f = cs.studyFrom[d]!
  return Number.isNaN(f) ? NaN : Math.floor(f + u * (cs.studyTo[d]! - f + 1))
}

