/**
 * `embassy-sim report <sweep-dir>` from a sweep folder alone, end to end as a user runs it: a shipped
 * sweep (scenarios/sweeps/slots-per-day.json) on a short horizon with 2 replications, run whole and
 * as 2 shards merged; the report's scoreboard options are each option's base point, equal byte for
 * byte to `embassy-sim run` of the base scenario; chart 8 has every point; a folder of an older
 * version (no sweep-base.json) is refused in one line that says how to fix it, and `--resume` fixes
 * it without running a unit. The HTML is opened in a browser in test/web.
 */
import { spawnSync } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { readReportInputs } from "../../src/cli/report.ts"
import { runScenario } from "../../src/experiment/run.ts"
import { pairedDifferences } from "../../src/experiment/summarize.ts"
import type { SweepBase } from "../../src/experiment/sweep.ts"
import { root, shortScenario, shortScenarioObject } from "../experiment/support.ts"

const tmp = mkdtempSync(join(tmpdir(), "embassy-sim-report-sweep-"))
const sim = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, "src/cli/main.ts"), ...args], { cwd: root, encoding: "utf8" })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
writeFileSync(join(tmp, "short.json"), JSON.stringify(shortScenarioObject()))
// the shipped sweep, on the short scenario with 2 replications
const shipped = JSON.parse(readFileSync(join(root, "scenarios/sweeps/slots-per-day.json"), "utf8")) as Record<string, unknown>
const sweepFile = join(tmp, "slots.json")
writeFileSync(sweepFile, JSON.stringify({ ...shipped, $schema: undefined, base: "short.json", replications: 2 }))
// the whole sweep and the merged shards in folders of the same name, so that their reports name the same source
const whole = join(tmp, "whole", "slots"), merged = join(tmp, "merged", "slots")

describe("report of a sweep folder alone", () => {
  test("sweep writes sweep-base.json; the report's options are each option's base point, as `run` gives them; chart 8 has every point", () => {
    const r = sim("sweep", sweepFile, "--out", whole, "--workers", "2")
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain(`embassy-sim report ${whole} --out report.html`)
    const base = JSON.parse(readFileSync(join(whole, "sweep-base.json"), "utf8")) as SweepBase
    expect(base.options.map((o) => [o.label, o.values, o.exact, o.scenarioFile])).toEqual([
      ["main-first-2025", { "slots per day": 64 }, true, "short.json"], ["fifo", { "slots per day": 64 }, true, "short.json"]
    ])
    const read = readReportInputs(whole)
    if (!read.ok) throw new Error(JSON.stringify(read.problems))
    expect(read.title).toBe(shipped.name)
    expect(read.options.map((o) => [o.label, o.reference])).toEqual([["main-first-2025", "main-first-2025"], ["fifo", "main-first-2025"]])
    // what `embassy-sim run short.json --policy P -r 2 --json --per-replication` prints, byte for byte
    const sc = shortScenario()
    const cli = ["main-first-2025", "fifo"].map((policy) => runScenario(sc, { policy, replications: 2, perReplication: true, scenarioFile: "short.json" }))
    read.options.forEach((o, j) => expect(JSON.stringify(o.result, null, 2)).toBe(JSON.stringify(cli[j]!.result, null, 2)))
    // fifo's paired differences from the 2025 rule on the same replications, as `run <pack>` reports them
    const d = pairedDifferences(cli[0]!.replications, cli[1]!.replications, ["groups.student.apptWaitMean", "groups.student.migriMean"])
    expect(read.options[1]!.differences?.["groups.student.apptWaitMean"]).toEqual(d.get("groups.student.apptWaitMean"))
    expect(read.options[1]!.differences?.["groups.student.migriMean"]).toEqual(d.get("groups.student.migriMean"))
    // chart 8: the students' Migri time against slots per day, at every point of the design
    expect(read.capacity?.lever.label).toBe("slots per day")
    expect(read.capacity?.points.map((p) => p.lever)).toEqual([48, 56, 64, 72, 80, 88, 96])
    expect(read.capacity?.target).toMatchObject({ metric: "groups.student.migriMean", value: 30, direction: "atMost" })
    expect(read.sweep).toMatchObject({ name: shipped.name, complete: true, unitsDone: 28, unitsTotal: 28, replications: 2 })
    expect(read.sweep?.points.map((p) => p.point)).toEqual([2, 2])
    const rep = sim("report", whole, "--out", join(tmp, "whole.html"))
    expect(rep.code, rep.err).toBe(0)
    expect(rep.err).toBe("")
  })

  test("after merging 2 shards: the same sweep-base.json and the same report, byte for byte", () => {
    for (const k of [0, 1]) expect(sim("sweep", sweepFile, "--out", join(tmp, `s${k}`), "--workers", "1", "--shard", `${k}/2`).code).toBe(0)
    const m = sim("merge", join(tmp, "s0"), join(tmp, "s1"), "--out", merged)
    expect(m.code, m.err).toBe(0)
    expect(readFileSync(join(merged, "sweep-base.json"), "utf8")).toBe(readFileSync(join(whole, "sweep-base.json"), "utf8"))
    const rep = sim("report", merged, "--out", join(tmp, "merged.html"))
    expect(rep.code, rep.err).toBe(0)
    expect(readFileSync(join(tmp, "merged.html"), "utf8")).toBe(readFileSync(join(tmp, "whole.html"), "utf8"))
  })

  test("a folder of an older version (no sweep-base.json) is refused in one line saying how to fix it; --resume adds it without running a unit", () => {
    const old = join(tmp, "old", "slots")
    mkdirSync(join(tmp, "old"), { recursive: true })
    cpSync(whole, old, { recursive: true })
    rmSync(join(old, "sweep-base.json"))
    const bad = sim("report", old, "--out", join(tmp, "old.html"))
    expect(bad.code).toBe(2)
    const lines = bad.err.trim().split("\n")
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/has no sweep-base\.json .*embassy-sim sweep <sweep\.json> --out .* --resume/)
    const resumed = sim("sweep", sweepFile, "--out", old, "--resume", "--workers", "1")
    expect(resumed.code, resumed.err).toBe(0)
    expect(resumed.out).toMatch(/\(0 run now, 28 already done\)/)
    const read = readReportInputs(old)
    if (!read.ok) throw new Error(JSON.stringify(read.problems))
    const first = readReportInputs(whole)
    if (!first.ok) throw new Error("whole")
    expect(read.options).toEqual(first.options)
    expect(read.capacity).toEqual(first.capacity)
  })

  test("a sweep-base.json of another sweep is refused, naming both hashes", () => {
    const other = join(tmp, "other", "slots")
    mkdirSync(join(tmp, "other"), { recursive: true })
    cpSync(whole, other, { recursive: true })
    const b = JSON.parse(readFileSync(join(other, "sweep-base.json"), "utf8")) as SweepBase
    writeFileSync(join(other, "sweep-base.json"), JSON.stringify({ ...b, sweepHash: "0123456789abcdef" }))
    const r = readReportInputs(other)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/belongs to another sweep .*0123456789abcdef.*--resume/)
  })
})
