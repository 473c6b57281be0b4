/**
 * The future-event list: a binary min-heap keyed on (time, sequence number) stored in typed arrays.
 * Ties in time are broken by insertion order, so runs are deterministic. Events are referenced by
 * handles (slot + generation) so that a pending event can be cancelled in O(log n) and a stale handle
 * never cancels a later event that reuses the slot. Pushing and popping allocate nothing once the
 * arrays have grown to the peak number of pending events.
 */
// handle = generation * GEN + slot, kept below 2^53 so that it is an exact double: 26 bits of slot
// (at most 67,108,864 pending events, ≈ 2.7 GB of arrays) and 27 bits of generation (a slot can be
// reused 134 million times before a stale handle could alias a new event).
const GEN = 0x4000000 // 2^26
const GEN_MASK = 0x7ffffff // 2^27 − 1

export class EventHeap {
  // heap order
  private hTime: Float64Array
  private hSeq: Float64Array
  private hSlot: Int32Array
  // per slot
  private sKind: Int32Array
  private sEntity: Int32Array
  private sGen: Uint32Array
  private sPos: Int32Array
  private free: Int32Array
  private nFree = 0
  private nSlots = 0
  private n = 0
  private seq = 0
  /** Time, kind and entity of the event returned by the last `pop`. */
  lastTime = 0
  lastKind = 0
  lastEntity = 0

  constructor(initialCapacity = 64) {
    const c = Math.max(4, initialCapacity | 0)
    this.hTime = new Float64Array(c)
    this.hSeq = new Float64Array(c)
    this.hSlot = new Int32Array(c)
    this.sKind = new Int32Array(c)
    this.sEntity = new Int32Array(c)
    this.sGen = new Uint32Array(c)
    this.sPos = new Int32Array(c).fill(-1)
    this.free = new Int32Array(c)
  }

  get size(): number {
    return this.n
  }

  /** Time of the earliest pending event, or +Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.hTime[0]! : Infinity
  }

  /** True when this heap's earliest event comes before other's by (time, sequence); false when this one is empty. */
  headBefore(other: EventHeap): boolean {
    if (this.n === 0) return false
    if (other.n === 0) return true
    const t = this.hTime[0]!, ot = other.hTime[0]!
    return t < ot || (t === ot && this.hSeq[0]! < other.hSeq[0]!)
  }

  private grow(): void {
    if (this.hTime.length >= GEN) throw new RangeError(`EventHeap: more than ${GEN} pending events`)
    const c = Math.min(this.hTime.length * 2, GEN)
    const f64 = (a: Float64Array) => { const b = new Float64Array(c); b.set(a); return b }
    const i32 = (a: Int32Array) => { const b = new Int32Array(c); b.set(a); return b }
    this.hTime = f64(this.hTime)
    this.hSeq = f64(this.hSeq)
    this.hSlot = i32(this.hSlot)
    this.sKind = i32(this.sKind)
    this.sEntity = i32(this.sEntity)
    const g = new Uint32Array(c); g.set(this.sGen); this.sGen = g
    const p = new Int32Array(c).fill(-1); p.set(this.sPos); this.sPos = p
    this.free = i32(this.free)
  }

  /**
   * Adds an event; returns its handle for `cancel`. `seq` orders ties in time (default: this heap's
   * own insertion order); a caller that splits one event list over several heaps passes a shared one.
   */
  push(time: number, kind: number, entity: number, seq?: number): number {
    const slot = this.insert(time, kind, entity, seq ?? this.seq++)
    return this.sGen[slot]! * GEN + slot
  }

  /**
   * Adds an event with the given sequence number and returns its slot (a small integer; the handle, which
   * outgrows the small integers, is made only by `push`: an engine component that never cancels saves
   * boxing it).
   */
  insert(time: number, kind: number, entity: number, s: number): number {
    let slot: number
    if (this.nFree > 0) slot = this.free[--this.nFree]!
    else {
      if (this.nSlots === this.hTime.length) this.grow()
      slot = this.nSlots++
    }
    this.sKind[slot] = kind
    this.sEntity[slot] = entity
    // the new event is written at the end, then moved up (the sifts take positions, not times: a double
    // passed to a call that is not inlined is boxed, and this runs for every event)
    const i = this.n++
    this.hTime[i] = time; this.hSeq[i] = s; this.hSlot[i] = slot
    this.siftUp(i)
    return slot
  }

  /** Removes the earliest event and exposes it in lastTime/lastKind/lastEntity. Returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false
    const slot = this.hSlot[0]!
    this.lastTime = this.hTime[0]!
    this.lastKind = this.sKind[slot]!
    this.lastEntity = this.sEntity[slot]!
    this.release(slot)
    const last = --this.n
    if (last > 0) this.siftDown(0, last)
    return true
  }

  /** Pops the earliest event, as `pop`, if there is one with time ≤ `until`; returns false otherwise. */
  popUntil(until: number): boolean {
    if (this.n === 0 || !(this.hTime[0]! <= until)) return false
    return this.pop()
  }

  /** Cancels a pending event. Returns false if it already fired or was cancelled. */
  cancel(handle: number): boolean {
    const slot = handle % GEN
    const gen = (handle - slot) / GEN
    if (slot < 0 || slot >= this.nSlots || this.sGen[slot] !== gen) return false
    const i = this.sPos[slot]!
    if (i < 0) return false
    this.release(slot)
    const last = --this.n
    if (i !== last) {
      // the last element fills the hole, then may need to go up or down
      if (i > 0 && less(this.hTime[last]!, this.hSeq[last]!, this.hTime[(i - 1) >> 1]!, this.hSeq[(i - 1) >> 1]!)) {
        this.hTime[i] = this.hTime[last]!; this.hSeq[i] = this.hSeq[last]!; this.hSlot[i] = this.hSlot[last]!
        this.siftUp(i)
      } else this.siftDown(i, last)
    }
    return true
  }

  /** True while the event behind the handle is still pending. */
  isPending(handle: number): boolean {
    const slot = handle % GEN
    return slot >= 0 && slot < this.nSlots && this.sGen[slot] === (handle - slot) / GEN && this.sPos[slot]! >= 0
  }

  private release(slot: number): void {
    this.sPos[slot] = -1
    this.sGen[slot] = (this.sGen[slot]! + 1) & GEN_MASK
    this.free[this.nFree++] = slot
  }

  /** Moves the element at position i up to its place. */
  private siftUp(i: number): void {
    const hT = this.hTime, hS = this.hSeq, hSl = this.hSlot, pos = this.sPos
    const t = hT[i]!, s = hS[i]!, slot = hSl[i]!
    while (i > 0) {
      const p = (i - 1) >> 1
      const pt = hT[p]!
      if (pt < t || (pt === t && hS[p]! < s)) break
      hT[i] = pt; hS[i] = hS[p]!; const ps = hSl[p]!; hSl[i] = ps; pos[ps] = i
      i = p
    }
    hT[i] = t; hS[i] = s; hSl[i] = slot; pos[slot] = i
  }

  /** Places the element at position `from` (outside the heap, n ≤ from) in the hole at position i, moving down. */
  private siftDown(i: number, from: number): void {
    const hT = this.hTime, hS = this.hSeq, hSl = this.hSlot, pos = this.sPos, n = this.n
    const t = hT[from]!, s = hS[from]!, slot = hSl[from]!
    for (;;) {
      let c = 2 * i + 1
      if (c >= n) break
      let ct = hT[c]!, cs = hS[c]!
      const r = c + 1
      if (r < n) {
        const rt = hT[r]!
        if (rt < ct || (rt === ct && hS[r]! < cs)) { c = r; ct = rt; cs = hS[r]! }
      }
      if (t < ct || (t === ct && s < cs)) break
      hT[i] = ct; hS[i] = cs; const cslot = hSl[c]!; hSl[i] = cslot; pos[cslot] = i
      i = c
    }
    hT[i] = t; hS[i] = s; hSl[i] = slot; pos[slot] = i
  }
}

const less = (t1: number, s1: number, t2: number, s2: number): boolean => t1 < t2 || (t1 === t2 && s1 < s2)
