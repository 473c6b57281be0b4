/**
 * Properties of the kernel, the queues and the resources, checked by fast-check on random programs
 * against simple reference models (plain arrays). Fixed fast-check seeds keep the suite deterministic;
 * a failure prints the shrunk counterexample.
 */
import { describe, expect } from "vitest"
import { fc, test } from "@fast-check/vitest"
import {
  DailySlotServer, EventHeap, FifoQueue, KeyedQueue, MonotoneLinesQueue, NhppArrivals, PiecewiseRate, PolicyQueue, PriorityClassQueue,
  RandomStreams, ServerPool, Simulation, dist, type Queue, type StepSchedule
} from "../../src/engine/index.ts"
import { FAR_DAYS } from "../../src/engine/simulation.ts"

// One fixed seed for every property. The arrays below say `size: "max"`: by default fast-check keeps
// generated arrays short (about 10 elements) whatever their maxLength, too short to reach deep heaps.
const SEED = 20_260_101
const params = (numRuns: number) => ({ seed: SEED, numRuns })

/** Times from a small grid, so that ties are frequent; up to 5, beyond FAR_DAYS, so that both heaps of the event list (and ties between them) are exercised. */
const tieTime = fc.integer({ min: 0, max: 20 }).map((k) => k / 4)
test("the programs' delays straddle the event list's two heaps", () => { expect(FAR_DAYS).toBeLessThan(5); expect(FAR_DAYS).toBeGreaterThan(0) })

describe("Simulation kernel", () => {
  // A program: initial events, and for each fired event a list of follow-ups (delay, from a tie-heavy grid).
  const program = fc.record({
    initial: fc.array(tieTime, { minLength: 1, maxLength: 20, size: "max" }),
    followUps: fc.array(fc.array(tieTime, { maxLength: 3, size: "max" }), { maxLength: 60, size: "max" })
  })

  test.prop([program], params(300))("time never goes backwards, ties fire in scheduling order, now = event time", ({ initial, followUps }) => {
    const sim = new Simulation()
    const scheduledAt: number[] = [] // entity id = scheduling order
    const fired: Array<[number, number]> = []
    let violations = 0
    sim.observe((t, _k, e) => {
      const prev = fired[fired.length - 1]
      if (prev !== undefined && (t < prev[0] || (t === prev[0] && e < prev[1]))) violations++
      fired.push([t, e])
    })
    let step = 0
    const kind = sim.register("e", (id) => {
      if (sim.now !== scheduledAt[id]) violations++
      for (const d of followUps[step++] ?? []) {
        scheduledAt.push(sim.now + d)
        sim.after(d, kind, scheduledAt.length - 1)
      }
    })
    for (const t of initial) { scheduledAt.push(t); sim.at(t, kind, scheduledAt.length - 1) }
    sim.run()
    expect(violations).toBe(0)
    expect(fired.length).toBe(scheduledAt.length)
    expect(sim.eventsFired).toBe(scheduledAt.length)
    expect(sim.pending).toBe(0)
  })

  type Op =
    | { op: "schedule"; delay: number }
    | { op: "cancel"; pick: number }
    | { op: "run"; until: number }
  const ops = fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant("schedule" as const), delay: tieTime }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("run" as const), until: tieTime }) }
    ),
    { maxLength: 120, size: "max" }
  )

  test.prop([ops], params(300))("every scheduled event fires exactly once unless cancelled (incl. cancels of fired and stale handles)", (program: Op[]) => {
    const sim = new Simulation({ initialCapacity: 4 }) // small, so that growth is exercised too
    const fireCount: number[] = []
    const handles: number[] = []
    const pending = new Set<number>() // the model
    const cancelled = new Set<number>()
    const kind = sim.register("e", (id) => { fireCount[id]!++; pending.delete(id) })
    for (const p of program) {
      if (p.op === "schedule") {
        const id = handles.length
        fireCount.push(0)
        handles.push(sim.after(p.delay, kind, id))
        pending.add(id)
      } else if (p.op === "cancel" && handles.length > 0) {
        const id = p.pick % handles.length
        const expected = pending.has(id) // false for fired, cancelled (stale) handles
        expect(sim.isPending(handles[id]!)).toBe(expected)
        expect(sim.cancel(handles[id]!)).toBe(expected)
        if (expected) { pending.delete(id); cancelled.add(id) }
        expect(sim.isPending(handles[id]!)).toBe(false)
      } else if (p.op === "run") {
        sim.runUntil(sim.now + p.until)
      }
      expect(sim.pending).toBe(pending.size)
    }
    sim.run()
    fireCount.forEach((n, id) => expect(n, `event ${id}`).toBe(cancelled.has(id) ? 0 : 1))
  })

  test("runUntil fires events at times ≤ until, then moves the clock to until; stop() ends a run after the current event", () => {
    const sim = new Simulation({ startTime: 1 })
    const fired: number[] = []
    const k = sim.register("k", (e) => { fired.push(e); if (e === 3) sim.stop() })
    sim.at(2, k, 1); sim.at(3, k, 2); sim.at(3, k, 3); sim.at(3, k, 4); sim.at(9, k, 5)
    sim.runUntil(2.5)
    expect(fired).toEqual([1])
    expect(sim.now).toBe(2.5) // no event at 2.5: the clock still advances to it
    sim.runUntil(8)
    expect(fired).toEqual([1, 2, 3]) // stopped after event 3, although event 4 is also at time 3
    expect(sim.now).toBe(3) // a stopped run leaves the clock at the stopping event
    sim.runUntil(3)
    expect(fired).toEqual([1, 2, 3, 4]) // until is inclusive
    sim.run()
    expect(fired).toEqual([1, 2, 3, 4, 5])
    expect(sim.now).toBe(9)
    expect(sim.kindName(k)).toBe("k")
    expect(sim.peekTime()).toBe(Infinity)
  })

  test("a handle stays exact after a slot is reused more than 2^22 times (regression)", () => {
    // handles used to be generation · 2^31 + slot, which is not an exact double once the generation
    // passes 2^22: a pending event then reported isPending = false and could not be cancelled
    const h = new EventHeap(4)
    h.push(1e12, 0, 0) // keeps slot 0 busy, so the churn below reuses slot 1
    for (let i = 0; i < (1 << 22) + 3; i++) { h.push(i, 1, i); h.pop() }
    const handle = h.push(1e6, 1, 7)
    expect(h.isPending(handle)).toBe(true)
    expect(h.cancel(handle)).toBe(true)
    expect(h.size).toBe(1)
    expect(h.pop() && h.lastEntity).toBe(0)
  })
})

describe("EventHeap", () => {
  type HeapOp = { op: "push"; time: number } | { op: "pop" } | { op: "cancel"; pick: number }
  const heapOps = fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant("push" as const), time: tieTime }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant("pop" as const) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }) }
    ),
    { maxLength: 200, size: "max" }
  )

  test.prop([heapOps, fc.integer({ min: 1, max: 8 })], params(400))("pops in (time, insertion order); cancel removes exactly that event", (program: HeapOp[], cap) => {
    const heap = new EventHeap(cap)
    const model: Array<{ time: number; seq: number; kind: number; entity: number; handle: number }> = []
    let seq = 0
    const all: number[] = [] // handles ever issued
    for (const p of program) {
      if (p.op === "push") {
        const s = seq++
        const handle = heap.push(p.time, s % 7, s)
        all.push(handle)
        model.push({ time: p.time, seq: s, kind: s % 7, entity: s, handle })
      } else if (p.op === "pop") {
        model.sort((a, b) => a.time - b.time || a.seq - b.seq)
        const want = model.shift()
        expect(heap.pop()).toBe(want !== undefined)
        if (want !== undefined) expect([heap.lastTime, heap.lastKind, heap.lastEntity]).toEqual([want.time, want.kind, want.entity])
      } else if (all.length > 0) {
        const handle = all[p.pick % all.length]!
        const i = model.findIndex((m) => m.handle === handle)
        expect(heap.cancel(handle)).toBe(i >= 0)
        if (i >= 0) model.splice(i, 1)
      }
      expect(heap.size).toBe(model.length)
      expect(heap.peekTime()).toBe(model.length === 0 ? Infinity : Math.min(...model.map((m) => m.time)))
    }
  })
})

describe("EventHeap under bulk cancellation", () => {
  test.prop([
    fc.array(fc.oneof(tieTime, fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 1, maxLength: 300, size: "max" }),
    fc.array(fc.boolean(), { minLength: 1, maxLength: 300, size: "max" })
  ], params(300))("cancelling any subset of pending events leaves the rest popping in (time, insertion order)", (times, cancelMask) => {
    const heap = new EventHeap(2)
    const handles = times.map((t, i) => heap.push(t, 0, i))
    const kept: number[] = []
    times.forEach((_, i) => {
      if (cancelMask[i % cancelMask.length]!) expect(heap.cancel(handles[i]!)).toBe(true)
      else kept.push(i)
    })
    expect(heap.size).toBe(kept.length)
    kept.sort((a, b) => times[a]! - times[b]! || a - b)
    const popped: number[] = []
    while (heap.pop()) popped.push(heap.lastEntity)
    expect(popped).toEqual(kept)
    // every handle is now stale
    expect(handles.some((h) => heap.isPending(h) || heap.cancel(h))).toBe(false)
  })
})

describe("ServerPool", () => {
  const scenario = fc.record({
    interarrivals: fc.array(fc.integer({ min: 0, max: 8 }).map((k) => k / 4), { minLength: 1, maxLength: 80, size: "max" }),
    services: fc.array(fc.integer({ min: 0, max: 12 }).map((k) => k / 4), { minLength: 1, maxLength: 80, size: "max" }),
    initial: fc.integer({ min: 0, max: 4 }),
    steps: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 12 }).map((k) => k / 4), servers: fc.integer({ min: 0, max: 4 }) }), { maxLength: 8, size: "max" }),
    priority: fc.boolean()
  })

  test.prop([scenario], params(300))("never starts a job while busy ≥ capacity (time-varying capacity), never idles while jobs wait, conserves jobs", (sc) => {
    const sim = new Simulation()
    let t = 0
    const schedule: StepSchedule = {
      initial: sc.initial,
      times: sc.steps.map((s) => (t += s.gap)),
      values: sc.steps.map((s) => s.servers)
    }
    const queue: Queue = sc.priority ? new PriorityClassQueue(2) : new FifoQueue(2)
    let arrived = 0, departed = 0, startedWhileFull = 0, notConserved = 0, idleWhileWaiting = 0
    const startOrder: number[] = []
    const pool: ServerPool = new ServerPool(sim, {
      name: "pool", servers: schedule, queue,
      serviceTime: (e) => sc.services[e % sc.services.length]!,
      onStart: (e) => {
        // busy has been incremented for this job: it must not exceed the capacity
        if (pool.busy > pool.capacity) startedWhileFull++
        startOrder.push(e)
      },
      onComplete: () => { departed++ }
    })
    const lastChange = schedule.times.length > 0 ? schedule.times[schedule.times.length - 1]! : 0
    const arrive = sim.register("arrive", (e) => {
      arrived++
      pool.request(e, sc.priority ? e % 2 : undefined)
      if (e + 1 < sc.interarrivals.length) sim.after(sc.interarrivals[e + 1]!, arrive, e + 1)
    })
    sim.at(sc.interarrivals[0]!, arrive, 0)
    // the capacity follows the schedule: look halfway between change times (never at a change time)
    let wrongCapacity = 0
    const look = sim.register("look", (i) => { if (pool.capacity !== (i < 0 ? schedule.initial : schedule.values[i])) wrongCapacity++ })
    const changeTimes = [0, ...schedule.times]
    changeTimes.forEach((t0, j) => { if (j < changeTimes.length - 1) sim.at((t0 + changeTimes[j + 1]!) / 2, look, j - 1) })
    // after the last capacity change, make sure the pool can drain
    const open = sim.register("open", () => pool.setCapacity(Math.max(1, pool.capacity)))
    sim.at(lastChange + 0.125, open)
    sim.observe(() => {
      // checked before each event: the state left by the previous one
      if (arrived !== departed + pool.busy + queue.size) notConserved++
      if (queue.size > 0 && pool.busy < pool.capacity) idleWhileWaiting++
      if (pool.busyLevel.current !== pool.busy || pool.queueLevel.current !== queue.size) notConserved++
    })
    sim.run()
    expect(startedWhileFull).toBe(0)
    expect(wrongCapacity).toBe(0)
    expect(notConserved).toBe(0)
    expect(idleWhileWaiting).toBe(0)
    expect(arrived).toBe(sc.interarrivals.length)
    expect(departed).toBe(arrived)
    expect(pool.started).toBe(arrived)
    // FIFO within a class: the start order restricted to one class is increasing
    for (const c of sc.priority ? [0, 1] : [0]) {
      const order = startOrder.filter((e) => !sc.priority || e % 2 === c)
      expect(order).toEqual([...order].sort((a, b) => a - b))
    }
  })

  test("a pool built after some of its change times starts with the capacity in force (regression)", () => {
    const sim = new Simulation({ startTime: 10 })
    const pool = new ServerPool(sim, { name: "late", servers: { initial: 1, times: [5, 8, 12], values: [3, 2, 4] }, serviceTime: () => 1, onComplete: () => {} })
    expect(pool.capacity).toBe(2)
    sim.run()
    expect(pool.capacity).toBe(4)
  })
})

/** A small model whose whole event trace is recorded: NHPP arrivals, two classes, a pool. */
const traceModel = (seed: string | number, replication: number, serviceStreamName = "service"): number[] => {
  const sim = new Simulation()
  const streams = new RandomStreams(seed, replication)
  const rate = new PiecewiseRate([0, 5, 6], [2, 9, 3], 20)
  const arrivals = new NhppArrivals(rate, streams.stream("arrivals"))
  const classRng = streams.stream("class")
  const svcRng = streams.stream(serviceStreamName)
  const service = dist.lognormalFromMedianP90(0.4, 1.1)
  const trace: number[] = []
  sim.observe((t, k, e) => trace.push(t, k, e))
  const pool = new ServerPool(sim, { name: "p", servers: 2, queue: new PriorityClassQueue(2), serviceTime: () => service.sample(svcRng), onComplete: () => {} })
  let n = 0
  const arrive = sim.register("arrive", (e) => {
    pool.request(e, classRng() < 0.3 ? 0 : 1)
    const t = arrivals.next()
    if (t < Infinity) sim.at(t, arrive, ++n)
  })
  const t0 = arrivals.next()
  if (t0 < Infinity) sim.at(t0, arrive, 0)
  sim.run()
  return trace
}

describe("random streams and reproducibility", () => {
  test.prop([fc.oneof(fc.string(), fc.integer()), fc.nat({ max: 1000 })], params(40))("identical seed ⇒ identical trace; another replication ⇒ another trace", (seed, rep) => {
    const a = traceModel(seed, rep)
    expect(a.length).toBeGreaterThan(30)
    expect(traceModel(seed, rep)).toEqual(a)
    expect(traceModel(seed, rep + 1)).not.toEqual(a)
  })

  test.prop([fc.string(), fc.string(), fc.string(), fc.nat({ max: 50 })], params(200))("changing one stream's name (or the order streams are made in) does not change another stream's draws", (a, b, b2, rep) => {
    fc.pre(a !== b && a !== b2)
    const s1 = new RandomStreams("crn", rep)
    const other = s1.stream(b)
    for (let i = 0; i < 5; i++) other()
    const x1 = Array.from({ length: 20 }, s1.stream(a))
    const s2 = new RandomStreams("crn", rep)
    const x2 = Array.from({ length: 20 }, s2.stream(a)) // made first this time
    s2.stream(b2)()
    expect(x2).toEqual(x1)
  })

  test.prop([fc.nat({ max: 10_000 })], params(20))("renaming the service stream leaves the arrival times unchanged (common random numbers)", (rep) => {
    // the trace is flat (time, kind, entity) triples; kind 1 is "arrive" (the pool registered kind 0 first)
    const arrivalsOf = (trace: number[]) => {
      const out: number[] = []
      for (let i = 0; i < trace.length; i += 3) if (trace[i + 1] === 1) out.push(trace[i]!, trace[i + 2]!)
      return out
    }
    const a = traceModel("crn-model", rep), b = traceModel("crn-model", rep, "service-renamed")
    expect(arrivalsOf(b)).toEqual(arrivalsOf(a))
    expect(b).not.toEqual(a) // the services did change
  })
})

describe("queues against an array model", () => {
  type QOp = { op: "push"; entity: number; key: number } | { op: "pop" } | { op: "peek" }
  const qOps = fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ op: fc.constant("push" as const), entity: fc.integer({ min: 0, max: 1_000_000 }), key: fc.integer({ min: 0, max: 3 }) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("pop" as const) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("peek" as const) }) }
    ),
    { maxLength: 300, size: "max" }
  )
  /** Runs the ops on `q` and on a model whose next element is chosen by `pick` (index into the array). */
  const check = (q: Queue, program: QOp[], pick: (model: Array<{ entity: number; key: number; seq: number }>) => number, key: (k: number) => number) => {
    const model: Array<{ entity: number; key: number; seq: number }> = []
    let seq = 0
    for (const p of program) {
      if (p.op === "push") { q.push(p.entity, key(p.key)); model.push({ entity: p.entity, key: key(p.key), seq: seq++ }) }
      else {
        const i = model.length === 0 ? -1 : pick(model)
        const want = i < 0 ? -1 : model[i]!.entity
        if (p.op === "pop") { expect(q.pop()).toBe(want); if (i >= 0) model.splice(i, 1) }
        else expect(q.peek()).toBe(want)
      }
      expect(q.size).toBe(model.length)
    }
  }
  const firstMin = (model: Array<{ key: number; seq: number }>): number => {
    let best = 0
    for (let i = 1; i < model.length; i++) if (model[i]!.key < model[best]!.key) best = i // ties: earliest pushed
    return best
  }

  test.prop([qOps], params(300))("FifoQueue (including growth of the ring buffer and at(i))", (program) => {
    const q = new FifoQueue(4)
    check(q, program, () => 0, () => 0)
    // at(i) walks the ring from the head
    const r = new FifoQueue(4)
    for (let i = 0; i < 6; i++) r.push(i)
    r.pop(); r.pop()
    for (let i = 6; i < 12; i++) r.push(i)
    expect(Array.from({ length: r.size }, (_, i) => r.at(i))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(r.at(-1)).toBe(-1)
    expect(r.at(r.size)).toBe(-1)
  })

  test.prop([qOps], params(300))("PriorityClassQueue: lowest class first, FIFO within a class", (program) => {
    check(new PriorityClassQueue(4), program, firstMin, (k) => k)
  })

  test.prop([qOps, fc.boolean()], params(300))("KeyedQueue: smallest key first, FIFO among equal keys", (program, fractional) => {
    const q = new KeyedQueue(2)
    check(q, program, firstMin, (k) => (fractional ? k / 3 - 0.5 : k))
  })

  // lines with non-decreasing keys (time of entry + a fixed offset per line) against a KeyedQueue fed the same entries
  test.prop([fc.array(fc.oneof(
    fc.record({ line: fc.integer({ min: 0, max: 3 }), dt: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })) }),
    fc.constant("pop" as const)
  ), { maxLength: 200, size: "max" }), fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 })], params(300))(
    "MonotoneLinesQueue pops in the same order as a KeyedQueue", (program, offsets) => {
      const lines = new MonotoneLinesQueue(4, 2), keyed = new KeyedQueue(2)
      let now = 0, id = 0
      for (const op of program) {
        if (op === "pop") {
          expect(lines.peek()).toBe(keyed.peek())
          expect(lines.pop()).toBe(keyed.pop())
        } else {
          now += op.dt
          const key = now + offsets[op.line]!
          lines.pushTo(op.line, id, key)
          keyed.push(id++, key)
        }
        expect(lines.size).toBe(keyed.size)
      }
      while (keyed.size > 0) expect(lines.pop()).toBe(keyed.pop())
      expect(lines.pop()).toBe(-1)
      const last = now + offsets[0]! + 1
      lines.pushTo(0, 1, last)
      expect(() => lines.pushTo(0, 2, last - 1)).toThrow(/key/) // a key below the line's last one
    })

  test.prop([qOps], params(200))("PolicyQueue with a policy 'longest sub-queue first' (ties: lowest index)", (program) => {
    const subs = [new FifoQueue(), new FifoQueue(), new FifoQueue(), new FifoQueue()]
    const q = new PolicyQueue(subs, (qs) => {
      let best = -1
      qs.forEach((s, i) => { if (s.size > 0 && (best < 0 || s.size > qs[best]!.size)) best = i })
      return best
    })
    check(q, program, (model) => {
      const sizes = [0, 1, 2, 3].map((k) => model.filter((m) => m.key === k).length)
      const k = sizes.indexOf(Math.max(...sizes))
      return model.findIndex((m) => m.key === k)
    }, (k) => k)
  })
})

describe("DailySlotServer", () => {
  const slotScenario = fc.record({
    caps: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.5, max: 10, noNaN: true })), { minLength: 1, maxLength: 30, size: "max" }),
    jobs: fc.array(fc.record({
      at: fc.double({ min: 0, max: 25, noNaN: true }),
      size: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 6 }), fc.double({ min: 0.1, max: 15, noNaN: true })),
      reserved: fc.boolean()
    }), { maxLength: 60, size: "max" }),
    reservedUnits: fc.integer({ min: 0, max: 4 }),
    splittable: fc.boolean(),
    openAt: fc.constantFrom(0, 0.25, 0.5),
    len: fc.constantFrom(0, 0.25, 0.5),
    // job sizes as a function (size) or as an array read once per session (sizes)
    sizesArray: fc.boolean()
  })

  // Reservations are exercised with whole jobs only: with splittable work, a reserved job split at the
  // end of its reservation holds the single carry-over slot and the general queue is not served for the
  // rest of that day (see docs/engine.md); the model does not combine the two.
  test.prop([slotScenario], params(300))("never uses more than the day's capacity (or a reservation more than its units); splittable work is conserved; services fall in the session", (sc) => {
    const sim = new Simulation()
    // after the random days, 70 days of 20 units and no arrivals: enough to drain 60 jobs of ≤ 15 units
    // whether or not work can be split (whole jobs: at least one a day)
    const days = sc.caps.length + 70
    const capacity = (d: number) => (d < sc.caps.length ? sc.caps[d]! : 20)
    const useReservation = !sc.splittable
    const general = new FifoQueue(), reserved = new FifoQueue()
    const isReserved = (e: number) => useReservation && sc.jobs[e]!.reserved
    const sizes = sc.jobs.map((j) => j.size)
    const served: Array<{ e: number; t: number }> = []
    const perDay: Array<{ day: number; cap: number; used: number }> = []
    const server = new DailySlotServer(sim, {
      name: "slots", capacity, firstDay: 0, lastDay: days - 1, openAt: sc.openAt, sessionLength: sc.len,
      queue: general, reservations: () => (useReservation ? [{ queue: reserved, units: sc.reservedUnits }] : []),
      ...(sc.sizesArray ? { sizes: () => sizes } : { size: (e: number) => sizes[e]! }), splittable: sc.splittable,
      onServed: (e) => served.push({ e, t: sim.now }),
      onDay: (day, cap, used) => perDay.push({ day, cap, used })
    })
    const arrive = sim.register("arrive", (e) => (isReserved(e) ? reserved : general).push(e))
    sc.jobs.forEach((j, e) => sim.at(j.at, arrive, e))
    sim.run()

    expect(perDay.map((p) => p.day)).toEqual(Array.from({ length: days }, (_, d) => d))
    for (const p of perDay) {
      expect(p.cap).toBe(capacity(p.day))
      expect(p.used).toBeGreaterThanOrEqual(0)
      expect(p.used).toBeLessThanOrEqual(p.cap + 1e-9)
    }
    const usedTotal = perDay.reduce((s, p) => s + p.used, 0)
    expect(server.unitsUsed).toBeCloseTo(usedTotal, 9)
    expect(server.served).toBe(served.length)
    // each entity served at most once, after it arrived, within a day's session
    const seen = new Set<number>()
    const reservedUse = new Map<number, number>()
    for (const { e, t } of served) {
      expect(seen.has(e)).toBe(false)
      seen.add(e)
      const day = Math.floor(t - sc.openAt + 1e-9)
      expect(t).toBeGreaterThanOrEqual(day + sc.openAt - 1e-9)
      expect(t).toBeLessThanOrEqual(day + sc.openAt + sc.len + 1e-9)
      expect(t).toBeGreaterThanOrEqual(sc.jobs[e]!.at)
      if (isReserved(e)) reservedUse.set(day, (reservedUse.get(day) ?? 0) + sizes[e]!)
    }
    for (const [day, u] of reservedUse) expect(u, `reserved units on day ${day}`).toBeLessThanOrEqual(sc.reservedUnits + 1e-9)
    // work conservation: the units used are exactly the work of the jobs served (splittable: everything
    // drains, so no job is left part-done)
    const servedWork = served.reduce((s, { e }) => s + sizes[e]!, 0)
    expect(usedTotal).toBeCloseTo(servedWork, 6)
    expect(server.inProgress).toBe(-1)
    for (const [e, j] of sc.jobs.entries()) {
      if (!isReserved(e)) expect(seen.has(e), `job ${e} (size ${j.size}) was never served`).toBe(true)
      else if (j.size > sc.reservedUnits) expect(seen.has(e), `reserved job ${e} larger than the reservation`).toBe(false)
    }
  })

  // maxSize only saves a peek: the same jobs are served at the same times with or without it
  test.prop([slotScenario], params(200))("maxSize (an upper bound on the sizes) changes nothing that is served", (sc) => {
    const run = (maxSize: number | undefined) => {
      const sim = new Simulation()
      const days = sc.caps.length + 70
      const general = new FifoQueue(), reserved = new FifoQueue()
      const useReservation = !sc.splittable
      const served: Array<[number, number]> = []
      new DailySlotServer(sim, {
        name: "slots", capacity: (d) => (d < sc.caps.length ? sc.caps[d]! : 20), firstDay: 0, lastDay: days - 1,
        openAt: sc.openAt, sessionLength: sc.len, queue: general,
        reservations: () => (useReservation ? [{ queue: reserved, units: sc.reservedUnits }] : []),
        size: (e) => sc.jobs[e]!.size, splittable: sc.splittable, ...(maxSize === undefined ? {} : { maxSize }),
        onServed: (e) => served.push([e, sim.now])
      })
      const arrive = sim.register("arrive", (e) => (useReservation && sc.jobs[e]!.reserved ? reserved : general).push(e))
      sc.jobs.forEach((j, e) => sim.at(j.at, arrive, e))
      sim.run()
      return served
    }
    const bound = Math.max(1, ...sc.jobs.map((j) => j.size))
    expect(run(bound)).toEqual(run(undefined))
  })

  test.prop([fc.array(fc.double({ min: 0.1, max: 30, noNaN: true }), { minLength: 1, maxLength: 20, size: "max" }), fc.double({ min: 1, max: 8, noNaN: true })], params(200))(
    "splittable work: every day but the last of a job's service uses the full capacity, and the job ends when its work is done",
    (work, cap) => {
      const sim = new Simulation()
      const queue = new FifoQueue()
      work.forEach((_, e) => queue.push(e))
      const total = work.reduce((s, w) => s + w, 0)
      const days = Math.ceil(total / cap) + 2
      const done: Array<[number, number]> = []
      const used: number[] = []
      new DailySlotServer(sim, {
        name: "s", capacity: () => cap, firstDay: 0, lastDay: days - 1, queue, size: (e) => work[e]!, splittable: true,
        onServed: (e) => done.push([e, sim.now]), onDay: (_d, _c, u) => used.push(u)
      })
      sim.run()
      expect(done.map(([e]) => e)).toEqual(work.map((_, e) => e))
      // a work-conserving server finishes job e at cumulative work W_e: on day ⌊W_e / cap⌋ (up to rounding)
      let cum = 0
      for (const [e, t] of done) {
        cum += work[e]!
        const day = Math.floor(t)
        expect(Math.abs(day * cap + (t - day) * cap - cum), `job ${e}`).toBeLessThan(1e-6 * Math.max(1, cum))
      }
      const full = Math.floor(total / cap - 1e-9)
      for (let d = 0; d < full; d++) expect(used[d]).toBeCloseTo(cap, 9)
      expect(used.reduce((s, u) => s + u, 0)).toBeCloseTo(total, 6)
    }
  )
})
