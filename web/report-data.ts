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
}
