/**
 * The generator behind every stream (src/engine/random.ts) is seedrandom 3.0.5's xor4096 ported onto
 * an Int32Array: this holds the port against the package, output for output. Exact comparisons, no
 * statistics, so no false-alarm rate.
 */
import seedrandom from "seedrandom"
import { describe, expect, test } from "vitest"
import { RNG_ALGORITHM, Xor4096, hashKey, makeStream, streamKey } from "../../src/engine/random.ts"

describe("xor4096 port", () => {
  test("the same draws as seedrandom's xor4096 for 400 stream keys × 3,000 draws (the keys the model uses, and odd ones)", () => {
    const keys: string[] = []
    for (let r = 0; r < 100; r++) for (const name of ["arrivals/new-delhi/student", "cases/bangkok/fastTrack", "start/family/new-delhi/worker", "seasonal/cases"]) keys.push(hashKey(streamKey(r % 3 === 0 ? 7 : "seed-ä", name, r)))
    // not hex hashes: empty, long (more than 128 characters mixes past the array), non-ASCII
    keys.push("", "a", "x".repeat(300), "ääkköset 🎲", "\0\0\0")
    for (const k of keys) {
      const ours = new Xor4096(k), theirs = seedrandom.xor4096(k)
      for (let i = 0; i < 3000; i++) {
        const a = ours.uniform(), b = theirs()
        if (a !== b) expect([k, i, a]).toEqual([k, i, b])
      }
    }
    expect(keys.length).toBe(405)
  })

  test("int32 is seedrandom's int32, and makeStream draws what seedrandom draws for the hashed key", () => {
    const k = hashKey(streamKey(42, "cases/new-delhi/student", 3))
    const ours = new Xor4096(k), theirs = seedrandom.xor4096(k)
    for (let i = 0; i < 1000; i++) expect(ours.int32()).toBe(theirs.int32())
    const s = makeStream(42, "cases/new-delhi/student", 3), ref = seedrandom.xor4096(k)
    for (let i = 0; i < 1000; i++) expect(s()).toBe(ref())
    expect(RNG_ALGORITHM).toBe("seedrandom.xor4096")
  })
})
