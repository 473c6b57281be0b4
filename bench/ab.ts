/**
 * Interleaved A/B of the model against an earlier revision, in one process:
 *
 *   npx node bench/ab.ts <git revision> [replications per block = 3] [rounds = 40] [scenario file]
 *
 * `src/` of the revision is extracted (git archive) into a temporary folder beside this one's
 * node_modules; both copies compile the same scenario, warm up, then run alternating blocks of the
 * same replications (A, B, A, B, …), each block timed by the process's CPU time. Printed: each side's
 * min / quartile / median milliseconds per replication and the median of the per-round ratios B / A,
 * and whether every replication's results JSON of the first round is identical between the two.
 *
 * Why: this VM's speed swings by ≈ 1.4× within minutes, more than most changes being measured; blocks
 * that alternate within a second see the same machine, so their ratio is what to trust.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"

const [rev, perBlockArg, roundsArg, scenarioArg] = process.argv.slice(2)
if (rev === undefined) {
  console.error("usage: npx node bench/ab.ts <git revision> [replications per block = 3] [rounds = 40] [scenario = scenarios/new-delhi-2025.json]")
  process.exit(2)
}
const root = resolve(import.meta.dirname, "..")
const perBlock = Number(perBlockArg ?? 3), rounds = Number(roundsArg ?? 40)
const scenarioFile = resolve(root, scenarioArg ?? "scenarios/new-delhi-2025.json")

const dir = mkdtempSync(join(tmpdir(), "embassy-sim-ab-"))
try {
  execFileSync("sh", ["-c", `git -C "${root}" archive "${rev}" src | tar -x -C "${dir}"`], { stdio: ["ignore", "ignore", "inherit"] })
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"))
  const raw = JSON.parse(readFileSync(scenarioFile, "utf8")) as unknown
  const load = async (src: string) => {
    const model = await import(pathToFileURL(join(src, "model/embassy.ts")).href)
    const decode = await import(pathToFileURL(join(src, "scenario/decode.ts")).href)
    const d = decode.decodeScenario(raw)
    if (!d.ok) throw new Error(`${scenarioFile} does not decode with ${src}`)
    return { cs: model.compileScenario(d.value, d.value.policy), run: model.runReplication as (cs: unknown, r: number) => { result: unknown } }
  }
  const sides = [await load(join(dir, "src")), await load(join(root, "src"))]
  for (const x of sides) for (let i = 0; i < 3; i++) x.run(x.cs, 1000 + i)
  const ms: number[][] = [[], []]
  const json: string[][] = [[], []]
  for (let r = 0; r < rounds; r++) {
    sides.forEach((x, k) => {
      const c0 = process.cpuUsage()
      for (let i = 0; i < perBlock; i++) {
        const res = x.run(x.cs, i).result
        if (r === 0) json[k]!.push(JSON.stringify(res))
      }
      const c = process.cpuUsage(c0)
      ms[k]!.push((c.user + c.system) / 1000 / perBlock)
    })
  }
  const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))]!
  const show = (a: number[]) => `min ${q(a, 0).toFixed(1)} q1 ${q(a, 0.25).toFixed(1)} median ${q(a, 0.5).toFixed(1)} ms`
  const ratios = ms[0]!.map((a, i) => ms[1]![i]! / a)
  console.log(`A (${rev}): ${show(ms[0]!)}`)
  console.log(`B (working tree): ${show(ms[1]!)}`)
  console.log(`B / A, median of ${rounds} rounds of ${perBlock} replications: ${q(ratios, 0.5).toFixed(3)}`)
  console.log(`results JSON of replications 0–${perBlock - 1}: ${json[0]!.join() === json[1]!.join() ? "identical" : "DIFFERENT"}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
