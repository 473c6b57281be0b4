/**
 * The engine against queueing theory and Poisson-process theory.
 *
 * How the statistical checks are built. Every random quantity comes from RandomStreams with a fixed
 * master seed, so the suite is deterministic; the false-alarm rates below are the probability that the
 * fixed seeds were unlucky when the tests were written (with correct code, a check fails with at most
 * that probability over the choice of seed).
 *  - Queues (M/M/1, M/M/c, priority M/M/c): R = 30 independent replications (replication index r of
 *    RandomStreams). M/M/1 and M/M/c runs start in the stationary distribution of the number in system,
 *    drawn from the exact p_n (so no warm-up bias); the priority runs start empty and delete a warm-up.
 *    Each replication gives one mean wait; a two-sided Student-t interval at 99.9 % must contain the
 *    theoretical value. 7 mean waits + 7 time-average queue lengths + 3 priority classes = 17 checks
 *    at α = 0.001.
 *  - Counts (NHPP months and spikes, M_t/M/∞ occupancy, histogram quantiles): the sum of R independent
 *    Poisson counts is exactly Poisson, so a z-test with the known variance is used at 99.99 %
 *    (|z| ≤ 3.89), plus χ² dispersion tests at 99.99 %. 12 months + 2 spikes + 1 dispersion + 1 tiny
 *    interval + 4 phases + 1 dispersion + 4 quantiles = 25 checks at α = 0.0001.
 *  Family-wise false-alarm rate of this file (Bonferroni): 17 × 0.001 + 25 × 0.0001 = 1.95 %.
 * Deterministic checks (Erlang C values, Little's law on the sample path, the daily-slot recursion,
 * histogram vs the sorted sample) have no false-alarm rate.
 *
 * Power: the 99.9 % half-widths are ≈ 1.5–3 % of the theoretical wait at ρ ≤ 0.8 and ≈ 3–4 % at ρ = 0.95,
 * where a bug is amplified most (a service-time mean 2 % too long raises Wq of M/M/1 at ρ = 0.95 by 68 %).
 */
import { describe, expect, test } from "vitest"
import {
  DailySlotServer, FifoQueue, Histogram, NhppArrivals, PiecewiseRate, PriorityClassQueue, RandomStreams, ServerPool,
  Simulation, ThinningArrivals, dist, erlangC, makeStream
} from "../../src/engine/index.ts"
import { chiSquareQuantile, mmcDirect, runQueue, tInterval, zCritical, type Interval } from "./support.ts"

const CONF = 0.999 // per queue check
const Z4 = zCritical(0.9999) // 3.8906, per count check
const R = 30 // replications per queue check

const show = (ci: Interval, theory: number): string =>
  `theory ${theory.toFixed(5)}, estimate ${ci.mean.toFixed(5)} ± ${ci.halfWidth.toFixed(5)} (${((100 * ci.halfWidth) / theory).toFixed(2)} %)`

const expectInside = (ci: Interval, theory: number): void => {
  expect(theory, show(ci, theory)).toBeGreaterThanOrEqual(ci.lo)
  expect(theory, show(ci, theory)).toBeLessThanOrEqual(ci.hi)
}

/** z-test of an observed Poisson total against its mean. */
const expectPoisson = (observed: number, mean: number, label: string): void => {
  const z = (observed - mean) / Math.sqrt(mean)
  expect(Math.abs(z), `${label}: observed ${observed}, expected ${mean.toFixed(1)}, z = ${z.toFixed(2)}`).toBeLessThanOrEqual(Z4)
}

describe("Erlang C", () => {
  // Exact values from the textbook formula C(c, a) = [a^c/c! · c/(c−a)] / [Σ_{k<c} a^k/k! + a^c/c! · c/(c−a)],
  // worked by hand: C(1, ρ) = ρ; C(2, 1) = 1/(1+1+1) = 1/3; C(3, 2) = 4/(1+2+2+4) = 4/9; C(2, 1.5) = 4.5/(1+1.5+4.5) = 9/14.
  test.each([
    [1, 0.3, 0.3], [1, 0.95, 0.95], [2, 1, 1 / 3], [3, 2, 4 / 9], [2, 1.5, 9 / 14]
  ])("C(%i, %f) = %f", (c, a, expected) => {
    expect(erlangC(c, a)).toBeCloseTo(expected, 12)
  })

  test("matches P(N ≥ c) summed from the stationary distribution, for c up to 50 and ρ up to 0.99", () => {
    for (const c of [1, 2, 3, 5, 10, 25, 50]) {
      for (const rho of [0.1, 0.5, 0.8, 0.95, 0.99]) {
        const direct = mmcDirect(rho * c, 1, c).pWait
        expect(Math.abs(erlangC(c, rho * c) - direct), `c ${c}, ρ ${rho}`).toBeLessThan(1e-10)
      }
    }
  })
})

describe("M/M/1 and M/M/c mean wait in queue (Erlang C), stationary start, 30 replications", () => {
  // horizon per replication chosen for a 99.9 % half-width of ≈ 1.5–3 % (ρ ≤ 0.8) and ≈ 3–4 % (ρ = 0.95)
  const cases = [
    { c: 1, lambda: 0.5, horizon: 110_000 },
    { c: 1, lambda: 0.8, horizon: 130_000 },
    { c: 1, lambda: 0.95, horizon: 680_000 },
    { c: 3, lambda: 2.1, horizon: 52_000 },
    { c: 3, lambda: 2.85, horizon: 250_000 },
    { c: 10, lambda: 8, horizon: 17_500 },
    { c: 10, lambda: 9.5, horizon: 88_000 }
  ]
  test.each(cases)("c = $c, λ = $lambda, μ = 1", ({ c, lambda, horizon }) => {
    const mu = 1
    const wq = erlangC(c, lambda / mu) / (c * mu - lambda)
    const waits: number[] = [], queues: number[] = []
    for (let r = 0; r < R; r++) {
      const x = runQueue({ lambdas: [lambda], mu, c, horizon, stationaryStart: true, seed: `validation/mmc/${c}/${lambda}`, replication: r })
      waits.push(x.meanWait)
      queues.push(x.meanQueue)
    }
    expectInside(tInterval(waits, CONF), wq)
    // time-average queue length (ServerPool.queueLevel) against Lq = λ Wq
    expectInside(tInterval(queues, CONF), lambda * wq)
  })
})

describe("non-preemptive priority M/M/c (Cobham)", () => {
  test("c = 3, μ = 1, three classes λ = (0.6, 0.9, 0.9), ρ = 0.8: W_k = C(c, a) / (cμ (1 − σ_{k−1})(1 − σ_k))", () => {
    const lambdas = [0.6, 0.9, 0.9], c = 3, mu = 1
    const a = lambdas.reduce((s, x) => s + x, 0) / mu
    const C = erlangC(c, a)
    let sigma = 0
    const theory = lambdas.map((l) => {
      const before = sigma
      sigma += l / (c * mu)
      return C / (c * mu * (1 - before) * (1 - sigma))
    })
    const perClass: number[][] = lambdas.map(() => [])
    for (let r = 0; r < R; r++) {
      // starts empty; waits of customers arriving in the first 500 time units (≫ the relaxation time) are dropped
      const x = runQueue({ lambdas, mu, c, horizon: 40_000, warmup: 500, queue: new PriorityClassQueue(3), seed: "validation/priority", replication: r })
      x.classWaits.forEach((w, k) => perClass[k]!.push(w))
    }
    perClass.forEach((ws, k) => expectInside(tInterval(ws, CONF), theory[k]!))
    // the classes really are ordered (a FIFO queue would give all three the same wait)
    expect(theory[0]! < theory[1]! && theory[1]! < theory[2]!).toBe(true)
  })
})

describe("Little's law on one sample path", () => {
  test("∫ queueLevel dt = Σ time spent waiting before the horizon, and L̄ = λ̂ W̄ exactly (M/M/4, ρ = 0.9)", () => {
    const sim = new Simulation()
    const streams = new RandomStreams("validation/little", 0)
    const arrRng = streams.stream("arrivals"), svcRng = streams.stream("service")
    const gap = dist.exponential(1 / 3.6), service = dist.exponential(1)
    const H = 20_000
    const arrivedAt: number[] = [], startedAt: number[] = []
    const pool = new ServerPool(sim, {
      name: "little", servers: 4,
      serviceTime: () => service.sample(svcRng),
      onStart: (id) => { startedAt[id] = sim.now },
      onComplete: () => {}
    })
    const arrive = sim.register("arrive", () => {
      arrivedAt.push(sim.now); startedAt.push(NaN)
      pool.request(arrivedAt.length - 1)
      sim.after(gap.sample(arrRng), arrive)
    })
    sim.at(0, arrive)
    sim.runUntil(H)
    let area = 0
    for (let i = 0; i < arrivedAt.length; i++) {
      const s = startedAt[i]!
      area += (Number.isNaN(s) ? H : s) - arrivedAt[i]!
    }
    const n = arrivedAt.length
    expect(n).toBeGreaterThan(60_000)
    expect(Math.abs(pool.queueLevel.integral(H) - area)).toBeLessThan(1e-9 * area)
    // L̄ = λ̂ W̄ with λ̂ = n / H and W̄ the mean time waited within [0, H]
    expect(pool.queueLevel.mean(H)).toBeCloseTo((n / H) * (area / n), 9)
    // …and the path is not trivial: most customers waited (P(wait) = C(4, 3.6) ≈ 0.75)
    const waited = startedAt.filter((s, i) => !(s === arrivedAt[i])).length
    expect(waited / n).toBeGreaterThan(0.5)
  })
})

describe("non-homogeneous Poisson arrivals (NhppArrivals on a PiecewiseRate)", () => {
  // a student season: weights per month (Jan … Dec), peaking in June–August
  const weights = [2, 2, 3, 4, 6, 10, 12, 9, 5, 3, 2, 2]
  const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  const monthStart = monthDays.map((_, m) => monthDays.slice(0, m).reduce((s, d) => s + d, 0))
  const annual = 12_000
  const wsum = weights.reduce((s, w) => s + w, 0)
  const baseCount = weights.map((w) => (annual * w) / wsum)
  const baseRate = baseCount.map((n, m) => n / monthDays[m]!)
  // spikes on top of the season: a full day (day 200 = 20 July) and one hour (day 300, 06:00–07:00)
  const spikes = [
    { from: 200, to: 201, extra: 400 },
    { from: 300.25, to: 300.25 + 1 / 24, extra: 2_400 }
  ]
  const cuts = [...new Set([...monthStart, ...spikes.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b)
  const rateAt = (t: number): number => {
    let m = 11
    while (monthStart[m]! > t) m--
    return baseRate[m]! + spikes.reduce((s, sp) => s + (t >= sp.from && t < sp.to ? sp.extra : 0), 0)
  }
  const rate = new PiecewiseRate(cuts, cuts.map(rateAt), 365)
  const monthMean = baseCount.map((n, m) => n + spikes.reduce((s, sp) => s + (sp.from >= monthStart[m]! && sp.from < monthStart[m]! + monthDays[m]! ? sp.extra * (sp.to - sp.from) : 0), 0))
  const reps = 400

  // the replications, simulated once on first use
  let memo: { counts: Float64Array[]; spikeCounts: Float64Array[] } | undefined
  const simulate = () => {
    if (memo !== undefined) return memo
    const counts = Array.from({ length: 12 }, () => new Float64Array(reps))
    const spikeCounts = spikes.map(() => new Float64Array(reps))
    for (let r = 0; r < reps; r++) {
      const arr = new NhppArrivals(rate, makeStream("validation/nhpp", "arrivals", r))
      let m = 0
      for (let t = arr.next(); t < Infinity; t = arr.next()) {
        while (m < 11 && t >= monthStart[m + 1]!) m++
        counts[m]![r]!++
        spikes.forEach((sp, k) => { if (t >= sp.from && t < sp.to) spikeCounts[k]![r]!++ })
      }
    }
    memo = { counts, spikeCounts }
    return memo
  }

  test("the rate integrates to the intended monthly means (independent arithmetic)", () => {
    for (let m = 0; m < 12; m++) {
      expect(rate.integral(monthStart[m]!, monthStart[m]! + monthDays[m]!)).toBeCloseTo(monthMean[m]!, 8)
    }
    expect(rate.integral(0, 365)).toBeCloseTo(annual + 400 + 100, 8)
  })

  test("monthly counts have mean = ∫ rate over the month (400 replications, exact Poisson z-test per month)", () => {
    const { counts } = simulate()
    for (let m = 0; m < 12; m++) {
      const total = counts[m]!.reduce((s, x) => s + x, 0)
      expectPoisson(total, reps * monthMean[m]!, `month ${m + 1}`)
    }
  })

  test("dispersion index var/mean ≈ 1: Σ_months Σ_reps (n − n̄)² / Λ_m is χ² with 12 (R − 1) df", () => {
    const { counts } = simulate()
    let stat = 0
    for (let m = 0; m < 12; m++) {
      const c = counts[m]!
      const mean = c.reduce((s, x) => s + x, 0) / reps
      for (const x of c) stat += (x - mean) ** 2 / monthMean[m]!
    }
    const df = 12 * (reps - 1)
    // two-sided 99.99 %: the pooled dispersion index must lie within ≈ ±8 % of 1
    expect(stat, `dispersion index ${(stat / df).toFixed(4)}`).toBeGreaterThan(chiSquareQuantile(0.00005, df))
    expect(stat, `dispersion index ${(stat / df).toFixed(4)}`).toBeLessThan(chiSquareQuantile(0.99995, df))
  })

  test("a one-day spike and a one-hour spike are represented (z-test on the counts inside each)", () => {
    const { spikeCounts } = simulate()
    spikes.forEach((sp, k) => {
      const expected = reps * rate.integral(sp.from, sp.to)
      // the spike carries most of the expected count (the season's base rate in July is ≈ 77 a day),
      // so an NHPP that stepped over it would miss by hundreds of standard deviations
      expect((sp.extra * (sp.to - sp.from) * reps) / expected).toBeGreaterThan(0.8)
      expectPoisson(spikeCounts[k]!.reduce((s, x) => s + x, 0), expected, `spike ${k}`)
    })
  })

  test("no arrivals in a zero-rate interval, none after the end, and a tiny interval is not skipped", () => {
    // [0,1) rate 5, [1,2) closed, [2, 2 + 1e−6) rate 1e8 (100 expected), then rate 5 to the end at 4
    const r = new PiecewiseRate([0, 1, 2, 2 + 1e-6, 3], [5, 0, 1e8, 5, 5], 4)
    let inZero = 0, inTiny = 0, total = 0, outside = 0, backwards = 0
    for (let rep = 0; rep < 200; rep++) {
      const a = new NhppArrivals(r, makeStream("validation/nhpp-edges", "a", rep))
      let prev = -Infinity
      for (let t = a.next(); t < Infinity; t = a.next()) {
        total++
        if (!(t >= 0 && t < 4)) outside++
        if (!(t > prev)) backwards++
        if (t >= 1 && t < 2) inZero++
        if (t >= 2 && t < 2 + 1e-6) inTiny++
        prev = t
      }
      expect(a.next()).toBe(Infinity) // stays exhausted
    }
    expect(inZero).toBe(0)
    expect(outside).toBe(0)
    expect(backwards).toBe(0)
    // 200 replications × 100 expected arrivals in the 1e-6-day interval
    expectPoisson(inTiny, 200 * 100, "tiny interval")
    expect(total).toBeGreaterThan(0)
  })
})

describe("M_t/M/∞ with a sinusoidal rate (ThinningArrivals)", () => {
  // λ(t) = a + b sin(2πt/T); each arrival stays Exp(μ). In periodic steady state the number present is
  // Poisson with mean m(t) = a/μ + b (μ sin ωt − ω cos ωt) / (μ² + ω²), ω = 2π/T.
  const a = 100, b = 80, T = 1, mu = 3, omega = (2 * Math.PI) / T
  const m = (t: number): number => a / mu + (b * (mu * Math.sin(omega * t) - omega * Math.cos(omega * t))) / (mu * mu + omega * omega)
  const warm = 10 // μ·warm = 30: the start-up transient is e^{−30} m(0) < 1e−11
  const phases = [0, 0.25, 0.5, 0.75]
  const reps = 1_000

  test("mean number in system at four phases = m(t) (z-test), and Poisson dispersion at the peak", () => {
    const observed = phases.map(() => new Float64Array(reps))
    for (let r = 0; r < reps; r++) {
      const sim = new Simulation()
      const streams = new RandomStreams("validation/mtinf", r)
      const arrivals = new ThinningArrivals((t) => a + b * Math.sin(omega * t), a + b, 0, warm + T, streams.stream("arrivals"))
      const stay = dist.exponential(1 / mu)
      const stayRng = streams.stream("service")
      let inSystem = 0
      const depart = sim.register("depart", () => { inSystem-- })
      const arrive = sim.register("arrive", () => {
        inSystem++
        sim.after(stay.sample(stayRng), depart)
        const t = arrivals.next()
        if (t < Infinity) sim.at(t, arrive)
      })
      const look = sim.register("look", (k) => { observed[k]![r] = inSystem })
      phases.forEach((p, k) => sim.at(warm + p * T, look, k))
      const t0 = arrivals.next()
      if (t0 < Infinity) sim.at(t0, arrive)
      sim.runUntil(warm + T)
    }
    phases.forEach((p, k) => {
      const total = observed[k]!.reduce((s, x) => s + x, 0)
      expectPoisson(total, reps * m(warm + p * T), `phase ${p}`)
    })
    // the four phases really differ (the amplitude of m is b/√(μ²+ω²) ≈ 11.5 around a/μ ≈ 33.3)
    expect(m(warm + 0.5) - m(warm)).toBeGreaterThan(20)
    // Poisson: (R − 1) s² / m ~ χ²_{R−1} at the phase with the largest mean
    const x = observed[2]!, mean = x.reduce((s, v) => s + v, 0) / reps
    const stat = x.reduce((s, v) => s + (v - mean) ** 2, 0) / m(warm + 0.5)
    expect(stat).toBeGreaterThan(chiSquareQuantile(0.00005, reps - 1))
    expect(stat).toBeLessThan(chiSquareQuantile(0.99995, reps - 1))
  })
})

describe("DailySlotServer", () => {
  test("N slots a day serve min(N, backlog) in FIFO order at the scheduled times (exact recursion, 300 days)", () => {
    const N = 5, openAt = 0.5, len = 0.25, lambda = 4.4, days = 300
    const capacity = (d: number) => (d % 7 === 5 || d % 7 === 6 ? 0 : N) // closed at weekends
    const sim = new Simulation()
    const rng = makeStream("validation/slots", "arrivals", 0)
    const gap = dist.exponential(1 / lambda)
    const queue = new FifoQueue()
    const arrivedAt: number[] = []
    const servedAt: number[] = []
    const perDay: Array<[number, number]> = []
    new DailySlotServer(sim, {
      name: "slots", capacity, firstDay: 0, lastDay: days - 1, openAt, sessionLength: len, queue,
      onServed: (e) => { servedAt[e] = sim.now },
      onDay: (_d, cap, used) => { perDay.push([cap, used]) }
    })
    const arrive = sim.register("arrive", () => {
      arrivedAt.push(sim.now); servedAt.push(NaN)
      queue.push(arrivedAt.length - 1)
      const t = sim.now + gap.sample(rng)
      if (t < days) sim.at(t, arrive)
    })
    sim.at(gap.sample(rng), arrive)
    sim.run()

    // independent recursion: at each session, the backlog is everything arrived by then and not yet
    // served; the session serves min(cap, backlog), the k-th of them at openAt + len·k/cap
    const expected = arrivedAt.map(() => NaN)
    let next = 0 // first customer not yet served
    const expectedDays: Array<[number, number]> = []
    for (let d = 0; d < days; d++) {
      const t0 = d + openAt, cap = capacity(d)
      let arrivedBy = next
      while (arrivedBy < arrivedAt.length && arrivedAt[arrivedBy]! <= t0) arrivedBy++
      const served = Math.min(cap, arrivedBy - next)
      for (let k = 1; k <= served; k++) expected[next++] = t0 + (len * k) / cap
      expectedDays.push([cap, served])
    }
    expect(arrivedAt.length).toBeGreaterThan(1_200)
    expect(perDay).toEqual(expectedDays)
    for (let i = 0; i < arrivedAt.length; i++) {
      if (Number.isNaN(expected[i]!)) expect(servedAt[i]).toBeNaN()
      else expect(servedAt[i]).toBeCloseTo(expected[i]!, 12)
    }
    // utilisation 4.4 / (5 · 5/7) ≈ 1.23 > 1: the backlog grows, so the capacity bound is what is being checked
    expect(expectedDays.filter(([c, u]) => c > 0 && u === c).length).toBeGreaterThan(150)
  })

  test("service ends keep their place among other events: at equal times, in the order of scheduling (the server hands them to the event list one at a time)", () => {
    // 4 slots on day 0 from 0.5 for 0.5 days: ends at 0.625, 0.75, 0.875, 1.0. Other events at exactly
    // those times, scheduled before the session (they come first) and after it (they come after);
    // events that the ends themselves schedule at the same time come after the ends already pending
    const sim = new Simulation()
    const order: string[] = []
    const queue = new FifoQueue()
    for (let e = 0; e < 4; e++) queue.push(e)
    const echo = sim.register("echo", (e) => order.push(`echo${e}`))
    const early = sim.register("early", (e) => order.push(`early${e}`))
    const late = sim.register("late", (e) => order.push(`late${e}`))
    const ends = [0.625, 0.75, 0.875, 1]
    ends.forEach((t, i) => sim.at(t, early, i))
    new DailySlotServer(sim, {
      name: "s", capacity: (d) => (d === 0 ? 4 : 0), firstDay: 0, lastDay: 1, openAt: 0.5, sessionLength: 0.5, queue,
      onServed: (e) => { order.push(`end${e}@${sim.now}`); sim.at(sim.now, echo, e) }
    })
    sim.at(0.5, sim.register("after-session", () => ends.forEach((t, i) => sim.at(t, late, i))))
    sim.run()
    expect(order).toEqual(ends.flatMap((t, i) => [`early${i}`, `end${i}@${t}`, `late${i}`, `echo${i}`]))
  })
})

describe("Histogram quantiles", () => {
  test("quantiles of 200,000 Exp(1) samples: within one bin of the sample quantile, and of −ln(1 − p) within a bin + sampling error", () => {
    const n = 200_000, width = 0.02
    const rng = makeStream("validation/histogram", "exp", 0)
    const e = dist.exponential(1)
    const h = new Histogram(20, width)
    const xs = new Float64Array(n)
    for (let i = 0; i < n; i++) { xs[i] = e.sample(rng); h.add(xs[i]!) }
    xs.sort()
    for (const p of [0.1, 0.5, 0.9, 0.99]) {
      const q = h.quantile(p)
      // deterministic: the order statistic of rank ⌈pn⌉ lies in the bin the histogram interpolates in
      expect(Math.abs(q - xs[Math.ceil(p * n) - 1]!), `p ${p}`).toBeLessThanOrEqual(width + 1e-12)
      // statistical: the sample p-quantile has sd √(p(1−p)/n) / f(x_p), f(x_p) = 1 − p for Exp(1)
      const se = Math.sqrt((p * (1 - p)) / n) / (1 - p)
      expect(Math.abs(q - -Math.log(1 - p)), `p ${p}`).toBeLessThanOrEqual(width + Z4 * se)
    }
    // values beyond the range are counted as overflow and reported as the maximum
    const small = new Histogram(1, 0.1)
    for (const x of [0.05, 0.5, 3, 7]) small.add(x)
    expect(small.overflow).toBe(2)
    expect(small.quantile(1)).toBe(small.max)
    expect(small.shareBelow(0.1)).toBeCloseTo(0.25, 12)
  })
})
