/**
 * Chart 9, seasonal workers (src/charts/seasonal.ts), on real results (the 2026 baseline and its
 * main-first variant, 3 replications; the 2025 baseline, which has no seasonal workers) and on results
 * edited to known values. No statistical assertions: every expected value is read from the input here.
 */
import { describe, expect, it } from "vitest"
import { loadScenario } from "../../src/cli/load.ts"
import { runScenario } from "../../src/experiment/run.ts"
import type { RunResult, Summary } from "../../src/scenario/result-schema.ts"
import type { ChartInput } from "../../src/charts/input.ts"
import { seasonalWorkers } from "../../src/charts/seasonal.ts"
import { allCharts } from "../../src/charts/transforms.ts"
import type { ChartSpec, DotMark, LineMark } from "../../src/charts/spec.ts"

const run = (file: string): RunResult => {
  const sc = loadScenario(file)
  if (!sc.ok) throw new Error(`${file} does not load`)
  return runScenario(sc.value, { replications: 3, perReplication: true, scenarioFile: file }).result
}
const fifo = run("scenarios/new-delhi-2026.json")
const mainFirst = run("scenarios/new-delhi-2026-main-first.json")
const old = run("scenarios/new-delhi-2025.json")
const input: ChartInput = { options: [{ label: "FIFO", result: fifo }, { label: "main-first", result: mainFirst }] }
const clone = (r: RunResult): RunResult => JSON.parse(JSON.stringify(r)) as RunResult
type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> }
const summary = (mean: number | null, ciLow: number | null, ciHigh: number | null): Summary => ({ mean, sd: 1, ciLow, ciHigh, n: 3 }) as Summary
/** A copy of r with the seasonal workers' Migri time, appointment wait and (optionally) target set. */
const withSeasonal = (r: RunResult, migri: Summary, wait: Summary, targetDays?: number): RunResult => {
  const c = clone(r) as Mutable<RunResult>
  c.summary.season.seasonal.migriMean = migri as Mutable<Summary>
  c.summary.season.seasonal.apptWaitMean = wait as Mutable<Summary>
  if (targetDays !== undefined) c.provenance.scenario.seasonal!.targetDays = targetDays
  return c as RunResult
}
const dots = (c: ChartSpec, panel: number): Array<DotMark["dots"][number]> => (c.panels[panel]!.marks as DotMark[]).map((m) => m.dots[0]!)
/** Every text of the chart: title, reading, note, legend, panel titles, axis labels, categories, targets, marks and dot texts. */
const texts = (c: ChartSpec): string[] => [
  c.title, c.reading, c.note ?? "", ...c.legend.map((e) => e.label),
  ...c.panels.flatMap((p) => [p.title, p.x.label, p.y.label, ...(p.x.categories ?? []), ...p.targets.map((t) => t.label),
    ...p.marks.flatMap((m) => [m.label, ...(m.type === "dot" ? m.dots.map((d) => d.text ?? "") : [])])])
]

describe("chart 9: seasonal workers", () => {
  it("the 2026 scenarios have seasonal workers with decisions (else this file tests nothing)", () => {
    expect(fifo.provenance.scenario.seasonal).toBeDefined()
    expect(fifo.summary.season.seasonal.decided.mean).toBeGreaterThan(0)
    expect(old.provenance.scenario.seasonal).toBeUndefined()
  })

  it("dots: per option the summaries' mean and 95 % CI of Migri time and appointment wait, the option on the category axis", () => {
    for (const lang of ["en", "fi"] as const) {
      const c = seasonalWorkers(input, lang)!
      expect(c.id).toBe("seasonal")
      expect(c.panels).toHaveLength(3)
      for (const p of c.panels.slice(0, 2)) {
        expect(p.horizontal).toBe(true)
        expect(p.x).toMatchObject({ kind: "category", categories: ["FIFO", "main-first"] })
        expect(p.y.label.length).toBeGreaterThan(0)
        expect((p.marks as DotMark[]).map((m) => [m.key, m.colour])).toEqual([["opt0", 0], ["opt1", 1]])
      }
      const runs = [fifo, mainFirst]
      const expected = (pick: (r: RunResult) => Summary) => runs.map((r, i) => ({ x: i, y: pick(r).mean, lo: Math.max(0, pick(r).ciLow!), hi: Math.max(0, pick(r).ciHigh!) }))
      expect(dots(c, 0).map(({ x, y, lo, hi }) => ({ x, y, lo, hi }))).toEqual(expected((r) => r.summary.season.seasonal.migriMean))
      expect(dots(c, 1).map(({ x, y, lo, hi }) => ({ x, y, lo, hi }))).toEqual(expected((r) => r.summary.season.seasonal.apptWaitMean))
      expect(c.legend.map((e) => e.key)).toEqual(["opt0", "opt1", "target"])
      // the third panel: Migri time by month of application, a line per option from the by-month summaries,
      // no point in a month without seasonal applicants, the target across it
      const byMonth = c.panels[2]!
      expect(byMonth.horizontal).toBeUndefined()
      expect(byMonth.x.categories).toHaveLength(12)
      expect(byMonth.targets.map((t) => t.value)).toEqual([fifo.provenance.scenario.seasonal!.targetDays])
      runs.forEach((r, i) => {
        const bm = r.summary.season.seasonal.byMonth
        const want = bm.migriMean.map((v, mo) => ((bm.arrived[mo]!.mean ?? 0) > 0 ? { x: mo, y: v.mean, lo: v.ciLow === null ? null : Math.max(0, v.ciLow), hi: v.ciHigh === null ? null : Math.max(0, v.ciHigh) } : { x: mo, y: null }))
        expect((byMonth.marks[i] as LineMark).points).toEqual(want)
      })
      // the reading names the lowest and highest month of the option it speaks of
      if (lang === "en") expect(c.reading).toMatch(/By month of application, under (FIFO|main-first): from \d+\.\d d \(applied in \w+\) to \d+\.\d d \(in \w+\)\./)
      // the berry season: some months without seasonal applicants, some with (else the panel tests nothing)
      expect(fifo.summary.season.seasonal.byMonth.arrived.some((a) => (a.mean ?? 0) === 0)).toBe(true)
      expect(fifo.summary.season.seasonal.byMonth.arrived.filter((a) => (a.mean ?? 0) > 0).length).toBeGreaterThan(1)
    }
  })

  it("hand-built values: dots and their texts are the summaries; a CI below 0 days is cut at 0, as the scoreboard table prints it", () => {
    const a = withSeasonal(fifo, summary(41.5, 38.25, 44.75), summary(3.5, -1.25, 8.25))
    const b = withSeasonal(fifo, summary(22, 20.5, 23.5), summary(12, 10, 14))
    const c = seasonalWorkers({ options: [{ label: "A", result: a }, { label: "B", result: b }] }, "en")!
    expect(dots(c, 0)).toEqual([{ x: 0, y: 41.5, lo: 38.25, hi: 44.75, text: "41.5 [38.3–44.8]" }, { x: 1, y: 22, lo: 20.5, hi: 23.5, text: "22.0 [20.5–23.5]" }])
    expect(dots(c, 1)).toEqual([{ x: 0, y: 3.5, lo: 0, hi: 8.25, text: "3.5 [0.0–8.3]" }, { x: 1, y: 12, lo: 10, hi: 14, text: "12.0 [10.0–14.0]" }])
    expect(seasonalWorkers({ options: [{ label: "A", result: a }] }, "fi")!.panels[0]!.marks.flatMap((m) => (m as DotMark).dots.map((d) => d.text))).toEqual(["41,5 [38,3–44,8]"])
  })

  it("the target line is the scenario's targetDays, on the Migri panel only", () => {
    const c = seasonalWorkers(input, "en")!
    const t = fifo.provenance.scenario.seasonal!.targetDays
    expect(c.panels[0]!.targets).toEqual([{ value: t, label: `target ${t} d (estimate)` }])
    expect(c.panels[1]!.targets).toEqual([])
    const odd = seasonalWorkers({ options: [{ label: "A", result: withSeasonal(fifo, summary(20, 18, 22), summary(1, 0.5, 1.5), 21) }] }, "fi")!
    expect(odd.panels[0]!.targets.map((x) => [x.value, x.label])).toEqual([[21, "tavoite 21 pv (arvio)"]])
    // scenarios with different targets: each option's own, on its row
    const two = seasonalWorkers({ options: [{ label: "A", result: fifo }, { label: "B", result: withSeasonal(fifo, summary(20, 18, 22), summary(1, 0.5, 1.5), 45) }] }, "en")!
    expect(two.panels[0]!.targets.map((x) => [x.value, x.category])).toEqual([[t, 0], [45, 1]])
  })

  it("null when no shown option has seasonal workers; options without them are left out; a pack's other staffing runs are not shown", () => {
    expect(seasonalWorkers({ options: [{ label: "2025", result: old }] }, "en")).toBeNull()
    expect(allCharts({ options: [{ label: "2025", result: old }] }, "en").map((c) => c.id)).not.toContain("seasonal")
    const mixed = seasonalWorkers({ options: [{ label: "2025", result: old }, { label: "FIFO", result: fifo }] }, "en")!
    expect(mixed.panels[0]!.x.categories).toEqual(["FIFO"])
    // it keeps the colour it has in the other charts (its place among the shown options)
    expect((mixed.panels[0]!.marks as DotMark[]).map((m) => m.colour)).toEqual([1])
    const shared = clone(mainFirst) as Mutable<RunResult>
    shared.provenance.scenario.migri.staffing = fifo.provenance.scenario.migri.staffing === "shared" ? "fixed" : "shared"
    const pack = seasonalWorkers({ options: [{ label: "FIFO", result: fifo }, { label: "main-first · other staffing", result: shared as RunResult }] }, "en")!
    expect(pack.panels[0]!.x.categories).toEqual(["FIFO"])
    // under the first staffing assumption none has seasonal workers: null, even when a later run has them
    expect(seasonalWorkers({ options: [{ label: "2025", result: old }, { label: "FIFO · other", result: shared as RunResult }] }, "en")).toBeNull()
  })

  it("allCharts appends it after the eight charts, so that charts 1–8 keep their numbers", () => {
    for (const lang of ["en", "fi"] as const) {
      const charts = allCharts(input, lang)
      expect(charts.map((c) => c.id)).toEqual(["demand", "queues", "scoreboard", "distribution", "options", "families", "hours", "capacity", "seasonal"])
      expect(charts[8]!.title.startsWith("9 · ")).toBe(true)
      expect(charts[8]).toEqual(seasonalWorkers(input, lang))
    }
  })

  it("the reading names the option with the lowest mean Migri time and where its interval lies against the target", () => {
    const mk = (m: Summary, w: Summary) => withSeasonal(fifo, m, w, 30)
    const opts = (ms: Array<[string, Summary, Summary]>): ChartInput => ({ options: ms.map(([label, m, w]) => ({ label, result: mk(m, w) })) })
    const below = opts([["slow", summary(40, 35, 45), summary(9, 8, 10)], ["quick", summary(25.5, 24, 27), summary(2, 1, 3)], ["mid", summary(31, 29, 33), summary(5, 4, 6)]])
    expect(seasonalWorkers(below, "en")!.reading).toContain("Seasonal workers' mean Migri time is shortest under quick: 25.5 d (95 % CI 24.0–27.0); its whole interval is below the scenario's 30-day target; their mean appointment wait at bangkok ranges from 2.0 d (quick) to 9.0 d (slow).")
    expect(seasonalWorkers(below, "fi")!.reading).toContain("Kausityöntekijöiden Migrin käsittelyaika on lyhin vaihtoehdolla quick: 25,5 pv (95 %:n lv 24,0–27,0); koko luottamusväli on alle skenaarion 30 päivän tavoitteen; odotus tunnistamiseen (bangkok) on keskimäärin 2,0 pv (quick) – 9,0 pv (slow).")
    const across = opts([["A", summary(29, 27, 31), summary(2, 1, 3)], ["B", summary(33, 31, 35), summary(2, 1, 3)]])
    expect(seasonalWorkers(across, "en")!.reading).toContain("shortest under A: 29.0 d (95 % CI 27.0–31.0); its interval contains the scenario's 30-day target; their mean appointment wait at bangkok is 2.0 d.")
    const above = opts([["B", summary(33, 31, 35), summary(2, 1, 3)]])
    expect(seasonalWorkers(above, "en")!.reading).toContain("under B is 33.0 d (95 % CI 31.0–35.0); its whole interval is above")
    // options whose means read the same: the first named, the others counted
    const tie = opts([["A", summary(31, 29, 33), summary(2, 1, 3)], ["B", summary(25.02, 24, 26), summary(2, 1, 3)], ["C", summary(24.98, 24, 26), summary(2, 1, 3)], ["D", summary(25, 24, 26), summary(2, 1, 3)]])
    expect(seasonalWorkers(tie, "en")!.reading).toContain("is shortest under C (as short under 2 other options): 25.0 d")
    expect(seasonalWorkers(tie, "fi")!.reading).toContain("on lyhin vaihtoehdolla C (yhtä lyhyt 2 muulla vaihtoehdolla): 25,0 pv")
    // the real runs: the option with the lower mean
    const real = [fifo, mainFirst].map((r) => r.summary.season.seasonal.migriMean.mean!)
    expect(seasonalWorkers(input, "en")!.reading).toContain(`shortest under ${real[0]! <= real[1]! ? "FIFO" : "main-first"}`)
    // no decisions: said so
    expect(seasonalWorkers(opts([["A", summary(null, null, null), summary(null, null, null)]]), "en")!.reading).toMatch(/^No seasonal worker/)
  })

  it("the note gives the table row's caveat in both languages; no verdict word anywhere in the chart", () => {
    const en = seasonalWorkers(input, "en")!, fi = seasonalWorkers(input, "fi")!
    expect(en.note).toContain("estimates (docs/scenarios.md)")
    expect(en.note).toContain("seasonal pool")
    expect(en.note).toContain("the reported year's applications (a cohort), not the decisions made in it")
    expect(fi.note).toContain("arvioita (docs/scenarios.md)")
    expect(fi.note).toContain("kausityöpoolin")
    expect(fi.note).toContain("raportoidun vuoden hakemukset (kohortti), eivät vuoden aikana tehtyjä päätöksiä")
    const cases = [input, { options: [{ label: "A", result: withSeasonal(fifo, summary(20, 18, 22), summary(1, 0.5, 1.5)) }] }, { options: [{ label: "A", result: withSeasonal(fifo, summary(50, 48, 52), summary(1, 0.5, 1.5)) }] }]
    for (const x of cases) for (const lang of ["en", "fi"] as const) {
      for (const t of texts(seasonalWorkers(x, lang)!)) expect(t).not.toMatch(/\bmet\b|missed|täyttyy|ei täyty|täyty/i)
    }
  })
})
