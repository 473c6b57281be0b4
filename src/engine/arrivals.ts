/**
 * Time-varying Poisson arrivals.
 *  - PiecewiseRate: a rate that is constant on consecutive intervals [t_i, t_{i+1}).
 *  - NhppArrivals: exact non-homogeneous Poisson arrivals for a piecewise-constant rate, by
 *    memorylessness: draw an exponential gap at the current interval's rate; if it crosses the
 *    interval's end, restart at the boundary with the next rate. No interval is ever skipped, so short
 *    peaks are always represented.
 *  - ThinningArrivals: exact arrivals for any bounded rate function (Lewis–Shedler thinning).
 */
import { EngineArgumentError, requireFinite, requireNonNegative, requirePositive } from "./errors.ts"
import { log } from "./portable-math.ts"
import type { Rng } from "./random.ts"

export class PiecewiseRate {
  readonly starts: Float64Array
  readonly rates: Float64Array
  readonly end: number
  constructor(starts: ArrayLike<number>, rates: ArrayLike<number>, end: number) {
    if (starts.length === 0) throw new EngineArgumentError("starts", starts, "at least one interval")
    if (rates.length !== starts.length) throw new EngineArgumentError("rates", rates, `one rate per interval (${starts.length})`)
    requireFinite("end", end)
    for (let i = 0; i < starts.length; i++) {
      requireFinite(`starts[${i}]`, starts[i]!)
      requireNonNegative(`rates[${i}]`, rates[i]!)
      const next = i + 1 < starts.length ? starts[i + 1]! : end
      if (!(next > starts[i]!)) throw new EngineArgumentError(i + 1 < starts.length ? `starts[${i + 1}]` : "end", next, `a time > ${starts[i]} (intervals must increase)`)
    }
    this.starts = Float64Array.from(starts)
    this.rates = Float64Array.from(rates)
    this.end = end
  }
  /** Rate at time t (0 outside [starts[0], end)). */
  rateAt(t: number): number {
    if (t < this.starts[0]! || t >= this.end) return 0
    let lo = 0, hi = this.starts.length - 1
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.starts[mid]! <= t) lo = mid; else hi = mid - 1 }
    return this.rates[lo]!
  }
  /** ∫ rate over [a, b]. */
  integral(a: number, b: number): number {
    let s = 0
    for (let i = 0; i < this.starts.length; i++) {
      const lo = Math.max(a, this.starts[i]!), hi = Math.min(b, i + 1 < this.starts.length ? this.starts[i + 1]! : this.end)
      if (hi > lo) s += (hi - lo) * this.rates[i]!
    }
    return s
  }
  /** The same shape multiplied by `factor`. */
  scale(factor: number): PiecewiseRate {
    requireNonNegative("factor", factor)
    return new PiecewiseRate(this.starts, this.rates.map((r) => r * factor), this.end)
  }
}

export class NhppArrivals {
  private readonly rate: PiecewiseRate
  private readonly rng: Rng
  private i = 0
  private t: number
  constructor(rate: PiecewiseRate, rng: Rng) {
    this.rate = rate; this.rng = rng; this.t = rate.starts[0]!
  }
  /** The next arrival time, or +Infinity once the rate's end is passed. */
  next(): number {
    const { starts, rates, end } = this.rate
    const n = starts.length
    for (;;) {
      if (this.i >= n) return Infinity
      const segEnd = this.i + 1 < n ? starts[this.i + 1]! : end
      const r = rates[this.i]!
      if (r > 0) {
        const t = this.t - log(1 - this.rng()) / r
        if (t < segEnd) { this.t = t; return t }
      }
      this.t = segEnd
      this.i++
    }
  }
}

export class ThinningArrivals {
  private t: number
  private readonly rateFn: (t: number) => number
  private readonly maxRate: number
  private readonly end: number
  private readonly rng: Rng
  constructor(rateFn: (t: number) => number, maxRate: number, start: number, end: number, rng: Rng) {
    requirePositive("maxRate", maxRate); requireFinite("start", start)
    if (!(end > start)) throw new EngineArgumentError("end", end, `a time > start (${start})`)
    this.rateFn = rateFn; this.maxRate = maxRate; this.t = start; this.end = end; this.rng = rng
  }
  next(): number {
    for (;;) {
      this.t -= log(1 - this.rng()) / this.maxRate
      if (this.t >= this.end) return Infinity
      const r = this.rateFn(this.t)
      // a rate above the bound would be silently cut to the bound (too few arrivals): fail instead
      if (!(r <= this.maxRate)) throw new EngineArgumentError("maxRate", this.maxRate, `a bound ≥ the rate function (it is ${r} at t = ${this.t})`)
      if (this.rng() * this.maxRate < r) return this.t
    }
  }
}
