/** What `embassy-sim report` embeds in the report (script#report-data) and the report page draws. */
import type { CapacityResult, OptionRun } from "../src/charts/input.ts"
import type { Lang } from "../src/charts/i18n.ts"

export interface ReportData {
  readonly kind: "embassy-sim/report"
  readonly lang: Lang
  /** the question of the meeting (a pack's description, or the scenario's) */
  readonly title: string
  readonly question: string
  readonly options: ReadonlyArray<OptionRun>
  readonly capacity: CapacityResult | null
  /** the files the report was made from, as given */
  readonly sources: ReadonlyArray<string>
  /** a report made from a sweep folder alone: where in the sweep its options' results are */
  readonly sweep?: ReportSweep
}

/** The sweep a report was made from: each option's base point (sweep-base.json) and how complete the sweep is. */
export interface ReportSweep {
  readonly name: string
  readonly hash: string
  readonly parameters: ReadonlyArray<string>
  /** the replications of each option's base point in the scoreboard and charts 1–7 */
  readonly replications: number
  readonly complete: boolean
  readonly unitsDone: number
  readonly unitsTotal: number
  readonly points: ReadonlyArray<{
    readonly option: string
    readonly point: number
    /** the point is the base scenario itself (else the nearest point to it) */
    readonly exact: boolean
    readonly values: Readonly<Record<string, number | null>>
    readonly baseValues: Readonly<Record<string, number | null>>
  }>
  /** why chart 8 is not drawn, when it is not */
  readonly chartNote?: string
}
