/** Special functions used by distributions and confidence intervals. Pure, no dependencies. */
import { exp, log } from "./portable-math.ts"

/** Standard normal density. */
export const normalPdf = (x: number): number => exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)

/** erfc with relative error < 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit). */
export const erfc = (x: number): number => {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r = t * exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
  return x >= 0 ? r : 2 - r
}

/** Standard normal CDF. */
export const normalCdf = (x: number): number => 0.5 * erfc(-x / Math.SQRT2)

// Acklam's coefficients (module constants: nothing is allocated per call)
const QA = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
const QB = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
const QC = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
const QD = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]

/**
 * Standard normal quantile (Acklam's rational approximation, relative error < 1.15e-9). No refinement
 * step: a Halley step against the erfc above (error 1.2e-7) would make it less accurate, and slower.
 */
export const normalQuantile = (p: number): number => {
  if (p <= 0) return -Infinity
  if (p >= 1) return Infinity
  const pl = 0.02425
  let x: number
  if (p < pl) {
    const q = Math.sqrt(-2 * log(p))
    x = (((((QC[0]! * q + QC[1]!) * q + QC[2]!) * q + QC[3]!) * q + QC[4]!) * q + QC[5]!) / ((((QD[0]! * q + QD[1]!) * q + QD[2]!) * q + QD[3]!) * q + 1)
  } else if (p <= 1 - pl) {
    const q = p - 0.5, r = q * q
    x = (((((QA[0]! * r + QA[1]!) * r + QA[2]!) * r + QA[3]!) * r + QA[4]!) * r + QA[5]!) * q /
      (((((QB[0]! * r + QB[1]!) * r + QB[2]!) * r + QB[3]!) * r + QB[4]!) * r + 1)
  } else {
    const q = Math.sqrt(-2 * log(1 - p))
    x = -(((((QC[0]! * q + QC[1]!) * q + QC[2]!) * q + QC[3]!) * q + QC[4]!) * q + QC[5]!) / ((((QD[0]! * q + QD[1]!) * q + QD[2]!) * q + QD[3]!) * q + 1)
  }
  return x
}

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export const logGamma = (x: number): number => {
  const g = LANCZOS
  if (x < 0.5) return log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x)
  x -= 1
  let a = g[0]!
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += g[i]! / (x + i)
  return 0.5 * log(2 * Math.PI) + (x + 0.5) * log(t) - t + log(a)
}

/** Regularized incomplete beta I_x(a, b) by Lentz's continued fraction. */
export const incompleteBeta = (x: number, a: number, b: number): number => {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const bt = exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log(1 - x))
  const cf = (x: number, a: number, b: number): number => {
    const tiny = 1e-300
    let c = 1, d = 1 - ((a + b) * x) / (a + 1)
    if (Math.abs(d) < tiny) d = tiny
    d = 1 / d
    let h = d
    for (let m = 1; m <= 300; m++) {
      const m2 = 2 * m
      let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
      d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny
      c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny
      d = 1 / d; h *= d * c
      aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
      d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny
      c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny
      d = 1 / d
      const del = d * c
      h *= del
      if (Math.abs(del - 1) < 3e-16) break
    }
    return h
  }
  return x < (a + 1) / (a + b + 2) ? (bt * cf(x, a, b)) / a : 1 - (bt * cf(1 - x, b, a)) / b
}

/** Student t CDF with df degrees of freedom. */
export const studentTCdf = (t: number, df: number): number => {
  const x = df / (df + t * t)
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

/** Student t quantile (bisection on the CDF; exact to ~1e-12). */
export const studentTQuantile = (p: number, df: number): number => {
  if (!(df > 0)) return NaN
  if (p <= 0) return -Infinity
  if (p >= 1) return Infinity
  if (p === 0.5) return 0
  let lo = -1, hi = 1
  while (studentTCdf(lo, df) > p) lo *= 2
  while (studentTCdf(hi, df) < p) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(lo)); i++) {
    const mid = 0.5 * (lo + hi)
    if (studentTCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return 0.5 * (lo + hi)
}

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ (requires a < c). */
export const erlangC = (c: number, a: number): number => {
  // Erlang B by the stable recursion, then C from B
  let b = 1
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b)
  const rho = a / c
  return b / (1 - rho + rho * b)
}
