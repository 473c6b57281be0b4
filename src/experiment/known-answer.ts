/**
 * A model with a known answer for coverage studies: an M/M/1 queue started in its stationary state
 * (the first customer's wait drawn from the stationary waiting-time distribution), run by the
 * Lindley recursion on the engine's named streams and exponential distribution. Every customer's
 * wait then has the stationary law, so the expected mean wait of N customers is exactly
 * Wq = ρ / (μ − λ) — a strongly right-skewed replication output near saturation — and the expected
 * mean service time is exactly 1/μ (nearly symmetric). Pure.
 */
import { dist, RandomStreams } from "../engine/index.ts"

export interface Mm1Output { readonly meanWait: number; readonly meanService: number }

export const mm1Truth = (lambda: number, mu: number) => ({ meanWait: lambda / mu / (mu - lambda), meanService: 1 / mu })

export const mm1Replication = (lambda: number, mu: number, customers: number, seed: string | number, replication: number): Mm1Output => {
  const streams = new RandomStreams(seed, replication)
  const arr = streams.stream("arrivals"), svc = streams.stream("service"), init = streams.stream("initial")
  const ia = dist.exponential(1 / lambda), st = dist.exponential(1 / mu), w0 = dist.exponential(1 / (mu - lambda))
  const rho = lambda / mu
  let w = init() < rho ? w0.sample(init) : 0
  let sumW = 0, sumS = 0
  for (let i = 0; i < customers; i++) {
    sumW += w
    const s = st.sample(svc)
    sumS += s
    w = Math.max(0, w + s - ia.sample(arr))
  }
  return { meanWait: sumW / customers, meanService: sumS / customers }
}
