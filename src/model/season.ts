/**
 * The coming season (issue 8): programme starts drawn from intake terms, the mean family size as one
 * lever, post-decision monitoring hours and the reachability of a study start. Pure functions over the
 * scenario and its calendar; the model calls them from compile.ts, intake.ts and metrics.ts.
 */
import type { Calendar } from "../engine/index.ts"
import type { CategorySpec, Scenario, StudyTerm } from "../scenario/schema.ts"

const DAY_MS = 86_400_000
const epochDay = (iso: string) => Date.parse(iso + "T00:00:00Z") / DAY_MS

/**
 * Family size weights with membersPerMain applied: the share with no family member is set so that the
 * mean is membersPerMain, keeping the shape of sizes ≥ 1. Without membersPerMain the weights as given.
 */
export const familyWeights = (family: CategorySpec["family"]): number[] => {
  const segs = family.segments
  if (segs !== undefined) {
    // the mixture over the segments, each with its own mean
    const total = segs.reduce((a, x) => a + x.share, 0)
    const out = new Array<number>(Math.max(2, family.sizeWeights.length)).fill(0)
    for (const x of segs) {
      const { segments: _s, ...plain } = family
      const w = familyWeights({ ...plain, membersPerMain: x.membersPerMain })
      const t = w.reduce((a, b) => a + b, 0)
      w.forEach((v, i) => { out[i] = out[i]! + (total > 0 ? x.share / total : 1 / segs.length) * (t > 0 ? v / t : 0) })
    }
    return out
  }
  const w = family.sizeWeights
  const m = family.membersPerMain
  if (m === undefined) return [...w]
  const pos = w.slice(1).reduce((a, b) => a + b, 0)
  if (pos <= 0) return m === 0 ? [...w] : [Math.max(0, 1 - m), Math.min(1, m)]
  const condMean = w.reduce((a, x, i) => a + i * x, 0) / pos
  const pAny = Math.min(1, m / condMean)
  return w.map((x, i) => (i === 0 ? 1 - pAny : (x / pos) * pAny))
}

/** Share of family members who apply with the main applicant (with segments: weighted by the segments' family members). */
export const familyWithMainShare = (family: CategorySpec["family"]): number => {
  const segs = family.segments
  if (segs === undefined) return family.withMainShare
  const members = segs.reduce((a, x) => a + x.share * x.membersPerMain, 0)
  return members > 0 ? segs.reduce((a, x) => a + x.share * x.membersPerMain * x.withMainShare, 0) / members : family.withMainShare
}

/** Mean family members per main applicant of a category (as run). */
export const familyMean = (family: CategorySpec["family"]): number => {
  const w = familyWeights(family)
  const t = w.reduce((a, b) => a + b, 0)
  return t > 0 ? w.reduce((a, x, i) => a + i * x, 0) / t : 0
}

/** One term instance that can follow an application: its window and the days it can start on. */
interface Candidate { lo: number; hi: number; weight: number }

/**
 * The programme start (day number of the calendar) of a student applying at time t, from one uniform
 * draw u. Among the term instances (each term, this year and the next two), the start is drawn with
 * density share × 1{lead in [min, max]} / (window length × lead range): students plan a term, then
 * apply between min and max days before it. When no term's lead range covers t (an unusually early or
 * late application), the student takes the next term that starts after t. Never before t.
 */
/** A month-day in a year: 29 February is the 28th outside leap years (never rolled over to 1 March). */
const onYear = (y: number, md: string): string => (md === "02-29" && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? `${y}-02-28` : `${y}-${md}`)

/**
 * Each term's window (first and last day number) in years y0 − 1 … y0 + 2, in the order drawStudyStart
 * reads them; computed once per term list, calendar start and year (dates parsed once, not per student).
 */
const windowCache = new WeakMap<ReadonlyArray<StudyTerm>, Map<number, Float64Array>>()
const termWindows = (terms: ReadonlyArray<StudyTerm>, startEpochDay: number, y0: number): Float64Array => {
  let byYear = windowCache.get(terms)
  if (byYear === undefined) { byYear = new Map(); windowCache.set(terms, byYear) }
  const key = y0 * 1e6 + startEpochDay
  let w = byYear.get(key)
  if (w === undefined) {
    w = new Float64Array(terms.length * 8)
    terms.forEach((term, i) => {
      const wraps = term.to < term.from
      for (let k = 0; k < 4; k++) {
        const y = y0 - 1 + k
        w![i * 8 + k * 2] = epochDay(onYear(y, term.from)) - startEpochDay
        w![i * 8 + k * 2 + 1] = epochDay(onYear(wraps ? y + 1 : y, term.to)) - startEpochDay
      }
    })
    byYear.set(key, w)
  }
  return w
}

export const drawStudyStart = (terms: ReadonlyArray<StudyTerm>, cal: Calendar, t: number, u: number): number => {
  const d = Math.floor(t)
  const y0 = d >= 0 && d < cal.days ? cal.year[d]! : new Date((cal.startEpochDay + d) * DAY_MS).getUTCFullYear()
  const windows = termWindows(terms, cal.startEpochDay, y0)
  const cands: Candidate[] = []
  let fallback: Candidate | undefined
  let total = 0
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!
    for (let k = 0; k < 4; k++) {
      const f = windows[i * 8 + k * 2]!
      const to = windows[i * 8 + k * 2 + 1]!
      if (to < t) continue
      const len = to - f + 1
      const lo = Math.max(f, t + term.leadDays.min), hi = Math.min(to, t + term.leadDays.max)
      if (hi > lo && term.share > 0) {
        const weight = (term.share * (hi - lo)) / (len * Math.max(1e-9, term.leadDays.max - term.leadDays.min))
        cands.push({ lo, hi, weight }); total += weight
      }
      const flo = Math.max(f, t)
      if (fallback === undefined || flo < fallback.lo) fallback = { lo: flo, hi: to, weight: 0 }
    }
  }
  let pick = fallback!
  if (total > 0) {
    let x = u * total
    for (const c of cands) {
      if (x < c.weight || c === cands[cands.length - 1]) { pick = c; u = Math.min(1, Math.max(0, x / c.weight)); break }
      x -= c.weight
    }
  }
  // a whole day, never before the application
  return Math.max(Math.ceil(t), Math.ceil(pick.lo + u * (pick.hi - pick.lo)))
}

/** Days of slack a case's own steps get in the reachability test (appointment, working days between steps). */
export const REACH_ID_DAYS = 14, REACH_STEP_DAYS = 10

/**
 * A start is reachable when the student could have made it with no queue at the mission and Migri at its
 * target time: the start is at least REACH_ID_DAYS (an appointment) plus the longer of the target and the
 * case's own waits (the applicant's answer, the hearing report, the lab, the stage outside Migri, the
 * hearing before a negative decision; REACH_STEP_DAYS for each of them) after the online application.
 */
export const reachDays = (targetDays: number, ownWaitDays: number, steps: number): number =>
  REACH_ID_DAYS + Math.max(targetDays, ownWaitDays + REACH_STEP_DAYS * steps)

/**
 * Post-decision monitoring as handlers away from their pools: per scenario pool, per day, the
 * person-equivalents whose hours the month's monitoring takes (hours ÷ working days ÷ hours a day).
 * Returns the hours taken in the reported period too.
 */
export const monitoringAway = (
  s: Scenario, cal: Calendar, migriOpen: Uint8Array, hoursPerDay: number, reported: { first: number; end: number }
): { away: Map<string, Float64Array>; reportedHours: number } => {
  const away = new Map<string, Float64Array>()
  let reportedHours = 0
  for (const r of s.migri.monitoring ?? []) {
    const from = cal.dayOf(r.from)
    const days = new Float64Array(cal.days)
    const working = new Map<number, number>()
    for (let d = 0; d < cal.days; d++) if (migriOpen[d]) working.set(cal.monthIndex[d]!, (working.get(cal.monthIndex[d]!) ?? 0) + 1)
    for (let d = Math.max(0, from); d < cal.days; d++) {
      if (!migriOpen[d]) continue
      const h = r.hoursPerMonth / working.get(cal.monthIndex[d]!)!
      days[d] = h / hoursPerDay
      if (d >= reported.first && d < reported.end) reportedHours += h
    }
    const prev = away.get(r.pool)
    if (prev !== undefined) for (let d = 0; d < cal.days; d++) prev[d] = prev[d]! + days[d]!
    else away.set(r.pool, days)
  }
  return { away, reportedHours }
}
