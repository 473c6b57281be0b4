/**
 * A pack's comparison, shared by the CLI (`run <pack>`), the report and the page: the metrics compared
 * and paired, each run's reference (the first option under the same staffing assumption), and the runs
 * the side-by-side view shows. Pure.
 */
import type { RunResult, Summary } from "../scenario/result-schema.ts"

type S = Summary

/** A metric the pack comparison shows: label, where its summary is, and its verdict target when it has one. */
export interface ComparedMetric {
  readonly label: string
  readonly path: string
  readonly percent?: boolean
  readonly count?: boolean
  /** a target for the mean (days): the pack shows a verdict row under the metric */
  readonly target?: (r: RunResult) => number | undefined
}

const groupTarget = (group: string, positive = false) => (r: RunResult): number | undefined => {
  const g = r.summary.groups.find((x) => x.group === group)
  return g === undefined ? undefined : positive ? g.positiveTargetDays ?? undefined : g.targetDays
}

export const COMPARED: ReadonlyArray<ComparedMetric> = [
  { label: "students: appointment wait", path: "groups.student.apptWaitMean" },
  { label: "student families: appointment wait", path: "groups.student-family.apptWaitMean" },
  { label: "students: Migri time", path: "groups.student.migriMean", target: groupTarget("student") },
  { label: "students: within 30 d", path: "groups.student.withinTargetShare", percent: true },
  { label: "student families: Migri time", path: "groups.student-family.migriMean" },
  { label: "workers: Migri time", path: "groups.worker.migriMean", target: groupTarget("worker") },
  { label: "specialists: Migri time", path: "groups.specialist.migriMean", target: groupTarget("specialist") },
  { label: "specialists: positive decisions", path: "groups.specialist.positiveMigriMean", target: groupTarget("specialist", true) },
  { label: "specialists: positive ≤ 7 d", path: "groups.specialist.positiveWithinTargetShare", percent: true },
  { label: "students: end-to-end", path: "groups.student.endToEndMean" },
  { label: "students after study start", path: "family.studentsDecidedAfterStudyStartShare", percent: true },
  { label: "family separation", path: "family.separationMean" },
  { label: "duplicated subsistence checks", path: "family.duplicatedSubsistenceChecks", count: true },
  { label: "expired subsistence evidence", path: "family.expiredSubsistenceEvidence", count: true },
  { label: "mission officer utilisation", path: "missions.new-delhi.officerUtilisation", percent: true },
  { label: "extra staff cost €", path: "cost.extraStaffEuros", count: true }
]

/** The differences the staffing check reads (paths into a replication's result). */
export const STAFFING_CHECKED: ReadonlyArray<{ readonly label: string; readonly path: string }> = [
  { label: "students: appointment wait", path: "groups.student.apptWaitMean" },
  { label: "student families: appointment wait", path: "groups.student-family.apptWaitMean" },
  { label: "students: Migri time", path: "groups.student.migriMean" },
  { label: "student families: Migri time", path: "groups.student-family.migriMean" },
  { label: "workers: Migri time", path: "groups.worker.migriMean" },
  { label: "students: end-to-end", path: "groups.student.endToEndMean" },
  { label: "student families: end-to-end", path: "groups.student-family.endToEndMean" },
  { label: "negatives over 60 d", path: "scoreboard.negative.overTargetShare" },
  { label: "duplicated subsistence checks", path: "family.duplicatedSubsistenceChecks" }
]

/** The metrics whose paired differences a pack reports: the side-by-side table's and the staffing check's. */
export const PACK_PATHS: ReadonlyArray<string> = /* @__PURE__ */ (() => [...new Set([...COMPARED.map((m) => m.path), ...STAFFING_CHECKED.map((m) => m.path)])])()

/** A run of a pack with its paired differences from `reference` (a label; default the pack's first run). */
export interface PackRow { readonly label: string; readonly result: RunResult; readonly diffs: ReadonlyMap<string, S>; readonly reference?: string }

/** The option of a pack run's label (without its staffing suffix: " · shared", " · mission staff", " · shared + mission staff"). */
export const optionOf = (label: string): string => label.replace(/ · ((fixed|shared)( \+ mission staff)?|mission staff)$/, "")

/**
 * The staffing assumption a scenario runs under: Migri's (`fixed` pools or one `shared` pool) and, when
 * a mission has `staffGroups`, " + mission staff" (its capacity from staff hours; otherwise its slots
 * are typed in, the shorthand). Two assumptions the verdicts can depend on: with typed slots, hours
 * that remote hearings free go nowhere and a rotating consul adds the slots typed for it; from staff,
 * they follow from the hours. Works on a decoded scenario and on its resolved JSON alike.
 */
/** Whether an assumption (assumptionOf) takes the missions' capacity from staff hours. */
export const fromMissionStaff = (assumption: string): boolean => assumption.endsWith(" + mission staff")
export const assumptionOf = (s: { readonly migri?: { readonly staffing?: unknown }; readonly missions?: ReadonlyArray<{ readonly staffGroups?: unknown }> | unknown }): string => {
  const migri = typeof s.migri?.staffing === "string" ? s.migri.staffing : "fixed"
  const missions = Array.isArray(s.missions) ? (s.missions as ReadonlyArray<{ readonly staffGroups?: unknown } | null>) : []
  return missions.some((m) => m !== null && typeof m === "object" && m.staffGroups !== undefined) ? `${migri} + mission staff` : migri
}
export const staffingOf = (r: { readonly result: RunResult }): string => assumptionOf(r.result.provenance.scenario)

/**
 * The run each run of a pack is compared with: the first option (the pack's first run) under the same
 * Migri staffing assumption, so that a difference is one change (the option), never two (the option and
 * the staffing). Indexes into `runs`; a run with no such partner is compared with the first run.
 */
export const packReferences = (runs: ReadonlyArray<{ readonly label: string; readonly staffing: string }>): number[] => {
  const base = runs[0] === undefined ? "" : optionOf(runs[0].label)
  return runs.map((r, j) => {
    const k = runs.findIndex((x, i) => i <= j && x.staffing === r.staffing && optionOf(x.label) === base)
    return k < 0 ? 0 : k
  })
}

/** The pack's side-by-side table shows the runs under the first run's staffing assumption; the staffing check covers the rest. */
export const underFirstStaffing = <R extends { readonly result: RunResult }>(rows: ReadonlyArray<R>): R[] => {
  const first = rows[0] === undefined ? undefined : staffingOf(rows[0])
  return rows.filter((r) => staffingOf(r) === first)
}
