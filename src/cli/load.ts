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
import { decodePack, isPackObject, type Pack } from "../scenario/pack.ts"
import { dirOf, parseJsonText, resolveScenario } from "../scenario/resolve.ts"
import type { Scenario } from "../scenario/schema.ts"
import { readTextFile } from "./io.ts"

export type Loaded<T> = { ok: true; value: T } | { ok: false; problems: Problem[] }
export { isPackObject, type Pack } from "../scenario/pack.ts"

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

/** A pack file's checks with its scenario files resolved relative to the pack (src/scenario/pack.ts). */
export const readPack = (file: string, v: Record<string, unknown>): Loaded<Pack> => decodePack(v, dirOf(resolve(file)))

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
