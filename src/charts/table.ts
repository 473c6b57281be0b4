/**
 * Migri's scoreboard as a table (the page and the report): per option, each row of the result's
 * `summary.scoreboard` (decisions made in the reported year, as Migri reports them) with the mean
 * Migri time and its 95 % CI against the target, the share decided within the target (negatives: the
 * share over 60 d), and the verdict in the CLI's words (src/present/verdicts.ts): met / MISSED / open
 * (the interval contains the target) / no target (family members of work and study permits) / not
 * comparable (rows the model cannot hold against the published figure); then, when the scenario has
 * them, the seasonal workers by cohort (no verdict: their target and pool are estimates). Pure.
 */
import { notComparable } from "../present/season.ts"
import { targetWords } from "../present/verdicts.ts"
import type { RunResult, Summary } from "../scenario/result-schema.ts"
import { num, pct, rowName, type Lang } from "./i18n.ts"
import type { ChartInput } from "./input.ts"
import { shownOptions } from "./transforms.ts"

export type VerdictKind = "met" | "missed" | "open" | "none" | "noTarget" | "notComparable"
export interface ScoreRow { readonly option: string; readonly id: string; readonly group: string; readonly target: string; readonly mean: string; readonly within: string; readonly cohort: string; readonly verdict: string; readonly verdictKind: VerdictKind; readonly why?: string }

const WORDS = {
  en: { met: "met", missed: "MISSED", open: "open", none: "–", noTarget: "no target", notComparable: "not comparable", over: "over", within: "within", days: "d", none2: "none", header: ["option", "Migri's scoreboard", "target", "mean Migri time, d [95 % CI]", "decided within target", "cohort mean, d", "verdict"] },
  fi: { met: "täyttyy", missed: "EI TÄYTY", open: "avoin", none: "–", noTarget: "ei tavoitetta", notComparable: "ei vertailukelpoinen", over: "yli", within: "ajassa", days: "pv", none2: "ei", header: ["vaihtoehto", "Migrin tulostaulu", "tavoite", "Migrin käsittelyaika ka., pv [95 %:n lv]", "ratkaistu tavoiteajassa", "kohortin ka., pv", "arvio"] }
}

/** mean [CI]; the t interval of a few replications can reach past what is possible (below 0 days, above 100 %): printed cut at `lo`–`hi`. */
const ci = (s: Summary, f: (v: number | null) => string, lo = 0, hi = Infinity): string => {
  const cut = (v: number | null) => (v === null ? null : Math.min(hi, Math.max(lo, v)))
  return s.mean === null ? "–" : s.ciLow === null ? f(s.mean) : `${f(s.mean)} [${f(cut(s.ciLow))}, ${f(cut(s.ciHigh))}]`
}

export const scoreboardHeader = (lang: Lang): ReadonlyArray<string> => WORDS[lang].header

/** The verdict of a scoreboard row in the CLI's terms. */
export const rowVerdict = (id: string, mean: Summary, targetDays: number | null, nc: Readonly<Record<string, string>>): VerdictKind => {
  if (nc[id] !== undefined) return "notComparable"
  const v = targetWords(mean, targetDays)
  return v === "no target" ? "noTarget" : v === "met" ? "met" : v === "MISSED" ? "missed" : v === "open" ? "open" : "none"
}

/**
 * Seasonal workers (issue 8), when the scenario has them: a row after Migri's, by cohort (the
 * applications of the reported year: they are reported apart from the scoreboard's decisions), against
 * the scenario's target for them. No verdict: that target and the seasonal pool that meets it are
 * estimates (docs/scenarios.md), and no figure has been published to hold the model's against.
 */
const seasonalRow = (label: string, r: RunResult, lang: Lang): ScoreRow | undefined => {
  const spec = r.provenance.scenario.seasonal, sw = r.summary.season.seasonal
  if (spec === undefined || !((sw.decided.mean ?? 0) > 0)) return undefined
  const W = WORDS[lang]
  return {
    option: label, id: "seasonal", group: rowName(lang, "seasonal", "seasonal workers (cohort)"),
    target: `${spec.targetDays} ${W.days}`,
    mean: ci(sw.migriMean, (x) => num(lang, x, 1)), within: ci(sw.withinTargetShare, (x) => pct(lang, x), 0, 1), cohort: num(lang, sw.migriMean.mean, 1),
    verdict: W.notComparable, verdictKind: "notComparable",
    why: lang === "fi"
      ? `julkaistua lukua ei ole; tavoite (${spec.targetDays} pv) ja kausityöpoolin koko ovat arvioita (docs/scenarios.md), ja rivi laskee raportoidun vuoden hakemukset (kohortti), ei vuoden päätöksiä`
      : `none is published; the target (${spec.targetDays} d) and the seasonal pool's size are estimates (docs/scenarios.md), and the row counts the reported year's applications (a cohort), not the decisions made in it`
  }
}

export const scoreboardTable = (input: ChartInput, lang: Lang): ScoreRow[] => {
  const W = WORDS[lang]
  return shownOptions(input).options.flatMap((o) => { const nc = notComparable(o.result.provenance.scenario); const sw = seasonalRow(o.label, o.result, lang); return [...o.result.summary.scoreboard.filter((r) => (r.decided.mean ?? 0) > 0).map((r): ScoreRow => {
    const kind = rowVerdict(r.id, r.mean, r.targetDays, nc)
    const share = r.targetDays === null ? "–" : r.id === "negative" ? `${W.over} ${r.targetDays} ${W.days}: ${ci(r.overTargetShare, (x) => pct(lang, x), 0, 1)}` : ci(r.withinTargetShare, (x) => pct(lang, x), 0, 1)
    return {
      option: o.label, id: r.id, group: rowName(lang, r.id, r.label),
      target: r.targetDays === null ? W.none2 : `${r.targetDays} ${W.days}`,
      mean: ci(r.mean, (x) => num(lang, x, 1)), within: share, cohort: num(lang, r.cohortMean.mean, 1),
      verdict: W[kind], verdictKind: kind, ...(nc[r.id] !== undefined ? { why: nc[r.id]! } : {})
    }
  }), ...(sw === undefined ? [] : [sw])] })
}

export interface PivotCell { readonly mean: string; readonly within: string; readonly verdict: string; readonly verdictKind: VerdictKind }
export interface ScorePivot { readonly header: ReadonlyArray<string>; readonly rows: ReadonlyArray<{ readonly group: string; readonly target: string; readonly why?: string; readonly cells: ReadonlyArray<PivotCell | null> }> }

/** The scoreboard with one row per scoreboard target and one column per option (compact for many options). */
export const scoreboardPivot = (input: ChartInput, lang: Lang): ScorePivot => {
  const rows = scoreboardTable(input, lang)
  const ids = [...new Set(rows.map((r) => r.id))]
  const h = WORDS[lang].header
  const options = shownOptions(input).options
  return {
    header: [h[1]!, h[2]!, ...options.map((o) => o.label)],
    rows: ids.map((id) => {
      const any = rows.find((r) => r.id === id)!
      return { group: any.group, target: any.target, ...(any.why !== undefined ? { why: any.why } : {}), cells: options.map((o) => { const r = rows.find((x) => x.id === id && x.option === o.label); return r === undefined ? null : { mean: r.mean, within: r.within, verdict: r.verdict, verdictKind: r.verdictKind } }) }
    })
  }
}

/** The legend line under the pivot table. */
export const pivotKey = (lang: Lang): string => lang === "fi"
  ? "Solussa: Migrin käsittelyaika ka., pv [95 %:n lv] · arvio; tavoiteajassa ratkaistujen osuus. Tulostaulu laskee vuoden aikana tehdyt päätökset, kuten Migri ne raportoi."
  : "Each cell: mean Migri time, d [95 % CI] · verdict; share decided within the target. The scoreboard counts the decisions made in the reported year, as Migri reports them."

/** The scoreboard targets the per-mission table shows (as the CLI's per-mission table). */
const MISSION_ROWS = ["study", "work", "fast-track", "specialists-blue-card", "negative"]

export interface MissionScoreboard {
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<{ readonly option: string; readonly mission: string; readonly cells: ReadonlyArray<PivotCell | null> }>
}

/** Where the results have several missions: each mission's scoreboard (decisions on its applications), per option; null for one mission. */
export const missionScoreboard = (input: ChartInput, lang: Lang): MissionScoreboard | null => {
  const options = shownOptions(input).options
  const first = options[0]?.result.summary
  if (first === undefined || first.missions.length < 2) return null
  const W = WORDS[lang]
  const ids = MISSION_ROWS.filter((id) => first.scoreboard.some((r) => r.id === id))
  const head = ids.map((id) => { const r = first.scoreboard.find((x) => x.id === id)!; return `${rowName(lang, id, r.label, true)}${r.targetDays !== null ? ` ${r.targetDays} ${W.days}` : ""}` })
  return {
    header: [W.header[0]!, lang === "fi" ? "edustusto" : "mission", ...head],
    rows: options.flatMap((o) => { const nc = notComparable(o.result.provenance.scenario); return o.result.summary.missions.map((m) => ({
      option: o.label, mission: m.id,
      cells: ids.map((id): PivotCell | null => {
        const r = m.scoreboard.find((x) => x.id === id)
        if (r === undefined || (r.decided.mean ?? 0) === 0) return null
        const kind = rowVerdict(r.id, r.mean, r.targetDays, nc)
        return { mean: ci(r.mean, (x) => num(lang, x, 1)), within: r.id === "negative" ? `${W.over} ${r.targetDays} ${W.days}: ${pct(lang, r.overTargetShare.mean)}` : pct(lang, r.withinTargetShare.mean), verdict: W[kind], verdictKind: kind }
      })
    })) })
  }
}
