/**
 * The bundled CLI (`npm run build:cli`) as a user runs it: built once into a temporary folder, then
 * moved elsewhere (so nothing in it may point back to where it was built or to src/), run from a
 * folder outside the project, and compared with the CLI run from the TypeScript sources — the same
 * help, the same bytes for the same scenario and seed (on the main thread and on worker threads
 * started from the bundle's own worker.js), the same sweep results, spreadsheet and report, and the
 * same one-line errors and exit codes.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, test } from "vitest"
import { root, shortScenarioObject } from "../experiment/support.ts"

const tmp = mkdtempSync(join(tmpdir(), "embassy-sim-bundle-"))
const bundle = join(tmp, "moved", "dist-cli")
const work = join(tmp, "work")
mkdirSync(work)

type Ran = { code: number | null; out: string; err: string }
const runWith = (entry: string, args: ReadonlyArray<string>): Ran => {
  const r = spawnSync(process.execPath, [entry, ...args], { cwd: work, encoding: "utf8" })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const fromSources = (...args: string[]) => runWith(join(root, "src/cli/main.ts"), args)
const fromBundle = (...args: string[]) => runWith(join(bundle, "main.js"), args)

const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]))
/** The unit lines of a results file, sorted by key (the header apart: it is compared on its own). */
const unitLines = (dir: string): string[] => readFileSync(join(dir, "results.jsonl"), "utf8").split("\n").filter((l) => l.length > 0).slice(1).sort()

beforeAll(() => {
  const built = join(tmp, "built", "dist-cli")
  const b = spawnSync(process.execPath, [join(root, "scripts/build-cli.ts"), "--out", built, "--quiet"], { cwd: root, encoding: "utf8" })
  expect(b.status, b.stderr).toBe(0)
  mkdirSync(join(tmp, "moved"))
  renameSync(built, bundle)
  const o = shortScenarioObject()
  Object.assign(o, { intakeDays: 61, drainDays: 14 })
  writeFileSync(join(work, "short.json"), JSON.stringify(o))
  writeFileSync(join(work, "sweep.json"), JSON.stringify({
    kind: "sweep", name: "bundle sweep", base: "short.json", options: ["fifo", "main-first-2025"], replications: 2,
    parameters: [{ path: "missions.new-delhi.identification.slotsPerDay", values: [56, 72] }]
  }))
})

describe("the bundled CLI", () => {
  test("is self-contained: no file names the folder it was built in or the project", () => {
    const names = files(bundle).map((f) => f.slice(bundle.length + 1))
    expect(names).toEqual(expect.arrayContaining(["main.js", "worker.js", "report-template.html", "stamp.json", "node_modules/piscina/package.json"]))
    for (const f of files(bundle)) {
      const text = readFileSync(f, "utf8")
      expect(text.includes(join(tmp, "built")), f).toBe(false)
      expect(text.includes(root), f).toBe(false)
    }
  })

  test("--help: exit 0 and the same text as from the sources", () => {
    const b = fromBundle("--help"), s = fromSources("--help")
    expect(b.code, b.err).toBe(0)
    expect(b.out).toMatch(/SUBCOMMANDS[\s\S]*sweep/)
    expect(b.out).toBe(s.out)
  })

  test("run: byte-identical JSON to the sources for the same scenario and seed, on 1 and on 2 worker threads", () => {
    const s = fromSources("run", "short.json", "-r", "3", "--seed", "11", "--json", "--workers", "1")
    expect(s.code, s.err).toBe(0)
    expect(JSON.parse(s.out).provenance.replications).toBe(3)
    for (const w of ["1", "2"]) {
      const b = fromBundle("run", "short.json", "-r", "3", "--seed", "11", "--json", "--workers", w)
      expect(b.code, b.err).toBe(0)
      expect(b.out).toBe(s.out)
    }
  })

  test("sweep --workers 2 from the bundle: the same result lines, summaries and spreadsheet as the sources with 1 worker", async () => {
    const b = fromBundle("sweep", "sweep.json", "--out", "b", "--workers", "2", "--xlsx")
    expect(b.code, b.err).toBe(0)
    const s = fromSources("sweep", "sweep.json", "--out", "s", "--workers", "1", "--xlsx")
    expect(s.code, s.err).toBe(0)
    const [lb, ls] = [unitLines(join(work, "b")), unitLines(join(work, "s"))]
    expect(lb).toHaveLength(2 * 2 * 2)
    expect(lb).toEqual(ls)
    const header = (d: string) => readFileSync(join(work, d, "results.jsonl"), "utf8").split("\n")[0]
    expect(header("b")).toBe(header("s"))
    for (const f of ["summary.json", "summary.csv"]) expect(readFileSync(join(work, "b", f), "utf8"), f).toBe(readFileSync(join(work, "s", f), "utf8"))
    // the spreadsheet (exceljs, bundled): the same sheets and cells, numbers as numeric cells
    const { default: ExcelJS } = await import("exceljs")
    const sheets = async (d: string) => {
      const wb = new ExcelJS.Workbook()
      const bytes = readFileSync(join(work, d, "summary.xlsx"))
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
      return wb.worksheets.map((w) => ({ name: w.name, rows: w.getSheetValues() }))
    }
    const [xb, xs] = [await sheets("b"), await sheets("s")]
    expect(xb.length).toBeGreaterThan(0)
    expect(xb).toEqual(xs)
  })

  test("report: the same HTML as the sources (the bundle's prebuilt page, no Vite)", () => {
    const r = fromSources("run", "short.json", "-r", "2", "--json", "--per-replication", "--workers", "1", "--out", "result.json")
    expect(r.code, r.err).toBe(0)
    const b = fromBundle("report", "result.json", "--out", "b.html")
    expect(b.code, b.err).toBe(0)
    const s = fromSources("report", "result.json", "--out", "s.html")
    expect(s.code, s.err).toBe(0)
    expect(readFileSync(join(work, "b.html"), "utf8")).toBe(readFileSync(join(work, "s.html"), "utf8"))
  })

  test("bad input: the same one-line errors and exit codes as the sources", () => {
    writeFileSync(join(work, "bad.json"), JSON.stringify({ ...shortScenarioObject(), replications: 0, colour: "red" }))
    const cases: string[][] = [
      ["run", "nope.json"],
      ["validate", "bad.json"],
      ["run", "short.json", "-r", "0"],
      ["sweep", "sweep.json", "--out", "b", "--workers", "2"]
    ]
    for (const c of cases) {
      const b = fromBundle(...c), s = fromSources(...c)
      expect(b.code, c.join(" ")).toBe(2)
      expect(b.code).toBe(s.code)
      expect(b.err, c.join(" ")).toBe(s.err)
      expect(b.out).toBe(s.out)
      expect(b.err).not.toMatch(/\n\s+at /)
    }
  })
})
