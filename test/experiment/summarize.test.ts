import { describe, expect, test } from "vitest"
import { fc, test as ptest } from "@fast-check/vitest"
import { studentTQuantile } from "../../src/engine/index.ts"
import { pairedDifference, summarize, tQuantile } from "../../src/experiment/summarize.ts"

describe("summaries with Student-t intervals", () => {
  test("the remembered t quantile is the bisection's number for every (p, df), asked in any order", () => {
    const asks = [[0.975, 4], [0.975, 99], [0.95, 4], [0.975, 4], [0.995, 19], [0.95, 99], [0.975, 99]] as const
    for (const [p, df] of asks) expect(tQuantile(p, df)).toBe(studentTQuantile(p, df))
    expect(tQuantile(0.975, 4)).not.toBe(tQuantile(0.95, 4))
  })
  test("textbook case: 1, 2, 3 → mean 2, sd 1, 95 % half-width t(0.975, 2)/√3", () => {
    const s = summarize([1, 2, 3])
    expect(s.mean).toBe(2)
    expect(s.sd).toBeCloseTo(1, 12)
    const half = 4.302652729911275 / Math.sqrt(3) // t quantile from tables
    expect(s.ciHigh! - 2).toBeCloseTo(half, 6)
    expect(2 - s.ciLow!).toBeCloseTo(half, 6)
  })
  test("NaN values are left out; no values → nulls", () => {
    expect(summarize([NaN, 4, NaN, 6]).n).toBe(2)
    expect(summarize([NaN])).toEqual({ mean: null, sd: null, ciLow: null, ciHigh: null, n: 0 })
  })
  ptest.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 })])("the interval contains the mean", (xs) => {
    const s = summarize(xs)
    expect(s.ciLow!).toBeLessThanOrEqual(s.mean! + 1e-9)
    expect(s.ciHigh!).toBeGreaterThanOrEqual(s.mean! - 1e-9)
  })
  ptest.prop([fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.double({ min: -10, max: 10, noNaN: true })])(
    "paired difference of a shifted copy is the shift with zero width", (xs, d) => {
      const s = pairedDifference(xs, xs.map((x) => x + d))
      expect(s.mean!).toBeCloseTo(d, 9)
      expect(s.ciHigh! - s.ciLow!).toBeLessThan(1e-6)
    })
})
