/**
 * Migri's scoreboard in the run report (issue 7): each target as Migri reports it (decisions made in
 * the reported year) and by cohort, with verdicts in words; a per-mission table when there are several
 * missions; processing time by month of decision beside month of application; Migri's utilisation per
 * pool by month; and the pack's check whether each difference keeps its sign under every Migri
 * staffing assumption. Pure string functions, ≤ 100 columns.
 */
import type { RunResult, Summary } from "../scenario/result-schema.ts"
import { fromMissionStaff, optionOf, STAFFING_CHECKED, staffingOf } from "../present/pack.ts"
import { notComparable } from "../present/season.ts"
import { signOf, signVerdict, targetWords, verdictWords } from "../present/verdicts.ts"
import { publishedLines } from "./season.ts"
import { ci, int, MONTHS, num, pct, table, wrap } from "./text.ts"

type S = Summary
type Row = RunResult["summary"]["scoreboard"][number]

const scoreRows = (rows: ReadonlyArray<Row>, NOT_COMPARABLE: Readonly<Record<string, string>>): string[][] =>
  rows.map((r) => [
    r.label,
    int(r.decided.mean),
    ci(r.mean),
    r.targetDays === null ? "–" : r.id === "negative" ? `${pct(r.overTargetShare.mean)} > ${r.targetDays} d` : `${pct(r.withinTargetShare.mean)} ≤ ${r.targetDays} d`,
    NOT_COMPARABLE[r.id] !== undefined ? "not comparable *" : r.targetDays === null ? "no target" : verdictWords(r.mean, r.targetDays),
    num(r.cohortMean.mean)
  ])

/** The scoreboard section of `run`'s report. */
export const formatScoreboard = (r: RunResult, startMonth = 0): string => {
  const s = r.summary
  const out: string[] = []
  const NOT_COMPARABLE = notComparable(r.provenance.scenario)
  out.push("Migri's scoreboard: Migri time of decisions made in the reported year, mean [95 % CI] in days")
  out.push(table(["target", "decided", "mean", "share", "mean vs target", "cohort"], scoreRows(s.scoreboard, NOT_COMPARABLE), ["l", "r", "r", "r", "l", "r"]))
  out.push("  cohort = mean of the decisions on applications made in the reported year (by month of application)")
  const flagged = s.scoreboard.filter((x) => NOT_COMPARABLE[x.id] !== undefined)
  if (flagged.length > 0) out.push(wrap(`  * not comparable: the model's figure cannot be held against the published one: ${flagged.map((x) => `${x.label}: ${NOT_COMPARABLE[x.id]}`).join("; ")}`, 4))
  out.push(...publishedLines(r))
  if (s.missions.length > 1) {
    out.push("")
    out.push("Per mission: mean Migri time of decisions made in the reported year, days (verdict)")
    const ids = ["study", "work", "fast-track", "specialists-blue-card", "negative"]
    const head = ids.map((id) => s.scoreboard.find((x) => x.id === id)?.targetDays).map((t, i) => `${["students", "workers", "fast track", "7-day", "negatives"][i]} ${t ?? ""}`.trim())
    const rows = s.missions.map((m) => [m.id, ...ids.map((id) => {
      const x = m.scoreboard.find((y) => y.id === id)
      return x === undefined ? "–" : `${num(x.mean.mean)} ${NOT_COMPARABLE[id] !== undefined ? "n/c *" : targetWords(x.mean, x.targetDays)}`
    })])
    out.push(table(["mission", ...head], rows, ["l", ...ids.map(() => "r" as const)]))
    out.push("  n/c *: not comparable with the published figure (above)")
    for (const m of s.missions) {
      const staff = m.staff.filter((g) => (g.hoursPresent.mean ?? 0) > 0)
      if (m.capacityFromStaff && staff.length > 0) out.push(`  ${m.id} staff: ${staff.map((g) => `${g.id} ${pct(g.utilisation.mean)}`).join(", ")} of hours used`)
    }
  }
  out.push("")
  out.push("By month: mean Migri time of decisions made in the month / of applications made in the month")
  const pick = (id: string) => s.scoreboard.find((x) => x.id === id)
  const show = ["study", "work", "fast-track", "negative"].flatMap((id) => pick(id) ?? [])
  const nMonths = show[0]?.byDecisionMonth.mean.length ?? 0
  const mrows: string[][] = []
  for (let i = 0; i < nMonths; i++) {
    mrows.push([MONTHS[(startMonth + i) % 12]!, ...show.map((x) => `${num(x.byDecisionMonth.mean[i]!.mean, 0)} / ${num(x.byApplicationMonth.mean[i]!.mean, 0)}`)])
  }
  out.push(table(["month", ...show.map((x) => x.id)], mrows, ["l", ...show.map(() => "r" as const)]))
  out.push("")
  out.push(`Migri handlers (${s.migri.staffing} pools): hours used ÷ offered by month (handlers assigned)`)
  const pools = s.migri.pools
  const prow: string[][] = []
  const pm = pools[0]?.byMonth.utilisation.length ?? 0
  for (let i = 0; i < pm; i++) prow.push([MONTHS[(startMonth + i) % 12]!, ...pools.map((p) => `${pct(p.byMonth.utilisation[i]!.mean)} (${num(p.byMonth.people[i]!.mean)})`)])
  out.push(table(["month", ...pools.map((p) => p.id)], prow, ["l", ...pools.map(() => "r" as const)]))
  const f = s.family
  const dup = f.duplicatedChecksByCause
  out.push(`  duplicated subsistence checks: ${int(dup.causedByPolicy.mean)} caused by the queue, ${int(dup.familyAppliedLater.mean)} by a later family application`)
  out.push(`  DNA samples asked for: ${int(f.dnaRequests.mean)}, request → result ${ci(f.dnaRequestToResultMean)} d`)
  return out.join("\n")
}

// ---------------------------------------------------------------------------------------------
// the pack: does each difference keep its sign under every Migri staffing assumption?

/** One run of a pack: its label, summary, and its paired differences from its reference run (common random numbers). */
export interface PackRun {
  readonly label: string
  readonly result: RunResult
  readonly diffs: ReadonlyMap<string, S>
}

/**
 * For a pack that runs its options under several staffing assumptions (Migri pools fixed or shared;
 * mission capacity typed or from staff, present/pack.ts assumptionOf): each option's paired
 * difference from the first option under each assumption (same staffing, same random numbers: the
 * runs' diffs, taken from packReferences), and whether its sign holds under all of them. Empty when the
 * pack has one staffing assumption.
 */
export const formatStaffingCheck = (runs: ReadonlyArray<PackRun>): string => {
  const modes = [...new Set(runs.map(staffingOf))]
  if (modes.length < 2 || runs.length === 0) return ""
  const base = optionOf(runs[0]!.label)
  const find = (option: string, mode: string) => runs.find((r) => optionOf(r.label) === option && staffingOf(r) === mode)
  const options = [...new Set(runs.map((r) => optionOf(r.label)))].filter((o) => o !== base)
  const anyMission = modes.some(fromMissionStaff)
  const out: string[] = ["", `Staffing check: does each difference from ${base} keep its sign`, `under every staffing assumption (${modes.join(" / ")})?`]
  out.push(anyMission
    ? "(Migri: fixed pools or one shared pool of the same person-years; \"mission staff\": the mission's capacity from staff hours, otherwise its slots as typed in the scenario)"
    : "(Migri: fixed pools or one shared pool of the same person-years)")
  out.push("Paired differences on the same random numbers, mean; verdict from the 95 % intervals")
  const sign = (x: number | null) => (x === null ? "–" : (x >= 0 ? "+" : "") + num(x))
  const pctSign = (x: number | null) => (x === null ? "–" : (x >= 0 ? "+" : "") + (100 * x).toFixed(0) + " pp")
  let holds = 0, flips = 0, partial = 0
  for (const option of options) {
    const rows: string[][] = []
    const diffs = modes.map((mode) => (find(base, mode) !== undefined ? find(option, mode)?.diffs : undefined))
    if (diffs.some((d) => d === undefined)) { out.push("", `${option}: not run under every staffing assumption`); continue }
    for (const m of STAFFING_CHECKED) {
      const ds = diffs.map((d) => d!.get(m.path)!)
      const v = signVerdict(ds.map(signOf), modes)
      if (v === "sign holds") holds++; else if (v === "sign FLIPS") flips++; else if (v !== "no clear effect") partial++
      rows.push([m.label, ...ds.map((d) => (m.path.endsWith("Share") ? pctSign(d.mean) : sign(d.mean))), v])
    }
    out.push("", `${option} − ${base}`)
    out.push(table(["difference", ...modes, "verdict"], rows, ["l", ...modes.map(() => "r" as const), "l"]))
  }
  out.push("", `Sign holds under every assumption: ${holds}; flips: ${flips}; clear under only some: ${partial}`)
  return out.join("\n")
}

