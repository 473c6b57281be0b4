/**
 * Reading scenario and pack files (Node): JSON parsing, `extends` resolution relative to the file,
 * decoding. Every failure becomes a list of one-line problems; nothing here throws at the user.
 */
import { readFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { decodeScenario, mergeScenario, type Problem } from "../scenario/decode.ts"
import type { Scenario } from "../scenario/schema.ts"

export type Loaded<T> = { ok: true; value: T } | { ok: false; problems: Problem[] }

const readJson = (file: string): Loaded<unknown> => {
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return { ok: false, problems: [{ path: file, found: undefined, message: code === "ENOENT" ? "file not found (check the path)" : code === "EISDIR" ? "is a folder, not a scenario file" : `cannot be read (${code ?? String(e)})` }] }
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (e) {
    return { ok: false, problems: [{ path: file, found: undefined, message: `is not valid JSON: ${(e as Error).message}` }] }
  }
}

/** Reads a scenario file, merging the files it `extends` (objects merge key by key, arrays replace). */
export const readScenarioObject = (file: string, seen: ReadonlyArray<string> = []): Loaded<unknown> => {
  const abs = resolve(file)
  if (seen.includes(abs)) return { ok: false, problems: [{ path: "extends", found: file, message: `forms a cycle (${[...seen, abs].join(" → ")})` }] }
  const raw = readJson(abs)
  if (!raw.ok) return raw
  const obj = raw.value
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return { ok: false, problems: [{ path: "(file)", found: obj, message: "a scenario file must hold a JSON object" }] }
  const { extends: parent, ...rest } = obj as Record<string, unknown>
  if (parent === undefined) return { ok: true, value: rest }
  if (typeof parent !== "string") return { ok: false, problems: [{ path: "extends", found: parent, message: "must be the path of another scenario file, relative to this one" }] }
  const base = readScenarioObject(resolve(dirname(abs), parent), [...seen, abs])
  if (!base.ok) return { ok: false, problems: base.problems.map((p) => ({ ...p, path: p.path === "(file)" ? `extends (${parent})` : p.path })) }
  return { ok: true, value: mergeScenario(base.value, rest) }
}

export const loadScenario = (file: string): Loaded<Scenario> => {
  const obj = readScenarioObject(file)
  if (!obj.ok) return obj
  const d = decodeScenario(obj.value)
  return d.ok ? { ok: true, value: d.value } : { ok: false, problems: [...d.problems] }
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
export const isPackObject = (v: unknown): boolean => v !== null && typeof v === "object" && (v as Record<string, unknown>).kind === "pack"

export const readPack = (file: string, v: Record<string, unknown>): Loaded<Pack> => {
  const problems: Problem[] = []
  const name = typeof v.name === "string" && v.name.length > 0 ? v.name : (problems.push({ path: "name", found: v.name, message: "a pack needs a name" }), "")
  const list = Array.isArray(v.scenarios) ? v.scenarios : (problems.push({ path: "scenarios", found: v.scenarios, message: "must be a list of {\"file\": …, \"label\": …}" }), [])
  if (Array.isArray(v.scenarios) && list.length === 0) problems.push({ path: "scenarios", found: [], message: "must list at least one scenario" })
  const files: string[] = [], labels: string[] = [], fors: Array<string | undefined> = []
  list.forEach((s: unknown, i: number) => {
    const o = s as Record<string, unknown> | null
    if (o === null || typeof o !== "object" || typeof o.file !== "string") { problems.push({ path: `scenarios[${i}].file`, found: o?.file, message: "must be the path of a scenario file, relative to the pack" }); return }
    files.push(resolve(dirname(resolve(file)), o.file))
    labels.push(typeof o.label === "string" ? o.label : o.file)
    if (o.for !== undefined && typeof o.for !== "string") problems.push({ path: `scenarios[${i}].for`, found: o.for, message: "must name the group the option is for (e.g. student-family)" })
    fors.push(typeof o.for === "string" ? o.for : undefined)
  })
  const reps = v.replications
  if (reps !== undefined && !(typeof reps === "number" && Number.isInteger(reps) && reps > 0)) problems.push({ path: "replications", found: reps, message: "must be a whole number > 0" })
  const seed = v.seed
  if (seed !== undefined && typeof seed !== "number" && typeof seed !== "string") problems.push({ path: "seed", found: seed, message: "must be a number or a string" })
  const refs = v.references
  if (refs !== undefined && !(Array.isArray(refs) && refs.every((x) => typeof x === "string" && labels.includes(x))))
    problems.push({ path: "references", found: refs, message: `must list labels of the pack's scenarios (${labels.join(", ")})` })
  for (const k of Object.keys(v)) if (!["kind", "name", "description", "scenarios", "replications", "seed", "$schema", "references"].includes(k)) problems.push({ path: k, found: v[k], message: "is not a field of a pack (kind, name, description, scenarios, replications, seed)" })
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
  const s = loadScenario(file)
  return s.ok ? { ok: true, value: { kind: "scenario", scenario: s.value } } : s
}
