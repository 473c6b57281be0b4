/**
 * The result file (`embassy-sim run --json`), as an Effect Schema: `embassy-sim schema result` prints
 * its JSON Schema. The shape of one replication's metrics is written once, as a function of what a
 * number is: a plain number for one replication, a Summary (mean, confidence interval) for the
 * result of many. NaN (no observation, e.g. no decisions in a month) is written as null in JSON.
 */
import * as Schema from "effect/Schema"
import type { ReplicationResult } from "./results.ts"
import { Scenario } from "./schema.ts"

const d = <S extends Schema.Top>(description: string) => (s: S) => s.annotate({ description } as never) as S["Rebuild"]

export const makeMetricsSchema = <N extends Schema.Top>(Num: N) => {
  const Arr = Schema.Array(Num)
  const ByMonth = Schema.Struct({ arrived: Arr, apptWaitMean: Arr, migriMean: Arr, withinTargetShare: Arr, endToEndMean: Arr })
  const Series = Schema.Struct({ decided: Arr, mean: Arr, withinTargetShare: Arr })
  const ScoreRow = Schema.Struct({
    id: Schema.String, label: Schema.String,
    targetDays: Schema.NullOr(Schema.Number).pipe(d("the target in days; null: no target (mean only)")),
    decided: Num.pipe(d("decisions made in the reported period (Migri's basis)")),
    mean: Num.pipe(d("their mean Migri processing time, days")),
    withinTargetShare: Num, overTargetShare: Num.pipe(d("1 − withinTargetShare (negatives: share over 60 days)")),
    cohortDecided: Num.pipe(d("decisions of the reported cohort (applications in the period)")),
    cohortMean: Num, cohortWithinTargetShare: Num,
    byDecisionMonth: Series.pipe(d("by calendar month of decision")),
    byApplicationMonth: Series.pipe(d("by month of application"))
  })
  const Group = Schema.Struct({
    group: Schema.String.pipe(d("category, or category-family for its family members")),
    category: Schema.String,
    role: Schema.Literals(["main", "family"]),
    targetDays: Schema.Number.pipe(d("target mean Migri processing time, days")),
    hasTarget: Schema.Boolean.pipe(d("false: the agreement sets this group no target (family members of work- and study-based permits)")),
    positiveTargetDays: Schema.NullOr(Schema.Number),
    arrived: Num, identified: Num, decided: Num,
    pendingAtHorizon: Num.pipe(d("identified but undecided when the simulation ended")),
    waitingForIdAtHorizon: Num.pipe(d("not identified when the simulation ended")),
    apptWaitMean: Num.pipe(d("online application → identification, days")),
    apptWaitP90: Num,
    idDeadlineMissedShare: Num,
    migriMean: Num.pipe(d("Migri processing time: pending after identification → decision, days (never includes the appointment wait)")),
    migriMedian: Num, migriP90: Num,
    withinTargetShare: Num.pipe(d("share of decisions within targetDays")),
    positiveMigriMean: Num,
    negativeMigriMean: Num.pipe(d("negative decisions' mean Migri time, days")),
    positiveWithinTargetShare: Num.pipe(d("share of positive decisions within positiveTargetDays (specialists: 7 days)")),
    endToEndMean: Num.pipe(d("online application → decision, days")),
    endToEndP90: Num,
    hearingShare: Num, supplementaryShare: Num, negativeShare: Num, highRiskShare: Num,
    byMonth: ByMonth.pipe(d("by month of application, 0 = first month of the intake period"))
  })
  const Mission = Schema.Struct({
    id: Schema.String, name: Schema.String,
    idSlotsOffered: Num, idSlotsUsed: Num, idUtilisation: Num,
    officerHoursOffered: Num, officerHoursUsed: Num, officerUtilisation: Num,
    officerHoursByTask: Schema.Struct({ hearing: Num, supplementary: Num, dna: Num }),
    hearingsAtMission: Num, hearingsRemote: Num,
    byMonth: Schema.Struct({ idSlotsOffered: Arr, idSlotsUsed: Arr, officerHoursOffered: Arr, officerHoursUsed: Arr }),
    idQueueWeekly: Arr.pipe(d("applicants waiting for identification, weekly")),
    scoreboard: Schema.Array(ScoreRow),
    capacityFromStaff: Schema.Boolean.pipe(d("capacity from staff groups; false: the slots-per-day shorthand")),
    staff: Schema.Array(Schema.Struct({
      id: Schema.String, hoursPresent: Num, hoursReception: Num, hoursIdentification: Num, hoursOfficerTasks: Num, utilisation: Num
    })).pipe(d("per staff group: hours present and used by task, reported period"))
  })
  const Pool = Schema.Struct({
    id: Schema.String, personYears: Num, hoursOffered: Num, hoursUsed: Num, utilisation: Num,
    borrowedPersonDays: Num.pipe(d("handler-days this pool borrowed (borrowHandlers rules), reported period")),
    lentPersonDays: Num.pipe(d("handler-days this pool lent to others")),
    byMonth: Schema.Struct({ hoursOffered: Arr, hoursUsed: Arr, utilisation: Arr, people: Arr.pipe(d("mean handlers assigned per working day")) })
  })
  return Schema.Struct({
    policy: Schema.String,
    groups: Schema.Array(Group),
    scoreboard: Schema.Array(ScoreRow).pipe(d("Migri's scoreboard over all missions: each target by decisions made in the period and by cohort")),
    family: Schema.Struct({
      separationMean: Num.pipe(d("main applicant's decision → family member's decision, days")),
      separationP90: Num,
      separationMeanByCategory: Schema.Struct({ student: Num, worker: Num, specialist: Num, fastTrack: Num }),
      studentsDecidedAfterStudyStart: Num, studentsDecidedAfterStudyStartShare: Num,
      studentsWithFamilyDecidedAfterStudyStart: Num,
      duplicatedSubsistenceChecks: Num, duplicatedCheckHours: Num, expiredSubsistenceEvidence: Num,
      duplicatedChecksByCause: Schema.Struct({ causedByPolicy: Num.pipe(d("applied before the main applicant's decision, identified after it")), familyAppliedLater: Num.pipe(d("applied after the main applicant's decision")) }),
      dnaRequests: Num.pipe(d("DNA samples asked for, reported cohort")),
      dnaRequestToResultMean: Num.pipe(d("days from the DNA request (at identification, or after first handling) to the lab result"))
    }),
    missions: Schema.Array(Mission),
    migri: Schema.Struct({
      staffing: Schema.Literals(["fixed", "shared"]).pipe(d("fixed pools, or one shared pool of all handlers")),
      pools: Schema.Array(Pool),
      hoursByTask: Schema.Struct({ handling: Num, subsistenceRechecks: Num, remoteHearings: Num, supplementaryAnswers: Num }),
      utilisation: Num,
      pendingWeekly: Arr.pipe(d("cases pending at Migri, weekly"))
    }),
    cost: Schema.Struct({ extraStaffEuros: Num, assistancePersonWeeks: Num }),
    // the coming season (issue 8)
    season: Schema.Struct({
      studentsWithStart: Num, studentsMissedStart: Num.pipe(d("students decided after their programme start")),
      studentsMissedReachableStart: Num.pipe(d("of those, the start was reachable: no queue at the mission and Migri at its target time would have made it")),
      studentsMissedReachableStartShare: Num.pipe(d("share of students with a start who missed a reachable one")),
      studentsMissedUnreachableStart: Num,
      studentsStartSlippedForFamily: Num.pipe(d("students decided in time whose family member (applied with them) was decided after the start")),
      seasonal: Schema.Struct({
        arrived: Num, identified: Num, decided: Num, apptWaitMean: Num, migriMean: Num.pipe(d("seasonal workers' Migri time, days")),
        withinTargetShare: Num, positiveShare: Num,
        byMonth: Schema.Struct({ arrived: Arr, apptWaitMean: Arr, migriMean: Arr, withinTargetShare: Arr }).pipe(d("by month of application, 0 = first month of the intake period"))
      }).pipe(d("seasonal workers (reported cohort), apart from the four categories")),
      cost: Schema.Struct({
        euros: Schema.Struct({ travel: Num, allowances: Num, salaries: Num, extraStaff: Num, total: Num }).pipe(d("euros in the reported period")),
        personYears: Schema.Struct({ migriOutputLost: Num, duplicatedChecks: Num, remoteHearings: Num, expiredEvidence: Num, monitoring: Num, total: Num }).pipe(d("Migri person-years of the work")),
        um: Schema.Struct({ euros: Num, personYears: Num }), migri: Schema.Struct({ euros: Num, personYears: Num }),
        trips: Num, personDaysAway: Num
      })
    }),
    totals: Schema.Struct({ applications: Num, identifications: Num, decisions: Num, events: Num })
  })
}

/** A number as written in JSON: NaN becomes null. */
export const JsonNumber = Schema.NullOr(Schema.Number)

export const Summary = Schema.Struct({
  mean: JsonNumber.pipe(d("mean over replications")),
  sd: JsonNumber.pipe(d("standard deviation over replications")),
  ciLow: JsonNumber.pipe(d("95 % confidence interval (Student t), lower end")),
  ciHigh: JsonNumber.pipe(d("95 % confidence interval, upper end")),
  n: Schema.Number.pipe(d("replications with a value"))
})
export type Summary = typeof Summary.Type

export const ReplicationMetrics = makeMetricsSchema(JsonNumber)
export const SummaryMetrics = makeMetricsSchema(Summary)
export type SummaryMetrics = typeof SummaryMetrics.Type

export const Provenance = Schema.Struct({
  tool: Schema.String, toolVersion: Schema.String,
  engineVersion: Schema.String,
  rng: Schema.Struct({ algorithm: Schema.String, version: Schema.String }),
  scenarioName: Schema.String,
  scenarioFile: Schema.NullOr(Schema.String),
  scenarioHash: Schema.String.pipe(d("hash of the decoded scenario: the same hash and seed give the same results")),
  scenario: Scenario.pipe(d("the decoded scenario that was run (defaults filled, `extends` resolved): enough to reproduce the result")),
  policy: Schema.String,
  seed: Schema.Union([Schema.Number, Schema.String]),
  replications: Schema.Number
})

export const RunResult = Schema.Struct({
  kind: Schema.Literal("embassy-sim/run"),
  provenance: Provenance,
  summary: SummaryMetrics,
  partial: Schema.optionalKey(Schema.Struct({ requested: Schema.Number, completed: Schema.Number, stoppedBy: Schema.String }).pipe(d("present when the run was stopped (SIGINT / SIGTERM) before all requested replications: the summary covers the completed ones"))),
  replications: Schema.optionalKey(Schema.Array(ReplicationMetrics).pipe(d("per-replication metrics (with --per-replication)")))
})
export type RunResult = typeof RunResult.Type

// The model's TypeScript interface and this schema must describe the same object: a type error here
// means src/scenario/results.ts and this file have drifted apart.
type Plain = Omit<ReplicationResult, "replication">
type FromSchema = typeof ReplicationMetrics.Type
/** Fields that describe rather than measure: copied, never summarised. */
type NumToNullable<T> = T extends number ? number | null : T extends ReadonlyArray<infer U> ? ReadonlyArray<NumToNullable<U>> : T extends object ? { readonly [K in keyof T]: K extends "targetDays" | "positiveTargetDays" ? T[K] : NumToNullable<T[K]> } : T
const _sameShape1 = (x: NumToNullable<Plain>): FromSchema => x
const _sameShape2 = (x: FromSchema): NumToNullable<Plain> => x
void _sameShape1; void _sameShape2
