/**
 * What one replication reports. Plain numbers and arrays only (JSON-serialisable, transferable to and
 * from worker threads). Times are in days. Cohort: applications whose online application falls in the
 * reported intake period; "by month" arrays are indexed by the month of application (0 = the first
 * month of the intake period).
 *
 * Processing time against the targets is Migri's time (pending after identification → decision) and
 * never includes the appointment wait; end-to-end time is online application → decision.
 */

export interface ByMonth {
  readonly arrived: number[]
  readonly apptWaitMean: number[]
  readonly migriMean: number[]
  readonly withinTargetShare: number[]
  readonly endToEndMean: number[]
}

export interface GroupResult {
  /** e.g. "student" or "student-family" */
  readonly group: string
  readonly category: string
  readonly role: "main" | "family"
  readonly targetDays: number
  /** false for family members of work- and study-based permits: the agreement sets them no target ("no target", never "missed") */
  readonly hasTarget: boolean
  readonly positiveTargetDays: number | null
  readonly arrived: number
  readonly identified: number
  readonly decided: number
  /** identified but not decided when the simulation ended */
  readonly pendingAtHorizon: number
  /** not identified when the simulation ended */
  readonly waitingForIdAtHorizon: number
  readonly apptWaitMean: number
  readonly apptWaitP90: number
  /** share of the identified who identified after their deadline (3 months; 5 working days fast track) */
  readonly idDeadlineMissedShare: number
  readonly migriMean: number
  readonly migriMedian: number
  readonly migriP90: number
  /** share of decisions within targetDays */
  readonly withinTargetShare: number
  readonly positiveMigriMean: number
  readonly negativeMigriMean: number
  /** share of the covered main applicants' positive decisions within positiveTargetDays (NaN when the category has none) */
  readonly positiveWithinTargetShare: number
  readonly endToEndMean: number
  readonly endToEndP90: number
  readonly hearingShare: number
  readonly supplementaryShare: number
  readonly negativeShare: number
  readonly highRiskShare: number
  readonly byMonth: ByMonth
}

export interface MissionResult {
  readonly id: string
  readonly name: string
  readonly idSlotsOffered: number
  readonly idSlotsUsed: number
  readonly idUtilisation: number
  readonly officerHoursOffered: number
  readonly officerHoursUsed: number
  readonly officerUtilisation: number
  /** officer hours of work done in the reported period, by task */
  readonly officerHoursByTask: { readonly hearing: number; readonly supplementary: number; readonly dna: number }
  readonly hearingsAtMission: number
  readonly hearingsRemote: number
  /** by calendar month of the reported period */
  readonly byMonth: {
    readonly idSlotsOffered: number[]
    readonly idSlotsUsed: number[]
    readonly officerHoursOffered: number[]
    readonly officerHoursUsed: number[]
  }
  /** applicants waiting for identification, sampled weekly over the reported period */
  readonly idQueueWeekly: number[]
  /** capacity from staff groups (false: the slots-per-day shorthand, whose "service-point" hours are slots) */
  readonly capacityFromStaff: boolean
  readonly scoreboard: ScoreboardRow[]
  /** per staff group, reported period: hours present and used by task */
  readonly staff: StaffGroupResult[]
}

export interface StaffGroupResult {
  readonly id: string
  readonly hoursPresent: number
  readonly hoursReception: number
  readonly hoursIdentification: number
  readonly hoursOfficerTasks: number
  readonly utilisation: number
}

export interface PoolResult {
  readonly id: string
  /** the pool's person-years in the scenario (the sum of all pools when staffing is shared) */
  readonly personYears: number
  readonly hoursOffered: number
  readonly hoursUsed: number
  readonly utilisation: number
  /** handler-days borrowed by this pool / lent to others by borrowHandlers rules in the reported period */
  readonly borrowedPersonDays: number
  readonly lentPersonDays: number
  readonly byMonth: {
    readonly hoursOffered: number[]
    readonly hoursUsed: number[]
    /** hours used ÷ offered (idle time in the peak is a finding) */
    readonly utilisation: number[]
    /** mean handlers assigned per Migri working day (after moves and borrowing, before availability and assistance) */
    readonly people: number[]
  }
}
export interface ReplicationResult {
  readonly replication: number
  readonly policy: string
  readonly groups: GroupResult[]
  /** Migri's scoreboard over all missions (missions[].scoreboard per mission) */
  readonly scoreboard: ScoreboardRow[]
  readonly family: {
    /** main applicant's decision → family member's decision, days */
    readonly separationMean: number
    readonly separationP90: number
    readonly separationMeanByCategory: { readonly student: number; readonly worker: number; readonly specialist: number; readonly fastTrack: number }
    readonly studentsDecidedAfterStudyStart: number
    readonly studentsDecidedAfterStudyStartShare: number
    /** students with at least one family member decided after the student's study start */
    readonly studentsWithFamilyDecidedAfterStudyStart: number
    readonly duplicatedSubsistenceChecks: number
    readonly duplicatedCheckHours: number
    /** causedByPolicy: the family member applied before the main applicant's decision but was identified after it; familyAppliedLater: applied after it */
    readonly duplicatedChecksByCause: { readonly causedByPolicy: number; readonly familyAppliedLater: number }
    readonly expiredSubsistenceEvidence: number
    /** DNA samples asked for (reported cohort) and mean days from the request (identification or after first handling) to the lab result */
    readonly dnaRequests: number
    readonly dnaRequestToResultMean: number
  }
  readonly missions: MissionResult[]
  readonly migri: {
    /** the staffing mode the run used: fixed pools or one shared pool */
    readonly staffing: "fixed" | "shared"
    readonly pools: PoolResult[]
    /** handler hours of work done in the reported period: case handling (incl. rechecks and answers), remote hearings;
     * subsistenceRechecks and supplementaryAnswers are the parts spent on those */
    readonly hoursByTask: { readonly handling: number; readonly subsistenceRechecks: number; readonly remoteHearings: number; readonly supplementaryAnswers: number }
    readonly utilisation: number
    /** cases pending at Migri (identified, not decided), sampled weekly over the reported period */
    readonly pendingWeekly: number[]
  }
  readonly cost: {
    readonly extraStaffEuros: number
    readonly assistancePersonWeeks: number
  }
  /** the coming season (issue 8): study starts that mean something, and what the option costs */
  readonly season: SeasonResult
  readonly totals: {
    readonly applications: number
    readonly identifications: number
    readonly decisions: number
    readonly events: number
  }
}

export interface ScoreboardSeries {
  readonly decided: number[]
  readonly mean: number[]
  readonly withinTargetShare: number[]
}

/**
 * One target of Migri's scoreboard. Processing time is Migri's (pending → decision). "decided", "mean",
 * "withinTargetShare" count decisions made in the reported period (as Migri reports them), whatever the
 * application date; "cohort…" count the reported cohort's decisions (applications in the period).
 * targetDays null: no target (mean only; shares NaN).
 */
export interface ScoreboardRow {
  readonly id: string
  readonly label: string
  readonly targetDays: number | null
  readonly decided: number
  readonly mean: number
  readonly withinTargetShare: number
  /** 1 − withinTargetShare (negative decisions: the share over 60 days) */
  readonly overTargetShare: number
  readonly cohortDecided: number
  readonly cohortMean: number
  readonly cohortWithinTargetShare: number
  /** by calendar month of decision in the reported period */
  readonly byDecisionMonth: ScoreboardSeries
  /** by month of application (the cohort) */
  readonly byApplicationMonth: ScoreboardSeries
}

/** Study starts and costs (issue 8). */
export interface SeasonResult {
  /** reported students with a programme start, and those decided after it */
  readonly studentsWithStart: number
  readonly studentsMissedStart: number
  /** of those: the start was reachable (no queue at the mission, Migri at its target time), or was not */
  readonly studentsMissedReachableStart: number
  readonly studentsMissedReachableStartShare: number
  readonly studentsMissedUnreachableStart: number
  /** students decided in time whose family member (who applied with them) was decided after the start */
  readonly studentsStartSlippedForFamily: number
  /** seasonal workers, the reported cohort (zeros and NaN when the scenario has none) */
  readonly seasonal: {
    readonly arrived: number; readonly identified: number; readonly decided: number
    readonly apptWaitMean: number; readonly migriMean: number; readonly withinTargetShare: number; readonly positiveShare: number
    /** by month of application (0 = the first month of the intake period) */
    readonly byMonth: { readonly arrived: number[]; readonly apptWaitMean: number[]; readonly migriMean: number[]; readonly withinTargetShare: number[] }
  }
  readonly cost: SeasonCost
}

/** What an option costs in the reported period (src/model/costs.ts computes it). */
export interface SeasonCost {
  readonly euros: { readonly travel: number; readonly allowances: number; readonly salaries: number; readonly extraStaff: number; readonly total: number }
  readonly personYears: {
    readonly migriOutputLost: number; readonly duplicatedChecks: number; readonly remoteHearings: number
    readonly expiredEvidence: number; readonly monitoring: number; readonly total: number
  }
  /** each payer's share of the euros and of the Migri person-years */
  readonly um: { readonly euros: number; readonly personYears: number }
  readonly migri: { readonly euros: number; readonly personYears: number }
  /** people sent (person-trips) and person-days away in the reported period */
  readonly trips: number
  readonly personDaysAway: number
}
