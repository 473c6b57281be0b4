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
 */
import seedrandom from "seedrandom"

/** A uniform generator on [0, 1) with 32 bits of resolution. */
export type Rng = () => number

export const RNG_ALGORITHM = "seedrandom.xor4096"
/** The seedrandom version the results were produced with (checked against the installed package by a test). */
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

/** One independent stream for (master seed, name, replication). */
export const makeStream = (masterSeed: string | number, name: string, replication: number): Rng =>
  seedrandom.xor4096(hashKey(streamKey(masterSeed, name, replication))) as Rng

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
