/**
 * What the charts read: one run result per option (the `embassy-sim run --json` object, with
 * `--per-replication` for bands and paired differences), optionally a capacity answer. Fields that a
 * newer result adds (e.g. `byDecisionMonth` per group) are read when present.
 */
import type { RunResult, Summary } from "../scenario/result-schema.ts"

export interface OptionRun {
  /** the option's name as shown (a policy name or a pack label) */
  readonly label: string
  readonly result: RunResult
  /** a pack run's reference (the label of the run it is compared with: the first option under the same Migri staffing) */
  readonly reference?: string
  /** a pack run's paired differences from its reference (path → summary of the differences), as `run <pack> --json` writes them */
  readonly differences?: Readonly<Record<string, Summary>>
}

/**
 * A capacity search or sweep, as the charts take it (`kind: "embassy-sim/capacity"`): one point per
 * lever value with the target metric's summary, and the answer (the smallest lever value where the
 * target is met, or null).
 */
export interface CapacityPoint { readonly lever: number; readonly mean: number | null; readonly ciLow: number | null; readonly ciHigh: number | null; readonly n: number }
export interface CapacityResult {
  readonly kind: "embassy-sim/capacity"
  readonly question?: string
  readonly lever: { readonly path: string; readonly label: string; readonly unit: string }
  readonly target: { readonly metric: string; readonly label: string; readonly value: number; readonly direction: "atMost" | "atLeast"; readonly unit: string }
  readonly points: ReadonlyArray<CapacityPoint>
  readonly answer: { readonly lever: number | null; readonly met: boolean; readonly note?: string }
}

export interface ChartInput {
  readonly options: ReadonlyArray<OptionRun>
  readonly capacity?: CapacityResult | null
}

export type SummaryGroup = RunResult["summary"]["groups"][number]
export type RepMetrics = NonNullable<RunResult["replications"]>[number]

/** Reads a field a newer result may add (e.g. group.byDecisionMonth): undefined when absent. */
export const optionalField = (o: unknown, key: string): unknown =>
  o !== null && typeof o === "object" && key in o ? (o as Record<string, unknown>)[key] : undefined

export const mean = (s: Summary | undefined | null): number | null => (s === undefined || s === null ? null : s.mean)

/** Calendar month (0..11) of the scenario's first reported month. */
export const startMonth = (r: RunResult): number => Number(r.provenance.scenario.start.slice(5, 7)) - 1

/** Days from the scenario start to the first of each following month, for `months` months. */
export const monthStarts = (r: RunResult, months: number): number[] => {
  const [y, m, d] = r.provenance.scenario.start.split("-").map(Number) as [number, number, number]
  const t0 = Date.UTC(y, m - 1, d)
  const out: number[] = []
  for (let i = 0; i <= months; i++) out.push((Date.UTC(y, m - 1 + i, 1) - t0) / 86_400_000)
  return out
}

/** The 100·p % quantile of values (linear interpolation between order statistics, R-7); nulls are left out. */
export const quantile = (values: ReadonlyArray<number | null>, p: number): number | null => {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b)
  if (v.length === 0) return null
  const h = (v.length - 1) * p, lo = Math.floor(h), hi = Math.ceil(h)
  return v[lo]! + (v[hi]! - v[lo]!) * (h - lo)
}

/** A numeric leaf of a replication's metrics by a path such as "groups.student.migriMean" or "missions.new-delhi.idUtilisation". */
export const pathValue = (tree: unknown, path: string): unknown => {
  let v: unknown = tree
  for (const k of path.split(".")) {
    if (v === null || v === undefined) return undefined
    if (Array.isArray(v)) v = v.find((x: unknown) => { const o = x as Record<string, unknown>; return o?.group === k || o?.id === k })
    else if (typeof v === "object") v = (v as Record<string, unknown>)[k]
    else return undefined
  }
  return v
}
