/**
 * The portable log / exp (src/engine/portable-math.ts) against Math.log / Math.exp: within 1 ulp
 * everywhere, equal to it for the vast majority of arguments, and the special values right.
 * Deterministic inputs (an LCG), so no false alarms.
 */
import { describe, expect, it } from "vitest"
import { exp, log } from "../../src/engine/portable-math.ts"

const ulpDiff = (a: number, b: number): number => {
  if (a === b) return 0
  const f = new Float64Array([a, b]), i = new BigInt64Array(f.buffer)
  return Number(i[0]! > i[1]! ? i[0]! - i[1]! : i[1]! - i[0]!)
}
const lcg = (n: number, f: (u: number) => number): number[] => {
  let s = 987654321
  const out: number[] = []
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) % 2147483648; out.push(f(s / 2147483648)) }
  return out
}

describe("portable log and exp", () => {
  it("log is within 1 ulp of Math.log from 1e-300 to 1e300", () => {
    let same = 0
    const xs = lcg(100_000, (u) => Math.pow(10, -300 + 600 * u)).concat(lcg(100_000, (u) => u), lcg(20_000, (u) => 1 + (u - 0.5) * 1e-6))
    for (const x of xs) { const d = ulpDiff(log(x), Math.log(x)); expect(d).toBeLessThanOrEqual(1); if (d === 0) same++ }
    expect(same / xs.length).toBeGreaterThan(0.8)
  })
  it("exp is within 1 ulp of Math.exp from −745 to 709", () => {
    let same = 0
    const xs = lcg(100_000, (u) => -745 + 1454 * u).concat(lcg(100_000, (u) => (u - 0.5) * 4), lcg(1000, (u) => (u - 0.5) * 1e-9))
    for (const x of xs) { const d = ulpDiff(exp(x), Math.exp(x)); expect(d).toBeLessThanOrEqual(1); if (d === 0) same++ }
    expect(same / xs.length).toBeGreaterThan(0.8)
  })
  it("special values", () => {
    expect(log(0)).toBe(-Infinity); expect(log(-1)).toBeNaN(); expect(log(Infinity)).toBe(Infinity); expect(log(NaN)).toBeNaN(); expect(log(1)).toBe(0)
    expect(log(5e-324)).toBeCloseTo(Math.log(5e-324), 10)
    expect(exp(0)).toBe(1); expect(exp(-Infinity)).toBe(0); expect(exp(Infinity)).toBe(Infinity); expect(exp(NaN)).toBeNaN(); expect(exp(1000)).toBe(Infinity); expect(exp(-1000)).toBe(0)
    expect(ulpDiff(exp(-740), Math.exp(-740))).toBeLessThanOrEqual(1)
  })
})
