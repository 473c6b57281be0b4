/**
 * Confidence intervals for the mean of replication outputs. The Student t interval assumes the mean
 * of the replications is close to normal; for strongly skewed outputs (time-averaged backlogs, mean
 * waits near saturation) with few replications it covers less than it says. The alternatives here
 * were compared by a coverage study on a model with a known answer (scripts/coverage-study.ts,
 * docs/experiments.md), not chosen by taste. Pure.
 */
import { normalCdf, normalQuantile, type Rng } from "../engine/index.ts"
import { tQuantile } from "./summarize.ts"

export type Interval = readonly [number, number]

const moments = (xs: ReadonlyArray<number>) => {
  const n = xs.length
  let mean = 0
  for (const x of xs) mean += x
  mean /= n
  let m2 = 0, m3 = 0
  for (const x of xs) { const d = x - mean; m2 += d * d; m3 += d * d * d }
  return { n, mean, s2: m2 / (n - 1), m3: n > 2 ? (n * m3) / ((n - 1) * (n - 2)) : 0 }
}

/** Student t interval. */
export const tInterval = (xs: ReadonlyArray<number>, level = 0.95): Interval => {
  const { n, mean, s2 } = moments(xs)
  const h = tQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(s2 / n)
  return [mean - h, mean + h]
}

/** Johnson's (1978) skewness-corrected t interval: the centre moves by μ̂₃ / (6 s² n). */
export const johnsonInterval = (xs: ReadonlyArray<number>, level = 0.95): Interval => {
  const { n, mean, s2, m3 } = moments(xs)
  const c = s2 > 0 ? m3 / (6 * s2 * n) : 0
  const h = tQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(s2 / n)
  return [mean + c - h, mean + c + h]
}

/** B bootstrap resamples of xs drawn from `rng`, each mapped by `stat` (NaN drops it), sorted. */
const resampleSorted = (xs: ReadonlyArray<number>, rng: Rng, B: number, stat: (buf: ReadonlyArray<number>, m: ReturnType<typeof moments>) => number): Float64Array => {
  const n = xs.length, out = new Float64Array(B), buf = new Array<number>(n)
  let k = 0
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) buf[i] = xs[Math.floor(rng() * n)]!
    const v = stat(buf, moments(buf))
    if (!Number.isNaN(v)) out[k++] = v
  }
  return out.subarray(0, k).sort()
}

const quantileSorted = (a: Float64Array, p: number): number => {
  const i = Math.min(a.length - 1, Math.max(0, p * (a.length - 1)))
  const lo = Math.floor(i), f = i - lo
  return a[lo]! + f * ((a[Math.min(a.length - 1, lo + 1)] ?? a[lo]!) - a[lo]!)
}

/** Bootstrap-t interval (B resamples drawn from `rng`): studentised resampled means. */
export const bootstrapTInterval = (xs: ReadonlyArray<number>, rng: Rng, level = 0.95, B = 999): Interval => {
  const { n, mean, s2 } = moments(xs)
  const se = Math.sqrt(s2 / n)
  const t = resampleSorted(xs, rng, B, (_, m) => { const s = Math.sqrt(m.s2 / n); return s > 0 ? (m.mean - mean) / s : NaN })
  const k = t.length
  if (k < 10 || se === 0) return [mean, mean]
  const a = (1 - level) / 2
  return [mean - quantileSorted(t, 1 - a) * se, mean - quantileSorted(t, a) * se]
}

/** BCa bootstrap interval (bias-corrected and accelerated; acceleration from the jackknife). */
export const bcaInterval = (xs: ReadonlyArray<number>, rng: Rng, level = 0.95, B = 999): Interval => {
  const n = xs.length
  const { mean } = moments(xs)
  const ms = new Float64Array(B)
  let below = 0
  for (let b = 0; b < B; b++) {
    let s = 0
    for (let i = 0; i < n; i++) s += xs[Math.floor(rng() * n)]!
    ms[b] = s / n
    if (ms[b]! < mean) below++
  }
  ms.sort()
  const z0 = normalQuantile(Math.min(1 - 1e-9, Math.max(1e-9, below / B)))
  const total = xs.reduce((a, x) => a + x, 0)
  const jack = xs.map((x) => (total - x) / (n - 1))
  const jm = jack.reduce((a, x) => a + x, 0) / n
  let num = 0, den = 0
  for (const j of jack) { const d = jm - j; num += d * d * d; den += d * d }
  const acc = den > 0 ? num / (6 * Math.pow(den, 1.5)) : 0
  const at = (z: number) => {
    const w = z0 + (z0 + z) / (1 - acc * (z0 + z))
    return quantileSorted(ms, normalCdf(w))
  }
  const za = normalQuantile((1 - level) / 2)
  return [at(za), at(-za)]
}

/** Sample skewness (adjusted Fisher–Pearson), to decide when the t interval is not to be trusted. */
export const skewness = (xs: ReadonlyArray<number>): number => {
  const { n, s2, m3 } = moments(xs)
  return n > 2 && s2 > 0 ? m3 / Math.pow(s2, 1.5) : 0
}

/**
 * Hall's (1992) transformation of the studentised mean, W = (x̄ − μ)/s:
 * T(W) = W + γW²/3 + γ²W³/27 + γ/(6n), γ = m₃/s³, monotone in W; the interval inverts it at
 * quantiles of √n·T, taken from the bootstrap (Zhou & Dinh 2005) when `rng` is given, else from t.
 */
export const hallInterval = (xs: ReadonlyArray<number>, level = 0.95, rng?: Rng, B = 999): Interval => {
  const { n, mean, s2 } = moments(xs)
  const s = Math.sqrt(s2)
  const gamma = (v: ReadonlyArray<number>, m: number, sd: number) => {
    let m3 = 0
    for (const x of v) m3 += (x - m) ** 3
    return sd > 0 ? m3 / v.length / sd ** 3 : 0
  }
  const g = gamma(xs, mean, s)
  const T = (w: number, gg: number) => w + (gg * w * w) / 3 + (gg * gg * w * w * w) / 27 + gg / (6 * n)
  const Tinv = (t: number, gg: number) => (Math.abs(gg) < 1e-12 ? t - gg / (6 * n) : (3 / gg) * (Math.cbrt(1 + gg * (t - gg / (6 * n))) - 1))
  const a = (1 - level) / 2
  let qLo: number, qHi: number
  if (rng === undefined) {
    const q = tQuantile(1 - a, n - 1)
    qLo = -q; qHi = q
  } else {
    const sorted = resampleSorted(xs, rng, B, (buf, m) => { const sb = Math.sqrt(m.s2); return sb > 0 ? Math.sqrt(n) * T((m.mean - mean) / sb, gamma(buf, m.mean, sb)) : NaN })
    const k = sorted.length
    if (k < 10) return [mean, mean]
    qLo = quantileSorted(sorted, a); qHi = quantileSorted(sorted, 1 - a)
  }
  return [mean - s * Tinv(qHi / Math.sqrt(n), g), mean - s * Tinv(qLo / Math.sqrt(n), g)]
}

/** Cox's interval for the mean of a lognormal output (all values > 0): on logs, ȳ + s²/2 ± t·√(s²/n + s⁴/(2(n−1))). */
export const coxLognormalInterval = (xs: ReadonlyArray<number>, level = 0.95): Interval => {
  if (xs.some((x) => !(x > 0))) return tInterval(xs, level)
  const { n, mean, s2 } = moments(xs.map(Math.log))
  const h = tQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(s2 / n + (s2 * s2) / (2 * (n - 1)))
  return [Math.exp(mean + s2 / 2 - h), Math.exp(mean + s2 / 2 + h)]
}
