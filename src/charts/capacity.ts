/**
 * Chart 8's input from the answer of `embassy-sim capacity` (its --out / --json file): the target
 * that binds (the one missed one step below the answer) against the lever, every value evaluated
 * with its 95 % CI, and the answer. One lever only: a combination of levers is a table (the CLI's),
 * not a line. Pure.
 */
import type { CapacityOutcome } from "../experiment/capacity.ts"
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
