/**
 * The scheduler between the summaries and an executor (src/experiment/units.ts): bounded units in
 * flight, delivery in task order with a bounded reorder buffer, stop on abort or failure. An
 * executor of promises the test resolves itself: no timing, no model.
 */
import { describe, expect, test } from "vitest"
import type { ReplicationResult } from "../../src/model/results.ts"
import { schedule, type Executor, type UnitTask } from "../../src/experiment/units.ts"

const tasks = (n: number): UnitTask[] =>
  Array.from({ length: n }, (_, r) => ({ key: { point: 0, option: "a", replication: r }, scenarioHash: "h", scenario: {} as UnitTask["scenario"], policy: "fifo", seed: 1 }))

/** Units finish on the next turn, except those in `held`, which wait for release(r). */
const fakeExecutor = (concurrency: number, held: ReadonlySet<number> = new Set()) => {
  const submitted: number[] = []
  let inFlight = 0, maxInFlight = 0
  const waiting = new Map<number, () => void>()
  const exec: Executor = {
    concurrency,
    run: (t) => {
      const r = t.key.replication
      submitted.push(r)
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      return new Promise<ReplicationResult>((resolve, reject) => {
        const done = () => { inFlight--; if (r === 13 && held.has(-1)) reject(new Error("unit 13 failed")); else resolve({ replication: r } as unknown as ReplicationResult) }
        if (held.has(r)) waiting.set(r, done)
        else setImmediate(done)
      })
    },
    close: () => Promise.resolve()
  }
  const settle = () => new Promise<void>((r) => setImmediate(() => setImmediate(r)))
  return { exec, submitted, maxInFlight: () => maxInFlight, release: (r: number) => waiting.get(r)?.(), settle }
}

describe("schedule", () => {
  test("ordered: a slow first unit does not stall the others; they run up to the reorder bound and are delivered in order", async () => {
    const f = fakeExecutor(2, new Set([0]))
    const order: number[] = []
    const run = schedule(tasks(100), f.exec, (_r, t) => order.push(t.key.replication), { ordered: true })
    for (let i = 0; i < 200 && f.submitted.length < 32; i++) await f.settle()
    for (let i = 0; i < 5; i++) await f.settle()
    // window 2 × 2 = 4 in flight; reorder bound 8 × 4 = 32 units ahead of the undelivered first one
    expect(f.submitted).toHaveLength(32)
    expect(order).toEqual([])
    f.release(0)
    const out = await run
    expect(out).toEqual({ delivered: 100, stopped: false })
    expect(order).toEqual(Array.from({ length: 100 }, (_, i) => i))
    expect(f.maxInFlight()).toBeLessThanOrEqual(4)
  })

  test("ordered with an explicit reorder bound equal to the window: submission waits for the first unit", async () => {
    const f = fakeExecutor(2, new Set([0]))
    const run = schedule(tasks(20), f.exec, () => {}, { ordered: true, reorder: 4 })
    for (let i = 0; i < 20; i++) await f.settle()
    expect(f.submitted).toHaveLength(4)
    f.release(0)
    expect(await run).toEqual({ delivered: 20, stopped: false })
  })

  test("unordered: results as they complete, a held unit last", async () => {
    const f = fakeExecutor(2, new Set([0]))
    const order: number[] = []
    const run = schedule(tasks(10), f.exec, (_r, t) => order.push(t.key.replication))
    for (let i = 0; i < 50 && order.length < 9; i++) await f.settle()
    f.release(0)
    await run
    expect(order.slice(0, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(order[9]).toBe(0)
  })

  test("abort: no unit is submitted after it; those in flight are waited for", async () => {
    const f = fakeExecutor(2)
    const ac = new AbortController()
    let delivered = 0
    const out = await schedule(tasks(50), f.exec, () => { if (++delivered === 5) ac.abort() }, { ordered: true, signal: ac.signal })
    expect(out.stopped).toBe(true)
    expect(out.delivered).toBeGreaterThanOrEqual(5)
    expect(out.delivered).toBeLessThan(50)
    expect(f.submitted.length).toBeLessThan(50)
  })

  test("a failing unit rejects the schedule with its error", async () => {
    const f = fakeExecutor(2, new Set([-1]))
    await expect(schedule(tasks(30), f.exec, () => {}, { ordered: true })).rejects.toThrow("unit 13 failed")
  })
})
