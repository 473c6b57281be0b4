/**
 * Sweeps through the CLI as a user runs them: determinism across workers and shards, resume after a
 * SIGKILL, a cut-off last line, and bad input (clear message, exit 2, nothing written lost).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync, existsSync, appendFileSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { parseShard } from "../../src/cli/sweep.ts"
import { applyParameter, basePoint, baseValueOf, designPoints, decodeSweep, type SweepFile } from "../../src/experiment/sweep.ts"
import { root, shortScenarioObject } from "./support.ts"

const tmp = mkdtempSync(join(tmpdir(), "embassy-sim-sweep-"))
const sim = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, "src/cli/main.ts"), ...args], { cwd: root, encoding: "utf8" })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
writeFileSync(join(tmp, "short.json"), JSON.stringify(shortScenarioObject()))
const sweepObj = (extra: Record<string, unknown> = {}) => ({
  kind: "sweep", name: "test sweep", base: "short.json", options: ["fifo", "main-first-2025"], replications: 3,
  parameters: [{ path: "missions.new-delhi.identification.slotsPerDay", values: [56, 72] }], ...extra
})
const sweepFile = join(tmp, "sweep.json")
writeFileSync(sweepFile, JSON.stringify(sweepObj()))

/** The unit lines of a results file, sorted by key (the header apart). */
const unitLines = (dir: string): string[] => {
  const lines = readFileSync(join(dir, "results.jsonl"), "utf8").split("\n").filter((l) => l.length > 0)
  return lines.slice(1).sort()
}
const keysOf = (lines: string[]) => lines.map((l) => JSON.stringify((JSON.parse(l) as { key: unknown }).key))

describe("sweep determinism", () => {
  test("1 worker, 2 workers and 3 shards merged give the same result lines and summaries", () => {
    const a = join(tmp, "w1"), b = join(tmp, "w2"), m = join(tmp, "merged")
    expect(sim("sweep", sweepFile, "--out", a, "--workers", "1").code).toBe(0)
    expect(sim("sweep", sweepFile, "--out", b, "--workers", "2").code).toBe(0)
    for (const k of [0, 1, 2]) expect(sim("sweep", sweepFile, "--out", join(tmp, `s${k}`), "--workers", "1", "--shard", `${k}/3`).code).toBe(0)
    const r = sim("merge", join(tmp, "s0"), join(tmp, "s1"), join(tmp, "s2"), "--out", m)
    expect(r.code, r.err).toBe(0)
    const la = unitLines(a)
    expect(la).toHaveLength(2 * 2 * 3)
    expect(unitLines(b)).toEqual(la)
    expect(unitLines(m)).toEqual(la)
    // every shard ran a third, none twice
    expect([0, 1, 2].map((k) => unitLines(join(tmp, `s${k}`)).length)).toEqual([4, 4, 4])
    const sa = JSON.parse(readFileSync(join(a, "summary.json"), "utf8")), sm = JSON.parse(readFileSync(join(m, "summary.json"), "utf8"))
    expect(sm.cells).toEqual(sa.cells)
    expect(sa.complete).toBe(true)
    // common random numbers: a different slot count changes results, the same replication of both options shares arrivals
    const arrived = (line: string) => (JSON.parse(line) as { result: { groups: Array<{ arrived: number }> } }).result.groups[0]!.arrived
    const byKey = new Map(la.map((l) => [JSON.stringify((JSON.parse(l) as { key: unknown }).key), l]))
    expect(arrived(byKey.get(JSON.stringify({ point: 0, option: "fifo", replication: 1 }))!)).toBe(arrived(byKey.get(JSON.stringify({ point: 1, option: "main-first-2025", replication: 1 }))!))
  })
  test("merge refuses folders of different sweeps, naming the difference", () => {
    const other = join(tmp, "other.json")
    const o = shortScenarioObject() as { seed: number }
    o.seed = 99
    writeFileSync(join(tmp, "short99.json"), JSON.stringify(o))
    writeFileSync(other, JSON.stringify(sweepObj({ base: "short99.json" })))
    expect(sim("sweep", other, "--out", join(tmp, "o99"), "--workers", "1", "--shard", "0/3").code).toBe(0)
    const r = sim("merge", join(tmp, "s0"), join(tmp, "o99"), "--out", join(tmp, "bad-merge"))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/seed 99/)
    expect(existsSync(join(tmp, "bad-merge", "results.jsonl"))).toBe(false)
  })
})

/** Sends `sig` to a running sweep once its results.jsonl has `lines` lines (polling the file; no timing assertion). */
const signalAtLines = (child: ChildProcess, dir: string, lines: number, sig: NodeJS.Signals): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      const f = join(dir, "results.jsonl")
      if (existsSync(f) && readFileSync(f, "utf8").split("\n").length >= lines) { clearInterval(t); child.kill(sig); resolve() }
    }, 20)
    child.on("exit", () => { clearInterval(t); reject(new Error(`the sweep finished before ${sig} could be sent`)) })
  })

describe("resume", () => {
  test("after SIGKILL mid-run: resume completes it with no duplicates, equal to an uninterrupted run", async () => {
    const big = join(tmp, "big.json")
    writeFileSync(big, JSON.stringify(sweepObj({ replications: 6 })))
    const dir = join(tmp, "killed")
    const child = spawn(process.execPath, [join(root, "src/cli/main.ts"), "sweep", big, "--out", dir, "--workers", "1"], { cwd: root, stdio: "ignore" })
    await signalAtLines(child, dir, 5, "SIGKILL")
    await new Promise((r) => child.on("exit", r))
    const partial = unitLines(dir)
    expect(partial.length).toBeGreaterThanOrEqual(3)
    expect(partial.length).toBeLessThan(24)
    // simulate a kill mid-write too: half a line at the end
    appendFileSync(join(dir, "results.jsonl"), '{"key":{"point":1,"option":"fifo","replication":5},"result":{"gro')
    const r = sim("sweep", big, "--out", dir, "--resume", "--workers", "2")
    expect(r.code, r.err).toBe(0)
    expect(r.err).toMatch(/last line was cut off/)
    const full = join(tmp, "uninterrupted")
    expect(sim("sweep", big, "--out", full, "--workers", "2").code).toBe(0)
    const resumed = unitLines(dir)
    expect(new Set(keysOf(resumed)).size).toBe(resumed.length)
    expect(resumed).toEqual(unitLines(full))
    expect(readFileSync(join(dir, "summary.json"), "utf8")).toBe(readFileSync(join(full, "summary.json"), "utf8").replace(/"uninterrupted"/g, '"killed"'))
    // resuming a finished sweep runs nothing and changes no line
    const before = readFileSync(join(dir, "results.jsonl"), "utf8")
    const again = sim("sweep", big, "--out", dir, "--resume", "--workers", "1")
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/0 run now, 24 already done/)
    expect(readFileSync(join(dir, "results.jsonl"), "utf8")).toBe(before)
  })
})

describe("Ctrl-C", () => {
  test("SIGINT stops the sweep with exit 130, keeps complete lines and says how to resume", async () => {
    const big = join(tmp, "sigint.json")
    writeFileSync(big, JSON.stringify(sweepObj({ replications: 10 })))
    const dir = join(tmp, "interrupted")
    const child = spawn(process.execPath, [join(root, "src/cli/main.ts"), "sweep", big, "--out", dir, "--workers", "1"], { cwd: root, stdio: ["ignore", "ignore", "pipe"] })
    let err = ""
    child.stderr.on("data", (b: Buffer) => { err += b.toString() })
    await signalAtLines(child, dir, 4, "SIGINT")
    const code = await new Promise((r) => child.on("exit", (c) => r(c)))
    expect(code).toBe(130)
    expect(err).toMatch(/stopping; \d+ of 40 units are kept .*--resume/)
    const text = readFileSync(join(dir, "results.jsonl"), "utf8")
    expect(text.endsWith("\n")).toBe(true)
    expect(unitLines(dir).length).toBeLessThan(40)
    expect(existsSync(join(dir, "summary.json"))).toBe(false)
  })
})

describe("bad input: clear message, exit 2, nothing lost", () => {
  test("an invalid sweep file names the field", () => {
    const f = join(tmp, "invalid.json")
    writeFileSync(f, JSON.stringify({ ...sweepObj(), replications: 0, colour: "red" }))
    const r = sim("sweep", f, "--out", join(tmp, "x1"))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/replications/)
    expect(r.err).toMatch(/colour/)
    expect(r.err).not.toMatch(/at .*\.ts:\d+/)
  })
  test("an unknown path names the path and what exists there", () => {
    const f = join(tmp, "unknown-path.json")
    writeFileSync(f, JSON.stringify(sweepObj({ parameters: [{ path: "missions.new-delhi.identification.slotsPerDya", values: [1] }] })))
    const r = sim("sweep", f, "--out", join(tmp, "x2"))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/no field "slotsPerDya".*slotsPerDay/)
  })
  test("an unknown option names the policies", () => {
    const f = join(tmp, "unknown-option.json")
    writeFileSync(f, JSON.stringify(sweepObj({ options: ["fifo", "lottery"] })))
    const r = sim("sweep", f, "--out", join(tmp, "x3"))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/lottery.*policies: .*fifo/s)
  })
  test("an unwritable output folder", () => {
    writeFileSync(join(tmp, "a-file"), "x")
    const r = sim("sweep", sweepFile, "--out", join(tmp, "a-file", "sub"))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/not a folder/)
  })
  test("results of another scenario on --resume are refused and left as they were; without --resume existing results are not overwritten", () => {
    const dir = join(tmp, "w1")
    const before = readFileSync(join(dir, "results.jsonl"), "utf8")
    const o = shortScenarioObject() as { missions: Array<{ staff: { officers: number } }> }
    o.missions[0]!.staff.officers = 3
    writeFileSync(join(tmp, "short3.json"), JSON.stringify(o))
    const f = join(tmp, "changed.json")
    writeFileSync(f, JSON.stringify(sweepObj({ base: "short3.json" })))
    const r = sim("sweep", f, "--out", dir, "--resume")
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/another sweep: point 0, fifo has another scenario/)
    const r2 = sim("sweep", sweepFile, "--out", dir)
    expect(r2.code).toBe(2)
    expect(r2.err).toMatch(/--resume/)
    expect(readFileSync(join(dir, "results.jsonl"), "utf8")).toBe(before)
    expect(statSync(join(dir, "summary.json")).size).toBeGreaterThan(0)
  })
})

describe("designs and parameters", () => {
  const sweep = (x: Record<string, unknown>): SweepFile => {
    const d = decodeSweep({ ...sweepObj(), ...x })
    if (!d.ok) throw new Error(JSON.stringify(d.problems))
    return d.value
  }
  test("grid, one-at-a-time and ranges with steps", () => {
    const p = [{ path: "a", range: { from: 0.4, to: 0.8, step: 0.1 } }, { path: "b", values: [1, 2] }]
    const g = designPoints(sweep({ parameters: p }), 1)
    expect(g.ok && g.points.map((x) => [x.values.a, x.values.b])).toEqual([[0.4, 1], [0.4, 2], [0.5, 1], [0.5, 2], [0.6, 1], [0.6, 2], [0.7, 1], [0.7, 2], [0.8, 1], [0.8, 2]])
    const o = designPoints(sweep({ parameters: p, design: { kind: "oneAtATime" } }), 1)
    expect(o.ok && o.points.length).toBe(1 + 5 + 2)
    expect(o.ok && o.points[0]!.values).toEqual({ a: null, b: null })
  })
  test("a Latin hypercube puts one point in each stratum of each parameter, deterministically", () => {
    const s = sweep({ design: { kind: "latinHypercube", points: 10 }, parameters: [{ path: "a", range: { from: 0, to: 1 } }, { path: "b", range: { from: 10, to: 20 } }] })
    const a = designPoints(s, 5), b = designPoints(s, 5)
    expect(a).toEqual(b)
    if (!a.ok) throw new Error()
    expect(a.points.map((p) => Math.floor(p.values.a! * 10)).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(a.points.map((p) => Math.floor(p.values.b! - 10)).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
  test("set mean rescales family size weights to the asked mean; scale multiplies", () => {
    const o = { c: { w: [0.5, 0.2, 0.2, 0.1] }, m: [{ id: "x", n: 10 }] }
    expect(applyParameter(o, { path: "c.w", set: "mean", values: [1.2] }, 1.2)).toBeUndefined()
    expect(o.c.w.reduce((a, x, i) => a + i * x, 0)).toBeCloseTo(1.2, 12)
    expect(o.c.w.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12)
    expect(o.c.w[2]! / o.c.w[1]!).toBeCloseTo(1, 12)
    expect(applyParameter(o, { path: "m.x.n", set: "scale", values: [1] }, 1.2)).toBeUndefined()
    expect(o.m[0]!.n).toBeCloseTo(12, 12)
    expect(applyParameter(o, { path: "m[1].n", values: [1] }, 1)).toMatch(/no item "1"/)
  })
  test("the base point: the point with the base scenario's values (null counts as the base), else the nearest in units of each parameter's spread", () => {
    const o = { c: { w: [0.5, 0.3, 0.2] }, m: [{ id: "x", n: 10 }], k: 3, j: 4 }
    expect(baseValueOf(o, { path: "m.x.n" })).toBe(10)
    expect(baseValueOf(o, { path: "c.w", set: "mean" })).toBeCloseTo(0.7, 12)
    expect(baseValueOf(o, { path: ["m.x.n", "k"], set: "scale" })).toBe(1)
    // paths that move together but hold different values: no single base value
    expect(baseValueOf(o, { path: ["k", "j"] })).toBeNull()
    expect(baseValueOf(o, { path: "nope" })).toBeNull()
    const pts = (vs: Array<Record<string, number | null>>) => vs.map((values, point) => ({ point, values }))
    expect(basePoint(pts([{ a: 8, b: 1 }, { a: 10, b: 1 }, { a: 10, b: 2 }]), { a: 10, b: 2 })).toEqual({ point: 2, exact: true })
    expect(basePoint(pts([{ a: null, b: null }, { a: 8, b: null }]), { a: 10, b: 2 })).toEqual({ point: 0, exact: true })
    // spreads: a 10, b 0.2; distances 0.1 + 0.75, 0.2 + 0.25, 0.8 + 0.25: point 1 is the nearest
    expect(basePoint(pts([{ a: 11, b: 0.4 }, { a: 12, b: 0.5 }, { a: 2, b: 0.6 }]), { a: 10, b: 0.55 })).toEqual({ point: 1, exact: false })
    // spreads a 10, b 0.2: point 0 (0 + 0.75) beats point 1 (0.6 + 0.25) and point 2 (1 + 0.25)
    expect(basePoint(pts([{ a: 10, b: 0.4 }, { a: 16, b: 0.5 }, { a: 20, b: 0.6 }]), { a: 10, b: 0.55 })).toEqual({ point: 0, exact: false })
  })
  test("shards from the environment: Slurm, Kubernetes (count needed), AWS Batch", () => {
    expect(parseShard("auto", undefined, { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "4" })).toMatchObject({ k: 2, n: 4 })
    expect(parseShard("auto", 5, { JOB_COMPLETION_INDEX: "4" })).toMatchObject({ k: 4, n: 5 })
    expect(() => parseShard("auto", undefined, { JOB_COMPLETION_INDEX: "4" })).toThrow(/shard-count/)
    expect(parseShard("auto", undefined, { AWS_BATCH_JOB_ARRAY_INDEX: "0", AWS_BATCH_JOB_ARRAY_SIZE: "2" })).toMatchObject({ k: 0, n: 2 })
    expect(() => parseShard("3/3", undefined, {})).toThrow(/out of range/)
  })
})

describe("shipped sweeps", () => {
  test("every file in scenarios/sweeps expands: its paths exist and every point decodes", async () => {
    const { readdirSync } = await import("node:fs")
    const { loadSweep } = await import("../../src/cli/sweep.ts")
    const files = readdirSync(join(root, "scenarios/sweeps")).filter((f) => f.endsWith(".json"))
    expect(files.length).toBeGreaterThanOrEqual(4)
    for (const f of files) {
      const x = loadSweep(join(root, "scenarios/sweeps", f))
      expect(x.cells.length, f).toBe(x.points.length * x.options.length)
      expect(new Set(x.cells.map((c) => c.scenarioHash)).size, f).toBeGreaterThan(1)
      // the base point of each option: the base scenario itself where the design has it (its hash is the cell's)
      for (const b of x.base.options) {
        const cell = x.cells.find((c) => c.point === b.point && c.option === b.label)!
        expect(b.scenarioHash, f).toBe(cell.scenarioHash)
        expect(b.exact, f).toBe(!/family|lhs/.test(f))
      }
    }
  })
})

describe("a pack as the base", () => {
  test("options are the pack's scenarios (by label), each with its own policy; an unknown label is refused", async () => {
    const { loadSweep } = await import("../../src/cli/sweep.ts")
    writeFileSync(join(tmp, "short-fifo.json"), JSON.stringify({ extends: "short.json", name: "short FIFO", policy: "fifo" }))
    writeFileSync(join(tmp, "pack.json"), JSON.stringify({ kind: "pack", name: "p", scenarios: [{ file: "short.json", label: "2025" }, { file: "short-fifo.json", label: "FIFO" }] }))
    const f = join(tmp, "pack-sweep.json")
    writeFileSync(f, JSON.stringify({ kind: "sweep", name: "ps", base: "pack.json", replications: 2, parameters: [{ path: "categories.student.family.withMainShare", values: [0.4, 0.8] }] }))
    const x = loadSweep(f)
    expect(x.options).toEqual(["2025", "FIFO"])
    expect(x.cells.map((c) => c.policy)).toEqual(["main-first-2025", "fifo", "main-first-2025", "fifo"])
    writeFileSync(f, JSON.stringify({ kind: "sweep", name: "ps", base: "pack.json", options: ["FIFO", "nope"], replications: 2, parameters: [{ path: "categories.student.family.withMainShare", values: [0.4] }] }))
    expect(() => loadSweep(f)).toThrow(/not a scenario label of the pack/)
  })
})
