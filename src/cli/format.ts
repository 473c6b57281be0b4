/**
 * Output for people (tables that go onto a slide as they are: at most 100 columns, readable names,
 * verdicts in words) and spreadsheets (CSV with units). Pure string functions over the result objects.
 *
 * Verdicts: the agreement's processing-time targets are targets for the MEAN. A group's verdict is
 * "met" when the upper end of the 95 % CI of its mean Migri time is within the target, "MISSED" when
 * the lower end is above it, and "open" when the interval contains the target (more replications
 * may decide it). The share decided within the target days is shown beside it, without a verdict.
 * Family members of categories without fast track (work and study permits) have no target of their
 * own: "no target".
 */
import type { RunResult, Summary } from "../scenario/result-schema.ts"
import { flattenSummary } from "../present/csv.ts"
import { COMPARED, type ComparedMetric, type PackRow } from "../present/pack.ts"
import { verdictWords } from "../present/verdicts.ts"
import { backlogTotals } from "../scenario/start-state.ts"
import { formatScoreboard } from "./scoreboard.ts"
import { ci, ciPct, int, MAX_WIDTH, MONTHS, num, pct, table, wrap } from "./text.ts"

type S = Summary

/** Readable group names: the category in words (fast track, not fastTrack), family members indented under it. */
const CATEGORY_WORDS: Record<string, string> = { student: "students", worker: "workers", specialist: "specialists", fastTrack: "other fast track" }
export const groupName = (category: string, role: string): string =>
  role === "family" ? "  their families" : Object.hasOwn(CATEGORY_WORDS, category) ? CATEGORY_WORDS[category]! : category

type Group = RunResult["summary"]["groups"][number]

/** What the run starts from: the stated backlog (how large, and where the numbers come from) or empty queues. */
export const startWords = (sc: RunResult["provenance"]["scenario"]): string => {
  const st = sc.startState
  if (st === undefined) return `Start: empty queues, ${sc.warmupDays} days of warm-up before ${sc.start}.`
  const { waiting, pending } = backlogTotals(st)
  const source = st.source.split(/[:(]/)[0]!.trim()
  return `Start: the backlog stated for ${st.date} (${int(waiting)} waiting for an appointment, ${int(pending)} pending at Migri; ${source}${st.familyToFollow !== undefined ? "; with the family members still to follow" : ""}), ${sc.warmupDays} days before ${sc.start}.`
}

/** The readable report of one run. `startMonth` is the calendar month (0–11) of the intake period's first month. */
export const formatRun = (r: RunResult, description: string, startMonth = 0): string => {
  const p = r.provenance, s = r.summary
  const out: string[] = []
  out.push(wrap(`embassy-sim · ${p.scenarioName} · policy ${p.policy} · seed ${p.seed} · ${p.replications} replication${p.replications === 1 ? "" : "s"}`))
  if (description) out.push(wrap(description, 0))
  out.push(wrap(startWords(p.scenario), 0))
  out.push("")
  out.push(wrap("Migri processing time (identified → decision; the appointment wait is not included) against the targets, which are targets for the mean; days, mean [95 % CI]", 0))
  const rows: string[][] = []
  for (const g of s.groups) {
    const target = g.hasTarget
    rows.push([
      groupName(g.category, g.role), int(g.arrived.mean), num(g.apptWaitMean.mean), ci(g.migriMean),
      target ? verdictWords(g.migriMean, g.targetDays) : "no target", `${pct(g.withinTargetShare.mean)} ≤ ${g.targetDays} d`,
      num(g.endToEndMean.mean), int((g.pendingAtHorizon.mean ?? 0) + (g.waitingForIdAtHorizon.mean ?? 0))
    ])
    if (g.positiveTargetDays !== null && g.role === "main") {
      rows.push([
        `  positive (${g.positiveTargetDays} d)`, "", "", ci(g.positiveMigriMean), verdictWords(g.positiveMigriMean, g.positiveTargetDays),
        `${pct(g.positiveWithinTargetShare.mean)} ≤ ${g.positiveTargetDays} d`, "", ""
      ])
    }
  }
  out.push(table(["group", "applied", "wait", "Migri time", "mean vs target", "decided", "total", "open"], rows, ["l", "r", "r", "r", "l", "r", "r", "r"]))
  out.push(wrap("wait: online application → identification appointment; positive: main applicants' positive decisions, with their own target; decided: share of decisions within the target days (no verdict); total: application → decision; open: not decided at the end of the simulation; no target: the agreement sets none for family members of work and study permits", 2))
  out.push("", formatScoreboard(r, startMonth)) // Migri's scoreboard, per mission, by month (src/cli/scoreboard.ts)
  out.push("")
  const f = s.family
  out.push("Families and students")
  out.push(wrap(`  family separation (main applicant's decision → family member's decision): mean ${ci(f.separationMean)} d, P90 ${num(f.separationP90.mean, 0)} d`))
  out.push(wrap(`    by category: students ${num(f.separationMeanByCategory.student.mean)} d, workers ${num(f.separationMeanByCategory.worker.mean)} d, specialists ${num(f.separationMeanByCategory.specialist.mean)} d, other fast track ${num(f.separationMeanByCategory.fastTrack.mean)} d`))
  out.push(wrap(`  students decided after their study start: ${int(f.studentsDecidedAfterStudyStart.mean)} (${ciPct(f.studentsDecidedAfterStudyStartShare)}); students with family decided after it: ${int(f.studentsWithFamilyDecidedAfterStudyStart.mean)}`))
  out.push(wrap(`  duplicated subsistence checks: ${int(f.duplicatedSubsistenceChecks.mean)} (${int(f.duplicatedCheckHours.mean)} handler hours); expired subsistence evidence: ${int(f.expiredSubsistenceEvidence.mean)}`))
  out.push("")
  out.push("Capacity (reported year)")
  for (const m of s.missions) {
    out.push(wrap(`  ${m.name}: identification slots ${int(m.idSlotsUsed.mean)} used of ${int(m.idSlotsOffered.mean)} (${pct(m.idUtilisation.mean)}); officer hours ${int(m.officerHoursUsed.mean)} of ${int(m.officerHoursOffered.mean)} (${pct(m.officerUtilisation.mean)}): hearings ${int(m.officerHoursByTask.hearing.mean)} h, supplementary requests ${int(m.officerHoursByTask.supplementary.mean)} h, DNA ${int(m.officerHoursByTask.dna.mean)} h`, 4))
    out.push(wrap(`    hearings at the mission ${int(m.hearingsAtMission.mean)}, remote ${int(m.hearingsRemote.mean)}; peak identification queue ${int(Math.max(...m.idQueueWeekly.map((x) => x.mean ?? 0)))} applicants`, 2))
  }
  out.push(wrap(`  Migri: ${s.migri.pools.map((pl) => `${pl.id} ${pct(pl.utilisation.mean)}`).join(", ")} of handler hours used; remote hearings ${int(s.migri.hoursByTask.remoteHearings.mean)} h, subsistence rechecks ${int(s.migri.hoursByTask.subsistenceRechecks.mean)} h; peak pending ${int(Math.max(...s.migri.pendingWeekly.map((x) => x.mean ?? 0)))} cases`, 4))
  out.push(wrap(`  extra staff cost: € ${int(s.cost.extraStaffEuros.mean)} (${num(s.cost.assistancePersonWeeks.mean)} person-weeks of official assistance)`, 4))
  out.push("")
  out.push("By month of application: appointment wait / Migri time, mean days")
  const show = s.groups.filter((g) => g.category === "student" || g.category === "worker")
  const nMonths = show[0]?.byMonth.apptWaitMean.length ?? 0
  const mrows: string[][] = []
  for (let i = 0; i < nMonths; i++) {
    mrows.push([MONTHS[(startMonth + i) % 12]!, ...show.map((g) => `${num(g.byMonth.apptWaitMean[i]!.mean, 0)} / ${num(g.byMonth.migriMean[i]!.mean, 0)}`)])
  }
  out.push(table(["month", ...show.map((g) => (g.role === "family" ? `${CATEGORY_WORDS[g.category] ?? g.category}' families` : groupName(g.category, g.role)))], mrows, ["l", ...show.map(() => "r" as const)]))
  return out.join("\n")
}

/** Splits columns into blocks so that a table of `labelWidth` + the blocks' columns fits MAX_WIDTH. */
const blocks = <T>(cols: ReadonlyArray<T>, widthOf: (c: T) => number, labelWidth: number): T[][] => {
  const out: T[][] = []
  let cur: T[] = [], w = labelWidth
  for (const c of cols) {
    const cw = widthOf(c) + 2
    if (cur.length > 0 && w + cw > MAX_WIDTH) { out.push(cur); cur = []; w = labelWidth }
    cur.push(c)
    w += cw
  }
  if (cur.length > 0) out.push(cur)
  return out
}

/** A difference as its interval says it: the mean with enough decimals that a difference whose CI excludes 0 never shows as 0. */
export const formatDifference = (m: ComparedMetric, s: S | undefined): string => {
  if (s === undefined || s.mean === null) return "–"
  const significant = s.ciLow !== null && s.ciHigh !== null && (s.ciLow > 0 || s.ciHigh < 0)
  const sc = m.percent ? 100 : 1
  let d = m.percent || m.count ? 0 : 1
  while (significant && Number((s.mean * sc).toFixed(d)) === 0 && d < 3) d++
  const v = s.mean * sc
  const text = Number(v.toFixed(d)) === 0 ? (0).toFixed(d) : v.toLocaleString("en-GB", { minimumFractionDigits: d, maximumFractionDigits: d })
  return `${v > 0 && Number(v.toFixed(d)) !== 0 ? "+" : Number(v.toFixed(d)) === 0 ? "±" : ""}${text}${m.percent ? " pp" : ""}${significant ? "*" : " "}`
}

/** The side-by-side comparison of a pack: means with CIs and verdicts, and paired differences against the first scenario. */
export const formatPack = (name: string, description: string, rows: ReadonlyArray<PackRow>): string => {
  const out: string[] = [wrap(`embassy-sim · pack ${name} · ${rows.length} scenarios · ${rows[0]?.result.provenance.replications ?? 0} replications each, common random numbers`)]
  if (description) out.push(wrap(description, 0))
  const get = (r: RunResult, path: string): S | undefined => flattenSummary(r.summary).find(([p]) => p === path)?.[1]
  const metrics = COMPARED.filter((m) => rows.every((r) => get(r.result, m.path) !== undefined))
  const fmt = (m: ComparedMetric, s: S | undefined) => (s === undefined ? "–" : m.percent ? ciPct(s) : m.count ? int(s.mean) : ci(s))
  const lines: Array<{ label: string; cells: (r: PackRow) => string }> = []
  for (const m of metrics) {
    lines.push({ label: m.label, cells: (r) => fmt(m, get(r.result, m.path)) })
    if (m.target !== undefined) {
      const t = m.target
      lines.push({ label: `  verdict on the mean`, cells: (r) => { const x = t(r.result), sm = get(r.result, m.path); return x === undefined || sm === undefined ? "no target" : verdictWords(sm, x) } })
    }
  }
  const labelWidth = Math.max(...lines.map((l) => l.label.length))
  out.push("")
  out.push("Means [95 % CI] (days unless marked); verdicts on the mean against the agreement's target")
  const width = (r: PackRow) => Math.max(r.label.length, ...lines.map((l) => l.cells(r).length))
  for (const blk of blocks(rows, width, labelWidth)) {
    out.push(table(["metric", ...blk.map((r) => r.label)], lines.map((l) => [l.label, ...blk.map((r) => l.cells(r))]), ["l", ...blk.map(() => "r" as const)]))
    out.push("")
  }
  if (rows.length > 1) {
    out.push(wrap(`Difference from ${rows[0]!.label} on the same random numbers, mean; * = its 95 % interval excludes 0 (shown with the decimals it needs to be non-zero); pp = percentage points`, 0))
    const others = rows.slice(1)
    const dw = (r: PackRow) => Math.max(r.label.length, ...metrics.map((m) => formatDifference(m, r.diffs.get(m.path)).length))
    const mw = Math.max(...metrics.map((m) => m.label.length))
    for (const blk of blocks(others, dw, mw)) {
      out.push(table(["metric", ...blk.map((r) => r.label)], metrics.map((m) => [m.label, ...blk.map((r) => formatDifference(m, r.diffs.get(m.path)))]), ["l", ...blk.map(() => "r" as const)]))
      out.push("")
    }
  }
  return out.join("\n").trimEnd()
}
