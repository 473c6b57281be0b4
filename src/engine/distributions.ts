/**
 * Distributions as values. Each is an immutable object with its analytic mean and variance (so that
 * tests can hold samples against them) and `sample(rng)`, which draws from the stream it is given: the
 * same distribution object can serve many streams. Constructors validate their parameters and throw
 * EngineArgumentError naming the bad one; sampling never throws.
 */
import { EngineArgumentError, requireFinite, requireNonNegative, requirePositive, requireProbability, requireWeights } from "./errors.ts"
import { exp, log } from "./portable-math.ts"
import type { Rng } from "./random.ts"
import { normalCdf, normalPdf, normalQuantile, logGamma } from "./special.ts"

export interface Distribution {
  readonly kind: string
  readonly mean: number
  readonly variance: number
  sample(rng: Rng): number
  /**
   * Present when `sample(rng)` takes exactly one draw u = rng() and returns fromUniform(u): a caller
   * may take the draw when the stream's order wants it and work the value out later, only if it is
   * needed (the stream moves exactly as with `sample`).
   */
  readonly fromUniform?: (u: number) => number
  /** A short human-readable form, e.g. "lognormal(median 14, p90 30)". */
  describe(): string
}

/** A uniform draw in (0, 1]: safe for logarithms. */
const open01 = (rng: Rng): number => 1 - rng()
/** A uniform draw strictly inside (0, 1): safe for quantile functions (rng() has 32-bit resolution). */
const INNER = 1.1641532182693481e-10
const inner01 = (rng: Rng): number => rng() + INNER

export const exponential = (mean: number, name = "mean"): Distribution => {
  requirePositive(name, mean)
  const fromUniform = (u: number): number => -mean * log(1 - u)
  return {
    kind: "exponential", mean, variance: mean * mean,
    sample: (rng: Rng) => fromUniform(rng()), fromUniform,
    describe: () => `exponential(mean ${mean})`
  }
}

export const deterministic = (value: number, name = "value"): Distribution => {
  requireFinite(name, value)
  return { kind: "deterministic", mean: value, variance: 0, sample: () => value, describe: () => `${value}` }
}

export const uniform = (min: number, max: number): Distribution => {
  requireFinite("min", min); requireFinite("max", max)
  if (!(max >= min)) throw new EngineArgumentError("max", max, `a number ≥ min (${min})`)
  const w = max - min
  const fromUniform = (u: number): number => min + w * u
  return { kind: "uniform", mean: min + w / 2, variance: (w * w) / 12, sample: (rng: Rng) => fromUniform(rng()), fromUniform, describe: () => `uniform(${min}, ${max})` }
}

export const triangular = (min: number, mode: number, max: number): Distribution => {
  requireFinite("min", min); requireFinite("mode", mode); requireFinite("max", max)
  if (!(mode >= min)) throw new EngineArgumentError("mode", mode, `a number ≥ min (${min})`)
  if (!(max >= mode)) throw new EngineArgumentError("max", max, `a number ≥ mode (${mode})`)
  if (!(max > min)) throw new EngineArgumentError("max", max, `a number > min (${min})`)
  const w = max - min, fc = (mode - min) / w
  const fromUniform = (u: number): number => (u < fc ? min + Math.sqrt(u * w * (mode - min)) : max - Math.sqrt((1 - u) * w * (max - mode)))
  return {
    kind: "triangular",
    mean: (min + mode + max) / 3,
    variance: (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18,
    sample: (rng: Rng) => fromUniform(rng()), fromUniform,
    describe: () => `triangular(${min}, ${mode}, ${max})`
  }
}

/** Normal, optionally truncated to [min, max]; sampled by inversion (one uniform per draw). */
export const normal = (mean: number, sd: number, truncation: { min?: number; max?: number } = {}): Distribution => {
  requireFinite("mean", mean); requireNonNegative("sd", sd)
  const lo = truncation.min ?? -Infinity, hi = truncation.max ?? Infinity
  if (truncation.min !== undefined) requireFinite("min", lo)
  if (truncation.max !== undefined) requireFinite("max", hi)
  if (!(hi > lo)) throw new EngineArgumentError("max", hi, `a number > min (${lo})`)
  if (sd === 0) {
    if (mean < lo || mean > hi) throw new EngineArgumentError("mean", mean, `a value inside [${lo}, ${hi}] when sd is 0`)
    return deterministic(mean)
  }
  const a = (lo - mean) / sd, b = (hi - mean) / sd
  const pa = normalCdf(a), pb = normalCdf(b), z = pb - pa
  if (!(z > 1e-12)) throw new EngineArgumentError("min", lo, "a truncation interval that keeps some probability mass")
  const fa = Number.isFinite(a) ? normalPdf(a) : 0, fb = Number.isFinite(b) ? normalPdf(b) : 0
  const afa = Number.isFinite(a) ? a * fa : 0, bfb = Number.isFinite(b) ? b * fb : 0
  const m = mean + (sd * (fa - fb)) / z
  const v = sd * sd * (1 + (afa - bfb) / z - ((fa - fb) / z) ** 2)
  const truncated = Number.isFinite(lo) || Number.isFinite(hi)
  const fromUniform = (u: number): number => {
    const x = mean + sd * normalQuantile(pa + z * (u + INNER))
    return x < lo ? lo : x > hi ? hi : x
  }
  return {
    kind: truncated ? "truncated-normal" : "normal", mean: m, variance: v,
    sample: (rng: Rng) => fromUniform(rng()), fromUniform,
    describe: () => truncated ? `normal(${mean}, sd ${sd}) on [${lo}, ${hi}]` : `normal(${mean}, sd ${sd})`
  }
}

const lognormalFromMuSigma = (mu: number, sigma: number, label: string): Distribution => {
  const fromUniform = (u: number): number => exp(mu + sigma * normalQuantile(u + INNER))
  return {
    kind: "lognormal",
    mean: exp(mu + (sigma * sigma) / 2),
    variance: (exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma),
    sample: (rng: Rng) => fromUniform(rng()), fromUniform,
    describe: () => label
  }
}

/** Lognormal from its mean and standard deviation. */
export const lognormal = (mean: number, sd: number): Distribution => {
  requirePositive("mean", mean); requirePositive("sd", sd)
  const s2 = log(1 + (sd * sd) / (mean * mean))
  return lognormalFromMuSigma(log(mean) - s2 / 2, Math.sqrt(s2), `lognormal(mean ${mean}, sd ${sd})`)
}

const Z90 = 1.2815515655446004
/** Lognormal from its median and 90th percentile (p90 > median). */
export const lognormalFromMedianP90 = (median: number, p90: number): Distribution => {
  requirePositive("median", median); requirePositive("p90", p90)
  if (!(p90 > median)) throw new EngineArgumentError("p90", p90, `a number > median (${median})`)
  return lognormalFromMuSigma(log(median), log(p90 / median) / Z90, `lognormal(median ${median}, p90 ${p90})`)
}

const standardNormal = (rng: Rng): number => normalQuantile(inner01(rng))

/** Gamma(shape k, scale θ): mean kθ, variance kθ². Marsaglia–Tsang. */
export const gamma = (shape: number, scale: number): Distribution => {
  requirePositive("shape", shape); requirePositive("scale", scale)
  const k = shape < 1 ? shape + 1 : shape
  const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d)
  const draw = (rng: Rng): number => {
    for (;;) {
      let x: number, v: number
      do { x = standardNormal(rng); v = 1 + c * x } while (v <= 0)
      v = v * v * v
      const u = open01(rng)
      if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v
    }
  }
  return {
    kind: "gamma", mean: shape * scale, variance: shape * scale * scale,
    sample: shape < 1 ? (rng) => scale * draw(rng) * Math.pow(open01(rng), 1 / shape) : (rng) => scale * draw(rng),
    describe: () => `gamma(shape ${shape}, scale ${scale})`
  }
}

/** Poisson(mean): multiplication method below 30, PTRS (Hörmann 1993) above. */
export const poisson = (mean: number): Distribution => {
  requireNonNegative("mean", mean)
  if (mean === 0) return { kind: "poisson", mean: 0, variance: 0, sample: () => 0, describe: () => "poisson(0)" }
  let sample: (rng: Rng) => number
  if (mean < 30) {
    const L = exp(-mean)
    sample = (rng) => {
      let k = 0, p = rng()
      while (p > L) { k++; p *= rng() }
      return k
    }
  } else {
    const slam = Math.sqrt(mean), loglam = log(mean)
    const b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b, invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2)
    sample = (rng) => {
      for (;;) {
        const u = rng() - 0.5, v = open01(rng), us = 0.5 - Math.abs(u)
        const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43)
        if (us >= 0.07 && v <= vr) return k
        if (k < 0 || (us < 0.013 && v > us)) continue
        if (log(v) + log(invalpha) - log(a / (us * us) + b) <= -mean + k * loglam - logGamma(k + 1)) return k
      }
    }
  }
  return { kind: "poisson", mean, variance: mean, sample, describe: () => `poisson(${mean})` }
}

export const bernoulli = (p: number, name = "p"): Distribution => {
  requireProbability(name, p)
  return { kind: "bernoulli", mean: p, variance: p * (1 - p), sample: (rng) => (rng() < p ? 1 : 0), describe: () => `bernoulli(${p})` }
}

/** A discrete distribution over `values` with the given non-negative `weights` (normalised). */
export const discrete = (values: ReadonlyArray<number>, weights: ReadonlyArray<number>): Distribution => {
  requireWeights("weights", weights)
  if (values.length !== weights.length) throw new EngineArgumentError("values", values, `as many values as weights (${weights.length})`)
  values.forEach((v, i) => requireFinite(`values[${i}]`, v))
  const total = weights.reduce((s, w) => s + w, 0)
  const cum = new Float64Array(weights.length)
  let acc = 0, m = 0, m2 = 0
  for (let i = 0; i < weights.length; i++) {
    const p = weights[i]! / total
    acc += p; cum[i] = acc
    m += p * values[i]!; m2 += p * values[i]! * values[i]!
  }
  cum[cum.length - 1] = 1
  const vals = Float64Array.from(values)
  const fromUniform = (u: number): number => {
    let lo = 0, hi = cum.length - 1
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid]! > u) hi = mid; else lo = mid + 1 }
    return vals[lo]!
  }
  return {
    kind: "discrete", mean: m, variance: Math.max(0, m2 - m * m),
    sample: (rng: Rng) => fromUniform(rng()), fromUniform,
    describe: () => `discrete(${values.map((v, i) => `${v}:${weights[i]}`).join(", ")})`
  }
}

/** An empirical distribution: resamples the given observations with equal weight. */
export const empirical = (observations: ReadonlyArray<number>): Distribution => {
  if (!Array.isArray(observations) || observations.length === 0) throw new EngineArgumentError("observations", observations, "at least one observation")
  return { ...discrete(observations, observations.map(() => 1)), kind: "empirical", describe: () => `empirical(${observations.length} observations)` }
}
