/**
 * Sweeps: a design of points over scenario parameters (named by their path in the scenario file),
 * options (policies, or a pack's scenarios) and replications, expanded into units keyed by (point,
 * option, replication). Every unit with replication i uses the streams of replication i (common
 * random numbers across points and options). Pure: no Node API (files are read by the CLI).
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { ENGINE_VERSION, RNG_ALGORITHM, RNG_VERSION, hashKey, makeStream } from "../engine/index.ts"
import { decodeScenario, formatFound, type Problem } from "../scenario/decode.ts"
import type { Scenario } from "../scenario/schema.ts"
import { canonicalJson, scenarioHash, TOOL_VERSION } from "./run.ts"
import type { UnitKey } from "./units.ts"

const d = <S extends Schema.Top>(description: string) => (s: S) => s.annotate({ description } as never) as S["Rebuild"]
const Finite = Schema.Finite
const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0, { message: "must be a whole number > 0" }))

export const Range = Schema.Struct({
  from: Finite.pipe(d("first value")),
  to: Finite.pipe(d("last value (included when the steps reach it)")),
  step: Schema.optionalKey(Finite.check(Schema.isGreaterThan(0, { message: "must be a number > 0" })).pipe(d("step; required for grid and one-at-a-time designs; in a Latin hypercube, values are rounded to it")))
})

export const Parameter = Schema.Struct({
  name: Schema.optionalKey(Schema.String.pipe(d("a label for tables (default: the path)"))),
  path: Schema.Union([Schema.String, Schema.Array(Schema.String).check(Schema.isMinLength(1))]).pipe(
    d("where the value goes in the scenario, e.g. \"missions[0].identification.slotsPerDay\" or \"missions.new-delhi.identification.slotsPerDay\" (array items by index or by id); several paths move together")
  ),
  set: Schema.optionalKey(Schema.Literals(["value", "scale", "mean"]).pipe(
    d("value: the value replaces the field (default); scale: the field (a number or a list of numbers) is multiplied by it; mean: the field is a list of weights of 0, 1, 2, … (e.g. family sizeWeights) rescaled to this mean, keeping the shape of the non-zero part")
  )),
  values: Schema.optionalKey(Schema.Array(Finite).check(Schema.isMinLength(1, { message: "must list at least one value" })).pipe(d("the values to run"))),
  range: Schema.optionalKey(Range),
  integer: Schema.optionalKey(Schema.Boolean.pipe(d("round generated values to whole numbers (Latin hypercube)")))
})
export type Parameter = typeof Parameter.Type

export const Design = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("grid").pipe(d("every combination of the parameters' values")) }),
  Schema.Struct({ kind: Schema.Literal("oneAtATime").pipe(d("the base, then each parameter through its values with the others at the base")) }),
  Schema.Struct({
    kind: Schema.Literal("latinHypercube").pipe(d("N points spread over the parameters' ranges, one per stratum of each")),
    points: PositiveInt,
    seed: Schema.optionalKey(Schema.Union([Schema.Number, Schema.String]).pipe(d("seed of the design (default: the sweep's seed)")))
  })
])

export const SweepFile = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  kind: Schema.Literal("sweep"),
  name: Schema.String.check(Schema.isMinLength(1, { message: "a sweep needs a name" })),
  description: Schema.String.pipe(Schema.withDecodingDefaultKey(Effect.succeed(""))),
  base: Schema.String.pipe(d("the base scenario or pack file, relative to this file")),
  options: Schema.optionalKey(Schema.Array(Schema.String).check(Schema.isMinLength(1)).pipe(d("policies of the scenario to compare (default: its policy); with a pack, the labels of its scenarios (default: all)"))),
  replications: PositiveInt.pipe(d("replications per point and option (replication i of every point and option shares its random numbers)")),
  seed: Schema.optionalKey(Schema.Union([Schema.Number, Schema.String]).pipe(d("master seed (default: the base scenario's, or the pack's)"))),
  design: Design.pipe(Schema.withDecodingDefaultKey(Effect.succeed({ kind: "grid" as const }))),
  parameters: Schema.Array(Parameter).check(Schema.isMinLength(1, { message: "a sweep needs at least one parameter" })),
  metrics: Schema.optionalKey(Schema.Array(Schema.String).pipe(d("metric paths for the paired differences and summary.csv (default: the key metrics)")))
})
export type SweepFile = typeof SweepFile.Type

const standard = SchemaIssue.makeFormatterStandardSchemaV1()

/** Decodes a sweep file: one problem per issue, naming its path. */
export const decodeSweep = (input: unknown): { ok: true; value: SweepFile } | { ok: false; problems: Problem[] } => {
  const r = Schema.decodeUnknownResult(SweepFile)(input, { errors: "all", onExcessProperty: "error" })
  if (r._tag === "Success") return { ok: true, value: r.success }
  return {
    ok: false,
    problems: standard(r.failure.issue).issues.map((i) => ({
      path: (i.path ?? []).map((p) => String(typeof p === "object" && p !== null && "key" in p ? p.key : p)).join(".") || "(file)",
      found: undefined,
      message: i.message === "Expected no excess property" ? "is not a field of a sweep file (`embassy-sim schema sweep` lists them)" : i.message === "Missing key" ? "this field is required" : i.message
    }))
  }
}

// ---------------------------------------------------------------------------------------------
// paths

/** "missions[0].identification.slotsPerDay" → ["missions", "0", "identification", "slotsPerDay"]. */
export const splitPath = (path: string): string[] => path.replace(/\[([^\]]+)\]/g, ".$1").split(".").filter((s) => s.length > 0)

type Holder = { container: Record<string, unknown> | unknown[]; key: string | number }

/** Finds the field at `path` in a scenario object; an unknown segment is an error naming it and what exists there. */
export const locate = (obj: unknown, path: string): { ok: true; holder: Holder } | { ok: false; message: string } => {
  const segs = splitPath(path)
  let v: unknown = obj
  let holder: Holder | undefined
  const at = (i: number) => segs.slice(0, i).join(".") || "(top)"
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!
    if (Array.isArray(v)) {
      let idx = /^\d+$/.test(s) ? Number(s) : v.findIndex((x) => x !== null && typeof x === "object" && (x as Record<string, unknown>).id === s)
      if (idx < 0 || idx >= v.length) {
        const ids = v.map((x, j) => (x !== null && typeof x === "object" && typeof (x as Record<string, unknown>).id === "string" ? (x as Record<string, unknown>).id : j))
        return { ok: false, message: `unknown path: ${at(i)} has no item "${s}" (items: ${ids.join(", ")})` }
      }
      holder = { container: v, key: idx }
      v = v[idx]
      idx = 0
    } else if (v !== null && typeof v === "object") {
      if (!(s in v)) return { ok: false, message: `unknown path: ${at(i)} has no field "${s}" (fields: ${Object.keys(v).join(", ")})` }
      holder = { container: v as Record<string, unknown>, key: s }
      v = (v as Record<string, unknown>)[s]
    } else return { ok: false, message: `unknown path: ${at(i)} is a value (${formatFound(v)}), not an object or a list` }
  }
  if (holder === undefined) return { ok: false, message: "the path is empty" }
  return { ok: true, holder }
}

const get = (h: Holder): unknown => (h.container as Record<string | number, unknown>)[h.key]
const put = (h: Holder, v: unknown): void => { (h.container as Record<string | number, unknown>)[h.key] = v }

/** Sets a parameter's value into a scenario object (mutates it). Returns an error message, or undefined. */
export const applyParameter = (obj: unknown, p: Parameter, value: number): string | undefined => {
  for (const path of typeof p.path === "string" ? [p.path] : p.path) {
    const loc = locate(obj, path)
    if (!loc.ok) return `${path}: ${loc.message}`
    const cur = get(loc.holder)
    const mode = p.set ?? "value"
    if (mode === "value") {
      if (typeof cur !== "number") return `${path}: set "value" needs a number there, found ${formatFound(cur)} (use "scale" or "mean" for lists)`
      put(loc.holder, value)
    } else if (mode === "scale") {
      if (typeof cur === "number") put(loc.holder, cur * value)
      else if (Array.isArray(cur) && cur.every((x) => typeof x === "number")) put(loc.holder, cur.map((x: number) => x * value))
      else return `${path}: set "scale" needs a number or a list of numbers, found ${formatFound(cur)}`
    } else {
      if (!Array.isArray(cur) || cur.length < 2 || !cur.every((x) => typeof x === "number")) return `${path}: set "mean" needs a list of weights of 0, 1, 2, …, found ${formatFound(cur)}`
      const w = cur as number[]
      const total = w.reduce((a, x) => a + x, 0)
      const norm = w.map((x) => x / total)
      const mean = norm.reduce((a, x, i) => a + i * x, 0)
      const s = value / mean
      const zero = 1 - s * (1 - norm[0]!)
      if (!(mean > 0) || zero < -1e-12) return `${path}: mean ${value} cannot be reached with this shape (at most ${(mean / (1 - norm[0]!)).toFixed(3)})`
      put(loc.holder, norm.map((x, i) => (i === 0 ? Math.max(0, zero) : s * x)))
    }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// designs

export interface Point {
  readonly point: number
  /** parameter name → value; null: the base scenario's value (one-at-a-time) */
  readonly values: Readonly<Record<string, number | null>>
}

export const parameterName = (p: Parameter): string => p.name ?? (typeof p.path === "string" ? p.path : p.path.join("+"))

const stepValues = (r: { from: number; to: number; step: number }): number[] => {
  const n = Math.floor((r.to - r.from) / r.step + 1e-9)
  // values as from + i·step, rounded to the step's decimals so that 0.1 steps give 0.3, not 0.30000000000000004
  const decimals = Math.max(0, ...[r.from, r.step].map((x) => (String(x).split(".")[1] ?? "").length))
  return Array.from({ length: n + 1 }, (_, i) => Number((r.from + i * r.step).toFixed(decimals)))
}

export const parameterValues = (p: Parameter): { ok: true; values: number[] } | { ok: false; message: string } => {
  if (p.values !== undefined) return { ok: true, values: [...p.values] }
  if (p.range === undefined) return { ok: false, message: "give values or a range" }
  if (p.range.step === undefined) return { ok: false, message: "range needs a step in a grid or one-at-a-time design" }
  if (p.range.to < p.range.from) return { ok: false, message: "range.to must be ≥ range.from" }
  const vs = stepValues({ from: p.range.from, to: p.range.to, step: p.range.step })
  if (vs.length > 10_000) return { ok: false, message: `range gives ${vs.length} values: use a larger step` }
  return { ok: true, values: vs }
}

/** The points of a design (deterministic: a Latin hypercube draws from its own named stream). */
export const designPoints = (sweep: SweepFile, seed: string | number): { ok: true; points: Point[] } | { ok: false; problems: Problem[] } => {
  const names = sweep.parameters.map(parameterName)
  const dup = names.find((n, i) => names.indexOf(n) !== i)
  if (dup !== undefined) return { ok: false, problems: [{ path: "parameters", found: dup, message: "two parameters have the same name: give each a distinct name" }] }
  const design = sweep.design
  if (design.kind === "latinHypercube") {
    const n = design.points
    const problems: Problem[] = []
    const cols = sweep.parameters.map((p, j) => {
      const r = p.range
      if (r === undefined || r.to < r.from) { problems.push({ path: `parameters.${j}.range`, found: r, message: "a Latin hypercube needs a range {from, to} with to ≥ from" }); return [] }
      const rng = makeStream(design.seed ?? seed, `lhs:${names[j]}`, 0)
      const perm = Array.from({ length: n }, (_, i) => i)
      for (let i = n - 1; i > 0; i--) { const k = Math.floor(rng() * (i + 1)); [perm[i], perm[k]] = [perm[k]!, perm[i]!] }
      return perm.map((s) => {
        let v = r.from + ((s + rng()) / n) * (r.to - r.from)
        if (r.step !== undefined) v = r.from + Math.round((v - r.from) / r.step) * r.step
        return p.integer === true ? Math.round(v) : Number(v.toPrecision(12))
      })
    })
    if (problems.length > 0) return { ok: false, problems }
    return { ok: true, points: Array.from({ length: n }, (_, i) => ({ point: i, values: Object.fromEntries(names.map((nm, j) => [nm, cols[j]![i]!])) })) }
  }
  const lists: number[][] = []
  for (const [j, p] of sweep.parameters.entries()) {
    const v = parameterValues(p)
    if (!v.ok) return { ok: false, problems: [{ path: `parameters.${j}`, found: undefined, message: v.message }] }
    lists.push(v.values)
  }
  const out: Array<Record<string, number | null>> = []
  if (design.kind === "oneAtATime") {
    out.push(Object.fromEntries(names.map((nm) => [nm, null])))
    lists.forEach((vs, j) => { for (const v of vs) out.push(Object.fromEntries(names.map((nm, k) => [nm, k === j ? v : null]))) })
  } else {
    const rec = (j: number, acc: Record<string, number>) => {
      if (j === lists.length) { out.push({ ...acc }); return }
      for (const v of lists[j]!) rec(j + 1, { ...acc, [names[j]!]: v })
    }
    rec(0, {})
    if (out.length > 100_000) return { ok: false, problems: [{ path: "parameters", found: out.length, message: "the grid has more than 100,000 points: use fewer values or a Latin hypercube" }] }
  }
  return { ok: true, points: out.map((values, point) => ({ point, values })) }
}

// ---------------------------------------------------------------------------------------------
// the expanded sweep

/** One option: a label and the (raw, extends-resolved) scenario object with the policy it runs. */
export interface OptionSource {
  readonly label: string
  readonly scenarioObject: unknown
  readonly policy: string | undefined
  readonly file: string
}

export interface Cell {
  readonly point: number
  readonly option: string
  readonly scenario: Scenario
  readonly scenarioHash: string
  readonly policy: string
}

export interface ExpandedSweep {
  readonly sweep: SweepFile
  readonly seed: string | number
  readonly points: Point[]
  readonly options: string[]
  /** point-major, then option */
  readonly cells: Cell[]
  readonly hash: string
  readonly header: SweepHeader
  /** per option, the point that is its base scenario (or the nearest one) with the decoded scenario there */
  readonly base: SweepBase
}

/**
 * What a sweep folder holds besides its results so that a report can be made from it alone
 * (`sweep-base.json`): per option, the sweep's point that is the option's base scenario — every
 * parameter at the base's own value (a one-at-a-time design's point 0; a grid's point with the base's
 * values) — or, when the design has no such point, the nearest one; and the decoded scenario there,
 * as `embassy-sim run --json` records it in its provenance.
 */
export interface SweepBase {
  readonly kind: "embassy-sim/sweep-base"
  readonly sweepName: string
  readonly description: string
  readonly sweepHash: string
  readonly seed: string | number
  readonly parameters: ReadonlyArray<string>
  readonly options: ReadonlyArray<SweepBaseOption>
}

export interface SweepBaseOption {
  readonly label: string
  readonly policy: string
  /** the option's scenario file, relative to the sweep file */
  readonly scenarioFile: string
  readonly point: number
  /** true: the point's scenario is the base scenario; false: the nearest point (see baseValues) */
  readonly exact: boolean
  /** the point's parameter values (null: the base's value, one-at-a-time) */
  readonly values: Readonly<Record<string, number | null>>
  /** each parameter's value in the base scenario (1 for a scale; null when the paths that move together hold different values) */
  readonly baseValues: Readonly<Record<string, number | null>>
  readonly scenarioHash: string
  readonly scenario: Scenario
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))

/** A parameter's value in a (raw) scenario object: what the point would have to set to leave it unchanged. */
export const baseValueOf = (obj: unknown, p: Parameter): number | null => {
  const mode = p.set ?? "value"
  if (mode === "scale") return 1
  const vals = (typeof p.path === "string" ? [p.path] : p.path).map((path) => {
    const loc = locate(obj, path)
    if (!loc.ok) return null
    const cur = get(loc.holder)
    if (mode === "value") return typeof cur === "number" ? cur : null
    if (!Array.isArray(cur) || !cur.every((x) => typeof x === "number")) return null
    const w = cur as number[], total = w.reduce((a, x) => a + x, 0)
    return total > 0 ? w.reduce((a, x, i) => a + i * x, 0) / total : null
  })
  const first = vals[0]
  return first !== null && first !== undefined && vals.every((v) => v !== null && close(v, first)) ? first : null
}

/**
 * The point of `points` whose values are the base's (null counts as the base's), else the nearest:
 * the smallest sum over parameters of |value − base| ÷ the parameter's spread in the design; ties go
 * to the first point.
 */
export const basePoint = (points: ReadonlyArray<Point>, baseValues: Readonly<Record<string, number | null>>): { point: number; exact: boolean } => {
  const names = Object.keys(baseValues)
  const exact = points.find((pt) => names.every((n) => { const v = pt.values[n], b = baseValues[n]; return v === null || v === undefined || (b !== null && b !== undefined && close(v, b)) }))
  if (exact !== undefined) return { point: exact.point, exact: true }
  const spread = new Map(names.map((n) => {
    const vs = points.map((pt) => pt.values[n]).filter((v): v is number => typeof v === "number")
    const s = vs.length > 0 ? Math.max(...vs) - Math.min(...vs) : 0
    return [n, s > 0 ? s : 1]
  }))
  let best = points[0]?.point ?? 0, bestD = Infinity
  for (const pt of points) {
    let d = 0
    for (const n of names) { const v = pt.values[n], b = baseValues[n]; if (typeof v === "number" && typeof b === "number") d += Math.abs(v - b) / spread.get(n)! }
    if (d < bestD) { bestD = d; best = pt.point }
  }
  return { point: best, exact: false }
}

export const SweepHeaderSchema = Schema.Struct({
  kind: Schema.Literal("embassy-sim/sweep-results"),
  sweepName: Schema.String,
  sweepHash: Schema.String.pipe(d("hash of everything that decides a unit's result (each cell's scenario hash and policy, the seed, the tool, engine and generator versions); replications are not part of it, so a sweep can be extended")),
  toolVersion: Schema.String, engineVersion: Schema.String,
  rng: Schema.Struct({ algorithm: Schema.String, version: Schema.String }),
  seed: Schema.Union([Schema.Number, Schema.String]),
  parameters: Schema.Array(Schema.String),
  options: Schema.Array(Schema.String),
  points: Schema.Array(Schema.Struct({ point: Schema.Number, values: Schema.Record(Schema.String, Schema.NullOr(Schema.Number)) })),
  cells: Schema.Array(Schema.Struct({ point: Schema.Number, option: Schema.String, policy: Schema.String, scenarioHash: Schema.String }))
})
export type SweepHeader = typeof SweepHeaderSchema.Type

export const ResultLineSchema = Schema.Struct({
  key: Schema.Struct({ point: Schema.Number, option: Schema.String, replication: Schema.Number }),
  result: Schema.Unknown.pipe(d("the replication's metrics (the shape of `embassy-sim schema result`'s replications; NaN as null)"))
})

/**
 * Expands a sweep over its options: applies each point to each option's scenario object and decodes
 * it. Problems name the parameter, the point and the field.
 */
export const expandSweep = (sweep: SweepFile, sources: ReadonlyArray<OptionSource>, seed: string | number): { ok: true; value: ExpandedSweep } | { ok: false; problems: Problem[] } => {
  const pts = designPoints(sweep, seed)
  if (!pts.ok) return pts
  const problems: Problem[] = []
  // unknown paths first, once, against the base of every option
  sweep.parameters.forEach((p, j) => {
    for (const src of sources) {
      for (const path of typeof p.path === "string" ? [p.path] : p.path) {
        const loc = locate(src.scenarioObject, path)
        if (!loc.ok) problems.push({ path: `parameters.${j}.path`, found: path, message: `${loc.message}${sources.length > 1 ? ` in ${src.label}` : ""}` })
      }
    }
  })
  if (problems.length > 0) return { ok: false, problems }
  const cells: Cell[] = []
  for (const pt of pts.points) {
    for (const src of sources) {
      const obj = structuredClone(src.scenarioObject)
      for (const [j, p] of sweep.parameters.entries()) {
        const v = pt.values[parameterName(p)]
        if (v === null || v === undefined) continue
        const err = applyParameter(obj, p, v)
        if (err !== undefined) problems.push({ path: `parameters.${j}`, found: v, message: err })
      }
      const dec = decodeScenario(obj)
      if (!dec.ok) {
        for (const pr of dec.problems) problems.push({ path: `point ${pt.point} (${formatValues(pt.values)}), ${src.label}: ${pr.path}`, found: pr.found, message: pr.message })
        continue
      }
      const policy = src.policy ?? dec.value.policy
      if (!(policy in dec.value.policies)) { problems.push({ path: "options", found: policy, message: `must be one of the scenario's policies: ${Object.keys(dec.value.policies).join(", ")}` }); continue }
      cells.push({ point: pt.point, option: src.label, scenario: dec.value, scenarioHash: scenarioHash(dec.value), policy })
    }
    if (problems.length >= 20) break
  }
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) }
  const options = sources.map((s) => s.label)
  const header: SweepHeader = {
    kind: "embassy-sim/sweep-results", sweepName: sweep.name, sweepHash: "",
    toolVersion: TOOL_VERSION, engineVersion: ENGINE_VERSION, rng: { algorithm: RNG_ALGORITHM, version: RNG_VERSION },
    seed, parameters: sweep.parameters.map(parameterName), options, points: pts.points,
    cells: cells.map((c) => ({ point: c.point, option: c.option, policy: c.policy, scenarioHash: c.scenarioHash }))
  }
  const hash = hashKey(canonicalJson({ ...header, sweepName: undefined, sweepHash: undefined }))
  const names = sweep.parameters.map(parameterName)
  const base: SweepBase = {
    kind: "embassy-sim/sweep-base", sweepName: sweep.name, description: sweep.description, sweepHash: hash, seed, parameters: names,
    options: sources.map((src) => {
      const baseValues = Object.fromEntries(sweep.parameters.map((p, j) => [names[j]!, baseValueOf(src.scenarioObject, p)]))
      const at = basePoint(pts.points, baseValues)
      const cell = cells.find((c) => c.point === at.point && c.option === src.label)!
      return { label: src.label, policy: cell.policy, scenarioFile: src.file, point: at.point, exact: at.exact, values: pts.points[at.point]!.values, baseValues, scenarioHash: cell.scenarioHash, scenario: cell.scenario }
    })
  }
  return { ok: true, value: { sweep, seed, points: pts.points, options, cells, hash, header: { ...header, sweepHash: hash }, base } }
}

const dedupe = (ps: Problem[]): Problem[] => {
  const seen = new Set<string>()
  return ps.filter((p) => { const k = `${p.path}|${p.message}`; if (seen.has(k)) return false; seen.add(k); return true })
}

export const formatValues = (values: Readonly<Record<string, number | null>>): string =>
  Object.entries(values).map(([k, v]) => `${k} = ${v === null ? "base" : v}`).join(", ")

/** All units in canonical order (point, option, replication). */
export const allUnits = (x: ExpandedSweep): UnitKey[] => {
  const out: UnitKey[] = []
  for (const c of x.cells) for (let r = 0; r < x.sweep.replications; r++) out.push({ point: c.point, option: c.option, replication: r })
  return out
}

/** A deterministic 1/n of the units: those whose index in the canonical order is ≡ k (mod n). */
export const shardUnits = (units: ReadonlyArray<UnitKey>, k: number, n: number): UnitKey[] => units.filter((_, i) => i % n === k)
