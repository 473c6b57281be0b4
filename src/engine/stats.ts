/**
 * Streaming statistics. Memory is fixed at construction: nothing grows with run length.
 *  - Tally: count, sum, Welford mean and variance, min, max.
 *  - Histogram: fixed-width bins on [0, max) for quantiles; a quantile is exact to within one bin width
 *    (values ≥ max go to an overflow counter and are reported as max).
 *  - TimeWeighted: time-average of a piecewise-constant level (queue length, busy servers).
 *  - PeriodTallies: one Tally per period (e.g. per month of application).
 *  - MeanBank: the count and mean of many series at once, in two typed arrays (a model's per-group and
 *    per-month means on its hot path: one division per observation, no object per series). Its mean is
 *    Tally's, bit for bit (the same Welford update).
 */
import { EngineArgumentError, requirePositive } from "./errors.ts"

export class Tally {
  count = 0
  sum = 0
  min = Infinity
  max = -Infinity
  private m = 0
  private s = 0
  add(x: number): void {
    this.count++
    this.sum += x
    const d = x - this.m
    this.m += d / this.count
    this.s += d * (x - this.m)
    if (x < this.min) this.min = x
    if (x > this.max) this.max = x
  }
  get mean(): number { return this.count > 0 ? this.m : NaN }
  /** Sample variance (n − 1). */
  get variance(): number { return this.count > 1 ? this.s / (this.count - 1) : NaN }
  get sd(): number { return Math.sqrt(this.variance) }
  /** Merges another tally into this one (Chan et al.). */
  merge(o: Tally): void {
    if (o.count === 0) return
    if (this.count === 0) { this.count = o.count; this.sum = o.sum; this.m = o.m; this.s = o.s; this.min = o.min; this.max = o.max; return }
    const n = this.count + o.count, d = o.m - this.m
    this.s += o.s + (d * d * this.count * o.count) / n
    this.m += (d * o.count) / n
    this.count = n; this.sum += o.sum
    if (o.min < this.min) this.min = o.min
    if (o.max > this.max) this.max = o.max
  }
}

export class Histogram {
  readonly width: number
  readonly max: number
  readonly bins: Float64Array
  count = 0
  overflow = 0
  constructor(max: number, width: number) {
    requirePositive("max", max); requirePositive("width", width)
    const n = Math.ceil(max / width)
    if (n > 1e7) throw new EngineArgumentError("width", width, `a bin width giving at most 10,000,000 bins on [0, ${max})`)
    this.width = width; this.max = n * width
    this.bins = new Float64Array(n)
  }
  add(x: number, weight = 1): void {
    this.count += weight
    if (!(x >= 0)) { this.bins[0] = this.bins[0]! + weight; return }
    const i = Math.floor(x / this.width)
    if (i >= this.bins.length) this.overflow += weight
    else this.bins[i] = this.bins[i]! + weight
  }
  /** The p-quantile (0 ≤ p ≤ 1), linear within the bin; NaN when empty. Error ≤ one bin width. */
  quantile(p: number): number {
    if (this.count === 0) return NaN
    const target = p * this.count
    let acc = 0
    for (let i = 0; i < this.bins.length; i++) {
      const b = this.bins[i]!
      if (b > 0 && acc + b >= target) return (i + Math.max(0, Math.min(1, (target - acc) / b))) * this.width
      acc += b
    }
    return this.max
  }
  /** Share of observations < x (exact at bin edges). */
  shareBelow(x: number): number {
    if (this.count === 0) return NaN
    const k = Math.min(this.bins.length, Math.floor(x / this.width))
    let acc = 0
    for (let i = 0; i < k; i++) acc += this.bins[i]!
    return acc / this.count
  }
  merge(o: Histogram): void {
    if (o.width !== this.width || o.bins.length !== this.bins.length) throw new EngineArgumentError("histogram", o.width, `the same bins as this one (width ${this.width}, max ${this.max})`)
    for (let i = 0; i < this.bins.length; i++) this.bins[i] = this.bins[i]! + o.bins[i]!
    this.count += o.count; this.overflow += o.overflow
  }
}

export class TimeWeighted {
  private t0: number
  private lastT: number
  private level: number
  private area = 0
  max: number
  constructor(startTime = 0, initialLevel = 0) {
    this.t0 = startTime; this.lastT = startTime; this.level = initialLevel; this.max = initialLevel
  }
  /** The level changes to `level` at time `t` (t never decreases). */
  set(t: number, level: number): void {
    this.area += this.level * (t - this.lastT)
    this.lastT = t
    this.level = level
    if (level > this.max) this.max = level
  }
  add(t: number, delta: number): void { this.set(t, this.level + delta) }
  get current(): number { return this.level }
  /** Time-average over [start, t]. */
  mean(t: number): number {
    const span = t - this.t0
    return span > 0 ? (this.area + this.level * (t - this.lastT)) / span : this.level
  }
  /** ∫ level dt over [start, t]. */
  integral(t: number): number { return this.area + this.level * (t - this.lastT) }
  /** Starts a new averaging window at t (e.g. after a warm-up), keeping the level. */
  reset(t: number): void { this.t0 = t; this.lastT = t; this.area = 0; this.max = this.level }
}

export class MeanBank {
  readonly count: Float64Array
  private readonly m: Float64Array
  constructor(series: number) {
    if (!Number.isInteger(series) || series < 1) throw new EngineArgumentError("series", series, "a whole number ≥ 1")
    this.count = new Float64Array(series)
    this.m = new Float64Array(series)
  }
  /** Adds observation x to series i. */
  add(i: number, x: number): void {
    const n = ++this.count[i]!
    const m = this.m[i]!
    this.m[i] = m + (x - m) / n
  }
  /** The mean of series i; NaN when it is empty. */
  mean(i: number): number { return this.count[i]! > 0 ? this.m[i]! : NaN }
}

export class PeriodTallies {
  readonly tallies: Tally[]
  constructor(periods: number) {
    if (!Number.isInteger(periods) || periods < 1) throw new EngineArgumentError("periods", periods, "a whole number ≥ 1")
    this.tallies = Array.from({ length: periods }, () => new Tally())
  }
  /** Adds x to period p (clamped to the last period). */
  add(p: number, x: number): void {
    const i = p < 0 ? 0 : p >= this.tallies.length ? this.tallies.length - 1 : p
    this.tallies[i]!.add(x)
  }
}
