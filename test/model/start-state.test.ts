/**
 * The stated start (scenario field `startState`) and the run's early end with the cohort's last
 * decision: what they put in the world on the first day, that they move none of the simulated
 * intake's draws, that the early end changes no reported figure, and bad input.
 */
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { compileScenario, runReplication, type TraceRow } from "../../src/model/embassy.ts"
import { decodeScenario } from "../../src/scenario/decode.ts"
import { GROUPS } from "../../src/scenario/names.ts"
import { startWords } from "../../src/cli/format.ts"
import { ROOT, baselineRaw, decodeOrThrow, groupOf } from "./support.ts"

/** The baseline cut to a short year (Dec warm-up from the stated backlog, Jan–Apr reported). */
const shortBaseline = (): Record<string, any> => {
  const s = baselineRaw()
  s.intakeDays = 120; s.drainDays = 120
  return s
}
const countsOf = (rows: TraceRow[]) => {
  const out: Record<string, number> = Object.fromEntries(GROUPS.map((g) => [g, 0]))
  for (const r of rows) out[groupOf(r)]!++
  return out
}

describe("the stated backlog on the first day", () => {
  const raw = shortBaseline()
  const sc = decodeOrThrow(raw)
  const state = sc.startState!.missions["new-delhi"]!
  const run = runReplication(compileScenario(sc, "fifo"), 0, { trace: true })
  const tr = run.trace!
  const backlog = tr.filter((r) => r.origin === "backlog")

  test("holds exactly the stated applicants per group, waiting or pending, from before the first day", () => {
    // waiting for the appointment: applied before day 0, identified in the run (or still waiting)
    const waiting = backlog.filter((r) => !(r.identified < 0))
    const pending = backlog.filter((r) => r.identified < 0)
    expect(countsOf(waiting)).toEqual(state.waitingForAppointment)
    expect(countsOf(pending)).toEqual(state.pendingAtMigri)
    // past the first handling: their first handling is dated at their identification
    expect(countsOf(pending.filter((r) => r.firstHandled === r.identified))).toEqual(state.pastFirstHandling)
    for (const r of backlog) { expect(r.arrival).toBeLessThan(0); expect(r.reported).toBe(false) }
    for (const r of waiting) if (!Number.isNaN(r.identified)) expect(r.identified).toBeGreaterThanOrEqual(0)
    // a pending case applied the FIFO wait the group's waiting backlog implies before its identification
    for (const g of GROUPS) {
      const waits = new Set(pending.filter((r) => groupOf(r) === g).map((r) => (r.identified - r.arrival).toFixed(6)))
      if (state.pendingAtMigri[g as keyof typeof state.pendingAtMigri] > 0 && state.waitingForAppointment[g as keyof typeof state.waitingForAppointment] > 0) {
        expect(waits.size, g).toBe(1)
        expect(Number([...waits][0]), g).toBeGreaterThan(1)
      }
    }
    // cases stated pending are decided in the run and were not identified again
    expect(pending.filter((r) => Number.isNaN(r.decided))).toHaveLength(0)
  })

  test("under FIFO the stated waiting applicants are identified before anyone who applies in the run (within a category's queue)", () => {
    const firstNew = Math.min(...tr.filter((r) => r.origin === "simulated" && !Number.isNaN(r.identified) && r.category === "student").map((r) => r.identified))
    const lastOld = Math.max(...backlog.filter((r) => r.category === "student" && r.identified >= 0).map((r) => r.identified))
    expect(lastOld).toBeLessThanOrEqual(firstNew + 1) // the same day at the latest (fast track and ordering keys by deadline)
    expect(backlog.filter((r) => r.identified >= 0).length).toBeGreaterThan(500)
  })

  test("family to follow: members of the year before's main applicants apply in the run; their main counts as decided before day 0", () => {
    const before = new Set(tr.filter((r) => r.origin === "before-start").map((r) => r.id))
    for (const id of before) { const m = tr[id]!; expect(m.decided).toBeLessThan(0); expect(Number.isNaN(m.identified)).toBe(true) }
    const followers = tr.filter((r) => r.origin === "simulated" && r.role === "family" && before.has(r.main))
    expect(followers.length).toBeGreaterThan(100)
    for (const f of followers) { expect(f.arrival).toBeGreaterThanOrEqual(0); expect(f.withMain).toBe(false) }
    // some of them are in the reported cohort, and reported as such
    expect(followers.some((f) => f.reported)).toBe(true)
    // without it, nobody follows a main applicant from before the start
    const { familyToFollow: _f, ...noFollow } = raw.startState
    const t2 = runReplication(compileScenario(decodeOrThrow({ ...raw, startState: noFollow }), "fifo"), 0, { trace: true }).trace!
    const before2 = new Set(t2.filter((r) => r.origin === "before-start").map((r) => r.id))
    expect(t2.filter((r) => r.origin === "simulated" && r.role === "family" && before2.has(r.main))).toHaveLength(0)
  })

  test("moves none of the simulated intake's draws (common random numbers): the same applicants with the same attributes", () => {
    const { startState: _s, ...empty } = raw
    const t0 = runReplication(compileScenario(decodeOrThrow(empty), "fifo"), 0, { trace: true }).trace!
    const key = (r: TraceRow) => [r.category, r.role, r.arrival, r.positive, r.hearing, r.supplementary, r.dna, r.highRisk, r.studyStart, r.withMain].join("|")
    const mains = (t: TraceRow[]) => t.filter((r) => r.origin === "simulated" && (r.role === "main" || t[r.main]!.origin === "simulated")).map(key).sort()
    // (a family member of a main applicant of the year before exists only with the stated start)
    expect(mains(tr)).toEqual(mains(t0))
    // and it changes what happens to them: the appointment queue is not empty on day 0
    const wait = (t: TraceRow[]) => t.filter((r) => r.reported && !Number.isNaN(r.identified)).reduce((a, r) => a + r.identified - r.arrival, 0)
    expect(wait(tr)).toBeGreaterThan(wait(t0))
  })
})

describe("the run ends with the cohort's last decision", () => {
  test("and every reported figure is the one a run to the horizon gives (byte for byte); only totals differ", () => {
    for (const [file, policy] of [["new-delhi-2025.json", "main-first-2025"], ["new-delhi-2025.json", "joint-family"]] as const) {
      const sc = decodeOrThrow({ ...baselineRaw(), intakeDays: 150, drainDays: 200 })
      const cs = compileScenario(sc, policy)
      // a traced run goes on to the horizon (traces of policies compare applicant by applicant)
      const early = runReplication(cs, 2).result, full = runReplication(cs, 2, { trace: true }).result
      const strip = (r: object) => JSON.stringify({ ...r, totals: undefined }, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))
      expect(strip(early), file).toBe(strip(full))
      expect(early.totals.events).toBeLessThan(full.totals.events)
      expect(early.groups.every((g) => g.pendingAtHorizon === 0 && g.waitingForIdAtHorizon === 0)).toBe(true)
    }
  })
})

describe("bad input: one line naming the field", () => {
  const problems = (edit: (s: Record<string, any>) => void) => {
    const s = baselineRaw(); edit(s)
    const d = decodeScenario(s)
    return d.ok ? [] : d.problems.map((p) => `${p.path}: ${p.message}`)
  }
  test.each([
    ["a date that is not the first day", (s: Record<string, any>) => { s.warmupDays = 60 }, /^startState\.date: .*start − warmupDays = 2024-11-02/],
    ["an unknown mission", (s: Record<string, any>) => { s.startState.missions.kathmandu = s.startState.missions["new-delhi"] }, /^startState\.missions\.kathmandu: must be one of the missions: new-delhi/],
    ["a mission without a state", (s: Record<string, any>) => { s.missions.push({ ...s.missions[0], id: "dhaka" }) }, /^startState\.missions: needs the state of mission dhaka/],
    ["more past the first handling than pending", (s: Record<string, any>) => { s.startState.missions["new-delhi"].pastFirstHandling.worker = 1000 }, /^startState\.missions\.new-delhi\.pastFirstHandling\.worker: must not exceed pendingAtMigri\.worker/],
    ["a negative count", (s: Record<string, any>) => { s.startState.missions["new-delhi"].waitingForAppointment.student = -3 }, /^startState\.missions\.new-delhi\.waitingForAppointment\.student: .*whole number from 0 to 1,000,000/],
    ["an unknown group", (s: Record<string, any>) => { s.startState.missions["new-delhi"].waitingForAppointment.students = 3 }, /^startState\.missions\.new-delhi\.waitingForAppointment\.students/]
  ])("%s", (_name, edit, expected) => {
    const p = problems(edit)
    expect(p.length, p.join("\n")).toBeGreaterThan(0)
    expect(p.some((x) => expected.test(x)), p.join("\n")).toBe(true)
  })
})

describe("npm run start-state", () => {
  test("prints a startState that the scenario accepts, with the date asked for", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts/start-state.ts"), join(ROOT, "scenarios/new-delhi-2025.json"), "--date", "2024-12-01", "--years", "1", "--replications", "2"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 })
    expect(r.status, r.stderr).toBe(0)
    const st = JSON.parse(r.stdout)
    expect(st.date).toBe("2024-12-01")
    expect(st.source).toMatch(/npm run start-state/)
    expect(st.missions["new-delhi"].waitingForAppointment.student).toBeGreaterThan(0)
    expect(decodeScenario({ ...baselineRaw(), startState: st }).ok).toBe(true)
    const bad = spawnSync(process.execPath, [join(ROOT, "scripts/start-state.ts"), join(ROOT, "scenarios/new-delhi-2025.json")], { cwd: ROOT, encoding: "utf8" })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/^start-state: --date is required/)
  })
})

describe("the run's text says what it starts from", () => {
  test("the stated backlog with its size and source, or empty queues with the warm-up", () => {
    const sc = decodeOrThrow(baselineRaw())
    const st = sc.startState!.missions["new-delhi"]!
    const waiting = Object.values(st.waitingForAppointment).reduce((a, b) => a + b, 0)
    expect(startWords(sc)).toMatch(new RegExp(`^Start: the backlog stated for 2024-12-01 \\(${waiting.toLocaleString("en-GB")} waiting for an appointment, .* pending at Migri; the model's steady state; with the family members still to follow\\), 31 days before 2025-01-01\\.$`))
    const { startState: _s, ...empty } = baselineRaw()
    expect(startWords(decodeOrThrow({ ...empty, warmupDays: 365 }))).toBe("Start: empty queues, 365 days of warm-up before 2025-01-01.")
  })
})
