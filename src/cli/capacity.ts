/**
 * `embassy-sim capacity <capacity.json> [--workers N] [--replications N] [--out FILE]`: the smallest
 * lever value (or cheapest combination) meeting the targets with the asked confidence, on common
 * random numbers. See src/experiment/capacity.ts for the method and docs/experiments.md for the file.
 */
import { readFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { CapacityFile, CheckAccumulator, checksFor, leverGrid, searchCheapest, searchOne, type CapacityOutcome, type Evaluation, type SearchResult } from "../experiment/capacity.ts"
import { scenarioHash } from "../experiment/run.ts"
import { applyParameter, locate } from "../experiment/sweep.ts"
import { schedule, type Executor, type UnitTask } from "../experiment/units.ts"
import { compileScenario } from "../model/embassy.ts"
import { decodeScenario } from "../scenario/decode.ts"
import { readScenarioObject } from "./load.ts"
import { UserFailure } from "./sweep.ts"
import { writeFileAtomic } from "./io.ts"

const fail = (file: string, path: string, message: string, found?: unknown): never => { throw new UserFailure(file, [{ path, found, message }]) }
const standard = SchemaIssue.makeFormatterStandardSchemaV1()

export interface CapacityRun {
  readonly file: CapacityFile
  readonly scenarioObject: unknown
  readonly policy: string
  readonly seed: string | number
  readonly baseValues: number[]
  readonly leverNames: string[]
  readonly costRuleNote: string
}

export const loadCapacity = (path: string): CapacityRun => {
  let raw: unknown
  try { raw = JSON.parse(readFileSync(path, "utf8")) } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return fail(path, "(file)", code === "ENOENT" ? "file not found (check the path)" : code !== undefined ? `cannot be read (${code})` : `is not valid JSON: ${(e as Error).message}`)
  }
  const r = Schema.decodeUnknownResult(CapacityFile)(raw, { errors: "all", onExcessProperty: "error" })
  if (r._tag === "Failure") throw new UserFailure(path, standard(r.failure.issue).issues.map((i) => ({ path: (i.path ?? []).map(String).join(".") || "(file)", found: undefined, message: i.message === "Expected no excess property" ? "is not a field of a capacity file" : i.message })))
  const file = r.success
  const baseFile = resolve(dirname(resolve(path)), file.base)
  const obj = readScenarioObject(baseFile)
  if (!obj.ok) throw new UserFailure(baseFile, obj.problems)
  const base = decodeScenario(obj.value)
  if (!base.ok) throw new UserFailure(baseFile, base.problems)
  const policy = file.option ?? base.value.policy
  if (!(policy in base.value.policies)) fail(path, "option", `is not a policy of ${file.base} (policies: ${Object.keys(base.value.policies).join(", ")})`, policy)
  const baseValues = file.levers.map((l, i) => {
    const p = typeof l.path === "string" ? l.path : l.path[0]!
    const loc = locate(obj.value, p)
    if (!loc.ok) return fail(path, `levers.${i}.path`, loc.message, p)
    const v = (loc.holder.container as Record<string | number, unknown>)[loc.holder.key]
    if (typeof v !== "number") return fail(path, `levers.${i}.path`, "must name a number in the scenario", v)
    return v
  })
  const checks = checksFor(file.targets, base.value)
  if (!checks.ok) fail(path, "targets", checks.message)
  const noCost = file.levers.filter((l) => l.costPerUnit === undefined).map((l) => l.name ?? String(l.path))
  const costRuleNote = `lever costs: per unit above the scenario's value, from the capacity file (the scenario has no cost rule for these levers yet)${noCost.length > 0 ? `; no cost given for ${noCost.join(", ")} (counted as 0)` : ""}; plus the model's extra staff cost (cost.extraStaffEuros)`
  return { file, scenarioObject: obj.value, policy, seed: file.seed ?? base.value.seed, baseValues, leverNames: file.levers.map((l) => l.name ?? (typeof l.path === "string" ? l.path : l.path.join("+"))), costRuleNote }
}

/** The scenario with the levers at `values` (decoded; a value the scenario refuses is a user error naming it). */
export const scenarioAt = (c: CapacityRun, values: ReadonlyArray<number>) => {
  const obj = structuredClone(c.scenarioObject)
  c.file.levers.forEach((l, i) => {
    const err = applyParameter(obj, { path: l.path, set: "value" }, values[i]!)
    if (err !== undefined) fail("capacity", `levers.${i}`, err, values[i])
  })
  const d = decodeScenario(obj)
  if (!d.ok) throw new UserFailure(`scenario at ${c.leverNames.map((n, i) => `${n} = ${values[i]}`).join(", ")}`, d.problems)
  return d.value
}

export const leverCost = (c: CapacityRun, values: ReadonlyArray<number>): number =>
  c.file.levers.reduce((a, l, i) => a + (l.costPerUnit ?? 0) * (values[i]! - c.baseValues[i]!), 0)

export type { CapacityOutcome } from "../experiment/capacity.ts"

const strip = ({ perReplication: _p, ...e }: Evaluation) => e

export const runCapacity = async (c: CapacityRun, exec: Executor, replications: number, signal?: AbortSignal, onEvaluated?: (e: Evaluation) => void): Promise<CapacityOutcome> => {
  const reps = replications
  const base = scenarioAt(c, c.baseValues)
  const checks = checksFor(c.file.targets, base)
  if (!checks.ok) return fail("capacity", "targets", checks.message)
  let point = 0
  const evaluate = async (values: ReadonlyArray<number>): Promise<Evaluation> => {
    const sc = scenarioAt(c, values)
    try { compileScenario(sc, c.policy) } catch (e) { return fail("capacity", c.leverNames.join(", "), `the scenario refuses ${values.join(", ")}: ${(e as Error).message}`) }
    const hash = scenarioHash(sc)
    const p = point++
    const tasks: UnitTask[] = Array.from({ length: reps }, (_, r) => ({ key: { point: p, option: c.policy, replication: r }, scenarioHash: hash, scenario: sc, policy: c.policy, seed: c.seed }))
    const acc = new CheckAccumulator(checks.checks)
    const out = await schedule(tasks, exec, (res) => acc.add(res), { ordered: true, ...(signal !== undefined ? { signal } : {}) })
    if (out.stopped) throw new Error("stopped")
    const e = acc.finish(values, c.file.confidence, leverCost(c, values))
    onEvaluated?.(e)
    return e
  }
  const grids = c.file.levers.map(leverGrid)
  const res = grids.length === 1
    ? await searchOne(grids[0]!, (v) => evaluate([v]))
    : await searchCheapest(grids, (vs) => leverCost(c, vs), evaluate)
  return {
    kind: "embassy-sim/capacity", name: c.file.name, policy: c.policy, seed: c.seed, replications: reps, confidence: c.file.confidence,
    levers: c.file.levers.map((l, i) => ({ name: c.leverNames[i]!, path: l.path, grid: grids[i]!, baseValue: c.baseValues[i]!, costPerUnit: l.costPerUnit ?? null })),
    method: res.method, monotonicity: res.monotonicity, costRule: c.costRuleNote,
    answer: res.answer !== undefined ? strip(res.answer) : null, below: res.below.map(strip), evaluations: res.evaluations.map(strip)
  }
}

const f1 = (x: number | null) => (x === null ? "–" : Math.abs(x) < 1 ? x.toFixed(3) : x.toFixed(1))

export const formatCapacity = (o: CapacityOutcome): string => {
  const lines: string[] = []
  const nChecks = o.evaluations[0]?.checks.length ?? 0
  lines.push(`embassy-sim capacity · ${o.name} · policy ${o.policy} · seed ${o.seed} · ${o.replications} replications per value, common random numbers`)
  lines.push(`met = every check's one-sided ${(100 * o.confidence).toFixed(0)} % bound within its limit (Bonferroni over ${nChecks} checks); method: ${o.method}`)
  for (const l of o.levers) lines.push(`lever ${l.name}: ${l.grid[0]} … ${l.grid[l.grid.length - 1]} (${l.grid.length} values; scenario ${l.baseValue})`)
  lines.push("")
  const v = (e: { values: ReadonlyArray<number> }) => e.values.join(", ")
  if (o.answer === null) lines.push(`ANSWER: no value on the grid meets the target (${o.monotonicity.note})`)
  else {
    const c = Math.round(o.answer.cost)
    lines.push(`ANSWER: ${o.levers.map((l, i) => `${l.name} = ${o.answer!.values[i]}`).join(", ")} meets the target · ${c < 0 ? `saves ${(-c).toLocaleString("en-GB")} € against the scenario's values` : `costs ${c.toLocaleString("en-GB")} € more than the scenario's values`}`)
    for (const b of o.below) lines.push(`        ${v(b)} misses it (${b.checks.filter((c) => !c.met).map((c) => c.label).join("; ")})`)
  }
  lines.push(`monotonicity: ${o.monotonicity.note}`)
  lines.push(`cost: ${o.costRule}`)
  lines.push("")
  const costs = o.evaluations.map((e) => Math.round(e.cost).toLocaleString("en-GB"))
  const cw = Math.max(6, ...costs.map((x) => x.length))
  lines.push(`value(s)  met  ${"cost €".padStart(cw)}  ` + (o.evaluations[0]?.checks.map((c) => `${c.label} ${c.kind === "max" ? "≤" : "≥"} ${c.limit}`).join("  |  ") ?? ""))
  for (const e of [...o.evaluations].sort((a, b) => a.cost - b.cost || v(a).localeCompare(v(b)))) {
    lines.push(`${v(e).padEnd(8)}  ${e.met ? "yes" : "no "}  ${Math.round(e.cost).toLocaleString("en-GB").padStart(cw)}  ` + e.checks.map((c) => `${f1(c.mean)} [${f1(c.ciLow)}, ${f1(c.ciHigh)}] bound ${f1(c.bound)}${c.met ? "" : " ✗"}`).join("  |  "))
  }
  return lines.join("\n") + "\n"
}

export const writeCapacity = (file: string, o: CapacityOutcome): void => { writeFileAtomic(file, JSON.stringify(o, null, 1) + "\n") }
