/** `embassy-sim run --workers N`: the same bytes whatever N, for a scenario and for a pack. */
import { spawnSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { root, shortScenarioObject } from "./support.ts"

const tmp = mkdtempSync(join(tmpdir(), "embassy-sim-run-"))
const sim = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, "src/cli/main.ts"), ...args], { cwd: root, encoding: "utf8" })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
writeFileSync(join(tmp, "short.json"), JSON.stringify(shortScenarioObject()))
writeFileSync(join(tmp, "short-fifo.json"), JSON.stringify({ extends: "short.json", name: "short FIFO", policy: "fifo" }))
writeFileSync(join(tmp, "pack.json"), JSON.stringify({ kind: "pack", name: "p", scenarios: [{ file: "short.json", label: "2025" }, { file: "short-fifo.json", label: "FIFO" }], replications: 3 }))

describe("run --workers", () => {
  test("a scenario: 1 and 2 workers give byte-identical JSON", () => {
    const a = sim("run", join(tmp, "short.json"), "-r", "4", "--json", "--workers", "1")
    const b = sim("run", join(tmp, "short.json"), "-r", "4", "--json", "--workers", "2")
    expect(a.code, a.err).toBe(0)
    expect(b.out).toBe(a.out)
    expect(JSON.parse(a.out).provenance.replications).toBe(4)
  })
  test("a pack: 1 and 2 workers give byte-identical JSON, with paired differences", () => {
    const a = sim("run", join(tmp, "pack.json"), "--json", "--workers", "1")
    const b = sim("run", join(tmp, "pack.json"), "--json", "--workers", "2")
    expect(a.code, a.err).toBe(0)
    expect(b.out).toBe(a.out)
    const d = JSON.parse(a.out).runs[1].differenceFromFirst["groups.student.apptWaitMean"]
    expect(d.n).toBe(3)
  })
  test("--precision with a bad spec or an unknown metric: one line, exit 2", () => {
    const a = sim("run", join(tmp, "short.json"), "--precision", "groups.student.migriMean=-1")
    expect(a.code).toBe(2)
    expect(a.err).toMatch(/--precision: found .*metric\.path=H/)
    const b = sim("run", join(tmp, "short.json"), "-r", "2", "--precision", "groups.student.nope=1", "--workers", "1")
    expect(b.code).toBe(2)
    expect(b.err).toMatch(/unknown metric path groups\.student\.nope/)
  })
})
