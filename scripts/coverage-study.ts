/**
 * Coverage of interval methods on a model with a known answer (src/experiment/known-answer.ts):
 * M/M/1 at ρ = 0.9 started stationary, 200 customers per replication. Metrics: mean wait (strongly
 * skewed; true value ρ/(μ−λ) = 9) and mean service time (nearly symmetric; 1). For n = 5, 10, 20
 * replications and M macro-replications, the share of intervals that contain the true value.
 *
 * The last column is the procedure src/experiment/honest.ts (t, or ≥ 30 replications and Hall's
 * interval at 96 % nominal for skewed outputs) and its mean number of replications.
 *
 *   npx node scripts/coverage-study.ts [--macro 4000] [--customers 200]   (≈ 1 min at the defaults)
 */
import { makeStream } from "../src/engine/index.ts"
import { bcaInterval, bootstrapTInterval, coxLognormalInterval, hallInterval, johnsonInterval, skewness, tInterval, type Interval } from "../src/experiment/intervals.ts"
import { mm1Replication, mm1Truth } from "../src/experiment/known-answer.ts"
import { honestInterval, replicationsNeeded } from "../src/experiment/honest.ts"

const arg = (name: string, def: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def }
const M = arg("macro", 4000), lambda = 0.9, mu = 1, customers = arg("customers", 200)
const truth = mm1Truth(lambda, mu)
const methods: Record<string, (xs: number[], m: number) => Interval> = {
  t: (xs) => tInterval(xs),
  johnson: (xs) => johnsonInterval(xs),
  "bootstrap-t": (xs, m) => bootstrapTInterval(xs, makeStream("coverage", "boot", m)),
  bca: (xs, m) => bcaInterval(xs, makeStream("coverage", "bca", m)),
  hall: (xs) => hallInterval(xs),
  "hall-boot": (xs, m) => hallInterval(xs, 0.95, makeStream("coverage", "hall", m)),
  "cox-lognormal": (xs) => coxLognormalInterval(xs)
}
console.log(`M/M/1 ρ=${lambda / mu}, ${customers} customers/replication, ${M} macro-replications; SE of a 95 % coverage ≈ ${(100 * Math.sqrt(0.95 * 0.05 / M)).toFixed(2)} points`)
console.log("metric        n   skew   " + Object.keys(methods).map((k) => k.padStart(14)).join("") + "     procedure (reps)")
for (const metric of ["meanWait", "meanService"] as const) {
  for (const n of [5, 10, 20]) {
    const hits = Object.fromEntries(Object.keys(methods).map((k) => [k, 0]))
    let skew = 0, proc = 0, procReps = 0
    for (let m = 0; m < M; m++) {
      const xs = Array.from({ length: n }, (_, r) => mm1Replication(lambda, mu, customers, `macro-${m}`, r)[metric])
      const ys = [...xs]
      for (let k = replicationsNeeded(ys); k > ys.length; k = replicationsNeeded(ys)) while (ys.length < k) ys.push(mm1Replication(lambda, mu, customers, `macro-${m}`, ys.length)[metric])
      const [plo, phi] = honestInterval(ys).interval
      if (plo <= truth[metric] && truth[metric] <= phi) proc++
      procReps += ys.length
      if (m < 500) skew += skewness(Array.from({ length: 50 }, (_, r) => mm1Replication(lambda, mu, customers, `skew-${m}`, r)[metric])) / 500
      for (const [k, f] of Object.entries(methods)) { const [lo, hi] = f(xs, m); if (lo <= truth[metric] && truth[metric] <= hi) hits[k]!++ }
    }
    console.log(`${metric.padEnd(12)} ${String(n).padStart(2)}  ${skew.toFixed(2).padStart(5)}   ` + Object.keys(methods).map((k) => `${(100 * hits[k]! / M).toFixed(1)} %`.padStart(14)).join("") + `     ${(100 * proc / M).toFixed(1)} % (${(procReps / M).toFixed(1)})`)
  }
}
