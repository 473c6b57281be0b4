/**
 * The scoreboard as a table: per option and applicant group, Migri's mean processing time with its
 * 95 % CI against the target, the share decided within the target, and the verdict read from the CI
 * (met / missed / open when the interval contains the target; no target where the agreement sets none). Pure.
 */
import { verdict } from "../cli/format.ts"
import type { Summary } from "../scenario/result-schema.ts"
import { groupName, num, pct, type Lang } from "./i18n.ts"
import type { ChartInput } from "./input.ts"

export interface ScoreRow { readonly option: string; readonly group: string; readonly target: string; readonly mean: string; readonly within: string; readonly positive: string; readonly verdict: string; readonly verdictKind: "met" | "missed" | "open" | "none" | "noTarget" }

const WORDS = {
  en: { met: "met", missed: "missed", open: "open (CI spans the target)", none: "–", noTarget: "no target", header: ["option", "group", "target", "mean Migri time, d [95 % CI]", "decided within target", "positive within 7 d", "verdict"] },
  fi: { met: "täyttyy", missed: "ei täyty", open: "avoin (lv sisältää tavoitteen)", none: "–", noTarget: "ei tavoitetta", header: ["vaihtoehto", "ryhmä", "tavoite", "Migrin käsittelyaika ka., pv [95 %:n lv]", "ratkaistu tavoiteajassa", "myönteiset 7 pv:ssä", "arvio"] }
}

const ci = (lang: Lang, s: Summary, f: (v: number | null) => string): string => (s.mean === null ? "–" : s.ciLow === null ? f(s.mean) : `${f(s.mean)} [${f(s.ciLow)}, ${f(s.ciHigh)}]`)

export const scoreboardHeader = (lang: Lang): ReadonlyArray<string> => WORDS[lang].header

export const scoreboardTable = (input: ChartInput, lang: Lang): ScoreRow[] =>
  input.options.flatMap((o) => {
    const cats = o.result.provenance.scenario.categories as Record<string, { label: string } | undefined>
    return o.result.summary.groups.filter((g) => (g.decided.mean ?? 0) > 0).map((g): ScoreRow => {
      const v = verdict(g.migriMean, g.targetDays)
      const kind = !g.hasTarget ? "noTarget" : v === "met" ? "met" : v === "MISSED" ? "missed" : v === "open" ? "open" : "none"
      return {
        option: o.label, group: groupName(lang, g.category, g.role, cats[g.category]?.label),
        target: `${g.targetDays} ${lang === "fi" ? "pv" : "d"}${g.positiveTargetDays !== null ? (lang === "fi" ? `; myönteiset ${g.positiveTargetDays} pv` : `; positive ${g.positiveTargetDays} d`) : ""}`,
        mean: ci(lang, g.migriMean, (x) => num(lang, x, 1)), within: ci(lang, g.withinTargetShare, (x) => pct(lang, x)),
        positive: g.positiveTargetDays !== null ? ci(lang, g.positiveWithinTargetShare, (x) => pct(lang, x)) : "",
        verdict: WORDS[lang][kind], verdictKind: kind
      }
    })
  })

export interface PivotCell { readonly mean: string; readonly within: string; readonly positive: string; readonly verdict: string; readonly verdictKind: ScoreRow["verdictKind"] }
export interface ScorePivot { readonly header: ReadonlyArray<string>; readonly rows: ReadonlyArray<{ readonly group: string; readonly target: string; readonly cells: ReadonlyArray<PivotCell | null> }> }

/** The scoreboard with one row per group and one column per option (compact for many options). */
export const scoreboardPivot = (input: ChartInput, lang: Lang): ScorePivot => {
  const rows = scoreboardTable(input, lang)
  const groups = [...new Set(rows.map((r) => r.group))]
  const h = WORDS[lang].header
  return {
    header: [h[1]!, h[2]!, ...input.options.map((o) => o.label)],
    rows: groups.map((g) => {
      const any = rows.find((r) => r.group === g)!
      return { group: g, target: any.target, cells: input.options.map((o) => { const r = rows.find((x) => x.group === g && x.option === o.label); return r === undefined ? null : { mean: r.mean, within: r.within, positive: r.positive, verdict: r.verdict, verdictKind: r.verdictKind } }) }
    })
  }
}

/** The legend line under the pivot table. */
export const pivotKey = (lang: Lang): string => lang === "fi"
  ? "Solussa: Migrin käsittelyaika ka., pv [95 %:n lv] · arvio; ratkaistu tavoiteajassa (· myönteiset 7 pv:ssä)"
  : "Each cell: mean Migri time, d [95 % CI] · verdict; decided within the target (· positive decisions within 7 d)"
