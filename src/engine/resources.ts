/**
 * Capacity.
 *  - ServerPool: c identical servers (c may change at given times) in front of a Queue; service times
 *    are drawn when service starts. Non-preemptive: when c drops, busy servers finish their job and are
 *    not replaced until busy < c. No job ever starts while busy ≥ c.
 *  - DailySlotServer: a capacity of N units per day (appointments, or handler hours) served from a
 *    Queue in one session a day. Jobs may need several units; `splittable` jobs (work content in hours)
 *    carry over to the next day, others wait for a day with room. Reserved shares of a day's capacity
 *    can be given to particular queues first.
 */
import type { Simulation } from "./simulation.ts"
import { FifoQueue, type Queue } from "./queues.ts"
import { TimeWeighted } from "./stats.ts"
import { EngineArgumentError, requireFinite, requireNonNegative, requireNonNegativeInt, requirePositive } from "./errors.ts"

/** A step function of time: `values[i]` holds from `times[i]` to `times[i+1]`; `initial` before `times[0]`. */
export interface StepSchedule {
  readonly initial: number
  readonly times: ReadonlyArray<number>
  readonly values: ReadonlyArray<number>
}

export const validateStepSchedule = (name: string, s: StepSchedule, integer: boolean): void => {
  const check = integer ? requireNonNegativeInt : requireNonNegative
  check(`${name}.initial`, s.initial)
  if (s.times.length !== s.values.length) throw new EngineArgumentError(`${name}.values`, s.values, `one value per time (${s.times.length})`)
  s.times.forEach((t, i) => {
    requireFinite(`${name}.times[${i}]`, t)
    if (i > 0 && !(t > s.times[i - 1]!)) throw new EngineArgumentError(`${name}.times[${i}]`, t, "times in increasing order")
    check(`${name}.values[${i}]`, s.values[i]!)
  })
}

export interface ServerPoolOptions {
  name: string
  servers: number | StepSchedule
  queue?: Queue
  /** Service duration for an entity, drawn when its service starts. */
  serviceTime: (entity: number) => number
  onStart?: (entity: number) => void
  onComplete: (entity: number) => void
}

export class ServerPool {
  readonly name: string
  busy = 0
  capacity: number
  started = 0
  completed = 0
  readonly queue: Queue
  readonly busyLevel: TimeWeighted
  readonly queueLevel: TimeWeighted
  private readonly sim: Simulation
  private readonly doneKind: number
  // the callbacks, copied out of the options (one field load on the hot path instead of two)
  private readonly serviceTime: (entity: number) => number
  private readonly onStart: ((entity: number) => void) | undefined
  private readonly onComplete: (entity: number) => void

  constructor(sim: Simulation, opts: ServerPoolOptions) {
    this.sim = sim
    this.serviceTime = opts.serviceTime
    this.onStart = opts.onStart
    this.onComplete = opts.onComplete
    this.name = opts.name
    this.queue = opts.queue ?? new FifoQueue()
    this.busyLevel = new TimeWeighted(sim.now)
    this.queueLevel = new TimeWeighted(sim.now)
    this.doneKind = sim.register(`${opts.name}:done`, (e) => this.complete(e))
    if (typeof opts.servers === "number") {
      this.capacity = requireNonNegativeInt(`${opts.name}.servers`, opts.servers)
    } else {
      const sched = opts.servers
      validateStepSchedule(`${opts.name}.servers`, sched, true)
      // the value in force now (a pool may be built after some of its change times), then the changes to come
      this.capacity = sched.initial
      sched.times.forEach((t, i) => { if (t < sim.now) this.capacity = sched.values[i]! })
      const changeKind = sim.register(`${opts.name}:capacity`, (i) => this.setCapacity(sched.values[i]!))
      sched.times.forEach((t, i) => { if (t >= sim.now) sim.at(t, changeKind, i) })
    }
  }

  /** An entity asks for a server (key: queue key, e.g. priority class). */
  request(entity: number, key?: number): void {
    if (this.busy < this.capacity && this.queue.size === 0) this.start(entity)
    else {
      this.queue.push(entity, key)
      this.queueLevel.set(this.sim.now, this.queue.size)
    }
  }

  setCapacity(c: number): void {
    this.capacity = requireNonNegativeInt(`${this.name}.capacity`, c)
    this.fill()
  }

  private start(entity: number): void {
    this.busy++
    this.started++
    const sim = this.sim
    this.busyLevel.set(sim.now, this.busy)
    if (this.onStart !== undefined) this.onStart(entity)
    const d = this.serviceTime(entity)
    sim.after(d > 0 ? d : 0, this.doneKind, entity)
  }

  private complete(entity: number): void {
    this.busy--
    this.completed++
    this.busyLevel.set(this.sim.now, this.busy)
    this.onComplete(entity)
    this.fill()
  }

  private fill(): void {
    let moved = false
    while (this.busy < this.capacity && this.queue.size > 0) {
      const e = this.queue.pop()
      if (e < 0) break
      moved = true
      this.start(e)
    }
    if (moved) this.queueLevel.set(this.sim.now, this.queue.size)
  }
}

export interface Reservation {
  /** The queue whose entities may use the reserved units (it must be fed by the caller). */
  readonly queue: Queue
  /** Units of the day's capacity served from `queue` before anything else. */
  readonly units: number
}

export interface DailySlotServerOptions {
  name: string
  /** Capacity in units for day d (0 = closed), a finite number ≥ 0. Called once per day. */
  capacity: (day: number) => number
  /** First and last day (inclusive) with sessions. */
  firstDay: number
  lastDay: number
  /** Session opens at day + openAt and lasts `sessionLength` days; served times are spread over it. */
  openAt?: number
  sessionLength?: number
  /** The general queue, served after the reservations. */
  queue: Queue
  /** Reserved units per day for particular queues, served first (in order). */
  reservations?: (day: number) => ReadonlyArray<Reservation>
  /** Units an entity needs (default 1), a finite number ≥ 0. */
  size?: (entity: number) => number
  /**
   * Instead of `size`: the units each entity needs, as an array indexed by entity, asked for once per
   * session (a function, so that an array replaced when it grows is seen; it must not be replaced while
   * a session serves). Saves a call per job.
   */
  sizes?: () => ArrayLike<number>
  /**
   * An upper bound on `size` (optional). While at least this much room is left, the next job is taken
   * with one `pop` instead of `peek` + `pop` (for composite queues whose choice is costly); the order
   * served is the same.
   */
  maxSize?: number
  /** Work may be split across days (hours of casework) instead of waiting for a day with room. */
  splittable?: boolean
  /** Called at the moment the entity's service ends (scheduled within the day's session). */
  onServed: (entity: number) => void
  /** Called after each day's session with the capacity offered and the units used. */
  onDay?: (day: number, capacity: number, used: number) => void
}

export class DailySlotServer {
  readonly name: string
  unitsOffered = 0
  unitsUsed = 0
  served = 0
  private readonly sim: Simulation
  private readonly o: DailySlotServerOptions
  private readonly openAt: number
  private readonly len: number
  private readonly sessionKind: number
  private readonly servedKind: number
  private carryEntity = -1
  private carryLeft = 0
  // the day's service ends, in time order: only the next one waits in the event list (a day serves up to
  // hundreds; keeping them here keeps the event list short), each with the sequence number it was given
  // when the session served it, so that the order of events is that of scheduling them all at once
  private endT = new Float64Array(64)
  private endE = new Int32Array(64)
  private endS = new Float64Array(64)
  private endHead = 0
  private endN = 0
  // today's session: its start, capacity and the units used so far
  private sT0 = 0
  private sCap = 0
  private sUsed = 0
  private sSizes: ArrayLike<number> | undefined = undefined

  constructor(sim: Simulation, o: DailySlotServerOptions) {
    this.sim = sim
    this.o = o
    this.name = o.name
    this.openAt = requireNonNegative(`${o.name}.openAt`, o.openAt ?? 0)
    this.len = requireNonNegative(`${o.name}.sessionLength`, o.sessionLength ?? 1)
    if (o.maxSize !== undefined) requirePositive(`${o.name}.maxSize`, o.maxSize)
    if (this.openAt + this.len > 1) throw new EngineArgumentError(`${o.name}.sessionLength`, this.len, `a session that ends within the day (openAt ${this.openAt} + sessionLength ≤ 1)`)
    requireNonNegativeInt(`${o.name}.firstDay`, o.firstDay)
    requireNonNegativeInt(`${o.name}.lastDay`, o.lastDay)
    this.sessionKind = sim.register(`${o.name}:session`, (d) => this.session(d))
    this.servedKind = sim.register(`${o.name}:served`, (e) => {
      // the next service end of the day goes to the event list (its time is ≥ this one's)
      if (++this.endHead < this.endN) this.sim.atSeq(this.endT[this.endHead]!, this.servedKind, this.endE[this.endHead]!, this.endS[this.endHead]!)
      else this.endHead = this.endN = 0
      this.served++
      this.o.onServed(e)
    })
    if (o.lastDay >= o.firstDay) sim.at(Math.max(o.firstDay + this.openAt, sim.now), this.sessionKind, o.firstDay)
  }

  /** The entity being worked on across days (splittable servers), or -1. */
  get inProgress(): number { return this.carryEntity }

  /** Service of entity e ends once `used` units of today's session are used (no earlier than the last one). */
  private serviceEnds(used: number, e: number): void {
    const t = this.sT0 + (this.len * used) / this.sCap
    const seq = this.sim.reserveSeq()
    if (this.endN === 0) {
      // nothing pending from this server: straight to the event list
      this.endHead = 0; this.endN = 1
      this.sim.atSeq(t, this.servedKind, e, seq)
      return
    }
    if (this.endN === this.endT.length) this.growEnds()
    this.endT[this.endN] = t; this.endE[this.endN] = e; this.endS[this.endN] = seq
    this.endN++
  }

  private growEnds(): void {
    const c = this.endT.length * 2
    const t2 = new Float64Array(c); t2.set(this.endT); this.endT = t2
    const e2 = new Int32Array(c); e2.set(this.endE); this.endE = e2
    const s2 = new Float64Array(c); s2.set(this.endS); this.endS = s2
  }

  private session(day: number): void {
    const cap = this.o.capacity(day)
    // a function cannot be checked when the server is built: a bad value is reported on the day it occurs
    // (a negative or NaN capacity used to pass silently as a closed day)
    if (!(cap >= 0 && cap < Infinity)) throw new EngineArgumentError(`${this.name}.capacity`, cap, `a finite number ≥ 0 (day ${day})`)
    let used = 0
    if (cap > 0) {
      this.sT0 = day + this.openAt; this.sCap = cap; this.sUsed = 0
      this.sSizes = this.o.sizes?.()
      // work carried over from yesterday first
      if (this.carryEntity >= 0) {
        const take = Math.min(this.carryLeft, cap)
        this.sUsed += take
        this.carryLeft -= take
        if (this.carryLeft <= 1e-12) { this.serviceEnds(this.sUsed, this.carryEntity); this.carryEntity = -1; this.carryLeft = 0 }
      }
      const res = this.o.reservations?.(day)
      if (res !== undefined) for (const r of res) if (r.units > 0) this.serveFrom(r.queue, r.units)
      this.serveFrom(this.o.queue, Infinity)
      used = this.sUsed
      this.unitsOffered += cap
      this.unitsUsed += used
    }
    this.o.onDay?.(day, cap, used)
    if (day + 1 <= this.o.lastDay) this.sim.at(day + 1 + this.openAt, this.sessionKind, day + 1)
  }

  /**
   * The size of entity e's job. A NaN size used to block the server for good, a negative one to create
   * capacity; with maxSize, a size above it would break the one-step path's promise that the job fits.
   */
  private sizeOf(e: number): number {
    const sizes = this.sSizes, maxSize = this.o.maxSize
    const need = sizes !== undefined ? sizes[e]! : this.o.size === undefined ? 1 : this.o.size(e)
    if (!(need >= 0 && (maxSize === undefined ? need < Infinity : need <= maxSize))) this.badSize(e, need)
    return need
  }

  /** Throws the error for a bad job size (out of line, so that sizeOf stays small enough to be inlined). */
  private badSize(e: number, need: number): never {
    const maxSize = this.o.maxSize
    throw new EngineArgumentError(`${this.name}.size`, need, `${maxSize === undefined ? "a finite number ≥ 0" : `a number in [0, maxSize ${maxSize}]`} (entity ${e})`)
  }

  /** Today's session serves up to `limit` units from q (in the room left today). */
  private serveFrom(q: Queue, limit: number): void {
    const cap = this.sCap
    const maxSize = this.o.maxSize, split = this.o.splittable === true
    let used = this.sUsed, budget = limit
    while (this.carryEntity < 0 && budget > 1e-12 && cap - used > 1e-12) {
      if (maxSize !== undefined && Math.min(budget, cap - used) >= maxSize - 1e-12) {
        // the next job fits whatever it is: take it in one step
        const e = q.pop()
        if (e < 0) break
        const need = this.sizeOf(e)
        used += need; budget -= need; this.serviceEnds(used, e)
        continue
      }
      const e = q.peek() // -1 when empty (cheaper than size for composite queues)
      if (e < 0) break
      const need = this.sizeOf(e)
      const room = Math.min(budget, cap - used)
      if (need <= room + 1e-12) {
        q.pop(); used += need; budget -= need; this.serviceEnds(used, e)
      } else if (split) {
        q.pop(); used += room; budget -= room; this.carryEntity = e; this.carryLeft = need - room
      } else break
    }
    this.sUsed = used
  }
}
