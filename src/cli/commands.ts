/**
 * The `embassy-sim` command (effect/cli). Thin: reads files, calls experiment/, prints.
 *
 *   embassy-sim run <scenario|pack> [--seed N] [--replications N] [--policy NAME] [--json] [--csv] [--per-replication] [--out FILE [--force]]
 *   embassy-sim validate <scenario|pack>
 *   embassy-sim policies <scenario>
 *   embassy-sim schema [scenario|result]
 *
 * Exit codes: 0 done; 2 a user error (bad file, bad flag, unknown policy: one line per problem on
 * stderr, never a stack trace); 1 an internal error (one line + where to report it; the trace with
 * --verbose); 130 / 143 stopped by SIGINT / SIGTERM after a replication, with what was done reported
 * and marked partial. stdout carries results only. Flag errors are turned into exit 2 in ./main.ts.
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import type { RunSpec } from "../experiment/run.ts"
import { TOOL_VERSION } from "../experiment/run.ts"
import { formatProblems, type Problem } from "../scenario/decode.ts"
import { RunResult } from "../scenario/result-schema.ts"
import { MAX_REPLICATIONS, Scenario } from "../scenario/schema.ts"
import { formatCsv } from "../present/csv.ts"
import { assumptionOf, PACK_PATHS, packReferences, underFirstStaffing, type PackRow } from "../present/pack.ts"
import { formatPack, formatRun } from "./format.ts"
import { checkOutTarget, diag, exitCodeForSignal, formatDuration, installStopController, progressReporter, writeFileAtomic, type StopSignal } from "./io.ts"
import { availableParallelism } from "node:os"
import { expectedApplications } from "../scenario/decode.ts"
import { compileProblems, loadScenario, readAny } from "./load.ts"
import { report } from "./report.ts"
import { batchFlag, dialectFlag, experimentCommands, experimentSchemas, maxReplicationsFlag, parsePrecision, precisionFlag, runOnWorkers, threadsFor, workersFlag } from "./experiments.ts"
import { formatStaffingCheck } from "./scoreboard.ts"
import { pairedDifferences } from "../experiment/summarize.ts"
import { decisionAnswers, formatDecision } from "./decision.ts"
import { formatSeason } from "./season.ts"

/** Prints problems on stderr and sets exit code 2 (the result of a user error, not a crash). */
export const userError = (file: string, problems: ReadonlyArray<Problem>, what = "invalid"): Effect.Effect<void> =>
  Effect.sync(() => {
    process.stderr.write(`${file}: ${what} (${problems.length} problem${problems.length === 1 ? "" : "s"})\n`)
    for (const line of formatProblems(problems)) process.stderr.write(`  ${line}\n`)
    process.exitCode = 2
  })

/** Runs longer than this get an estimate of their duration on stderr once the first replications are done. */
const ESTIMATE_ABOVE_MS = 10_000
/** Simulation cost per application on one core (npm run bench: ≈ 1.8 µs on the project's machine; a little more for safety). */
const US_PER_APPLICATION = 2

const write = (text: string) => Effect.sync(() => { process.stdout.write(text.endsWith("\n") ? text : text + "\n") })

/** Writes --out atomically; says on stderr when it replaced a file (only possible with --force). */
const writeOut = (path: string, text: string): Effect.Effect<boolean> =>
  Effect.sync(() => {
    try {
      const { replaced } = writeFileAtomic(path, text)
      if (replaced) diag(`embassy-sim: replaced ${path}`)
      return true
    } catch (e) {
      diag(`embassy-sim: could not write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}; the previous file, if any, is unchanged`)
      process.exitCode = 1
      return false
    }
  })

const scenarioArg = Argument.String("file").pipe(Argument.withDescription("a scenario file (scenarios/*.json) or a pack of scenarios (scenarios/packs/*.json)"))

const seedFlag = Flag.String("seed").pipe(Flag.withDescription("master seed (default: the scenario's seed); the same scenario and seed give identical results"), Flag.optional)
const repsFlag = Flag.Int("replications").pipe(
  Flag.withAlias("r"),
  Flag.withDescription(`number of seeded replications, 1 … ${MAX_REPLICATIONS} (default: the scenario's replications)`),
  Flag.withSchema(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: MAX_REPLICATIONS }, { message: `must be a whole number from 1 to ${MAX_REPLICATIONS}` }))),
  Flag.optional
)
const policyFlag = Flag.String("policy").pipe(Flag.withDescription("run this named policy of the scenario instead of its default (`embassy-sim policies <scenario>` lists them)"), Flag.optional)
const jsonFlag = Flag.Boolean("json").pipe(Flag.withDescription("print the result object as JSON (schema: `embassy-sim schema result`)"), Flag.withDefault(false))
const csvFlag = Flag.Boolean("csv").pipe(Flag.withDescription("print one CSV row per metric (mean, sd, 95 % CI, unit) for spreadsheets"), Flag.withDefault(false))
const perRepFlag = Flag.Boolean("per-replication").pipe(Flag.withDescription("add every replication's metrics to the JSON result (needs --json or --out)"), Flag.withDefault(false))
const outFlag = Flag.String("out").pipe(Flag.withDescription("also write the JSON result to this file (checked before the run, written atomically; an existing file needs --force)"), Flag.optional)
const forceFlag = Flag.Boolean("force").pipe(Flag.withDescription("with --out: replace an existing file (the command says so on stderr)"), Flag.withDefault(false))

const parseSeed = (s: string): string | number => (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s)

const stopNote = (sig: StopSignal, completed: number, requested: number): string =>
  `PARTIAL RESULT: stopped by ${sig} after ${completed} of ${requested} replications; the figures below cover those ${completed}`

const run = Command.make(
  "run",
  { file: scenarioArg, seed: seedFlag, replications: repsFlag, policy: policyFlag, json: jsonFlag, csv: csvFlag, perReplication: perRepFlag, out: outFlag, force: forceFlag, csvDialect: dialectFlag, workers: workersFlag, precision: precisionFlag, maxReplications: maxReplicationsFlag, batch: batchFlag },
  (o) =>
    Effect.gen(function* () {
      if (o.json && o.csv) return yield* userError("command line", [{ path: "--json/--csv", found: "both", message: "choose one output format" }], "conflicting flags")
      if (o.perReplication && !o.json && Option.isNone(o.out)) return yield* userError("command line", [{ path: "--per-replication", found: true, message: "adds every replication's metrics to the JSON result: use it with --json or --out FILE (the table and --csv show the summary only)" }], "flag without effect")
      if (o.csvDialect !== "plain" && !o.csv) return yield* userError("command line", [{ path: "--csv-dialect", found: o.csvDialect, message: "chooses the dialect of --csv: add --csv" }], "flag without effect")
      if (o.force && Option.isNone(o.out)) return yield* userError("command line", [{ path: "--force", found: true, message: "only replaces the file of --out FILE" }], "flag without effect")
      if (Option.isSome(o.out)) {
        const bad = checkOutTarget(o.out.value, { force: o.force })
        if (bad !== undefined) return yield* userError("command line", [bad], "cannot write the result")
      }
      const loaded = readAny(o.file)
      if (!loaded.ok) return yield* userError(o.file, loaded.problems)
      const seed = Option.map(o.seed, parseSeed)
      if (Option.isSome(seed) && typeof seed.value === "string" && seed.value.length > 200) return yield* userError("command line", [{ path: "--seed", found: seed.value, message: "must be a whole number or text of at most 200 characters" }])
      const precision = Option.isSome(o.precision) ? parsePrecision(o.precision.value, o.maxReplications, o.batch) : undefined
      if (precision !== undefined && "path" in precision) return yield* userError("command line", [precision], "invalid flag")
      // what to run: one scenario, or every scenario of a pack (validated whole first, so that no run is wasted on a later bad file)
      const isPack = loaded.value.kind === "pack"
      const specs: RunSpec[] = []
      if (loaded.value.kind === "scenario") {
        const sc = loaded.value.scenario
        const policy = Option.getOrUndefined(o.policy)
        if (policy !== undefined && !Object.hasOwn(sc.policies, policy)) {
          return yield* userError(o.file, [{ path: "--policy", found: policy, message: `must be one of the scenario's policies: ${Object.keys(sc.policies).join(", ")}` }])
        }
        const problems = compileProblems(sc)
        if (problems.length > 0) return yield* userError(o.file, problems)
        const pol = policy ?? sc.policy
        specs.push({ label: pol, scenario: sc, policy: pol, seed: Option.isSome(seed) ? seed.value : sc.seed, replications: Option.isSome(o.replications) ? o.replications.value : sc.replications, scenarioFile: o.file })
      } else {
        const pack = loaded.value.pack
        if (Option.isSome(o.policy)) return yield* userError(o.file, [{ path: "--policy", found: o.policy.value, message: "a pack names its scenarios' policies itself; run one scenario file to choose a policy" }])
        const scenarios = pack.files.map((f) => ({ file: f, loaded: loadScenario(f) }))
        let bad = false
        for (const [i, s] of scenarios.entries()) {
          const problems = s.loaded.ok ? compileProblems(s.loaded.value) : s.loaded.problems
          if (problems.length > 0) { bad = true; yield* userError(s.file, problems); continue }
          if (!s.loaded.ok) continue
          const sc = s.loaded.value
          specs.push({
            label: pack.labels[i]!, scenario: sc, policy: sc.policy, scenarioFile: s.file,
            seed: Option.isSome(seed) ? seed.value : pack.seed ?? sc.seed,
            replications: Option.isSome(o.replications) ? o.replications.value : pack.replications ?? sc.replications
          })
        }
        if (bad) return
      }
      const label = loaded.value.kind === "pack" ? loaded.value.pack.name : specs[0]!.scenario.name
      // a pack's differences: each run against the first option under the same staffing assumption (present/pack.ts assumptionOf)
      const references = packReferences(specs.map((sp) => ({ label: sp.label, staffing: assumptionOf(sp.scenario) })))
      // Ctrl-C / SIGTERM: no new replications are started; those done are reported, marked partial
      const abort = new AbortController()
      const stop = installStopController((sig) => { diag(`embassy-sim: ${sig} received: stopping after the replications under way (send it again to stop at once)`); abort.abort() })
      // before anything runs: how big the run is, from the scenarios' expected intake (measured ≈ 2 µs per application on one core)
      const applications = specs.reduce((a, sp) => a + expectedApplications(sp.scenario) * sp.replications, 0)
      const totalReps = specs.reduce((a, sp) => a + sp.replications, 0)
      const threads = threadsFor(o.workers, precision !== undefined ? precision.maxReplications * specs.length : totalReps, availableParallelism())
      const guess = (applications * US_PER_APPLICATION) / 1000 / threads
      if (guess > ESTIMATE_ABOVE_MS) diag(`${label}: about ${Math.round(applications).toLocaleString("en-GB")} applications in ${totalReps.toLocaleString("en-GB")} replications on ${threads} thread${threads === 1 ? "" : "s"}: expect roughly ${formatDuration(guess)} (refined after the first replications; Ctrl-C stops and keeps what is done)`)
      const t0 = performance.now()
      const progress = progressReporter(label)
      let estimated = false, tFirst = 0
      const onProgress = (done: number, total: number) => {
        // once the pool is warm (a few replications per thread after the first), say how long the whole run will take when that is long
        if (done === 1) tFirst = performance.now()
        if (!estimated && done > 1 && done >= Math.min(total, 1 + 2 * threads) && total > done) {
          estimated = true
          const now = performance.now()
          const ms = now - t0 + ((now - tFirst) / (done - 1)) * (total - done)
          if (ms > ESTIMATE_ABOVE_MS) diag(`${label}: ${total} replications will take about ${formatDuration(ms)} (Ctrl-C stops after the replications under way and keeps what is done)`)
        }
        progress(done, total)
      }
      if (isPack && process.stderr.isTTY !== true) diag(`${label}: ${specs.length} scenarios; a progress line every 10 s`)
      // a pack's answer holds each option against each of its references: those need the replications (kept in memory, not written unless asked)
      const keep = o.perReplication || (loaded.value.kind === "pack" && loaded.value.pack.references.length > 0)
      const outcome = yield* runOnWorkers(specs, o.workers, {
        ...(isPack ? { paths: PACK_PATHS, references } : {}), perReplication: keep, onProgress, signal: abort.signal,
        ...(precision !== undefined ? { precision } : {})
      }).pipe(Effect.ensuring(Effect.sync(() => stop.dispose())))
      const stoppedBy: StopSignal | undefined = outcome.stopped ? stop.requested() ?? "SIGTERM" : undefined
      const results = outcome.results.map(({ replications: reps, ...r }, j) => ({
        ...r,
        ...(stoppedBy !== undefined && r.provenance.replications < specs[j]!.replications ? { partial: { requested: specs[j]!.replications, completed: r.provenance.replications, stoppedBy } } : {}),
        ...(o.perReplication && reps !== undefined ? { replications: reps } : {})
      }))
      let note: string | undefined
      if (stoppedBy !== undefined) {
        process.exitCode = exitCodeForSignal(stoppedBy)
        if (results.every((r) => r.provenance.replications === 0)) return diag(`embassy-sim: stopped by ${stoppedBy} before the first replication finished: nothing to report, no file written`)
        const done = results.map((r) => r.provenance.replications), want = specs.map((s) => s.replications)
        note = `PARTIAL RESULT: stopped by ${stoppedBy} after ${Math.min(...done)}${Math.max(...done) > Math.min(...done) ? `–${Math.max(...done)}` : ""} of ${Math.max(...want)} replications${isPack ? " per scenario" : ""}; the figures below cover those completed${isPack ? " (differences on the replications both sides completed)" : ""}`
        diag(`embassy-sim: ${note}`)
      }
      if (loaded.value.kind === "scenario") {
        const sc = specs[0]!.scenario, result = results[0]!
        const json = JSON.stringify(result, null, 2)
        if (Option.isSome(o.out) && !(yield* writeOut(o.out.value, json + "\n"))) return
        if (o.json) return yield* write(json)
        if (o.csv) return yield* write(formatCsv([result], undefined, o.csvDialect))
        const startMonth = Number(sc.start.slice(5, 7)) - 1
        const pol = result.provenance.policy
        const text = formatRun(result, Object.hasOwn(sc.policies, pol) ? sc.policies[pol]!.description : "", startMonth) + "\n\n" + formatSeason(result)
        return yield* write(note !== undefined ? `${note}\n${text}` : text)
      }
      const pack = loaded.value.pack
      const rows: PackRow[] = results.map((result, i) => ({ label: pack.labels[i]!, result, diffs: outcome.differences[i]!, reference: pack.labels[references[i]!]! }))
      const answers = decisionAnswers(results.map((result, i) => ({ label: pack.labels[i]!, result, replications: outcome.replications[i]!, for: pack.fors[i] })), pack.references, pairedDifferences)
      const packJson = JSON.stringify({
        kind: "embassy-sim/pack", name: pack.name, description: pack.description,
        ...(stoppedBy !== undefined ? { partial: { stoppedBy } } : {}),
        // season (issue 8): the answer, every option against each of the pack's references (src/cli/decision.ts)
        ...(answers.length > 0 ? { references: pack.references, answers } : {}),
        runs: rows.map((r, i) => ({
          label: r.label, result: r.result, reference: r.reference, differenceFromReference: Object.fromEntries(r.diffs),
          ...(references[i] === 0 ? { differenceFromFirst: Object.fromEntries(r.diffs) } : {})
        }))
      }, null, 2)
      if (Option.isSome(o.out) && !(yield* writeOut(o.out.value, packJson + "\n"))) return
      if (o.json) return yield* write(packJson)
      if (o.csv) return yield* write(formatCsv(results, rows, o.csvDialect))
      const text = formatDecision(answers, pack.references, Math.min(...results.map((r) => r.provenance.replications))) + formatPack(pack.name, pack.description, underFirstStaffing(rows)) + formatStaffingCheck(rows)
      return yield* write(note !== undefined ? `${note}\n${text}` : text)
    })
).pipe(Command.withDescription("Run a scenario (or a pack of scenarios) for many seeded replications and report the targets with 95 % confidence intervals. Times in days, hours of staff time, costs in euros. Ctrl-C / SIGTERM stop after the current replication and report what is done (exit 130 / 143)"))

const validate = Command.make("validate", { file: scenarioArg }, (o) =>
  Effect.gen(function* () {
    const loaded = readAny(o.file)
    if (!loaded.ok) return yield* userError(o.file, loaded.problems)
    if (loaded.value.kind === "pack") {
      let bad = 0
      for (const f of loaded.value.pack.files) {
        const s = loadScenario(f)
        const problems = s.ok ? compileProblems(s.value) : s.problems
        if (problems.length > 0) { bad++; yield* userError(f, problems) }
      }
      if (bad === 0) yield* Console.log(`${o.file}: valid pack of ${loaded.value.pack.files.length} scenarios`)
      return
    }
    const sc = loaded.value.scenario
    const problems = compileProblems(sc)
    if (problems.length > 0) return yield* userError(o.file, problems)
    yield* Console.log(`${o.file}: valid scenario "${sc.name}" (policy ${sc.policy}; policies: ${Object.keys(sc.policies).join(", ")})`)
  })
).pipe(Command.withDescription("Check a scenario or pack file: exit 0 if valid (then `run` runs it), otherwise exit 2 with one line per problem (field path, value found, what is allowed)"))

const policies = Command.make("policies", { file: scenarioArg }, (o) =>
  Effect.gen(function* () {
    const loaded = readAny(o.file)
    if (!loaded.ok) return yield* userError(o.file, loaded.problems)
    if (loaded.value.kind === "pack") return yield* userError(o.file, [{ path: "(file)", found: "pack", message: "is a pack; give one of its scenario files to list that scenario's policies" }])
    const sc = loaded.value.scenario
    const names = Object.keys(sc.policies)
    const w = Math.max(...names.map((n) => n.length))
    const lines = names.map((n) => `${n === sc.policy ? "*" : " "} ${n.padEnd(w)}  ${sc.policies[n]!.description}`)
    yield* write([`Policies of ${o.file} (* = the default; choose another with run --policy NAME):`, ...lines].join("\n"))
  })
).pipe(Command.withDescription("List a scenario's policies (operating models): the names for run --policy, with their descriptions"))

const schemaKind = Argument.String("kind").pipe(Argument.withDescription(`scenario (default), result, ${Object.keys(experimentSchemas).join(", ")}`), Argument.withDefault("scenario"))
const schema = Command.make("schema", { kind: schemaKind }, (o) =>
  Effect.gen(function* () {
    const extra = experimentSchemas[o.kind]
    if (o.kind !== "scenario" && o.kind !== "result" && extra === undefined) return yield* userError("command line", [{ path: "kind", found: o.kind, message: `must be scenario, result, ${Object.keys(experimentSchemas).join(", ")}` }], "unknown schema")
    const doc = Schema.toJsonSchemaDocument(extra?.schema ?? (o.kind === "scenario" ? Scenario : RunResult))
    const out = { $schema: "https://json-schema.org/draft/2020-12/schema", title: extra?.title ?? (o.kind === "scenario" ? "embassy-sim scenario" : "embassy-sim run result"), ...doc.schema, ...(Object.keys(doc.definitions ?? {}).length > 0 ? { $defs: doc.definitions } : {}) }
    yield* write(JSON.stringify(out, null, 2))
  })
).pipe(Command.withDescription("Print the JSON Schema of scenario files (for editors) or of run results"))

export const root = Command.make("embassy-sim").pipe(
  Command.withDescription("Discrete-event simulation of embassy workload and Migri processing for Finland's work- and study-based residence permits. Exit codes: 0 done, 2 bad input or flag (one line per problem on stderr), 1 internal error (add --verbose for its trace), 130 / 143 stopped by Ctrl-C / SIGTERM with the partial result"),
  Command.withSubcommands([run, validate, policies, schema, report, ...experimentCommands])
)

export const cli = Command.runWith(root, { version: TOOL_VERSION })
