/**
 * The page and the report in Debian's Chromium (playwright-core): build, `vite preview` on
 * 127.0.0.1, run the baseline with two options × 20 replications, check every chart drew marks and
 * labelled axes, the exports download and parse, the URL restores the view, a bad file shows a field
 * error, hostile names run no script, the console stays clean; the report opens from file:// with no
 * network; the browser's results equal the CLI's byte for byte. Skipped, with a message, when
 * /usr/bin/chromium is missing (.ci/run installs it). Timings are recorded (dist/web-timings.json),
 * never asserted. No statistics here, so no false-alarm rate.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { gzipSync } from "node:zlib"
import { csvParse, dsvFormat } from "d3-dsv"
import ExcelJS from "exceljs"
import { chromium, type Browser, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CSV_HEADER } from "../../src/present/csv.ts"
import { loadScenario } from "../../src/cli/load.ts"
import { makeReport } from "../../src/cli/report.ts"
import { runScenario } from "../../src/experiment/run.ts"
import { shortScenarioObject } from "../experiment/support.ts"

const CHROMIUM = "/usr/bin/chromium"
const HAVE = existsSync(CHROMIUM)
if (!HAVE) console.warn(`test/web: skipped, ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does this)`)

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
const PORT = 4291
const BASE = `http://127.0.0.1:${PORT}/`
const OUT = resolve("dist/test-web")
const HOSTILE = `<img src=x onerror="window.__pwned=1">`

let server: ChildProcess | undefined
let browser: Browser | undefined
const consoleProblems: string[] = []

const watch = (page: Page, name: string): Page => {
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") consoleProblems.push(`${name} ${m.type()}: ${m.text()}`) })
  page.on("pageerror", (e) => consoleProblems.push(`${name} pageerror: ${e.message}`))
  return page
}
const newPage = async (name: string): Promise<Page> => watch(await (await browser!.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })).newPage(), name)

const waitDone = (page: Page) => page.waitForSelector("body[data-status=done], body[data-status=error]", { timeout: 180_000 })

/** A fresh page with a scenario file loaded and 2 replications set, ready to run. */
const pageWithFile = async (name: string, file: string): Promise<Page> => {
  const p = await newPage(name)
  await p.goto(`${BASE}#lang=en`)
  await p.waitForSelector("body[data-ready]")
  await p.setInputFiles("#scenario-file", file)
  await p.waitForSelector(`body[data-loaded="${file.split("/").pop()}"]`)
  await p.fill("#replications", "2")
  await p.locator("#replications").dispatchEvent("change")
  await p.waitForFunction(() => !(document.getElementById("run") as HTMLButtonElement).disabled)
  return p
}

const download = async (page: Page, selector: string): Promise<Buffer> => {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(selector)])
  const path = await d.path()
  return readFileSync(path)
}

/** Every chart: at least one drawn mark, tick labels on the axes, a labelled value axis. */
/** The report of `input` (a result file or folder), its problems thrown as an error. */
const reportHtml = async (input: string): Promise<string> => {
  const rep = await makeReport(input, "en")
  if (!rep.ok) throw new Error(rep.problems.map((x) => x.message).join("; "))
  return rep.html
}
/** Writes a report to OUT/<name>.html and opens it from file:// once it has drawn; `before` sees the page before it loads. */
const openReport = async (html: string, name: string, before?: (p: Page) => void): Promise<Page> => {
  writeFileSync(join(OUT, `${name}.html`), html)
  const r = await newPage(name)
  before?.(r)
  await r.goto(pathToFileURL(join(OUT, `${name}.html`)).href)
  await r.waitForSelector("body[data-status=done]")
  return r
}
const checkCharts = async (page: Page): Promise<Array<{ id: string; marks: number; ticks: number; labels: number }>> =>
  page.$$eval("svg.chart-svg", (svgs) => svgs.map((svg) => {
    const marks = [...svg.querySelectorAll(".mark path, .mark rect, .mark circle, .mark line")].filter((e) => {
      const d = e.getAttribute("d"); const w = e.getAttribute("width"); const h = e.getAttribute("height")
      return e.tagName === "path" ? (d ?? "").length > 10 : e.tagName === "rect" ? Number(w) > 0 && Number(h) > 0 : true
    }).length
    const ticks = [...svg.querySelectorAll(".axis .tick text")].filter((t) => (t.textContent ?? "").trim().length > 0).length
    const labels = [...svg.querySelectorAll(".axis-label")].filter((t) => (t.textContent ?? "").trim().length > 0).length
    return { id: svg.getAttribute("data-chart") ?? "", marks, ticks, labels }
  }))

describe.skipIf(!HAVE)("the web page and the report in Chromium", () => {
  let page: Page
  const timings: Record<string, number> = {}

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    const b = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "error"], { encoding: "utf8" })
    if (b.status !== 0) throw new Error(`vite build failed: ${b.stderr}`)
    server = spawn(process.execPath, ["node_modules/vite/bin/vite.js", "preview", "--port", String(PORT), "--strictPort", "--host", "127.0.0.1"], { stdio: "ignore" })
    for (let i = 0; i < 100; i++) {
      try { if ((await fetch(BASE)).ok) break } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 100))
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
    page = await newPage("page")
    await page.goto(`${BASE}#s=new-delhi-2025.json&o=main-first-2025,fifo&r=20&lang=en`)
    await page.waitForSelector("body[data-ready]")
    await page.click("#run")
    await waitDone(page)
  })

  afterAll(async () => {
    await browser?.close()
    server?.kill()
    if (Object.keys(timings).length > 0) writeFileSync("dist/web-timings.json", JSON.stringify(timings, null, 2) + "\n")
  })

  it("runs the baseline with two options and draws every chart with marks and labelled axes", async () => {
    expect(await page.getAttribute("body", "data-status")).toBe("done")
    const charts = await checkCharts(page)
    expect(charts.map((c) => c.id)).toEqual(["demand", "queues", "scoreboard", "distribution", "options", "families", "hours"])
    for (const c of charts) {
      expect(c.marks, c.id).toBeGreaterThan(1)
      expect(c.ticks, c.id).toBeGreaterThan(3)
      expect(c.labels, c.id).toBeGreaterThan(0)
    }
    expect(await page.locator("#scoreboard table").count()).toBe(1)
    timings.firstChartsMs = Number(await page.getAttribute("body", "data-first-charts-ms"))
    timings.completeMs = Number(await page.getAttribute("body", "data-done-ms"))
    timings.meanReplicationMs = Number(await page.getAttribute("body", "data-rep-ms"))
    timings.drawMs = Number(await page.getAttribute("body", "data-draw-ms"))
    console.log(`baseline, 2 options × 20 replications in the browser: first charts ${timings.firstChartsMs} ms, complete ${timings.completeMs} ms (${timings.meanReplicationMs} ms per replication per worker; the last draw of the scoreboard and charts ${timings.drawMs} ms)`)
    await page.screenshot({ path: join(OUT, "page.png"), fullPage: true, clip: { x: 0, y: 0, width: 1400, height: 2300 } })
    // each chart on its own, to look at (not kept in the repository)
    for (const c of charts) await page.locator(`figure[data-chart=${c.id}]`).screenshot({ path: join(OUT, `chart-${c.id}.png`) })
    // Migri's basis (decisions made in the month) by default; the toggle redraws chart 3 by month of application
    expect(await page.textContent("svg[data-chart=scoreboard] .chart-title")).toContain("month of decision")
    await page.check("#basis-application")
    await expect.poll(async () => page.textContent("svg[data-chart=scoreboard] .chart-title")).toContain("month of application")
    await page.check("#basis-decision")
    await expect.poll(async () => page.textContent("svg[data-chart=scoreboard] .chart-title")).toContain("month of decision")
  })

  it("gives the same results as the CLI for the same scenario and seed, byte for byte", async () => {
    const json = JSON.parse((await download(page, "[data-export=json]")).toString("utf8")) as { kind: string; runs: Array<{ label: string; result: unknown }> }
    expect(json.kind).toBe("embassy-sim/pack")
    writeFileSync(join(OUT, "page-results.json"), JSON.stringify(json, null, 2) + "\n")
    const loaded = loadScenario("scenarios/new-delhi-2025.json")
    if (!loaded.ok) throw new Error("baseline does not load")
    // one option is enough to compare (the CLI takes a few seconds per option): the one run with --policy
    for (const run of json.runs.filter((r) => r.label === "fifo")) {
      // what `embassy-sim run scenarios/new-delhi-2025.json --policy <p> --json --per-replication` prints
      const cli = runScenario(loaded.value, { policy: run.label, perReplication: true, scenarioFile: "scenarios/new-delhi-2025.json" }).result
      expect(JSON.stringify(run.result, null, 2)).toBe(JSON.stringify(cli, null, 2))
    }
  })

  it("a run after the seed is changed equals the CLI's for that seed (the workers started the page's first jobs ahead with the scenario's seed)", async () => {
    const p = await newPage("seed")
    await p.goto(`${BASE}#s=new-delhi-2025.json&o=fifo&r=2&lang=en`)
    await p.waitForSelector("body[data-ready]")
    await p.fill("#seed", "7")
    await p.locator("#seed").dispatchEvent("change")
    await p.click("#run")
    await waitDone(p)
    // one option: the export is the run's result itself, as `run --json`
    const json = JSON.parse((await download(p, "[data-export=json]")).toString("utf8")) as { provenance: { seed: unknown } }
    expect(json.provenance.seed).toBe(7)
    const loaded = loadScenario("scenarios/new-delhi-2025.json")
    if (!loaded.ok) throw new Error("baseline does not load")
    const cli = runScenario(loaded.value, { policy: "fifo", seed: 7, replications: 2, perReplication: true, scenarioFile: "scenarios/new-delhi-2025.json" }).result
    expect(JSON.stringify(json, null, 2)).toBe(JSON.stringify(cli, null, 2))
    await p.context().close()
  })

  it("exports CSV (plain and Finnish Excel) and XLSX that parse", async () => {
    const csv = csvParse((await download(page, "[data-export=csv]")).toString("utf8"))
    expect(csv.columns).toEqual(CSV_HEADER)
    expect(new Set(csv.map((r) => r.policy))).toEqual(new Set(["main-first-2025", "fifo"]))
    const mean = csv.find((r) => r.policy === "fifo" && r.metric === "groups.student.migriMean")!
    expect(Number(mean.mean)).toBeGreaterThan(0)
    const fiText = (await download(page, "[data-export=csv-fi]")).toString("utf8")
    expect(fiText.charCodeAt(0)).toBe(0xfeff)
    const fi = dsvFormat(";").parse(fiText.slice(1).replace(/\r\n/g, "\n"))
    expect(fi.length).toBe(csv.length)
    const fiMean = fi.find((r) => r.policy === "fifo" && r.metric === "groups.student.migriMean")!
    expect(fiMean.mean).toContain(",")
    expect(Number(fiMean.mean!.replace(",", "."))).toBe(Number(mean.mean))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await download(page, "[data-export=xlsx]") as unknown as ArrayBuffer)
    const ws = wb.getWorksheet("results")!
    expect(ws.rowCount).toBe(csv.length + 1)
    expect(ws.getRow(1).getCell(CSV_HEADER.indexOf("metric") + 1).value).toBe("metric")
    const svg = (await download(page, "[data-export=svg-scoreboard]")).toString("utf8")
    expect(svg).toContain("<svg")
    const png = await download(page, "[data-export=png-demand]")
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG")
  })

  it("restores the same view (scenario, options, edited inputs, language) from the URL", async () => {
    const a = await newPage("url-a")
    await a.goto(`${BASE}#s=new-delhi-2025.json&o=main-first-2025,fifo&r=3&lang=fi`)
    await a.waitForSelector("body[data-ready]")
    await a.click("#inputs-box summary")
    const slots = a.locator(`[id="f-missions-0-identification-slotsPerDay"]`)
    await slots.fill("70")
    await slots.dispatchEvent("change")
    // Migri staffing: one shared pool of the same person-years
    await a.selectOption(`[id="f-migri-staffing"]`, "shared")
    await a.click("#run")
    await waitDone(a)
    const url = a.url()
    expect(url).toContain("run=1")
    const b = await newPage("url-b")
    await b.goto(url)
    await waitDone(b)
    const opts = (p: Page) => p.$$eval("#options input[type=checkbox]", (xs) => xs.filter((x) => (x as HTMLInputElement).checked).map((x) => (x as HTMLInputElement).value))
    expect((await opts(b)).sort()).toEqual(["fifo", "main-first-2025"])
    expect(await opts(b)).toEqual(await opts(a))
    expect(await b.inputValue("#replications")).toBe("3")
    expect(await b.inputValue(`[id="f-missions-0-identification-slotsPerDay"]`)).toBe("70")
    expect(await b.inputValue(`[id="f-migri-staffing"]`)).toBe("shared")
    // the run used the shared pool: chart 7 shows its utilisation by month
    expect(await b.textContent("svg[data-chart=hours]")).toContain("shared (yhteinen henkilöstö)")
    expect(await b.getAttribute("html", "lang")).toBe("fi")
    expect(await b.textContent("#scoreboard")).toBe(await a.textContent("#scoreboard"))
    expect((await checkCharts(b)).length).toBe(7)
    await a.context().close()
    await b.context().close()
  })

  it("runs every option under both Migri staffing assumptions on request: chart 5 says whether each sign holds; the export pairs each run with its reference", async () => {
    const p = await newPage("both-staffing")
    await p.goto(`${BASE}#s=new-delhi-2025.json&o=main-first-2025,fifo&r=3&lang=en&sb=1`)
    await p.waitForSelector("body[data-ready]")
    expect(await p.isChecked("#both-staffing")).toBe(true)
    await p.click("#run")
    await waitDone(p)
    expect(await p.getAttribute("body", "data-status")).toBe("done")
    const options = await p.textContent("svg[data-chart=options]")
    expect(options).toContain("staffing check")
    expect(options).toMatch(/sign holds|sign FLIPS|only under (fixed|shared)/)
    // chart 7 shows the shared pool beside the fixed ones
    expect(await p.textContent("svg[data-chart=hours]")).toContain("Migri pool shared (shared staffing)")
    const json = JSON.parse((await download(p, "[data-export=json]")).toString("utf8")) as { runs: Array<{ label: string; reference: string; result: { provenance: { scenario: { migri: { staffing: string } } } }; differenceFromReference: Record<string, unknown> }> }
    expect(json.runs.map((r) => [r.label, r.reference, r.result.provenance.scenario.migri.staffing])).toEqual([
      ["main-first-2025", "main-first-2025", "fixed"], ["fifo", "main-first-2025", "fixed"],
      ["main-first-2025 · shared", "main-first-2025 · shared", "shared"], ["fifo · shared", "main-first-2025 · shared", "shared"]
    ])
    expect(Object.keys(json.runs[3]!.differenceFromReference)).toContain("scoreboard.negative.overTargetShare")
    // the shared run equals the CLI's run of the same scenario under shared staffing
    const loaded = loadScenario("scenarios/new-delhi-2025.json")
    if (!loaded.ok) throw new Error("baseline does not load")
    const cli = runScenario({ ...loaded.value, migri: { ...loaded.value.migri, staffing: "shared" } }, { policy: "fifo", replications: 3, perReplication: true, scenarioFile: "scenarios/new-delhi-2025.json" }).result
    expect(JSON.stringify(json.runs[3]!.result, null, 2)).toBe(JSON.stringify(cli, null, 2))
    await p.context().close()
  })

  it("picks the bundled January 2026 pack: its runs are the options, compared side by side; each run equals the CLI's run of its scenario", async () => {
    const p = await newPage("pack")
    await p.goto(`${BASE}#lang=en`)
    await p.waitForSelector("body[data-ready]")
    await p.selectOption("#scenario-select", "pack:january-2026.json")
    await p.waitForSelector(`body[data-loaded="january-2026.json"]`)
    const pack = JSON.parse(readFileSync("scenarios/packs/january-2026.json", "utf8")) as { name: string; replications: number; scenarios: Array<{ file: string; label: string }> }
    const labels = () => p.$$eval("#options input[type=checkbox]", (xs) => xs.map((x) => [(x as HTMLInputElement).value, (x as HTMLInputElement).checked] as const))
    expect(await labels()).toEqual(pack.scenarios.map((x) => [x.label, true]))
    expect(await p.inputValue("#replications")).toBe(String(pack.replications))
    // a pack names each run's Migri staffing itself: no "also under the other staffing" here
    expect(await p.isVisible("#both-staffing")).toBe(false)
    const keep = ["FIFO", "joint family", "FIFO · shared", "joint family · shared"]
    for (const [i, x] of pack.scenarios.entries()) if (!keep.includes(x.label)) await p.uncheck(`#opt-${i}`)
    expect((await labels()).filter(([, c]) => c).map(([l]) => l)).toEqual(keep)
    await p.fill("#replications", "2")
    await p.locator("#replications").dispatchEvent("change")
    await p.click("#run")
    await waitDone(p)
    expect(await p.getAttribute("body", "data-status")).toBe("done")
    expect(await p.textContent("#results-title")).toContain(pack.name)
    const charts = await checkCharts(p)
    // the 2026 scenarios have seasonal workers: chart 9 after the seven (no capacity answer on the page)
    expect(charts.map((c) => c.id)).toEqual(["demand", "queues", "scoreboard", "distribution", "options", "families", "hours", "seasonal"])
    for (const c of charts) expect(c.marks, c.id).toBeGreaterThan(1)
    expect(await p.textContent("svg[data-chart=seasonal] .axis-y")).toMatch(/FIFO[\s\S]*joint family/)
    expect(await p.textContent("svg[data-chart=seasonal]")).toContain("target 30 d (estimate)")
    await p.locator("figure[data-chart=seasonal]").screenshot({ path: join(OUT, "chart-seasonal.png") })
    expect(await p.textContent("#scoreboard thead")).toMatch(/FIFO[\s\S]*joint family/)
    expect(await p.textContent("svg[data-chart=options]")).toContain("staffing check")
    expect(p.url()).toContain("pk=january-2026.json")
    await p.locator("#setup").screenshot({ path: join(OUT, "page-pack-setup.png") })
    const json = JSON.parse((await download(p, "[data-export=json]")).toString("utf8")) as { kind: string; name: string; runs: Array<{ label: string; reference: string; result: unknown }> }
    expect([json.kind, json.name]).toEqual(["embassy-sim/pack", pack.name])
    expect(json.runs.map((r) => [r.label, r.reference])).toEqual([["FIFO", "FIFO"], ["joint family", "FIFO"], ["FIFO · shared", "FIFO · shared"], ["joint family · shared", "FIFO · shared"]])
    // what `embassy-sim run scenarios/new-delhi-2026-joint-family.json -r 2 --json --per-replication` prints (the pack gives no seed: the scenario's)
    const file = "scenarios/new-delhi-2026-joint-family.json"
    const sc = loadScenario(file)
    if (!sc.ok) throw new Error(`${file} does not load`)
    const cli = runScenario(sc.value, { replications: 2, perReplication: true, scenarioFile: file }).result
    expect(JSON.stringify(json.runs[1]!.result, null, 2)).toBe(JSON.stringify(cli, null, 2))
    await p.context().close()
  })

  it("loads a pack file: its names are text, never markup; the Schema's problems show beside the field for every run; a file the page lacks is named", async () => {
    const file = join(tmpdir(), "embassy-sim-pack.json")
    writeFileSync(file, JSON.stringify({ kind: "pack", name: `Pack ${HOSTILE}`, description: HOSTILE, replications: 2, scenarios: [{ file: "../new-delhi-2025.json", label: `base ${HOSTILE}` }, { file: "../new-delhi-2025-fifo.json", label: "fifo" }] }))
    const p = await pageWithFile("pack-file", file)
    expect(await p.$$eval("#options .opt-name", (xs) => xs.map((x) => x.textContent))).toEqual([`base ${HOSTILE}`, "fifo"])
    await p.click("#run")
    await waitDone(p)
    expect(await p.getAttribute("body", "data-status")).toBe("done")
    expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await p.locator("img").count()).toBe(0)
    expect(await p.textContent("#results-title")).toContain(`Pack ${HOSTILE}`)
    expect(await p.textContent("#scoreboard thead")).toContain(`base ${HOSTILE}`)
    // an edit the Schema refuses (as a link could carry it): beside its field, and no run
    const e = Buffer.from(JSON.stringify([[["missions", 0, "identification", "slotsPerDay"], -5]])).toString("base64url")
    const q = await newPage("pack-edit")
    await q.goto(`${BASE}#pk=january-2026-on-2025.json&lang=en&o=FIFO&e=${e}`)
    await q.waitForSelector("body[data-ready]")
    await expect.poll(async () => (await q.textContent(`[id="f-missions-0-identification-slotsPerDay-err"]`)) ?? "").toMatch(/\S/)
    expect(await q.isDisabled("#run")).toBe(true)
    // a pack that names a file the page does not have, and two runs of one label
    const twice = join(tmpdir(), "embassy-sim-pack-twice.json"), missing = join(tmpdir(), "embassy-sim-pack-missing.json")
    writeFileSync(twice, JSON.stringify({ kind: "pack", name: "bad", scenarios: [{ file: "../new-delhi-2025.json", label: "A" }, { file: "../new-delhi-2025-fifo.json", label: "B" }, { file: "../new-delhi-2025.json", label: "A" }] }))
    await p.setInputFiles("#scenario-file", twice)
    await p.waitForSelector(`body[data-loaded="embassy-sim-pack-twice.json"]`)
    expect(await p.textContent("#file-errors")).toContain("scenarios[2].label: another scenario of the pack has this label")
    writeFileSync(missing, JSON.stringify({ kind: "pack", name: "bad", scenarios: [{ file: "../new-delhi-2025.json", label: "A" }, { file: "../nope.json", label: "B" }] }))
    await p.setInputFiles("#scenario-file", missing)
    await p.waitForSelector(`body[data-loaded="embassy-sim-pack-missing.json"]`)
    expect(await p.textContent("#file-errors")).toMatch(/scenarios\[1\] \(B\): file: is not one of the page's files/)
    expect(await p.isDisabled("#run")).toBe(true)
    await p.context().close()
    await q.context().close()
  })

  it("offers the people per staff group where the scenario has staff groups, and the Migri staffing mode", async () => {
    const p = await newPage("staff-groups")
    await p.goto(`${BASE}#s=new-delhi-2025-staff.json&lang=en`)
    await p.waitForSelector("body[data-ready]")
    await p.click("#inputs-box summary")
    const groups = (JSON.parse(readFileSync("scenarios/new-delhi-2025-staff.json", "utf8")) as { missions: Array<{ staffGroups: Array<{ id: string; people: number }> }> }).missions[0]!.staffGroups
    for (const [j, g] of groups.entries()) {
      expect(await p.inputValue(`[id="f-missions-0-staffGroups-${j}-people"]`)).toBe(String(g.people))
      expect(await p.textContent(`label[for="f-missions-0-staffGroups-${j}-people"]`)).toContain(g.id)
    }
    // slots per day and officers follow from the staff groups there, so they are not offered
    expect(await p.locator(`[id="f-missions-0-identification-slotsPerDay"]`).count()).toBe(0)
    expect(await p.inputValue(`[id="f-migri-staffing"]`)).toBe("fixed")
    const people = p.locator(`[id="f-missions-0-staffGroups-0-people"]`)
    await people.fill("-1")
    await people.dispatchEvent("change")
    expect(await p.textContent(`[id="f-missions-0-staffGroups-0-people-err"]`)).toMatch(/between 0 and 1000/)
    await p.context().close()
  })

  it("shows a bad scenario file's problems beside the field, in words", async () => {
    const raw = JSON.parse(readFileSync("scenarios/new-delhi-2025.json", "utf8")) as { missions: Array<{ identification: { slotsPerDay: number } }>; colour?: string }
    raw.missions[0]!.identification.slotsPerDay = -5
    raw.colour = "blue"
    const file = join(tmpdir(), "embassy-sim-bad.json")
    writeFileSync(file, JSON.stringify(raw))
    const p = await newPage("bad-file")
    await p.goto(`${BASE}#lang=en`)
    await p.waitForSelector("body[data-ready]")
    await p.setInputFiles("#scenario-file", file)
    await p.waitForSelector(`body[data-loaded="${file.split("/").pop()}"]`)
    const err = p.locator(`[id="f-missions-0-identification-slotsPerDay-err"]`)
    await expect.poll(async () => (await err.textContent()) ?? "").toMatch(/\S/)
    expect(await p.getAttribute(`[id="f-missions-0-identification-slotsPerDay"]`, "aria-invalid")).toBe("true")
    expect(await p.textContent("#file-errors")).toMatch(/colour: this field is not part of the scenario format/)
    expect(await p.isDisabled("#run")).toBe(true)
    await p.context().close()
  })

  it("runs a scenario whose names hold markup without running any of it", async () => {
    const raw = JSON.parse(readFileSync("scenarios/new-delhi-2025.json", "utf8")) as Record<string, unknown> & { missions: Array<{ name: string }>; policies: Record<string, unknown>; policy: string }
    raw.name = `Baseline ${HOSTILE}`
    raw.description = HOSTILE
    raw.missions[0]!.name = `New Delhi ${HOSTILE}`
    raw.policies = { [`fifo ${HOSTILE}`]: raw.policies.fifo }
    raw.policy = `fifo ${HOSTILE}`
    const file = join(tmpdir(), "embassy-sim-hostile.json")
    writeFileSync(file, JSON.stringify(raw))
    const p = await pageWithFile("hostile", file)
    await p.click("#run")
    await waitDone(p)
    expect(await p.getAttribute("body", "data-status")).toBe("done")
    expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await p.locator("img").count()).toBe(0)
    expect(await p.textContent("#results-title")).toContain(HOSTILE)
    // the same names through the report, opened from file://
    const d = loadScenario("scenarios/new-delhi-2025.json")
    if (!d.ok) throw new Error("baseline does not load")
    const res = runScenario({ ...d.value, name: raw.name as string, missions: [{ ...d.value.missions[0]!, name: raw.missions[0]!.name }] }, { replications: 2, perReplication: true }).result
    const resFile = join(OUT, "hostile-result.json")
    writeFileSync(resFile, JSON.stringify({ ...res, provenance: { ...res.provenance, policy: `fifo ${HOSTILE}` } }, null, 2))
    const r = await openReport(await reportHtml(resFile), "hostile-report")
    expect(await r.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await r.locator("img").count()).toBe(0)
    expect(await r.textContent("h1")).toContain(HOSTILE)
    await p.context().close()
    await r.context().close()
  })

  it("writes the report as one self-contained file that opens from file:// and draws the same charts", async () => {
    // a folder: the page's results and a capacity answer (the shape documented in src/charts/input.ts)
    const dir = join(OUT, "report-in")
    mkdirSync(dir, { recursive: true })
    const input = join(dir, "page-results.json")
    writeFileSync(input, readFileSync(join(OUT, "page-results.json")))
    writeFileSync(join(dir, "capacity.json"), JSON.stringify({
      kind: "embassy-sim/capacity", lever: { path: "migri.pools.study.personYears", label: "Migri study pool", unit: "person-years" },
      target: { metric: "groups.student.migriMean", label: "students' mean Migri time", value: 30, direction: "atMost", unit: "d" },
      points: [3, 3.5, 4, 4.5, 5].map((lever, i) => ({ lever, mean: 44 - 5 * i, ciLow: 42 - 5 * i, ciHigh: 46 - 5 * i, n: 20 })), answer: { lever: 4.5, met: true }
    }))
    const a = await makeReport(dir, "en"), b = await makeReport(dir, "en")
    if (!a.ok || !b.ok) throw new Error("report failed")
    expect(a.html).toBe(b.html)
    expect(a.html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/)
    const external: string[] = []
    const r = await openReport(a.html, "report", (p) => p.on("request", (q) => { if (!q.url().startsWith("file:") && !q.url().startsWith("data:")) external.push(q.url()) }))
    const charts = await checkCharts(r)
    expect(charts.map((c) => c.id)).toEqual(["demand", "queues", "scoreboard", "distribution", "options", "families", "hours", "capacity"])
    for (const c of charts) expect(c.marks, c.id).toBeGreaterThan(1)
    expect(await r.textContent("svg[data-chart=capacity] .chart-reading")).toContain("met from 4.50 person-years")
    expect(await r.textContent("#scoreboard")).toMatch(/main-first-2025[\s\S]*fifo/)
    expect(await r.textContent(".provenance")).toContain(JSON.parse(readFileSync(input, "utf8")).runs[0].result.provenance.scenarioHash)
    expect(external).toEqual([])
    await r.screenshot({ path: join(OUT, "report.png"), fullPage: true, clip: { x: 0, y: 0, width: 1400, height: 1900 } })
    await r.screenshot({ path: join(OUT, "report-full.png"), fullPage: true })
    const pdf = await r.pdf({ format: "A4", landscape: true })
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF")
    await r.context().close()
  })

  it("writes the report of a sweep folder alone: each option at its base point, chart 8 against the sweep's parameter, the sweep in the provenance", async () => {
    // the shipped slots-per-day sweep on a short horizon with 2 replications (test/cli/report-sweep.test.ts checks its numbers)
    const dir = join(OUT, "sweep-in")
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, "short.json"), JSON.stringify(shortScenarioObject()))
    const shipped = JSON.parse(readFileSync("scenarios/sweeps/slots-per-day.json", "utf8")) as Record<string, unknown>
    writeFileSync(join(dir, "slots.json"), JSON.stringify({ ...shipped, $schema: undefined, base: "short.json", replications: 2 }))
    const out = join(dir, "out")
    rmSync(out, { recursive: true, force: true })
    const sw = spawnSync(process.execPath, ["src/cli/main.ts", "sweep", join(dir, "slots.json"), "--out", out, "--workers", "2"], { encoding: "utf8" })
    expect(sw.status, sw.stderr).toBe(0)
    const r = await openReport(await reportHtml(out), "report-sweep")
    const charts = await checkCharts(r)
    expect(charts.map((c) => c.id)).toEqual(["demand", "queues", "scoreboard", "distribution", "options", "families", "hours", "capacity"])
    for (const c of charts) expect(c.marks, c.id).toBeGreaterThan(1)
    expect(await r.textContent("h1")).toBe(shipped.name)
    expect(await r.textContent(".sweep-points")).toContain("every option: point 2 (slots per day = 64): the base scenario")
    expect(await r.$$eval("svg[data-chart=capacity] .axis-label", (xs) => xs.map((x) => x.textContent))).toContain("slots per day")
    expect(await r.textContent("#scoreboard")).toMatch(/main-first-2025[\s\S]*fifo/)
    expect(await r.textContent("#sweep-provenance")).toMatch(/28 of 28 units; 2 replications of each option's base point/)
    await r.screenshot({ path: join(OUT, "report-sweep.png"), fullPage: true })
    await r.context().close()
  })

  it("loads another country's holidays on demand and still equals the CLI; Cancel stops a run and keeps its charts", async () => {
    const raw = JSON.parse(readFileSync("scenarios/new-delhi-2025.json", "utf8")) as { missions: Array<{ country: string }>; name: string }
    raw.missions[0]!.country = "BD"
    raw.name = "Dhaka test"
    const file = join(tmpdir(), "embassy-sim-bd.json")
    writeFileSync(file, JSON.stringify(raw))
    const p = await pageWithFile("other-country", file)
    // keyboard: focus Run and press Enter
    await p.focus("#run")
    await p.keyboard.press("Enter")
    await waitDone(p)
    expect(await p.getAttribute("body", "data-status")).toBe("done")
    const json = JSON.parse((await download(p, "[data-export=json]")).toString("utf8")) as { kind: string; runs: Array<{ label: string; result: { provenance: { scenario: unknown } } }> }
    const run = json.runs[0]!
    const cli = runScenario(run.result.provenance.scenario as Parameters<typeof runScenario>[0], { policy: run.label, replications: 2, perReplication: true, scenarioFile: "embassy-sim-bd.json" }).result
    expect(JSON.stringify(run.result, null, 2)).toBe(JSON.stringify(cli, null, 2))
    // a long run, cancelled once the first charts are up
    await p.fill("#replications", "100")
    await p.locator("#replications").dispatchEvent("change")
    await p.click("#run")
    await p.waitForSelector("body[data-first-charts-ms]", { timeout: 120_000 })
    await p.click("#cancel")
    await p.waitForSelector("body[data-status=cancelled]")
    expect(await p.locator("svg.chart-svg").count()).toBe(7)
    expect(await p.isDisabled("#run")).toBe(false)
    await p.context().close()
  })

  it("ships at most 150 kB gzip before any user data: the page, its chunks and the simulation worker", () => {
    const dist = "dist/web"
    const html = readFileSync(join(dist, "index.html"), "utf8")
    const files = new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!))
    for (const f of readdirSync(join(dist, "assets"))) if (/^worker-.*\.js$/.test(f)) files.add(`assets/${f}`)
    const sizes = [...files, "index.html"].map((f) => [f, gzipSync(readFileSync(join(dist, f)), { level: 9 }).length] as const)
    const total = sizes.reduce((a, [, n]) => a + n, 0)
    timings.initialGzipBytes = total
    console.log(`page before user data: ${(total / 1000).toFixed(1)} kB gzip (${sizes.map(([f, n]) => `${f} ${(n / 1000).toFixed(1)}`).join(", ")})`)
    expect(sizes.some(([f]) => f.startsWith("assets/worker-"))).toBe(true)
    expect(total).toBeLessThanOrEqual(150_000)
  })

  it("logs no console errors or warnings", () => {
    expect(consoleProblems).toEqual([])
  })
})
