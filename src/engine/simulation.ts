/**
 * The simulation kernel: a clock, the future-event list and handlers registered by integer kind.
 * An event is (time, kind, entity): the handler for `kind` is called with the entity index, so the
 * loop allocates nothing per event. Ties in time fire in scheduling order.
 */
import { EventHeap } from "./heap.ts"
import { EngineArgumentError } from "./errors.ts"

export type Handler = (entity: number) => void
export type EventObserver = (time: number, kind: number, entity: number) => void

export class Simulation {
  /** Current simulation time (days, by the model's convention). */
  now = 0
  /** Events fired so far. */
  eventsFired = 0
  private readonly heap: EventHeap
  private readonly handlers: Handler[] = []
  private readonly kindNames: string[] = []
  private stopped = false
  private observer: EventObserver | undefined

  constructor(options: { startTime?: number; initialCapacity?: number } = {}) {
    this.heap = new EventHeap(options.initialCapacity ?? 256)
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
    return this.heap.push(time, kind, entity)
  }

  /** Schedules `kind` for `entity` after `delay` (≥ 0). */
  after(delay: number, kind: number, entity = 0): number {
    if (!(delay >= 0 && (kind | 0) === kind && kind >= 0 && kind < this.handlers.length && (entity | 0) === entity)) this.reject("delay", delay, kind, entity)
    return this.heap.push(this.now + delay, kind, entity)
  }

  /** Throws the error for a rejected `at`/`after` (kept out of line so that those two stay small enough to inline). */
  private reject(what: "time" | "delay", value: number, kind: number, entity: number): never {
    if (what === "time" && !(value >= this.now)) throw new EngineArgumentError("time", value, `a time ≥ now (${this.now})`)
    if (what === "delay" && !(value >= 0)) throw new EngineArgumentError("delay", value, "a delay ≥ 0")
    if (!((kind | 0) === kind && kind >= 0 && kind < this.handlers.length)) throw new EngineArgumentError("kind", kind, "a registered event kind")
    throw new EngineArgumentError("entity", entity, "an entity index (a 32-bit integer)")
  }

  cancel(handle: number): boolean {
    return this.heap.cancel(handle)
  }

  isPending(handle: number): boolean {
    return this.heap.isPending(handle)
  }

  get pending(): number {
    return this.heap.size
  }

  /** Time of the next event, or +Infinity. */
  peekTime(): number {
    return this.heap.peekTime()
  }

  /** Stops `run`/`runUntil` after the current event. */
  stop(): void {
    this.stopped = true
  }

  /** Fires every event with time ≤ `until` (default: all), then sets the clock to `until` if finite. */
  runUntil(until = Infinity): void {
    const heap = this.heap, handlers = this.handlers
    this.stopped = false
    while (!this.stopped && heap.popUntil(until)) {
      const t = heap.lastTime, kind = heap.lastKind, entity = heap.lastEntity
      this.now = t
      this.eventsFired++
      if (this.observer !== undefined) this.observer(t, kind, entity)
      handlers[kind]!(entity)
    }
    if (!this.stopped && Number.isFinite(until) && until > this.now) this.now = until
  }

  run(): void {
    this.runUntil(Infinity)
  }
}
