/**
 * The capacity that meets a target: the smallest lever value (or the cheapest combination of several
 * levers) whose target metrics meet their limits with the asked confidence. Every lever value runs
 * the same replications on the same streams (common random numbers), so neighbouring values are
 * compared pairwise. Pure: evaluation is a callback (the CLI runs it on worker threads).
 *
 * Confidence: a target "is met" when the one-sided upper confidence bound of every checked value is
 * within its limit (lower bound for "min" limits); with k checked values (e.g. four months), each is
 * tested at 1 − (1 − confidence)/k (Bonferroni), so all hold together with at least the confidence.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { tQuantile } from "./summarize.ts"
import type { Scenario } from "../scenario/schema.ts"
import { metricAt, Welford } from "./streaming.ts"

const d = <S extends Schema.Top>(description: string) => (s: S) => s.annotate({ description } as never) as S["Rebuild"]

export const Lever = Schema.Struct({
  name: Schema.optionalKey(Schema.String),
  path: Schema.Union([Schema.String, Schema.Array(Schema.String).check(Schema.isMinLength(1))]).pipe(d("the field(s) in the scenario, as in sweep files (several move together)")),
  from: Schema.Finite.pipe(d("smallest value tried")),
  to: Schema.Finite.pipe(d("largest value tried")),
  step: Schema.Finite.check(Schema.isGreaterThan(0)).pipe(d("grid step (the answer is on this grid)")),
  costPerUnit: Schema.optionalKey(Schema.Finite.pipe(d("euros per unit above the scenario's value (used while the scenario has no cost rule for this lever)")))
})
export type Lever = typeof Lever.Type

export const Target = Schema.Struct({
  label: Schema.optionalKey(Schema.String),
  metric: Schema.String.pipe(d("a metric path, e.g. groups.student.migriMean or groups.student.byMonth.apptWaitMean")),
  months: Schema.optionalKey(Schema.Array(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 12 }))).pipe(d("for a by-month metric: the calendar months (1–12) checked, each on its own"))),
  max: Schema.optionalKey(Schema.Finite.pipe(d("the value must be at most this"))),
  min: Schema.optionalKey(Schema.Finite.pipe(d("the value must be at least this (e.g. a share within target)")))
})
export type Target = typeof Target.Type

export const CapacityFile = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  kind: Schema.Literal("capacity"),
  name: Schema.String,
  description: Schema.String.pipe(Schema.withDecodingDefaultKey(Effect.succeed(""))),
  base: Schema.String.pipe(d("the scenario file, relative to this file")),
  option: Schema.optionalKey(Schema.String.pipe(d("the policy (default: the scenario's)"))),
  replications: Schema.Int.check(Schema.isGreaterThan(1)),
  seed: Schema.optionalKey(Schema.Union([Schema.Number, Schema.String])),
  confidence: Schema.Finite.check(Schema.isBetween({ minimum: 0.5, maximum: 0.999 })).pipe(Schema.withDecodingDefaultKey(Effect.succeed(0.95))),
  levers: Schema.Array(Lever).check(Schema.isMinLength(1), Schema.isMaxLength(3, { message: "at most 3 levers (the grid of combinations grows fast)" })),
  targets: Schema.Array(Target).check(Schema.isMinLength(1))
})
export type CapacityFile = typeof CapacityFile.Type

/** One checked value: a metric (or one month of a by-month metric) against its limit. */
export interface Check {
  readonly label: string
  readonly path: string
  readonly limit: number
  readonly kind: "max" | "min"
}

/** Expands targets into checks against a scenario (months → indices of the by-month arrays). */
export const checksFor = (targets: ReadonlyArray<Target>, scenario: Scenario): { ok: true; checks: Check[] } | { ok: false; message: string } => {
  const startMonth = Number(scenario.start.slice(5, 7))
  const intakeMonths = Math.round(scenario.intakeDays / 30.44)
  const checks: Check[] = []
  for (const [i, t] of targets.entries()) {
    if ((t.max === undefined) === (t.min === undefined)) return { ok: false, message: `targets.${i}: give exactly one of max or min` }
    const kind = t.max !== undefined ? "max" : "min"
    const limit = (t.max ?? t.min)!
    const label = t.label ?? t.metric
    if (t.months === undefined) checks.push({ label, path: t.metric, limit, kind })
    else for (const m of t.months) {
      const idx = (m - startMonth + 12) % 12
      if (idx >= intakeMonths) return { ok: false, message: `targets.${i}.months: month ${m} is outside the intake period` }
      checks.push({ label: `${label} (month ${m})`, path: `${t.metric}.${String(idx + 1).padStart(2, "0")}`, limit, kind })
    }
  }
  return { ok: true, checks }
}

export interface CheckResult {
  readonly label: string
  readonly limit: number
  readonly kind: "max" | "min"
  readonly mean: number | null
  /** the one-sided bound at the Bonferroni level (upper for max, lower for min) */
  readonly bound: number | null
  /** two-sided 95 % interval, for tables */
  readonly ciLow: number | null
  readonly ciHigh: number | null
  readonly n: number
  readonly met: boolean
}

export interface Evaluation {
  readonly values: ReadonlyArray<number>
  readonly checks: ReadonlyArray<CheckResult>
  readonly met: boolean
  /** euros: per-unit costs from the capacity file above the scenario's values, plus the model's extra staff cost */
  readonly cost: number
  readonly modelCostMean: number | null
  /** per-replication values of each check (for paired comparisons between lever values on the same streams) */
  readonly perReplication: ReadonlyArray<Float64Array>
}

/** Accumulates a lever value's replications into the checks. */
export class CheckAccumulator {
  private readonly checks: ReadonlyArray<Check>
  private readonly accs: Welford[]
  private readonly cost = new Welford()
  private readonly values: number[][]
  constructor(checks: ReadonlyArray<Check>) {
    this.checks = checks
    this.accs = checks.map(() => new Welford())
    this.values = checks.map(() => [])
  }
  add(result: unknown): void {
    this.checks.forEach((c, i) => {
      const v = metricAt(result, c.path)
      const x = typeof v === "number" ? v : NaN
      this.accs[i]!.add(x)
      this.values[i]!.push(x)
    })
    this.cost.add(metricAt(result, "cost.extraStaffEuros"))
  }
  finish(values: ReadonlyArray<number>, confidence: number, leverCost: number): Evaluation {
    const k = this.checks.length
    const alpha = (1 - confidence) / k
    const checks = this.checks.map((c, i): CheckResult => {
      const s = this.accs[i]!.summary(0.95)
      if (s.mean === null || s.sd === null) return { label: c.label, limit: c.limit, kind: c.kind, mean: s.mean, bound: null, ciLow: null, ciHigh: null, n: s.n, met: false }
      const q = tQuantile(1 - alpha, s.n - 1) * (s.sd / Math.sqrt(s.n))
      const bound = c.kind === "max" ? s.mean + q : s.mean - q
      return { label: c.label, limit: c.limit, kind: c.kind, mean: s.mean, bound, ciLow: s.ciLow, ciHigh: s.ciHigh, n: s.n, met: c.kind === "max" ? bound <= c.limit : bound >= c.limit }
    })
    const model = this.cost.summary().mean
    // euros to the cent: the float noise of per-unit sums (27,999.999…) is not a figure
    return { values, checks, met: checks.every((c) => c.met), cost: Math.round((leverCost + (model ?? 0)) * 100) / 100, modelCostMean: model, perReplication: this.values.map((v) => Float64Array.from(v)) }
  }
}

export const leverGrid = (l: Lever): number[] => {
  const n = Math.floor((l.to - l.from) / l.step + 1e-9)
  const dec = Math.max(0, ...[l.from, l.step].map((x) => (String(x).split(".")[1] ?? "").length))
  return Array.from({ length: n + 1 }, (_, i) => Number((l.from + i * l.step).toFixed(dec)))
}

export interface MonotonicityNote {
  readonly holds: boolean
  readonly note: string
}

export interface SearchResult {
  /** the answer (smallest value / cheapest combination meeting the target), or undefined when none on the grid does */
  readonly answer: Evaluation | undefined
  /** one step below the answer (single lever) or the cheaper combinations tried (several levers) */
  readonly below: ReadonlyArray<Evaluation>
  readonly evaluations: ReadonlyArray<Evaluation>
  readonly monotonicity: MonotonicityNote
  readonly method: string
}

/**
 * Paired check of monotonicity between two lever values on the same streams: more capacity should not
 * make a "max" metric larger. Returns a description when the higher value is worse beyond noise
 * (the paired 95 % interval of the difference excludes 0 on the wrong side).
 */
export const pairedWorse = (lower: Evaluation, higher: Evaluation): string | undefined => {
  for (let i = 0; i < lower.checks.length; i++) {
    const a = lower.perReplication[i]!, b = higher.perReplication[i]!
    const w = new Welford()
    for (let r = 0; r < Math.min(a.length, b.length); r++) w.add(b[r]! - a[r]!)
    const s = w.summary(0.95)
    if (s.ciLow === null || s.ciHigh === null) continue
    const kind = lower.checks[i]!.kind
    if (kind === "max" ? s.ciLow > 0 : s.ciHigh < 0) return `${lower.checks[i]!.label} is worse at ${higher.values.join(", ")} than at ${lower.values.join(", ")} (paired difference ${s.mean!.toFixed(2)} [${s.ciLow.toFixed(2)}, ${s.ciHigh.toFixed(2)}])`
  }
  return undefined
}

/**
 * One lever: bisection on the grid (the target is assumed to be met from some value on), then the
 * neighbours of the answer are checked: the value below must miss and the value above must meet, and
 * no neighbour may be worse than a lower value on the same streams; otherwise the note says where
 * monotonicity failed (the answer is then the smallest value found meeting the target, not proven).
 */
export const searchOne = async (grid: ReadonlyArray<number>, evaluate: (v: number) => Promise<Evaluation>): Promise<SearchResult> => {
  const cache = new Map<number, Evaluation>()
  const ev = async (i: number) => {
    let e = cache.get(i)
    if (e === undefined) { e = await evaluate(grid[i]!); cache.set(i, e) }
    return e
  }
  const all = () => [...cache.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e)
  const top = await ev(grid.length - 1)
  if (!top.met) return { answer: undefined, below: [top], evaluations: all(), monotonicity: { holds: true, note: `not met even at the largest value tried (${grid[grid.length - 1]})` }, method: "bisection" }
  const bottom = await ev(0)
  if (bottom.met) return { answer: bottom, below: [], evaluations: all(), monotonicity: { holds: true, note: `already met at the smallest value tried (${grid[0]}): lower the range to find the edge` }, method: "bisection" }
  let lo = 0, hi = grid.length - 1 // lo misses, hi meets
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if ((await ev(mid)).met) hi = mid
    else lo = mid
  }
  const notes: string[] = []
  const answer = await ev(hi), below = await ev(lo)
  if (hi + 1 < grid.length) {
    const above = await ev(hi + 1)
    if (!above.met) notes.push(`the value above the answer (${grid[hi + 1]}) misses the target again`)
  }
  const evs = all()
  for (let i = 1; i < evs.length; i++) {
    const w = pairedWorse(evs[i - 1]!, evs[i]!)
    if (w !== undefined) notes.push(w)
  }
  return {
    answer, below: [below], evaluations: evs, method: "bisection",
    monotonicity: notes.length === 0 ? { holds: true, note: "held where checked (neighbours of the answer, and every pair of values evaluated, on the same streams)" } : { holds: false, note: `monotonicity fails: ${shortList(notes)}` }
  }
}

/**
 * Several levers: the combinations of the grid in order of cost; the first that meets the target is
 * the cheapest. Combinations dominated by one already missed (every lever at most as high) are
 * skipped, as more capacity is assumed not to hurt — and that assumption is checked on the pairs
 * evaluated.
 */
export const searchCheapest = async (
  grids: ReadonlyArray<ReadonlyArray<number>>, costOf: (values: ReadonlyArray<number>) => number, evaluate: (values: ReadonlyArray<number>) => Promise<Evaluation>, maxEvaluations = 200
): Promise<SearchResult> => {
  let combos: number[][] = [[]]
  for (const g of grids) combos = combos.flatMap((c) => g.map((v) => [...c, v]))
  combos.sort((a, b) => costOf(a) - costOf(b) || a.join().localeCompare(b.join()))
  const missed: Evaluation[] = [], evaluations: Evaluation[] = []
  let answer: Evaluation | undefined
  let skipped = 0
  for (const c of combos) {
    if (missed.some((m) => m.values.every((v, i) => c[i]! <= v))) { skipped++; continue }
    if (evaluations.length >= maxEvaluations) break
    const e = await evaluate(c)
    evaluations.push(e)
    if (e.met) { answer = e; break }
    missed.push(e)
  }
  const notes: string[] = []
  for (const a of evaluations) for (const b of evaluations) {
    if (a !== b && a.values.every((v, i) => v <= b.values[i]!)) {
      const w = pairedWorse(a, b)
      if (w !== undefined) notes.push(w)
    }
  }
  return {
    answer, below: missed.slice(-5), evaluations, method: "cheapest-first over the grid",
    monotonicity: notes.length === 0
      ? { holds: true, note: `${answer === undefined ? "no combination on the grid meets the target; " : ""}held on the pairs evaluated (same streams)${skipped > 0 ? `; ${skipped} cheaper combinations were skipped as dominated by a miss` : ""}` }
      : { holds: false, note: `monotonicity fails: ${shortList(notes)}${skipped > 0 ? `; ${skipped} cheaper combinations were skipped as dominated by a miss: check them (a sweep over the grid)` : answer !== undefined ? "; every cheaper combination was evaluated, so the answer stands" : ""}` }
  }
}

const shortList = (notes: ReadonlyArray<string>): string => (notes.length <= 3 ? notes.join("; ") : `${notes.slice(0, 3).join("; ")}; and ${notes.length - 3} more pairs`)

/** The answer of `embassy-sim capacity` (its --json and --out file). */
export interface CapacityOutcome {
  readonly kind: "embassy-sim/capacity"
  readonly name: string
  readonly policy: string
  readonly seed: string | number
  readonly replications: number
  readonly confidence: number
  readonly levers: ReadonlyArray<{ name: string; path: string | ReadonlyArray<string>; grid: number[]; baseValue: number; costPerUnit: number | null }>
  readonly method: string
  readonly monotonicity: SearchResult["monotonicity"]
  readonly costRule: string
  readonly answer: Omit<Evaluation, "perReplication"> | null
  readonly below: ReadonlyArray<Omit<Evaluation, "perReplication">>
  readonly evaluations: ReadonlyArray<Omit<Evaluation, "perReplication">>
}
