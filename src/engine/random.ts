/**
 * Seeded random streams. Every stream is an independent generator seeded from
 * (master seed, stream name, replication index), so that a model draws e.g.
 * "arrivals/new-delhi/student" from its own stream and two policies run on the same seed see the same
 * draws for the same purpose (common random numbers). Adding, removing or renaming one stream never
 * changes the draws of another.
 *
 * Generator: seedrandom's xor4096 (Brent's xorgens 4096: a 4096-bit xorshift combined with a Weyl
 * sequence, period ≈ 2^4128, passes BigCrush). It has by far the largest state of seedrandom's
 * generators with non-linear output; it is not the fastest (alea and tychei draw faster), but the
 * difference is a few per cent of a simulation's time (docs/engine.md, `npm run bench`). The stream key
 * is hashed with cyrb128 before seeding so that keys that differ in one character start from unrelated
 * states.
 *
 * The generator is seedrandom 3.0.5's lib/xor4096.js ported line for line onto an Int32Array (the
 * package keeps its state in a growable array and calls through two closures per draw, and its seeding
 * runs mostly unoptimised, as it is called ~50 times a replication): the same seeding from a string and
 * the same outputs, bit for bit; test/engine/random-port.test.ts holds it against the package.
 */

/** A uniform generator on [0, 1) with 32 bits of resolution. */
export type Rng = () => number

export const RNG_ALGORITHM = "seedrandom.xor4096"
/** The seedrandom version whose xor4096 the port reproduces (the package is the tests' reference; a test checks the installed version). */
export const RNG_VERSION = "3.0.5"

/** cyrb128: a fast 128-bit string hash, rendered as 32 hex digits. */
export const hashKey = (key: string): string => {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, "0")
  return hex(h1) + hex(h2) + hex(h3) + hex(h4)
}

/** The key a stream is seeded from. */
export const streamKey = (masterSeed: string | number, name: string, replication: number): string =>
  `embassy-sim|${String(masterSeed)}|${name}|${replication}`

/** seedrandom's xor4096 seeded from a string (lib/xor4096.js, `init` and `next`, on an Int32Array). */
export class Xor4096 {
  private readonly X = new Int32Array(128)
  private w = 0
  private i = 0
  constructor(seed: string) {
    const X = this.X
    const s = seed + "\0"
    const limit = Math.max(128, s.length)
    let t = 0, v = 0, i = 0, w = 0
    // the characters mixed into v and X, one at a time; after 32 shuffles v is the starting Weyl value
    for (let j = -32; j < limit; ++j) {
      v ^= s.charCodeAt((j + 32) % s.length)
      if (j === 0) w = v
      v ^= v << 10
      v ^= v >>> 15
      v ^= v << 4
      v ^= v >>> 13
      if (j >= 0) {
        w = (w + 0x61c88647) | 0
        t = X[j & 127]! ^ (v + w)
        X[j & 127] = t
        i = t === 0 ? i + 1 : 0
      }
    }
    if (i >= 128) X[s.length & 127] = -1
    // 512 rounds to mix the state (the Weyl value is not advanced)
    i = 127
    for (let j = 4 * 128; j > 0; --j) {
      v = X[(i + 34) & 127]!
      i = (i + 1) & 127
      t = X[i]!
      v ^= v << 13
      t ^= t << 17
      v ^= v >>> 15
      t ^= t >>> 12
      X[i] = v ^ t
    }
    this.w = w
    this.i = i
  }

  /** The next 32-bit output (seedrandom's `int32`). */
  int32(): number {
    const X = this.X
    const w = (this.w = (this.w + 0x61c88647) | 0)
    let v = X[(this.i + 34) & 127]!
    const i = (this.i = (this.i + 1) & 127)
    let t = X[i]!
    v ^= v << 13
    t ^= t << 17
    v ^= v >>> 15
    t ^= t >>> 12
    v = v ^ t
    X[i] = v
    return (v + (w ^ (w >>> 16))) | 0
  }

  /** A uniform draw on [0, 1) with 32 bits (seedrandom's default output). */
  uniform(): number {
    return (this.int32() >>> 0) / 0x100000000
  }
}

/** One independent stream for (master seed, name, replication). */
export const makeStream = (masterSeed: string | number, name: string, replication: number): Rng => {
  const g = new Xor4096(hashKey(streamKey(masterSeed, name, replication)))
  return () => g.uniform()
}

/** The named streams of one replication. Streams are created on first use and cached by name. */
export class RandomStreams {
  readonly masterSeed: string
  readonly replication: number
  private readonly cache = new Map<string, Rng>()
  constructor(masterSeed: string | number, replication = 0) {
    this.masterSeed = String(masterSeed)
    this.replication = replication
  }
  stream(name: string): Rng {
    let r = this.cache.get(name)
    if (r === undefined) {
      r = makeStream(this.masterSeed, name, this.replication)
      this.cache.set(name, r)
    }
    return r
  }
  /** Names of the streams used so far (for provenance). */
  names(): string[] {
    return [...this.cache.keys()].sort()
  }
}
