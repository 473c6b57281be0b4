/**
 * Waiting lines of entity indices with pluggable disciplines. All share one interface, so a pool or a
 * daily slot server can be given any of them:
 *  - FifoQueue: first in, first out (a growable ring buffer).
 *  - PriorityClassQueue: lower class first, FIFO within a class.
 *  - KeyedQueue: smallest key first, FIFO among equal keys (earliest deadline first when key = deadline).
 *  - PolicyQueue: several sub-queues and a callback that picks which one serves next (policies that
 *    change with the date, reserved shares, etc.).
 */
import { EngineArgumentError, requireNonNegativeInt } from "./errors.ts"

export interface Queue {
  readonly size: number
  /** Adds an entity. `key` is the class (PriorityClassQueue), the deadline (KeyedQueue), the sub-queue (PolicyQueue), ignored by FIFO. */
  push(entity: number, key?: number): void
  /** Removes and returns the next entity, or -1 when empty. */
  pop(): number
  /** The next entity without removing it, or -1 when empty. */
  peek(): number
}

/** The smallest power of two ≥ max(4, n): ring buffers index with a mask instead of a remainder. */
const pow2AtLeast = (n: number): number => {
  let c = 4
  while (c < n) c *= 2
  return c
}

export class FifoQueue implements Queue {
  private buf: Int32Array
  private head = 0
  private n = 0
  constructor(initialCapacity = 16) {
    this.buf = new Int32Array(pow2AtLeast(initialCapacity))
  }
  get size(): number { return this.n }
  push(entity: number): void {
    if (this.n === this.buf.length) {
      const b = new Int32Array(this.buf.length * 2)
      for (let i = 0; i < this.n; i++) b[i] = this.buf[(this.head + i) & (this.buf.length - 1)]!
      this.buf = b
      this.head = 0
    }
    this.buf[(this.head + this.n) & (this.buf.length - 1)] = entity
    this.n++
  }
  pop(): number {
    if (this.n === 0) return -1
    const e = this.buf[this.head]!
    this.head = (this.head + 1) & (this.buf.length - 1)
    this.n--
    return e
  }
  peek(): number { return this.n === 0 ? -1 : this.buf[this.head]! }
  /** The i-th waiting entity from the head (0-based), for inspection. */
  at(i: number): number { return i < 0 || i >= this.n ? -1 : this.buf[(this.head + i) & (this.buf.length - 1)]! }
}

export class PriorityClassQueue implements Queue {
  readonly classes: FifoQueue[]
  private n = 0
  constructor(numClasses: number) {
    requireNonNegativeInt("numClasses", numClasses)
    if (numClasses < 1) throw new EngineArgumentError("numClasses", numClasses, "at least 1 class")
    this.classes = Array.from({ length: numClasses }, () => new FifoQueue())
  }
  get size(): number { return this.n }
  push(entity: number, cls = 0): void {
    const q = this.classes[cls]
    if (q === undefined) throw new EngineArgumentError("class", cls, `a class in 0..${this.classes.length - 1}`)
    q.push(entity); this.n++
  }
  pop(): number {
    for (const q of this.classes) if (q.size > 0) { this.n--; return q.pop() }
    return -1
  }
  peek(): number {
    for (const q of this.classes) if (q.size > 0) return q.peek()
    return -1
  }
}

/** Min-heap on (key, arrival order). */
export class KeyedQueue implements Queue {
  private key: Float64Array
  private seq: Float64Array
  private ent: Int32Array
  private n = 0
  private counter = 0
  constructor(initialCapacity = 16) {
    const c = Math.max(4, initialCapacity)
    this.key = new Float64Array(c); this.seq = new Float64Array(c); this.ent = new Int32Array(c)
  }
  get size(): number { return this.n }
  push(entity: number, key = 0): void {
    if (Number.isNaN(key)) throw new EngineArgumentError("key", key, "a number (not NaN)")
    if (this.n === this.key.length) {
      const c = this.n * 2
      const k = new Float64Array(c); k.set(this.key); this.key = k
      const s = new Float64Array(c); s.set(this.seq); this.seq = s
      const e = new Int32Array(c); e.set(this.ent); this.ent = e
    }
    let i = this.n++
    const sq = this.counter++
    while (i > 0) {
      const p = (i - 1) >> 1
      if (this.key[p]! < key || (this.key[p] === key && this.seq[p]! < sq)) break
      this.key[i] = this.key[p]!; this.seq[i] = this.seq[p]!; this.ent[i] = this.ent[p]!
      i = p
    }
    this.key[i] = key; this.seq[i] = sq; this.ent[i] = entity
  }
  pop(): number {
    if (this.n === 0) return -1
    const top = this.ent[0]!
    const last = --this.n
    if (last > 0) {
      const k = this.key[last]!, s = this.seq[last]!, e = this.ent[last]!
      let i = 0
      for (;;) {
        let c = 2 * i + 1
        if (c >= last) break
        if (c + 1 < last && (this.key[c + 1]! < this.key[c]! || (this.key[c + 1] === this.key[c] && this.seq[c + 1]! < this.seq[c]!))) c++
        if (k < this.key[c]! || (k === this.key[c] && s < this.seq[c]!)) break
        this.key[i] = this.key[c]!; this.seq[i] = this.seq[c]!; this.ent[i] = this.ent[c]!
        i = c
      }
      this.key[i] = k; this.seq[i] = s; this.ent[i] = e
    }
    return top
  }
  peek(): number { return this.n === 0 ? -1 : this.ent[0]! }
  /** Key of the head entity (Infinity when empty). */
  peekKey(): number { return this.n === 0 ? Infinity : this.key[0]! }
}

/**
 * Sub-queues chosen by a policy callback: `choose(queues)` returns the index of the sub-queue to serve
 * next (or -1 for none). `push(entity, k)` puts the entity in sub-queue k.
 */
export class PolicyQueue implements Queue {
  readonly queues: Queue[]
  private readonly choose: (queues: ReadonlyArray<Queue>) => number
  constructor(queues: Queue[], choose: (queues: ReadonlyArray<Queue>) => number) {
    if (queues.length === 0) throw new EngineArgumentError("queues", queues, "at least one sub-queue")
    this.queues = queues
    this.choose = choose
  }
  /** Total waiting in all sub-queues (sub-queues may also be served directly, e.g. as reservations). */
  get size(): number {
    let n = 0
    for (const q of this.queues) n += q.size
    return n
  }
  push(entity: number, k = 0): void {
    const q = this.queues[k]
    if (q === undefined) throw new EngineArgumentError("subQueue", k, `a sub-queue in 0..${this.queues.length - 1}`)
    q.push(entity)
  }
  pop(): number {
    const q = this.queues[this.choose(this.queues)]
    if (q === undefined || q.size === 0) return -1
    return q.pop()
  }
  peek(): number {
    const q = this.queues[this.choose(this.queues)]
    return q === undefined ? -1 : q.peek()
  }
}

/**
 * Several FIFO lines whose keys never decrease within a line (e.g. "time of entry", or "time of entry
 * + a fixed offset" for a line that ranks later): `pop` takes the smallest (key, arrival order) among
 * the line heads, in O(lines). The order is exactly that of a KeyedQueue holding the same entries, at
 * O(1) per operation instead of O(log n). `pushTo(line, entity, key)` adds to a line; a key below the
 * line's last key is a programming error and throws.
 */
export class MonotoneLinesQueue implements Queue {
  private readonly ent: Int32Array[]
  private readonly key: Float64Array[]
  private readonly seq: Float64Array[]
  private readonly head: Int32Array
  private readonly count: Int32Array
  private readonly lastKey: Float64Array
  private n = 0
  private counter = 0
  private readonly single: boolean

  constructor(lines: number, initialCapacity = 64) {
    requireNonNegativeInt("lines", lines)
    if (lines < 1) throw new EngineArgumentError("lines", lines, "at least 1 line")
    const c = pow2AtLeast(initialCapacity)
    this.ent = Array.from({ length: lines }, () => new Int32Array(c))
    this.key = Array.from({ length: lines }, () => new Float64Array(c))
    this.seq = Array.from({ length: lines }, () => new Float64Array(c))
    this.head = new Int32Array(lines)
    this.count = new Int32Array(lines)
    this.lastKey = new Float64Array(lines).fill(-Infinity)
    this.single = lines === 1
  }

  get size(): number { return this.n }

  /** Adds to line 0. */
  push(entity: number, key = 0): void { this.pushTo(0, entity, key) }

  pushTo(line: number, entity: number, key: number): void {
    if (line < 0 || line >= this.head.length) throw new EngineArgumentError("line", line, `a line in 0..${this.head.length - 1}`)
    if (!(key >= this.lastKey[line]!)) throw new EngineArgumentError("key", key, `a key ≥ the line's last key (${this.lastKey[line]}) and not NaN`)
    this.lastKey[line] = key
    let cap = this.ent[line]!.length
    if (this.count[line] === cap) {
      // grow, unrolling the ring so that the head is at 0
      const c2 = cap * 2, h = this.head[line]!
      const e2 = new Int32Array(c2), k2 = new Float64Array(c2), s2 = new Float64Array(c2)
      for (let i = 0; i < cap; i++) {
        const j = (h + i) & (cap - 1)
        e2[i] = this.ent[line]![j]!; k2[i] = this.key[line]![j]!; s2[i] = this.seq[line]![j]!
      }
      this.ent[line] = e2; this.key[line] = k2; this.seq[line] = s2; this.head[line] = 0
      cap = c2
    }
    const at = (this.head[line]! + this.count[line]!) & (cap - 1)
    this.ent[line]![at] = entity
    this.key[line]![at] = key
    this.seq[line]![at] = this.counter++
    this.count[line]!++
    this.n++
  }

  /** The line whose head comes first, or -1 when empty. */
  private best(): number {
    let best = -1, bk = Infinity, bs = Infinity
    for (let l = 0; l < this.head.length; l++) {
      if (this.count[l] === 0) continue
      const h = this.head[l]!
      const k = this.key[l]![h]!, sq = this.seq[l]![h]!
      if (k < bk || (k === bk && sq < bs)) { best = l; bk = k; bs = sq }
    }
    return best
  }

  pop(): number {
    const l = this.best()
    if (l < 0) return -1
    const h = this.head[l]!
    const e = this.ent[l]![h]!
    this.head[l] = (h + 1) & (this.ent[l]!.length - 1)
    this.count[l]!--
    this.n--
    return e
  }

  peek(): number {
    const l = this.best()
    return l < 0 ? -1 : this.ent[l]![this.head[l]!]!
  }

  /** Key of the entity `peek` returns (Infinity when empty). */
  peekKey(): number {
    // one line (a common use): its head, without the search (small enough to be inlined, so that the
    // key is not boxed on its way back)
    if (this.single) return this.n === 0 ? Infinity : this.key[0]![this.head[0]!]!
    const l = this.best()
    return l < 0 ? Infinity : this.key[l]![this.head[l]!]!
  }
}
