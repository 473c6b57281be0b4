/**
 * The simulation kernel: a clock, the future-event list and handlers registered by integer kind.
 * An event is (time, kind, entity): the handler for `kind` is called with the entity index, so the
 * loop allocates nothing per event. Ties in time fire in scheduling order.
 *
 * The future-event list is two heaps sharing one scheduling sequence: events due within FAR_DAYS of
 * the moment they are scheduled, and those further ahead (in a model, applications and answers weeks
 * or months away, which would otherwise make up most of the pending events and deepen every pop).
 * Each step fires the earlier of the two heads by (time, sequence): the order is exactly that of one
 * heap.
 */
import { EventHeap } from "./heap.ts"
import { EngineArgumentError } from "./errors.ts"

export type Handler = (entity: number) => void
export type EventObserver = (time: number, kind: number, entity: number) => void

/** Events scheduled further ahead than this (in the model's time unit) wait in the second heap. */
export const FAR_DAYS = 2

export class Simulation {
  /** Current simulation time (days, by the model's convention). */
  now = 0
  /** Events fired so far. */
  eventsFired = 0
  private readonly heap: EventHeap
  private readonly far: EventHeap
  private seq = 0
  private readonly handlers: Handler[] = []
  private readonly kindNames: string[] = []
  private stopped = false
  private observer: EventObserver | undefined

  constructor(options: { startTime?: number; initialCapacity?: number } = {}) {
    this.heap = new EventHeap(options.initialCapacity ?? 256)
    this.far = new EventHeap(options.initialCapacity ?? 256)
    this.now = options.startTime ?? 0
  }

  /** Registers a handler; returns the event kind to schedule it with. */
  register(name: string, handler: Handler): number {
    this.handlers.push(handler)
    this.kindNames.push(name)
    return this.handlers.length - 1
  }

  kindName(kind: number): string {
    return this.kindNames[kind] ?? `#${kind}`
  }

  /** Called for every event fired (tests and traces); costs one branch per event when unset. */
  observe(observer: EventObserver | undefined): void {
    this.observer = observer
  }

  /** Schedules `kind` for `entity` at absolute time `time` (≥ now). Returns a handle for `cancel`. */
  at(time: number, kind: number, entity = 0): number {
    // one combined test on the hot path; `(x | 0) === x` admits exactly the 32-bit integers (not NaN)
    if (!(time >= this.now && (kind | 0) === kind && kind >= 0 && kind < this.handlers.length && (entity | 0) === entity)) this.reject("time", time, kind, entity)
    return this.schedule(time, kind, entity)
  }

  /** Pushes to the near or the far heap; a far event's handle is negative (−1 − its handle there). */
  private schedule(time: number, kind: number, entity: number): number {
    const s = this.seq++
    return time - this.now > FAR_DAYS ? -1 - this.far.push(time, kind, entity, s) : this.heap.push(time, kind, entity, s)
  }

  /**
   * Takes the next scheduling sequence number without scheduling anything, for an engine component
   * that keeps a run of its own events in time order and gives the event list one of them at a time
   * (`atSeq`): each keeps the place in the order it would have had if scheduled at once.
   */
  reserveSeq(): number {
    return this.seq++
  }

  /** Schedules as `at`, with a sequence number taken earlier by `reserveSeq` (time ≥ now); gives no handle (it cannot be cancelled). */
  atSeq(time: number, kind: number, entity: number, seq: number): void {
    if (!(time >= this.now && (kind | 0) === kind && kind >= 0 && kind < this.handlers.length && (entity | 0) === entity)) this.reject("time", time, kind, entity)
    if (time - this.now > FAR_DAYS) this.far.insert(time, kind, entity, seq)
    else this.heap.insert(time, kind, entity, seq)
  }

  /** Schedules `kind` for `entity` after `delay` (≥ 0). */
  after(delay: number, kind: number, entity = 0): number {
    if (!(delay >= 0 && (kind | 0) === kind && kind >= 0 && kind < this.handlers.length && (entity | 0) === entity)) this.reject("delay", delay, kind, entity)
    return this.schedule(this.now + delay, kind, entity)
  }

  /** Throws the error for a rejected `at`/`after` (kept out of line so that those two stay small enough to inline). */
  private reject(what: "time" | "delay", value: number, kind: number, entity: number): never {
    if (what === "time" && !(value >= this.now)) throw new EngineArgumentError("time", value, `a time ≥ now (${this.now})`)
    if (what === "delay" && !(value >= 0)) throw new EngineArgumentError("delay", value, "a delay ≥ 0")
    if (!((kind | 0) === kind && kind >= 0 && kind < this.handlers.length)) throw new EngineArgumentError("kind", kind, "a registered event kind")
    throw new EngineArgumentError("entity", entity, "an entity index (a 32-bit integer)")
  }

  cancel(handle: number): boolean {
    return handle < 0 ? this.far.cancel(-1 - handle) : this.heap.cancel(handle)
  }

  isPending(handle: number): boolean {
    return handle < 0 ? this.far.isPending(-1 - handle) : this.heap.isPending(handle)
  }

  get pending(): number {
    return this.heap.size + this.far.size
  }

  /** Time of the next event, or +Infinity. */
  peekTime(): number {
    return Math.min(this.heap.peekTime(), this.far.peekTime())
  }

  /** Stops `run`/`runUntil` after the current event. */
  stop(): void {
    this.stopped = true
  }

  /** Fires every event with time ≤ `until` (default: all), then sets the clock to `until` if finite. */
  runUntil(until = Infinity): void {
    const near = this.heap, far = this.far, handlers = this.handlers
    // the code after the loop reads only locals: it first runs after the loop was optimised on the
    // stack, without type feedback, and a property read there deoptimised runUntil once per run
    const finite = Number.isFinite(until)
    let drained = false
    this.stopped = false
    while (!this.stopped) {
      // the earlier head by (time, sequence): the far heap's only when it comes first
      const heap = far.headBefore(near) ? far : near
      if (!heap.popUntil(until)) { drained = true; break }
      const t = heap.lastTime, kind = heap.lastKind, entity = heap.lastEntity
      this.now = t
      this.eventsFired++
      if (this.observer !== undefined) this.observer(t, kind, entity)
      handlers[kind]!(entity)
    }
    if (drained && finite && until > this.now) this.now = until
  }

  run(): void {
    this.runUntil(Infinity)
  }
}
