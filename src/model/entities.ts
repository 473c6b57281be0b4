/**
 * The applications of one replication, stored as a struct of arrays (one typed array per attribute,
 * indexed by application number, grown on demand): nothing is allocated per application or event.
 */

// flags: what a case has, drawn when the main applicant arrives (F_REPORTED: in the reported cohort)
export const F_HEARING = 1, F_SUPP = 2, F_DNA = 4, F_HIGHRISK = 8, F_NEGATIVE = 16, F_AUTOMATED = 32, F_REPORTED = 64, F_WITH_MAIN = 128
/** steps still ahead of a case at Migri, in this order: supplementary request → hearing → DNA */
export const STEP_SUPP = 1, STEP_HEARING = 2, STEP_DNA = 4
/** season (issue 8): the applicant is heard before a negative decision (after the other steps) */
export const STEP_NEG_HEARING = 8
/** the entity's current job: Migri first handling, final handling, remote hearing; mission officer tasks; one-piece handling */
export const TASK_FIRST = 0, TASK_FINAL = 1, TASK_REMOTE_HEARING = 2, TASK_HEARING = 3, TASK_SUPP = 4, TASK_DNA = 5, TASK_SINGLE = 6
export const MAIN = 0, FAMILY = 1
/** where an application comes from: simulated intake; the stated backlog on the first day; a main applicant decided before the first day (only its family members are simulated) */
export const SIMULATED = 0, BACKLOG = 1, BEFORE_START = 2

export class Entities {
  cap = 4096
  n = 0
  cat = new Uint8Array(this.cap)
  role = new Uint8Array(this.cap)
  mission = new Uint8Array(this.cap)
  flags = new Uint8Array(this.cap)
  steps = new Uint8Array(this.cap)
  task = new Uint8Array(this.cap)
  /** 1: a main applicant the positive-decision target covers (specialists, EU Blue Card holders) */
  covered = new Uint8Array(this.cap)
  /** a family member's main applicant (-1 for a main applicant) */
  mainOf = new Int32Array(this.cap)
  /** family members waiting for their main applicant's decision: a linked list headed at the main applicant */
  waitNext = new Int32Array(this.cap)
  waitHead = new Int32Array(this.cap)
  arrival = new Float64Array(this.cap)
  identified = new Float64Array(this.cap)
  decided = new Float64Array(this.cap)
  studyStart = new Float64Array(this.cap)
  /** the case's handler hours (all of its handling) */
  hours = new Float64Array(this.cap)
  /** the size of the job the entity is in a queue for (hours) */
  jobHours = new Float64Array(this.cap)
  /** identification slots the applicant uses */
  idUnits = new Float64Array(this.cap)
  remoteU = new Float64Array(this.cap)
  respDays = new Float64Array(this.cap)
  labDays = new Float64Array(this.cap)
  idDeadline = new Float64Array(this.cap)
  /** the identification queue key the applicant joined with (a joint family appointment takes the main's) */
  lastKey = new Float64Array(this.cap)
  /** DNA: when the sample was asked for, and when the lab result is ready (NaN until known) */
  dnaAsked = new Float64Array(this.cap)
  dnaReady = new Float64Array(this.cap)
  /** season (issue 8): days of the stage outside Migri (TE office) and of the hearing before a negative decision */
  extDays = new Float64Array(this.cap)
  /** 1: a seasonal worker (category worker, reported apart, handled by the seasonal pool) */
  seasonal = new Uint8Array(this.cap)
  negDays = new Float64Array(this.cap)
  /** when Migri's first handling (or the whole handling, in one go) ended (NaN before) */
  firstHandled = new Float64Array(this.cap)
  /** SIMULATED, BACKLOG or BEFORE_START */
  origin = new Uint8Array(this.cap)

  /** `capacity`: the expected number of applications (a good guess saves regrowing the arrays). */
  constructor(capacity = 4096) {
    if (capacity > this.cap) this.resize(capacity)
  }

  private grow(): void { this.resize(this.cap * 2) }

  /** Every attribute array, by name (one list for growing and for clearing). */
  private static readonly FIELDS = [
    "cat", "role", "mission", "flags", "steps", "task", "covered", "mainOf", "waitNext", "waitHead", "arrival", "identified",
    "decided", "studyStart", "hours", "jobHours", "idUnits", "remoteU", "respDays", "labDays", "idDeadline", "lastKey",
    "dnaAsked", "dnaReady", "extDays", "negDays", "seasonal", "origin", "firstHandled"
  ] as const

  private resize(c2: number): void {
    const self = this as unknown as Record<string, Uint8Array | Int32Array | Float64Array>
    for (const f of Entities.FIELDS) {
      const a = self[f]!
      const b = new (a.constructor as new (n: number) => typeof a)(c2)
      b.set(a)
      self[f] = b
    }
    this.cap = c2
  }

  /**
   * Empties the table for the next replication, keeping its arrays: every attribute of the applications
   * used is set back to 0, so the table is as a new one (what a replication draws never depends on
   * the table being new or reused; tested). Saves allocating and zeroing ≈ 4 MB per replication.
   */
  clear(): void {
    const self = this as unknown as Record<string, Uint8Array | Int32Array | Float64Array>
    for (const f of Entities.FIELDS) self[f]!.fill(0, 0, this.n)
    this.n = 0
  }

  /** A new application with nothing drawn yet. */
  add(): number {
    if (this.n === this.cap) this.grow()
    const e = this.n++
    this.waitHead[e] = -1; this.waitNext[e] = -1; this.mainOf[e] = -1
    this.identified[e] = NaN; this.decided[e] = NaN; this.studyStart[e] = NaN; this.dnaReady[e] = NaN
    this.flags[e] = 0; this.steps[e] = 0; this.covered[e] = 0; this.idUnits[e] = 1; this.extDays[e] = 0; this.negDays[e] = 0; this.seasonal[e] = 0; this.origin[e] = SIMULATED; this.firstHandled[e] = NaN
    return e
  }

  /** Group index: category × 2 + role (main 0, family 1). */
  group(e: number): number { return this.cat[e]! * 2 + this.role[e]! }
}
