/**
 * The mission: the identification appointment (the service point's daily slots, and the queue order
 * the policy sets) and the mission officers' tasks for Migri (hearings, supplementary requests, DNA
 * samples), each as a daily server.
 */
import { DailySlotServer, KeyedQueue, MonotoneLinesQueue, PolicyQueue, PriorityClassQueue, addWorkingDays, type Queue, type Reservation } from "../engine/index.ts"
import { CATEGORIES } from "../scenario/names.ts"
import type { RunContext } from "./context.ts"
import { FAMILY, F_WITH_MAIN, MAIN, TASK_HEARING, TASK_SUPP } from "./entities.ts"
import { capacityLog, type Metrics } from "./metrics.ts"
import type { StaffGroupPlan } from "./staff.ts"

export type Mission = ReturnType<typeof createMission>

export const createMission = (ctx: RunContext, metrics: Metrics) => {
  const { sim, s, cs, pol, ent, days, fast } = ctx
  const nM = s.missions.length
  const nG = CATEGORIES.length * 2
  const idLog = s.missions.map(() => capacityLog(ctx)), officerLog = s.missions.map(() => capacityLog(ctx))

  // ---- identification queues per mission: sub-queue per (category, role), keyed by deadline-like key
  const idSub: Array<Array<KeyedQueue | MonotoneLinesQueue>> = []
  const idQueues: PolicyQueue[] = []
  const familyQueues: PolicyQueue[] = []
  const ftQueues: PolicyQueue[] = []
  for (let mi = 0; mi < nM; mi++) {
    // keys only grow within a group (deadline = time of application + a fixed allowance) unless the
    // study-start rule ranks by study start: then a heap is needed, otherwise a FIFO line is enough
    const studyStartRule = pol.missions[mi]!.studyStartLead.some((x) => !Number.isNaN(x))
    const subs = Array.from({ length: nG }, () => (studyStartRule ? new KeyedQueue(64) : new MonotoneLinesQueue(1, 64)))
    idSub.push(subs)
    const pd = pol.missions[mi]!
    const tier = (g: number, day: number): number => {
      const c = g >> 1
      if (fast[c]) return 0
      // main applicants first: family members of the listed categories wait until the day's main applicants are in
      if ((g & 1) === FAMILY && (pd.mainFirstMask[day]! & (1 << c)) !== 0) return 2
      return 1
    }
    /** A queue over the sub-queues of the given groups: lowest tier first, then smallest key (deadline). */
    const merged = (groupsIn: ReadonlyArray<number>): PolicyQueue => {
      // the sub-queues' tiers change only with the day
      const tiers = new Int8Array(groupsIn.length)
      let tierDay = -1
      return new PolicyQueue(groupsIn.map((g) => subs[g]!), (qs: ReadonlyArray<Queue>): number => {
        const day = Math.min(days, Math.floor(sim.now)) | 0
        if (day !== tierDay) { tierDay = day; for (let i = 0; i < groupsIn.length; i++) tiers[i] = tier(groupsIn[i]!, day) }
        let best = -1, bestTier = 9, bestKey = Infinity
        for (let i = 0; i < qs.length; i++) {
          const q = qs[i] as KeyedQueue | MonotoneLinesQueue
          const t = tiers[i]!
          if (q.size === 0 || t > bestTier) continue
          const k = q.peekKey()
          if (t < bestTier || k < bestKey) { best = i; bestTier = t; bestKey = k }
        }
        return best
      })
    }
    const all = Array.from({ length: nG }, (_, g) => g)
    idQueues.push(merged(all))
    familyQueues.push(merged(all.filter((g) => (g & 1) === FAMILY && !fast[g >> 1])))
    ftQueues.push(merged(all.filter((g) => fast[g >> 1])))
  }

  const officerQueues = s.missions.map(() => new PriorityClassQueue(2))
  /** officer task hours queued or in service, per mission (the day's officer backlog) */
  const officerQueued = new Float64Array(nM)

  // ---- the day's staff hours: officer tasks first from the groups that do only them, then from groups
  // that may also identify (as much as the backlog needs); the rest of those hours identify
  const plans = cs.staff
  const staffLog = plans.map((p) => p.groups.map(() => ({
    present: 0, reception: 0, identification: 0, officer: 0,
    dailyPresent: new Float64Array(ctx.trace ? days + 1 : 0), dailyUsed: new Float64Array(ctx.trace ? days + 1 : 0)
  })))
  const dayOf = new Float64Array(nM).fill(-1), idCap = new Float64Array(nM), offCap = new Float64Array(nM)
  /** per group, the day's hours given to officer tasks, and those left for the counter (reception, identification) */
  const toOfficer = plans.map((p) => new Float64Array(p.groups.length)), left = plans.map((p) => new Float64Array(p.groups.length))
  const allocate = (mi: number, d: number) => {
    if (dayOf[mi] === d) return
    dayOf[mi] = d
    const p = plans[mi]!, gs = p.groups, to = toOfficer[mi]!, lf = left[mi]!
    let off = 0
    for (let g = 0; g < gs.length; g++) {
      const gr = gs[g]!
      to[g] = 0; lf[g] = 0
      if (gr.officer && !gr.identification && !gr.reception) { to[g] = gr.hours[d]!; off += to[g]! }
    }
    // groups that may also work at the counter give officer tasks what the backlog still needs
    let rest = Math.max(0, officerQueued[mi]! - off)
    let R = 0, I = 0, RI = 0
    for (let g = 0; g < gs.length; g++) {
      const gr = gs[g]!, h = gr.hours[d]!
      if (!gr.identification && !gr.reception) continue
      const give = gr.officer ? Math.min(h, rest) : 0
      rest -= give; to[g] = give; off += give
      lf[g] = h - give
      if (gr.identification && gr.reception) RI += lf[g]!
      else if (gr.identification) I += lf[g]!
      else R += lf[g]!
    }
    // applicants a day: each needs idHours of identification and receptionHours of reception; groups
    // allowed both share their hours between the two
    const rec = p.receptionHours, id = p.idHours
    let slots = 0
    if (cs.idOpen[mi]![d]) slots = rec > 0 ? Math.min((R + I + RI) / (rec + id), (R + RI) / rec, (I + RI) / id) : (I + RI) / id
    idCap[mi] = slots
    offCap[mi] = off
    if (ctx.inReported(d)) for (let g = 0; g < gs.length; g++) staffLog[mi]![g]!.present += gs[g]!.hours[d]!
    if (ctx.trace) for (let g = 0; g < gs.length; g++) staffLog[mi]![g]!.dailyPresent[d] = gs[g]!.hours[d]!
  }
  /** Books `need` hours of a task on day d to the groups that may do it (`take` says which, in two passes), within what they have left. */
  const book = (mi: number, d: number, need: number, avail: Float64Array, first: (g: StaffGroupPlan) => boolean, then: (g: StaffGroupPlan) => boolean, task: "reception" | "identification" | "officer") => {
    const gs = plans[mi]!.groups, log = staffLog[mi]!
    let todo = need
    for (const ok of [first, then]) {
      for (let g = 0; g < gs.length && todo > 1e-12; g++) {
        if (!ok(gs[g]!)) continue
        const x = Math.min(todo, avail[g]!)
        if (!(x > 0)) continue
        todo -= x; avail[g] = avail[g]! - x
        if (ctx.inReported(d)) log[g]![task] += x
        if (ctx.trace) log[g]!.dailyUsed[d] = log[g]!.dailyUsed[d]! + x
      }
    }
  }
  const never = () => false
  /** The day's identifications: reception from receiving-only groups first, identification from identifying-only groups first, the rest from groups allowed both. */
  const recordCounter = (mi: number, d: number, slotsUsed: number) => {
    const p = plans[mi]!, lf = left[mi]!
    if (p.receptionHours > 0) book(mi, d, slotsUsed * p.receptionHours, lf, (g) => g.reception && !g.identification, (g) => g.reception && g.identification, "reception")
    book(mi, d, slotsUsed * p.idHours, lf, (g) => g.identification && !g.reception, (g) => g.identification && g.reception, "identification")
  }
  const recordOfficer = (mi: number, d: number, used: number) => book(mi, d, used, toOfficer[mi]!, (g) => g.officer, never, "officer")

  /** An applicant (main or family member) books an identification appointment. */
  const joinIdQueue = (e: number) => {
    const mi = ent.mission[e]!
    const pd = pol.missions[mi]!
    const day = ctx.today()
    const c = ent.cat[e]!
    const m = s.missions[mi]!
    // fast track: by the end of the 5th working day (the mission's Mon–Fri working days, not the service
    // point's opening days); among equal deadline days the earlier application ranks first
    // the deadline runs from the online application (now, except for the stated backlog of the first day)
    const at = ent.arrival[e]!
    ent.idDeadline[e] = fast[c] ? addWorkingDays(cs.officerOpen[mi]!, Math.max(0, at), m.identification.fastTrackDeadlineWorkingDays) + 1 : at + m.identification.deadlineDays
    let key = fast[c] ? ent.idDeadline[e]! + at * 1e-6 : ent.idDeadline[e]! // (at·1e-6 < 1 for runs of < 2,700 years)
    const lead = pd.studyStartLead[day]!
    const start = ent.role[e] === MAIN ? ent.studyStart[e]! : ent.studyStart[ent.mainOf[e]!]!
    if (!Number.isNaN(lead) && !Number.isNaN(start)) key = Math.min(key, start - lead)
    let g = ent.group(e)
    if (ent.role[e] === FAMILY && (ent.flags[e]! & F_WITH_MAIN) !== 0 && pd.jointFamily[day] === 1) {
      // one appointment for the whole family: queue right behind the main applicant, with the main's key
      const mn = ent.mainOf[e]!
      g = ent.group(mn)
      key = ent.lastKey[mn]!
      ent.idUnits[e] = pd.jointSlotSize[day]!
    }
    ent.lastKey[e] = key
    idSub[mi]![g]!.push(e, key)
  }

  /** A mission officer task for Migri's case: hearing, supplementary request or DNA sample. */
  const enterOfficerQueue = (e: number, t: number) => {
    const m = s.missions[ent.mission[e]!]!
    ent.task[e] = t
    const h = t === TASK_HEARING ? m.staff.hearingHours : t === TASK_SUPP ? m.staff.supplementaryHours : m.staff.dnaHours
    ent.jobHours[e] = h
    const mi = ent.mission[e]!
    officerQueued[mi] = officerQueued[mi]! + h
    officerQueues[mi]!.push(e, fast[ent.cat[e]!] ? 0 : 1)
  }

  /** Opens the service points and the officers' days; `onIdentified` and `onTaskDone` hand the case back to Migri. */
  const open = (onIdentified: (e: number) => void, onTaskDone: (e: number) => void) => {
    const onOfficerDone = (e: number) => {
      const t = ent.task[e]!
      officerQueued[ent.mission[e]!] = officerQueued[ent.mission[e]!]! - ent.jobHours[e]!
      if (ctx.nowInReported()) metrics.officerByTask[ent.mission[e]!]![t === TASK_HEARING ? 0 : t === TASK_SUPP ? 1 : 2]! += ent.jobHours[e]!
      onTaskDone(e)
    }
    s.missions.forEach((m, mi) => {
      const pd = pol.missions[mi]!
      const ftRes: Reservation = { queue: ftQueues[mi]!, units: m.identification.fastTrackReservedPerDay }
      new DailySlotServer(sim, {
        name: `id:${m.id}`, firstDay: 0, lastDay: days - 1, openAt: 8 / 24, sessionLength: 8 / 24,
        capacity: (d) => { allocate(mi, d); return idCap[mi]! },
        queue: idQueues[mi]!,
        sizes: () => ent.idUnits,
        maxSize: 1, // a person uses at most one slot
        reservations: (d) => pd.familySlots[d]! > 0 ? [ftRes, { queue: familyQueues[mi]!, units: pd.familySlots[d]! }] : [ftRes],
        onServed: onIdentified,
        onDay: (d, capD, used) => {
          idLog[mi]!.record(d, capD, used)
          recordCounter(mi, d, used)
        }
      })
    })
    s.missions.forEach((m, mi) => {
      new DailySlotServer(sim, {
        name: `officers:${m.id}`, firstDay: 0, lastDay: days - 1, openAt: 8 / 24, sessionLength: 8 / 24,
        capacity: (d) => { allocate(mi, d); return offCap[mi]! },
        queue: officerQueues[mi]!,
        sizes: () => ent.jobHours,
        // a task may carry over to the next working day, so that no task is ever longer than a day can hold
        splittable: true,
        onServed: onOfficerDone,
        onDay: (d, capD, used) => { officerLog[mi]!.record(d, capD, used); recordOfficer(mi, d, used) }
      })
    })
  }

  return { idLog, officerLog, staffLog, idQueues, joinIdQueue, enterOfficerQueue, open }
}
