/**
 * The `embassy-sim` command as a user runs it: a child process on Node 24 (the pinned runtime),
 * checking exit codes, the one-line-per-problem errors and the result files.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"

const root = join(import.meta.dirname, "..", "..")
const sim = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, "src/cli/main.ts"), ...args], { cwd: root, encoding: "utf8" })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const tmp = mkdtempSync(join(tmpdir(), "embassy-sim-cli-"))
const baseline = join(root, "scenarios/new-delhi-2025.json")

describe("embassy-sim validate", () => {
  test("accepts the bundled scenarios and the pack", () => {
    for (const f of ["scenarios/new-delhi-2025.json", "scenarios/new-delhi-2025-fifo.json", "scenarios/packs/january-2026.json"]) {
      const r = sim("validate", f)
      expect(r.code, r.err).toBe(0)
      expect(r.out).toMatch(/valid/)
    }
  })

  test("rejects a bad file with exit 2 and one line per problem naming path, value and what is allowed", () => {
    const base = JSON.parse(readFileSync(baseline, "utf8"))
    base.missions[0].identification.slotsPerDay = -3
    base.missions[0].riskObservationShare = 1.5
    base.colour = "red"
    const f = join(tmp, "bad.json")
    writeFileSync(f, JSON.stringify(base))
    const r = sim("validate", f)
    expect(r.code).toBe(2)
    const lines = r.err.split("\n").filter((l) => l.startsWith("  "))
    expect(lines).toHaveLength(3)
    expect(r.err).toContain('missions[0].identification.slotsPerDay: found -3; must be a whole number from 0 to 100,000')
    expect(r.err).toContain("missions[0].riskObservationShare: found 1.5; must be a share between 0 and 1")
    expect(r.err).toMatch(/colour: found "red"; this field is not part of the scenario format/)
    expect(r.err).not.toMatch(/\n\s+at /) // no stack trace
  })

  test("cross-field problems: unknown policy, reserved slots above the total", () => {
    const f = join(tmp, "cross.json")
    writeFileSync(f, JSON.stringify({ extends: baseline, policy: "nope", missions: [{ ...JSON.parse(readFileSync(baseline, "utf8")).missions[0], identification: { provider: "v", weekdays: [1], slotsPerDay: 2, fastTrackReservedPerDay: 5, deadlineDays: 90, fastTrackDeadlineWorkingDays: 5 } }] }))
    const r = sim("validate", f)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^ {2}policy: found "nope"; must name one of the policies: fifo, /m)
    expect(r.err).toMatch(/fastTrackReservedPerDay: found 5; must not exceed slotsPerDay \(2\)/)
  })

  test("a missing file and broken JSON are user errors, not crashes", () => {
    const missing = sim("validate", join(tmp, "nope.json"))
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/file not found/)
    const f = join(tmp, "broken.json")
    writeFileSync(f, "{ not json")
    const broken = sim("run", f)
    expect(broken.code).toBe(2)
    expect(broken.err).toMatch(/is not valid JSON/)
  })
  test("a sweep or capacity file given to validate or run names the command that runs it", () => {
    for (const [cmd, f, kind] of [["validate", "scenarios/sweeps/intake.json", "sweep"], ["run", "scenarios/capacity/new-delhi-summer-targets.json", "capacity"]] as const) {
      const r = sim(cmd, join(root, f))
      expect(r.code).toBe(2)
      expect(r.out).toBe("")
      expect(r.err).toMatch(new RegExp(`kind: found "${kind}"; is a ${kind} file, not a scenario or pack: run it with \`embassy-sim ${kind} `))
    }
  })
})

describe("embassy-sim run", () => {
  test("--json gives a reproducible result object with its provenance", () => {
    const a = sim("run", "scenarios/new-delhi-2025.json", "-r", "2", "--seed", "7", "--json")
    expect(a.code, a.err).toBe(0)
    const b = sim("run", "scenarios/new-delhi-2025.json", "-r", "2", "--seed", "7", "--json")
    expect(b.out).toBe(a.out)
    const res = JSON.parse(a.out)
    expect(res.kind).toBe("embassy-sim/run")
    expect(res.provenance).toMatchObject({ seed: 7, replications: 2, policy: "main-first-2025", rng: { algorithm: "seedrandom.xor4096" } })
    expect(res.summary.groups.map((g: { group: string }) => g.group)).toContain("student-family")
    const student = res.summary.groups.find((g: { group: string }) => g.group === "student")
    expect(student.migriMean.n).toBe(2)
    expect(student.migriMean.ciLow).toBeLessThanOrEqual(student.migriMean.mean)
    const c = sim("run", "scenarios/new-delhi-2025.json", "-r", "2", "--seed", "8", "--json")
    expect(JSON.parse(c.out).summary).not.toEqual(res.summary)
  })

  test("the table shows the targets and --policy switches the operating model", () => {
    const r = sim("run", "scenarios/new-delhi-2025.json", "-r", "2", "--policy", "fifo")
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/policy fifo/)
    expect(r.out).toMatch(/^students\s+[\d,]+\s+.*(met: mean ≤ 30 d|MISSED: mean > 30 d|open: CI spans 30 d)\s+\d+ % ≤ 30 d/m)
    expect(r.out).toMatch(/^specialists\s+.*14 d/m)
    expect(r.out).toMatch(/^ {2}positive \(7 d\)\s+.*(met: mean ≤ 7 d|MISSED: mean > 7 d|open: CI spans 7 d)\s+\d+ % ≤ 7 d/m)
    expect(r.out).toMatch(/^ {2}their families\s+.*no target/m)
    expect(r.out).not.toMatch(/fastTrack/)
    for (const line of r.out.split("\n")) expect(line.length).toBeLessThanOrEqual(100)
    const bad = sim("run", "scenarios/new-delhi-2025.json", "--policy", "xyz")
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--policy: found "xyz"; must be one of the scenario's policies/)
  })

  test("--csv writes one row per metric with mean and CI; --out keeps the JSON", () => {
    const out = join(tmp, "res.json")
    const r = sim("run", "scenarios/new-delhi-2025-remote-hearings.json", "-r", "2", "--csv", "--out", out)
    expect(r.code, r.err).toBe(0)
    const rows = r.out.trim().split("\n")
    expect(rows[0]).toBe("scenario,policy,seed,replications,statistic,metric,unit,mean,sd,ci_low,ci_high,n")
    expect(rows.some((l) => l.includes(",mean,groups.student.migriMean,days,"))).toBe(true)
    expect(rows.some((l) => l.includes(",mean,groups.student.withinTargetShare,share,"))).toBe(true)
    // numbers rounded to what they mean: no float noise such as 4899.650000000001
    for (const l of rows.slice(1)) for (const cell of l.split(",").slice(7)) expect(cell).toMatch(/^(-?\d+(\.\d{1,4})?|)$/)
    expect(rows.some((l) => l.includes(",missions.new-delhi.hearingsRemote,"))).toBe(true)
    expect(JSON.parse(readFileSync(out, "utf8")).provenance.policy).toBe("remote-hearings")
  })

  test("a pack compares its scenarios on the same random numbers", () => {
    const f = join(tmp, "pack.json")
    writeFileSync(f, JSON.stringify({ kind: "pack", name: "two", scenarios: [{ file: baseline, label: "base" }, { file: join(root, "scenarios/new-delhi-2025-fifo.json"), label: "fifo" }], replications: 2 }))
    const r = sim("run", f)
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/Difference from base/)
    expect(r.out).toMatch(/students: appointment wait/)
    expect(r.out).toMatch(/^ {2}verdict on the mean\s+(met|MISSED|open)/m)
    for (const line of r.out.split("\n")) expect(line.length).toBeLessThanOrEqual(100)
    // a starred difference is never printed as zero
    expect(r.out).not.toMatch(/[+-±]0( pp)?\*/)
    const csv = sim("run", f, "--csv")
    expect(csv.code, csv.err).toBe(0)
    expect(csv.out).toMatch(/,difference from base,groups\.student\.apptWaitMean,days,/)
    const bad = join(tmp, "badpack.json")
    writeFileSync(bad, JSON.stringify({ kind: "pack", name: "bad", scenarios: [{ file: baseline }, { file: join(tmp, "bad.json") }] }))
    const rb = sim("run", bad)
    expect(rb.code).toBe(2) // nothing is run when one scenario of the pack is invalid
    expect(rb.out).toBe("")
  })
})

describe("embassy-sim schema", () => {
  test("prints the scenario JSON Schema, and docs/scenario.schema.json is up to date", () => {
    const r = sim("schema")
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc.properties.missions).toBeDefined()
    expect(r.out.trim()).toBe(readFileSync(join(root, "docs/scenario.schema.json"), "utf8").trim())
  })
  test("prints the result JSON Schema", () => {
    const r = sim("schema", "result")
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).properties.provenance).toBeDefined()
  })
})
