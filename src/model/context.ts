/** What every stage of one replication shares: the clock, the compiled scenario, the applications. */
import type { Simulation } from "../engine/index.ts"
import type { Scenario } from "../scenario/schema.ts"
import { CATEGORIES } from "../scenario/names.ts"
import type { CompiledScenario } from "./compile.ts"
import type { Entities } from "./entities.ts"
import type { PolicyDays } from "./policy.ts"

export const NC = CATEGORIES.length
export const STUDENT = CATEGORIES.indexOf("student")

export interface RunContext {
  readonly sim: Simulation
  readonly cs: CompiledScenario
  readonly s: Scenario
  readonly pol: PolicyDays
  readonly ent: Entities
  /** simulated days (the horizon) */
  readonly days: number
  /** keep per-day capacity logs and the per-application trace */
  readonly trace: boolean
  /** per category: fast track (reserved slots, 5-working-day deadline, handled first at Migri) */
  readonly fast: ReadonlyArray<boolean>
  /** the day lies in the reported intake period */
  readonly inReported: (day: number) => boolean
  /** the current time lies in the reported intake period (as inReported of today; no number passed, so none boxed) */
  readonly nowInReported: () => boolean
  /** month of the reported period (0 = its first month) of a time or day; -1 outside the period's months */
  readonly reportedMonthOf: (t: number) => number
  /** the current day, clamped to the horizon (a small integer) */
  readonly today: () => number
}

/** `ent`: an empty table (a new one, or one cleared after an earlier replication). */
export const makeContext = (sim: Simulation, cs: CompiledScenario, trace: boolean, ent: Entities): RunContext => {
  const s = cs.scenario
  const months = cs.reportedMonths
  return {
    sim, cs, s, pol: cs.policy, ent, days: cs.days, trace,
    fast: CATEGORIES.map((c) => s.categories[c].fastTrack),
    inReported: (day) => day >= cs.reportedFirst && day < cs.reportedEnd,
    reportedMonthOf: (t) => { const m = cs.cal.periodOf(t) - cs.firstReportedMonth; return m >= 0 && m < months ? m : -1 },
    // the period's bounds are whole days, so a time is in it exactly when its day is
    nowInReported: () => sim.now >= cs.reportedFirst && sim.now < cs.reportedEnd,
    today: () => Math.min(cs.days, Math.floor(sim.now)) | 0
  }
}
