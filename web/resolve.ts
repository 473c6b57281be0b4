/**
 * `extends` for the page: the same merge as the CLI (src/scenario/decode.ts mergeScenario: objects
 * key by key, arrays and values replace), with the files read through a function passed in (bundled
 * scenarios by name). Pure. To be replaced by the shared src/scenario resolver when it lands.
 */
import { mergeScenario, type Problem } from "../src/scenario/decode.ts"

export type Resolved = { ok: true; value: Record<string, unknown> } | { ok: false; problems: Problem[] }
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v)

/** Resolves `extends` chains; `read(name)` returns the parsed file or undefined when there is none. */
export const resolveExtends = (name: string, raw: unknown, read: (name: string) => unknown, seen: ReadonlyArray<string> = []): Resolved => {
  if (!isObject(raw)) return { ok: false, problems: [{ path: "(file)", found: raw, message: "a scenario file must hold a JSON object" }] }
  if (seen.includes(name)) return { ok: false, problems: [{ path: "extends", found: name, message: `forms a cycle (${[...seen, name].join(" → ")})` }] }
  const { extends: parent, ...rest } = raw
  if (parent === undefined) return { ok: true, value: rest }
  if (typeof parent !== "string") return { ok: false, problems: [{ path: "extends", found: parent, message: "must be the name of another scenario file" }] }
  const file = parent.replace(/^(\.\/)+/, "")
  const base = read(file)
  if (base === undefined) return { ok: false, problems: [{ path: "extends", found: parent, message: "names a file the page does not have: pick a bundled scenario, or load a file without extends (run `embassy-sim run <file> --json` and load provenance.scenario)" }] }
  const b = resolveExtends(file, base, read, [...seen, name])
  if (!b.ok) return b
  return { ok: true, value: mergeScenario(b.value, rest) as Record<string, unknown> }
}
