/**
 * 9 · Seasonal workers (issue 8): the scenario's optional intake of its own (e.g. berry pickers at VFS
 * Bangkok), reported apart from the four categories. Per option: the mean Migri time with its 95 % CI
 * against the scenario's `targetDays`, and the mean appointment wait with its CI. As the scoreboard
 * table's seasonal row, no verdict: the target and the seasonal pool are estimates (docs/scenarios.md),
 * and the figures count the reported year's applications (a cohort), not the decisions made in it.
 * Pure (no DOM); null when no shown option's scenario has seasonal workers.
 */
import type { Summary } from "../scenario/result-schema.ts"
import { monthIn, num, words, type Lang } from "./i18n.ts"
import { startMonth, type ChartInput, type OptionRun } from "./input.ts"
import type { ChartSpec, LegendEntry, Mark, Panel, Point, Target } from "./spec.ts"
import { argmax, argmin, monthAxis, shownOptions } from "./transforms.ts"

type SeasonalSummary = OptionRun["result"]["summary"]["season"]["seasonal"]

/** The t interval of a few replications can reach below 0 days: drawn and printed cut at 0 (as the scoreboard table). */
const cut = (v: number | null): number | null => (v === null ? null : Math.max(0, v))
const dot = (lang: Lang, x: Summary, i: number): Point & { text: string } => {
  const lo = cut(x.ciLow), hi = cut(x.ciHigh)
  return { x: i, y: x.mean, lo, hi, text: x.mean === null ? "–" : lo === null || hi === null ? num(lang, x.mean, 1) : `${num(lang, x.mean, 1)} [${num(lang, lo, 1)}–${num(lang, hi, 1)}]` }
}

export const seasonalWorkers = (full: ChartInput, lang: Lang): ChartSpec | null => {
  const w = words(lang)
  const shown = shownOptions(full).options
  // the options whose scenario has seasonal workers, each keeping its colour (its place among the shown options)
  const runs = shown.flatMap((o, colour) => {
    const spec = o.result.provenance.scenario.seasonal
    return spec === undefined ? [] : [{ o, colour, spec, sw: o.result.summary.season.seasonal as SeasonalSummary }]
  })
  if (runs.length === 0) return null
  const cats = runs.map((r) => r.o.label)
  const targets = [...new Set(runs.map((r) => r.spec.targetDays))]
  const missions = [...new Set(runs.map((r) => r.spec.mission))]
  const mission = missions.length === 1 ? missions[0]! : ""
  const markOf = (pick: (sw: SeasonalSummary) => Summary) => runs.map((r, i): Mark => ({
    type: "dot", key: `opt${r.colour}`, label: r.o.label, colour: r.colour, slot: 0, slots: 1, shape: "circle", dots: [dot(lang, pick(r.sw), i)]
  }))
  // one target across the panel; options whose scenarios set different targets get each their own mark
  const migriTargets: Target[] = targets.length === 1
    ? [{ value: targets[0]!, label: w.c9Target(targets[0]!) }]
    : runs.map((r, i) => ({ value: r.spec.targetDays, label: w.c9Target(r.spec.targetDays), axis: "value" as const, category: i }))
  const panels: Panel[] = [
    { title: w.c9Migri, horizontal: true, x: { label: "", kind: "category", categories: cats }, y: { label: w.c9MigriAxis, kind: "linear", format: "num" }, marks: markOf((sw) => sw.migriMean), targets: migriTargets },
    { title: w.c9Wait(mission), horizontal: true, x: { label: "", kind: "category", categories: cats }, y: { label: w.c9WaitAxis, kind: "linear", format: "num" }, marks: markOf((sw) => sw.apptWaitMean), targets: [] }
  ]
  // by month of application: where in the season the pool falls behind (months with no seasonal applicant have no point)
  const months = runs[0]!.sw.byMonth.migriMean.length
  if (months > 0) {
    const lines = runs.map((r): Mark => ({
      type: "line", key: `opt${r.colour}`, label: r.o.label, colour: r.colour, dash: r.colour, whiskers: true,
      points: r.sw.byMonth.migriMean.map((v, i) => ((r.sw.byMonth.arrived[i]?.mean ?? 0) > 0 ? { x: i, y: v.mean, lo: cut(v.ciLow), hi: cut(v.ciHigh) } : { x: i, y: null }))
    }))
    panels.push({ title: w.c9ByMonth, x: monthAxis(lang, runs[0]!.o, months, w.c9MonthAxis), y: { label: w.c9MigriAxis, kind: "linear", format: "num" }, marks: lines, targets: targets.length === 1 ? migriTargets : [] })
  }
  // the reading: the option with the shortest mean Migri time, where its interval lies against its target, and the appointment wait
  const best = argmin(runs.map((r) => r.sw.migriMean.mean))
  let reading: string
  if (best < 0) reading = w.c9NoDecisions
  else {
    const b = runs[best]!, m = b.sw.migriMean, t = b.spec.targetDays
    const lo = cut(m.ciLow), hi = cut(m.ciHigh), ci = lo !== null && hi !== null
    const side = ci ? (hi! < t ? "below" : lo! > t ? "above" : "across") : m.mean! < t ? "below" : m.mean! > t ? "above" : "across"
    // the other options whose mean reads the same (to the shown decimal)
    const tied = runs.filter((r, i) => i !== best && num(lang, r.sw.migriMean.mean, 1) === num(lang, m.mean, 1)).length
    reading = w.c9Reading(b.o.label, num(lang, m.mean, 1), ci ? `${num(lang, lo, 1)}–${num(lang, hi, 1)}` : "", w.c9Side(side, ci, t), runs.length === 1, tied)
    const waits = runs.map((r) => r.sw.apptWaitMean.mean)
    const wlo = argmin(waits), whi = argmax(waits)
    if (wlo >= 0) {
      const lo = num(lang, waits[wlo], 1), hi = num(lang, waits[whi], 1)
      reading += lo === hi ? w.c9WaitOne(mission, lo) : w.c9WaitRange(mission, lo, runs[wlo]!.o.label, hi, runs[whi]!.o.label)
    } else reading += "."
    // by month of application, for the same option: the season's lowest and highest month
    const bm = b.sw.byMonth, m0 = startMonth(b.o.result)
    const ms = bm.migriMean.map((v, mo) => ((bm.arrived[mo]?.mean ?? 0) > 0 ? v.mean : null))
    const mlo = argmin(ms), mhi = argmax(ms)
    if (mlo >= 0 && ms.filter((v) => v !== null && Number.isFinite(v)).length > 1) {
      reading += w.c9MonthRange(b.o.label, num(lang, ms[mlo], 1), monthIn(lang, m0 + mlo), num(lang, ms[mhi], 1), monthIn(lang, m0 + mhi))
    }
  }
  const legend: LegendEntry[] = [
    ...runs.map((r): LegendEntry => ({ key: `opt${r.colour}`, label: r.o.label, colour: r.colour, kind: "dot" })),
    { key: "target", label: w.c9TargetLine, colour: -1, kind: "target" }
  ]
  return { id: "seasonal", title: w.c9Title, reading, panels, legend, note: w.c9Note(targets) }
}
