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
import { allCharts, capacityAnswer, demandCapacity, differenceOf, families, hoursAndUtilisation, migriDistribution, optionsCompared, pairedVerdict, queuesOverYear, referenceOf, scoreboardByMonth, staffingCheck, staffingModes, KEY_METRICS } from "../../src/charts/transforms.ts"
import { missionScoreboard, scoreboardPivot, scoreboardTable } from "../../src/charts/table.ts"
import { notComparable } from "../../src/present/season.ts"
import { signVerdict, targetWords } from "../../src/present/verdicts.ts"
import type { BandMark, BarMark, DotMark, LineMark } from "../../src/charts/spec.ts"

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

  it("3: Migri's scoreboard rows by month of decision (Migri's basis), or of application; a line per option with CIs; the rows' targets", () => {
    const dec = scoreboardByMonth(input, "en")
    expect(dec.title).toContain("month of decision")
    const rows = a.summary.scoreboard.filter((r) => r.targetDays !== null && (r.decided.mean ?? 0) > 0)
    // two panels per target row (mean, share within the target), in the scoreboard's order
    expect(dec.panels.length).toBe(2 * rows.length)
    expect(dec.panels.filter((_, i) => i % 2 === 0).map((p) => p.targets[0]!.value)).toEqual(rows.map((r) => r.targetDays))
    expect(rows.map((r) => r.targetDays)).toEqual([30, 30, 14, 7, 60])
    const study = a.summary.scoreboard.find((r) => r.id === "study")!, studyB = b.summary.scoreboard.find((r) => r.id === "study")!
    const m0 = dec.panels[0]!.marks[0] as LineMark, m1 = dec.panels[0]!.marks[1] as LineMark
    expect(m0.points.map((p) => [p.y, p.lo, p.hi])).toEqual(study.byDecisionMonth.mean.map((s) => [s.mean, s.ciLow === null ? null : Math.max(0, s.ciLow), s.ciHigh]))
    // share whiskers stay within 0–100 %
    for (const mk of dec.panels[1]!.marks as LineMark[]) for (const p of mk.points) { expect(p.lo ?? 0).toBeGreaterThanOrEqual(0); expect(p.hi ?? 1).toBeLessThanOrEqual(1) }
    expect(m1.points.map((p) => p.y)).toEqual(studyB.byDecisionMonth.mean.map((s) => s.mean))
    expect((dec.panels[1]!.marks[0] as LineMark).points.map((p) => p.y)).toEqual(study.byDecisionMonth.withinTargetShare.map((s) => s.mean))
    const app = scoreboardByMonth(input, "en", "application")
    expect(app.title).toContain("month of application")
    expect((app.panels[0]!.marks[0] as LineMark).points.map((p) => p.y)).toEqual(study.byApplicationMonth.mean.map((s) => s.mean))
    // the two bases differ on real results (decisions lag applications)
    expect(study.byApplicationMonth.mean.map((s) => s.mean)).not.toEqual(study.byDecisionMonth.mean.map((s) => s.mean))
    // rows the model cannot hold against the published figure say so, and are left out of the reading
    expect(dec.panels[2]!.title).toMatch(/^workers \(TTOL\) \*/)
    expect(dec.note).toContain("cannot be held against the published one")
    const edited = clone(a)
    const row = edited.summary.scoreboard.find((r) => r.id === "study")!
    ;(row.byDecisionMonth.mean as unknown as Array<{ mean: number | null }>)[3]!.mean = 111
    expect(scoreboardByMonth({ options: [{ label: "x", result: edited }] }, "en").reading).toMatch(/students: in Apr the mean Migri time reaches 111\.0 d against the 30-day target \(x\)/)
    const work = edited.summary.scoreboard.find((r) => r.id === "work")!
    ;(row.byDecisionMonth.mean as unknown as Array<{ mean: number | null }>)[3]!.mean = 1
    ;(work.byDecisionMonth.mean as unknown as Array<{ mean: number | null }>)[3]!.mean = 500
    expect(scoreboardByMonth({ options: [{ label: "x", result: edited }] }, "en").reading).not.toContain("500")
  })

  it("4: one category per group with decisions, targets at each group's target days", () => {
    const c = migriDistribution(input, "en")
    const p = c.panels[0]!
    const groups = a.summary.groups.filter((g) => (g.decided.mean ?? 0) > 0)
    expect(p.x.categories!.length).toBe(groups.length)
    // targets only where the agreement sets one; family members of work and study permits say "no target"
    expect(p.targets.map((t) => [t.category, t.value])).toEqual(groups.flatMap((g, i) => (g.hasTarget ? [[i, g.targetDays]] : [])))
    expect(groups.some((g) => !g.hasTarget)).toBe(true)
    expect(p.x.categories!.filter((c) => c.endsWith("(no target)")).length).toBe(groups.filter((g) => !g.hasTarget).length)
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
    // the scoreboard's targets on the metrics that have one
    expect(c.panels.find((p) => p.title.startsWith("students: mean Migri time"))!.targets.map((t) => t.value)).toEqual([30])
  })

  it("5: a pack's runs are paired with their reference; under two staffing assumptions the check says whether the sign holds", () => {
    const m = KEY_METRICS[0]!
    const d = (mean: number, lo: number, hi: number) => ({ mean, sd: 1, ciLow: lo, ciHigh: hi, n: 3 })
    const shared = (r: RunResult): RunResult => { const x = clone(r); (x.provenance.scenario.migri as { staffing: string }).staffing = "shared"; return x }
    const pack: ChartInput = { options: [
      { label: "base", result: a, reference: "base" },
      { label: "FIFO", result: b, reference: "base", differences: { [m.path]: d(-4, -5, -3) } },
      { label: "base · shared", result: shared(a), reference: "base · shared" },
      { label: "FIFO · shared", result: shared(b), reference: "base · shared", differences: { [m.path]: d(2, 1, 3) } }
    ] }
    expect(staffingModes(pack)).toEqual(["fixed", "shared"])
    expect(referenceOf(pack, pack.options[3]!).label).toBe("base · shared")
    // the difference the pack carries, not one recomputed from replications
    expect(differenceOf(pack, pack.options[1]!, m)).toEqual({ diff: d(-4, -5, -3), verdict: "better" })
    expect(staffingCheck(pack, pack.options[1]!, m)!.verdict).toBe("sign FLIPS")
    const c = optionsCompared(pack, "en")
    // the chart shows the runs under the first staffing assumption, and the check beside each difference
    expect(c.panels[0]!.x.categories).toEqual(["base", "FIFO"])
    const texts = c.panels[0]!.marks.map((mk) => (mk.type === "dot" ? mk.dots[0]!.text : ""))
    expect(texts[0]).toContain("reference")
    expect(texts[1]).toMatch(/^Δ -4\.0 \[-5\.0, -3\.0\] better · sign FLIPS$/)
    expect(c.reading).toContain("FLIPS on 1")
    expect(c.note).toContain("fixed (shown)")
    expect((optionsCompared(pack, "fi").panels[0]!.marks[1] as DotMark).dots[0]!.text).toMatch(/etumerkki KÄÄNTYY$/)
    // the same verdict as the CLI's staffing check for a sign that holds
    const holds: ChartInput = { options: pack.options.map((o, i) => (i === 3 ? { ...o, differences: { [m.path]: d(-1, -2, -0.5) } } : o)) }
    expect(staffingCheck(holds, holds.options[1]!, m)!.verdict).toBe(signVerdict([-1, -1], ["fixed", "shared"]))
  })

  it("7: Migri utilisation per pool by month as the model reports it; a pack's shared pool too; mission staff hours by task", () => {
    const c = hoursAndUtilisation(input, "en")
    const pools = a.summary.migri.pools
    for (const p of pools) {
      const panel = c.panels.find((x) => x.title === `Migri pool ${p.id} (fixed staffing)`)!
      expect((panel.marks[0] as LineMark).points.map((q) => q.y)).toEqual(p.byMonth.utilisation.map((s) => s.mean))
    }
    // idle time in the peak shows: some pool's utilisation varies over the year
    expect(pools.some((p) => Math.max(...p.byMonth.utilisation.map((s) => s.mean ?? 0)) - Math.min(...p.byMonth.utilisation.map((s) => s.mean ?? 1)) > 0.1)).toBe(true)
    const staff = c.panels.find((x) => x.title.startsWith("mission staff hours by task"))!
    const present = a.summary.missions[0]!.staff.reduce((s, g) => s + (g.hoursPresent.mean ?? 0), 0)
    // the stacked tasks (reception, identification, officer tasks, present but not used) add up to the hours present
    const top = Math.max(...staff.marks.map((mk) => (mk.type === "bar" ? mk.bars[0]!.y ?? 0 : 0)))
    expect(top).toBeCloseTo(present, 6)
    const sh = clone(a)
    ;(sh.provenance.scenario.migri as { staffing: string }).staffing = "shared"
    const withShared = hoursAndUtilisation({ options: [...input.options, { label: "main-first · shared", result: sh }] }, "en")
    expect(withShared.panels.filter((p) => p.title.includes("(shared staffing)")).length).toBe(sh.summary.migri.pools.length)
  })

  it("the scoreboard table: Migri's rows with the CLI's verdict words", () => {
    const rows = scoreboardTable(input, "en").filter((r) => r.option === "main-first")
    expect(rows.map((r) => r.id)).toEqual(a.summary.scoreboard.filter((r) => (r.decided.mean ?? 0) > 0).map((r) => r.id))
    for (const r of rows) {
      const src = a.summary.scoreboard.find((x) => x.id === r.id)!
      const cli = notComparable(a.provenance.scenario)[r.id] !== undefined ? "not comparable" : targetWords(src.mean, src.targetDays)
      expect(r.verdict).toBe(cli)
    }
    expect(rows.find((r) => r.id === "study-family")!.verdict).toBe("no target")
    expect(rows.find((r) => r.id === "negative")!.within).toMatch(/^over 60 d: /)
    const edited = clone(a)
    const st = edited.summary.scoreboard.find((r) => r.id === "study")! as { mean: { mean: number; ciLow: number; ciHigh: number } }
    st.mean = { ...st.mean, mean: 40, ciLow: 35, ciHigh: 45 }
    expect(scoreboardTable({ options: [{ label: "x", result: edited }] }, "en").find((r) => r.id === "study")!.verdict).toBe("MISSED")
    // an interval of a few replications is printed cut at what is possible
    const sh = edited.summary.scoreboard.find((r) => r.id === "study")! as { withinTargetShare: { mean: number; ciLow: number; ciHigh: number } }
    sh.withinTargetShare = { ...sh.withinTargetShare, mean: 0.75, ciLow: -0.36, ciHigh: 1.85 }
    expect(scoreboardTable({ options: [{ label: "x", result: edited }] }, "en").find((r) => r.id === "study")!.within).toBe("75 % [0 %, 100 %]")
    st.mean = { ...st.mean, mean: 30, ciLow: 25, ciHigh: 35 }
    expect(scoreboardTable({ options: [{ label: "x", result: edited }] }, "fi").find((r) => r.id === "study")!.verdict).toBe("avoin")
    // one mission: no per-mission table; several: each mission's own scoreboard rows with the same verdict words
    expect(missionScoreboard(input, "en")).toBeNull()
    const two = clone(a)
    const m0 = two.summary.missions[0]!
    ;(two.summary as unknown as { missions: unknown[] }).missions = [m0, { ...m0, id: "other", name: "Other mission", scoreboard: m0.scoreboard.map((r) => (r.id === "study" ? { ...r, mean: { ...r.mean, mean: 50, ciLow: 45, ciHigh: 55 } } : r)) }]
    const pm = missionScoreboard({ options: [{ label: "x", result: two }] }, "en")!
    expect(pm.header.slice(2)).toEqual(["students 30 d", "workers (TTOL) 30 d", "fast track 14 d", "specialists, Blue Card 7 d", "negatives 60 d"])
    expect(pm.rows.map((r) => [r.mission, r.cells[0]!.verdict])).toEqual([[m0.id, targetWords(m0.scoreboard.find((r) => r.id === "study")!.mean, 30)], ["other", "MISSED"]])
    expect(pm.rows[0]!.cells[1]!.verdict).toBe("not comparable")
    const pv = scoreboardPivot(input, "en")
    expect(pv.header.slice(2)).toEqual(["main-first", "FIFO"])
    expect(pv.rows.find((r) => r.group === "workers (TTOL)")!.why).toBeDefined()
  })

  it("the scoreboard table: seasonal workers as a row of their own, by cohort, with no verdict", () => {
    // the 2025 baseline has none: no row
    expect(scoreboardTable(input, "en").some((r) => r.id === "seasonal")).toBe(false)
    const d26 = decodeScenario(JSON.parse(readFileSync("scenarios/new-delhi-2026.json", "utf8")))
    if (!d26.ok) throw new Error("the 2026 baseline does not decode")
    const r26 = runScenario(d26.value, { replications: 2 }).result
    const sw = r26.summary.season.seasonal, spec = d26.value.seasonal!
    const rows = scoreboardTable({ options: [{ label: "2026", result: r26 }] }, "en")
    // after Migri's rows, the last one
    expect(rows.at(-1)!.id).toBe("seasonal")
    const row = rows.find((r) => r.id === "seasonal")!
    expect(row.target).toBe(`${spec.targetDays} d`)
    expect(row.mean).toBe(`${num("en", sw.migriMean.mean, 1)} [${num("en", Math.max(0, sw.migriMean.ciLow!), 1)}, ${num("en", sw.migriMean.ciHigh, 1)}]`)
    expect(row.within.startsWith(pct("en", sw.withinTargetShare.mean))).toBe(true)
    // its target and pool are estimates: never "met" or "MISSED", and the footnote says why
    expect(row.verdictKind).toBe("notComparable")
    expect(row.why).toMatch(/estimates/)
    expect(scoreboardTable({ options: [{ label: "2026", result: r26 }] }, "fi").find((r) => r.id === "seasonal")!.group).toBe("kausityöntekijät (kohortti)")
    expect(scoreboardPivot({ options: [{ label: "2026", result: r26 }] }, "en").rows.at(-1)!.group).toBe("seasonal workers (cohort)")
    // switched off: no row
    const off = clone(r26)
    delete (off.provenance.scenario as { seasonal?: unknown }).seasonal
    expect(scoreboardTable({ options: [{ label: "off", result: off }] }, "en").some((r) => r.id === "seasonal")).toBe(false)
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
    // whole-number levers without decimals, others with two
    expect(c.reading).toContain("met from 5 person-years")
    expect(capacityAnswer({ ...cap, points: [...cap.points, { lever: 4.5, mean: 29, ciLow: 28, ciHigh: 29.5, n: 10 }], answer: { lever: 4.5, met: true } }, "en").reading).toContain("met from 4.50 person-years")
    expect(capacityAnswer({ ...cap, answer: { lever: null, met: false } }, "fi").reading).toContain("ei täyty")
    expect(capacityAnswer(null, "en").panels[0]!.marks).toEqual([])
  })
})
