/**
 * The page's pure helpers, without a browser: the page reads every bundled scenario and pack (their
 * `extends` resolved by the shared src/scenario/resolve.ts over the bundled files) as the CLI's
 * loader does; a pack that names files the page lacks, or two runs of one label, is refused naming
 * the field; the URL state survives a round trip; the Finnish-Excel CSV holds the same table as the
 * CLI's CSV.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { csvParse, dsvFormat } from "d3-dsv"
import { describe, expect, it } from "vitest"
import { readAny, readScenarioObject, loadScenario } from "../../src/cli/load.ts"
import { finnishCsv, plainCsv } from "../../src/charts/export.ts"
import { runScenario } from "../../src/experiment/run.ts"
import { resolveScenario } from "../../src/scenario/resolve.ts"
import { loadPack, readerWith, ROOT } from "../../web/files.ts"
import { decodeState, encodeState, type PageState } from "../../web/url-state.ts"

// what the page bundles (web/main.ts: import.meta.glob), by path under scenarios/
const bundled = new Map(["", "shared-staffing/", "mission-staff/", "packs/"].flatMap((d) => readdirSync(`scenarios/${d}`).filter((f) => f.endsWith(".json")).map((f) => [`${d}${f}`, JSON.parse(readFileSync(`scenarios/${d}${f}`, "utf8")) as unknown] as const)))
const read = readerWith(bundled, new Map())

describe("the page's pure helpers", () => {
  it("resolves extends like the CLI for every bundled scenario, also the shared-staffing variants (extends ../…)", () => {
    const scenarios = [...bundled.keys()].filter((k) => !k.startsWith("packs/"))
    expect(scenarios.some((k) => k.startsWith("shared-staffing/"))).toBe(true)
    expect(scenarios.some((k) => k.startsWith("mission-staff/"))).toBe(true)
    for (const f of scenarios) {
      const cli = readScenarioObject(`scenarios/${f}`)
      const web = resolveScenario(`${ROOT}/${f}`, read)
      expect(web.ok && cli.ok, f).toBe(true)
      if (web.ok && cli.ok) expect(web.value, f).toEqual(cli.value)
    }
    const cyc = resolveScenario(`${ROOT}/a.json`, readerWith(bundled, new Map([[`${ROOT}/a.json`, { extends: "a.json" }]])))
    expect(cyc.ok).toBe(false)
    const missing = resolveScenario(`${ROOT}/x.json`, readerWith(bundled, new Map([[`${ROOT}/x.json`, { extends: "nowhere.json" }]])))
    expect(!missing.ok && missing.problems[0]!.path).toBe("extends (nowhere.json)")
    if (!missing.ok) expect(missing.problems[0]!.message).toMatch(/is not one of the page's files/)
  })

  it("reads every bundled pack as `run <pack>` does: the same labels, and each run's scenario as the CLI resolves it", () => {
    const packs = [...bundled.keys()].filter((k) => k.startsWith("packs/"))
    expect(packs).toContain("packs/january-2026.json")
    for (const f of packs) {
      const cli = readAny(`scenarios/${f}`)
      const web = loadPack(`${ROOT}/${f}`, bundled.get(f) as Record<string, unknown>, read)
      if (!cli.ok || cli.value.kind !== "pack" || !web.ok) throw new Error(`${f} does not load`)
      expect(web.value.runs.map((r) => r.label)).toEqual(cli.value.pack.labels)
      web.value.runs.forEach((r, i) => {
        // the page records scenarios/<path> as the scenario file: the CLI's, relative to the repository
        expect(resolve(r.path.slice(1))).toBe(cli.value.kind === "pack" ? cli.value.pack.files[i] : "")
        const o = readScenarioObject(join("scenarios", r.path.slice(ROOT.length + 1)))
        expect(o.ok && r.raw).toEqual(o.ok && o.value)
      })
    }
    // a pack loaded from elsewhere names the bundled files by their last segments
    const moved = loadPack("/home/me/january.json", bundled.get("packs/january-2026.json") as Record<string, unknown>, read)
    expect(moved.ok && moved.value.runs.length).toBe(39)
  })

  it("refuses a pack that names a file the page lacks or gives two runs one label, naming the field", () => {
    const bad = loadPack(`${ROOT}/packs/mine.json`, { kind: "pack", name: "mine", scenarios: [{ file: "../new-delhi-2026.json", label: "A" }, { file: "../no-such.json", label: "B" }] }, read)
    expect(bad.ok ? [] : bad.problems.map((p) => [p.path, p.message.slice(0, 36)])).toEqual([["scenarios[1] (B): file", "is not one of the page's files (it h"]])
    const twice = loadPack(`${ROOT}/packs/mine.json`, { kind: "pack", name: "mine", scenarios: [{ file: "../new-delhi-2026.json", label: "A" }, { file: "../new-delhi-2026.json", label: "A" }], replications: 0 }, read)
    expect(twice.ok ? [] : twice.problems.map((p) => p.path)).toEqual(["scenarios[1].label", "replications"])
  })

  it("keeps the view in the URL: a file, options, edits, language survive a round trip", async () => {
    const s: PageState = { scenario: "new-delhi-2025.json", pack: undefined, file: { name: "mine", missions: [] }, fileName: "mine.json", options: ["fifo", "a b,c%"], replications: 7, seed: "x1", lang: "fi", basis: "application", edits: [[["missions", 0, "identification", "slotsPerDay"], 70]], bothStaffing: true, ran: true }
    const back = await decodeState(new URLSearchParams(await encodeState(s)))
    expect(back).toEqual({ file: s.file, fileName: "mine.json", options: ["fifo", "a b,c%"], replications: 7, seed: "x1", lang: "fi", basis: "application", edits: s.edits, bothStaffing: true, run: true })
    expect(await decodeState(new URLSearchParams("r=0&lang=xx&e=%%%&f=bad"))).toEqual({ bothStaffing: false, run: false })
    // a bundled pack by its file name under scenarios/packs/ (nothing else: not a path)
    const p = await decodeState(new URLSearchParams(await encodeState({ ...s, file: undefined, fileName: undefined, pack: "january-2026.json", options: ["FIFO", "joint family"] })))
    expect([p.pack, p.scenario, p.options]).toEqual(["january-2026.json", undefined, ["FIFO", "joint family"]])
    expect((await decodeState(new URLSearchParams("pk=../x.json"))).pack).toBeUndefined()
  })

  it("writes the Finnish-Excel CSV with a BOM, semicolons and decimal commas, same cells as the CLI's CSV", () => {
    const sc = loadScenario("scenarios/new-delhi-2025.json")
    if (!sc.ok) throw new Error("baseline does not load")
    const r = { ...runScenario(sc.value, { replications: 2 }).result }
    const named = { ...r, provenance: { ...r.provenance, scenarioName: 'New; "Delhi"' } }
    const plain = csvParse(plainCsv([named]))
    const text = finnishCsv([named])
    expect(text.startsWith("\uFEFF")).toBe(true)
    expect(text).toContain("\r\n")
    const fi = dsvFormat(";").parse(text.slice(1).replace(/\r\n/g, "\n"))
    expect(fi.length).toBe(plain.length)
    expect(fi[0]!.scenario).toBe('New; "Delhi"')
    for (let i = 0; i < plain.length; i += 37) for (const k of ["mean", "sd", "ci_low", "ci_high"]) expect(fi[i]![k]!.replace(",", ".")).toBe(plain[i]![k])
  })
})
