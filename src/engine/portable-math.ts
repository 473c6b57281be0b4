/**
 * log and exp that give the same bits on every JavaScript engine. Math.log and Math.exp are not
 * required to be correctly rounded, and they differ: Chromium 156's V8 and Node 24's V8 disagree in
 * the last bit for about 8 % of arguments (measured on 200,000 arguments each), which made the same
 * scenario and seed give results in the browser that differed from the CLI's in the last digit. These
 * are fdlibm's __ieee754_log and __ieee754_exp (e_log.c, e_exp.c, Sun Microsystems 1993, freely
 * usable with this notice), written with + − × ÷ only, which JavaScript rounds the same way
 * everywhere. Error < 1 ulp, as fdlibm's; test/engine/portable-math.test.ts checks them against
 * Math.log / Math.exp.
 */

const buf = new ArrayBuffer(8)
const f64 = new Float64Array(buf)
const u32 = new Uint32Array(buf)
// little-endian on every platform JavaScript engines run on; checked once
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0
const LO = 1 - HI

const hiWord = (x: number): number => { f64[0] = x; return u32[HI]! | 0 }
const loWord = (x: number): number => { f64[0] = x; return u32[LO]! }
const withHi = (x: number, hi: number): number => { f64[0] = x; u32[HI] = hi >>> 0; return f64[0] }

const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10, TWO54 = 1.80143985094819840000e+16
const LG1 = 6.666666666666735130e-01, LG2 = 3.999999999940941908e-01, LG3 = 2.857142874366239149e-01, LG4 = 2.222219843214978396e-01
const LG5 = 1.818357216161805012e-01, LG6 = 1.531383769920937332e-01, LG7 = 1.479819860511658591e-01

/** Natural logarithm, bit-identical on every engine. */
export const log = (x0: number): number => {
  let x = x0
  let hx = hiWord(x)
  const lx = loWord(x)
  let k = 0
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity
    if (hx < 0) return NaN
    k -= 54
    x *= TWO54
    hx = hiWord(x)
  }
  if (hx >= 0x7ff00000) return x + x
  k += (hx >> 20) - 1023
  hx &= 0x000fffff
  let i = (hx + 0x95f64) & 0x100000
  x = withHi(x, hx | (i ^ 0x3ff00000))
  k += i >> 20
  const f = x - 1.0
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) { if (k === 0) return 0; const dk = k; return dk * LN2_HI + dk * LN2_LO }
    const R = f * f * (0.5 - 0.33333333333333333 * f)
    if (k === 0) return f - R
    const dk = k
    return dk * LN2_HI - ((R - dk * LN2_LO) - f)
  }
  const s = f / (2.0 + f)
  const dk = k
  const z = s * s
  i = hx - 0x6147a
  const w = z * z
  const j = 0x6b851 - hx
  const t1 = w * (LG2 + w * (LG4 + w * LG6))
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)))
  i |= j
  const R = t2 + t1
  if (i > 0) {
    const hfsq = 0.5 * f * f
    if (k === 0) return f - (hfsq - s * (hfsq + R))
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f)
  }
  if (k === 0) return f - s * (f - R)
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f)
}

const O_THRESHOLD = 7.09782712893383973096e+02, U_THRESHOLD = -7.45133219101941108420e+02
const INVLN2 = 1.44269504088896338700e+00, TWOM1000 = 9.33263618503218878990e-302
const P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05
const P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08

/** e^x, bit-identical on every engine. */
export const exp = (x0: number): number => {
  let x = x0
  let hx = hiWord(x)
  const xsb = (hx >>> 31) & 1
  hx &= 0x7fffffff
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | loWord(x)) !== 0) return x + x
      return xsb === 0 ? x : 0.0
    }
    if (x > O_THRESHOLD) return Infinity
    if (x < U_THRESHOLD) return 0
  }
  let hi = 0, lo = 0, k = 0
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      hi = x - (xsb === 0 ? LN2_HI : -LN2_HI)
      lo = xsb === 0 ? LN2_LO : -LN2_LO
      k = 1 - xsb - xsb
    } else {
      k = Math.trunc(INVLN2 * x + (xsb === 0 ? 0.5 : -0.5))
      const t = k
      hi = x - t * LN2_HI
      lo = t * LN2_LO
    }
    x = hi - lo
  } else if (hx < 0x3e300000) {
    return 1 + x
  } else k = 0
  const t = x * x
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))))
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x)
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi)
  if (k >= -1021) return withHi(y, hiWord(y) + (k << 20))
  return withHi(y, hiWord(y) + ((k + 1000) << 20)) * TWOM1000
}
