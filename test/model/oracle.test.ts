/**
 * Tests that read what the analysts read: every reported outcome metric against an independent
 * recomputation from the per-application trace (test/model/oracle.ts); realised shares of hearings,
 * supplementary requests, DNA samples, negatives and Blue-Card coverage against the scenario's rates;
 * each pool's yearly hours against person-years × productive hours.
 */
import { describe, expect, test } from "vitest"
import { compileScenario, runReplication, type TraceRow } from "../../src/model/embassy.ts"
import { oracleMismatches } from "./oracle.ts"
import { CATS, baselineRaw, baselineWithLevers, decodeOrThrow, scenarioRaw as raw } from "./support.ts"

describe("every reported metric equals its recomputation from the trace", () => {
  const cases: Array<[string, Record<string, any>, string]> = [
    ["baseline, main-first", baselineRaw(), "main-first-2025"],
    ["baseline, FIFO with DNA at identification", baselineRaw(), "dna-at-identification"],
    ["three missions", raw("south-asia-2025.json"), "main-first-2025"],
    ["capacity from staff, rotating consul", raw("new-delhi-2025-staff.json"), "rotating-consul-staff"],
    ["shared Migri staffing", { ...baselineRaw(), migri: { ...baselineRaw().migri, staffing: "shared" } }, "fifo"],
    ["the 2026 season with seasonal workers, capacity from staff, remote hearings", raw("mission-staff/new-delhi-2026.json"), "remote-hearings"]
  ]
  for (const [name, json, policy] of cases) {
    test(name, () => {
      const s = decodeOrThrow({ ...json, policy })
      const cs = compileScenario(s, policy)
      expect(oracleMismatches(cs, runReplication(cs, 0, { trace: true }))).toEqual([])
    })
  }
  test("moved and borrowed handlers", () => {
    const s = decodeOrThrow({ ...baselineWithLevers("work", 5, 1, 2), policy: "levers" })
    const cs = compileScenario(s, "levers")
    expect(oracleMismatches(cs, runReplication(cs, 1, { trace: true }))).toEqual([])
  })
})

describe("realised shares match the scenario's rates", () => {
  // Four replications of the baseline (FIFO) pooled: ~20,000 main applicants and ~17,000 family
  // members arrive in the reported year. Each share is drawn per application, independently, so the
  // realised share is binomial around the scenario's rate; a check fails when it is more than 4.5
  // standard errors away: false-alarm rate 6.8e-6 per check, < 2e-4 over the 24 checks (fixed seeds,
  // so in fact the outcome is deterministic; the bound says how unlucky a seed would have to be).
  const s = decodeOrThrow({ ...baselineRaw(), policy: "fifo" })
  const cs = compileScenario(s, "fifo")
  const rows: TraceRow[] = []
  for (let rep = 0; rep < 4; rep++) rows.push(...runReplication(cs, rep, { trace: true }).trace!.filter((r) => r.reported))
  const within = (what: string, hits: number, n: number, p: number) => {
    const se = Math.sqrt((p * (1 - p)) / n)
    expect(Math.abs(hits / n - p), `${what}: ${hits}/${n} against ${p}`).toBeLessThanOrEqual(4.5 * se + 1e-12)
  }
  for (const c of CATS) {
    const cat = s.categories[c]
    const main = rows.filter((r) => r.category === c && r.role === "main")
    const fam = rows.filter((r) => r.category === c && r.role === "family")
    test(`${c}: hearings, supplementary requests, negatives (main applicants); DNA and negatives (family)`, () => {
      within(`${c} hearings`, main.filter((r) => r.hearing).length, main.length, cat.hearingRate.main)
      within(`${c} supplementary`, main.filter((r) => r.supplementary).length, main.length, cat.supplementaryRate.main)
      within(`${c} negatives`, main.filter((r) => !r.positive).length, main.length, 1 - cat.positiveShare.main)
      within(`${c} family hearings`, fam.filter((r) => r.hearing).length, fam.length, cat.hearingRate.family)
      within(`${c} family negatives`, fam.filter((r) => !r.positive).length, fam.length, 1 - cat.positiveShare.family)
      if (cat.dnaRate > 0) within(`${c} family DNA`, fam.filter((r) => r.dna).length, fam.length, cat.dnaRate)
      else expect(fam.filter((r) => r.dna).length).toBe(0)
      expect(main.filter((r) => r.dna).length, "DNA is for family members only").toBe(0)
    })
  }
  test("the 7-day target covers every specialist and the stated share of other fast track (EU Blue Card)", () => {
    const spec = rows.filter((r) => r.category === "specialist" && r.role === "main")
    expect(spec.every((r) => r.covered)).toBe(true)
    const ft = rows.filter((r) => r.category === "fastTrack" && r.role === "main")
    within("Blue Card share", ft.filter((r) => r.covered).length, ft.length, s.categories.fastTrack.positiveTargetShare ?? 1)
    expect(rows.filter((r) => r.role === "family" || r.category === "student" || r.category === "worker").some((r) => r.covered)).toBe(false)
  })
})

describe("Migri's hours", () => {
  test("each pool offers person-years × productive hours over the reported year; moves and borrowing keep the total", () => {
    const j = baselineWithLevers("family", 3, 2, 2)
    const s = decodeOrThrow({ ...j, policy: "fifo" })
    const fixed = runReplication(compileScenario(s, "fifo"), 0).result
    for (const p of fixed.migri.pools) expect(p.hoursOffered / (p.personYears * s.migri.productiveHoursPerPersonYear)).toBeCloseTo(1, 9)
    const moved = runReplication(compileScenario(s, "levers"), 0).result
    const total = (r: typeof fixed) => r.migri.pools.reduce((a, p) => a + p.hoursOffered, 0)
    expect(total(moved) / total(fixed)).toBeCloseTo(1, 9)
    expect(moved.migri.pools.find((p) => p.id === "study")!.hoursOffered).toBeGreaterThan(fixed.migri.pools.find((p) => p.id === "study")!.hoursOffered)
    expect(moved.migri.pools.find((p) => p.id === "family")!.borrowedPersonDays).toBeGreaterThan(0)
    const shared = runReplication(compileScenario(decodeOrThrow({ ...j, policy: "fifo", migri: { ...j.migri, staffing: "shared" } }), "fifo"), 0).result
    expect(shared.migri.pools.map((p) => p.id)).toEqual(["shared"])
    expect(total(shared) / total(fixed)).toBeCloseTo(1, 9)
  })
})

describe("each step takes its time", () => {
  test("a case with a supplementary request, hearing or DNA sample is decided no sooner than the answer, report or lab result allows", () => {
    // deterministic delays, so that each bound is exact: answer 20 d, hearing report 3 d, lab 40 d
    const j = baselineRaw()
    j.migri.supplementary.responseDays = { dist: "deterministic", value: 20 }
    j.migri.dnaLabDays = { dist: "deterministic", value: 40 }
    j.categories.student.dnaRate = 0.2
    const s = decodeOrThrow({ ...j, policy: "fifo" })
    const trace = runReplication(compileScenario(s, "fifo"), 0, { trace: true }).trace!.filter((r) => !Number.isNaN(r.decided))
    const t = (r: TraceRow) => r.decided - r.identified
    const supp = trace.filter((r) => r.supplementary), hear = trace.filter((r) => r.hearing), dna = trace.filter((r) => r.dna)
    expect(Math.min(supp.length, hear.length, dna.length)).toBeGreaterThan(50)
    for (const r of supp) expect(t(r), `application ${r.id}`).toBeGreaterThanOrEqual(20)
    for (const r of hear) expect(t(r), `application ${r.id}`).toBeGreaterThanOrEqual(s.migri.hearingReportDays)
    for (const r of dna) expect(t(r), `application ${r.id}`).toBeGreaterThanOrEqual(40)
    for (const r of trace.filter((x) => x.supplementary && x.dna)) expect(t(r)).toBeGreaterThanOrEqual(60)
  })
})
