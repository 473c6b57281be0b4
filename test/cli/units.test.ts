/**
 * The reusable pieces of src/cli and the pure extends resolution, in-process: path arithmetic,
 * cycles and chain limits of `extends`, the reader contract, diagnostics (one line, trace only with
 * --verbose), progress off a terminal, the out-target rule, and the table rules that a real run may
 * not happen to exercise (a significant difference never printed as zero, "open" verdicts).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test, vi } from "vitest"
import { formatDifference } from "../../src/cli/format.ts"
import { wrap } from "../../src/cli/text.ts"
import { unitOf } from "../../src/present/csv.ts"
import { verdictWords } from "../../src/present/verdicts.ts"
import { checkOutTarget, internalError, progressClock, progressReporter, readTextFile } from "../../src/cli/io.ts"
import { NO_VALUE, type Problem } from "../../src/scenario/decode.ts"
import { checkDepth, dirOf, joinPath, mergeScenario, parseJsonText, resolveScenario } from "../../src/scenario/resolve.ts"

const summary = (mean: number, lo: number, hi: number) => ({ mean, sd: 1, ciLow: lo, ciHigh: hi, n: 20 })

describe("resolve: pure extends resolution", () => {
  test("path arithmetic without node:path", () => {
    expect(joinPath("/a/b", "../c/d.json")).toBe("/a/c/d.json")
    expect(joinPath("/a/b", "./x.json")).toBe("/a/b/x.json")
    expect(joinPath("/a/b", "/abs.json")).toBe("/abs.json")
    expect(joinPath("C:/s", "..\\t\\u.json")).toBe("C:/t/u.json")
    expect(joinPath("rel", "../../x.json")).toBe("../x.json")
    expect(dirOf("/a/b/c.json")).toBe("/a/b")
    expect(dirOf("c.json")).toBe(".")
  })
  test("a chain merges child over parent; a cycle and a missing parent are one problem each, naming extends", () => {
    const files: Record<string, string> = {
      "/s/base.json": JSON.stringify({ name: "base", a: { x: 1, y: 2 }, list: [1, 2] }),
      "/s/v/child.json": JSON.stringify({ extends: "../base.json", a: { y: 3 }, list: [9] }),
      "/s/loop1.json": JSON.stringify({ extends: "loop2.json" }),
      "/s/loop2.json": JSON.stringify({ extends: "loop1.json" }),
      "/s/orphan.json": JSON.stringify({ extends: "nope.json" })
    }
    const read = (p: string): string | Problem => (Object.hasOwn(files, p) ? files[p]! : { path: p, found: NO_VALUE, message: "file not found (check the path)" })
    expect(resolveScenario("/s/v/child.json", read)).toEqual({ ok: true, value: { name: "base", a: { x: 1, y: 3 }, list: [9] } })
    const loop = resolveScenario("/s/loop1.json", read)
    expect(loop.ok).toBe(false)
    if (!loop.ok) expect(loop.problems[0]!.message).toMatch(/forms a cycle \(\/s\/loop1\.json → \/s\/loop2\.json → \/s\/loop1\.json\)/)
    const orphan = resolveScenario("/s/orphan.json", read)
    if (!orphan.ok) expect(orphan.problems).toEqual([{ path: "extends (nope.json)", found: NO_VALUE, message: "/s/nope.json file not found (check the path)" }])
    else expect.unreachable()
  })
  test("a chain of 25 files is refused; __proto__ stays data through the merge", () => {
    const read = (p: string) => { const i = Number(/f(\d+)/.exec(p)![1]); return JSON.stringify({ extends: `f${i + 1}.json` }) }
    const r = resolveScenario("/f0.json", read)
    expect(r.ok).toBe(false)
    const merged = mergeScenario(JSON.parse('{"policies": {"a": 1}}'), JSON.parse('{"policies": {"__proto__": {"rules": []}}}')) as { policies: object }
    expect(Object.keys(merged.policies)).toEqual(["a", "__proto__"])
    expect(Object.getPrototypeOf(merged.policies)).toBe(Object.prototype)
  })
  test("parse: BOM, empty file, truncated JSON, deep nesting, each one line", () => {
    expect(parseJsonText("\uFEFF{\"a\": 1}", "f")).toEqual({ ok: true, value: { a: 1 } })
    const msg = (t: string) => { const r = parseJsonText(t, "f"); return r.ok ? "" : r.problems[0]!.message }
    expect(msg("")).toBe("is not valid JSON: the file is empty")
    expect(msg('{"a": [1, 2')).toMatch(/ends before the JSON value is complete/)
    expect(msg('{\n  "a": 1,\n  "b": x\n}')).toMatch(/unexpected "x" at line 3, column 8/)
    expect(checkDepth(JSON.parse("[".repeat(101) + "]".repeat(101)), 100)?.message).toMatch(/nested more than 100 levels/)
    expect(checkDepth(JSON.parse("[".repeat(100) + "]".repeat(100)), 100)).toBeUndefined()
  })
})

describe("io", () => {
  const dir = mkdtempSync(join(tmpdir(), "embassy-sim-io-"))
  test("checkOutTarget: new file ok; existing needs force; folder, missing folder refused", () => {
    expect(checkOutTarget(join(dir, "new.json"), { force: false })).toBeUndefined()
    writeFileSync(join(dir, "old.json"), "x")
    expect(checkOutTarget(join(dir, "old.json"), { force: false })?.message).toMatch(/exists; add --force/)
    expect(checkOutTarget(join(dir, "old.json"), { force: true })).toBeUndefined()
    mkdirSync(join(dir, "sub"))
    expect(checkOutTarget(join(dir, "sub"), { force: true })?.message).toMatch(/is a folder/)
    expect(checkOutTarget(join(dir, "none", "x.json"), { force: true })?.message).toMatch(/does not exist/)
  })
  test("readTextFile: a folder and a device are problems, not reads", () => {
    expect(readTextFile(dir)).toMatchObject({ message: "is a folder, not a scenario file" })
    expect(readTextFile("/dev/zero")).toMatchObject({ message: expect.stringMatching(/not a regular file/) })
    expect(readTextFile(join(dir, "old.json"))).toBe("x")
  })
  test("internalError: one line with where to report; the trace only with --verbose", () => {
    const lines: string[] = []
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => { lines.push(String(s)); return true })
    try {
      internalError(new TypeError("boom\nsecond line"), false)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^embassy-sim: internal error: TypeError: boom second line; please report it .*--verbose/)
      lines.length = 0
      internalError(new TypeError("boom"), true)
      expect(lines).toHaveLength(2)
      expect(lines[1]).toMatch(/\n\s+at /)
    } finally { spy.mockRestore() }
  })
  test("progress off a terminal: a line once the shared clock says 10 s have passed, across the runs of a pack", () => {
    let t = 0
    const lines: string[] = []
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => { lines.push(String(s)); return true })
    try {
      const clock = progressClock(() => t)
      const a = progressReporter("A", { now: () => t, clock, tty: false })
      for (let i = 1; i <= 5; i++) { t += 3000; a(i, 5) } // a line at 12 s
      const b = progressReporter("B", { now: () => t, clock, tty: false })
      for (let i = 1; i <= 5; i++) { t += 3000; b(i, 5) } // 10 s after A's line, at 24 s, not at B's own start
      expect(lines.map((l) => l.split(":")[0])).toEqual(["A", "B"])
      expect(lines[1]).toMatch(/^B: replication 3\/5, about/)
    } finally { spy.mockRestore() }
  })
})

describe("table rules", () => {
  test("a difference whose interval excludes 0 is printed with the decimals that make it non-zero", () => {
    expect(formatDifference({ label: "x", path: "p", percent: true }, summary(0.0012, 0.0004, 0.002))).toBe("+0.1 pp*")
    expect(formatDifference({ label: "x", path: "p", percent: true }, summary(0.0012, -0.0004, 0.002))).toBe("±0 pp ")
    expect(formatDifference({ label: "x", path: "p" }, summary(-2.46, -3, -1))).toBe("-2.5*")
    expect(formatDifference({ label: "x", path: "p", count: true }, summary(12.4, 5, 20))).toBe("+12*")
  })
  test("verdicts in words; units; wrapping at 100 columns", () => {
    expect(verdictWords(summary(12.3, 10, 14), 30)).toBe("met: mean ≤ 30 d")
    expect(verdictWords(summary(31, 30.5, 32), 30)).toBe("MISSED: mean > 30 d")
    expect(verdictWords(summary(29, 27, 31), 30)).toBe("open: CI spans 30 d")
    expect(unitOf("groups.student.migriMean")).toBe("days")
    expect(unitOf("groups.student.byMonth.withinTargetShare.03")).toBe("share")
    expect(unitOf("missions.new-delhi.officerHoursByTask.dna")).toBe("hours")
    expect(unitOf("cost.extraStaffEuros")).toBe("euros")
    expect(unitOf("groups.student.arrived")).toBe("count")
    for (const l of wrap("word ".repeat(80), 2).split("\n")) expect(l.length).toBeLessThanOrEqual(100)
  })
})
