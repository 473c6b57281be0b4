/**
 * The scoreboard as a table: per option and applicant group, Migri's mean processing time with its
 * 95 % CI against the target, the share decided within the target, and the verdict read from the CI
 * (met / missed / borderline when the interval straddles the target). Pure.
 */
import { verdict } from "../cli/format.ts"
import type { Summary } from "../scenario/result-schema.ts"
import { groupName, num, pct, type Lang } from "./i18n.ts"
import type { ChartInput } from "./input.ts"

export interface ScoreRow { readonly option: string; readonly group: string; readonly target: string; readonly mean: string; readonly within: string; readonly positive: string; readonly verdict: string; readonly verdictKind: "met" | "missed" | "borderline" | "none" }

const WORDS = {
  en: { met: "met", missed: "missed", borderline: "borderline", none: "–", header: ["option", "group", "target", "mean Migri time, d [95 % CI]", "decided within target", "positive within 7 d", "verdict"] },
  fi: { met: "täyttyy", missed: "ei täyty", borderline: "rajalla", none: "–", header: ["vaihtoehto", "ryhmä", "tavoite", "Migrin käsittelyaika ka., pv [95 %:n lv]", "ratkaistu tavoiteajassa", "myönteiset 7 pv:ssä", "arvio"] }
}

const ci = (lang: Lang, s: Summary, f: (v: number | null) => string): string => (s.mean === null ? "–" : s.ciLow === null ? f(s.mean) : `${f(s.mean)} [${f(s.ciLow)}, ${f(s.ciHigh)}]`)

export const scoreboardHeader = (lang: Lang): ReadonlyArray<string> => WORDS[lang].header

export const scoreboardTable = (input: ChartInput, lang: Lang): ScoreRow[] =>
  input.options.flatMap((o) => {
    const cats = o.result.provenance.scenario.categories as Record<string, { label: string } | undefined>
    return o.result.summary.groups.filter((g) => (g.decided.mean ?? 0) > 0).map((g): ScoreRow => {
      const v = verdict(g.migriMean, g.targetDays)
      const kind = v === "met" ? "met" : v === "MISSED" ? "missed" : v === "borderline" ? "borderline" : "none"
      return {
        option: o.label, group: groupName(lang, g.category, g.role, cats[g.category]?.label),
        target: `${g.targetDays} ${lang === "fi" ? "pv" : "d"}${g.positiveTargetDays !== null ? ` (+${g.positiveTargetDays})` : ""}`,
        mean: ci(lang, g.migriMean, (x) => num(lang, x, 1)), within: ci(lang, g.withinTargetShare, (x) => pct(lang, x)),
        positive: g.positiveTargetDays !== null ? ci(lang, g.positiveWithinTargetShare, (x) => pct(lang, x)) : "",
        verdict: WORDS[lang][kind], verdictKind: kind
      }
    })
  })
