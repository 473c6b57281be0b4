/**
 * The coming season in the reports (issue 8): which scoreboard rows can be held against a published
 * figure (the stage outside Migri and the hearing before a negative decision are what make workers,
 * negatives and the whole year comparable), and the figure beside the model's. Pure string functions.
 */
import { notComparable, PUBLISHED } from "../present/season.ts"
import type { RunResult } from "../scenario/result-schema.ts"
import { startMonth } from "../charts/input.ts"
import { MONTHS } from "./text.ts"

/** Lines that hold the comparable rows against their published figure: within ±20 % or by how much not. */
export const publishedLines = (r: RunResult): string[] => {
  const nc = notComparable(r.provenance.scenario)
  const out: string[] = []
  for (const [id, p] of Object.entries(PUBLISHED)) {
    if (nc[id] !== undefined) continue
    const row = r.summary.scoreboard.find((x) => x.id === id)
    const m = id === "negative" ? negativeWorkMean(r) : id === "all-positive" ? nationalMixPositiveMean(r) : row?.mean.mean ?? null
    if (m === null || m === undefined) continue
    const ref = (p.low + p.high) / 2
    const off = (m - ref) / ref
    const pub = p.low === p.high ? `${p.low} d` : `${p.low}–${p.high} d`
    const mix = id === "all-positive" ? ` (national mix; this mix ${num1(row?.mean.mean)} d)` : ""
    const verdict = Math.abs(off) <= 0.2 ? "within ±20 %" : `${off > 0 ? "+" : ""}${(100 * off).toFixed(0)} %, outside ±20 %`
    out.push(`  ${id}: model ${m.toFixed(1)} d${mix} against published ${pub}: ${verdict}`, `    (${p.what})`)
  }
  return out
}

/** Work-based negatives' mean Migri time (workers, specialists, other fast track; main applicants), weighted by decisions. */
export const negativeWorkMean = (r: RunResult): number | null => {
  let w = 0, t = 0
  for (const g of r.summary.groups) {
    if (g.role !== "main" || g.category === "student") continue
    const n = (g.decided.mean ?? 0) * (g.negativeShare.mean ?? 0), x = g.negativeMigriMean.mean
    if (x === null || n <= 0) continue
    w += n; t += n * x
  }
  return w > 0 ? t / w : null
}

const int = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : Math.round(x).toLocaleString("en-GB"))
const keur = (x: number | null | undefined): string => (x === null || x === undefined ? "–" : x === 0 ? "0" : `${(x / 1000).toFixed(0)}k`)
const py = (x: number | null | undefined): string => (x === null || x === undefined ? "–" : x.toFixed(2))

/** The run report's season section: study starts that mean something, and what the option costs. */
export const formatSeason = (r: RunResult): string => {
  const s = r.summary.season
  const target = r.provenance.scenario.categories.student.targetDays
  const share = (s.studentsMissedStart.mean ?? 0) / Math.max(1, s.studentsWithStart.mean ?? 0)
  const c = s.cost
  const lines = [
    "Study starts and costs",
    `  students with a programme start: ${int(s.studentsWithStart.mean)}; decided after it: ${int(s.studentsMissedStart.mean)} (${(100 * share).toFixed(0)} %)`,
    `    could have made it (no queue at the mission, Migri at its ${target}-day target): ${int(s.studentsMissedReachableStart.mean)}; could not: ${int(s.studentsMissedUnreachableStart.mean)}`,
    `  students decided in time whose family (applied with them) was decided after the start: ${int(s.studentsStartSlippedForFamily.mean)}`,
    `  € in the reported year: ${keur(c.euros.total.mean)} (travel ${keur(c.euros.travel.mean)}, allowances ${keur(c.euros.allowances.mean)}, salaries ${keur(c.euros.salaries.mean)}, extra staff ${keur(c.euros.extraStaff.mean)})`,
    `    paid by UM ${keur(c.um.euros.mean)}, by Migri ${keur(c.migri.euros.mean)}; ${int(c.trips.mean)} trips, ${int(c.personDaysAway.mean)} person-days away`,
    `  Migri person-years: ${py(c.personYears.total.mean)} (output lost while away ${py(c.personYears.migriOutputLost.mean)}, duplicated checks ${py(c.personYears.duplicatedChecks.mean)},`,
    `    remote hearings ${py(c.personYears.remoteHearings.mean)}, renewed evidence ${py(c.personYears.expiredEvidence.mean)}, monitoring ${py(c.personYears.monitoring.mean)})`
  ]
  const sw = s.seasonal, spec = r.provenance.scenario.seasonal
  if (spec !== undefined) {
    const within = sw.withinTargetShare.mean
    lines.push(`  ${spec.label}: ${int(sw.arrived.mean)} applied at ${spec.mission}; appointment wait ${num1(sw.apptWaitMean.mean)} d, Migri ${num1(sw.migriMean.mean)} d`,
      `    (${within === null ? "–" : (100 * within).toFixed(0) + " %"} within ${spec.targetDays} d; pool ${spec.pool}; reported apart from the four categories)`)
    // by month of application: where in the season the pool falls behind (months with applicants only)
    const m0 = startMonth(r)
    const byMonth = sw.byMonth.migriMean.flatMap((v, i) => ((sw.byMonth.arrived[i]?.mean ?? 0) > 0 ? [`${MONTHS[(m0 + i) % 12]} ${num1(v.mean)}`] : []))
    if (byMonth.length > 1) lines.push(`    Migri time by month of application: ${byMonth.join(", ")} d`)
  }
  return lines.join("\n") + "\n"
}

const num1 = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(1))

/** Share of students among main applicants' positive decisions nationally (ref 1.4, 1.11; docs/calibration.md row 12). */
export const NATIONAL_STUDENT_SHARE = 0.485

/**
 * The positive decisions' mean Migri time (main applicants) reweighted to the national mix: students
 * NATIONAL_STUDENT_SHARE, the work-based categories the rest in their own proportions.
 */
export const nationalMixPositiveMean = (r: RunResult): number | null => {
  let sw = 0, st = 0, ww = 0, wt = 0
  for (const g of r.summary.groups) {
    if (g.role !== "main") continue
    const n = (g.decided.mean ?? 0) * (1 - (g.negativeShare.mean ?? 0)), x = g.positiveMigriMean.mean
    if (x === null || n <= 0) continue
    if (g.category === "student") { sw += n; st += n * x } else { ww += n; wt += n * x }
  }
  if (sw <= 0 || ww <= 0) return null
  return NATIONAL_STUDENT_SHARE * (st / sw) + (1 - NATIONAL_STUDENT_SHARE) * (wt / ww)
}
