/**
 * Shared helpers for the model tests: the baseline scenario, a fast-check generator of random VALID
 * scenarios derived from it, trace bookkeeping and paired t-intervals.
 *
 * The generator starts from the baseline JSON and varies volumes (scaled down so that a run takes a few
 * milliseconds), profiles, family sizes, shares and rates, slots, officers, pool sizes, the simulated
 * periods (short) and the policy (one of the baseline's, or random rule combinations with random date
 * windows). Every generated object is meant to pass `decodeScenario`; the tests assert that it does, so
 * the generator cannot silently drift out of the valid space.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { studentTQuantile } from "../../src/engine/index.ts"
import type { CompiledScenario, TraceRow } from "../../src/model/embassy.ts"
import { decodeScenario, mergeScenario } from "../../src/scenario/decode.ts"
import type { Scenario } from "../../src/scenario/schema.ts"

export const ROOT = join(import.meta.dirname, "..", "..")
export const CATS = ["student", "worker", "specialist", "fastTrack"] as const

/** The baseline as raw JSON (a fresh deep copy each call). */
export const baselineRaw = (): Record<string, any> => JSON.parse(readFileSync(join(ROOT, "scenarios/new-delhi-2025.json"), "utf8"))

/** A bundled scenario file as raw JSON with its `extends` chain merged (as the CLI loads it). */
export const scenarioRaw = (file: string): Record<string, any> => {
  const j = JSON.parse(readFileSync(join(ROOT, "scenarios", file), "utf8"))
  return j.extends === undefined ? j : (mergeScenario(scenarioRaw(join(file, "..", j.extends)), j) as Record<string, any>)
}

/** The baseline with a policy "levers": 3 handlers moved from family to study Jun–Sep, and a pool that borrows. */
export const baselineWithLevers = (borrower: string, backlogDaysAbove: number, maxPeople: number, lendersBelowDays: number): Record<string, any> => {
  const j = baselineRaw()
  j.policies.levers = { description: "handlers moved and borrowed", rules: [
    { kind: "moveHandlers", from: "2025-06-01", to: "2025-09-30", fromPool: "family", toPool: "study", people: 3 },
    { kind: "borrowHandlers", pool: borrower, backlogDaysAbove, maxPeople, lendersBelowDays }
  ] }
  return j
}

export const decodeOrThrow = (raw: unknown): Scenario => {
  const d = decodeScenario(raw)
  if (!d.ok) throw new Error("scenario does not decode:\n" + d.problems.map((p) => `${p.path}: ${p.message}`).join("\n"))
  return d.value
}

// ---------------------------------------------------------------------------------------------
// dates

const MS = 86_400_000
export const isoPlus = (iso: string, days: number): string => new Date(Date.parse(iso + "T00:00:00Z") + days * MS).toISOString().slice(0, 10)
/** Day number (days from the calendar start = warm-up start) of an ISO date. */
export const dayOf = (cs: CompiledScenario, iso: string): number => cs.cal.dayOf(iso)

// ---------------------------------------------------------------------------------------------
// arbitraries

/** k/100 for k in [lo, hi]: shares with good shrinking. */
const pct = (lo = 0, hi = 100) => fc.integer({ min: lo, max: hi }).map((k) => k / 100)
const num = (lo: number, hi: number, step = 1) => fc.integer({ min: Math.round(lo / step), max: Math.round(hi / step) }).map((k) => k * step)
/** Non-negative weights with at least one > 0 (the decoder requires it). */
const weights = (minLen: number, maxLen: number) =>
  fc.tuple(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: minLen, maxLength: maxLen }), fc.nat())
    .map(([w, k]) => { const out: number[] = [...w]; if (!out.some((x) => x > 0)) out[k % out.length] = 1; return out })
const weekdays = fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 })

export const distArb = (maxMean: number) => fc.oneof(
  num(0, maxMean).map((value) => ({ dist: "deterministic", value })),
  num(0.5, maxMean, 0.5).map((mean) => ({ dist: "exponential", mean })),
  fc.tuple(num(0, maxMean), num(0, maxMean)).map(([a, b]) => ({ dist: "uniform", min: Math.min(a, b), max: Math.max(a, b) })),
  fc.tuple(num(0, maxMean), num(0, maxMean), num(1, maxMean)).map(([a, m, w]) => ({ dist: "triangular", min: a, mode: a + Math.min(m, w), max: a + w })),
  fc.tuple(num(1, maxMean), num(1, maxMean)).map(([m, d]) => ({ dist: "lognormal", median: m, p90: m + d })),
  fc.tuple(num(1, maxMean), num(1, maxMean)).map(([mean, sd]) => ({ dist: "lognormal-mean", mean, sd })),
  fc.tuple(num(0.5, 5, 0.5), num(0.5, maxMean / 2, 0.5)).map(([shape, scale]) => ({ dist: "gamma", shape, scale }))
)

const categoryArb = fc.record({
  sizeWeights: weights(1, 5),
  withMainShare: pct(),
  // a lag of exactly 0 would make a later family member indistinguishable in the trace from one who
  // applied together with the main applicant (the trace has no "with main" flag), so it is left out
  lagDays: distArb(120).filter((d) => !(("value" in d && d.value === 0) || (d.dist === "uniform" && "max" in d && d.max === 0))),
  hearingRate: fc.record({ main: pct(), family: pct() }),
  supplementaryRate: fc.record({ main: pct(), family: pct() }),
  dnaRate: pct(),
  positiveShare: fc.record({ main: pct(), family: pct() }),
  decisionsPerPersonYear: fc.record({ main: num(200, 2000, 50), family: num(200, 2000, 50) }),
  automatedShare: pct()
})

const arrivalsArb = fc.record({ annual: num(0, 600, 10), monthlyProfile: weights(12, 12) })

const missionArb = fc.record({
  arrivals: fc.record({ student: arrivalsArb, worker: arrivalsArb, specialist: arrivalsArb, fastTrack: arrivalsArb }),
  weekdayProfile: weights(7, 7),
  idWeekdays: weekdays,
  slotsPerDay: fc.integer({ min: 0, max: 20 }),
  fastTrackReserved: fc.integer({ min: 0, max: 20 }),
  deadlineDays: fc.integer({ min: 1, max: 120 }),
  ftDeadline: fc.integer({ min: 1, max: 10 }),
  officers: fc.constantFrom(0, 0.5, 1, 2, 3),
  hoursPerDay: num(1, 8, 0.5),
  staffWeekdays: weekdays,
  hearingHours: num(0.25, 2, 0.25),
  supplementaryHours: num(0.05, 1, 0.05),
  dnaHours: num(0.25, 1, 0.25),
  riskObservationShare: pct(),
  hearingRateMultiplier: num(0.5, 2, 0.25),
  closedDays: fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 4 })
})

/** Window offsets (days from the warm-up start); `undefined` = the rule has no bound on that side. */
const windowArb = fc.record({
  from: fc.option(fc.integer({ min: -30, max: 400 }), { nil: undefined }),
  len: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined })
})

/** A random rule; mission and pool references are filled in by `buildScenario`. */
const ruleArb = fc.record({
  kind: fc.constantFrom("mainApplicantsFirst", "familySlots", "jointFamilyAppointment", "studyStartFirst", "officialAssistance", "extraMissionStaff", "remoteHearings"),
  window: windowArb,
  categories: fc.subarray([...CATS]),
  slots: fc.integer({ min: 0, max: 12 }),
  leadDays: fc.integer({ min: 0, max: 90 }),
  people: num(0, 3, 0.5),
  idSlotsPerPersonDay: num(0, 12, 0.5),
  officerHoursPerPersonDay: num(0, 5, 0.5),
  lostHoursShare: pct(),
  officers: num(0, 2, 0.5),
  share: pct(),
  slotShare: fc.oneof(fc.constantFrom(0, 0.5, 1), pct()),
  missionPick: fc.nat(),
  poolPick: fc.nat(),
  allMissions: fc.boolean()
})

export type RuleKind = "mainApplicantsFirst" | "familySlots" | "jointFamilyAppointment" | "studyStartFirst" | "officialAssistance" | "extraMissionStaff" | "remoteHearings"
export const STATIC_ORDER_KINDS: ReadonlyArray<RuleKind> = ["jointFamilyAppointment", "studyStartFirst", "officialAssistance", "extraMissionStaff", "remoteHearings"]

export interface ScenarioArbOptions {
  /** rule kinds allowed in the random policy (default: all) */
  kinds?: ReadonlyArray<RuleKind>
  /** baseline policies allowed (default: all of them) */
  basePolicies?: ReadonlyArray<string>
  /** chance weight of a random policy vs a baseline one (default 1:1) */
  randomPolicy?: boolean
  maxMissions?: 1 | 2
  /** fewest rules in the random policy (default 0) */
  minRules?: number
  /** draw the capacity levers too: Migri staffing mode, handler moves and borrowing, DNA at identification, mission staff groups */
  levers?: boolean
}

/** The rule kinds of the capacity levers (drawn only with `levers`). */
export const LEVER_KINDS = ["moveHandlers", "borrowHandlers", "dnaAtIdentification"] as const

const staffGroupArb = fc.record({
  kind: fc.constantFrom("provider", "local", "consular"),
  people: num(0, 3, 0.5),
  hoursPerDay: num(0.5, 8, 0.5),
  tasks: fc.subarray(["reception", "identification", "officerTasks"] as const, { minLength: 1 }),
  window: fc.option(fc.record({ from: fc.integer({ min: 0, max: 300 }), len: fc.integer({ min: 0, max: 120 }), people: num(0, 4, 0.5) }), { nil: undefined })
})
const leversArb = fc.record({
  staffing: fc.constantFrom("fixed", "shared"),
  staffGroups: fc.option(fc.array(staffGroupArb, { minLength: 1, maxLength: 4 }), { nil: undefined }),
  taskHours: fc.record({ reception: num(0.05, 0.5, 0.05), identification: num(0.05, 0.5, 0.05), travelDocument: num(0, 0.2, 0.05), riskObservation: num(0, 0.5, 0.05) }),
  rules: fc.array(fc.record({
    kind: fc.constantFrom(...LEVER_KINDS, "extraMissionStaff", "officialAssistance"),
    window: windowArb,
    fromPick: fc.nat(), toPick: fc.nat(), people: num(0, 2, 0.25),
    above: num(1, 20, 1), below: num(0.5, 1, 0.5), maxPeople: num(0, 3, 0.5), groupPick: fc.nat()
  }), { maxLength: 4 })
})

const GROUP_NAMES = CATS.flatMap((c) => [c, `${c}-family`])
/** A stated start (the backlog on the first day): per group waiting, pending and past the first handling (a share of pending), with or without family to follow; or none. */
const startStateArb = fc.option(fc.record({
  waiting: fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 8, maxLength: 8 }),
  pending: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 8, maxLength: 8 }),
  pastShare: fc.array(pct(), { minLength: 8, maxLength: 8 }),
  followMedian: fc.option(num(1, 60, 1), { nil: undefined })
}), { nil: undefined })

/** The parts drawn by fast-check; `buildScenario` turns them into scenario JSON. */
export const scenarioPartsArb = (o: ScenarioArbOptions = {}) => fc.record({
  startOffset: fc.integer({ min: 0, max: 330 }),
  startState: startStateArb,
  warmupDays: fc.integer({ min: 0, max: 60 }),
  intakeDays: fc.integer({ min: 60, max: 200 }),
  drainDays: fc.integer({ min: 0, max: 150 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  categories: fc.record({ student: categoryArb, worker: categoryArb, specialist: categoryArb, fastTrack: categoryArb }),
  missions: fc.array(missionArb, { minLength: 1, maxLength: o.maxMissions ?? 2 }),
  // NP: no holiday data in date-holidays, so the mission must set publicHolidays: false
  secondCountry: fc.constantFrom("IN", "BD", "AE", "NP"),
  migri: fc.record({
    productiveHoursPerPersonYear: num(1000, 1600, 50),
    monthlyAvailability: fc.array(pct(), { minLength: 12, maxLength: 12 }),
    personYears: fc.array(num(0, 3, 0.25), { minLength: 4, maxLength: 4 }),
    singlePool: fc.boolean(),
    firstHandlingShare: pct(),
    highRisk: fc.record({ hoursMultiplier: num(1, 3, 0.5), hearingMultiplier: num(1, 4, 0.5) }),
    negative: fc.record({ hoursMultiplier: num(1, 2, 0.25), queueDelayDays: fc.integer({ min: 0, max: 30 }) }),
    responseDays: distArb(30),
    extraHours: num(0, 1, 0.1),
    hearingReportDays: fc.integer({ min: 0, max: 10 }),
    dnaLabDays: distArb(60),
    remoteHearingHours: num(0.5, 2, 0.25),
    recheckHours: num(0, 1, 0.25),
    validityDays: fc.integer({ min: 0, max: 180 }),
    automatedHours: num(0, 0.2, 0.05)
  }),
  policyPick: fc.nat(),
  useRandomPolicy: o.randomPolicy === undefined ? fc.boolean() : fc.constant(o.randomPolicy),
  rules: fc.array(ruleArb, { minLength: o.minRules ?? 0, maxLength: Math.max(4, o.minRules ?? 0) }),
  levers: o.levers === true ? leversArb.map((x) => x as typeof x | undefined) : fc.constant(undefined)
})
export type ScenarioParts = ReturnType<typeof scenarioPartsArb> extends fc.Arbitrary<infer T> ? T : never

const BASE_START = "2025-01-01"

/** Builds scenario JSON from the drawn parts (on a fresh copy of the baseline). */
export const buildScenario = (p: ScenarioParts, o: ScenarioArbOptions = {}): Record<string, any> => {
  const s = baselineRaw()
  const start = isoPlus(BASE_START, p.startOffset)
  const calStart = isoPlus(start, -p.warmupDays)
  s.start = start
  s.warmupDays = p.warmupDays
  delete s.startState
  s.intakeDays = p.intakeDays
  s.drainDays = p.drainDays
  s.seed = p.seed
  for (const c of CATS) {
    const q = p.categories[c], cat = s.categories[c]
    cat.family = { sizeWeights: q.sizeWeights, withMainShare: q.withMainShare, lagDays: q.lagDays }
    cat.hearingRate = q.hearingRate
    cat.supplementaryRate = q.supplementaryRate
    cat.dnaRate = q.dnaRate
    cat.positiveShare = q.positiveShare
    cat.decisionsPerPersonYear = q.decisionsPerPersonYear
    cat.automatedShare = q.automatedShare
  }
  const template = s.missions[0]
  s.missions = p.missions.map((m, i) => {
    const t = structuredClone(template)
    t.id = i === 0 ? template.id : "second"
    t.name = i === 0 ? template.name : "Second mission"
    t.country = i === 0 ? template.country : p.secondCountry
    if (t.country === "NP") t.publicHolidays = false
    t.closedDates = m.closedDays.map((d) => isoPlus(calStart, d))
    t.arrivals = m.arrivals
    t.weekdayProfile = m.weekdayProfile
    t.identification = {
      ...t.identification,
      weekdays: m.idWeekdays,
      slotsPerDay: m.slotsPerDay,
      fastTrackReservedPerDay: Math.min(m.fastTrackReserved, m.slotsPerDay),
      deadlineDays: m.deadlineDays,
      fastTrackDeadlineWorkingDays: m.ftDeadline
    }
    t.staff = {
      officers: m.officers, hoursPerDay: m.hoursPerDay, weekdays: m.staffWeekdays,
      hearingHours: m.hearingHours, supplementaryHours: m.supplementaryHours, dnaHours: m.dnaHours
    }
    t.riskObservationShare = m.riskObservationShare
    t.hearingRateMultiplier = m.hearingRateMultiplier
    return t
  })
  const g = p.migri
  s.migri.productiveHoursPerPersonYear = g.productiveHoursPerPersonYear
  s.migri.monthlyAvailability = g.monthlyAvailability
  if (g.singlePool) s.migri.pools = [{ id: "all", personYears: g.personYears[0]! + g.personYears[1]!, serves: [...CATS] }]
  else s.migri.pools.forEach((pool: { personYears: number }, i: number) => { pool.personYears = g.personYears[i]! })
  s.migri.firstHandlingShare = g.firstHandlingShare
  s.migri.highRisk = g.highRisk
  s.migri.negative = g.negative
  s.migri.supplementary = { responseDays: g.responseDays, extraHours: g.extraHours }
  s.migri.hearingReportDays = g.hearingReportDays
  s.migri.dnaLabDays = g.dnaLabDays
  s.migri.remoteHearingHours = g.remoteHearingHours
  s.migri.subsistence = { recheckHours: g.recheckHours, validityDays: g.validityDays }
  s.migri.automatedHours = g.automatedHours
  const missionIds: string[] = s.missions.map((m: { id: string }) => m.id)
  const poolIds: string[] = s.migri.pools.map((q: { id: string }) => q.id)
  // baseline policies refer to the baseline's pools; with a single pool they must be re-pointed
  for (const pol of Object.values(s.policies) as Array<{ rules: Array<Record<string, unknown>> }>) {
    for (const r of pol.rules) if (r.kind === "officialAssistance" && !poolIds.includes(r.fromPool as string)) r.fromPool = poolIds[0]
  }
  const kinds = o.kinds ?? ["mainApplicantsFirst", "familySlots", "jointFamilyAppointment", "studyStartFirst", "officialAssistance", "extraMissionStaff", "remoteHearings"]
  const rules = p.rules.filter((r) => kinds.includes(r.kind as RuleKind)).map((r) => {
    const w: Record<string, string> = {}
    if (r.window.from !== undefined) w.from = isoPlus(calStart, r.window.from)
    if (r.window.len !== undefined) w.to = isoPlus(calStart, (r.window.from ?? 0) + r.window.len)
    const mission = missionIds[r.missionPick % missionIds.length]!
    const missions = r.allMissions ? {} : { missions: [mission] }
    switch (r.kind) {
      case "mainApplicantsFirst": return { kind: r.kind, ...w, ...missions, categories: r.categories }
      case "familySlots": return { kind: r.kind, ...w, ...missions, slotsPerDay: r.slots }
      case "jointFamilyAppointment": return { kind: r.kind, ...w, ...missions, slotsPerAccompanyingMember: r.slotShare }
      case "studyStartFirst": return { kind: r.kind, ...w, ...missions, leadDays: r.leadDays }
      case "officialAssistance": return {
        kind: r.kind, ...w, mission, people: r.people, idSlotsPerPersonDay: r.idSlotsPerPersonDay, officerHoursPerPersonDay: r.officerHoursPerPersonDay,
        fromPool: poolIds[r.poolPick % poolIds.length], lostHoursShare: r.lostHoursShare, costPerPersonWeek: 1000
      }
      case "extraMissionStaff": return { kind: r.kind, ...w, mission, officers: r.officers, idSlotsPerDay: r.slots, costPerWeek: 500 }
      default: return { kind: r.kind, ...w, ...missions, share: r.share }
    }
  })
  if (p.levers !== undefined) addLevers(s, p.levers, calStart, rules)
  s.policies.random = { description: "random rules", rules }
  const names = o.basePolicies ?? Object.keys(s.policies).filter((n) => n !== "random")
  s.policy = p.useRandomPolicy || names.length === 0 ? "random" : names[p.policyPick % names.length]!
  // a drawn backlog on the drawn first day, the same for every mission (or none: empty queues)
  const ss = p.startState
  if (ss !== undefined) {
    const counts = (xs: number[]) => Object.fromEntries(GROUP_NAMES.map((g, i) => [g, xs[i]!]))
    const state = { waitingForAppointment: counts(ss.waiting), pendingAtMigri: counts(ss.pending), pastFirstHandling: counts(ss.pending.map((n, i) => Math.floor(n * ss.pastShare[i]!))) }
    s.startState = {
      date: calStart, source: "drawn by the property test",
      missions: Object.fromEntries(s.missions.map((m: { id: string }) => [m.id, state])),
      ...(ss.followMedian === undefined ? {} : { familyToFollow: { mainDecidedAfterDays: Object.fromEntries(CATS.map((c) => [c, { dist: "lognormal", median: ss.followMedian!, p90: ss.followMedian! * 2 }])) } })
    }
  }
  return s
}

type Levers = NonNullable<ScenarioParts["levers"]>

/** Adds the drawn capacity levers to scenario JSON (staff groups on the first mission, lever rules to `rules`). */
const addLevers = (s: Record<string, any>, l: Levers, calStart: string, rules: Array<Record<string, unknown>>): void => {
  s.migri.staffing = l.staffing
  const poolIds: string[] = s.migri.pools.map((q: { id: string }) => q.id)
  const m0 = s.missions[0]
  let groupIds: string[] = []
  if (l.staffGroups !== undefined) {
    // a provider may only receive; at least one group must identify
    const groups = l.staffGroups.map((g, i) => ({
      id: `g${i}`, kind: g.kind, people: g.people, hoursPerDay: g.hoursPerDay,
      tasks: g.kind === "provider" ? ["reception"] : [...g.tasks],
      windows: g.window === undefined ? [] : [{ from: isoPlus(calStart, g.window.from), to: isoPlus(calStart, g.window.from + g.window.len), people: g.window.people }]
    }))
    if (!groups.some((g) => g.tasks.includes("identification"))) groups.push({ id: `g${groups.length}`, kind: "local", people: 1, hoursPerDay: 4, tasks: ["identification"], windows: [] })
    m0.staffGroups = groups
    m0.taskHours = l.taskHours
    groupIds = groups.map((g) => g.id)
  }
  for (const r of l.rules) {
    const w: Record<string, string> = {}
    if (r.window.from !== undefined) w.from = isoPlus(calStart, r.window.from)
    if (r.window.len !== undefined) w.to = isoPlus(calStart, (r.window.from ?? 0) + r.window.len)
    const group = groupIds.length > 0 ? { staffGroup: groupIds[r.groupPick % groupIds.length]! } : {}
    switch (r.kind) {
      case "moveHandlers": {
        if (poolIds.length < 2) break
        const from = poolIds[r.fromPick % poolIds.length]!, to = poolIds[(r.fromPick + 1 + (r.toPick % (poolIds.length - 1))) % poolIds.length]!
        const py = s.migri.pools.find((q: { id: string }) => q.id === from).personYears as number
        rules.push({ kind: r.kind, ...w, fromPool: from, toPool: to, people: Math.min(r.people, py) })
        break
      }
      case "borrowHandlers":
        rules.push({ kind: r.kind, ...w, pool: poolIds[r.fromPick % poolIds.length]!, backlogDaysAbove: r.above, maxPeople: r.maxPeople, lendersBelowDays: Math.min(r.below * r.above, r.above) })
        break
      case "dnaAtIdentification": rules.push({ kind: r.kind, ...w }); break
      case "extraMissionStaff": rules.push({ kind: r.kind, ...w, mission: m0.id, officers: r.people, ...group, costPerWeek: 100 }); break
      default: rules.push({ kind: r.kind, ...w, mission: m0.id, people: r.people, ...group, ...(groupIds.length > 0 ? {} : { idSlotsPerPersonDay: 4, officerHoursPerPersonDay: 2 }), fromPool: poolIds[r.fromPick % poolIds.length]!, costPerPersonWeek: 100 })
    }
  }
}

export const scenarioArb = (o: ScenarioArbOptions = {}) => scenarioPartsArb(o).map((p) => buildScenario(p, o))

// ---------------------------------------------------------------------------------------------
// traces

/** NaN (not yet) as +∞, for comparisons. */
export const orInf = (t: number): number => (Number.isNaN(t) ? Infinity : t)

/** Group name as in result.groups ("student", "student-family", …). */
export const groupOf = (r: TraceRow): string => (r.role === "main" ? r.category : `${r.category}-family`)

/** Whether a family member applied together with its main applicant (same online application time). */
export const withMain = (trace: ReadonlyArray<TraceRow>, r: TraceRow): boolean => r.role === "family" && r.arrival === trace[r.main]!.arrival

// ---------------------------------------------------------------------------------------------
// statistics

export interface PairedInterval { mean: number; lo: number; hi: number; t: number; n: number }

/** Two-sided t-interval of the mean of paired differences at confidence `conf`. */
export const pairedInterval = (diffs: ReadonlyArray<number>, conf: number): PairedInterval => {
  const n = diffs.length
  const mean = diffs.reduce((a, b) => a + b, 0) / n
  const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1))
  const se = sd / Math.sqrt(n)
  const q = studentTQuantile(1 - (1 - conf) / 2, n - 1)
  return { mean, lo: mean - q * se, hi: mean + q * se, t: se > 0 ? mean / se : mean === 0 ? 0 : Math.sign(mean) * Infinity, n }
}
