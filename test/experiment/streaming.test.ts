import { describe, expect, test } from "vitest"
import { fc, test as ptest } from "@fast-check/vitest"
import { compileScenario, runReplication } from "../../src/model/embassy.ts"
import { runCompare, runScenario } from "../../src/experiment/run.ts"
import { StreamingPaired, StreamingSummary } from "../../src/experiment/streaming.ts"
import { pairedDifferences, summarize, summarizeResults, toJson } from "../../src/experiment/summarize.ts"
import { inlineExecutor, schedule, type Executor, type UnitTask } from "../../src/experiment/units.ts"
import type { ReplicationResult } from "../../src/model/results.ts"
import { shortScenario } from "./support.ts"

const sc = shortScenario()
const reps = (() => {
  const cs = compileScenario(sc, "fifo")
  return Array.from({ length: 5 }, (_, i) => runReplication(cs, i, { seed: 7 }).result)
})()

describe("streaming summary", () => {
  test("equals summarizeResults on model results, number for number", () => {
    const s = new StreamingSummary()
    for (const r of reps) s.add(r)
    expect(JSON.stringify(toJson(s.result()))).toBe(JSON.stringify(toJson(summarizeResults(reps))))
  })
  test("equals it after a JSON round trip (NaN written as null, as in results.jsonl)", () => {
    const s = new StreamingSummary()
    for (const r of reps) s.add(JSON.parse(JSON.stringify(toJson(r))))
    expect(JSON.stringify(toJson(s.result()))).toBe(JSON.stringify(toJson(summarizeResults(reps))))
  })
  ptest.prop([fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), { minLength: 1, maxLength: 40 })])("a leaf equals summarize", (xs) => {
    const s = new StreamingSummary()
    for (const x of xs) s.add({ a: { b: [x, 2 * x] } })
    const out = s.result() as { a: { b: unknown[] } }
    expect(out.a.b[0]).toEqual(summarize(xs))
    expect(out.a.b[1]).toEqual(summarize(xs.map((x) => 2 * x)))
  })
  test("paired differences equal pairedDifferences", () => {
    const other = (() => {
      const cs = compileScenario(sc, "main-first-2025")
      return reps.map((_, i) => runReplication(cs, i, { seed: 7 }).result)
    })()
    const paths = ["groups.student.migriMean", "groups.student-family.apptWaitMean", "missions.new-delhi.idUtilisation", "migri.pendingWeekly.03"]
    const p = new StreamingPaired(paths)
    reps.forEach((r, i) => p.add(r, other[i]))
    expect(p.result()).toEqual(pairedDifferences(reps, other, paths))
    expect(p.result().get(paths[0]!)!.n).toBe(5)
  })
})

/** An executor that completes units in a scrambled order (as a pool of workers does). */
const scrambled = (): Executor => {
  const inner = inlineExecutor()
  let k = 0
  return {
    concurrency: 3,
    run: (t: UnitTask) => new Promise<ReplicationResult>((res) => setTimeout(() => inner.run(t).then(res), (k++ * 7) % 5)),
    close: () => Promise.resolve()
  }
}

describe("scheduling", () => {
  test("runCompare gives the same bytes as the synchronous runScenario, whatever the completion order", async () => {
    const spec = { label: "fifo", scenario: sc, policy: "fifo", seed: 7, replications: 5 }
    const a = await runCompare([spec], scrambled())
    const b = runScenario(sc, { policy: "fifo", seed: 7, replications: 5 })
    expect(JSON.stringify(a.results[0])).toBe(JSON.stringify(b.result))
  })
  test("ordered delivery keeps task order; an abort stops submitting and reports it", async () => {
    const tasks: UnitTask[] = Array.from({ length: 6 }, (_, i) => ({ key: { point: 0, option: "fifo", replication: i }, scenarioHash: "h", scenario: sc, policy: "fifo", seed: 7 }))
    const seen: number[] = []
    await schedule(tasks, scrambled(), (_r, t) => seen.push(t.key.replication), { ordered: true })
    expect(seen).toEqual([0, 1, 2, 3, 4, 5])
    const ac = new AbortController()
    const got: number[] = []
    const out = await schedule(tasks, inlineExecutor(), (_r, t) => { got.push(t.key.replication); if (got.length === 2) ac.abort() }, { signal: ac.signal, window: 1 })
    expect(out).toEqual({ delivered: 2, stopped: true })
  })
})

describe("precision rule", () => {
  test("adds batches until the half-width is met, says so, and equals a plain run of that many replications", async () => {
    const spec = { label: "fifo", scenario: sc, policy: "fifo", seed: 7, replications: 4 }
    const rule = { targets: [{ path: "groups.student.migriMean", halfWidth: 0.02, relative: true }], batch: 4, maxReplications: 60 }
    const out = await runCompare([spec], inlineExecutor(), { precision: rule })
    const p = out.precision!
    expect(p.met, p.reason).toBe(true)
    expect(p.replications).toBeGreaterThanOrEqual(10) // the skewness pilot
    expect(p.metrics[0]!.halfWidth).toBeLessThanOrEqual(0.02 * Math.abs(p.metrics[0]!.mean))
    const plain = await runCompare([{ ...spec, replications: p.replications }], inlineExecutor())
    expect(JSON.stringify(out.results[0])).toBe(JSON.stringify(plain.results[0]))
  })
  test("stops at the maximum and says which metric missed", async () => {
    const spec = { label: "fifo", scenario: sc, policy: "fifo", seed: 7, replications: 4 }
    const out = await runCompare([spec], inlineExecutor(), { precision: { targets: [{ path: "groups.student.migriMean", halfWidth: 1e-6, relative: false }], batch: 4, maxReplications: 12 } })
    expect(out.precision!.met).toBe(false)
    expect(out.precision!.replications).toBe(12)
    expect(out.precision!.reason).toMatch(/maximum of 12 replications.*groups\.student\.migriMean/)
  })
})
