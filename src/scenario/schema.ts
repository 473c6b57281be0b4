/**
 * The scenario file, defined once as an Effect Schema: it gives the TypeScript types, the validation
 * with readable errors and the JSON Schema that editors use (`embassy-sim schema`).
 *
 * Times are in days. Dates are YYYY-MM-DD. Shares are in [0, 1]. Every default figure in the
 * bundled scenarios is traced to a source or marked as an estimate in docs/scenarios.md.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

// ---------------------------------------------------------------------------------------------
// building blocks

/** The reason of each bounded schema's upper bound, appended to the description of the field that uses it. */
const boundReasons = new WeakMap<object, string>()
const withReason = (description: string, s: object): string => {
  const r = boundReasons.get(s)
  return r === undefined ? description : description === "" ? r : `${description} (${r})`
}
const describe = <S extends Schema.Top>(description: string) => (s: S) => s.annotate({ description: withReason(description, s) } as never) as S["Rebuild"]
/** A description and the default that decoding fills in, both shown in the JSON Schema. */
const describeWithDefault = <S extends Schema.Top>(description: string, value: unknown) => (s: S) =>
  s.annotate({ description: withReason(description, s), default: value } as never) as S["Rebuild"]

export const Share = Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 }, { message: "must be a share between 0 and 1" }))
export const NonNegative = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0, { message: "must be a number ≥ 0" }))
export const Positive = Schema.Finite.check(Schema.isGreaterThan(0, { message: "must be a number > 0" }))
export const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0, { message: "must be a whole number ≥ 0" }))
export const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0, { message: "must be a whole number > 0" }))

// Upper bounds. Every size has one, so that `validate` accepts exactly what `run` can run in bounded
// time and memory, and nothing overflows inside the model (hours × counts stay far below 1e300).
// The reason is part of the error message and of the field's description in the JSON Schema.
const fmtLimit = (x: number): string => x.toLocaleString("en-GB")
const bounded = <S extends Schema.Top>(s: S, reason: string): S => { boundReasons.set(s, reason); return s }
/** A number in [0, max]. */
export const NonNegativeUpTo = (max: number, reason: string) =>
  bounded(Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: max }, { message: `must be a number from 0 to ${fmtLimit(max)} (${reason})` })), `at most ${fmtLimit(max)}: ${reason}`)
/** A number in (0, max]. */
export const PositiveUpTo = (max: number, reason: string) =>
  bounded(Schema.Finite.check(Schema.isGreaterThan(0, { message: `must be a number > 0 and at most ${fmtLimit(max)} (${reason})` }), Schema.isLessThanOrEqualTo(max, { message: `must be a number > 0 and at most ${fmtLimit(max)} (${reason})` })), `at most ${fmtLimit(max)}: ${reason}`)
/** A number in [min, max], min > 0: for divisors and multipliers, where a tiny value overflows a quotient. */
export const Between = (min: number, max: number, reason: string) =>
  bounded(Schema.Finite.check(Schema.isBetween({ minimum: min, maximum: max }, { message: `must be a number from ${fmtLimit(min)} to ${fmtLimit(max)} (${reason})` })), `${fmtLimit(min)} to ${fmtLimit(max)}: ${reason}`)
/** A whole number in [0, max]. */
export const NonNegativeIntUpTo = (max: number, reason: string) =>
  bounded(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: max }, { message: `must be a whole number from 0 to ${fmtLimit(max)} (${reason})` })), `at most ${fmtLimit(max)}: ${reason}`)
/** A whole number in [1, max]. */
export const PositiveIntUpTo = (max: number, reason: string) =>
  bounded(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: max }, { message: `must be a whole number from 1 to ${fmtLimit(max)} (${reason})` })), `at most ${fmtLimit(max)}: ${reason}`)

const DAYS = "ten years; a longer time is not a permit process"
const Days = NonNegativeUpTo(3650, DAYS)
const PositiveDays = PositiveUpTo(3650, DAYS)
const HOURS = "a thousand hours of one person's time for one case or task is a data error"
const TaskHours = PositiveUpTo(1000, HOURS)
const TaskHoursOrNone = NonNegativeUpTo(1000, HOURS)
const Multiplier = Between(0.01, 100, "a hundredfold change either way is beyond any published difference")
const PEOPLE = "more people than Migri and all Finnish missions employ together"
const People = NonNegativeUpTo(10_000, PEOPLE)
const SLOTS = "more appointments a day than any service point can receive"
const Slots = NonNegativeIntUpTo(100_000, SLOTS)
/** Time per applicant at the mission: up to a working day each. */
const TaskMinutesOrNone = NonNegativeUpTo(24, "a day per applicant for one step is a data error")
/** Hours per identification divide a day's staff hours into appointments: a floor keeps the slots finite. */
const TaskDivisor = Between(0.01, 24, "36 seconds to a day per identification")
const MEMBERS = "the family size weights end at 20 members"
const Productivity = Between(1, 100_000, "fewer than one decision a year or more than 400 a working day per handler is a data error")
const Euros = NonNegativeUpTo(1e9, "a billion euros a week is a data error")
/** Relative weights: only their ratios matter; the bound keeps their sums finite. */
const Weight = NonNegativeUpTo(1e6, "only the ratios of the weights matter")
/** A real calendar date: the pattern alone would let 2025-02-30 through (Date.parse rolls it over to 2 March). */
const isRealDate = (iso: string): boolean => {
  const t = Date.parse(iso + "T00:00:00Z")
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === iso
}
/** Years a date may have: the simulated calendar needs public-holiday data, and permit seasons lie in them. */
export const FIRST_YEAR = 1900, LAST_YEAR = 2199
export const IsoDate = Schema.String.check(
  Schema.makeFilter((iso: string) => /^\d{4}-\d{2}-\d{2}$/.test(iso) && isRealDate(iso) && Number(iso.slice(0, 4)) >= FIRST_YEAR && Number(iso.slice(0, 4)) <= LAST_YEAR, { message: `must be a real calendar date written YYYY-MM-DD in the years ${FIRST_YEAR}–${LAST_YEAR}` })
)
/** The start of the reported intake: the calendar runs from start − warmupDays to start + intakeDays + drainDays. */
export const FIRST_START_YEAR = 2000, LAST_START_YEAR = 2099
const StartDate = Schema.String.check(
  Schema.makeFilter((iso: string) => /^\d{4}-\d{2}-\d{2}$/.test(iso) && isRealDate(iso) && Number(iso.slice(0, 4)) >= FIRST_START_YEAR && Number(iso.slice(0, 4)) <= LAST_START_YEAR, { message: `must be a real calendar date written YYYY-MM-DD in the years ${FIRST_START_YEAR}–${LAST_START_YEAR} (with the warm-up before it and the drain after it, the simulated calendar stays within the years that have public-holiday data)` })
)
/** A month and day without a year, "MM-DD" (e.g. study start windows that repeat every year); 02-29 is allowed. */
export const MonthDay = Schema.String.check(
  Schema.makeFilter((md: string) => /^\d{2}-\d{2}$/.test(md) && isRealDate(`2024-${md}`), { message: "must be a real month and day written MM-DD" })
)
const Weekday = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 7 }, { message: "must be an ISO weekday 1 (Monday) … 7 (Sunday)" }))
const Weekdays = Schema.Array(Weekday).check(Schema.isBetweenLength(1, 7, { message: "must list 1 to 7 weekdays" }))
const TwelveWeights = Schema.Array(Weight).check(
  Schema.isBetweenLength(12, 12, { message: "must have exactly 12 monthly values (January … December)" })
)
const SevenWeights = Schema.Array(Weight).check(
  Schema.isBetweenLength(7, 7, { message: "must have exactly 7 values (Monday … Sunday)" })
)
const CountryCode = Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/, { message: "must be a two-letter ISO 3166 country code such as IN or FI" }))

/** A distribution of a duration or amount, as data. */
export const DistributionSpec = Schema.Union([
  Schema.Struct({ dist: Schema.Literal("deterministic"), value: Days }),
  Schema.Struct({ dist: Schema.Literal("exponential"), mean: PositiveDays }),
  Schema.Struct({ dist: Schema.Literal("uniform"), min: Days, max: Days }),
  Schema.Struct({ dist: Schema.Literal("triangular"), min: Days, mode: Days, max: Days }),
  Schema.Struct({ dist: Schema.Literal("lognormal"), median: PositiveDays, p90: PositiveDays }),
  Schema.Struct({ dist: Schema.Literal("lognormal-mean"), mean: PositiveDays, sd: PositiveDays }),
  Schema.Struct({ dist: Schema.Literal("gamma"), shape: PositiveUpTo(10_000, "a larger shape is a deterministic time: use deterministic"), scale: PositiveDays })
]).pipe(describe("A distribution of days: {dist: deterministic|exponential|uniform|triangular|lognormal (median, p90)|lognormal-mean (mean, sd)|gamma (shape, scale), …}; every parameter at most 3,650 days, a lognormal's p90/median and sd/mean at most 1,000"))
export type DistributionSpec = typeof DistributionSpec.Type

// ---------------------------------------------------------------------------------------------
// applicant categories

import { CATEGORIES } from "./names.ts"
export { CATEGORIES, type Category } from "./names.ts"
export const CategoryName = Schema.Literals(CATEGORIES)

const ByRole = Schema.Struct({
  main: Share.pipe(describe("for main applicants")),
  family: Share.pipe(describe("for family members"))
})

// season (issue 8): family numbers by segment (the joint Migri–UM analysis), intake terms, a stage outside Migri
export const FamilySegment = Schema.Struct({
  institution: Schema.NonEmptyString.pipe(describe("e.g. university, university of applied sciences")),
  country: Schema.NonEmptyString.pipe(describe("country of origin, e.g. IN, BD, LK")),
  share: Weight.pipe(describe("share of the category's main applicants in this segment (normalised over the segments)")),
  membersPerMain: NonNegativeUpTo(20, MEMBERS).pipe(describe("mean family members per main applicant in the segment")),
  withMainShare: Share.pipe(describe("share of the segment's family members who apply with the main applicant"))
})

export const StudyTerm = Schema.Struct({
  id: Schema.NonEmptyString.pipe(describe("e.g. autumn, spring")),
  from: MonthDay.pipe(describe("first day programmes of this term start (MM-DD)")),
  to: MonthDay.pipe(describe("last day (MM-DD; earlier than from: the next year)")),
  share: Share.pipe(describe("share of students starting in this term")),
  leadDays: Schema.Struct({
    min: Days.pipe(describe("students apply at least this many days before the start")),
    max: PositiveDays.pipe(describe("and at most this many"))
  }).pipe(describe("days from the online application to the programme start for those who plan this term"))
})
export type StudyTerm = typeof StudyTerm.Type
export const ExternalStage = Schema.Struct({
  label: Schema.NonEmptyString,
  share: Share.pipe(describe("share of main applicants whose case goes through the stage")),
  days: DistributionSpec.pipe(describe("days the stage takes (from identification; Migri's handling starts after it)"))
})

export const CategorySpec = Schema.Struct({
  label: Schema.NonEmptyString,
  fastTrack: Schema.Boolean.pipe(describe("fast track: identification within 5 working days, reserved appointment slots, handled first at Migri (14-day target)")),
  targetDays: PositiveIntUpTo(3650, DAYS).pipe(describe("target mean Migri processing time in days (30 work and study, 14 fast track)")),
  positiveTargetDays: Schema.optionalKey(PositiveIntUpTo(3650, DAYS).pipe(describe("target for main applicants' positive decisions only (7 days for specialists)"))),
  // capacity levers and scoreboard (issue 7)
  positiveTargetShare: Schema.optionalKey(Share.pipe(describe("share of the category's main applicants the positive-decision target covers (default 1; e.g. EU Blue Card holders among other fast track)"))),
  family: Schema.Struct({
    sizeWeights: Schema.Array(Weight).check(Schema.isBetweenLength(1, 21, { message: "must give 1 to 21 weights (0 … 20 family members)" })).pipe(
      describe("weights of 0, 1, 2, … family members per main applicant (at most 21 weights: 0 … 20 family members; each at most 1,000,000, only their ratios matter)")
    ),
    withMainShare: Share.pipe(describe("share of family members who apply together with the main applicant")),
    lagDays: DistributionSpec.pipe(describe("delay of the others after the main applicant's online application")),
    // season (issue 8): the key unknown as one number, for sensitivity sweeps
    membersPerMain: Schema.optionalKey(NonNegativeUpTo(20, MEMBERS).pipe(describe("mean family members per main applicant: rescales the share with no family member so that the mean is this, keeping the shape of sizes ≥ 1 (at most the mean size of families with members)"))),
    segments: Schema.optionalKey(Schema.Array(FamilySegment).check(Schema.isBetweenLength(1, 1000, { message: "must list 1 to 1,000 segments" })).pipe(
      describe("the main applicants split by segment (e.g. institution × country of origin), each with its own family numbers; replaces membersPerMain and withMainShare by their mixture (shares are normalised)")
    ))
  }),
  hearingRate: ByRole.pipe(describe("share of cases with a hearing (interview) at the mission")),
  supplementaryRate: ByRole.pipe(describe("share of cases with a supplementary request (täydennyspyyntö)")),
  dnaRate: Share.pipe(describe("share of family members who give a DNA sample")),
  positiveShare: ByRole.pipe(describe("share of positive decisions")),
  decisionsPerPersonYear: Schema.Struct({
    main: Between(1, 100_000, "fewer than one decision a year or more than 400 a working day per handler is a data error").pipe(describe("Migri productivity for main applicants: decisions per person-year (htv)")),
    family: Between(1, 100_000, "fewer than one decision a year or more than 400 a working day per handler is a data error").pipe(describe("for family members"))
  }),
  automatedShare: Share.pipe(describeWithDefault("share of positive main-applicant decisions made automatically (almost no handler time)", 0), Schema.withDecodingDefaultKey(Effect.succeed(0))),
  studyStart: Schema.optionalKey(
    Schema.Array(
      Schema.Struct({
        appliedMonths: Schema.Array(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 12 }, { message: "must be a month 1 … 12" }))).check(
          Schema.isBetweenLength(1, 12, { message: "must list 1 to 12 months" })
        ),
        from: MonthDay,
        to: MonthDay,
        nextYear: Schema.Boolean.pipe(describeWithDefault("the study start is in the year after the application", false), Schema.withDecodingDefaultKey(Effect.succeed(false)))
      })
    ).check(Schema.isMaxLength(12, { message: "must list at most 12 windows (the first whose months match is used)" })).pipe(describe("study start windows by month of application (students; at most 12)"))
  ),
  // season (issue 8)
  studyTerms: Schema.optionalKey(Schema.Array(StudyTerm).check(Schema.isBetweenLength(1, 12, { message: "must list 1 to 12 intake terms" })).pipe(
    describe("intake terms (students; replaces studyStart): each student's programme start is drawn from the terms that can follow the application, weighted by share and by whether the lead time lies in the term's leadDays")
  )),
  externalStage: Schema.optionalKey(ExternalStage.pipe(describe("a stage outside Migri inside Migri's processing time (TTOL: the TE office's / employment authority's partial decision), main applicants")))
})
export type CategorySpec = typeof CategorySpec.Type

// ---------------------------------------------------------------------------------------------
// missions

const Arrivals = Schema.Struct({
  annual: NonNegativeUpTo(1_000_000, "ten times Finland's first residence permit applications of a year, all grounds").pipe(describe("main applicants per year")),
  monthlyProfile: TwelveWeights.pipe(describe("relative intake by month, January … December (normalised)"))
})

// ---------------------------------------------------------------------------------------------
// capacity levers (issue 7): mission capacity from staff

export const MissionTask = Schema.Literals(["reception", "identification", "officerTasks"])
export type MissionTask = typeof MissionTask.Type

export const StaffGroupSpec = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]*$/, { message: "must be a lower-case id such as consular" })),
  kind: Schema.Literals(["provider", "local", "consular"]).pipe(describe("provider: the outsourced service point's reception staff; local: the mission's locally employed staff; consular: seconded consular officers")),
  people: People.pipe(describe("people in the group on a working day (outside its windows)")),
  hoursPerDay: PositiveUpTo(24, "a day has 24 hours").pipe(describe("hours a person gives to permit work on a working day")),
  tasks: Schema.Array(MissionTask).check(Schema.isMinLength(1, { message: "must list at least one task" })).pipe(
    describe("what the group may do: reception (provider or local); identification incl. travel-document examination and risk observations (mission staff: public authority, never the provider); officerTasks = hearings, supplementary requests, DNA samples (mission staff)")
  ),
  windows: Schema.Array(Schema.Struct({
    from: IsoDate, to: IsoDate,
    people: People.pipe(describe("people in the group from `from` to `to` (instead of `people`)"))
  })).check(Schema.isMaxLength(1000, { message: "must list at most 1,000 windows" })).pipe(describeWithDefault("date windows with a different head count (e.g. summer holidays)", []), Schema.withDecodingDefaultKey(Effect.succeed([])))
})
export type StaffGroupSpec = typeof StaffGroupSpec.Type

export const TaskHoursSpec = Schema.Struct({
  reception: TaskMinutesOrNone.pipe(describeWithDefault("hours of reception per applicant (provider's counter: forms, fee, biometrics)", 0.25), Schema.withDecodingDefaultKey(Effect.succeed(0.25))),
  identification: TaskDivisor.pipe(describeWithDefault("hours to identify an applicant (identity, fingerprints checked, photo)", 0.1), Schema.withDecodingDefaultKey(Effect.succeed(0.1))),
  travelDocument: TaskMinutesOrNone.pipe(describeWithDefault("hours to examine the travel document", 0.05), Schema.withDecodingDefaultKey(Effect.succeed(0.05))),
  riskObservation: TaskMinutesOrNone.pipe(describeWithDefault("hours to write a risk observation (for the share riskObservationShare of applicants)", 0.25), Schema.withDecodingDefaultKey(Effect.succeed(0.25)))
})
export type TaskHoursSpec = typeof TaskHoursSpec.Type

export const MissionSpec = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]*$/, { message: "must be a lower-case id such as new-delhi" })),
  name: Schema.NonEmptyString,
  country: CountryCode.pipe(describe("country whose public holidays close the mission (date-holidays code)")),
  publicHolidays: Schema.Boolean.pipe(describeWithDefault("close on the country's public holidays from date-holidays (false where the package has no data for the country; then list closures in closedDates)", true), Schema.withDecodingDefaultKey(Effect.succeed(true))),
  closedDates: Schema.Array(IsoDate).check(Schema.isMaxLength(10_000, { message: "must list at most 10,000 dates" })).pipe(describeWithDefault("extra days the mission is closed", []), Schema.withDecodingDefaultKey(Effect.succeed([]))),
  arrivals: Schema.Struct({
    student: Arrivals,
    worker: Arrivals,
    specialist: Arrivals,
    fastTrack: Arrivals
  }),
  weekdayProfile: SevenWeights.pipe(describe("relative online applications by weekday, Monday … Sunday")),
  identification: Schema.Struct({
    provider: Schema.NonEmptyString.pipe(describe("who takes the identification (e.g. VFS Global, the embassy)")),
    weekdays: Weekdays.pipe(describe("days the service point receives permit applicants")),
    slotsPerDay: Slots.pipe(describe("identification appointments per open day")),
    fastTrackReservedPerDay: Slots.pipe(describe("of which reserved for fast-track applicants")),
    deadlineDays: PositiveIntUpTo(3650, DAYS).pipe(describe("identification deadline after the online application (3 months)")),
    fastTrackDeadlineWorkingDays: PositiveIntUpTo(1000, "about four years of working days").pipe(describe("fast-track identification deadline in working days (5)"))
  }),
  staff: Schema.Struct({
    officers: People.pipe(describe("seconded officers doing hearings, supplementary requests and DNA sampling")),
    hoursPerDay: PositiveUpTo(24, "a day has 24 hours").pipe(describe("working hours per officer and working day")),
    weekdays: Weekdays,
    hearingHours: TaskHours.pipe(describe("officer time per hearing incl. preparation and report")),
    supplementaryHours: TaskHours.pipe(describe("mission time per supplementary request")),
    dnaHours: TaskHours.pipe(describe("mission time per DNA sampling"))
  }),
  riskObservationShare: Share.pipe(describe("share of applications with a risk observation written at the mission (→ high-risk handling)")),
  hearingRateMultiplier: Multiplier.pipe(describeWithDefault("country risk: multiplies the categories' hearing rates", 1), Schema.withDecodingDefaultKey(Effect.succeed(1))),
  // capacity levers (issue 7)
  staffGroups: Schema.optionalKey(Schema.Array(StaffGroupSpec).check(Schema.isBetweenLength(1, 20, { message: "must list 1 to 20 staff groups (or leave staffGroups out to use slotsPerDay and staff.officers)" })).pipe(
    describe("capacity from staff: when given, the day's identification slots and officer hours follow from these groups' hours, tasks and taskHours (identification.slotsPerDay and staff.officers/hoursPerDay are then not used; left out, they are the shorthand)")
  )),
  taskHours: Schema.optionalKey(TaskHoursSpec.pipe(describe("times of the mission's identification tasks, with staffGroups (hearings, supplementary requests and DNA samples take staff.hearingHours, supplementaryHours, dnaHours)")))
})
export type MissionSpec = typeof MissionSpec.Type

// ---------------------------------------------------------------------------------------------
// Migri

export const PoolSpec = Schema.Struct({
  id: Schema.NonEmptyString,
  personYears: NonNegativeUpTo(100_000, "fifty times Migri's whole staff").pipe(describe("handlers (person-years, htv) working on this flow")),
  serves: Schema.Array(Schema.String.check(Schema.isPattern(/^((student|worker|specialist|fastTrack)(:(main|family))?|seasonal)$/, {
    message: "must be a category (student, worker, specialist, fastTrack), optionally with :main or :family, or seasonal (the seasonal intake)"
  }))).check(Schema.isBetweenLength(1, 9, { message: "must serve 1 to 9 categories, category:role pairs or seasonal" }))
})

// ---------------------------------------------------------------------------------------------
// capacity levers (issue 7): Migri staffing mode and the rules that move handlers between pools

export const StaffingMode = Schema.Literals(["fixed", "shared"])
export type StaffingMode = typeof StaffingMode.Type

/**
 * Policy rules that move Migri handlers between pools (person-years are conserved), and DNA sampling at
 * the identification appointment (for family members whose need for DNA is known at application)
 * instead of after Migri's first handling.
 */
const capacityRules = (window: typeof Window) => [
  Schema.Struct({
    kind: Schema.Literal("moveHandlers"),
    ...window,
    fromPool: Schema.String.pipe(describe("the pool the handlers leave")),
    toPool: Schema.String.pipe(describe("the pool they work for in the window")),
    people: People.pipe(describe("handlers moved (person-years at full time; e.g. 3 from work to study, 1 Jun–30 Sep)"))
  }),
  Schema.Struct({
    kind: Schema.Literal("borrowHandlers"),
    ...window,
    pool: Schema.String.pipe(describe("the pool that borrows")),
    backlogDaysAbove: PositiveDays.pipe(describe("it borrows on a working day when its backlog exceeds this many days of its own work (queued hours ÷ its hours a day)")),
    maxPeople: People.pipe(describe("at most this many handlers borrowed on a day (only as many as bring its backlog down to backlogDaysAbove)")),
    lendersBelowDays: PositiveDays.pipe(describe("pools whose backlog is below this many days of their work lend, as long as their own backlog stays at or below it"))
  }),
  Schema.Struct({
    kind: Schema.Literal("dnaAtIdentification"),
    ...window,
    missions: Schema.optionalKey(Schema.Array(Schema.String).pipe(describe("missions the rule applies to (default: all)"))),
  })
] as const

export const MigriSpec = Schema.Struct({
  country: CountryCode,
  weekdays: Weekdays,
  productiveHoursPerPersonYear: Between(1, 8784, "up to the hours of a leap year").pipe(describe("productive hours per htv (hours per decision = this ÷ productivity)")),
  monthlyAvailability: TwelveWeights.pipe(describe("share of handlers at work by month (July holidays)")),
  pools: Schema.Array(PoolSpec).check(Schema.isBetweenLength(1, 50, { message: "must define 1 to 50 handler pools" })),
  firstHandlingShare: Share.pipe(describe("share of a case's handler hours spent before a hearing / supplementary request / DNA (the rest after)")),
  highRisk: Schema.Struct({
    hoursMultiplier: Multiplier.pipe(describe("handler hours of a high-risk case relative to the others")),
    hearingMultiplier: Multiplier.pipe(describe("hearing rate of high-risk cases relative to the others (the category's overall rate is kept)"))
  }),
  negative: Schema.Struct({
    hoursMultiplier: Multiplier.pipe(describe("negative decisions take more handler time")),
    queueDelayDays: Days.pipe(describe("negative decisions get fewer resources: in the handler queue they rank as if they had arrived this many days later")),
    // season (issue 8)
    hearingDays: Schema.optionalKey(DistributionSpec.pipe(describe("the applicant is heard before a negative decision (Administrative Procedure Act 34 §): days from the draft decision to the final handling")))
  }),
  supplementary: Schema.Struct({
    responseDays: DistributionSpec.pipe(describe("applicant's time to answer a supplementary request")),
    extraHours: TaskHoursOrNone.pipe(describe("handler hours to assess the answer"))
  }),
  hearingReportDays: Days.pipe(describe("days from hearing to its report reaching the handler")),
  dnaLabDays: DistributionSpec.pipe(describe("days from sampling to the DNA result")),
  remoteHearingHours: TaskHours.pipe(describe("Migri handler hours per remote hearing")),
  subsistence: Schema.Struct({
    recheckHours: TaskHoursOrNone.pipe(describe("handler hours to check subsistence again when the family case starts after the main applicant's decision")),
    validityDays: NonNegativeUpTo(36_500, "a hundred years").pipe(describe("a family member's subsistence evidence dates from its online application (the main applicant's, when applying together); when the handler takes the case up later than this, a supplementary request renews it"))
  }),
  automatedHours: TaskHoursOrNone.pipe(describe("handler hours of an automated decision")),
  // capacity levers (issue 7)
  // season (issue 8): post-decision monitoring (jälkivalvonta) takes handler hours from a pool
  monitoring: Schema.optionalKey(Schema.Array(Schema.Struct({
    pool: Schema.String.pipe(describe("the pool whose handlers do it")),
    from: IsoDate.pipe(describe("first day (e.g. TTOL monitoring from week 4 of 2025)")),
    hoursPerMonth: NonNegativeUpTo(1_000_000, "more than all of Migri's hours of a month").pipe(describe("handler hours a month"))
  })).pipe(describe("post-decision monitoring: handler hours per month taken from a pool (off when left out)"))),
  staffing: StaffingMode.pipe(describeWithDefault("fixed: each pool works only its own flows (pools never lend hours); shared: all handlers form one pool that serves every category (the same person-years, skills for all categories; fast track first, then in order of entry)", "fixed"), Schema.withDecodingDefaultKey(Effect.succeed("fixed" as const)))
})
export type MigriSpec = typeof MigriSpec.Type

// ---------------------------------------------------------------------------------------------
// policies: lists of rules, each switchable for a date window

const Window = {
  from: Schema.optionalKey(IsoDate.pipe(describe("first day the rule applies (default: always)"))),
  to: Schema.optionalKey(IsoDate.pipe(describe("last day the rule applies (default: always)")))
}
const MissionIds = Schema.optionalKey(Schema.Array(Schema.String).check(Schema.isMaxLength(50, { message: "must list at most 50 missions" })).pipe(describe("missions the rule applies to (default: all)")))

/** capacity levers (issue 7): the mission staff group that people sent by a rule join */
const StaffGroupRef = Schema.optionalKey(Schema.String.pipe(describe("with the mission's staffGroups: the group these people join in the window (their slots and hours then follow from its hours a day and tasks)")))

export const RuleSpec = Schema.Union([
  Schema.Struct({
    kind: Schema.Literal("mainApplicantsFirst"),
    ...Window,
    missions: MissionIds,
    categories: Schema.Array(CategoryName).check(Schema.isMaxLength(4, { message: "must list at most the 4 categories" })).pipe(describe("family members of these categories are received only after the day's main applicants (students first: [\"student\"])"))
  }),
  Schema.Struct({
    kind: Schema.Literal("familySlots"),
    ...Window,
    missions: MissionIds,
    slotsPerDay: Slots.pipe(describe("appointment slots a day reserved for family members (perheajat)"))
  }),
  Schema.Struct({
    kind: Schema.Literal("jointFamilyAppointment"),
    ...Window,
    missions: MissionIds,
    slotsPerAccompanyingMember: Share.pipe(describeWithDefault("appointment slots each family member in the main applicant's appointment uses (1: a full slot each; less when one family appointment saves counter time)", 1), Schema.withDecodingDefaultKey(Effect.succeed(1)))
  }),
  Schema.Struct({
    kind: Schema.Literal("studyStartFirst"),
    ...Window,
    missions: MissionIds,
    leadDays: Days.pipe(describe("students (and their families) are ordered by study start minus this lead; others by their 3-month deadline"))
  }),
  Schema.Struct({
    kind: Schema.Literal("officialAssistance"),
    ...Window,
    mission: Schema.String,
    people: People.pipe(describe("Migri staff sent to the mission (virka-apu)")),
    idSlotsPerPersonDay: NonNegativeUpTo(1000, "one appointment every half minute of a day").pipe(describeWithDefault("extra identification appointments per person and open day (leave out with staffGroup)", 0), Schema.withDecodingDefaultKey(Effect.succeed(0))),
    officerHoursPerPersonDay: NonNegativeUpTo(24, "a day has 24 hours").pipe(describeWithDefault("extra hearing/supplementary/DNA hours per person and working day (leave out with staffGroup)", 0), Schema.withDecodingDefaultKey(Effect.succeed(0))),
    staffGroup: StaffGroupRef,
    fromPool: Schema.String.pipe(describe("the Migri pool that loses their hours")),
    lostHoursShare: Share.pipe(describeWithDefault("share of the assistants' working time that the pool loses (1 = all; less when their usual work is spread across Migri)", 1), Schema.withDecodingDefaultKey(Effect.succeed(1))),
    costPerPersonWeek: Euros.pipe(describe("travel and allowances per person-week, euros"))
  }),
  Schema.Struct({
    kind: Schema.Literal("extraMissionStaff"),
    ...Window,
    mission: Schema.String,
    officers: People.pipe(describe("extra officers (e.g. rotating consuls)")),
    staffGroup: StaffGroupRef,
    idSlotsPerDay: NonNegativeUpTo(100_000, SLOTS).pipe(describeWithDefault("extra identification appointments a day", 0), Schema.withDecodingDefaultKey(Effect.succeed(0))),
    costPerWeek: Euros.pipe(describe("euros per week for all of them"))
  }),
  Schema.Struct({
    kind: Schema.Literal("remoteHearings"),
    ...Window,
    missions: MissionIds,
    share: Share.pipe(describe("share of hearings Migri holds remotely (Migri hours instead of mission hours)"))
  }),
  ...capacityRules(Window)
])
export type RuleSpec = typeof RuleSpec.Type

export const PolicySpec = Schema.Struct({
  description: Schema.String,
  rules: Schema.Array(RuleSpec).check(Schema.isMaxLength(100, { message: "must list at most 100 rules (each is compiled day by day for every mission)" }))
})
export type PolicySpec = typeof PolicySpec.Type

// ---------------------------------------------------------------------------------------------
// season (issue 8): ranges of uncertain defaults, and costs

export const Uncertainty = Schema.Struct({
  path: Schema.String.pipe(describe("the field, dotted (e.g. categories.student.family.membersPerMain)")),
  central: Schema.Finite,
  low: Schema.Finite,
  high: Schema.Finite,
  basis: Schema.String.pipe(describe("where the value and range come from (reference-data.md row or estimate)"))
})
const Payer = Schema.Literals(["UM", "Migri"])
export const CostSpec = Schema.Struct({
  travelPerTripEuros: Euros.pipe(describe("return flight, visa and insurance per person sent")),
  tripWeeks: PositiveUpTo(520, "ten years away is no trip").pipe(describe("a person sent stays this many weeks (a longer window needs more trips)")),
  dailyAllowanceEuros: Euros.pipe(describe("daily allowance (päiväraha) and lodging per person-day away")),
  salaryPerPersonYearEuros: Euros.pipe(describe("salary with overheads of a person sent or extra staff, per person-year")),
  hoursPerRemoteHearing: TaskHoursOrNone.pipe(describeWithDefault("Migri hours per remote hearing counted as cost (0: use migri.remoteHearingHours)", 0), Schema.withDecodingDefaultKey(Effect.succeed(0))),
  hoursPerExpiredEvidence: TaskHoursOrNone.pipe(describe("Migri hours to request and assess renewed subsistence evidence")),
  payer: Schema.Struct({
    travel: Payer, allowances: Payer, salaries: Payer, extraStaff: Payer, migriHours: Payer
  }).pipe(describe("who pays each item (the minutes: sovitaan kustannusten jaosta)"))
})
export type CostSpec = typeof CostSpec.Type

/** Seasonal workers (issue 8): an intake of its own, handled as work-based main applicants without families. */
export const SeasonalSpec = Schema.Struct({
  label: Schema.NonEmptyString,
  mission: Schema.String.pipe(describe("the mission that identifies them (e.g. bangkok)")),
  pool: Schema.String.pipe(describe("the Migri pool that handles them")),
  annual: NonNegativeUpTo(1_000_000, "ten times Finland's first residence permit applications of a year, all grounds").pipe(describe("applicants per year")),
  monthlyProfile: TwelveWeights.pipe(describe("relative intake by month, January … December (normalised)")),
  targetDays: PositiveIntUpTo(3650, DAYS).pipe(describe("the processing-time target they are held against")),
  decisionsPerPersonYear: Productivity.pipe(describe("Migri productivity: decisions per person-year")),
  positiveShare: Share,
  hearingRate: Share,
  supplementaryRate: Share,
  externalStage: Schema.optionalKey(ExternalStage.pipe(describe("a stage outside Migri (the TE office's partial decision)")))
})
export type SeasonalSpec = typeof SeasonalSpec.Type

/**
 * The state on the simulation's first day (issue 7's "stated starting backlog"): applicants waiting
 * for their appointment and applications pending at Migri, per mission and group, instead of queues
 * that start empty and a warm-up year that may not reach the season's steady state.
 */
const BACKLOG = "ten years of a mission's applications; a larger backlog is a data error"
const BacklogCount = NonNegativeIntUpTo(1_000_000, BACKLOG)
const groupCount = (what: string) => BacklogCount.pipe(describeWithDefault(what, 0), Schema.withDecodingDefaultKey(Effect.succeed(0)))
export const GroupCounts = Schema.Struct({
  student: groupCount("students (main applicants)"),
  "student-family": groupCount("students' family members"),
  worker: groupCount("workers (main applicants)"),
  "worker-family": groupCount("workers' family members"),
  specialist: groupCount("specialists (main applicants)"),
  "specialist-family": groupCount("specialists' family members"),
  fastTrack: groupCount("other fast track (main applicants)"),
  "fastTrack-family": groupCount("other fast track family members")
})
export type GroupCounts = typeof GroupCounts.Type
export const MissionStartState = Schema.Struct({
  waitingForAppointment: GroupCounts.pipe(describe("applied online and waiting for the identification appointment, by group")),
  pendingAtMigri: GroupCounts.pipe(describe("identified and pending at Migri (not decided), by group")),
  pastFirstHandling: GroupCounts.pipe(describeWithDefault("of those pending, how many have had their first handling (they go on from the step after it; the others start from their first handling)", {}), Schema.withDecodingDefaultKey(Effect.succeed({} as never)))
})
export const StartState = Schema.Struct({
  date: IsoDate.pipe(describe("the day the state holds: the simulation's first day (start − warmupDays)")),
  source: Schema.NonEmptyString.pipe(describe("where the numbers come from: Migri's or the mission's statistics, or the model's steady state with the command that computed it")),
  missions: Schema.Record(Schema.String, MissionStartState).pipe(describe("per mission id: every mission of the scenario needs one")),
  familyToFollow: Schema.optionalKey(Schema.Struct({
    mainDecidedAfterDays: Schema.Struct({ student: DistributionSpec, worker: DistributionSpec, specialist: DistributionSpec, fastTrack: DistributionSpec })
      .pipe(describe("days from a main applicant's online application to the decision, for main applicants of the year before the date (their decision is taken to be before the date)"))
  }).pipe(describe("family members of main applicants who applied in the 365 days before the date and who apply after it (drawn with the family lag); leave out to start without them")))
})
export type StartState = typeof StartState.Type

// ---------------------------------------------------------------------------------------------
// the scenario

/** Replications of one run (scenario field, pack field and --replications). */
export const MAX_REPLICATIONS = 10_000

export const Scenario = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  extends: Schema.optionalKey(Schema.String.pipe(describe("another scenario file (relative path) this one overrides: objects merge key by key, arrays and values replace"))),
  name: Schema.NonEmptyString,
  description: Schema.String.pipe(describeWithDefault("what the scenario is, for people", ""), Schema.withDecodingDefaultKey(Effect.succeed(""))),
  start: StartDate.pipe(describe(`first day of the reported intake period (a date in ${FIRST_START_YEAR}–${LAST_START_YEAR})`)),
  intakeDays: PositiveIntUpTo(3660, "ten years of intake; run longer periods as separate scenarios").pipe(describe("length of the reported intake period (applications arriving in it are reported)")),
  warmupDays: NonNegativeIntUpTo(1830, "five years; queues reach their seasonal pattern within two").pipe(describe("days simulated before start so that queues are not empty on day one (with startState: from the stated backlog)")),
  drainDays: NonNegativeIntUpTo(1830, "five years; a case open longer than that is stuck, not waiting").pipe(describe("days simulated after the intake period so that its cases can be decided")),
  seed: Schema.Union([
    Schema.Int.check(Schema.isBetween({ minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }, { message: "must be a whole number of at most 15 digits, or a string" })),
    Schema.String.check(Schema.isMaxLength(200, { message: "must be at most 200 characters" }))
  ]).pipe(describe("master seed")),
  replications: PositiveIntUpTo(MAX_REPLICATIONS, "beyond this the 95 % interval narrows by under 1 % and the run takes hours").pipe(describe("seeded replications")),
  categories: Schema.Struct({
    student: CategorySpec,
    worker: CategorySpec,
    specialist: CategorySpec,
    fastTrack: CategorySpec
  }),
  missions: Schema.Array(MissionSpec).check(Schema.isBetweenLength(1, 50, { message: "must define 1 to 50 missions" })),
  migri: MigriSpec,
  policies: Schema.Record(Schema.String, PolicySpec).check(
    Schema.makeFilter((o: object) => Object.keys(o).length <= 100, { message: "must define at most 100 policies" })
  ).pipe(describe("named operating models (at most 100)")),
  policy: Schema.String.pipe(describe("the name of the policy to run (one of policies)")),
  // season (issue 8)
  uncertainty: Schema.optionalKey(Schema.Array(Uncertainty).check(Schema.isMaxLength(1000, { message: "must list at most 1,000 uncertain defaults" })).pipe(describe("uncertain defaults with their range, for people and sensitivity sweeps (the model does not read them)"))),
  costs: Schema.optionalKey(CostSpec.pipe(describe("unit costs and who pays what (UM or Migri), for the cost of each option"))),
  seasonal: Schema.optionalKey(SeasonalSpec.pipe(describe("seasonal workers as an optional intake (off when left out): their own months, mission and Migri pool; reported apart from the four categories"))),
  startState: Schema.optionalKey(StartState.pipe(describe("the backlog on the simulation's first day (left out: the queues start empty and only the warm-up fills them)")))
})
export type Scenario = typeof Scenario.Type
export type ScenarioInput = typeof Scenario.Encoded
