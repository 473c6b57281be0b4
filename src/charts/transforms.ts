/**
 * Results → chart specs, one pure function per chart (no DOM). The page and the report draw the specs
 * with the same renderer. Every spec has axes with units, a legend, the target lines and a one-line
 * reading computed from the data.
 */
import { pairedDifference } from "../experiment/summarize.ts"
import type { RunResult, Summary } from "../scenario/result-schema.ts"
import { groupName, monthIn, monthName, num, pct, rowName, signWords, words, type Lang } from "./i18n.ts"
import { monthStarts, pathValue, quantile, startMonth, type CapacityResult, type ChartInput, type OptionRun, type RepMetrics } from "./input.ts"
import { notComparable } from "../present/season.ts"
import { signOf, signVerdict } from "../present/verdicts.ts"
import { optionOf, staffingOf, underFirstStaffing } from "../present/pack.ts"
import { seasonalWorkers } from "./seasonal.ts"
import { taskColour, type Axis, type ChartSpec, type LegendEntry, type Mark, type Panel, type Point, type Tick } from "./spec.ts"

const ref = (input: ChartInput): OptionRun => {
  const r = input.options[0]
  if (r === undefined) throw new Error("the charts need at least one option's result")
  return r
}
const groupLabel = (lang: Lang, o: OptionRun, g: { category: string; role: "main" | "family" }): string => {
  const cats = o.result.provenance.scenario.categories as Record<string, { label: string } | undefined>
  return groupName(lang, g.category, g.role, cats[g.category]?.label)
}
export const monthAxis = (lang: Lang, o: OptionRun, n: number, label: string): Axis => {
  const m0 = startMonth(o.result)
  return { label, kind: "category", categories: Array.from({ length: n }, (_, i) => monthName(lang, m0 + i)) }
}
const optionLegend = (input: ChartInput, kind: LegendEntry["kind"]): LegendEntry[] =>
  input.options.map((o, i) => ({ key: `opt${i}`, label: o.label, colour: i, kind, dash: i }))
/** The index of the largest finite value (−1 when none). */
export const argmax = (xs: ReadonlyArray<number | null>): number => {
  let best = -1, bv = -Infinity
  xs.forEach((x, i) => { if (x !== null && Number.isFinite(x) && x > bv) { bv = x; best = i } })
  return best
}
export const argmin = (xs: ReadonlyArray<number | null>): number => argmax(xs.map((x) => (x === null ? null : -x)))
const s = (x: Summary | undefined): Point => ({ x: 0, y: x?.mean ?? null, lo: x?.ciLow ?? null, hi: x?.ciHigh ?? null })
const sumArrays = (arrays: ReadonlyArray<ReadonlyArray<number | null>>): number[] => {
  const n = Math.max(0, ...arrays.map((a) => a.length))
  return Array.from({ length: n }, (_, i) => arrays.reduce((acc, a) => acc + (a[i] ?? 0), 0))
}
const meansOf = (xs: ReadonlyArray<Summary>): Array<number | null> => xs.map((x) => x.mean)

// ---------------------------------------------------------------------------------------------
// 1. demand against identification capacity

export const demandCapacity = (input: ChartInput, lang: Lang): ChartSpec => {
  const w = words(lang), r0 = ref(input), sc = r0.result.provenance.scenario
  const missions = r0.result.summary.missions
  const n = missions[0]?.byMonth.idSlotsOffered.length ?? 12
  const m0 = startMonth(r0.result)
  let reading = ""
  const panels: Panel[] = missions.map((m, mi) => {
    const spec = sc.missions.find((x) => x.id === m.id)
    let apps: Array<number | null>, appsLabel: string
    if (missions.length === 1) {
      // one mission: every simulated application (main applicants and family members) arrives there
      apps = sumArrays(r0.result.summary.groups.map((g) => meansOf(g.byMonth.arrived)))
      appsLabel = w.c1Apps
    } else {
      // several missions: the results do not split applications by mission; the scenario's expected main applicants do
      apps = Array.from({ length: n }, (_, i) => {
        if (spec === undefined) return null
        return Object.values(spec.arrivals).reduce((acc, a) => {
          const tot = a.monthlyProfile.reduce((x, y) => x + y, 0)
          return acc + (tot > 0 ? (a.annual * a.monthlyProfile[(m0 + i) % 12]!) / tot : 0)
        }, 0)
      })
      appsLabel = w.c1Expected
    }
    const marks: Mark[] = [
      { type: "bar", key: "apps", label: appsLabel, colour: -2, slot: 0, slots: 1, bars: apps.map((y, x) => ({ x, y })) },
      ...input.options.map((o, oi): Mark => {
        const om = o.result.summary.missions.find((x) => x.id === m.id)
        return { type: "line", key: `opt${oi}`, label: w.c1Capacity(o.label), colour: oi, dash: oi, points: (om?.byMonth.idSlotsOffered ?? []).map((v, x) => ({ x, y: v.mean })) }
      }),
      { type: "line", key: "used", label: w.c1Used, colour: -3, dash: 4, points: m.byMonth.idSlotsUsed.map((v, x) => ({ x, y: v.mean })) }
    ]
    if (mi === 0) {
      const pk = argmax(apps)
      const cap = m.byMonth.idSlotsOffered[pk]?.mean ?? null
      const a = apps[pk] ?? null
      reading = w.c1Reading(m.name, monthIn(lang, m0 + pk), num(lang, a, 0), num(lang, cap, 0), cap && a !== null ? num(lang, a / cap, 1) : "–")
    }
    return { title: m.name, x: monthAxis(lang, r0, n, w.month), y: { label: `${w.applications} / ${w.month}`, kind: "linear", format: "int" }, marks, targets: [] }
  })
  const legend: LegendEntry[] = [
    { key: "apps", label: missions.length === 1 ? w.c1Apps : w.c1Expected, colour: -2, kind: "bar" },
    ...input.options.map((o, i): LegendEntry => ({ key: `opt${i}`, label: w.c1Capacity(o.label), colour: i, kind: "line", dash: i })),
    { key: "used", label: w.c1Used, colour: -3, kind: "line", dash: 4 }
  ]
  return { id: "demand", title: w.c1Title, reading, panels, legend }
}

// ---------------------------------------------------------------------------------------------
// 2. queues over the year with a 10–90 % band across replications

const weeklyTicks = (lang: Lang, o: OptionRun, weeks: number): Tick[] => {
  const starts = monthStarts(o.result, 13), m0 = startMonth(o.result)
  return starts.map((d, i) => ({ value: d, label: monthName(lang, m0 + i) })).filter((t) => t.value >= 0 && t.value <= (weeks - 1) * 7)
}

type WeeklyPick = (r: RepMetrics) => ReadonlyArray<number | null> | undefined
type WeeklyPickSummary = (r: OptionRun["result"]["summary"]) => ReadonlyArray<Summary> | undefined

const weeklyMarks = (input: ChartInput, lang: Lang, pickRep: WeeklyPick, pickSum: WeeklyPickSummary): { marks: Mark[]; medians: Array<Array<number | null>>; banded: boolean } => {
  const w = words(lang)
  const marks: Mark[] = [], medians: Array<Array<number | null>> = []
  let banded = true
  input.options.forEach((o, oi) => {
    const reps = o.result.replications
    const series = reps?.map(pickRep).filter((x): x is ReadonlyArray<number | null> => x !== undefined) ?? []
    if (series.length >= 2) {
      const n = series[0]!.length
      const at = (i: number) => series.map((x) => x[i] ?? null)
      const band = Array.from({ length: n }, (_, i) => ({ x: i * 7, lo: quantile(at(i), 0.1), hi: quantile(at(i), 0.9) }))
      const med = Array.from({ length: n }, (_, i) => quantile(at(i), 0.5))
      marks.push({ type: "band", key: `opt${oi}`, label: w.c2Band, colour: oi, points: band })
      marks.push({ type: "line", key: `opt${oi}`, label: o.label, colour: oi, dash: oi, points: med.map((y, i) => ({ x: i * 7, y })) })
      medians.push(med)
    } else {
      banded = false
      const sm = pickSum(o.result.summary) ?? []
      marks.push({ type: "band", key: `opt${oi}`, label: w.c2Ci, colour: oi, points: sm.map((v, i) => ({ x: i * 7, lo: v.ciLow, hi: v.ciHigh })) })
      marks.push({ type: "line", key: `opt${oi}`, label: o.label, colour: oi, dash: oi, points: sm.map((v, i) => ({ x: i * 7, y: v.mean })) })
      medians.push(sm.map((v) => v.mean))
    }
  })
  return { marks, medians, banded }
}

export const queuesOverYear = (input: ChartInput, lang: Lang): ChartSpec => {
  const w = words(lang), r0 = ref(input)
  const weeks = r0.result.summary.migri.pendingWeekly.length
  const xAxis: Axis = { label: w.dayOfYear, kind: "linear", domain: [0, Math.max(7, (weeks - 1) * 7)], ticks: weeklyTicks(lang, r0, weeks) }
  const m0 = startMonth(r0.result), starts = monthStarts(r0.result, 13)
  const monthAt = (day: number) => monthIn(lang, m0 + Math.max(0, starts.findIndex((d, i) => day >= d && day < (starts[i + 1] ?? Infinity))))
  const panels: Panel[] = []
  let banded = true, qText = { month: "–", n: "–", mission: "" }
  r0.result.summary.missions.forEach((m, mi) => {
    const q = weeklyMarks(input, lang, (r) => r.missions.find((x) => x.id === m.id)?.idQueueWeekly, (sm) => sm.missions.find((x) => x.id === m.id)?.idQueueWeekly)
    banded &&= q.banded
    if (mi === 0) {
      const med = q.medians[0] ?? [], k = argmax(med)
      qText = { month: k < 0 ? "–" : monthAt(k * 7), n: num(lang, med[k] ?? null, 0), mission: m.name }
    }
    panels.push({ title: w.c2Queue(r0.result.summary.missions.length > 1 ? m.id : ""), x: xAxis, y: { label: w.people, kind: "linear", format: "int" }, marks: q.marks, targets: [] })
  })
  const b = weeklyMarks(input, lang, (r) => r.migri.pendingWeekly, (sm) => sm.migri.pendingWeekly)
  banded &&= b.banded
  panels.push({ title: w.c2Backlog, x: xAxis, y: { label: w.cases, kind: "linear", format: "int" }, marks: b.marks, targets: [] })
  // the option with the highest backlog peak
  const peaks = b.medians.map((m) => Math.max(...m.map((x) => x ?? -Infinity)))
  const oi = argmax(peaks), med = b.medians[oi] ?? [], k = argmax(med)
  const reading = w.c2Reading(k < 0 ? "–" : monthAt(k * 7), num(lang, med[k] ?? null, 0), input.options[oi]?.label ?? "", qText.month, qText.n, qText.mission)
  return {
    id: "queues", title: w.c2Title, reading, panels,
    legend: [...optionLegend(input, "line"), { key: "band", label: banded ? w.c2Band : w.c2Ci, colour: -3, kind: "band" }]
  }
}

/** An axis label with its unit in parentheses, or without them when there is no unit. */
const withUnit = (label: string, unit: string): string => (unit === "" ? label : `${label} (${unit})`)

// ---------------------------------------------------------------------------------------------
// 3. Migri's scoreboard by month: the summary's scoreboard rows by month of decision (Migri's basis:
//    decisions made in the month) or by month of application, one line per option with its 95 % CI

export type MonthBasis = "decision" | "application"
export type ScoreRowSummary = RunResult["summary"]["scoreboard"][number]

/** The scoreboard rows that carry a target, in the order the scoreboard lists them (study 30, work 30, fast track 14, 7-day, negatives 60). */
export const targetRows = (o: OptionRun): ScoreRowSummary[] => o.result.summary.scoreboard.filter((r) => r.targetDays !== null && (r.decided.mean ?? 0) > 0)

/** A row's monthly series on the basis. */
export const rowSeries = (r: ScoreRowSummary, basis: MonthBasis): ScoreRowSummary["byDecisionMonth"] => (basis === "decision" ? r.byDecisionMonth : r.byApplicationMonth)

export const scoreboardByMonth = (input: ChartInput, lang: Lang, basis: MonthBasis = "decision"): ChartSpec => {
  const w = words(lang), r0 = ref(input)
  const axisLabel = basis === "decision" ? w.monthOfDecision : w.monthOfApplication
  const panels: Panel[] = []
  let worst: { ratio: number; text: string } = { ratio: -Infinity, text: w.c3ReadingOk(r0.label) }
  for (const row of targetRows(r0)) {
    const t = row.targetDays!
    const comparable = notComparable(r0.result.provenance.scenario)[row.id] === undefined
    const name = rowName(lang, row.id, row.label, true) + (comparable ? "" : " *")
    const perOpt = input.options.map((o) => o.result.summary.scoreboard.find((x) => x.id === row.id))
    const n = rowSeries(row, basis).mean.length
    // the t interval of a few replications can reach below 0 days or outside 0–100 %: drawn cut at what is possible
    const clamp = (v: number | null, lo: number, hi: number) => (v === null ? null : Math.min(hi, Math.max(lo, v)))
    const lines = (pick: (x: ScoreRowSummary["byDecisionMonth"]) => ReadonlyArray<Summary>, max: number): Mark[] =>
      perOpt.map((x, oi): Mark => ({ type: "line", key: `opt${oi}`, label: input.options[oi]!.label, colour: oi, dash: oi, whiskers: true, points: (x === undefined ? [] : pick(rowSeries(x, basis))).map((v, i) => ({ x: i, y: v.mean, lo: clamp(v.ciLow, 0, max), hi: clamp(v.ciHigh, 0, max) })) }))
    panels.push({ title: w.c3Mean(name), x: monthAxis(lang, r0, n, axisLabel), y: { label: w.days, kind: "linear", format: "num" }, marks: lines((s) => s.mean, Infinity), targets: [{ value: t, label: w.target(t) }] })
    panels.push({ title: w.c3Share(name, t), x: monthAxis(lang, r0, n, axisLabel), y: { label: w.share, kind: "linear", format: "pct", domain: [0, 1] }, marks: lines((s) => s.withinTargetShare, 1), targets: [] })
    perOpt.forEach((x, oi) => {
      if (x === undefined || !comparable) return
      const ms = rowSeries(x, basis).mean.map((v) => v.mean)
      const k = argmax(ms), v = ms[k] ?? null
      if (v !== null && v > t && v / t > worst.ratio) worst = { ratio: v / t, text: w.c3Reading(name, monthIn(lang, startMonth(r0.result) + k), num(lang, v, 1), t, input.options[oi]!.label) }
    })
  }
  return { id: "scoreboard", title: w.c3Title(axisLabel), reading: worst.text, panels, legend: [...optionLegend(input, "line"), { key: "target", label: w.targetLine, colour: -1, kind: "target" }], note: w.c3Note + (panels.some((p) => p.title.includes(" *")) ? ` * ${w.notComparableNote}` : "") }
}

// ---------------------------------------------------------------------------------------------
// 4. distribution of Migri processing time per group (mean with CI, median, 90th percentile), target marked

export const migriDistribution = (input: ChartInput, lang: Lang): ChartSpec => {
  const w = words(lang), r0 = ref(input)
  const groups = r0.result.summary.groups.filter((g) => (g.decided.mean ?? 0) > 0)
  // family members of work and study permits have no target: said so, never held against one
  const cats = groups.map((g) => groupLabel(lang, r0, g) + (g.hasTarget ? "" : ` (${w.noTarget})`))
  const k = input.options.length
  const marks: Mark[] = []
  input.options.forEach((o, oi) => {
    const og = groups.map((g) => o.result.summary.groups.find((x) => x.group === g.group))
    marks.push({ type: "dot", key: `opt${oi}`, label: `${o.label}: ${w.c4Mean}`, colour: oi, slot: oi, slots: k, shape: "circle", dots: og.map((x, i) => ({ ...s(x?.migriMean), x: i })) })
    marks.push({ type: "dot", key: `opt${oi}`, label: `${o.label}: ${w.c4Median}`, colour: oi, slot: oi, slots: k, shape: "tick", dots: og.map((x, i) => ({ x: i, y: x?.migriMedian.mean ?? null })) })
    marks.push({ type: "dot", key: `opt${oi}`, label: `${o.label}: ${w.c4P90}`, colour: oi, slot: oi, slots: k, shape: "tick", dots: og.map((x, i) => ({ x: i, y: x?.migriP90.mean ?? null, text: "p90" })) })
  })
  const withTarget = groups.filter((g) => g.hasTarget)
  const over = withTarget.filter((g) => (g.migriMean.mean ?? 0) > g.targetDays).length
  const p90 = groups.map((g) => g.migriP90.mean), pi = argmax(p90)
  const reading = w.c4Reading(over, withTarget.length, r0.label, cats[pi] ?? "–", num(lang, p90[pi] ?? null, 0))
  const panel: Panel = {
    title: w.c4Axis, horizontal: true,
    x: { label: "", kind: "category", categories: cats },
    y: { label: w.c4Axis, kind: "linear", format: "int" },
    marks, targets: groups.flatMap((g, i) => (g.hasTarget ? [{ value: g.targetDays, label: w.target(g.targetDays), axis: "value" as const, category: i }] : []))
  }
  return {
    id: "distribution", title: w.c4Title, reading, panels: [panel],
    legend: [...optionLegend(input, "dot"), { key: "shape-mean", label: w.c4Mean, colour: -3, kind: "dot" }, { key: "shape-tick", label: `${w.c4Median} · ${w.c4P90}`, colour: -3, kind: "tick" }, { key: "target", label: w.targetLine, colour: -1, kind: "target" }]
  }
}

// ---------------------------------------------------------------------------------------------
// 5. the options side by side with paired differences from the reference

export interface KeyMetric { readonly path: string; readonly label: { readonly en: string; readonly fi: string }; readonly lowerIsBetter: boolean; readonly percent?: boolean; /** the scoreboard's target on this metric, drawn as a line */ readonly target?: number }
export const KEY_METRICS: ReadonlyArray<KeyMetric> = [
  { path: "groups.student.migriMean", label: { en: "students: mean Migri time, d", fi: "opiskelijat: Migrin käsittelyaika, pv" }, lowerIsBetter: true, target: 30 },
  { path: "groups.student.withinTargetShare", label: { en: "students: decided within 30 d", fi: "opiskelijat: ratkaistu 30 pv:ssä" }, lowerIsBetter: false, percent: true },
  { path: "groups.student-family.migriMean", label: { en: "student families: mean Migri time, d", fi: "opiskelijoiden perheet: käsittelyaika, pv" }, lowerIsBetter: true },
  { path: "groups.worker.migriMean", label: { en: "workers: mean Migri time, d", fi: "työntekijät: käsittelyaika, pv" }, lowerIsBetter: true, target: 30 },
  { path: "groups.specialist.positiveWithinTargetShare", label: { en: "specialists: positive within 7 d", fi: "erityisasiantuntijat: myönteiset 7 pv:ssä" }, lowerIsBetter: false, percent: true },
  { path: "scoreboard.negative.overTargetShare", label: { en: "negative decisions over 60 d", fi: "kielteiset yli 60 pv" }, lowerIsBetter: true, percent: true },
  { path: "groups.student.apptWaitMean", label: { en: "students: appointment wait, d", fi: "opiskelijat: odotus tunnistamiseen, pv" }, lowerIsBetter: true },
  { path: "groups.student-family.apptWaitMean", label: { en: "student families: appointment wait, d", fi: "opiskelijoiden perheet: odotus tunnistamiseen, pv" }, lowerIsBetter: true },
  { path: "family.studentsDecidedAfterStudyStartShare", label: { en: "students decided after study start", fi: "päätös opintojen alun jälkeen" }, lowerIsBetter: true, percent: true },
  { path: "cost.extraStaffEuros", label: { en: "extra staff cost, €", fi: "lisähenkilöstön kustannus, €" }, lowerIsBetter: true }
]

export type Verdict = "better" | "worse" | "noDiff" | "noPaired"
/** What a paired difference (option − reference) means for the metric's direction, read from its 95 % interval. */
export const diffVerdict = (d: Summary, m: KeyMetric): Verdict => {
  if (d.ciLow === null || d.ciHigh === null) return d.n > 0 && d.sd === 0 && d.mean !== 0 && d.mean !== null ? ((d.mean < 0) === m.lowerIsBetter ? "better" : "worse") : "noDiff"
  if (d.ciLow > 0 || d.ciHigh < 0) return (d.ciHigh < 0) === m.lowerIsBetter ? "better" : "worse"
  return "noDiff"
}
/** Paired difference option − reference over replications, and what it means for the metric's direction. */
export const pairedVerdict = (refRun: OptionRun, other: OptionRun, m: KeyMetric): { diff: Summary | null; verdict: Verdict } => {
  const a = refRun.result.replications, b = other.result.replications
  if (a === undefined || b === undefined || a.length < 2 || a.length !== b.length) return { diff: null, verdict: "noPaired" }
  const val = (r: RepMetrics) => { const v = pathValue(r, m.path); return typeof v === "number" ? v : NaN }
  const d = pairedDifference(a.map(val), b.map(val))
  return { diff: d, verdict: diffVerdict(d, m) }
}

const summaryAt = (o: OptionRun, path: string): Summary | undefined => {
  const v = pathValue(o.result.summary, path) as Summary | undefined
  return v !== undefined && v !== null && typeof v === "object" && "mean" in v ? v : undefined
}

/** The run an option is compared with: its `reference` (a pack run's) when the input holds it, else the first option. */
export const referenceOf = (input: ChartInput, o: OptionRun): OptionRun => (o.reference !== undefined ? input.options.find((x) => x.label === o.reference) : undefined) ?? ref(input)

/** The paired difference of an option from its reference on a metric: the pack's own when the result carries it, else from the replications. */
export const differenceOf = (input: ChartInput, o: OptionRun, m: KeyMetric): { diff: Summary | null; verdict: Verdict } => {
  const own = o.differences?.[m.path]
  if (own !== undefined) return { diff: own, verdict: diffVerdict(own, m) }
  return pairedVerdict(referenceOf(input, o), o, m)
}

/** The Migri staffing assumptions of the input's runs, in order of first appearance. */
export const staffingModes = (input: ChartInput): string[] => [...new Set(input.options.map(staffingOf))]
/** The runs the charts show: those under the first run's staffing assumption (a pack's other runs feed the staffing check). */
export const shownOptions = (input: ChartInput): ChartInput => ({ ...input, options: underFirstStaffing(input.options) })

/**
 * The staffing check of one option and metric (as `run <pack>` prints it): the option's difference from
 * its reference under each staffing assumption, and whether its sign holds under all of them.
 */
export const staffingCheck = (input: ChartInput, o: OptionRun, m: KeyMetric): { modes: string[]; diffs: Array<Summary | null>; verdict: string } | null => {
  const modes = staffingModes(input)
  if (modes.length < 2) return null
  const base = optionOf(o.label)
  const diffs = modes.map((mode) => {
    const run = input.options.find((x) => optionOf(x.label) === base && staffingOf(x) === mode)
    return run === undefined ? null : differenceOf(input, run, m).diff
  })
  if (diffs.some((d) => d === null)) return { modes, diffs, verdict: "–" }
  return { modes, diffs, verdict: signVerdict(diffs.map((d) => signOf(d!)), modes) }
}

export const optionsCompared = (full: ChartInput, lang: Lang): ChartSpec => {
  const w = words(lang)
  const input = shownOptions(full)
  const r0 = ref(input)
  const modes = staffingModes(full)
  const cats = input.options.map((o) => o.label)
  const metrics = KEY_METRICS.filter((m) => input.options.every((o) => summaryAt(o, m.path) !== undefined))
  const tally = input.options.map(() => ({ better: 0, worse: 0, noDiff: 0 }))
  const check = { holds: 0, flips: 0, some: 0 }
  const panels: Panel[] = metrics.map((m) => {
    const fmt = (v: number | null) => (m.percent === true ? pct(lang, v, 1) : num(lang, v, Math.abs(v ?? 0) >= 1000 ? 0 : 1))
    const dots = input.options.map((o, oi) => {
      const sm = summaryAt(o, m.path)
      const rf = referenceOf(full, o)
      let text = `${fmt(sm?.mean ?? null)} (${w.reference})`
      if (rf.label !== o.label) {
        const pv = differenceOf(full, o, m)
        if (pv.verdict !== "noPaired") tally[oi]![pv.verdict]++
        const d = pv.diff
        // a difference of shares is in percentage points
        const sign = (v: number | null) => (v !== null && v > 0 ? "+" : "") + (m.percent === true ? num(lang, v === null ? null : 100 * v, 1) : fmt(v))
        text = pv.verdict === "noPaired" ? `${fmt(sm?.mean ?? null)} · ${w.noPaired}` : `Δ ${sign(d?.mean ?? null)}${m.percent === true ? ` ${w.pp}` : ""} [${sign(d?.ciLow ?? null)}, ${sign(d?.ciHigh ?? null)}] ${w[pv.verdict]}`
        const sc = staffingCheck(full, o, m)
        if (sc !== null) {
          if (sc.verdict !== "no clear effect") text += ` · ${signWords(lang, sc.verdict)}`
          if (sc.verdict === "sign holds") check.holds++; else if (sc.verdict === "sign FLIPS") check.flips++; else if (sc.verdict !== "no clear effect" && sc.verdict !== "–") check.some++
        }
      }
      return { ...s(sm), x: oi, text }
    })
    return {
      title: m.label[lang], horizontal: true,
      x: { label: "", kind: "category", categories: cats },
      y: { label: m.percent === true ? w.share : m.label[lang].split(", ").pop() ?? "", kind: "linear", format: m.percent === true ? "pct" : "num" },
      marks: input.options.map((o, oi): Mark => ({ type: "dot", key: `opt${oi}`, label: o.label, colour: oi, slot: 0, slots: 1, shape: "circle", dots: [dots[oi]!] })),
      targets: m.target !== undefined ? [{ value: m.target, label: m.percent === true ? pct(lang, m.target) : w.target(m.target) }] : []
    }
  })
  const parts = input.options.map((o, i) => ({ o, t: tally[i]! })).filter(({ o }) => referenceOf(full, o).label !== o.label).map(({ o, t }) => w.c5Part(o.label, t.better, t.worse, t.noDiff))
  let reading = parts.length === 0 ? w.c5Reading(r0.label, "—") : w.c5Reading(r0.label, parts.join("; "))
  if (modes.length > 1) reading += w.c5StaffingReading(check.holds, check.flips, check.some, modes.join(" / "))
  const legend: LegendEntry[] = [...optionLegend(input, "dot"), ...(metrics.some((m) => m.target !== undefined) ? [{ key: "target", label: w.targetLine, colour: -1, kind: "target" as const }] : [])]
  return { id: "options", title: w.c5Title, reading, panels, legend, note: modes.length > 1 ? w.c5StaffingPack(modes[0]!, modes.slice(1).join(" / ")) : w.c5Staffing(modes[0] ?? "") }
}

// ---------------------------------------------------------------------------------------------
// 6. families

export const families = (input: ChartInput, lang: Lang): ChartSpec => {
  const w = words(lang), r0 = ref(input)
  const cats = input.options.map((o) => o.label)
  const items: Array<[string, (o: OptionRun) => Summary]> = [
    [w.separation, (o) => o.result.summary.family.separationMean],
    [w.afterStart, (o) => o.result.summary.family.studentsDecidedAfterStudyStart],
    [w.familyAfterStart, (o) => o.result.summary.family.studentsWithFamilyDecidedAfterStudyStart],
    [w.duplicated, (o) => o.result.summary.family.duplicatedSubsistenceChecks],
    [w.expired, (o) => o.result.summary.family.expiredSubsistenceEvidence]
  ]
  const panels: Panel[] = items.map(([title, get]) => ({
    title, x: { label: "", kind: "category", categories: cats, rotate: true },
    y: { label: title.includes(",") ? w.days : w.applications.replace(/^/, ""), kind: "linear", format: title.includes(",") ? "num" : "int" },
    marks: input.options.map((o, oi): Mark => ({ type: "bar", key: `opt${oi}`, label: o.label, colour: oi, slot: 0, slots: 1, bars: [{ x: oi, y: get(o).mean, lo: get(o).ciLow, hi: get(o).ciHigh }] })),
    targets: []
  }))
  const sep = input.options.map((o) => o.result.summary.family.separationMean.mean)
  const b = argmin(sep), wi = argmax(sep)
  return {
    id: "families", title: w.c6Title, panels, legend: optionLegend(input, "bar"),
    reading: w.c6Reading(input.options[b]?.label ?? r0.label, num(lang, sep[b] ?? null, 0), input.options[wi]?.label ?? r0.label, num(lang, sep[wi] ?? null, 0))
  }
}

// ---------------------------------------------------------------------------------------------
// 7. hours by task and utilisation by month

type StaffRow = RunResult["summary"]["missions"][number]["staff"][number]

export const hoursAndUtilisation = (full: ChartInput, lang: Lang): ChartSpec => {
  const w = words(lang), input = shownOptions(full), r0 = ref(input)
  const cats = input.options.map((o) => o.label)
  const stacked = (tasks: Array<[string, (o: OptionRun) => number | null]>, offset: number): Mark[] => {
    const base = input.options.map(() => 0)
    return tasks.map(([label, get], ti): Mark => ({
      type: "bar", key: `task-${label}`, label, colour: taskColour(ti + offset), slot: 0, slots: 1,
      bars: input.options.map((o, oi) => { const y = get(o) ?? 0, b = base[oi]!; base[oi] = b + y; return { x: oi, y: b + y, base: b } })
    }))
  }
  const sumMissions = (o: OptionRun, k: "hearing" | "supplementary" | "dna") => o.result.summary.missions.reduce((a, m) => a + (m.officerHoursByTask[k].mean ?? 0), 0)
  const mt: Array<[string, (o: OptionRun) => number | null]> = [[w.hearing, (o) => sumMissions(o, "hearing")], [w.supplementary, (o) => sumMissions(o, "supplementary")], [w.dna, (o) => sumMissions(o, "dna")]]
  const h = (o: OptionRun) => o.result.summary.migri.hoursByTask
  const gt: Array<[string, (o: OptionRun) => number | null]> = [
    [w.handling, (o) => (h(o).handling.mean ?? 0) - (h(o).subsistenceRechecks.mean ?? 0) - (h(o).supplementaryAnswers.mean ?? 0)],
    [w.rechecks, (o) => h(o).subsistenceRechecks.mean], [w.answers, (o) => h(o).supplementaryAnswers.mean], [w.remote, (o) => h(o).remoteHearings.mean]
  ]
  const hoursAxis: Axis = { label: w.hours, kind: "linear", format: "int" }
  const optAxis: Axis = { label: "", kind: "category", categories: cats, rotate: true }
  const panels: Panel[] = [
    { title: w.missionHours, x: optAxis, y: hoursAxis, marks: stacked(mt, 0), targets: [] },
    { title: w.migriHours, x: optAxis, y: hoursAxis, marks: stacked(gt, 3), targets: [] }
  ]
  // a mission in a panel title: its short id when there are several, nothing when there is one
  const tag = (m: { readonly id: string }) => (r0.result.summary.missions.length > 1 ? m.id : "")
  // mission staff hours by task (the staff groups' hours: at the counter, officer tasks, and present but not used)
  const staffTasks: Array<[string, (g: StaffRow) => number]> = [
    [w.reception, (g) => g.hoursReception.mean ?? 0], [w.identification, (g) => g.hoursIdentification.mean ?? 0], [w.officerTasks, (g) => g.hoursOfficerTasks.mean ?? 0],
    [w.idle, (g) => Math.max(0, (g.hoursPresent.mean ?? 0) - (g.hoursReception.mean ?? 0) - (g.hoursIdentification.mean ?? 0) - (g.hoursOfficerTasks.mean ?? 0))]
  ]
  const staffOf = (o: OptionRun, id: string) => o.result.summary.missions.find((x) => x.id === id)?.staff ?? []
  let hasStaff = false
  for (const m of r0.result.summary.missions) {
    if (!m.staff.some((g) => (g.hoursPresent.mean ?? 0) > 0)) continue
    hasStaff = true
    const tasks = staffTasks.map(([label, get]): [string, (o: OptionRun) => number] => [label, (o) => staffOf(o, m.id).reduce((a, g) => a + get(g), 0)])
    const marks = stacked(tasks, 7).map((mk, i) => (i === 3 ? { ...mk, colour: -2 } : mk))
    panels.push({ title: w.staffHours(tag(m)), x: optAxis, y: hoursAxis, marks, targets: [] })
  }
  const n = r0.result.summary.migri.pools[0]?.byMonth.utilisation.length ?? 12
  const ratio = (used: ReadonlyArray<Summary>, offered: ReadonlyArray<Summary>) => used.map((u, i) => { const o = offered[i]?.mean ?? null; return u.mean !== null && o !== null && o > 0 ? u.mean / o : null })
  const resources: Array<{ title: string; runs: ReadonlyArray<OptionRun>; get: (o: OptionRun) => Array<number | null> }> = []
  for (const m of r0.result.summary.missions) {
    resources.push({ title: w.slotsUse(tag(m)), runs: input.options, get: (o) => { const x = o.result.summary.missions.find((y) => y.id === m.id); return x === undefined ? [] : ratio(x.byMonth.idSlotsUsed, x.byMonth.idSlotsOffered) } })
    resources.push({ title: w.officerUse(tag(m)), runs: input.options, get: (o) => { const x = o.result.summary.missions.find((y) => y.id === m.id); return x === undefined ? [] : ratio(x.byMonth.officerHoursUsed, x.byMonth.officerHoursOffered) } })
  }
  // Migri's utilisation per pool by month, as the model reports it (hours used ÷ offered); a pack's other staffing assumptions too (shared: one pool)
  const poolUse = (id: string) => (o: OptionRun) => (o.result.summary.migri.pools.find((y) => y.id === id)?.byMonth.utilisation ?? []).map((v) => v.mean)
  for (const mode of staffingModes(full)) {
    const runs = full.options.filter((o) => staffingOf(o) === mode)
    for (const p of runs[0]?.result.summary.migri.pools ?? []) resources.push({ title: w.poolPeople(p.id, mode), runs, get: poolUse(p.id) })
  }
  const colourIn = (o: OptionRun) => { const k = input.options.findIndex((x) => optionOf(x.label) === optionOf(o.label)); return k < 0 ? 0 : k }
  let reading = "", spread = -1
  const m0 = startMonth(r0.result)
  for (const res of resources) {
    const u = res.get(res.runs[0] ?? r0)
    panels.push({
      title: res.title, x: monthAxis(lang, r0, n, w.month), y: { label: w.utilisation, kind: "linear", format: "pct", domain: [0, 1.05] },
      marks: res.runs.map((o): Mark => ({ type: "line", key: `opt${colourIn(o)}`, label: o.label, colour: colourIn(o), dash: colourIn(o), points: res.get(o).map((y, x) => ({ x, y })) })),
      targets: [{ value: 1, label: w.full }]
    })
    const lo = argmin(u), hi = argmax(u)
    if (lo >= 0 && hi >= 0 && u[hi]! - u[lo]! > spread) {
      spread = u[hi]! - u[lo]!
      reading = w.c7Reading(res.title, pct(lang, u[lo]!), monthIn(lang, m0 + lo), pct(lang, u[hi]!), monthIn(lang, m0 + hi))
    }
  }
  return {
    id: "hours", title: w.c7Title, reading: reading + ` (${r0.label})`, panels,
    legend: [...[...mt, ...gt].map(([label], i): LegendEntry => ({ key: `task-${label}`, label, colour: taskColour(i), kind: "bar" })),
      ...(hasStaff ? staffTasks.map(([label], i): LegendEntry => ({ key: `task-${label}`, label, colour: i === 3 ? -2 : taskColour(7 + i), kind: "bar" })) : []),
      ...optionLegend(input, "line")]
  }
}

// ---------------------------------------------------------------------------------------------
// 8. the capacity answer

export const capacityAnswer = (cap: CapacityResult | null | undefined, lang: Lang): ChartSpec => {
  const w = words(lang)
  if (cap === null || cap === undefined) {
    return { id: "capacity", title: w.c8Title, reading: w.c8None, panels: [{ title: "", x: { label: "", kind: "linear", domain: [0, 1] }, y: { label: "", kind: "linear", domain: [0, 1] }, marks: [], targets: [], empty: w.c8None }], legend: [] }
  }
  const pts = [...cap.points].sort((a, b) => a.lever - b.lever)
  const xs = pts.map((p) => p.lever)
  // whole-number levers (slots per day, people) without decimals
  const ld = xs.every((x) => Number.isInteger(x)) ? 0 : 2
  const panel: Panel = {
    title: cap.question ?? cap.target.label,
    x: { label: withUnit(cap.lever.label, cap.lever.unit), kind: "linear", domain: [Math.min(...xs), Math.max(...xs)] },
    y: { label: withUnit(cap.target.label, cap.target.unit), kind: "linear", format: cap.target.unit === "%" || cap.target.unit === "share" ? "pct" : "num" },
    marks: [{ type: "line", key: "capacity", label: cap.target.label, colour: 0, whiskers: true, points: pts.map((p) => ({ x: p.lever, y: p.mean, lo: p.ciLow, hi: p.ciHigh })) }],
    targets: [
      { value: cap.target.value, label: `${w.targetLine} ${num(lang, cap.target.value, 0)} ${cap.target.unit}` },
      ...(cap.answer.lever !== null ? [{ value: cap.answer.lever, label: `${w.c8Answer}: ${num(lang, cap.answer.lever, ld)}`, axis: "category" as const }] : [])
    ]
  }
  const reading = cap.answer.met && cap.answer.lever !== null
    ? w.c8Reading(cap.target.label, `${num(lang, cap.answer.lever, ld)} ${cap.lever.unit}`.trim())
    : w.c8Missed(cap.target.label)
  return { id: "capacity", title: w.c8Title, reading: reading + (cap.answer.note ? ` ${cap.answer.note}` : ""), panels: [panel], legend: [{ key: "capacity", label: `${cap.target.label} (95 % CI)`, colour: 0, kind: "line" }, { key: "target", label: w.c8Answer, colour: -1, kind: "target" }] }
}

/**
 * Every chart of the page and the report, in order. Chart 9 (seasonal workers, src/charts/seasonal.ts)
 * only when a shown option's scenario has them; it comes last so that charts 1–8 keep the numbers the
 * page's and the report's text give them.
 */
export const allCharts = (input: ChartInput, lang: Lang, basis: MonthBasis = "decision"): ChartSpec[] => {
  // a pack under several Migri staffing assumptions: the charts show the runs under the first; charts 5 and 7 read the others too
  const shown = shownOptions(input)
  const seasonal = seasonalWorkers(shown, lang)
  return [
    demandCapacity(shown, lang), queuesOverYear(shown, lang), scoreboardByMonth(shown, lang, basis), migriDistribution(shown, lang),
    optionsCompared(input, lang), families(shown, lang), hoursAndUtilisation(input, lang), capacityAnswer(input.capacity, lang),
    ...(seasonal === null ? [] : [seasonal])
  ]
}
