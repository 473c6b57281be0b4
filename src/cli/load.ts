/**
 * Reading scenario and pack files (Node): regular files only, with a size limit (./io.ts), JSON
 * parsing and `extends` resolution relative to the file (the pure src/scenario/resolve.ts with a
 * file-system reader), decoding. Every failure becomes a list of one-line problems; nothing here
 * throws at the user.
 */
import { resolve } from "node:path"
import { EngineArgumentError } from "../engine/index.ts"
import { compileScenario } from "../model/embassy.ts"
import { decodeScenario, type Problem } from "../scenario/decode.ts"
import { dirOf, joinPath, parseJsonText, resolveScenario } from "../scenario/resolve.ts"
import { MAX_REPLICATIONS, type Scenario } from "../scenario/schema.ts"
import { readTextFile } from "./io.ts"

export type Loaded<T> = { ok: true; value: T } | { ok: false; problems: Problem[] }

const readJson = (file: string): Loaded<unknown> => {
  const text = readTextFile(file)
  if (typeof text !== "string") return { ok: false, problems: [text] }
  const parsed = parseJsonText(text, file)
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, problems: [...parsed.problems] }
}

/** Reads a scenario file, merging the files it `extends` (objects merge key by key, arrays replace). */
export const readScenarioObject = (file: string): Loaded<unknown> => {
  const r = resolveScenario(resolve(file), (path) => readTextFile(path))
  return r.ok ? { ok: true, value: r.value } : { ok: false, problems: [...r.problems] }
}

export const loadScenario = (file: string): Loaded<Scenario> => {
  const obj = readScenarioObject(file)
  if (!obj.ok) return obj
  const d = decodeScenario(obj.value)
  return d.ok ? { ok: true, value: d.value } : { ok: false, problems: [...d.problems] }
}

/** An invalid value that only the model's construction detects, as a problem naming the parameter. */
export const engineProblem = (e: EngineArgumentError): Problem => ({ path: e.parameter, found: e.value, message: e.message.replace(/^[^:]*: /, "") })

/**
 * Problems that only compiling the scenario finds (the engine's argument checks): `validate` runs this
 * so that it accepts exactly what `run` can run. Empty for a runnable scenario. The default policy is
 * compiled; the engine's checks do not depend on the policy (a policy's own fields are checked by
 * crossCheck), so any other policy compiles too.
 */
export const compileProblems = (sc: Scenario): Problem[] => {
  try {
    compileScenario(sc, sc.policy)
    return []
  } catch (e) {
    if (!(e instanceof EngineArgumentError)) throw e
    const p = engineProblem(e)
    return [{ ...p, path: `${p.path} (while preparing the model)` }]
  }
}

export interface Pack {
  readonly name: string
  readonly description: string
  /** scenario files, resolved to absolute paths; the first is the baseline of the comparisons */
  readonly files: ReadonlyArray<string>
  readonly labels: ReadonlyArray<string>
  readonly replications: number | undefined
  readonly seed: string | number | undefined
  /** season (issue 8): labels of the reference runs every option is held against, and per scenario the group it is for */
  readonly references: ReadonlyArray<string>
  readonly fors: ReadonlyArray<string | undefined>
}

/** A pack: `{"kind": "pack", "name", "description", "scenarios": [{"file", "label"?}...], "replications"?, "seed"?}`. */
export const isPackObject = (v: unknown): boolean => v !== null && typeof v === "object" && !Array.isArray(v) && Object.hasOwn(v, "kind") && (v as Record<string, unknown>).kind === "pack"

export const readPack = (file: string, v: Record<string, unknown>): Loaded<Pack> => {
  const problems: Problem[] = []
  const name = typeof v.name === "string" && v.name.length > 0 && v.name.length <= 200 ? v.name : (problems.push({ path: "name", found: v.name, message: "a pack needs a name (text of 1 to 200 characters)" }), "")
  const list = Array.isArray(v.scenarios) ? v.scenarios : (problems.push({ path: "scenarios", found: v.scenarios, message: "must be a list of {\"file\": …, \"label\": …}" }), [])
  if (Array.isArray(v.scenarios) && list.length === 0) problems.push({ path: "scenarios", found: [], message: "must list at least one scenario" })
  const files: string[] = [], labels: string[] = [], fors: Array<string | undefined> = []
  list.forEach((s: unknown, i: number) => {
    const o = s as Record<string, unknown> | null
    if (o === null || typeof o !== "object" || typeof o.file !== "string") { problems.push({ path: `scenarios[${i}].file`, found: o?.file, message: "must be the path of a scenario file, relative to the pack" }); return }
    files.push(joinPath(dirOf(resolve(file)), o.file))
    labels.push(typeof o.label === "string" ? o.label : o.file)
    if (o.for !== undefined && typeof o.for !== "string") problems.push({ path: `scenarios[${i}].for`, found: o.for, message: "must name the group the option is for (e.g. student-family)" })
    fors.push(typeof o.for === "string" ? o.for : undefined)
  })
  const reps = v.replications
  if (reps !== undefined && !(typeof reps === "number" && Number.isInteger(reps) && reps > 0 && reps <= MAX_REPLICATIONS)) problems.push({ path: "replications", found: reps, message: `must be a whole number from 1 to ${MAX_REPLICATIONS.toLocaleString("en-GB")}` })
  const seed = v.seed
  if (seed !== undefined && !(typeof seed === "number" ? Number.isSafeInteger(seed) : typeof seed === "string" && seed.length <= 200)) problems.push({ path: "seed", found: seed, message: "must be a whole number of at most 15 digits or a string of at most 200 characters" })
  if (list.length > 100) problems.push({ path: "scenarios", found: list.length, message: "must list at most 100 scenarios" })
  const refs = v.references
  if (refs !== undefined && !(Array.isArray(refs) && refs.every((x) => typeof x === "string" && labels.includes(x))))
    problems.push({ path: "references", found: refs, message: `must list labels of the pack's scenarios (${labels.join(", ")})` })
  for (const k of Object.keys(v)) if (!["kind", "name", "description", "scenarios", "replications", "seed", "$schema", "references"].includes(k)) problems.push({ path: k, found: v[k], message: "is not a field of a pack (kind, name, description, scenarios, replications, seed, references)" })
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { name, description: typeof v.description === "string" ? v.description : "", files, labels, replications: reps as number | undefined, seed: seed as string | number | undefined, references: Array.isArray(refs) ? (refs as string[]) : [], fors } }
}

/** Reads a file that is either a scenario or a pack. */
export const readAny = (file: string): Loaded<{ kind: "scenario"; scenario: Scenario } | { kind: "pack"; pack: Pack }> => {
  const raw = readJson(resolve(file))
  if (!raw.ok) return raw
  if (isPackObject(raw.value)) {
    const p = readPack(file, raw.value as Record<string, unknown>)
    return p.ok ? { ok: true, value: { kind: "pack", pack: p.value } } : p
  }
  // the other files of scenarios/: each has its own command, which checks it before it runs
  const kind = raw.value !== null && typeof raw.value === "object" ? (raw.value as Record<string, unknown>).kind : undefined
  if (kind === "sweep" || kind === "capacity") {
    return { ok: false, problems: [{ path: "kind", found: kind, message: `is a ${kind} file, not a scenario or pack: run it with \`embassy-sim ${kind} ${file}\` (which checks it before anything runs; its JSON Schema: \`embassy-sim schema ${kind}\`)` }] }
  }
  const s = loadScenario(file)
  return s.ok ? { ok: true, value: { kind: "scenario", scenario: s.value } } : s
}
