/**
 * The layers run one way (README: Architecture): the engine at the bottom, then the scenario
 * format, the model, the experiment code, the shared words and tables (src/present), the charts,
 * and the CLI and the page on top. Reads every import of src/ and web/ as text: a file may import
 * its own layer and the layers below it, never one above; Node's own modules only in the CLI and
 * the worker pool (src/experiment/node), so the page and the report run the same code as the CLI.
 * No statistics here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative, resolve, dirname } from "node:path"
import { expect, test } from "vitest"

const root = join(import.meta.dirname, "..")
/** Layer of each top folder, lowest first; a file may import layers ≤ its own. */
const RANK: Readonly<Record<string, number>> = {
  "src/engine": 0, "src/scenario": 1, "src/model": 2, "src/experiment": 3, "src/present": 4, "src/charts": 5, "src/cli": 6, web: 6
}
const layerOf = (file: string): string | undefined => Object.keys(RANK).find((l) => file === l || file.startsWith(`${l}/`))

const files = (dir: string): string[] => readdirSync(join(root, dir)).flatMap((f) => {
  const p = `${dir}/${f}`
  return statSync(join(root, p)).isDirectory() ? files(p) : /\.ts$/.test(f) ? [p] : []
})

const importsOf = (file: string): string[] => {
  const text = readFileSync(join(root, file), "utf8")
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2]!)
}

test("no layer imports one above it, and only the CLI and the worker pool use Node's modules", () => {
  const bad: string[] = []
  const all = [...files("src"), ...files("web")]
  expect(all.length).toBeGreaterThan(50)
  for (const f of all) {
    const from = layerOf(f)
    if (from === undefined) continue
    for (const spec of importsOf(f)) {
      if (spec.startsWith("node:")) {
        if (from !== "src/cli" && !f.startsWith("src/experiment/node/")) bad.push(`${f}: imports ${spec}`)
        continue
      }
      if (!spec.startsWith(".")) continue
      const target = relative(root, resolve(root, dirname(f), spec)).split("\\").join("/")
      const to = layerOf(target)
      if (to !== undefined && RANK[to]! > RANK[from]!) bad.push(`${f}: imports ${target} (${to} is above ${from})`)
      // the page never reaches into the CLI, nor the CLI into the page's code (only its report template and the report's data type)
      if (from === "web" && to === "src/cli") bad.push(`${f}: imports ${target} (the page must not use the CLI)`)
    }
  }
  expect(bad).toEqual([])
})
