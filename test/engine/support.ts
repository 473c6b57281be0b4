/**
 * Shared helpers for the engine tests: confidence intervals and small reference models built on the
 * public engine API. Not a test file itself (vitest collects test/**\/*.test.ts only).
 */
import { RandomStreams, ServerPool, Simulation, dist, normalQuantile, studentTQuantile, type Queue } from "../../src/engine/index.ts"

export interface Interval {
  readonly mean: number
  readonly halfWidth: number
  readonly lo: number
  readonly hi: number
  readonly n: number
}

/** Two-sided Student-t confidence interval for the mean of iid samples at level `conf` (e.g. 0.999). */
export const tInterval = (xs: ReadonlyArray<number>, conf: number): Interval => {
  const n = xs.length
  if (n < 2) throw new Error("tInterval needs at least 2 samples")
  let m = 0
  for (const x of xs) m += x
  m /= n
  let ss = 0
  for (const x of xs) ss += (x - m) * (x - m)
  const sd = Math.sqrt(ss / (n - 1))
  const h = studentTQuantile(1 - (1 - conf) / 2, n - 1) * (sd / Math.sqrt(n))
  return { mean: m, halfWidth: h, lo: m - h, hi: m + h, n }
}

/** Two-sided standard normal critical value for level `conf` (3.2905 for 0.999). */
export const zCritical = (conf: number): number => normalQuantile(1 - (1 - conf) / 2)

/**
 * Chi-square quantile by the Wilson–Hilferty cube approximation (relative error < 1e-3 for df ≥ 30,
 * far below the width of the acceptance regions it is used for).
 */
export const chiSquareQuantile = (p: number, df: number): number => {
  const z = normalQuantile(p)
  const k = 2 / (9 * df)
  return df * (1 - k + z * Math.sqrt(k)) ** 3
}

/** Stationary distribution of the number in system of M/M/c with offered load a = λ/μ < c, truncated where negligible. */
export const mmcStationary = (c: number, a: number): Float64Array => {
  const rho = a / c
  const terms: number[] = []
  let p = 1 // unnormalised a^n / n! for n ≤ c, then × ρ per step
  for (let n = 0; ; n++) {
    terms.push(p)
    if (n >= c && p < 1e-17 * terms[c]! && n > c + 10) break
    p = n + 1 <= c ? (p * a) / (n + 1) : p * rho
  }
  const total = terms.reduce((s, x) => s + x, 0)
  return Float64Array.from(terms, (x) => x / total)
}

/** P(wait > 0) and E[Wq] of M/M/c computed directly from the stationary distribution (independent of erlangC). */
export const mmcDirect = (lambda: number, mu: number, c: number): { pWait: number; wq: number; lq: number } => {
  const p = mmcStationary(c, lambda / mu)
  let pWait = 0, lq = 0
  for (let n = c; n < p.length; n++) { pWait += p[n]!; lq += (n - c) * p[n]! }
  return { pWait, wq: lq / lambda, lq }
}

/** Draws from a discrete distribution given by probabilities (inversion). */
const drawIndex = (probs: Float64Array, u: number): number => {
  let acc = 0
  for (let i = 0; i < probs.length; i++) { acc += probs[i]!; if (u < acc) return i }
  return probs.length - 1
}

export interface QueueRunResult {
  /** Mean wait in queue of the customers that arrived in [0, horizon). */
  readonly meanWait: number
  readonly arrivals: number
  /** Time-average of ServerPool.queueLevel over [0, horizon]. */
  readonly meanQueue: number
  /** Per-class mean waits (priority runs). */
  readonly classWaits: number[]
  readonly classCounts: number[]
}

export interface QueueRunOptions {
  /** Arrival rate of each class (one class: plain M/M/c). */
  readonly lambdas: ReadonlyArray<number>
  readonly mu: number
  readonly c: number
  readonly horizon: number
  /** Waits of customers arriving before this time are not counted. */
  readonly warmup?: number
  /** Start in the stationary distribution of M/M/c (initial customers are not counted). */
  readonly stationaryStart?: boolean
  readonly queue?: Queue
  readonly seed: string | number
  readonly replication: number
}

/**
 * M/M/c (optionally with priority classes sharing a PriorityClassQueue) on the engine's ServerPool.
 * Arrivals stop at `horizon`; the run continues until every counted customer has started service, so
 * that each counted wait is complete.
 */
export const runQueue = (o: QueueRunOptions): QueueRunResult => {
  const sim = new Simulation()
  const streams = new RandomStreams(o.seed, o.replication)
  const serviceRng = streams.stream("service")
  const service = dist.exponential(1 / o.mu)
  const K = o.lambdas.length
  const warmup = o.warmup ?? 0
  const arrivedAt: number[] = []
  const cls: number[] = []
  const waitSum = new Float64Array(K), waitN = new Float64Array(K)
  const pool = new ServerPool(sim, {
    name: "pool", servers: o.c, ...(o.queue === undefined ? {} : { queue: o.queue }),
    serviceTime: () => service.sample(serviceRng),
    onStart: (id) => {
      const a = arrivedAt[id]!
      if (a >= warmup) { const k = cls[id]!; waitSum[k] = waitSum[k]! + sim.now - a; waitN[k] = waitN[k]! + 1 }
    },
    onComplete: () => {}
  })
  if (o.stationaryStart === true) {
    const lambda = o.lambdas.reduce((s, x) => s + x, 0)
    const p = mmcStationary(o.c, lambda / o.mu)
    const n0 = drawIndex(p, streams.stream("initial")())
    for (let i = 0; i < n0; i++) { arrivedAt.push(-Infinity); cls.push(0); pool.request(arrivedAt.length - 1, 0) }
  }
  let horizonQueueMean = NaN
  const end = sim.register("end", () => { horizonQueueMean = pool.queueLevel.mean(sim.now) })
  sim.at(o.horizon, end)
  for (let k = 0; k < K; k++) {
    const rng = streams.stream(`arrivals/${k}`)
    const gap = dist.exponential(1 / o.lambdas[k]!)
    const kind = sim.register(`arrival/${k}`, () => {
      arrivedAt.push(sim.now); cls.push(k)
      pool.request(arrivedAt.length - 1, k)
      const t = sim.now + gap.sample(rng)
      if (t < o.horizon) sim.at(t, kind)
    })
    const t0 = gap.sample(rng)
    if (t0 < o.horizon) sim.at(t0, kind)
  }
  sim.run()
  let s = 0, n = 0
  for (let k = 0; k < K; k++) { s += waitSum[k]!; n += waitN[k]! }
  return {
    meanWait: s / n, arrivals: n, meanQueue: horizonQueueMean,
    classWaits: Array.from(waitSum, (x, k) => x / waitN[k]!), classCounts: Array.from(waitN)
  }
}
