/**
 * The answer first (issue 8): for a pack with `references`, per Migri staffing assumption and per
 * option, what it does for the group it is for against each reference (paired differences on common
 * random numbers), which targets it meets or misses, what it costs and who pays for the gain (the group
 * that waits longer). Pure string and data functions, ≤ 100 columns.
 */
import type { RunResult, Summary } from "../scenario/result-schema.ts"
import type { ReplicationResult } from "../scenario/results.ts"
import { targetWords } from "../present/verdicts.ts"
import { fromMissionStaff, optionOf, staffingOf } from "../present/pack.ts"
import { table } from "./text.ts"

export interface DecisionRun {
  readonly label: string
  readonly result: RunResult
  readonly replications: ReadonlyArray<ReplicationResult>
  /** the group the option is for (a group id such as student-family, or "students-start") */
  readonly for: string | undefined
}

type Paired = (a: ReadonlyArray<ReplicationResult>, b: ReadonlyArray<ReplicationResult>, paths: ReadonlyArray<string>) => ReadonlyMap<string, Summary>

const GROUPS = ["student", "student-family", "worker", "worker-family", "specialist", "specialist-family", "fastTrack", "fastTrack-family"]
const GROUP_WORDS: Readonly<Record<string, string>> = {
  student: "students", "student-family": "students' families", worker: "workers", "worker-family": "workers' families",
  specialist: "specialists", "specialist-family": "specialists' families", fastTrack: "other fast track", "fastTrack-family": "fast-track families",
  "students-start": "students' starts"
}
/** The measure of "the group the option is for": end-to-end days of a group, or students who missed a reachable start. */
export const forPath = (f: string): string => (f === "students-start" ? "season.studentsMissedReachableStart" : `groups.${f}.endToEndMean`)
const groupPath = (g: string) => `groups.${g}.endToEndMean`
const COST_PATHS = ["season.cost.euros.total", "season.cost.um.euros", "season.cost.migri.euros", "season.cost.personYears.total"]
const TARGETS: ReadonlyArray<{ readonly id: string; readonly word: string }> = [
  { id: "study", word: "students" }, { id: "work", word: "workers" }, { id: "fast-track", word: "fast track" },
  { id: "specialists-blue-card", word: "7-day" }, { id: "negative", word: "negatives 60 d" }
]

export interface OptionAnswer {
  readonly label: string
  readonly staffing: string
  readonly for: string | undefined
  /** per reference label: the paired difference (option − reference) of the measure it is for, and whether it is a gain */
  readonly vs: ReadonlyArray<{ readonly reference: string; readonly difference: Summary | null; readonly gain: "gain" | "loss" | "no clear change" | "–" }>
  readonly missed: ReadonlyArray<string>
  readonly borderline: ReadonlyArray<string>
  readonly eurosTotal: number | null
  readonly eurosUM: number | null
  readonly eurosMigri: number | null
  /** Migri person-years of the option's work, minus the first reference's (paired) */
  readonly migriPersonYearsExtra: Summary | null
  /** euros per applicant-day gained against the first reference (the group it is for) */
  readonly eurosPerDayGained: number | null
  /** the group that waits longest extra against the first reference (95 % interval above 0), or null */
  readonly whoPays: { readonly group: string; readonly days: Summary } | null
}

const clear = (d: Summary | null | undefined): number => (d == null || d.mean === null ? 0 : d.ciLow !== null && d.ciLow > 0 ? 1 : d.ciHigh !== null && d.ciHigh < 0 ? -1 : 0)

/** The answers of a pack: per staffing assumption, every option against every reference. */
export const decisionAnswers = (runs: ReadonlyArray<DecisionRun>, references: ReadonlyArray<string>, paired: Paired): OptionAnswer[] => {
  if (references.length === 0) return []
  const refRuns = references.map((l) => runs.find((r) => r.label === l)).filter((r): r is DecisionRun => r !== undefined)
  const out: OptionAnswer[] = []
  for (const run of runs) {
    const mode = staffingOf(run)
    // a reference's counterpart under this staffing assumption: the same policy run under it
    const refs = refRuns.map((ref) => runs.find((r) => staffingOf(r) === mode && r.result.provenance.policy === ref.result.provenance.policy))
    // the first reference is the baseline; the others are options too (held against the first)
    if (refs[0] === run) continue
    const f = run.for
    const measure = f === undefined ? undefined : forPath(f)
    const vs = refRuns.map((ref, i) => {
      const base = refs[i]
      if (base === undefined || measure === undefined || base === run) return { reference: ref.label, difference: null, gain: "–" as const }
      const d = paired(base.replications, run.replications, [measure]).get(measure) ?? null
      const c = clear(d)
      return { reference: ref.label, difference: d, gain: c < 0 ? "gain" as const : c > 0 ? "loss" as const : "no clear change" as const }
    })
    const sb = run.result.summary.scoreboard
    const missed: string[] = [], borderline: string[] = []
    for (const t of TARGETS) {
      const row = sb.find((x) => x.id === t.id)
      if (row === undefined || row.targetDays === null) continue
      const w = targetWords(row.mean, row.targetDays)
      if (w === "MISSED") missed.push(t.word)
      else if (w === "open") borderline.push(t.word)
    }
    const cost = run.result.summary.season.cost
    const base0 = refs[0]
    let pyExtra: Summary | null = null, perDay: number | null = null, whoPays: OptionAnswer["whoPays"] = null
    if (base0 !== undefined) {
      const d = paired(base0.replications, run.replications, [...COST_PATHS, ...GROUPS.map(groupPath), ...(measure !== undefined ? [measure] : [])])
      pyExtra = d.get("season.cost.personYears.total") ?? null
      const dEuros = d.get("season.cost.euros.total")?.mean ?? null
      const gain = measure !== undefined ? d.get(measure) : undefined
      if (f !== undefined && f !== "students-start" && gain !== undefined && gain.mean !== null && clear(gain) < 0 && gain.mean <= -0.5 && dEuros !== null && dEuros > 0) {
        const n = run.result.summary.groups.find((g) => g.group === f)?.decided.mean ?? 0
        perDay = n > 0 ? dEuros / (-gain.mean * n) : null
      }
      let worst: OptionAnswer["whoPays"] = null
      for (const g of GROUPS) {
        const x = d.get(groupPath(g))
        // a group pays when its end-to-end days rise clearly (95 % interval above 0) and by half a day or more
        if (x === undefined || x.mean === null || clear(x) <= 0 || x.mean < 0.5) continue
        if (worst === null || x.mean > (worst.days.mean ?? 0)) worst = { group: g, days: x }
      }
      whoPays = worst
    }
    out.push({
      label: run.label, staffing: mode, for: f, vs, missed, borderline,
      eurosTotal: cost.euros.total.mean, eurosUM: cost.um.euros.mean, eurosMigri: cost.migri.euros.mean,
      migriPersonYearsExtra: pyExtra, eurosPerDayGained: perDay, whoPays
    })
  }
  return out
}

const num = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits))
const signed = (x: number | null | undefined, digits = 1): string => {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–"
  const t = x.toFixed(digits)
  return Number(t) === 0 ? (0).toFixed(digits) : `${x > 0 ? "+" : ""}${t}`
}
const keur = (x: number | null): string => (x === null ? "–" : x === 0 ? "0" : `${(x / 1000).toFixed(0)}k`)
const diffText = (d: Summary | null, unit: string): string => {
  if (d === null || d.mean === null) return "–"
  const mark = clear(d) === 0 ? "~" : ""
  return `${mark}${signed(d.mean)}${unit}`
}

const short = (s: string, n: number) => (s.length <= n ? s : s.slice(0, n - 1) + "…")

/** A staffing assumption (present/pack.ts assumptionOf) in words, as the heading of its block. */
const assumptionWords = (mode: string): string => {
  const migri = mode.startsWith("shared") ? "one shared pool of the same person-years" : "fixed pools"
  return `Migri staffing: ${migri}${fromMissionStaff(mode) ? "; mission capacity from staff hours (not typed slots)" : ""}`
}

/** The answer section, leading the pack's report. */
export const formatDecision = (answers: ReadonlyArray<OptionAnswer>, references: ReadonlyArray<string>, replications: number): string => {
  if (answers.length === 0 || references.length === 0) return ""
  const out: string[] = []
  const refShort = references.map((r) => "vs " + (r.split(" (")[0] ?? r).slice(0, 14))
  const modes = [...new Set(answers.map((a) => a.staffing))]
  out.push(`THE ANSWER · each option against ${references.join(" and against ")}`)
  out.push(`paired differences on common random numbers, ${replications} replications; ~ = 95 % interval spans 0`)
  for (const mode of modes) {
    const rows = answers.filter((a) => a.staffing === mode)
    out.push("")
    out.push(assumptionWords(mode))
    out.push(table(
      ["option", "for", ...refShort, "who waits longer"],
      rows.map((a) => {
        const unit = a.for === "students-start" ? "" : " d"
        return [
          short(optionOf(a.label), 30), a.for === undefined ? "–" : short(GROUP_WORDS[a.for] ?? a.for, 18),
          ...a.vs.map((v) => (v.gain === "–" && optionOf(a.label) === v.reference ? "(ref.)" : diffText(v.difference, unit))),
          a.whoPays === null ? "nobody" : `${short(GROUP_WORDS[a.whoPays.group] ?? a.whoPays.group, 18)} ${signed(a.whoPays.days.mean)} d`
        ]
      }),
      ["l", "l", ...references.map(() => "r" as const), "l"]
    ))
    out.push("")
    out.push(table(
      ["option", "targets missed (open)", "€ total", "UM", "Migri", "Migri htv", "€/day"],
      rows.map((a) => [
        short(optionOf(a.label), 30),
        short((a.missed.length === 0 ? "none" : a.missed.join(", ")) + (a.borderline.length > 0 ? ` (${a.borderline.join(", ")})` : ""), 30),
        keur(a.eurosTotal), keur(a.eurosUM), keur(a.eurosMigri),
        a.migriPersonYearsExtra === null ? "–" : signed(a.migriPersonYearsExtra.mean, 2),
        a.eurosPerDayGained === null ? "–" : num(a.eurosPerDayGained, 0)
      ]),
      ["l", "l", "r", "r", "r", "r", "r"]
    ))
  }
  // where the staffing assumption flips the verdict for the option's group, say so (a lever to show)
  if (modes.length > 1) {
    const flips: string[] = []
    for (const a of answers.filter((x) => x.staffing === modes[0])) {
      const base = optionOf(a.label)
      const others = answers.filter((x) => x.staffing !== modes[0] && optionOf(x.label) === base)
      const signs = [a, ...others].map((x) => clear(x.vs[0]?.difference))
      if (signs.some((x) => x > 0) && signs.some((x) => x < 0)) {
        const unit = a.for === "students-start" ? "" : " d"
        flips.push(`${base} (${[a, ...others].map((x) => `${diffText(x.vs[0]?.difference ?? null, unit)} ${x.staffing}`).join(", ")})`)
      }
    }
    out.push("")
    out.push(flips.length === 0
      ? `No option's effect on its group against ${short(references[0]!, 20)} changes sign between the staffing assumptions.`
      : "The staffing assumption flips the sign against the first reference for:")
    for (const f of flips) out.push(`  ${short(f, 98)}`)
  }
  out.push("")
  out.push("  for: the group the option is meant for; its end-to-end days (application → decision), or")
  out.push("    students' starts: students who missed a start they could have made (count)")
  out.push("  vs …: the option minus the reference (negative = better for the group)")
  out.push(`  who waits longer: the group whose end-to-end days rise most against ${short(references[0]!, 30)}`)
  out.push("  € in the reported year (travel, allowances, salaries of people sent, extra staff), split UM/")
  out.push("    Migri by the scenario's costs.payer; Migri htv: person-years of Migri work minus the")
  out.push(`    reference's; €/day: euros per applicant-day gained by the group it is for, vs ${short(references[0]!, 20)}`)
  return out.join("\n") + "\n\n"
}
