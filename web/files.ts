/**
 * The page's files, pure (tested in test/charts/web-pure.test.ts against the CLI's reading): the
 * bundled scenarios and packs by their path under scenarios/, a reader for the shared `extends`
 * resolution (src/scenario/resolve.ts) and the pack checks (src/scenario/pack.ts), and a pack
 * resolved into its runs.
 */
import type { Problem } from "../src/scenario/decode.ts"
import { decodePack } from "../src/scenario/pack.ts"
import { dirOf, resolveScenario } from "../src/scenario/resolve.ts"

/**
 * The page's files for the shared `extends` and pack resolution (src/scenario/resolve.ts): the bundled
 * ones at /scenarios/<path>, a loaded file at its own path. A name that is not there is looked up by
 * its last segments ("../new-delhi-2026.json" from a pack loaded from elsewhere is the bundled one).
 */
export const ROOT = "/scenarios"
export const readerWith = (bundledByPath: ReadonlyMap<string, unknown>, own: ReadonlyMap<string, unknown>) => (path: string): string | Problem => {
  const rel = path.startsWith(`${ROOT}/`) ? path.slice(ROOT.length + 1) : undefined
  const bySuffix = [...bundledByPath.keys()].filter((k) => path.endsWith(`/${k}`)).sort((a, b) => b.length - a.length)[0]
  const v = own.get(path) ?? (rel !== undefined ? bundledByPath.get(rel) : undefined) ?? (bySuffix !== undefined ? bundledByPath.get(bySuffix) : undefined)
  if (v === undefined) return { path: "(file)", found: path, message: "is not one of the page's files (it has the bundled scenarios/*.json, scenarios/shared-staffing/*.json and scenarios/mission-staff/*.json): load a file that names only those, or one without extends (provenance.scenario of `embassy-sim run <file> --json`)" }
  return JSON.stringify(v)
}
/** The path a bundled or resolved file is shown and recorded under (`scenarios/…`, as the CLI is run from the repository). */
export const shownPath = (path: string): string => (path.startsWith("/") ? path.slice(1) : path)

/** A pack's run: its label, its scenario file's path and its scenario object (extends resolved, not yet decoded). */
export interface PackRun { readonly label: string; readonly path: string; readonly raw: Record<string, unknown> }
/** A pack as the page runs it: its runs are the options compared. */
export interface LoadedPack { readonly name: string; readonly description: string; readonly seed: string | number | undefined; readonly replications: number | undefined; readonly runs: ReadonlyArray<PackRun> }

/** Resolves a pack: its own checks, then every scenario it names (extends resolved); each problem names the run and its field. */
export const loadPack = (path: string, raw: Record<string, unknown>, read: (p: string) => string | Problem): { ok: true; value: LoadedPack } | { ok: false; problems: Problem[] } => {
  const d = decodePack(raw, dirOf(path))
  if (!d.ok) return d
  const problems: Problem[] = []
  const runs: PackRun[] = []
  d.value.files.forEach((f, i) => {
    const r = resolveScenario(f, read)
    const label = d.value.labels[i]!
    if (!r.ok) { for (const p of r.problems) problems.push({ ...p, path: `scenarios[${i}] (${label}): ${p.path === "(file)" ? "file" : p.path}` }); return }
    runs.push({ label, path: f, raw: r.value })
  })
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { name: d.value.name, description: d.value.description, seed: d.value.seed, replications: d.value.replications, runs } }
}
