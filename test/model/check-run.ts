/**
 * The invariants of one traced run of the embassy model (used by properties.test.ts; also runnable from
 * a script to see what the random scenarios exercise).
 */
import type { CompiledScenario, ModelRun, TraceRow } from "../../src/model/embassy.ts"
import type { Scenario } from "../../src/scenario/schema.ts"
import { CATS, groupOf, orInf, withMain } from "./support.ts"

const EPS = 1e-9
const fastCats = (s: Scenario): Set<string> => new Set(CATS.filter((c) => s.categories[c].fastTrack))

// ---------------------------------------------------------------------------------------------
// the invariants of one run

/** Non-vacuous checks made (to see that the generator reaches the interesting cases). */
export interface Coverage {
  congestedDays: number
  familySlotDays: number
  mainFirstHoldDays: number
  jointMembers: number
  jointSplitByFullDay: number
  fifoChecked: number
  pendingAtHorizon: number
  waitingAtHorizon: number
}

/**
 * Checks one traced run; returns the violations (empty when all hold) and what was actually exercised.
 * Violations are collected rather than thrown one by one: a run has thousands of rows, and the first
 * few violations with their numbers say more than the first one alone.
 */
export const checkRun = (cs: CompiledScenario, run: ModelRun): { violations: string[]; coverage: Coverage } => {
  const s = cs.scenario
  const res = run.result
  const trace = run.trace!
  const daily = run.daily!
  const horizon = cs.days
  const fast = fastCats(s)
  const violations: string[] = []
  const cov: Coverage = { congestedDays: 0, familySlotDays: 0, mainFirstHoldDays: 0, jointMembers: 0, jointSplitByFullDay: 0, fifoChecked: 0, pendingAtHorizon: 0, waitingAtHorizon: 0 }
  const check = (ok: boolean, what: () => string) => { if (!ok && violations.length < 20) violations.push(what()) }

  // ---- nothing lost or duplicated
  check(trace.length === res.totals.applications, () => `trace has ${trace.length} rows, totals.applications ${res.totals.applications}`)
  trace.forEach((r, i) => check(r.id === i, () => `trace row ${i} has id ${r.id}`))
  check(new Set(trace.map((r) => r.id)).size === trace.length, () => "duplicate ids in the trace")

  // ---- causality
  for (const r of trace) {
    // a main applicant decided before the first day (the stated start; only its family is simulated)
    if (r.origin === "before-start") { check(r.role === "main" && Number.isNaN(r.identified) && r.decided < 0 && !r.reported, () => `application ${r.id} from before the start: identified ${r.identified}, decided ${r.decided}`); continue }
    if (r.origin === "backlog") check(r.arrival < 0 && !(r.identified >= 0 && r.firstHandled < r.identified), () => `backlog application ${r.id}: applied ${r.arrival}, identified ${r.identified}, first handling ${r.firstHandled}`)
    if (!Number.isNaN(r.identified)) check(r.arrival <= r.identified && r.identified <= horizon, () => `application ${r.id}: arrival ${r.arrival}, identified ${r.identified}, horizon ${horizon}`)
    if (!Number.isNaN(r.decided)) check(!Number.isNaN(r.identified) && r.identified <= r.decided && r.decided <= horizon, () => `application ${r.id}: identified ${r.identified}, decided ${r.decided}, horizon ${horizon}`)
    if (r.role === "main") check(r.main === -1, () => `main applicant ${r.id} has main ${r.main}`)
    else {
      const m = trace[r.main]
      if (m === undefined) { check(false, () => `family member ${r.id} points to main ${r.main}`); continue }
      check(m.role === "main" && m.category === r.category && m.mission === r.mission && r.arrival >= m.arrival, () => `family member ${r.id} and its main ${m.id} do not match`)
      if (!Number.isNaN(r.decided)) check(!Number.isNaN(m.decided) && m.decided <= r.decided, () => `family member ${r.id} decided at ${r.decided}, its main applicant ${m.id} at ${m.decided}`)
    }
  }

  // ---- the trace and result.groups agree; arrived = decided + pending + waiting
  for (const g of res.groups) {
    const rows = trace.filter((r) => r.reported && groupOf(r) === g.group)
    const identified = rows.filter((r) => !Number.isNaN(r.identified)).length
    const decided = rows.filter((r) => !Number.isNaN(r.decided)).length
    const fromResult = { arrived: g.arrived, identified: g.identified, decided: g.decided, pending: g.pendingAtHorizon, waiting: g.waitingForIdAtHorizon }
    const fromTrace = { arrived: rows.length, identified, decided, pending: identified - decided, waiting: rows.length - identified }
    check(JSON.stringify(fromResult) === JSON.stringify(fromTrace), () => `${g.group}: result ${JSON.stringify(fromResult)}, trace ${JSON.stringify(fromTrace)}`)
    check(g.arrived === g.decided + g.pendingAtHorizon + g.waitingForIdAtHorizon, () => `${g.group}: arrived ${g.arrived} ≠ decided + pending + waiting`)
    check(g.byMonth.arrived.reduce((a, b) => a + b, 0) === g.arrived, () => `${g.group}: byMonth.arrived sums to ${g.byMonth.arrived.reduce((a, b) => a + b, 0)}, arrived ${g.arrived}`)
    cov.pendingAtHorizon += g.pendingAtHorizon
    cov.waitingAtHorizon += g.waitingForIdAtHorizon
  }
  for (const r of trace) check(r.reported === (r.arrival >= cs.reportedFirst && r.arrival < cs.reportedEnd), () => `application ${r.id} arrived at ${r.arrival}, reported ${r.reported}`)
  // identifications and decisions in the simulated period (the stated backlog was identified, and the main applicants of the year before decided, before it)
  check(res.totals.identifications === trace.filter((r) => r.identified >= 0).length, () => "totals.identifications ≠ trace")
  check(res.totals.decisions === trace.filter((r) => r.decided >= 0).length, () => "totals.decisions ≠ trace")

  // ---- capacity: officers and Migri pools
  const within = (used: number, cap: number) => used <= cap * (1 + EPS) + EPS
  s.missions.forEach((m, mi) => {
    for (let d = 0; d <= horizon; d++) check(within(daily.officerUsed[mi]![d]!, daily.officerCapacity[mi]![d]!), () => `${m.id} day ${d}: officer hours used ${daily.officerUsed[mi]![d]} > ${daily.officerCapacity[mi]![d]}`)
  })
  cs.pools.forEach((p, pi) => {
    for (let d = 0; d <= horizon; d++) check(within(daily.poolUsed[pi]![d]!, daily.poolCapacity[pi]![d]!), () => `pool ${p.id} day ${d}: hours used ${daily.poolUsed[pi]![d]} > ${daily.poolCapacity[pi]![d]}`)
  })

  // ---- identification: capacity, accounting and the queue discipline, per mission and day.
  // Counted in slot units: an accompanying family member in a joint appointment may use less than a
  // slot (jointSlotSize of the day it applied), everybody else one slot. A non-splittable server stops
  // when the next applicant does not fit, so "the day was full" means less than one slot was left.
  s.missions.forEach((m, mi) => {
    const pd = cs.policy.missions[mi]!
    // the stated backlog waiting for its appointment joins the queue on the first day (day 0); cases
    // identified before it and main applicants decided before it never come to the service point
    const rows = trace.filter((r) => r.mission === m.id && r.arrival < horizon && r.origin !== "before-start" && !(r.identified < 0))
      .map((r) => (r.arrival < 0 ? { ...r, arrival: 0 } : r))
    const isFast = (r: TraceRow) => fast.has(r.category)
    const joinDay = (r: TraceRow) => Math.min(horizon, Math.floor(r.arrival))
    /** with-main family members who joined their main applicant's appointment (joint rule on their day) */
    const joint = (r: TraceRow) => withMain(trace, r) && pd.jointFamily[joinDay(r)] === 1
    const units = (r: TraceRow) => (joint(r) ? pd.jointSlotSize[joinDay(r)]! : 1)
    const idUsed = daily.idUsed[mi]!, idCap = daily.idCapacity[mi]!
    const servedUnits = new Float64Array(horizon + 1), waitUnits = new Float64Array(horizon + 1), arrivedUnits = new Float64Array(horizon + 1)
    const diff = new Float64Array(horizon + 2)
    // per day, counts of the applicants left waiting at the end of the day although they applied before
    // it (and the slots were open): all, fast track, non-fast-track, and family members in the family
    // queue (non-fast-track, not in a joint appointment) by category
    const LEFT_ALL = 0, LEFT_FAST = 1, LEFT_NONFAST = 2, LEFT_FAM = 3 // + category index
    const leftDiff = Array.from({ length: 3 + CATS.length }, () => new Int32Array(horizon + 2))
    const servedOn: TraceRow[][] = Array.from({ length: horizon + 1 }, () => [])
    const famQueued = (r: TraceRow) => r.role === "family" && !isFast(r) && !joint(r)
    for (const r of rows) {
      const a = Math.floor(r.arrival), u = units(r)
      const last = Number.isNaN(r.identified) ? horizon : Math.floor(r.identified)
      arrivedUnits[a]! += u
      if (!Number.isNaN(r.identified)) { servedUnits[last]! += u; servedOn[last]!.push(r) }
      if (last >= a + 1) { diff[a + 1]! += u; diff[last + 1]! -= u }
      const lastLeft = Number.isNaN(r.identified) ? horizon - 1 : last - 1
      if (lastLeft >= a + 1) {
        const classes = [LEFT_ALL, isFast(r) ? LEFT_FAST : LEFT_NONFAST]
        if (famQueued(r)) classes.push(LEFT_FAM + CATS.indexOf(r.category))
        for (const k of classes) { leftDiff[k]![a + 1]!++; leftDiff[k]![lastLeft + 1]!-- }
      }
    }
    let acc = 0
    for (let d = 0; d <= horizon; d++) { acc += diff[d]!; waitUnits[d] = acc }
    const left = leftDiff.map((dd) => { const out = new Int32Array(horizon + 1); let c = 0; for (let d = 0; d <= horizon; d++) { c += dd[d]!; out[d] = c } return out })
    const sum = (rs: ReadonlyArray<TraceRow>) => rs.reduce((a, r) => a + units(r), 0)
    let reportedUsed = 0
    for (let d = 0; d < horizon; d++) {
      const used = idUsed[d]!, cap = idCap[d]!, famSlots = pd.familySlots[d]!
      const full = used > cap - 1 - EPS
      const at = () => `${m.id} day ${d} (slots ${cap}, used ${used}, waiting from before ${waitUnits[d]}, applied that day ${arrivedUnits[d]}, family slots ${famSlots})`
      check(used <= cap + EPS, () => `more identifications than slots: ${at()}`)
      // the daily array counts exactly the slots the trace says were used that day
      check(Math.abs(servedUnits[d]! - used) < 1e-6, () => `trace has ${servedUnits[d]} slot units identified: ${at()}`)
      if (d >= cs.reportedFirst && d < cs.reportedEnd) reportedUsed += used
      // never serve someone who has not applied yet
      check(used <= waitUnits[d]! + arrivedUnits[d]! + EPS, () => `served more than were there: ${at()}`)
      if (idCap[d]! <= 0 || left[LEFT_ALL]![d] === 0) continue
      cov.congestedDays++
      // never idle while someone waits
      check(full, () => `slots left unused while ${left[LEFT_ALL]![d]} applicants wait: ${at()}`)
      const served = servedOn[d]!
      // fast track first: while a fast-track applicant is left waiting, only family slots go to others
      if (left[LEFT_FAST]![d]! > 0) check(sum(served.filter((r) => !isFast(r))) <= famSlots + EPS, () => `fast track held back: ${at()}`)
      // family slots go to family members while some are waiting (they are served before the general queue)
      const famLeft = CATS.reduce((a, _, c) => a + left[LEFT_FAM + c]![d]!, 0)
      if (famSlots > 0 && famLeft > 0) {
        cov.familySlotDays++
        const ftUnits = sum(served.filter(isFast))
        check(sum(served.filter(famQueued)) > Math.min(famSlots, cap - ftUnits) - 1 - EPS, () => `family slots not given to waiting family members: ${at()}`)
      }
      // main applicants first: family members of the listed categories (unless in their main applicant's
      // joint appointment) wait until the day's other applicants are in; they come earlier only through family slots
      const mask = pd.mainFirstMask[d]!
      if (mask !== 0) {
        const deferred = (r: TraceRow) => famQueued(r) && (mask & (1 << CATS.indexOf(r.category))) !== 0
        const deferredLeft = CATS.reduce((a, _, c) => a + ((mask & (1 << c)) !== 0 ? left[LEFT_FAM + c]![d]! : 0), 0)
        if (left[LEFT_NONFAST]![d]! - deferredLeft > 0) {
          cov.mainFirstHoldDays++
          check(sum(served.filter(deferred)) <= famSlots + EPS, () => `deferred family members served while others of higher rank wait: ${at()}`)
        }
      }
    }
    check(Math.abs(res.missions[mi]!.idSlotsUsed - reportedUsed) < 1e-6, () => `${m.id}: idSlotsUsed ${res.missions[mi]!.idSlotsUsed}, daily sum over the reported days ${reportedUsed}`)
    // nobody is identified on a day without slots
    for (const r of rows) if (!Number.isNaN(r.identified)) check(idCap[Math.floor(r.identified)]! > 0, () => `application ${r.id} identified on day ${Math.floor(r.identified)} without slots`)

    // joint appointment: identified with the main applicant, on the same day unless that day was full
    for (const r of rows) {
      if (!joint(r) || Number.isNaN(r.identified)) continue
      cov.jointMembers++
      const mr = trace[r.main]!
      check(!Number.isNaN(mr.identified) && mr.identified <= r.identified, () => `joint family member ${r.id} identified at ${r.identified}, its main applicant ${mr.id} at ${mr.identified}`)
      const md = Math.floor(mr.identified)
      if (Math.floor(r.identified) !== md) {
        cov.jointSplitByFullDay++
        check(idUsed[md]! > idCap[md]! - 1 - EPS, () => `joint family member ${r.id} separated from its main applicant ${mr.id} on day ${md} with free slots (${idUsed[md]} of ${idCap[md]})`)
      }
    }
  })

  // ---- without ordering rules the appointments are first come, first served (non-fast-track)
  const hasOrderingRules = cs.policy.missions.some((pd) => pd.mainFirstMask.some((x) => x !== 0) || pd.familySlots.some((x) => x !== 0) || pd.studyStartLead.some((x) => !Number.isNaN(x)))
  if (!hasOrderingRules) {
    for (const m of s.missions) {
      const rows = trace.filter((r) => r.mission === m.id && !fast.has(r.category) && r.arrival < horizon && r.origin !== "before-start" && !(r.identified < 0)).sort((a, b) => a.arrival - b.arrival)
      // applications made at the same moment (a family applying together) may go in either order
      let latest = -Infinity, i = 0
      while (i < rows.length) {
        let j = i, groupMax = -Infinity
        for (; j < rows.length && rows[j]!.arrival === rows[i]!.arrival; j++) {
          const r = rows[j]!
          check(orInf(r.identified) >= latest, () => `${m.id}: application ${r.id} (applied ${r.arrival}) identified at ${r.identified}, before someone who applied earlier (identified ${latest})`)
          groupMax = Math.max(groupMax, orInf(r.identified))
          cov.fifoChecked++
        }
        latest = Math.max(latest, groupMax)
        i = j
      }
    }
  }
  return { violations, coverage: cov }
}

