/**
 * The chart transforms on real results (the New Delhi baseline, 3 replications, two policies on common
 * random numbers) and on results edited to known values. No browser; no statistical assertions (so
 * no false-alarm rate): every expected value is computed from the input here.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { decodeScenario } from "../../src/scenario/decode.ts"
import { runScenario } from "../../src/experiment/run.ts"
import type { RunResult } from "../../src/scenario/result-schema.ts"
import { num, pct } from "../../src/charts/i18n.ts"
import { quantile, pathValue, type ChartInput, type CapacityResult } from "../../src/charts/input.ts"
import { allCharts, capacityAnswer, demandCapacity, families, migriDistribution, optionsCompared, pairedVerdict, queuesOverYear, scoreboardByMonth, KEY_METRICS } from "../../src/charts/transforms.ts"
import type { BandMark, BarMark, LineMark } from "../../src/charts/spec.ts"

const decoded = decodeScenario(JSON.parse(readFileSync("scenarios/new-delhi-2025.json", "utf8")))
if (!decoded.ok) throw new Error("baseline does not decode")
const sc = decoded.value
const a = runScenario(sc, { replications: 3, perReplication: true }).result
const b = runScenario(sc, { replications: 3, perReplication: true, policy: "fifo" }).result
const input: ChartInput = { options: [{ label: "main-first", result: a }, { label: "FIFO", result: b }] }
const clone = (r: RunResult): RunResult => JSON.parse(JSON.stringify(r)) as RunResult

describe("helpers", () => {
  it("quantile interpolates between order statistics and ignores nulls", () => {
    expect(quantile([3, 1, null, 2, 4], 0.5)).toBe(2.5)
    expect(quantile([10, 20], 0.1)).toBeCloseTo(11)
    expect(quantile([null], 0.5)).toBeNull()
  })
  it("pathValue finds named array items", () => {
    expect(pathValue(a.summary, "groups.student.migriMean")).toBe(a.summary.groups.find((g) => g.group === "student")!.migriMean)
    expect(pathValue(a.summary, "missions.new-delhi.idUtilisation")).toBe(a.summary.missions[0]!.idUtilisation)
    expect(pathValue(a.summary, "groups.nobody.migriMean")).toBeUndefined()
  })
  it("numbers follow the language", () => {
    expect(num("fi", 1234.5, 1)).toBe("1 234,5")
    expect(num("en", 1234.5, 1)).toBe("1,234.5")
    expect(pct("fi", 0.25)).toBe("25 %")
    expect(num("en", null)).toBe("–")
  })
})

describe("the charts", () => {
  it("every chart has a title, a reading, panels with labelled value axes, and a legend", () => {
    for (const lang of ["en", "fi"] as const) {
      const charts = allCharts(input, lang)
      expect(charts.map((c) => c.id)).toEqual(["demand", "queues", "scoreboard", "distribution", "options", "families", "hours", "capacity"])
      for (const c of charts.slice(0, 7)) {
        expect(c.reading.length).toBeGreaterThan(20)
        expect(c.legend.length).toBeGreaterThan(0)
        for (const p of c.panels) { expect(p.y.label.length).toBeGreaterThan(0); expect(p.marks.length).toBeGreaterThan(0) }
      }
    }
  })

  it("1: applications per month are the groups' arrivals summed; capacity is the slots offered per option", () => {
    const c = demandCapacity(input, "en")
    const bars = c.panels[0]!.marks.find((m) => m.key === "apps") as BarMark
    const expected = a.summary.groups[0]!.byMonth.arrived.map((_, i) => a.summary.groups.reduce((s, g) => s + (g.byMonth.arrived[i]!.mean ?? 0), 0))
    expect(bars.bars.map((x) => x.y)).toEqual(expected)
    const cap = c.panels[0]!.marks.find((m) => m.key === "opt1") as LineMark
    expect(cap.points.map((p) => p.y)).toEqual(b.summary.missions[0]!.byMonth.idSlotsOffered.map((s) => s.mean))
    const peak = expected.indexOf(Math.max(...expected))
    expect(c.reading).toContain(new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2025, peak, 15))))
  })

  it("2: the band holds the 10–90 % of replications around the median; without replications it falls back to the CI", () => {
    const c = queuesOverYear(input, "en")
    const backlog = c.panels[c.panels.length - 1]!
    const band = backlog.marks.find((m) => m.type === "band" && m.key === "opt0") as BandMark
    const med = backlog.marks.find((m) => m.type === "line" && m.key === "opt0") as LineMark
    const week10 = a.replications!.map((r) => r.migri.pendingWeekly[10] ?? null)
    expect(band.points[10]!.lo).toBeCloseTo(quantile(week10, 0.1)!)
    expect(band.points[10]!.hi).toBeCloseTo(quantile(week10, 0.9)!)
    expect(med.points[10]!.y).toBeCloseTo(quantile(week10, 0.5)!)
    expect(band.points[10]!.x).toBe(70)
    const { replications: _drop, ...noReps } = a
    const c2 = queuesOverYear({ options: [{ label: "x", result: noReps as RunResult }] }, "en")
    const b2 = c2.panels[c2.panels.length - 1]!.marks.find((m) => m.type === "band") as BandMark
    expect(b2.points[10]!.lo).toBe(a.summary.migri.pendingWeekly[10]!.ciLow)
    expect(c2.legend.find((l) => l.key === "band")!.label).toContain("CI")
  })

  it("3: by month of decision when the result has it, else by month of application", () => {
    const byApp = scoreboardByMonth(input, "en")
    expect(byApp.title).toContain("month of application")
    const student = a.summary.groups.find((g) => g.group === "student")!
    expect((byApp.panels[0]!.marks[0] as LineMark).points.map((p) => p.y)).toEqual(student.byMonth.migriMean.map((s) => s.mean))
    expect(byApp.panels[0]!.targets[0]!.value).toBe(30)
    const withDec = clone(a)
    const g = withDec.summary.groups.find((x) => x.group === "student")! as unknown as Record<string, unknown>
    const fake = student.byMonth.migriMean.map((s, i) => ({ ...s, mean: 100 + i }))
    g.byDecisionMonth = { migriMean: fake, withinTargetShare: student.byMonth.withinTargetShare }
    const byDec = scoreboardByMonth({ options: [{ label: "x", result: withDec }] }, "en")
    expect(byDec.title).toContain("month of decision")
    expect((byDec.panels[0]!.marks[0] as LineMark).points.map((p) => p.y)).toEqual(fake.map((s) => s.mean))
    expect(byDec.reading).toMatch(/reaches 111\.0 d against the 30-day target/)
    expect(scoreboardByMonth({ options: [{ label: "x", result: withDec }] }, "en", "application").title).toContain("month of application")
  })

  it("4: one category per group with decisions, targets at each group's target days", () => {
    const c = migriDistribution(input, "en")
    const p = c.panels[0]!
    const groups = a.summary.groups.filter((g) => (g.decided.mean ?? 0) > 0)
    expect(p.x.categories!.length).toBe(groups.length)
    expect(p.targets.map((t) => t.value)).toEqual(groups.map((g) => g.targetDays))
  })

  it("5: paired verdicts follow the metric's direction and the CI of the difference", () => {
    const m = KEY_METRICS[0]! // students' mean Migri time: lower is better
    const lower = clone(a), same = clone(a)
    lower.replications!.forEach((r, i) => { const g = r.groups.find((x) => x.group === "student")! as { migriMean: number | null }; g.migriMean = (g.migriMean ?? 0) - 2 - 0.1 * i })
    const ra = { label: "ref", result: a }
    expect(pairedVerdict(ra, { label: "lower", result: lower }, m).verdict).toBe("better")
    expect(pairedVerdict({ label: "lower", result: lower }, ra, m).verdict).toBe("worse")
    expect(pairedVerdict(ra, { label: "same", result: same }, m).verdict).toBe("noDiff")
    const share = KEY_METRICS.find((k) => !k.lowerIsBetter)!
    const higher = clone(a)
    higher.replications!.forEach((r, i) => { const g = pathValue(r, share.path.split(".").slice(0, 2).join(".")) as Record<string, number | null>; g[share.path.split(".")[2]!] = (g[share.path.split(".")[2]!] ?? 0) + 0.05 + 0.01 * i })
    expect(pairedVerdict(ra, { label: "higher", result: higher }, share).verdict).toBe("better")
    const { replications: _d, ...noReps } = a
    expect(pairedVerdict(ra, { label: "n", result: noReps as RunResult }, m).verdict).toBe("noPaired")
    const c = optionsCompared({ options: [ra, { label: "lower", result: lower }] }, "en")
    expect(c.reading).toMatch(/lower better on [1-9]/)
  })

  it("6: families show each option's mean with its CI", () => {
    const c = families(input, "en")
    const bar = c.panels[0]!.marks[1] as BarMark
    expect(bar.bars[0]!.y).toBe(b.summary.family.separationMean.mean)
    expect(bar.bars[0]!.hi).toBe(b.summary.family.separationMean.ciHigh)
  })

  it("8: the capacity answer marks where the target is met, or says it is not met", () => {
    const cap: CapacityResult = {
      kind: "embassy-sim/capacity", lever: { path: "migri.pools[0].personYears", label: "study pool", unit: "person-years" },
      target: { metric: "groups.student.migriMean", label: "students' mean Migri time", value: 30, direction: "atMost", unit: "d" },
      points: [{ lever: 5, mean: 25, ciLow: 24, ciHigh: 26, n: 10 }, { lever: 3, mean: 40, ciLow: 38, ciHigh: 42, n: 10 }, { lever: 4, mean: 31, ciLow: 29, ciHigh: 33, n: 10 }],
      answer: { lever: 5, met: true }
    }
    const c = capacityAnswer(cap, "en")
    const line = c.panels[0]!.marks[0] as LineMark
    expect(line.points.map((p) => p.x)).toEqual([3, 4, 5])
    expect(c.panels[0]!.targets.map((t) => [t.value, t.axis ?? "value"])).toEqual([[30, "value"], [5, "category"]])
    expect(c.reading).toContain("met from 5.00 person-years")
    expect(capacityAnswer({ ...cap, answer: { lever: null, met: false } }, "fi").reading).toContain("ei täyty")
    expect(capacityAnswer(null, "en").panels[0]!.marks).toEqual([])
  })
})
