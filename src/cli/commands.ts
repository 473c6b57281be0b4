/**
 * The `embassy-sim` command (effect/cli). Thin: reads files, calls experiment/, prints.
 *
 *   embassy-sim run <scenario|pack> [--seed N] [--replications N] [--policy NAME] [--json] [--csv] [--per-replication] [--out FILE]
 *   embassy-sim validate <scenario|pack>
 *   embassy-sim schema [scenario|result]
 *
 * User errors (a bad file, an unknown policy) print one line per problem and exit 2; they never show
 * a stack trace. Parse errors of the command line itself exit 1 (effect/cli's convention).
 */
import { writeFileSync } from "node:fs"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { EngineArgumentError } from "../engine/index.ts"
import { pairedDifferences } from "../experiment/summarize.ts"
import { runScenario, TOOL_VERSION, type Experiment } from "../experiment/run.ts"
import { formatProblems, type Problem } from "../scenario/decode.ts"
import { RunResult } from "../scenario/result-schema.ts"
import { Scenario } from "../scenario/schema.ts"
import { COMPARED, formatCsv, formatPack, formatRun, type PackRow } from "./format.ts"
import { loadScenario, readAny } from "./load.ts"
import { formatStaffingCheck, underFirstStaffing } from "./scoreboard.ts"
import { decisionAnswers, formatDecision, formatPackNarrow } from "./decision.ts"
import { formatSeason } from "./season.ts"

/** Prints problems on stderr and sets exit code 2 (the result of a user error, not a crash). */
const userError = (file: string, problems: ReadonlyArray<Problem>, what = "invalid"): Effect.Effect<void> =>
  Effect.sync(() => {
    process.stderr.write(`${file}: ${what} (${problems.length} problem${problems.length === 1 ? "" : "s"})\n`)
    for (const line of formatProblems(problems)) process.stderr.write(`  ${line}\n`)
    process.exitCode = 2
  })

/**
 * Runs a computation; an invalid value that only the model's construction detects (EngineArgumentError)
 * becomes a user error naming the parameter, never a stack trace.
 */
const guarded = <A>(file: string, f: () => A): Effect.Effect<A | undefined> =>
  Effect.suspend(() => {
    try {
      return Effect.succeed(f())
    } catch (e) {
      if (e instanceof EngineArgumentError) return userError(file, [{ path: e.parameter, found: e.value, message: e.message.replace(/^[^:]*: /, "") }]).pipe(Effect.as(undefined))
      throw e
    }
  })

const write = (text: string) => Effect.sync(() => { process.stdout.write(text.endsWith("\n") ? text : text + "\n") })

const scenarioArg = Argument.String("file").pipe(Argument.withDescription("a scenario file (scenarios/*.json) or a pack of scenarios (scenarios/packs/*.json)"))

const seedFlag = Flag.String("seed").pipe(Flag.withDescription("master seed (default: the scenario's seed); the same scenario and seed give identical results"), Flag.optional)
const repsFlag = Flag.Int("replications").pipe(
  Flag.withAlias("r"),
  Flag.withDescription("number of seeded replications (default: the scenario's replications)"),
  Flag.withSchema(Schema.Int.check(Schema.isGreaterThan(0, { message: "must be a whole number > 0" }))),
  Flag.optional
)
const policyFlag = Flag.String("policy").pipe(Flag.withDescription("run this named policy of the scenario instead of its default"), Flag.optional)
const jsonFlag = Flag.Boolean("json").pipe(Flag.withDescription("print the result object as JSON (schema: `embassy-sim schema result`)"), Flag.withDefault(false))
const csvFlag = Flag.Boolean("csv").pipe(Flag.withDescription("print one CSV row per metric (mean, sd, 95 % CI) for spreadsheets"), Flag.withDefault(false))
const perRepFlag = Flag.Boolean("per-replication").pipe(Flag.withDescription("with --json: include every replication's metrics"), Flag.withDefault(false))
const outFlag = Flag.String("out").pipe(Flag.withDescription("also write the JSON result to this file"), Flag.optional)

const parseSeed = (s: string): string | number => (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s)

const progress = (label: string) => (done: number, total: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${label}: replication ${done}/${total}${done === total ? "\n" : ""}`)
}

const run = Command.make(
  "run",
  { file: scenarioArg, seed: seedFlag, replications: repsFlag, policy: policyFlag, json: jsonFlag, csv: csvFlag, perReplication: perRepFlag, out: outFlag },
  (o) =>
    Effect.gen(function* () {
      const loaded = readAny(o.file)
      if (!loaded.ok) return yield* userError(o.file, loaded.problems)
      const seed = Option.map(o.seed, parseSeed)
      if (o.json && o.csv) return yield* userError("command line", [{ path: "--json/--csv", found: "both", message: "choose one output format" }], "conflicting flags")
      if (loaded.value.kind === "scenario") {
        const sc = loaded.value.scenario
        const policy = Option.getOrUndefined(o.policy)
        if (policy !== undefined && !(policy in sc.policies)) {
          return yield* userError(o.file, [{ path: "--policy", found: policy, message: `must be one of the scenario's policies: ${Object.keys(sc.policies).join(", ")}` }])
        }
        const exp = yield* guarded(o.file, () => runScenario(sc, {
          ...(policy !== undefined ? { policy } : {}),
          ...(Option.isSome(seed) ? { seed: seed.value } : {}),
          ...(Option.isSome(o.replications) ? { replications: o.replications.value } : {}),
          perReplication: o.perReplication, scenarioFile: o.file, onProgress: progress(sc.name)
        }))
        if (exp === undefined) return
        const json = JSON.stringify(exp.result, null, 2)
        if (Option.isSome(o.out)) writeFileSync(o.out.value, json + "\n")
        if (o.json) return yield* write(json)
        if (o.csv) return yield* write(formatCsv([exp.result]))
        const startMonth = Number(sc.start.slice(5, 7)) - 1
        return yield* write(formatRun(exp.result, sc.policies[exp.result.provenance.policy]?.description ?? "", startMonth) + "\n\n" + formatSeason(exp.result))
      }
      // a pack: validate every scenario first, so that no run is wasted on a later bad file
      const pack = loaded.value.pack
      const scenarios = pack.files.map((f) => ({ file: f, loaded: loadScenario(f) }))
      const bad = scenarios.filter((s) => !s.loaded.ok)
      if (bad.length > 0) {
        for (const b of bad) if (!b.loaded.ok) yield* userError(b.file, b.loaded.problems)
        return
      }
      if (Option.isSome(o.policy)) return yield* userError(o.file, [{ path: "--policy", found: o.policy.value, message: "a pack names its scenarios' policies itself; run one scenario file to choose a policy" }])
      const exps: Experiment[] = []
      for (const [i, s] of scenarios.entries()) {
        if (!s.loaded.ok) continue
        const sc = s.loaded.value
        const e = yield* guarded(s.file, () => runScenario(sc, {
          seed: Option.isSome(seed) ? seed.value : pack.seed ?? sc.seed,
          replications: Option.isSome(o.replications) ? o.replications.value : pack.replications ?? sc.replications,
          perReplication: o.perReplication, scenarioFile: s.file, onProgress: progress(pack.labels[i]!)
        }))
        if (e === undefined) return
        exps.push(e)
      }
      const paths = COMPARED.map((m) => m.path)
      const rows: PackRow[] = exps.map((e, i) => ({ label: pack.labels[i]!, result: e.result, diffs: pairedDifferences(exps[0]!.replications, e.replications, paths) }))
      // season (issue 8): the answer first, every option against each reference (src/cli/decision.ts)
      const answers = decisionAnswers(exps.map((e, i) => ({ label: pack.labels[i]!, result: e.result, replications: e.replications, for: pack.fors[i] })), pack.references, pairedDifferences)
      const packJson = JSON.stringify({
        kind: "embassy-sim/pack", name: pack.name, description: pack.description, ...(answers.length > 0 ? { references: pack.references, answers } : {}),
        runs: rows.map((r) => ({ label: r.label, result: r.result, differenceFromFirst: Object.fromEntries(r.diffs) }))
      }, null, 2)
      if (Option.isSome(o.out)) writeFileSync(o.out.value, packJson + "\n")
      if (o.json) return yield* write(packJson)
      if (o.csv) return yield* write(formatCsv(exps.map((e) => e.result)))
      return yield* write(formatDecision(answers, pack.references, exps[0]?.replications.length ?? 0) + formatPackNarrow(pack.name, pack.description, underFirstStaffing(rows), formatPack) + formatStaffingCheck(exps.map((e, i) => ({ label: pack.labels[i]!, ...e })), pairedDifferences))
    })
).pipe(Command.withDescription("Run a scenario (or a pack of scenarios) for many seeded replications and report the targets with 95 % confidence intervals"))

const validate = Command.make("validate", { file: scenarioArg }, (o) =>
  Effect.gen(function* () {
    const loaded = readAny(o.file)
    if (!loaded.ok) return yield* userError(o.file, loaded.problems)
    if (loaded.value.kind === "pack") {
      let bad = 0
      for (const f of loaded.value.pack.files) {
        const s = loadScenario(f)
        if (!s.ok) { bad++; yield* userError(f, s.problems) }
      }
      if (bad === 0) yield* Console.log(`${o.file}: valid pack of ${loaded.value.pack.files.length} scenarios`)
      return
    }
    const sc = loaded.value.scenario
    yield* Console.log(`${o.file}: valid scenario "${sc.name}" (policy ${sc.policy}; policies: ${Object.keys(sc.policies).join(", ")})`)
  })
).pipe(Command.withDescription("Check a scenario or pack file: exit 0 if valid, otherwise exit 2 with one line per problem (field path, value found, what is allowed)"))

const schemaKind = Argument.String("kind").pipe(Argument.withDescription("scenario (default) or result"), Argument.withDefault("scenario"))
const schema = Command.make("schema", { kind: schemaKind }, (o) =>
  Effect.gen(function* () {
    if (o.kind !== "scenario" && o.kind !== "result") return yield* userError("command line", [{ path: "kind", found: o.kind, message: "must be scenario or result" }], "unknown schema")
    const doc = Schema.toJsonSchemaDocument(o.kind === "scenario" ? Scenario : RunResult)
    const out = { $schema: "https://json-schema.org/draft/2020-12/schema", title: o.kind === "scenario" ? "embassy-sim scenario" : "embassy-sim run result", ...doc.schema, ...(Object.keys(doc.definitions ?? {}).length > 0 ? { $defs: doc.definitions } : {}) }
    yield* write(JSON.stringify(out, null, 2))
  })
).pipe(Command.withDescription("Print the JSON Schema of scenario files (for editors) or of run results"))

export const root = Command.make("embassy-sim").pipe(
  Command.withDescription("Discrete-event simulation of embassy workload and Migri processing for Finland's work- and study-based residence permits"),
  Command.withSubcommands([run, validate, schema])
)

export const cli = Command.runWith(root, { version: TOOL_VERSION })
