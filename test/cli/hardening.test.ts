/**
 * The crash, hang and wrong-result classes of issue 6, each as the user met it (a child process on
 * the pinned Node 24): every one must end as a clean exit 2 with one line per problem naming the
 * user's field, or as a correct run. Plus signals (SIGTERM during a run), output files (checked
 * before the run, atomic, never replaced without --force, intact after a kill during the write) and
 * flag errors (exit 2, one line). No timed assertions: "does not hang" is the spawn's timeout.
 */
import { spawn, spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, mkdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { compileProblems, readAny } from "../../src/cli/load.ts"
import { formatProblems } from "../../src/scenario/decode.ts"

const root = join(import.meta.dirname, "..", "..")
const main = join(root, "src/cli/main.ts")
const sim = (...args: string[]) => {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: "utf8", timeout: 60_000 })
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal }
}
const tmp = mkdtempSync(join(tmpdir(), "embassy-sim-hard-"))
const baseline = join(root, "scenarios/new-delhi-2025.json")
const base = (): Record<string, any> => JSON.parse(readFileSync(baseline, "utf8"))
let n = 0
/** Written as `1.8e308` in the file (JSON.parse reads it as Infinity; JSON.stringify would write null). */
const HUGE = "\u0000huge"
const file = (content: unknown, raw = false): string => {
  const f = join(tmp, `s${++n}.json`)
  writeFileSync(f, raw ? String(content) : JSON.stringify(content).replaceAll(JSON.stringify(HUGE), "1.8e308"))
  return f
}
/**
 * `validate` in-process (the same functions, without the ~0.4 s start of a process): exit code and
 * stderr as the command would give them. The spawned tests below check that the command is this.
 */
const validateInProcess = (f: string) => {
  const l = readAny(f)
  const problems = !l.ok ? l.problems : l.value.kind === "scenario" ? compileProblems(l.value.scenario) : []
  return { code: problems.length > 0 ? 2 : 0, out: "", err: formatProblems(problems).map((x) => `  ${x}\n`).join(""), signal: null }
}
/** The problem lines (indented) of a user error. */
const problemLines = (err: string) => err.split("\n").filter((l) => l.startsWith("  "))
const expectUserError = (r: ReturnType<typeof sim>, field: RegExp) => {
  expect(r.code, r.err).toBe(2)
  expect(r.out).toBe("")
  expect(r.err).not.toMatch(/\n\s+at |Error:/)
  const lines = problemLines(r.err)
  expect(lines.length).toBeGreaterThan(0)
  expect(lines.some((l) => field.test(l)), r.err).toBe(true)
}

describe("user-supplied names that are also built-in object members", () => {
  for (const name of ["toString", "__proto__", "constructor", "hasOwnProperty", "valueOf"]) {
    test(`"policy": "${name}" is rejected by validate and run; --policy ${name} too`, () => {
      const f = file({ ...base(), policy: name })
      expectUserError(validateInProcess(f), /^ {2}policy: found "/)
      if (name === "toString") {
        expectUserError(sim("run", f, "-r", "1"), /^ {2}policy: found "/)
        expectUserError(sim("run", baseline, "-r", "1", "--policy", name), /--policy: found/)
      }
    })
  }
  test("a policy really named __proto__ is data, and runs", () => {
    const text = JSON.stringify({ ...base(), policy: "__proto__" }).replace('"policies":{', '"policies":{"__proto__":{"description":"proto","rules":[]},')
    const r = sim("run", file(text, true), "-r", "1", "--json")
    expect(r.code, r.err).toBe(0)
    expect(JSON.parse(r.out).provenance.policy).toBe("__proto__")
  })
})

describe("deep nesting", () => {
  test("a value nested 10,000 levels deep, in the file and on both sides of an extends", () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000)
    const f = file(JSON.stringify(base()).replace('"name":', `"deep": ${deep}, "name":`), true)
    expectUserError(sim("validate", f), /nested more than 100 levels/)
    const child = file(`{"extends": ${JSON.stringify(f)}, "description": ${deep}}`, true)
    expectUserError(sim("run", child, "-r", "1"), /nested more than 100 levels/)
    expect(problemLines(validateInProcess(child).err)).toHaveLength(1)
  })
})

describe("validate accepts exactly what run can run, naming the user's field", () => {
  const cases: Array<[string, (s: Record<string, any>) => void, RegExp]> = [
    ["warmupDays 1e9", (s) => { s.warmupDays = 1e9 }, /^ {2}warmupDays: found 1000000000; must be a whole number from 0 to 1,830/],
    ["start 9999-12-31", (s) => { s.start = "9999-12-31" }, /^ {2}start: found "9999-12-31"; must be a real calendar date .* 2000–2099/],
    ["start 0000-01-01", (s) => { s.start = "0000-01-01" }, /^ {2}start: found "0000-01-01"/],
    ["a closed date in year 0", (s) => { s.missions[0].closedDates = ["0000-01-01"] }, /^ {2}missions\[0\]\.closedDates\[0\]: found "0000-01-01"; .*1900–2199/],
    ["lognormal sd 1e300", (s) => { s.migri.dnaLabDays = { dist: "lognormal-mean", mean: 10, sd: 1e300 } }, /^ {2}migri\.dnaLabDays\.sd: found 1e\+300; must be a number > 0 and at most 3,650/],
    ["a lognormal spread of a million", (s) => { s.migri.dnaLabDays = { dist: "lognormal", median: 0.001, p90: 1000 } }, /^ {2}migri\.dnaLabDays\.p90: found 1000; must be at most 1000 × median/],
    ["weekday weight 1.8e308", (s) => { s.missions[0].weekdayProfile[6] = HUGE }, /^ {2}missions\[0\]\.weekdayProfile\[6\]: found a number beyond ±1\.8e308 \(read as Infinity\); must be a finite number/],
    ["weekday weight 1e300", (s) => { s.missions[0].weekdayProfile[6] = 1e300 }, /^ {2}missions\[0\]\.weekdayProfile\[6\]: found 1e\+300; must be a number from 0 to 1,000,000/],
    ["officers 1e300", (s) => { s.missions[0].staff.officers = 1e300 }, /^ {2}missions\[0\]\.staff\.officers: found 1e\+300; must be a number from 0 to 10,000/],
    ["recheckHours 1e300", (s) => { s.migri.subsistence.recheckHours = 1e300 }, /^ {2}migri\.subsistence\.recheckHours: found 1e\+300; must be a number from 0 to 1,000/],
    ["officers 1.8e308", (s) => { s.missions[0].staff.officers = HUGE }, /^ {2}missions\[0\]\.staff\.officers: found a number beyond ±1\.8e308/],
    ["person-years 1.8e308", (s) => { s.migri.pools[0].personYears = HUGE }, /^ {2}migri\.pools\[0\]\.personYears: found a number beyond ±1\.8e308/],
    ["intake of 1e9 days", (s) => { s.intakeDays = 1e9 }, /^ {2}intakeDays: found 1000000000; must be a whole number from 1 to 3,660/],
    ["drain of 1e9 days", (s) => { s.drainDays = 1e9 }, /^ {2}drainDays: found 1000000000/],
    ["annual intake 1e9", (s) => { s.missions[0].arrivals.student.annual = 1e9 }, /^ {2}missions\[0\]\.arrivals\.student\.annual: found 1000000000; must be a number from 0 to 1,000,000/],
    ["annual intakes that pass one by one but not together", (s) => { for (const c of ["student", "worker", "specialist", "fastTrack"]) s.missions[0].arrivals[c].annual = 1e6 }, /^ {2}missions\[0\]\.arrivals\.\w+\.annual: found 1000000; with the other intakes/],
    ["recheckHours 1.8e308", (s) => { s.migri.subsistence.recheckHours = HUGE }, /^ {2}migri\.subsistence\.recheckHours: found a number beyond ±1\.8e308 \(read as Infinity\); must be a finite number/],
    ["productiveHoursPerPersonYear 1.8e308", (s) => { s.migri.productiveHoursPerPersonYear = HUGE }, /^ {2}migri\.productiveHoursPerPersonYear: found a number beyond ±1\.8e308 \(read as Infinity\); must be a finite number/],
    ["decisions per person-year 5e-324 (an overflowing quotient)", (s) => { s.categories.student.decisionsPerPersonYear.main = 5e-324 }, /^ {2}categories\.student\.decisionsPerPersonYear\.main: found 5e-324/],
    ["replications 1e9", (s) => { s.replications = 1e9 }, /^ {2}replications: found 1000000000; must be a whole number from 1 to 10,000/]
  ]
  for (const [label, mutate, expected] of cases) {
    test(label, () => {
      const s = base()
      mutate(s)
      const f = file(s)
      const v = validateInProcess(f)
      expectUserError(v, expected)
      for (const l of problemLines(v.err)) expect(l.length).toBeLessThan(400)
    })
  }
  test("the command gives the same (spawned: validate and run)", () => {
    const s = base()
    s.warmupDays = 1e9
    const f = file(s)
    expectUserError(sim("validate", f), /^ {2}warmupDays: found 1000000000/)
    expectUserError(sim("run", f, "-r", "1"), /^ {2}warmupDays: found 1000000000/)
  })
  test("--replications 1e9 is a flag error, 10,000 the documented limit", () => {
    const r = sim("run", baseline, "-r", "1000000000")
    expect(r.code).toBe(2)
    expect(r.err.trim().split("\n")).toHaveLength(1)
    expect(r.err).toMatch(/--replications.*1 to 10000/)
  })
  test("a wrong rule kind or distribution names the kinds that exist, in one short line", () => {
    const s = base()
    s.policies["main-first-2025"].rules[0].kind = "nope"
    s.migri.dnaLabDays = { dist: "weird", mean: 3 }
    const r = validateInProcess(file(s))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^ {2}policies\.main-first-2025\.rules\[0\]\.kind: found "nope"; must be one of the rule kinds: mainApplicantsFirst, familySlots, jointFamilyAppointment, studyStartFirst, officialAssistance, extraMissionStaff, remoteHearings, moveHandlers, borrowHandlers, dnaAtIdentification$/m)
    expect(r.err).toMatch(/^ {2}migri\.dnaLabDays\.dist: found "weird"; must be one of the distributions: deterministic, exponential, uniform, triangular, lognormal, lognormal-mean, gamma$/m)
    expect(r.err).not.toMatch(/readonly|Expected/)
  })
})

describe("files that are not scenario files", () => {
  test("/dev/zero as the file and as extends: refused at once", () => {
    expectUserError(sim("validate", "/dev/zero"), /not a regular file/)
    expectUserError(sim("run", file({ extends: "/dev/zero" })), /not a regular file/)
  })
  test("a file over the size limit", () => {
    const f = join(tmp, "big.json")
    writeFileSync(f, `{"name": "${"x".repeat(11 * 1024 * 1024)}"}`)
    expectUserError(validateInProcess(f), /a scenario file may have at most 10,485,760/)
  })
  test("a UTF-8 byte-order mark (Windows Notepad) is accepted", () => {
    const f = file("\uFEFF" + readFileSync(baseline, "utf8"), true)
    const r = sim("validate", f)
    expect(r.code, r.err).toBe(0)
  })
  test("NaN and Infinity literals: one line with where and why", () => {
    for (const lit of ["NaN", "Infinity", "-Infinity"]) {
      const text = JSON.stringify(base(), null, 2).replace('"warmupDays": 31', `"warmupDays": ${lit}`)
      const r = lit === "NaN" ? sim("validate", file(text, true)) : { ...validateInProcess(file(text, true)), err: "file\n" + validateInProcess(file(text, true)).err }
      expect(r.code).toBe(2)
      const lines = r.err.trim().split("\n")
      expect(lines).toHaveLength(2) // the file line and one problem
      expect(lines[1]).toMatch(new RegExp(`is not valid JSON at line \\d+, column \\d+: JSON has no ${lit}`))
    }
  })
})

describe("output files", () => {
  test("--out into a missing folder or onto a folder fails before the run, in one line", () => {
    const r1 = sim("run", baseline, "--out", join(tmp, "no-such-dir", "r.json"))
    expectUserError(r1, /--out: found .*the folder .* does not exist/)
    const r2 = sim("run", baseline, "--out", tmp)
    expectUserError(r2, /--out: found .*is a folder/)
  })
  test("an existing file is kept without --force, replaced (and said so) with it", () => {
    const f = join(tmp, "keep.json")
    writeFileSync(f, "previous")
    const r = sim("run", baseline, "-r", "1", "--out", f)
    expectUserError(r, /--out: found .*exists; add --force/)
    expect(readFileSync(f, "utf8")).toBe("previous")
    const r2 = sim("run", baseline, "-r", "1", "--out", f, "--force", "--json")
    expect(r2.code, r2.err).toBe(0)
    expect(r2.err).toMatch(/replaced .*keep\.json/)
    expect(readFileSync(f, "utf8")).toBe(r2.out)
    expect(readdirSync(tmp).filter((x) => x.endsWith(".tmp"))).toEqual([])
  })
  test("a kill during the write leaves the previous file or the new one, never a mix (atomic rename)", async () => {
    const dir = join(tmp, "kill")
    mkdirSync(dir)
    const target = join(dir, "r.json")
    const previous = JSON.stringify({ previous: true })
    writeFileSync(target, previous)
    // a child that writes a 30 MB result over and over through writeFileAtomic; killed at varying moments
    const script = join(dir, "writer.ts")
    writeFileSync(script, `import { writeFileAtomic } from ${JSON.stringify(join(root, "src/cli/io.ts"))}\nconst text = JSON.stringify({ big: "y".repeat(30_000_000) })\nprocess.stdout.write("ready\\n")\nfor (;;) writeFileAtomic(${JSON.stringify(target)}, text)\n`)
    for (let trial = 0; trial < 4; trial++) {
      const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] })
      await new Promise<void>((res) => child.stdout.once("data", () => res()))
      await new Promise((res) => setTimeout(res, 30 + 70 * trial))
      child.kill("SIGKILL")
      await new Promise((res) => child.once("exit", res))
      const text = readFileSync(target, "utf8")
      expect(text === previous || text.length === 30_000_000 + 10, `trial ${trial}: ${text.length} bytes`).toBe(true)
      JSON.parse(text)
    }
  }, 60_000)
})

describe("signals", () => {
  for (const [sig, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) test(`${sig} during a run: stops at the next replication, reports the partial result, exit ${code}, no partial file`, async () => {
    const out = join(tmp, `partial-${sig}.json`)
    const child = spawn(process.execPath, [main, "run", baseline, "-r", "1000", "--json", "--out", out], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = "", stderr = ""
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString() })
    // the estimate line comes after the first replication: the run is under way
    await new Promise<void>((res) => child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); if (/will take about/.test(stderr)) res() }))
    child.kill(sig)
    const exit = await new Promise<number | null>((res) => child.once("exit", (c) => res(c)))
    expect(exit, stderr).toBe(code)
    expect(stderr).toMatch(new RegExp(`${sig} received`))
    expect(stderr).toMatch(new RegExp(`PARTIAL RESULT: stopped by ${sig} after \\d+ of 1000 replications`))
    const res = JSON.parse(stdout)
    expect(res.partial).toMatchObject({ requested: 1000, stoppedBy: sig })
    expect(res.partial.completed).toBeGreaterThanOrEqual(1)
    expect(res.partial.completed).toBeLessThan(1000)
    expect(res.provenance.replications).toBe(res.partial.completed)
    expect(res.summary.groups[0].migriMean.n).toBe(res.partial.completed)
    expect(readFileSync(out, "utf8")).toBe(stdout)
    expect(readdirSync(tmp).filter((x) => x.endsWith(".tmp"))).toEqual([])
  }, 60_000)
})

describe("flag errors", () => {
  for (const args of [["-r", "0"], ["--frobnicate"], ["--seed"]]) {
    test(`run ${args.join(" ")}: exit 2, one line naming the flag, nothing on stdout`, () => {
      const r = sim("run", baseline, ...args)
      expect(r.code).toBe(2)
      expect(r.out).toBe("")
      const lines = r.err.trim().split("\n")
      expect(lines, r.err).toHaveLength(1)
      expect(lines[0]).toMatch(/^embassy-sim: .*(--replications|--frobnicate|--seed).*--help/)
    })
  }
  test("--per-replication without --json or --out says so (exit 2)", () => {
    const r = sim("run", baseline, "-r", "1", "--per-replication")
    expectUserError(r, /--per-replication: found true; adds every replication's metrics to the JSON result/)
  })
  test("--help and no command still print the help (exit 0); policies lists names and descriptions", () => {
    expect(sim("--help").code).toBe(0)
    const p = sim("policies", baseline)
    expect(p.code).toBe(0)
    expect(p.out).toMatch(/^\* main-first-2025 +Students first in June–July/m)
    expect(p.out).toMatch(/^ {2}fifo +First come, first served/m)
  })
})

