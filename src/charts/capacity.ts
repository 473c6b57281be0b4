/**
 * Chart 8's input from the answer of `embassy-sim capacity` (its --out / --json file): the target
 * that binds (the one missed one step below the answer) against the lever, every value evaluated
 * with its 95 % CI, and the answer. One lever only: a combination of levers is a table (the CLI's),
 * not a line. Pure.
 */
import type { CapacityOutcome } from "../experiment/capacity.ts"
import { metricAt } from "../experiment/streaming.ts"
import type { CapacityResult } from "./input.ts"

export const isCapacityOutcome = (v: unknown): v is CapacityOutcome =>
  v !== null && typeof v === "object" && (v as { kind?: unknown }).kind === "embassy-sim/capacity" && Array.isArray((v as { levers?: unknown }).levers) && Array.isArray((v as { evaluations?: unknown }).evaluations)

export const capacityChartInput = (o: CapacityOutcome): CapacityResult | { readonly problem: string } => {
  if (o.levers.length !== 1) return { problem: `levers: the answer has ${o.levers.length} levers; the chart shows one lever against its target (the CLI's table lists the combinations)` }
  const lever = o.levers[0]!
  const evals = [...o.evaluations].filter((e) => e.values.length === 1).sort((a, b) => a.values[0]! - b.values[0]!)
  if (evals.length === 0 || evals[0]!.checks.length === 0) return { problem: "evaluations: the answer holds no evaluated lever values" }
  const missed = o.below[0]?.checks.findIndex((c) => !c.met) ?? -1
  const k = missed >= 0 ? missed : 0
  const c0 = evals[0]!.checks[k]!
  const unit = /time|wait|days?\b/i.test(c0.label) ? "d" : ""
  return {
    kind: "embassy-sim/capacity",
    question: o.name,
    lever: { path: typeof lever.path === "string" ? lever.path : lever.path.join(" + "), label: lever.name, unit: "" },
    target: { metric: c0.label, label: c0.label, value: c0.limit, direction: c0.kind === "max" ? "atMost" : "atLeast", unit },
    points: evals.map((e) => { const c = e.checks[k]!; return { lever: e.values[0]!, mean: c.mean, ciLow: c.ciLow, ciHigh: c.ciHigh, n: c.n } }),
    answer: { lever: o.answer?.values[0] ?? null, met: o.answer !== null, note: `${o.method}; monotonicity ${o.monotonicity.note}` }
  }
}

const GROUP_WORDS: Readonly<Record<string, string>> = { student: "students", worker: "workers", specialist: "specialists", fastTrack: "other fast track" }

/** The part of a sweep's summary.json (`embassy-sim sweep`) the chart reads. */
export interface SweepSummaryInput {
  readonly kind: "embassy-sim/sweep-summary"
  readonly header: { readonly sweepName: string; readonly parameters: ReadonlyArray<string>; readonly options: ReadonlyArray<string> }
  readonly metrics: ReadonlyArray<string>
  readonly cells: ReadonlyArray<{ readonly values: Readonly<Record<string, number | null>>; readonly option: string; readonly summary: unknown }>
}

export const isSweepSummary = (v: unknown): v is SweepSummaryInput =>
  v !== null && typeof v === "object" && (v as { kind?: unknown }).kind === "embassy-sim/sweep-summary" && Array.isArray((v as { cells?: unknown }).cells)

type Sm = { readonly mean: number | null; readonly ciLow: number | null; readonly ciHigh: number | null; readonly n: number }
const isSm = (v: unknown): v is Sm => v !== null && typeof v === "object" && "mean" in v && "ciLow" in v && "n" in v

/**
 * Chart 8 from a sweep: for the sweep's first option, the first of its metrics that has a target (a
 * group's mean Migri time, against the group's target days) against the first parameter, and the
 * smallest value whose whole 95 % CI meets the target. A sweep over several parameters is drawn
 * along its first parameter through a point (`through`: the other parameters at that point's values,
 * e.g. the base point of sweep-base.json); without one it is a table (summary.csv), not a line.
 */
export const sweepChartInput = (s: SweepSummaryInput, through?: Readonly<Record<string, number | null>>): CapacityResult | { readonly problem: string } => {
  const params = s.header.parameters
  if (params.length !== 1 && through === undefined) return { problem: `header.parameters: the sweep varies ${params.length} parameters; the chart shows one parameter against a target (summary.csv has every point)` }
  const param = params[0]!, option = s.header.options[0], others = params.slice(1)
  const same = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) === (b ?? null)
  const cells = s.cells.filter((c) => c.option === option && typeof c.values[param] === "number" && others.every((q) => same(c.values[q], through?.[q]))).sort((a, b) => (a.values[param] as number) - (b.values[param] as number))
  const at = others.map((q) => { const v = through?.[q]; return `${q} = ${v === null || v === undefined ? "base" : Number(v.toPrecision(3))}` }).join(", ")
  if (others.length > 0 && cells.length < 2) return { problem: `no two points of the sweep differ in ${param} alone (at ${at}), and chart 8 draws one parameter against a target; summary.csv has every point` }
  const metric = s.metrics.find((m) => /^groups\.[^.]+\.migriMean$/.test(m) && typeof metricAt(cells[0]?.summary, m.replace(/migriMean$/, "targetDays")) === "number")
  if (metric === undefined || cells.length === 0) return { problem: "metrics: the sweep names no group's Migri time with a target (e.g. groups.student.migriMean) or has no points" }
  const target = metricAt(cells[0]!.summary, metric.replace(/migriMean$/, "targetDays")) as number
  const points = cells.map((c) => { const v = metricAt(c.summary, metric); return isSm(v) ? { lever: c.values[param] as number, mean: v.mean, ciLow: v.ciLow, ciHigh: v.ciHigh, n: v.n } : { lever: c.values[param] as number, mean: null, ciLow: null, ciHigh: null, n: 0 } })
  const first = points.find((p) => p.ciHigh !== null && p.ciHigh <= target)
  const g = metric.split(".")[1]!
  const who = g.endsWith("-family") ? `${GROUP_WORDS[g.replace(/-family$/, "")] ?? g}' families` : GROUP_WORDS[g] ?? g
  return {
    kind: "embassy-sim/capacity",
    question: `${s.header.sweepName} (${option}${others.length > 0 ? `; ${at}` : ""})`,
    lever: { path: param, label: param, unit: "" },
    target: { metric, label: `${who}: mean Migri time`, value: target, direction: "atMost", unit: "d" },
    points,
    answer: { lever: first?.lever ?? null, met: first !== undefined, note: "From the sweep's points: the two-sided 95 % CI of each point (a capacity search adds the one-sided bound and the monotonicity check)." }
  }
}
