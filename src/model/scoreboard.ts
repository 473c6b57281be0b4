/**
 * Migri's scoreboard: each target of the performance agreement [PA] and the steering group's added
 * rows, counted both as Migri reports them (decisions made in a period, by month of decision) and by
 * cohort (applications made in the intake period, by month of application). Processing time is
 * Migri's (pending after identification → decision). Kept per mission and overall.
 *
 * Rows: students 30 d; workers (TTOL) 30 d; fast track 14 d (specialists, other fast track and their
 * family members); specialists and EU Blue Card first permits, positive decisions, 7 d; negative
 * decisions, statutory 2 months (60 d; the share over it is the steering group's measure); family
 * members of students and of workers, which have no target in the agreement ("no target", never
 * "missed"); all positive decisions (no target; the published whole-year figure).
 */
import { CATEGORIES } from "../scenario/names.ts"
import type { RunContext } from "./context.ts"
import { FAMILY, F_NEGATIVE, F_REPORTED, MAIN } from "./entities.ts"
import type { ScoreboardRow } from "./results.ts"

/** The statutory processing time the steering group holds negative decisions against (2 months). */
export const NEGATIVE_STATUTORY_DAYS = 60

interface RowDef {
  readonly id: string
  readonly label: string
  readonly targetDays: number | null
  /** is decided case e (category c, role r, positive p, covered by the positive-decision target k) in the row? */
  readonly member: (c: number, r: number, positive: boolean, covered: boolean) => boolean
}

const STUDENT = CATEGORIES.indexOf("student"), WORKER = CATEGORIES.indexOf("worker")

export const scoreboardRows = (ctx: RunContext): RowDef[] => {
  const s = ctx.s, fast = ctx.fast
  const fastTargets = CATEGORIES.filter((c) => s.categories[c].fastTrack).map((c) => s.categories[c].targetDays)
  const positiveTargets = CATEGORIES.flatMap((c) => s.categories[c].positiveTargetDays ?? [])
  return [
    { id: "study", label: "students", targetDays: s.categories.student.targetDays, member: (c, r) => c === STUDENT && r === MAIN },
    { id: "work", label: "workers (TTOL)", targetDays: s.categories.worker.targetDays, member: (c, r) => c === WORKER && r === MAIN },
    { id: "fast-track", label: "fast track + families", targetDays: fastTargets.length > 0 ? Math.min(...fastTargets) : null, member: (c) => fast[c] === true },
    { id: "specialists-blue-card", label: "specialists + Blue Card (pos.)", targetDays: positiveTargets.length > 0 ? Math.min(...positiveTargets) : null, member: (_c, r, p, k) => r === MAIN && p && k },
    { id: "negative", label: "negative decisions", targetDays: NEGATIVE_STATUTORY_DAYS, member: (_c, _r, p) => !p },
    { id: "study-family", label: "students' families", targetDays: null, member: (c, r) => c === STUDENT && r === FAMILY },
    { id: "work-family", label: "workers' families", targetDays: null, member: (c, r) => c === WORKER && r === FAMILY },
    { id: "all-positive", label: "all positive decisions", targetDays: null, member: (_c, _r, p) => p }
  ]
}

const K = 6 // per row and scope: decisions in the period (n, Σ days, within), cohort (n, Σ days, within)

export const createScoreboard = (ctx: RunContext) => {
  const { ent, cs } = ctx
  const rows = scoreboardRows(ctx)
  const R = rows.length, nS = ctx.s.missions.length + 1, months = cs.reportedMonths
  const totals = new Float64Array(nS * R * K)
  const byDecMonth = new Float64Array(nS * R * months * 3), byAppMonth = new Float64Array(nS * R * months * 3)
  const target = Float64Array.from(rows, (r) => r.targetDays ?? Infinity)
  // which rows a decided case belongs to, by (category, role, positive, covered): a table of row lists, not a call per row
  const rowsOf: Int32Array[] = []
  for (let c = 0; c < CATEGORIES.length; c++) for (let r = 0; r < 2; r++) for (let pk = 0; pk < 4; pk++) {
    rowsOf[(c * 2 + r) * 4 + pk] = Int32Array.from(rows.flatMap((row, i) => (row.member(c, r, (pk & 1) !== 0, (pk & 2) !== 0) ? [i] : [])))
  }
  return {
    /** Case e was decided now: count it in every row it belongs to, for its mission and overall. */
    decided: (e: number, now: number) => {
      const inPeriod = ctx.inReported(Math.floor(now))
      const cohort = (ent.flags[e]! & F_REPORTED) !== 0
      if (!inPeriod && !cohort) return
      const positive = (ent.flags[e]! & F_NEGATIVE) === 0
      const member = rowsOf[(ent.cat[e]! * 2 + ent.role[e]!) * 4 + (positive ? 1 : 0) + (ent.covered[e] === 1 ? 2 : 0)]!
      if (member.length === 0) return
      const mt = now - ent.identified[e]!
      const decMo = inPeriod ? ctx.reportedMonthOf(now) : -1
      const appMo = cohort ? ctx.reportedMonthOf(ent.arrival[e]!) : -1
      // each row the case belongs to, for its mission and overall (one loop: no call per scope)
      const mission = ent.mission[e]!
      for (let j = 0; j < member.length; j++) {
        const i = member[j]!
        const within = mt <= target[i]! ? 1 : 0
        for (let k = 0; k < 2; k++) {
          const row = (k === 0 ? mission : nS - 1) * R + i
          const base = row * K
          if (inPeriod) {
            totals[base]!++; totals[base + 1]! += mt; totals[base + 2]! += within
            if (decMo >= 0) { const b = (row * months + decMo) * 3; byDecMonth[b]!++; byDecMonth[b + 1]! += mt; byDecMonth[b + 2]! += within }
          }
          if (cohort) {
            totals[base + 3]!++; totals[base + 4]! += mt; totals[base + 5]! += within
            if (appMo >= 0) { const b = (row * months + appMo) * 3; byAppMonth[b]!++; byAppMonth[b + 1]! += mt; byAppMonth[b + 2]! += within }
          }
        }
      }
    },
    /** The rows of one scope (a mission index, or the number of missions for overall). */
    result: (scope: number): ScoreboardRow[] => rows.map((row, i) => {
      const b = (scope * R + i) * K
      const hasTarget = row.targetDays !== null
      const share = (within: number, n: number) => (hasTarget && n > 0 ? within / n : NaN)
      const series = (arr: Float64Array) => {
        const decided: number[] = [], mean: number[] = [], withinTargetShare: number[] = []
        for (let mo = 0; mo < months; mo++) {
          const x = ((scope * R + i) * months + mo) * 3
          decided.push(arr[x]!); mean.push(arr[x]! > 0 ? arr[x + 1]! / arr[x]! : NaN); withinTargetShare.push(share(arr[x + 2]!, arr[x]!))
        }
        return { decided, mean, withinTargetShare }
      }
      const n = totals[b]!, nc = totals[b + 3]!
      return {
        id: row.id, label: row.label, targetDays: row.targetDays,
        decided: n,
        mean: n > 0 ? totals[b + 1]! / n : NaN,
        withinTargetShare: share(totals[b + 2]!, n),
        overTargetShare: hasTarget && n > 0 ? 1 - totals[b + 2]! / n : NaN,
        cohortDecided: nc,
        cohortMean: nc > 0 ? totals[b + 4]! / nc : NaN,
        cohortWithinTargetShare: share(totals[b + 5]!, nc),
        byDecisionMonth: series(byDecMonth),
        byApplicationMonth: series(byAppMonth)
      }
    })
  }
}
