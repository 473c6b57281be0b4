/**
 * The page: pick or load a scenario or a pack, edit the key inputs, choose the options to compare (a
 * scenario's policies, or a pack's runs), run them in Web Workers on common random numbers, and read
 * the charts as replications arrive. Everything from a file is shown as text (textContent), never
 * parsed as HTML.
 */
import "./style.css"
import { assembleResult } from "../src/experiment/run.ts"
import { pairedDifferences } from "../src/experiment/summarize.ts"
import type { ReplicationResult } from "../src/model/results.ts"
import { decodeScenario, formatFound, formatPath, type Problem } from "../src/scenario/decode.ts"
import { isPackObject } from "../src/scenario/pack.ts"
import { parseJsonText, resolveScenario } from "../src/scenario/resolve.ts"
import type { RunResult } from "../src/scenario/result-schema.ts"
import type { Scenario } from "../src/scenario/schema.ts"
import { finnishCsv, plainCsv } from "../src/charts/export.ts"
import { assumptionOf, PACK_PATHS, packReferences } from "../src/present/pack.ts"
import { groupName, num } from "../src/charts/i18n.ts"
import type { ChartInput, OptionRun } from "../src/charts/input.ts"
import type { MonthBasis } from "../src/charts/transforms.ts"
import { drawCharts, drawScoreboard, el } from "./charts-view.ts"
import { loadPack, readerWith, ROOT, shownPath, type LoadedPack } from "./files.ts"
import { ensureHolidays } from "./holidays.ts"
import type { FromWorker, ToWorker } from "./protocol.ts"
import { ui, type UiText } from "./ui-text.ts"
import { decodeState, encodeState, type PageState } from "./url-state.ts"
import { downloadBlob, svgToPng, svgText } from "./download.ts"

// ---------------------------------------------------------------------------------------------
// bundled scenarios

// every file by its path under scenarios/: the scenarios, the shared-staffing and mission-staff variants and the packs (which name them)
const BUNDLED = import.meta.glob(["../scenarios/*.json", "../scenarios/shared-staffing/*.json", "../scenarios/mission-staff/*.json", "../scenarios/packs/*.json"], { eager: true, import: "default" }) as Record<string, unknown>
const bundledByPath = new Map(Object.entries(BUNDLED).map(([k, v]) => [k.replace(/^\.\.\/scenarios\//, ""), v]))
const bundledNames = [...bundledByPath.keys()].filter((n) => !n.includes("/")).sort((a, b) => (a === "new-delhi-2025.json" ? -1 : b === "new-delhi-2025.json" ? 1 : a.localeCompare(b)))
const packNames = [...bundledByPath.keys()].filter((n) => n.startsWith("packs/")).map((n) => n.slice("packs/".length)).sort()

type Path = ReadonlyArray<string | number>
const pathKey = (p: Path) => JSON.stringify(p)

// ---------------------------------------------------------------------------------------------
// state

const params = new URLSearchParams(location.hash.slice(1))
const initial = await decodeState(params)
const state: PageState = {
  scenario: initial.scenario ?? "new-delhi-2025.json",
  pack: initial.pack,
  file: initial.file,
  fileName: initial.fileName,
  options: initial.options ?? [],
  replications: initial.replications ?? 20,
  seed: initial.seed,
  lang: initial.lang ?? (navigator.language.startsWith("fi") ? "fi" : "en"),
  basis: initial.basis ?? "decision",
  edits: initial.edits ?? [],
  bothStaffing: initial.bothStaffing === true,
  ran: initial.run === true
}
let base: { ok: true; value: Record<string, unknown> } | { ok: false; problems: Problem[] } = { ok: false, problems: [] }
const fieldErrors = new Map<string, string>()
/** The loaded pack (the options are its runs), or undefined for a scenario (the options are its policies). */
let pack: LoadedPack | undefined
const reader = (own: ReadonlyMap<string, unknown>) => readerWith(bundledByPath, own)

const t = () => ui(state.lang)

const loadBase = async (): Promise<void> => {
  const raw = state.file ?? (state.pack !== undefined ? bundledByPath.get(`packs/${state.pack}`) : bundledByPath.get(state.scenario))
  const own = new Map<string, unknown>()
  pack = undefined
  if (isPackObject(raw)) {
    const path = state.file !== undefined ? `${ROOT}/packs/${state.fileName ?? "pack.json"}` : `${ROOT}/packs/${state.pack}`
    const p = loadPack(path, raw as Record<string, unknown>, reader(own))
    if (!p.ok) { base = p; return }
    for (const r of p.value.runs) await ensureHolidays(r.raw)
    pack = p.value
    base = { ok: true, value: p.value.runs[0]!.raw }
    if (state.options.length === 0) state.options = p.value.runs.map((r) => r.label)
    return
  }
  const path = state.file !== undefined ? `${ROOT}/${state.fileName ?? "file.json"}` : `${ROOT}/${state.scenario}`
  if (state.file !== undefined) own.set(path, state.file)
  const r = resolveScenario(path, reader(own))
  const rv: typeof base = r.ok ? r : { ok: false, problems: [...r.problems] }
  if (rv.ok) await ensureHolidays(rv.value)
  base = rv
  if (rv.ok && state.options.length === 0) {
    const pols = Object.keys((rv.value.policies ?? {}) as object)
    const def = typeof rv.value.policy === "string" ? rv.value.policy : pols[0]
    state.options = [def, ...pols.filter((p) => p !== def && p === "fifo")].filter((x): x is string => typeof x === "string")
  }
}

/** Another scenario, pack or file chosen: load it (a pack may set the replications) and draw the setup and the form for it. */
const reload = async (): Promise<void> => {
  await loadBase()
  if (pack?.replications !== undefined) state.replications = Math.min(200, pack.replications)
  renderSetup(); renderForm()
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const getAt = (o: unknown, p: Path): unknown => p.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[k] : undefined), o)
const setAt = (o: unknown, p: Path, value: unknown): void => {
  let v = o as Record<string | number, unknown>
  for (const k of p.slice(0, -1)) { if (v[k] === null || typeof v[k] !== "object") return; v = v[k] as Record<string | number, unknown> }
  v[p[p.length - 1]!] = value
}
/** A scenario object with the form's edits (a pack: the same edits on every run's scenario). */
const edited = (raw?: Record<string, unknown>): Record<string, unknown> | undefined => {
  const from = raw ?? (base.ok ? base.value : undefined)
  if (from === undefined) return undefined
  const o = clone(from)
  for (const [p, v] of state.edits) setAt(o, p, v)
  return o
}

/** One run to compare: an option's label, its decoded scenario and policy, and the file it came from. */
interface Chosen { readonly label: string; readonly scenario: Scenario; readonly policy: string; readonly file: string | null; readonly seed: string | number }

/**
 * The ticked options, decoded with the form's edits: a scenario's policies, or a pack's runs (each
 * its own scenario and policy). Problems name the field, prefixed with the run's label in a pack.
 */
type RunProblem = Problem & { readonly run?: string }
const decodeCurrent = (): { ok: true; chosen: Chosen[]; scenario: Scenario } | { ok: false; problems: ReadonlyArray<RunProblem> } => {
  if (!base.ok) return { ok: false, problems: base.problems }
  const seedOf = (sc: Scenario) => (state.seed !== undefined ? parseSeed(state.seed) : pack?.seed ?? sc.seed)
  if (pack === undefined) {
    const d = decodeScenario(edited())
    if (!d.ok) return { ok: false, problems: d.problems }
    const file = state.file !== undefined ? (state.fileName ?? null) : `scenarios/${state.scenario}`
    return { ok: true, scenario: d.value, chosen: state.options.map((p) => ({ label: p, scenario: d.value, policy: p, file, seed: seedOf(d.value) })) }
  }
  const problems: RunProblem[] = []
  const chosen: Chosen[] = []
  for (const run of pack.runs.filter((r) => state.options.includes(r.label))) {
    const d = decodeScenario(edited(run.raw))
    if (!d.ok) { problems.push(...d.problems.map((p) => ({ ...p, run: run.label }))); continue }
    chosen.push({ label: run.label, scenario: d.value, policy: d.value.policy, file: shownPath(run.path), seed: seedOf(d.value) })
  }
  if (problems.length > 0) return { ok: false, problems }
  const first = decodeScenario(edited())
  return first.ok ? { ok: true, chosen, scenario: chosen[0]?.scenario ?? first.value } : { ok: false, problems: first.problems }
}

// ---------------------------------------------------------------------------------------------
// layout

const app = document.getElementById("app")!
const h1 = el("h1")
const sub = el("p", { class: "subtitle" })
const langBtn = el("button", { type: "button", id: "lang", class: "secondary" })
const header = el("header", {}, el("div", {}, h1, sub), langBtn)

const scenarioSelect = el("select", { id: "scenario-select" })
const scenarioLabel = el("label", { for: "scenario-select" })
const fileInput = el("input", { type: "file", id: "scenario-file", accept: ".json,application/json" })
const fileLabel = el("label", { for: "scenario-file" })
const fileErrors = el("ul", { id: "file-errors", class: "errors", "aria-live": "polite" })
const scenarioDesc = el("p", { class: "desc", id: "scenario-desc" })
const optionsBox = el("fieldset", { id: "options" })
const repsInput = el("input", { type: "number", id: "replications", min: "2", max: "200", step: "1" })
const repsLabel = el("label", { for: "replications" })
const seedInput = el("input", { type: "text", id: "seed", size: "8" })
const seedLabel = el("label", { for: "seed" })
const bothInput = el("input", { type: "checkbox", id: "both-staffing" })
const bothLabel = el("label", { for: "both-staffing" })
const runBtn = el("button", { type: "button", id: "run" })
const cancelBtn = el("button", { type: "button", id: "cancel", class: "secondary" })
const shareBtn = el("button", { type: "button", id: "share", class: "secondary" })
const progress = el("progress", { id: "progress", max: "1", value: "0" })
const status = el("p", { id: "status", role: "status", "aria-live": "polite" })
const form = el("div", { id: "inputs" })
const inputsTitle = el("span")
const resetBtn = el("button", { type: "button", id: "reset", class: "secondary" })

const setup = el("section", { id: "setup" },
  el("div", { class: "row" }, el("div", { class: "field" }, scenarioLabel, scenarioSelect), el("div", { class: "field" }, fileLabel, fileInput)),
  scenarioDesc, fileErrors, optionsBox,
  el("div", { class: "row" }, el("div", { class: "field small" }, repsLabel, repsInput), el("div", { class: "field small" }, seedLabel, seedInput),
    el("div", { class: "field check" }, el("span", {}, bothInput, bothLabel)),
    el("div", { class: "buttons" }, runBtn, cancelBtn, shareBtn)),
  el("div", { class: "row" }, progress, status),
  el("details", { id: "inputs-box" }, el("summary", {}, inputsTitle), form, resetBtn)
)

const exportsBar = el("div", { id: "exports", class: "buttons" })
const basisBox = el("div", { id: "basis", class: "row" })
const scoreboard = el("div", { id: "scoreboard" })
const charts = el("div", { id: "charts" })
const resultsTitle = el("h2", { id: "results-title" })
const results = el("section", { id: "results", hidden: "" }, resultsTitle, exportsBar, basisBox, scoreboard, charts)
app.append(header, setup, results)

// ---------------------------------------------------------------------------------------------
// the form of key inputs

interface FieldDef { path: Path; label: string; kind: "number" | "date" | "familyMean" | "choice"; min?: number; max?: number; step?: number; int?: boolean; choices?: ReadonlyArray<readonly [string, string]>; fallback?: string }

const fieldDefs = (): Array<{ legend: string; fields: FieldDef[] }> => {
  const o = edited()
  if (o === undefined) return []
  const u = t()
  const groups: Array<{ legend: string; fields: FieldDef[] }> = []
  const missions = (o.missions ?? []) as Array<{ name?: string; arrivals?: Record<string, unknown>; staffGroups?: Array<{ id?: string; kind?: string }> }>
  missions.forEach((m, i) => {
    const f: FieldDef[] = ["student", "worker", "specialist", "fastTrack"].filter((c) => m.arrivals?.[c] !== undefined).map((c) => ({ path: ["missions", i, "arrivals", c, "annual"], label: u.annual(groupName(state.lang, c, "main")), kind: "number", min: 0, max: 1e6, step: 50 }))
    if (Array.isArray(m.staffGroups)) {
      // capacity from staff: the people per staff group (slots per day and officers then follow from their hours and tasks)
      m.staffGroups.forEach((g, j) => f.push({ path: ["missions", i, "staffGroups", j, "people"], label: u.staffPeople(String(g.id ?? j), String(g.kind ?? "")), kind: "number", min: 0, max: 1000, step: 1 }))
    } else {
      f.push({ path: ["missions", i, "identification", "slotsPerDay"], label: u.slots, kind: "number", min: 0, max: 10000, step: 1, int: true })
      f.push({ path: ["missions", i, "staff", "officers"], label: u.officers, kind: "number", min: 0, max: 100, step: 0.5 })
    }
    for (let k = 0; k < 12; k++) f.push({ path: ["missions", i, "arrivals", "student", "monthlyProfile", k], label: `${u.profile} · ${k + 1}`, kind: "number", min: 0, max: 1000, step: 0.5 })
    groups.push({ legend: `${u.mission}: ${String(m.name ?? i)}`, fields: f })
  })
  groups.push({ legend: t().familyMean.split("(")[0]!.trim(), fields: [
    { path: ["categories", "student", "family", "sizeWeights"], label: u.familyMean, kind: "familyMean", min: 0, max: 10, step: 0.05 },
    { path: ["categories", "student", "family", "withMainShare"], label: u.withMain, kind: "number", min: 0, max: 1, step: 0.05 },
    { path: ["categories", "student", "hearingRate", "main"], label: u.hearing, kind: "number", min: 0, max: 1, step: 0.01 },
    { path: ["categories", "student", "hearingRate", "family"], label: u.hearingFamily, kind: "number", min: 0, max: 1, step: 0.01 }
  ] })
  const pools = ((o.migri as { pools?: Array<{ id?: string }> } | undefined)?.pools ?? [])
  groups.push({ legend: u.pools, fields: [
    // a pack names each run's Migri staffing itself (its "· shared" runs): the form leaves it to the pack
    ...(pack !== undefined ? [] : [{ path: ["migri", "staffing"], label: u.staffing, kind: "choice", choices: [["fixed", u.staffingFixed], ["shared", u.staffingShared]], fallback: "fixed" } satisfies FieldDef]),
    ...pools.map((p, i): FieldDef => ({ path: ["migri", "pools", i, "personYears"], label: u.pool(String(p.id ?? i)), kind: "number", min: 0, max: 1000, step: 0.1 }))
  ] })
  type Rules = Record<string, { rules?: Array<{ kind?: string; from?: string; to?: string }> }>
  // the ticked options' policies: a scenario's by name; a pack's runs each their own scenario's policy (a policy two runs share, once)
  const policiesShown: Array<{ name: string; pols: Rules }> = pack === undefined
    ? state.options.map((name) => ({ name, pols: (o.policies ?? {}) as Rules }))
    : pack.runs.filter((r) => state.options.includes(r.label)).map((r) => { const e = edited(r.raw)!; return { name: String(e.policy ?? ""), pols: (e.policies ?? {}) as Rules } })
  const wf: FieldDef[] = []
  const seen = new Set<string>()
  for (const { name, pols } of policiesShown) {
    if (seen.has(name)) continue
    seen.add(name)
    ;(pols[name]?.rules ?? []).forEach((r, j) => {
      if (r.from !== undefined) wf.push({ path: ["policies", name, "rules", j, "from"], label: `${name} · ${String(r.kind)} · ${u.from}`, kind: "date" })
      if (r.to !== undefined) wf.push({ path: ["policies", name, "rules", j, "to"], label: `${name} · ${String(r.kind)} · ${u.to}`, kind: "date" })
    })
  }
  if (wf.length > 0) groups.push({ legend: u.windows, fields: wf })
  return groups
}

/** Mean family members per student from the size weights (index = number of members). */
const familyMean = (w: ReadonlyArray<number>): number => { const s = w.reduce((a, b) => a + b, 0); return s > 0 ? w.reduce((a, x, i) => a + i * x, 0) / s : 0 }
/** Size weights with the given mean, keeping the shape of the families that have members. */
const withFamilyMean = (w: ReadonlyArray<number>, mean: number): number[] | string => {
  const tail = w.slice(1), ts = tail.reduce((a, b) => a + b, 0)
  if (ts <= 0) return "–"
  const m1 = tail.reduce((a, x, i) => a + (i + 1) * x, 0) / ts
  const q = mean / m1
  if (q > 1) return num(state.lang, m1, 2)
  return [1 - q, ...tail.map((x) => (q * x) / ts)]
}

const parseNumber = (s: string): number => Number(s.trim().replace(",", ".").replace(/\s/g, ""))

const renderForm = (): void => {
  const u = t()
  inputsTitle.textContent = u.inputs
  resetBtn.textContent = u.reset
  const o = edited()
  const sets = fieldDefs().map((g) => {
    const rows = g.fields.map((f) => {
      const key = pathKey(f.path)
      const id = `f-${f.path.join("-").replace(/[^a-zA-Z0-9-]/g, "_")}`
      const errId = `${id}-err`
      const cur = getAt(o, f.path)
      const err = el("span", { id: errId, class: "field-error", "aria-live": "polite" })
      err.textContent = (fieldErrors.get(key) ?? "").replace(/^\u2060/, "")
      if (f.kind === "choice") {
        const sel = el("select", { id, "data-path": key, "aria-describedby": errId }, ...(f.choices ?? []).map(([v, label]) => el("option", { value: v }, label)))
        sel.value = String(cur ?? f.fallback ?? "")
        if (err.textContent) sel.setAttribute("aria-invalid", "true")
        sel.addEventListener("change", () => onFieldChange(f, sel.value))
        return el("div", { class: "field" }, el("label", { for: id }, f.label), sel, err)
      }
      const input = el("input", { id, "data-path": key, "aria-describedby": errId, type: f.kind === "date" ? "date" : "text", inputmode: f.kind === "date" ? "none" : "decimal" })
      input.value = f.kind === "familyMean" ? num(state.lang, familyMean((cur ?? []) as number[]), 2).replace(/\s/g, "") : f.kind === "date" ? String(cur ?? "") : String(cur ?? "").replace(".", state.lang === "fi" ? "," : ".")
      // schema problems carry an invisible U+2060 prefix, to tell them from typing errors when re-validating
      if (err.textContent) input.setAttribute("aria-invalid", "true")
      input.addEventListener("change", () => onFieldChange(f, input.value))
      const isProfile = f.path.includes("monthlyProfile")
      return el("div", { class: isProfile ? "field tiny" : "field" }, el("label", { for: id }, isProfile ? String(Number(f.path[f.path.length - 1]) + 1) : f.label), input, err)
    })
    const profileRows = rows.filter((_, i) => g.fields[i]!.path.includes("monthlyProfile"))
    const other = rows.filter((_, i) => !g.fields[i]!.path.includes("monthlyProfile"))
    const fs = el("fieldset", {}, el("legend", {}, g.legend), el("div", { class: "grid" }, ...other))
    if (profileRows.length > 0) fs.append(el("div", { class: "profile" }, el("span", { class: "profile-label" }, u.profile), el("div", { class: "grid12" }, ...profileRows)))
    return fs
  })
  form.replaceChildren(...sets)
}

const onFieldChange = (f: FieldDef, text: string): void => {
  const key = pathKey(f.path)
  fieldErrors.delete(key)
  let value: unknown
  if (f.kind === "date" || f.kind === "choice") value = text
  else {
    const v = parseNumber(text)
    if (text.trim() === "" || !Number.isFinite(v)) { fieldErrors.set(key, t().notNumber); renderForm(); return }
    if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) { fieldErrors.set(key, t().mustBe(f.min ?? -Infinity, f.max ?? Infinity)); renderForm(); return }
    if (f.kind === "familyMean") {
      const w = withFamilyMean((getAt(edited(), f.path) ?? []) as number[], v)
      if (typeof w === "string") { fieldErrors.set(key, t().tooMuch(w)); renderForm(); return }
      value = w
    } else value = f.int === true ? Math.round(v) : v
  }
  state.edits = [...state.edits.filter(([p]) => pathKey(p) !== key), [f.path, value]]
  validate()
  renderForm()
  updateUrl()
}

/** Decodes the edited scenario and puts each problem beside its field (or in the file's list). */
/** Decodes the edited scenario (a pack: every ticked run's) and puts each problem beside its field (or in the file's list, with its run). */
const validate = (): { chosen: Chosen[]; scenario: Scenario } | undefined => {
  const d = decodeCurrent()
  const byPath = new Map(fieldDefs().flatMap((g) => g.fields).map((f) => [formatPath(f.path), pathKey(f.path)]))
  for (const [k, v] of [...fieldErrors]) if (v.startsWith("\u2060")) fieldErrors.delete(k)
  const rest: RunProblem[] = []
  if (!d.ok) {
    for (const p of d.problems) {
      const key = byPath.get(p.path)
      // a field of the form is every run's: its first problem is shown beside it
      if (key !== undefined) { if (!fieldErrors.has(key)) fieldErrors.set(key, `\u2060${p.message}`) }
      else rest.push(p)
    }
  }
  fileErrors.replaceChildren(...rest.map((p) => el("li", { "data-path": p.path }, ...(p.run !== undefined ? [el("span", { class: "run" }, p.run), " · "] : []), el("code", {}, p.path), `: ${p.message} (${formatFound(p.found)})`)))
  if (rest.length > 0) fileErrors.prepend(el("li", { class: "errors-title" }, t().fileErrors))
  runBtn.disabled = !d.ok || state.options.length === 0 || running !== undefined
  return d.ok ? d : undefined
}

// ---------------------------------------------------------------------------------------------
// setup controls

type StringKey = { [K in keyof UiText]: UiText[K] extends string ? K : never }[keyof UiText]

const renderSetup = (): void => {
  const u = t()
  document.documentElement.lang = state.lang
  document.title = u.title
  const texts: Array<[HTMLElement, StringKey]> = [[h1, "title"], [sub, "subtitle"], [langBtn, "language"], [scenarioLabel, "bundled"], [fileLabel, "loadFile"],
    [repsLabel, "replications"], [seedLabel, "seed"], [bothLabel, "bothStaffing"], [runBtn, "run"], [cancelBtn, "cancel"], [shareBtn, "share"], [resultsTitle, "results"]]
  for (const [e, k] of texts) e.textContent = u[k]
  const nameOf = (path: string) => String((bundledByPath.get(path) as { name?: string } | undefined)?.name ?? path)
  scenarioSelect.replaceChildren(
    el("optgroup", { label: u.scenarios }, ...bundledNames.map((n) => el("option", { value: n }, `${nameOf(n)} (${n})`))),
    el("optgroup", { label: u.packs }, ...packNames.map((n) => el("option", { value: `pack:${n}` }, `${nameOf(`packs/${n}`)} (packs/${n})`))),
    ...(state.file !== undefined ? [el("option", { value: "(file)" }, state.fileName ?? "file")] : []))
  scenarioSelect.value = state.file !== undefined ? "(file)" : state.pack !== undefined ? `pack:${state.pack}` : state.scenario
  repsInput.value = String(state.replications)
  bothInput.checked = state.bothStaffing
  // a pack names each run's Migri staffing itself
  bothInput.disabled = pack !== undefined
  const bothField = bothInput.closest<HTMLElement>(".field")
  if (bothField !== null) bothField.style.display = pack !== undefined ? "none" : ""
  const o = edited()
  seedInput.value = state.seed ?? String(pack?.seed ?? o?.seed ?? "")
  scenarioDesc.textContent = pack !== undefined ? `${pack.name}: ${pack.description}` : typeof o?.description === "string" ? o.description : ""
  const box = (i: number, value: string, name: string, desc: string, isRef: boolean) => {
    const id = `opt-${i}`
    const cb = el("input", { type: "checkbox", id, value })
    cb.checked = state.options.includes(value)
    cb.addEventListener("change", () => {
      state.options = cb.checked ? [...state.options, value] : state.options.filter((x) => x !== value)
      renderSetup(); renderForm(); validate(); updateUrl()
    })
    const ref = isRef ? el("strong", { class: "ref" }, ` (${u.reference})`) : ""
    return el("div", { class: "option" }, cb, el("label", { for: id, title: desc }, el("span", { class: "opt-name" }, name), ref, el("span", { class: "opt-desc" }, ` ${desc}`)))
  }
  let boxes: HTMLElement[]
  if (pack !== undefined) {
    // a pack's runs: each with its scenario's policy; the references are the first ticked run under each staffing assumption
    const ticked = pack.runs.filter((r) => state.options.includes(r.label))
    const refs = new Set(packReferences(ticked.map((r) => ({ label: r.label, staffing: assumptionOf(r.raw as Parameters<typeof assumptionOf>[0]) }))).map((k) => ticked[k]!.label))
    boxes = pack.runs.map((r, i) => {
      const pol = String(r.raw.policy ?? "")
      const desc = `${String(r.raw.name ?? "")} · ${pol}: ${String(((r.raw.policies ?? {}) as Record<string, { description?: string }>)[pol]?.description ?? "")}`
      return box(i, r.label, r.label, desc, refs.has(r.label))
    })
  } else {
    const pols = (o?.policies ?? {}) as Record<string, { description?: string }>
    boxes = Object.entries(pols).map(([name, p], i) => box(i, name, name, p.description ?? "", state.options[0] === name))
  }
  optionsBox.replaceChildren(el("legend", {}, pack !== undefined ? u.packOptions : u.options), ...boxes)
  validate()
}

langBtn.addEventListener("click", () => { state.lang = state.lang === "fi" ? "en" : "fi"; renderSetup(); renderForm(); validate(); redraw(); updateUrl() })
scenarioSelect.addEventListener("change", async () => {
  const v = scenarioSelect.value
  if (v === "(file)") return
  if (v.startsWith("pack:")) state.pack = v.slice("pack:".length)
  else { state.pack = undefined; state.scenario = v }
  state.file = undefined; state.fileName = undefined; state.edits = []; state.options = []; state.seed = undefined
  fieldErrors.clear()
  await reload()
  updateUrl()
  document.body.dataset.loaded = state.pack ?? state.scenario
})
fileInput.addEventListener("change", async () => {
  const f = fileInput.files?.[0]
  if (f === undefined) return
  // the CLI's JSON reading: a byte-order mark is fine, a failure is one line with its line and column
  const parsed = parseJsonText(await f.text(), f.name)
  if (!parsed.ok) {
    fileErrors.replaceChildren(el("li", { class: "errors-title" }, t().fileErrors), ...parsed.problems.map((p) => el("li", { "data-path": "(file)" }, el("code", {}, f.name), `: ${p.message}`)))
    document.body.dataset.loaded = f.name
    return
  }
  state.file = parsed.value; state.fileName = f.name; state.pack = undefined; state.edits = []; state.options = []; state.seed = undefined
  fieldErrors.clear()
  await reload()
  validate(); updateUrl()
  document.body.dataset.loaded = f.name
})
repsInput.addEventListener("change", () => { const v = Math.round(parseNumber(repsInput.value)); if (Number.isFinite(v) && v >= 2 && v <= 200) state.replications = v; repsInput.value = String(state.replications); updateUrl() })
bothInput.addEventListener("change", () => { state.bothStaffing = bothInput.checked; updateUrl() })
seedInput.addEventListener("change", () => { state.seed = seedInput.value.trim() === "" ? undefined : seedInput.value.trim(); updateUrl() })
resetBtn.addEventListener("click", () => { state.edits = []; fieldErrors.clear(); renderForm(); validate(); updateUrl() })
shareBtn.addEventListener("click", async () => { await updateUrl(); try { await navigator.clipboard.writeText(location.href); status.textContent = t().copied } catch { /* no clipboard permission: the address bar holds the link */ } })

let urlTimer: ReturnType<typeof setTimeout> | undefined
const updateUrl = async (): Promise<void> => {
  if (urlTimer !== undefined) clearTimeout(urlTimer)
  const hash = await encodeState(state)
  history.replaceState(null, "", `#${hash}`)
}

// ---------------------------------------------------------------------------------------------
// running in Web Workers

/** One run of the comparison: an option (a policy, or a pack's run), under its Migri staffing or the other one; its reference's label. */
interface RunSpec { readonly label: string; readonly policy: string; readonly scenario: Scenario; readonly reference: string; readonly seed: string | number; readonly file: string | null }

interface Running {
  readonly runId: number
  readonly scenario: Scenario
  readonly runs: ReadonlyArray<RunSpec>
  readonly n: number
  readonly reps: Map<string, Array<ReplicationResult | undefined>>
  readonly started: number
  firstCharts?: number
  done: number
  workMs: number
  workers: Worker[]
  queue: Array<{ run: RunSpec; replication: number }>
}
let running: Running | undefined
let last: { scenario: Scenario; fromPack: boolean; title: string; description: string; runs: ReadonlyArray<RunSpec>; reps: Map<string, Array<ReplicationResult | undefined>> } | undefined
let runCounter = 0
let pool: Worker[] = []

const workerCount = (jobs: number) => Math.max(1, Math.min(jobs, navigator.hardwareConcurrency || 2, 8))
const makeWorker = () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" })

const parseSeed = (s: string): string | number => (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s)

/** What pressing run would run now: the runs (options) and the jobs in the order they are dealt; undefined when the form is invalid. */
const plan = (): { scenario: Scenario; runs: RunSpec[]; queue: Array<{ run: RunSpec; replication: number }> } | undefined => {
  const v = validate()
  if (v === undefined || state.options.length === 0) return undefined
  const sc = v.scenario
  const n = state.replications
  let runs: RunSpec[]
  if (pack !== undefined) {
    // a pack's runs, each compared with the first run under the same staffing assumption (as `run <pack>`)
    const refs = packReferences(v.chosen.map((c) => ({ label: c.label, staffing: assumptionOf(c.scenario) })))
    runs = v.chosen.map((c, j) => ({ label: c.label, policy: c.policy, scenario: c.scenario, reference: v.chosen[refs[j]!]!.label, seed: c.seed, file: c.file }))
  } else {
    // every option; with the staffing check, every option under the other Migri staffing assumption too
    // (its label "option · shared"), each compared with the first option under the same assumption
    const other = sc.migri.staffing === "shared" ? "fixed" : "shared"
    const alt: Scenario = { ...sc, migri: { ...sc.migri, staffing: other } }
    const first = state.options[0]!
    runs = [
      ...v.chosen.map((c) => ({ label: c.label, policy: c.policy, scenario: c.scenario, reference: first, seed: c.seed, file: c.file })),
      ...(state.bothStaffing ? v.chosen.map((c) => ({ label: `${c.label} · ${other}`, policy: c.policy, scenario: alt, reference: `${first} · ${other}`, seed: c.seed, file: c.file })) : [])
    ]
  }
  const queue: Array<{ run: RunSpec; replication: number }> = []
  for (let i = 0; i < n; i++) for (const run of runs) queue.push({ run, replication: i })
  return { scenario: sc, runs, queue }
}

const jobMessage = (runId: number, job: { run: RunSpec; replication: number }): ToWorker =>
  ({ type: "job", runId, label: job.run.label, scenario: job.run.scenario, policy: job.run.policy, seed: job.run.seed, replication: job.replication })

const start = (): void => {
  const p = plan()
  if (p === undefined) { status.textContent = state.options.length === 0 ? t().noOptions : t().invalid; return }
  const { scenario: sc, runs, queue } = p
  const n = state.replications
  const want = workerCount(queue.length)
  while (pool.length < want) pool.push(makeWorker())
  const r: Running = { runId: ++runCounter, scenario: sc, runs, n, reps: new Map(runs.map((x) => [x.label, new Array<ReplicationResult | undefined>(n)])), started: performance.now(), done: 0, workMs: 0, workers: pool.slice(0, want), queue }
  running = r
  state.ran = true
  void updateUrl()
  last = { scenario: sc, fromPack: pack !== undefined, title: pack?.name ?? sc.name, description: pack?.description ?? sc.description, runs, reps: r.reps }
  document.body.dataset.status = "running"
  delete document.body.dataset.firstChartsMs
  delete document.body.dataset.doneMs
  progress.max = queue.length; progress.value = 0
  runBtn.disabled = true; cancelBtn.disabled = false
  status.textContent = t().running(0, queue.length, want)
  for (const w of r.workers) {
    w.onmessage = (ev: MessageEvent<FromWorker>) => onWorkerMessage(r, w, ev.data)
    w.onerror = (ev) => { ev.preventDefault(); finish(r, "error", ev.message || "worker failed") }
  }
  // IN_FLIGHT jobs per worker, dealt round the workers, so that each starts its next replication at once
  // instead of waiting for the main thread (which may be drawing) to answer its last result
  for (let k = 0; k < IN_FLIGHT; k++) for (const w of r.workers) next(r, w)
}

/** Jobs sent ahead to each worker. */
const IN_FLIGHT = 2
/** The run id of the jobs started before the user presses run (their results are kept by the worker, not posted). */
const SPECULATIVE = -1

const next = (r: Running, w: Worker): void => {
  const job = r.queue.shift()
  if (job === undefined) return
  w.postMessage(jobMessage(r.runId, job))
}

const onWorkerMessage = (r: Running, w: Worker, m: FromWorker): void => {
  if (running !== r || m.runId !== r.runId) return
  if (m.type === "error") { finish(r, "error", m.message); return }
  r.reps.get(m.label)![m.replication] = m.result
  r.done++
  r.workMs += m.ms
  progress.value = r.done
  status.textContent = t().running(r.done, r.n * r.runs.length, r.workers.length)
  next(r, w)
  if (r.done === r.n * r.runs.length) finish(r, "done")
  else scheduleDraw()
}

const finish = (r: Running, how: "done" | "cancelled" | "error", message = ""): void => {
  if (running !== r) return
  running = undefined
  if (how !== "done") { for (const w of r.workers) w.terminate(); pool = pool.filter((w) => !r.workers.includes(w)) }
  // the final draw: a partial draw still scheduled would only redraw the same charts
  if (drawTimer !== undefined) { clearTimeout(drawTimer); drawTimer = undefined }
  redraw()
  const secs = (ms: number) => num(state.lang, ms / 1000, 2)
  const total = performance.now() - r.started
  r.firstCharts ??= total
  if (how === "done") {
    document.body.dataset.firstChartsMs = String(Math.round(r.firstCharts))
    document.body.dataset.doneMs = String(Math.round(total))
    document.body.dataset.repMs = String(Math.round(r.workMs / Math.max(1, r.done)))
    status.textContent = t().done(r.done, secs(total), secs(r.firstCharts))
  } else status.textContent = how === "cancelled" ? t().cancelled(r.done) : t().error(message)
  document.body.dataset.status = how
  cancelBtn.disabled = true
  validate()
}

runBtn.addEventListener("click", start)
cancelBtn.addEventListener("click", () => { if (running !== undefined) finish(running, "cancelled") })
cancelBtn.disabled = true

// ---------------------------------------------------------------------------------------------
// results and charts

/** Replications 0..k−1 that every option has (so that paired differences line up). */
const complete = (reps: Map<string, Array<ReplicationResult | undefined>>, labels: ReadonlyArray<string>): number => {
  let k = Infinity
  for (const p of labels) {
    const a = reps.get(p) ?? []
    let i = 0
    while (i < a.length && a[i] !== undefined) i++
    k = Math.min(k, i)
  }
  return Number.isFinite(k) ? k : 0
}

type Exp = { label: string; reference: string; result: RunResult; reps: ReplicationResult[] }

const currentRuns = (): { runs: OptionRun[]; exps: Exp[] } | undefined => {
  if (last === undefined) return undefined
  const k = complete(last.reps, last.runs.map((x) => x.label))
  // the first charts as soon as every option has a replication; CIs appear from the second on
  if (k < 1) return undefined
  const exps = last.runs.map((run): Exp => {
    const reps = (last!.reps.get(run.label) ?? []).slice(0, k) as ReplicationResult[]
    return { label: run.label, reference: run.reference, reps, result: assembleResult(run.scenario, run.policy, run.seed, reps, { perReplication: true, scenarioFile: run.file }) }
  })
  return { runs: exps.map((e) => ({ label: e.label, result: e.result, reference: e.reference })), exps }
}

let drawTimer: ReturnType<typeof setTimeout> | undefined
let lastDraw = 0
let lastDrawCost = 0
const scheduleDraw = (): void => {
  if (drawTimer !== undefined) return
  // keep the main thread mostly free for the workers (two cores are common): at most one draw a second,
  // but a run's first charts at once
  const wait = running !== undefined && running.firstCharts === undefined ? 0 : Math.max(0, Math.max(1000, 5 * lastDrawCost) - (performance.now() - lastDraw))
  drawTimer = setTimeout(() => { drawTimer = undefined; redraw() }, wait)
}

const chartButtons = (svg: SVGSVGElement, id: string): HTMLElement => {
  const u = t()
  const b1 = el("button", { type: "button", class: "secondary small", "data-export": `svg-${id}` }, u.svg)
  const b2 = el("button", { type: "button", class: "secondary small", "data-export": `png-${id}` }, u.png)
  b1.addEventListener("click", () => downloadBlob(new Blob([svgText(svg)], { type: "image/svg+xml" }), `embassy-sim-${id}.svg`))
  b2.addEventListener("click", async () => downloadBlob(await svgToPng(svg, 2), `embassy-sim-${id}.png`))
  return el("div", { class: "chart-buttons" }, b1, b2)
}

const redraw = (): void => {
  const cur = currentRuns()
  if (cur === undefined) return
  lastDraw = performance.now()
  const input: ChartInput = { options: cur.runs }
  results.hidden = false
  const u = t()
  resultsTitle.textContent = u.chartsFor(last!.title)
  // month basis of the scoreboard by month: decisions made in the month (Migri's) or applications made in it
  {
    const mk = (b: MonthBasis, label: string) => {
      const r = el("input", { type: "radio", name: "basis", id: `basis-${b}`, value: b })
      r.checked = state.basis === b
      r.addEventListener("change", () => { state.basis = b; redraw(); updateUrl() })
      return el("span", {}, r, el("label", { for: `basis-${b}` }, label))
    }
    basisBox.replaceChildren(el("span", {}, u.basis, " "), mk("decision", u.decision), mk("application", u.application))
  }
  drawScoreboard(scoreboard, input, state.lang)
  const width = Math.max(640, Math.min(1400, charts.clientWidth || 1200))
  drawCharts(charts, input, { lang: state.lang, width, basis: state.basis, buttons: chartButtons, skipCapacity: true })
  renderExports(cur.exps)
  if (running !== undefined && running.firstCharts === undefined) {
    running.firstCharts = performance.now() - running.started
    document.body.dataset.firstChartsMs = String(Math.round(running.firstCharts))
  }
  document.body.dataset.charts = String(charts.querySelectorAll("svg.chart-svg").length)
  lastDrawCost = performance.now() - lastDraw
  document.body.dataset.drawMs = String(Math.round(lastDrawCost))
}

const resultJson = (exps: Exp[]): string => {
  if (exps.length === 1) return JSON.stringify(exps[0]!.result, null, 2) + "\n"
  return JSON.stringify({
    kind: "embassy-sim/pack", name: last!.fromPack ? last!.title : `${last!.title}: ${exps.map((e) => e.label).join(", ")}`, description: last!.description,
    runs: exps.map((e) => {
      // as `run <pack> --json`: the paired differences from the run's reference (the first option under the same Migri staffing)
      const ref = exps.find((x) => x.label === e.reference) ?? exps[0]!
      const d = Object.fromEntries(pairedDifferences(ref.reps, e.reps, PACK_PATHS))
      return { label: e.label, result: e.result, reference: ref.label, differenceFromReference: d, ...(ref === exps[0] ? { differenceFromFirst: d } : {}) }
    })
  }, null, 2) + "\n"
}

const renderExports = (exps: Exp[]): void => {
  const u = t()
  const stem = `embassy-sim-${last!.title.replace(/[^a-zA-Z0-9-]+/g, "-").toLowerCase()}`
  const runs = exps.map((e) => e.result)
  const b = (id: string, label: string, f: () => void | Promise<void>) => { const x = el("button", { type: "button", class: "secondary", "data-export": id }, label); x.addEventListener("click", () => void f()); return x }
  exportsBar.replaceChildren(el("span", { class: "label" }, `${u.exports}:`),
    b("csv", u.csv, () => downloadBlob(new Blob([plainCsv(runs)], { type: "text/csv" }), `${stem}.csv`)),
    b("csv-fi", u.csvFi, () => downloadBlob(new Blob([finnishCsv(runs)], { type: "text/csv" }), `${stem}-fi.csv`)),
    b("xlsx", u.xlsx, async () => { const { toXlsx } = await import("./xlsx.ts"); downloadBlob(await toXlsx(runs), `${stem}.xlsx`) }),
    b("json", u.json, () => downloadBlob(new Blob([resultJson(exps)], { type: "application/json" }), `${stem}.json`)))
}

// ---------------------------------------------------------------------------------------------
// start

await loadBase()
// start the workers now, so that their code is loaded before the first run
while (pool.length < workerCount(Number.MAX_SAFE_INTEGER)) pool.push(makeWorker())
renderSetup()
renderForm()
if (initial.run === true && base.ok) start()
else {
  // the form checked (its problems beside their fields), and each worker started, while the page waits
  // for the user, on the first job the run on show would deal it (the same messages; the worker keeps
  // the result and answers that job from it when it comes): the first run does not wait for the browser
  // to compile the model (a cold worker's first replications take several times as long), and its first
  // results are ready. Results never depend on it.
  const p = plan()
  if (p !== undefined) pool.forEach((w, k) => { const job = p.queue[k]; if (job !== undefined) w.postMessage({ ...jobMessage(SPECULATIVE, job), type: "ahead" } satisfies ToWorker) })
  status.textContent = t().idle
}
document.body.dataset.ready = "1"
document.body.dataset.loaded = state.file !== undefined ? (state.fileName ?? "file") : state.pack ?? state.scenario
