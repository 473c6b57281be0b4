/**
 * The page's pure helpers, without a browser: `extends` resolution gives what the CLI's loader gives
 * for every bundled scenario; the URL state survives a round trip; the Finnish-Excel CSV holds the
 * same table as the CLI's CSV.
 */
import { readdirSync, readFileSync } from "node:fs"
import { csvParse, dsvFormat } from "d3-dsv"
import { describe, expect, it } from "vitest"
import { readScenarioObject, loadScenario } from "../../src/cli/load.ts"
import { finnishCsv, plainCsv } from "../../src/charts/export.ts"
import { runScenario } from "../../src/experiment/run.ts"
import { resolveExtends } from "../../web/resolve.ts"
import { decodeState, encodeState, type PageState } from "../../web/url-state.ts"

const files = readdirSync("scenarios").filter((f) => f.endsWith(".json"))
const read = (n: string): unknown => (files.includes(n) ? JSON.parse(readFileSync(`scenarios/${n}`, "utf8")) : undefined)

describe("the page's pure helpers", () => {
  it("resolves extends like the CLI for every bundled scenario", () => {
    for (const f of files) {
      const cli = readScenarioObject(`scenarios/${f}`)
      const web = resolveExtends(f, read(f), read)
      expect(web.ok && cli.ok).toBe(true)
      if (web.ok && cli.ok) expect(web.value).toEqual(cli.value)
    }
    const cyc = resolveExtends("a.json", { extends: "a.json" }, () => ({ extends: "a.json" }))
    expect(cyc.ok).toBe(false)
    const missing = resolveExtends("x.json", { extends: "nowhere.json" }, () => undefined)
    expect(!missing.ok && missing.problems[0]!.path).toBe("extends")
  })

  it("keeps the view in the URL: a file, options, edits, language survive a round trip", async () => {
    const s: PageState = { scenario: "new-delhi-2025.json", file: { name: "mine", missions: [] }, fileName: "mine.json", options: ["fifo", "a b,c%"], replications: 7, seed: "x1", lang: "fi", basis: "application", edits: [[["missions", 0, "identification", "slotsPerDay"], 70]], bothStaffing: true, ran: true }
    const back = await decodeState(new URLSearchParams(await encodeState(s)))
    expect(back).toEqual({ file: s.file, fileName: "mine.json", options: ["fifo", "a b,c%"], replications: 7, seed: "x1", lang: "fi", basis: "application", edits: s.edits, bothStaffing: true, run: true })
    expect(await decodeState(new URLSearchParams("r=0&lang=xx&e=%%%&f=bad"))).toEqual({ bothStaffing: false, run: false })
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
