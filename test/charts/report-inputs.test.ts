/**
 * What `embassy-sim report` accepts: a run result, a pack result, a folder of results with a capacity
 * answer; and the one-line problems for what it cannot use. The HTML template itself is built and
 * opened in test/web (it needs a browser to draw).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { fillTemplate, readReportInputs } from "../../src/cli/report.ts"
import { loadScenario } from "../../src/cli/load.ts"
import { runScenario } from "../../src/experiment/run.ts"
import type { CapacityResult } from "../../src/charts/input.ts"
import type { ReportData } from "../../web/report-data.ts"

const sc = loadScenario("scenarios/new-delhi-2025.json")
if (!sc.ok) throw new Error("baseline does not load")
const a = runScenario(sc.value, { replications: 2 }).result
const b = runScenario(sc.value, { replications: 2, policy: "fifo" }).result
const capacity: CapacityResult = {
  kind: "embassy-sim/capacity", lever: { path: "migri.pools.study.personYears", label: "study pool", unit: "person-years" },
  target: { metric: "groups.student.migriMean", label: "students' mean Migri time", value: 30, direction: "atMost", unit: "d" },
  points: [{ lever: 3, mean: 40, ciLow: 38, ciHigh: 42, n: 20 }, { lever: 5, mean: 25, ciLow: 24, ciHigh: 26, n: 20 }], answer: { lever: 5, met: true }
}

describe("report inputs", () => {
  it("reads a folder of run results and a capacity answer, in file-name order", () => {
    const dir = mkdtempSync(join(tmpdir(), "report-in-"))
    writeFileSync(join(dir, "1-base.json"), JSON.stringify(a))
    writeFileSync(join(dir, "2-fifo.json"), JSON.stringify(b))
    writeFileSync(join(dir, "capacity.json"), JSON.stringify(capacity))
    writeFileSync(join(dir, "notes.txt"), "not read")
    const r = readReportInputs(dir)
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    expect(r.options.map((o) => o.label)).toEqual(["main-first-2025", "fifo"])
    expect(r.capacity?.answer.lever).toBe(5)
  })
  it("reads the answer of `embassy-sim capacity --out`: the target missed one step below, against the lever", async () => {
    const { runCapacity, loadCapacity } = await import("../../src/cli/capacity.ts")
    const { inlineExecutor } = await import("../../src/experiment/units.ts")
    const dir = mkdtempSync(join(tmpdir(), "report-cap-"))
    const file = join(dir, "cap.json")
    writeFileSync(file, JSON.stringify({
      kind: "capacity", name: "study pool for a 20-day mean", base: join(process.cwd(), "scenarios/new-delhi-2025.json"), option: "fifo", replications: 2,
      levers: [{ name: "study pool", path: "migri.pools.study.personYears", from: 2.4, to: 4.8, step: 1.2, costPerUnit: 70000 }],
      targets: [{ label: "students: Migri time", metric: "groups.student.migriMean", max: 20 }]
    }))
    const outcome = await runCapacity(loadCapacity(file), inlineExecutor(), 2)
    writeFileSync(join(dir, "answer.json"), JSON.stringify(outcome))
    writeFileSync(join(dir, "run.json"), JSON.stringify(a))
    const r = readReportInputs(dir)
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    const c = r.capacity!
    expect(c.lever.label).toBe("study pool")
    expect(c.target).toMatchObject({ label: "students: Migri time", value: 20, direction: "atMost", unit: "d" })
    expect(c.points.map((p) => p.lever)).toEqual([...c.points.map((p) => p.lever)].sort((x, y) => x - y))
    expect(c.answer.lever).toBe(outcome.answer?.values[0] ?? null)
    // the answer's own point meets the target, the one below it does not
    if (c.answer.lever !== null) {
      const i = c.points.findIndex((p) => p.lever === c.answer.lever)
      expect(c.points[i]!.mean!).toBeLessThanOrEqual(20)
      if (i > 0) expect(outcome.below[0]!.checks[0]!.met).toBe(false)
    }
  })
  it("reads a one-parameter sweep's summary.json: the group's Migri time against the parameter, met from the first point whose CI is within the target", () => {
    const dir = mkdtempSync(join(tmpdir(), "report-sweep-"))
    const param = "migri.pools.study.personYears"
    const cells = [2.4, 3.6, 4.8].map((py) => {
      const sc2 = { ...sc.value, migri: { ...sc.value.migri, pools: sc.value.migri.pools.map((p) => (p.id === "study" ? { ...p, personYears: py } : p)) } }
      return { point: 0, values: { [param]: py }, option: "fifo", policy: "fifo", summary: runScenario(sc2, { replications: 2, policy: "fifo" }).result.summary }
    })
    writeFileSync(join(dir, "summary.json"), JSON.stringify({ kind: "embassy-sim/sweep-summary", header: { sweepName: "study pool", parameters: [param], options: ["fifo"] }, metrics: ["groups.student.apptWaitMean", "groups.student.migriMean"], cells: [...cells].reverse() }))
    writeFileSync(join(dir, "base.json"), JSON.stringify(b))
    const r = readReportInputs(dir)
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    const c = r.capacity!
    expect(c.lever.path).toBe(param)
    expect(c.target).toMatchObject({ metric: "groups.student.migriMean", label: "students: mean Migri time", value: 30, direction: "atMost" })
    expect(c.points.map((p) => p.lever)).toEqual([2.4, 3.6, 4.8])
    const met = c.points.find((p) => p.ciHigh !== null && p.ciHigh <= 30)
    expect(c.answer).toMatchObject({ lever: met?.lever ?? null, met: met !== undefined })
    // a summary.json with neither a run result nor sweep-base.json beside it (an older sweep folder): told how to add it
    const alone = mkdtempSync(join(tmpdir(), "report-sweep-"))
    writeFileSync(join(alone, "summary.json"), readFileSync(join(dir, "summary.json")))
    const bad = readReportInputs(alone)
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.problems[0]!.message).toMatch(/has no sweep-base\.json .* --resume/)
  })
  it("reads a pack result with its labels and question", () => {
    const dir = mkdtempSync(join(tmpdir(), "report-in-"))
    const f = join(dir, "pack.json")
    writeFileSync(f, JSON.stringify({ kind: "embassy-sim/pack", name: "January", description: "the question", runs: [{ label: "2025", result: a }, { label: "FIFO", result: b }] }))
    const r = readReportInputs(f)
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    expect([r.title, r.question, r.options.map((o) => o.label)]).toEqual(["January", "the question", ["2025", "FIFO"]])
  })
  it("reads each pack run's reference and paired differences (as `run <pack> --json` writes them)", () => {
    const dir = mkdtempSync(join(tmpdir(), "report-in-"))
    const f = join(dir, "pack.json")
    const d = { mean: -4, sd: 1, ciLow: -5, ciHigh: -3, n: 2 }
    writeFileSync(f, JSON.stringify({ kind: "embassy-sim/pack", name: "p", runs: [
      { label: "2025", result: a, reference: "2025", differenceFromReference: {} },
      { label: "FIFO", result: b, reference: "2025", differenceFromReference: { "groups.student.migriMean": d } },
      // a page export names no reference: its differences are from the first run
      { label: "old", result: b, differenceFromFirst: { "groups.student.migriMean": d } }
    ] }))
    const r = readReportInputs(f)
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    expect(r.options.map((o) => [o.label, o.reference, o.differences?.["groups.student.migriMean"]])).toEqual([["2025", "2025", undefined], ["FIFO", "2025", d], ["old", undefined, d]])
  })
  it("names the file and the field of what it cannot use", () => {
    const dir = mkdtempSync(join(tmpdir(), "report-in-"))
    const bad = join(dir, "bad.json")
    writeFileSync(bad, JSON.stringify({ ...a, summary: { ...a.summary, groups: "none" } }))
    const r = readReportInputs(bad)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/^\.summary\.groups: /)
    writeFileSync(bad, "{ not json")
    const j = readReportInputs(bad)
    if (!j.ok) expect(j.problems[0]!.message).toMatch(/not valid JSON/)
    writeFileSync(bad, JSON.stringify({ kind: "embassy-sim/capacity", points: [] }))
    const c = readReportInputs(bad)
    expect(c.ok).toBe(false)
    if (!c.ok) expect(c.problems.map((p) => p.message.split(":")[0])).toEqual(["lever", "target", "points", "answer"])
    expect(readReportInputs(join(dir, "missing.json")).ok).toBe(false)
  })
  it("embeds the data so that no value can close the script element", () => {
    const data = { kind: "embassy-sim/report", lang: "en", title: "</script><script>alert(1)</script>", question: "q", options: [], capacity: null, sources: [] } as unknown as ReportData
    const html = fillTemplate("<body><!--REPORT-DATA--></body>", data)
    expect(html.match(/<\/script>/g)?.length).toBe(1)
    const json = html.slice(html.indexOf(">", html.indexOf("<script")) + 1, html.lastIndexOf("</script>"))
    expect((JSON.parse(json) as ReportData).title).toBe(data.title)
    expect(() => fillTemplate("<body></body>", data)).toThrow(/marker/)
  })
})
