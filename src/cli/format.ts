/**
 * Output for people (tables) and spreadsheets (CSV). Pure string functions over the result objects.
 */
import type { RunResult, Summary } from "../scenario/result-schema.ts"
import { flattenTree } from "../experiment/summarize.ts"
import { formatScoreboard } from "./scoreboard.ts"

type S = Summary
const isSummary = (v: unknown): v is S => v !== null && typeof v === "object" && "mean" in v && "ciLow" in v && "n" in v

const num = (x: number | null, digits = 1): string => (x === null || !Number.isFinite(x) ? "–" : x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }))
const int = (x: number | null): string => (x === null ? "–" : Math.round(x).toLocaleString("en-GB"))
const pct = (x: number | null): string => (x === null ? "–" : `${(100 * x).toFixed(0)} %`)
const ci = (s: S, digits = 1): string => (s.mean === null ? "–" : s.ciLow === null ? num(s.mean, digits) : `${num(s.mean, digits)} [${num(s.ciLow, digits)}, ${num(s.ciHigh, digits)}]`)
const ciPct = (s: S): string => (s.mean === null ? "–" : s.ciLow === null ? pct(s.mean) : `${pct(s.mean)} [${(100 * s.ciLow).toFixed(0)}, ${(100 * s.ciHigh!).toFixed(0)}]`)

/** Target verdict from the mean's confidence interval: met, MISSED, or borderline when the interval straddles it. */
export const verdict = (s: S, target: number): "met" | "MISSED" | "borderline" | "–" => {
  if (s.mean === null) return "–"
  const lo = s.ciLow ?? s.mean, hi = s.ciHigh ?? s.mean
  return hi <= target ? "met" : lo > target ? "MISSED" : "borderline"
}

const table = (header: string[], rows: string[][], align: ("l" | "r")[]): string => {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const fmt = (r: string[]) => r.map((c, i) => (align[i] === "l" ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ").trimEnd()
  return [fmt(header), w.map((x) => "─".repeat(x)).join("  "), ...rows.map(fmt)].join("\n")
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/** The readable report of one run. `startMonth` is the calendar month (0–11) of the intake period's first month. */
export const formatRun = (r: RunResult, description: string, startMonth = 0): string => {
  const p = r.provenance, s = r.summary
  const out: string[] = []
  out.push(`embassy-sim · ${p.scenarioName} · policy ${p.policy} · seed ${p.seed} · ${p.replications} replication${p.replications === 1 ? "" : "s"}`)
  if (description) out.push(description)
  out.push("")
  out.push("Migri processing time (pending → decision; the appointment wait is not included), mean [95 % CI] in days")
  const rows = s.groups.map((g) => {
    const v = verdict(g.migriMean, g.targetDays)
    return [
      g.group, int(g.arrived.mean), ci(g.apptWaitMean), ci(g.migriMean), `${g.targetDays} d`, ciPct(g.withinTargetShare),
      g.hasTarget === false ? "no target" : v === "met" ? "✓ met" : v === "MISSED" ? "✗ MISSED" : v === "borderline" ? "~ borderline" : "–",
      num(g.endToEndMean.mean), int((g.pendingAtHorizon.mean ?? 0) + (g.waitingForIdAtHorizon.mean ?? 0))
    ]
  })
  out.push(table(["group", "applied", "appointment wait", "Migri time", "target", "within target", "mean vs target", "end-to-end", "undecided"], rows, ["l", "r", "r", "r", "r", "r", "l", "r", "r"]))
  for (const g of s.groups) {
    if (g.positiveTargetDays !== null) {
      const v = verdict(g.positiveMigriMean, g.positiveTargetDays)
      out.push(`${g.group}: positive decisions ${ci(g.positiveMigriMean)} d against ${g.positiveTargetDays} d (${v}); ${pct(g.positiveWithinTargetShare.mean)} within ${g.positiveTargetDays} d`)
    }
  }
  out.push("", formatScoreboard(r, startMonth)) // Migri's scoreboard, per mission, by month (src/cli/scoreboard.ts)
  out.push("")
  const f = s.family
  out.push("Families and students")
  out.push(`  family separation (main decision → family member's decision): mean ${ci(f.separationMean)} d, P90 ${num(f.separationP90.mean, 0)} d`)
  out.push(`    by category: students ${num(f.separationMeanByCategory.student.mean)} d, workers ${num(f.separationMeanByCategory.worker.mean)} d, specialists ${num(f.separationMeanByCategory.specialist.mean)} d, other fast track ${num(f.separationMeanByCategory.fastTrack.mean)} d`)
  out.push(`  students decided after their study start: ${int(f.studentsDecidedAfterStudyStart.mean)} (${ciPct(f.studentsDecidedAfterStudyStartShare)}); students with family decided after it: ${int(f.studentsWithFamilyDecidedAfterStudyStart.mean)}`)
  out.push(`  duplicated subsistence checks: ${int(f.duplicatedSubsistenceChecks.mean)} (${int(f.duplicatedCheckHours.mean)} handler hours); expired subsistence evidence: ${int(f.expiredSubsistenceEvidence.mean)}`)
  out.push("")
  out.push("Capacity (reported year)")
  for (const m of s.missions) {
    out.push(`  ${m.name}: identification slots ${int(m.idSlotsUsed.mean)} used of ${int(m.idSlotsOffered.mean)} (${pct(m.idUtilisation.mean)}); officer hours ${int(m.officerHoursUsed.mean)} of ${int(m.officerHoursOffered.mean)} (${pct(m.officerUtilisation.mean)}): hearings ${int(m.officerHoursByTask.hearing.mean)} h, supplementary requests ${int(m.officerHoursByTask.supplementary.mean)} h, DNA ${int(m.officerHoursByTask.dna.mean)} h`)
    out.push(`    hearings at the mission ${int(m.hearingsAtMission.mean)}, remote ${int(m.hearingsRemote.mean)}; peak identification queue ${int(Math.max(...m.idQueueWeekly.map((x) => x.mean ?? 0)))} applicants`)
  }
  out.push(`  Migri: ${s.migri.pools.map((pl) => `${pl.id} ${pct(pl.utilisation.mean)}`).join(", ")} of handler hours used; remote hearings ${int(s.migri.hoursByTask.remoteHearings.mean)} h, subsistence rechecks ${int(s.migri.hoursByTask.subsistenceRechecks.mean)} h; peak pending ${int(Math.max(...s.migri.pendingWeekly.map((x) => x.mean ?? 0)))} cases`)
  out.push(`  extra staff cost: € ${int(s.cost.extraStaffEuros.mean)} (${num(s.cost.assistancePersonWeeks.mean)} person-weeks of official assistance)`)
  out.push("")
  out.push("By month of application: appointment wait / Migri time, mean days")
  const show = s.groups.filter((g) => g.category === "student" || g.category === "worker")
  const nMonths = show[0]?.byMonth.apptWaitMean.length ?? 0
  const mrows: string[][] = []
  for (let i = 0; i < nMonths; i++) {
    mrows.push([MONTHS[(startMonth + i) % 12]!, ...show.map((g) => `${num(g.byMonth.apptWaitMean[i]!.mean, 0)} / ${num(g.byMonth.migriMean[i]!.mean, 0)}`)])
  }
  out.push(table(["month", ...show.map((g) => g.group)], mrows, ["l", ...show.map(() => "r" as const)]))
  return out.join("\n")
}

/** Flattens a summary tree into (path, Summary) rows, naming groups, missions and pools by their id. */
export const flattenSummary = (v: unknown): Array<[string, S]> => flattenTree(v, isSummary)

const csvCell = (x: string | number | null): string => {
  if (x === null) return ""
  const s = String(x)
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const CSV_HEADER = ["scenario", "policy", "seed", "replications", "metric", "mean", "sd", "ci_low", "ci_high", "n"]

/** Long-format CSV: one row per metric (by-month and weekly series included), ready for a spreadsheet pivot. */
export const formatCsvRows = (r: RunResult): string[] =>
  flattenSummary(r.summary).map(([path, s]) =>
    [r.provenance.scenarioName, r.provenance.policy, r.provenance.seed, r.provenance.replications, path, s.mean, s.sd, s.ciLow, s.ciHigh, s.n].map(csvCell).join(",")
  )

export const formatCsv = (runs: ReadonlyArray<RunResult>): string => [CSV_HEADER.join(","), ...runs.flatMap(formatCsvRows)].join("\n") + "\n"

/** A metric the pack comparison shows: label, how to get its per-replication values' summary, digits. */
export interface ComparedMetric { readonly label: string; readonly path: string; readonly percent?: boolean }

export const COMPARED: ReadonlyArray<ComparedMetric> = [
  { label: "students: appointment wait", path: "groups.student.apptWaitMean" },
  { label: "student families: appointment wait", path: "groups.student-family.apptWaitMean" },
  { label: "students: Migri time", path: "groups.student.migriMean" },
  { label: "students: within 30 d", path: "groups.student.withinTargetShare", percent: true },
  { label: "student families: Migri time", path: "groups.student-family.migriMean" },
  { label: "workers: Migri time", path: "groups.worker.migriMean" },
  { label: "specialists: positive ≤ 7 d", path: "groups.specialist.positiveWithinTargetShare", percent: true },
  { label: "students: end-to-end", path: "groups.student.endToEndMean" },
  { label: "students after study start", path: "family.studentsDecidedAfterStudyStartShare", percent: true },
  { label: "family separation", path: "family.separationMean" },
  { label: "duplicated subsistence checks", path: "family.duplicatedSubsistenceChecks" },
  { label: "expired subsistence evidence", path: "family.expiredSubsistenceEvidence" },
  { label: "mission officer utilisation", path: "missions.new-delhi.officerUtilisation", percent: true },
  { label: "extra staff cost €", path: "cost.extraStaffEuros" }
]

export interface PackRow { readonly label: string; readonly result: RunResult; readonly diffs: ReadonlyMap<string, S> }

/** The side-by-side comparison of a pack: means with CIs, and paired differences against the first scenario. */
export const formatPack = (name: string, description: string, rows: ReadonlyArray<PackRow>): string => {
  const out: string[] = [`embassy-sim · pack ${name} · ${rows.length} scenarios · ${rows[0]?.result.provenance.replications ?? 0} replications each, common random numbers`]
  if (description) out.push(description)
  const get = (r: RunResult, path: string): S | undefined => flattenSummary(r.summary).find(([p]) => p === path)?.[1]
  const metrics = COMPARED.filter((m) => rows.every((r) => get(r.result, m.path) !== undefined))
  out.push("")
  out.push("Means [95 % CI] (days unless marked)")
  const fmt = (m: ComparedMetric, s: S | undefined) => (s === undefined ? "–" : m.percent ? ciPct(s) : m.path.startsWith("cost") || m.path.includes("Checks") || m.path.includes("Evidence") ? int(s.mean) : ci(s))
  out.push(table(["metric", ...rows.map((r) => r.label)], metrics.map((m) => [m.label, ...rows.map((r) => fmt(m, get(r.result, m.path)))]), ["l", ...rows.map(() => "r" as const)]))
  if (rows.length > 1) {
    out.push("")
    out.push(`Difference from ${rows[0]!.label} on the same random numbers, mean [95 % CI]; * = the interval excludes 0`)
    const dfmt = (m: ComparedMetric, s: S | undefined) => {
      if (s === undefined || s.mean === null) return "–"
      const star = s.ciLow !== null && s.ciHigh !== null && (s.ciLow > 0 || s.ciHigh < 0) ? "*" : " "
      const sc = m.percent ? 100 : 1
      const d = m.percent ? 0 : 1
      const sign = (x: number) => (x >= 0 ? "+" : "") + num(x * sc, d)
      return `${sign(s.mean)}${m.percent ? " pp" : ""}${star}`
    }
    out.push(table(["metric", ...rows.slice(1).map((r) => r.label)], metrics.map((m) => [m.label, ...rows.slice(1).map((r) => dfmt(m, r.diffs.get(m.path)))]), ["l", ...rows.slice(1).map(() => "r" as const)]))
  }
  return out.join("\n")
}
