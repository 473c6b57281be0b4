/**
 * Pack files (`scenarios/packs/*.json`): a list of scenario files run side by side on common random
 * numbers, each with its label (and, for the season's answer, the group it is for), optionally the
 * replications, the seed and the labels of the reference runs. The checks are pure, shared by the
 * CLI (src/cli/load.ts, files relative to the pack on disk) and the page (the bundled scenarios):
 * every problem names its field, as for a scenario file.
 */
import type { Problem } from "./decode.ts"
import { joinPath } from "./resolve.ts"
import { MAX_REPLICATIONS } from "./schema.ts"

export interface Pack {
  readonly name: string
  readonly description: string
  /** scenario files, resolved against the pack's folder; the first is the baseline of the comparisons */
  readonly files: ReadonlyArray<string>
  readonly labels: ReadonlyArray<string>
  readonly replications: number | undefined
  readonly seed: string | number | undefined
  /** season (issue 8): labels of the reference runs every option is held against, and per scenario the group it is for */
  readonly references: ReadonlyArray<string>
  readonly fors: ReadonlyArray<string | undefined>
}

/** A pack: `{"kind": "pack", "name", "description", "scenarios": [{"file", "label"?, "for"?}...], "replications"?, "seed"?, "references"?}`. */
export const isPackObject = (v: unknown): boolean => v !== null && typeof v === "object" && !Array.isArray(v) && Object.hasOwn(v, "kind") && (v as Record<string, unknown>).kind === "pack"

/** Checks a pack object; `dir` is the folder its scenario files are relative to. */
export const decodePack = (v: Record<string, unknown>, dir: string): { ok: true; value: Pack } | { ok: false; problems: Problem[] } => {
  const problems: Problem[] = []
  const name = typeof v.name === "string" && v.name.length > 0 && v.name.length <= 200 ? v.name : (problems.push({ path: "name", found: v.name, message: "a pack needs a name (text of 1 to 200 characters)" }), "")
  const list = Array.isArray(v.scenarios) ? v.scenarios : (problems.push({ path: "scenarios", found: v.scenarios, message: "must be a list of {\"file\": …, \"label\": …}" }), [])
  if (Array.isArray(v.scenarios) && list.length === 0) problems.push({ path: "scenarios", found: [], message: "must list at least one scenario" })
  const files: string[] = [], labels: string[] = [], fors: Array<string | undefined> = []
  list.forEach((s: unknown, i: number) => {
    const o = s as Record<string, unknown> | null
    if (o === null || typeof o !== "object" || typeof o.file !== "string") { problems.push({ path: `scenarios[${i}].file`, found: o?.file, message: "must be the path of a scenario file, relative to the pack" }); return }
    files.push(joinPath(dir, o.file))
    const label = typeof o.label === "string" ? o.label : o.file
    // a label names its run in every table, chart and answer: two runs of one label could not be told apart
    if (labels.includes(label)) problems.push({ path: `scenarios[${i}].label`, found: label, message: "another scenario of the pack has this label: give each a distinct label" })
    labels.push(label)
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
