/**
 * `embassy-sim report <result.json | pack.json | folder | sweep folder> --out report.html [--lang en|fi]`: one
 * self-contained HTML file for the steering meeting (no network needed to open it). The charts are
 * drawn by the page's own chart code (web/report.ts, built with Vite into a single file, JS and CSS
 * inline); the results are embedded as JSON. The same inputs give the same file, byte for byte.
 *
 * Inputs: a run result (`embassy-sim run … --json`, best with --per-replication for bands and paired
 * differences), a pack result (`run <pack> --json`), or a folder of such files plus optionally a
 * capacity answer (`{"kind": "embassy-sim/capacity", …}`, see src/charts/input.ts CapacityResult);
 * or a sweep folder alone (results.jsonl, summary.json, sweep-base.json of `embassy-sim sweep`): each
 * option at its base point, chart 8 against the sweep's first parameter.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { formatProblems } from "../scenario/decode.ts"
import { checkOutTarget, diag, writeFileAtomic } from "./io.ts"
import { tmpdir } from "node:os"
import { basename, dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { capacityChartInput, isCapacityOutcome, isSweepSummary, sweepChartInput, type SweepSummaryInput } from "../charts/capacity.ts"
import type { CapacityResult, OptionRun } from "../charts/input.ts"
import { assembleResult } from "../experiment/run.ts"
import { pairedDifferences } from "../experiment/summarize.ts"
import type { SweepBase } from "../experiment/sweep.ts"
import type { ReplicationResult } from "../model/results.ts"
import { assumptionOf, PACK_PATHS, packReferences } from "../present/pack.ts"
import { RunResult, type Summary } from "../scenario/result-schema.ts"
import type { ReportData, ReportSweep } from "../../web/report-data.ts"
import { readAt } from "./files.ts"
import { readResults, resultsFile, SWEEP_BASE } from "./sweep-results.ts"

export interface ReportProblem { readonly file: string; readonly message: string }
type Read = { ok: true; options: OptionRun[]; capacity: CapacityResult | null; title: string | null; question: string | null; sweep?: ReportSweep } | { ok: false; problems: ReportProblem[] }

const decodeRun = Schema.decodeUnknownResult(RunResult)
const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

const checkRun = (file: string, where: string, v: unknown): { ok: true; value: RunResult } | { ok: false; problems: ReportProblem[] } => {
  const r = decodeRun(v, { errors: "all" })
  if (r._tag === "Success") return { ok: true, value: v as RunResult }
  const issues = formatIssue(r.failure.issue).issues.slice(0, 5)
  return { ok: false, problems: issues.map((i) => ({ file, message: `${where}${(i.path ?? []).map((p) => `.${String(typeof p === "object" && p !== null && "key" in p ? p.key : p)}`).join("")}: ${i.message} (is this a result of \`embassy-sim run --json\`?)` })) }
}

const checkCapacity = (file: string, v: Record<string, unknown>): { ok: true; value: CapacityResult } | { ok: false; problems: ReportProblem[] } => {
  const problems: ReportProblem[] = []
  const lever = v.lever as Record<string, unknown> | undefined, target = v.target as Record<string, unknown> | undefined, answer = v.answer as Record<string, unknown> | undefined
  if (lever === undefined || typeof lever.label !== "string" || typeof lever.unit !== "string") problems.push({ file, message: "lever: must be {\"path\", \"label\", \"unit\"}" })
  if (target === undefined || typeof target.label !== "string" || typeof target.value !== "number" || (target.direction !== "atMost" && target.direction !== "atLeast")) problems.push({ file, message: "target: must be {\"metric\", \"label\", \"value\": number, \"direction\": \"atMost\" | \"atLeast\", \"unit\"}" })
  if (!Array.isArray(v.points) || v.points.length === 0 || !v.points.every((p: unknown) => typeof (p as Record<string, unknown>)?.lever === "number")) problems.push({ file, message: "points: must be a non-empty list of {\"lever\": number, \"mean\", \"ciLow\", \"ciHigh\", \"n\"}" })
  if (answer === undefined || typeof answer.met !== "boolean" || !(answer.lever === null || typeof answer.lever === "number")) problems.push({ file, message: "answer: must be {\"lever\": number | null, \"met\": boolean}" })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: v as unknown as CapacityResult }
}

/**
 * The options of a sweep folder, each at its base point (sweep-base.json): the run result that
 * `embassy-sim run <its scenario> --policy <its policy> -r k --json --per-replication` gives for the
 * point (the replications 0…k−1 that every option has in results.jsonl), each compared with the
 * first option under the same Migri staffing on the same replications (as `run <pack>`).
 */
const sweepOptions = (dir: string, summary: SweepSummaryInput & { header: { sweepHash?: string } }, base: SweepBase, baseFile: string): { ok: true; options: OptionRun[]; replications: number } | { ok: false; problems: ReportProblem[] } => {
  const file = resultsFile(dir)
  const idx = readResults(file)
  if (!idx.ok) return { ok: false, problems: [{ file, message: idx.message }] }
  if (idx.value.header.sweepHash !== base.sweepHash || (summary.header.sweepHash !== undefined && summary.header.sweepHash !== base.sweepHash)) return { ok: false, problems: [{ file: baseFile, message: `belongs to another sweep than ${file} (hash ${base.sweepHash}, the results' ${idx.value.header.sweepHash}): run the sweep again with --resume to rewrite it` }] }
  const byCell = base.options.map((o) => {
    const mine = [...idx.value.lines.values()].filter((e) => e.key.point === o.point && e.key.option === o.label).sort((a, b) => a.key.replication - b.key.replication)
    let k = 0
    while (k < mine.length && mine[k]!.key.replication === k) k++
    return mine.slice(0, k)
  })
  const k = Math.min(...byCell.map((c) => c.length))
  if (!(k > 0)) return { ok: false, problems: [{ file, message: "holds no replication of some option's base point yet: finish the sweep with `embassy-sim sweep <sweep.json> --out <this folder> --resume`" }] }
  const fd = openSync(file, "r")
  let reps: ReplicationResult[][]
  try {
    reps = byCell.map((c) => c.slice(0, k).map((e) => (JSON.parse(readAt(fd, e.offset, e.length)) as { result: ReplicationResult }).result))
  } finally {
    closeSync(fd)
  }
  const results = base.options.map((o, j) => assembleResult(o.scenario, o.policy, base.seed, reps[j]!, { perReplication: true, scenarioFile: o.scenarioFile }))
  const refs = packReferences(base.options.map((o, j) => ({ label: o.label, staffing: assumptionOf(results[j]!.provenance.scenario) })))
  const options = base.options.map((o, j): OptionRun => ({
    label: o.label, result: results[j]!, reference: base.options[refs[j]!]!.label,
    differences: Object.fromEntries(pairedDifferences(reps[refs[j]!]!, reps[j]!, PACK_PATHS))
  }))
  return { ok: true, options, replications: k }
}

/** Reads the report's inputs: one file, or every .json file of a folder (in name order). */
export const readReportInputs = (path: string): Read => {
  let files: string[]
  try {
    files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.endsWith(".json")).sort().map((f) => join(path, f)) : [path]
  } catch {
    return { ok: false, problems: [{ file: path, message: "not found (give a result file of `embassy-sim run --json` or a folder of them)" }] }
  }
  if (files.length === 0) return { ok: false, problems: [{ file: path, message: "the folder holds no .json result files" }] }
  const options: OptionRun[] = [], problems: ReportProblem[] = []
  let capacity: CapacityResult | null = null, title: string | null = null, question: string | null = null
  let sweepSummary: { file: string; value: SweepSummaryInput } | undefined, sweepBase: { file: string; value: SweepBase } | undefined
  for (const f of files) {
    let v: unknown
    try { v = JSON.parse(readFileSync(f, "utf8")) } catch (e) { problems.push({ file: f, message: `is not valid JSON: ${(e as Error).message}` }); continue }
    const kind = (v as Record<string, unknown> | null)?.kind
    if (kind === "embassy-sim/run") {
      const r = checkRun(f, "", v)
      if (r.ok) options.push({ label: r.value.provenance.policy, result: r.value }); else problems.push(...r.problems)
    } else if (kind === "embassy-sim/pack") {
      const p = v as { name?: unknown; description?: unknown; runs?: unknown }
      if (!Array.isArray(p.runs)) { problems.push({ file: f, message: "runs: a pack result must list its runs" }); continue }
      title ??= typeof p.name === "string" ? p.name : null
      question ??= typeof p.description === "string" ? p.description : null
      p.runs.forEach((run: unknown, i: number) => {
        const o = run as { label?: unknown; result?: unknown; reference?: unknown; differenceFromReference?: unknown; differenceFromFirst?: unknown }
        const r = checkRun(f, `runs[${i}].result`, o?.result)
        if (!r.ok) { problems.push(...r.problems); return }
        // the run's paired differences from its reference (a pack of `run --json`: the first option under the same Migri staffing)
        const diffs = o.differenceFromReference ?? o.differenceFromFirst
        const reference = typeof o.reference === "string" ? o.reference : undefined
        options.push({
          label: typeof o.label === "string" ? o.label : r.value.provenance.policy, result: r.value,
          ...(reference !== undefined ? { reference } : {}),
          ...(diffs !== null && typeof diffs === "object" ? { differences: diffs as Record<string, Summary> } : {})
        })
      })
    } else if (isSweepSummary(v)) {
      // a sweep's summary.json given alone: read its folder (sweep-base.json and results.jsonl beside it)
      if (files.length === 1 && !statSync(path).isDirectory()) return readReportInputs(dirname(f))
      sweepSummary ??= { file: f, value: v }
    } else if (kind === "embassy-sim/sweep-base") {
      const b = v as Partial<SweepBase>
      if (!Array.isArray(b.options) || b.options.length === 0 || typeof b.sweepHash !== "string") problems.push({ file: f, message: "options: a sweep's base file lists its options (written by `embassy-sim sweep`; run the sweep again with --resume to rewrite it)" })
      else sweepBase ??= { file: f, value: v as SweepBase }
    } else if (kind === "embassy-sim/capacity" && isCapacityOutcome(v)) {
      // the answer of `embassy-sim capacity --out`
      const c = capacityChartInput(v)
      if ("problem" in c) problems.push({ file: f, message: c.problem }); else capacity = c
    } else if (kind === "embassy-sim/capacity") {
      const c = checkCapacity(f, v as Record<string, unknown>)
      if (c.ok) capacity = c.value; else problems.push(...c.problems)
    } else if (files.length === 1) {
      problems.push({ file: f, message: `kind: found ${JSON.stringify(kind)}; expected "embassy-sim/run", "embassy-sim/pack" or "embassy-sim/capacity"` })
    }
  }
  if (problems.length > 0) return { ok: false, problems }
  let sweep: ReportSweep | undefined
  if (sweepSummary !== undefined) {
    const dir = dirname(sweepSummary.file), sm = sweepSummary.value
    if (options.length === 0 && sweepBase === undefined) {
      // a folder of an older embassy-sim (or merged from its shards): say how to add what the report needs
      return { ok: false, problems: [{ file: dir, message: `this sweep folder has no ${SWEEP_BASE} (made by an older embassy-sim): run \`embassy-sim sweep <sweep.json> --out ${dir} --resume\` to add it (no finished unit is run again), or re-run the sweep` }] }
    }
    if (options.length > 0) {
      // run results beside the summary give the scoreboard (as before sweep-base.json)
      const c = sweepChartInput(sm)
      if ("problem" in c) return { ok: false, problems: [{ file: sweepSummary.file, message: c.problem }] }
      capacity ??= c
    } else {
      const b = sweepBase!.value
      if (!existsSync(resultsFile(dir))) return { ok: false, problems: [{ file: dir, message: `has no ${basename(resultsFile(dir))}: the report reads each option's base point from the sweep's results (copy the whole sweep folder)` }] }
      const so = sweepOptions(dir, sm, b, sweepBase!.file)
      if (!so.ok) return so
      options.push(...so.options)
      const first = b.options[0]!
      const c = sweepChartInput(sm, first.values)
      if (!("problem" in c)) capacity ??= c
      const full = sm as SweepSummaryInput & { complete?: boolean; unitsDone?: number; unitsTotal?: number }
      sweep = {
        name: b.sweepName, hash: b.sweepHash, parameters: b.parameters, replications: so.replications,
        complete: full.complete === true, unitsDone: full.unitsDone ?? 0, unitsTotal: full.unitsTotal ?? 0,
        points: b.options.map((o) => ({ option: o.label, point: o.point, exact: o.exact, values: o.values, baseValues: o.baseValues })),
        ...("problem" in c ? { chartNote: c.problem } : {})
      }
      title ??= b.sweepName
      question ??= b.description !== "" ? b.description : null
    }
  }
  if (options.length === 0) return { ok: false, problems: [{ file: path, message: `no run result found: the report needs at least one \`embassy-sim run --json\` result for its scoreboard, or a sweep folder (results.jsonl, summary.json and ${SWEEP_BASE} of \`embassy-sim sweep\`)` }] }
  // the same policy from different scenarios: name the options by scenario too
  const seen = new Map<string, number>()
  for (const o of options) seen.set(o.label, (seen.get(o.label) ?? 0) + 1)
  const named = options.map((o) => ((seen.get(o.label) ?? 0) > 1 ? { ...o, label: `${o.label} · ${o.result.provenance.scenarioName}` } : o))
  return { ok: true, options: named, capacity, title, question, ...(sweep !== undefined ? { sweep } : {}) }
}

const QUESTION = {
  en: "How do the spring and summer peaks move the 30, 14 and 7-day processing-time targets under each option?",
  fi: "Miten kevään ja kesän ruuhkat vaikuttavat 30, 14 ja 7 päivän käsittelyaikatavoitteisiin kussakin vaihtoehdossa?"
}

/** The report's HTML from a built template and the data (`<` escaped, so no data can close the script). */
export const fillTemplate = (template: string, data: ReportData): string => {
  const json = JSON.stringify(data).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")
  const marker = "<!--REPORT-DATA-->"
  if (!template.includes(marker)) throw new Error("the report template has no <!--REPORT-DATA--> marker")
  return template.replace(marker, () => `<script type="application/json" id="report-data">${json}</script>`)
}

/**
 * The report page, prebuilt by `npm run build:cli` beside the bundle (dist-cli/report-template.html,
 * one level up from its chunks): the bundle needs neither Vite nor web/. From the sources: none.
 */
const prebuiltTemplate = (): string | undefined => {
  if (import.meta.url.endsWith(".ts")) return undefined
  for (const rel of ["./report-template.html", "../report-template.html"]) {
    try { return readFileSync(new URL(rel, import.meta.url), "utf8") } catch { /* not there: the next place */ }
  }
  throw new Error("the bundle has no report-template.html beside it: rebuild it with `npm run build:cli`")
}

/** Builds web/report.html into one HTML file (JS and CSS inline) with Vite; returns its text. */
export const buildReportTemplate = async (): Promise<string> => {
  const WEB = fileURLToPath(new URL("../../web/", import.meta.url))
  const { build } = await import("vite")
  const { viteSingleFile } = await import("vite-plugin-singlefile")
  const { holidayAlias } = await import("../../vite.config.ts")
  const out = mkdtempSync(join(tmpdir(), "embassy-sim-report-"))
  try {
    await build({
      configFile: false, root: WEB, logLevel: "error", resolve: { alias: [holidayAlias] },
      plugins: [viteSingleFile({ removeViteModuleLoader: true })],
      build: { outDir: out, emptyOutDir: true, sourcemap: false, target: "es2023", rolldownOptions: { input: join(WEB, "report.html") } }
    })
    return readFileSync(join(out, "report.html"), "utf8")
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

export const makeReport = async (input: string, lang: "en" | "fi"): Promise<{ ok: true; html: string } | { ok: false; problems: ReportProblem[] }> => {
  const r = readReportInputs(input)
  if (!r.ok) return r
  const first = r.options[0]!.result.provenance
  const data: ReportData = {
    kind: "embassy-sim/report", lang,
    title: r.title ?? `embassy-sim: ${first.scenarioName}`,
    // a pack's own question; a page export's description is the scenario's, which the report shows anyway
    question: r.question !== null && r.question !== first.scenario.description ? r.question : QUESTION[lang],
    options: r.options, capacity: r.capacity,
    sources: [basename(resolve(input))],
    ...(r.sweep !== undefined ? { sweep: r.sweep } : {})
  }
  return { ok: true, html: fillTemplate(prebuiltTemplate() ?? await buildReportTemplate(), data) }
}

export const report = Command.make(
  "report",
  {
    input: Argument.String("input").pipe(Argument.withDescription("a result of `embassy-sim run --json` (best with --per-replication), a pack result, a folder of results (and a capacity answer), or a sweep's --out folder")),
    out: Flag.String("out").pipe(Flag.withDescription("the HTML file to write (checked before the work, written atomically; an existing file needs --force)")),
    force: Flag.Boolean("force").pipe(Flag.withDescription("replace an existing --out file (the command says so on stderr)"), Flag.withDefault(false)),
    lang: Flag.String("lang").pipe(Flag.withDescription("en (default) or fi"), Flag.optional)
  },
  (o) => Effect.gen(function* () {
    const lang = Option.getOrElse(o.lang, () => "en")
    if (lang !== "en" && lang !== "fi") {
      process.stderr.write(`command line: invalid (1 problem)\n  --lang: found ${JSON.stringify(lang)}; must be en or fi\n`)
      process.exitCode = 2
      return
    }
    const bad = checkOutTarget(o.out, { force: o.force })
    if (bad !== undefined) {
      process.stderr.write(`command line: cannot write the report (1 problem)\n  ${formatProblems([bad])[0]}\n`)
      process.exitCode = 2
      return
    }
    const r = yield* Effect.promise(() => makeReport(o.input, lang))
    if (!r.ok) {
      process.stderr.write(`${o.input}: cannot make a report (${r.problems.length} problem${r.problems.length === 1 ? "" : "s"})\n`)
      for (const p of r.problems) process.stderr.write(`  ${p.file}: ${p.message}\n`)
      process.exitCode = 2
      return
    }
    if (writeFileAtomic(o.out, r.html).replaced) diag(`embassy-sim: replaced ${o.out}`)
    process.stdout.write(`${o.out}: report of ${o.input} (${Math.round(r.html.length / 1024)} kB, self-contained)\n`)
  })
).pipe(Command.withDescription("Write a self-contained HTML report (scoreboard, charts, capacity answer, provenance) for the steering meeting; prints to A4 landscape"))
