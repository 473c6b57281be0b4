/**
 * Fuzz test of "validate ≡ run": mutations of the bundled scenarios (one to three leaves replaced by
 * hostile values: huge, tiny, negative, non-finite-looking, prototype names, wrong types, deep
 * nesting, far dates; keys added or removed), decoded in-process as `validate` does.
 *
 * Every case must end in one of two ways:
 *   - rejected: at least one problem, each formatted as ONE line whose path starts with a field of
 *     the user's file (a top-level scenario key or "(file)"), never the model's internals;
 *   - accepted: every policy compiles, and one replication on a shortened horizon runs, giving
 *     finite numbers wherever a number is due (NaN only for means/shares/percentiles of an empty
 *     set, never ±Infinity; JSON would print those as null).
 * Nothing may throw. Fixed seed, 800 cases: deterministic, so there is no false-alarm rate. Its
 * power: with the schema as it was before issue 6 (no bounds) it fails after 147 cases; 20,000 cases
 * (the same seed, numRuns 20,000) passed with the bounds. The run takes ~7 s alone, ~20 s beside the other
 * test files on the 2-core machine.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { compileProblems } from "../../src/cli/load.ts"
import { flattenTree } from "../../src/experiment/summarize.ts"
import { compileScenario, runReplication } from "../../src/model/embassy.ts"
import { decodeScenario, formatProblems } from "../../src/scenario/decode.ts"
import { mergeScenario, resolveScenario } from "../../src/scenario/resolve.ts"
import { Scenario } from "../../src/scenario/schema.ts"

const root = join(import.meta.dirname, "..", "..")
const read = (f: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, "scenarios", f), "utf8")) as Record<string, unknown>
const baseline = read("new-delhi-2025.json")
const bases: Record<string, unknown>[] = [
  baseline,
  mergeScenario(baseline, read("south-asia-2025.json")) as Record<string, unknown>,
  mergeScenario(baseline, { ...read("new-delhi-2025-official-assistance.json"), extends: undefined }) as Record<string, unknown>
].map((b) => { const { extends: _e, ...rest } = b; return rest })

type Path = ReadonlyArray<string | number>
/** Every path to a value (leaves and inner nodes) of a JSON value. */
const pathsOf = (v: unknown, prefix: Path = []): Path[] => {
  const out: Path[] = [prefix]
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])))
  else if (v !== null && typeof v === "object") for (const k of Object.keys(v)) out.push(...pathsOf((v as Record<string, unknown>)[k], [...prefix, k]))
  return out
}
const basePaths = bases.map((b) => pathsOf(b).filter((p) => p.length > 0))
const valueAt = (v: unknown, p: Path): unknown => p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v)
/** The numeric leaves: most of the crashes found by hand were numbers out of any sane range. */
const numericPaths = bases.map((b, i) => basePaths[i]!.filter((p) => typeof valueAt(b, p) === "number"))
const NUMERIC: number[] = [-1, 0, 1e9, 1.8e308, -1.8e308, 1e-300, 5e-324, 2 ** 53 + 2, 3.7, 1e6, 36_500]

/** Stands for a value nested 5,000 levels deep, spliced into the file's text (a value that deep cannot be cloned or stringified). */
const DEEP = "\u0000deep"
const HOSTILE: unknown[] = [
  -1, 0, 1, 0.5, 2, 7, 1e9, 1.8e308, -1.8e308, 1e-300, 5e-324, 2 ** 53 + 2, 3.7,
  "toString", "__proto__", "constructor", "hasOwnProperty", "valueOf", "", "x", "0000-01-01", "9999-12-31", "2025-02-30", "2025-06-01", "12-31", "FI", "ZZ",
  null, true, false, [], [0], [1e308, 1e308], {}, { kind: "nope" }, { dist: "lognormal-mean", mean: 1, sd: 1e300 }, { dist: "lognormal", median: 1e-300, p90: 3000 }, DEEP
]

const setAt = (root0: unknown, path: Path, value: unknown, remove: boolean): unknown => {
  const rootCopy = structuredClone(root0)
  let o = rootCopy as Record<string | number, unknown>
  for (const k of path.slice(0, -1)) {
    o = o[k] as Record<string | number, unknown>
    if (o === null || typeof o !== "object") return rootCopy // an earlier edit replaced this container
  }
  const last = path[path.length - 1]!
  if (remove) { if (Array.isArray(o) && typeof last === "number") o.splice(last, 1); else delete o[last] }
  else Object.defineProperty(o, last, { value, enumerable: true, writable: true, configurable: true })
  return rootCopy
}

/** Metrics that may be NaN: a mean, share or percentile of an empty set. */
// no observation (no decision in a month, no negative decision at all) is NaN: means, shares, the monthly series
const mayBeNaN = (path: string): boolean => /(Mean|Median|P90|Share|Utilisation|utilisation)(\.|\[|$)|byMonth|ByMonth|ByCategory|byApplicationMonth|byDecisionMonth|(^|\.)scoreboard\.[^.]+\.mean$/.test(path)

const Mutation = fc.record({
  base: fc.nat({ max: bases.length - 1 }),
  edits: fc.array(fc.oneof(
    { weight: 2, arbitrary: fc.record({ numeric: fc.constant(true), at: fc.nat(), value: fc.constantFrom<unknown>(...NUMERIC), remove: fc.constant(false), addKey: fc.constant(undefined) }) },
    { weight: 1, arbitrary: fc.record({ numeric: fc.constant(false), at: fc.nat(), value: fc.constantFrom(...HOSTILE), remove: fc.boolean(), addKey: fc.constantFrom(undefined, undefined, undefined, "toString", "__proto__", "colour") }) }
  ), { minLength: 1, maxLength: 3 })
})

describe("fuzz: every mutated scenario is rejected in one-line problems naming the user's field, or runs with numbers", () => {
  test("800 mutations of the bundled scenarios", () => {
    let accepted = 0, rejected = 0
    fc.assert(
      fc.property(Mutation, ({ base, edits }) => {
        let obj: unknown = bases[base]
        for (const e of edits) {
          const paths = e.numeric ? numericPaths[base]! : basePaths[base]!
          const p = paths[e.at % paths.length]!
          obj = e.addKey !== undefined ? setAt(obj, [...p.slice(0, -1), e.addKey], e.value, false) : setAt(obj, p, e.value, e.remove && typeof e.value === "number" && e.value === 0)
        }
        const topKeys = new Set([...Object.keys(obj as object), ...Object.keys(Scenario.fields)])
        // through the file pipeline of `validate` and `run`: text → parse (depth limit) → decode → compile
        const text = JSON.stringify(obj).replaceAll(JSON.stringify(DEEP), "[".repeat(5000) + "1" + "]".repeat(5000))
        const parsed = resolveScenario("/fuzz/scenario.json", () => text)
        const d = parsed.ok ? decodeScenario(parsed.value) : parsed
        const problems = d.ok ? compileProblems(d.value) : [...d.problems]
        if (problems.length > 0) {
          rejected++
          for (const line of formatProblems(problems)) {
            expect(line).not.toMatch(/\n/)
            expect(line.length).toBeLessThan(700)
            expect(line).not.toMatch(/Expected|readonly|must be an?$/)
          }
          for (const pr of problems) {
            const first = /^[^.[ ]+/.exec(pr.path)?.[0] ?? ""
            expect(first === "(file)" || topKeys.has(first), `problem path ${pr.path} names no field of the scenario format`).toBe(true)
          }
          return
        }
        accepted++
        const sc = { ...d.ok ? d.value : (undefined as never), warmupDays: Math.min(d.ok ? d.value.warmupDays : 0, 60), intakeDays: Math.min(d.ok ? d.value.intakeDays : 1, 120), drainDays: Math.min(d.ok ? d.value.drainDays : 0, 60) }
        const r = runReplication(compileScenario(sc), 0).result
        for (const [path, v] of flattenTree(r, (x): x is number => typeof x === "number")) {
          if (Number.isNaN(v)) expect(mayBeNaN(path), `${path} is NaN (null in JSON) where a number is due`).toBe(true)
          else expect(Number.isFinite(v), `${path} = ${v}`).toBe(true)
        }
      }),
      { seed: 20261201, numRuns: 800, endOnFailure: true }
    )
    console.log(`fuzz: ${accepted} accepted and run, ${rejected} rejected`)
    // the mutations must exercise both outcomes, or the test says nothing
    expect(accepted).toBeGreaterThan(20)
    expect(rejected).toBeGreaterThan(100)
  }, 120_000)
})
