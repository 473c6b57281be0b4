/**
 * How much the answer depends on the start of the simulation:
 *
 *   npm run start-state-check -- scenarios/new-delhi-2025.json [--policies fifo,main-first-2025] [--replications 30]
 *
 * Runs the scenario three ways — as written (its stated startState and short warm-up), and from empty
 * queues with a warm-up of one year and of three years (the seasonal steady state) — and prints, per
 * policy, the key means with their 95 % half-widths (t, across replications) and the time per
 * replication. docs/model.md ("The start of the simulation") quotes its output.
 */
import { parseArgs } from "node:util"
import { readScenarioObject } from "../src/cli/load.ts"
import { compileScenario, runReplication } from "../src/model/embassy.ts"
import { decodeScenario } from "../src/scenario/decode.ts"
import type { Scenario } from "../src/scenario/schema.ts"
import { studentTQuantile } from "../src/engine/index.ts"

const fail = (msg: string): never => { process.stderr.write(`start-state-check: ${msg}\n`); process.exit(2) }
const { values, positionals } = parseArgs({ allowPositionals: true, options: { policies: { type: "string" }, replications: { type: "string", default: "30" } } })
const file = positionals[0] ?? fail("usage: npm run start-state-check -- <scenario.json> [--policies a,b] [--replications 30]")
const obj = readScenarioObject(file)
if (!obj.ok) fail(obj.problems.map((p) => `${p.path}: ${p.message}`).join("; "))
const raw = (obj as { ok: true; value: Record<string, unknown> }).value
const R = Number(values.replications)
if (!(Number.isInteger(R) && R >= 2 && R <= 1000)) fail(`--replications: found ${values.replications}; must be a whole number from 2 to 1000`)
const { startState: _s, ...empty } = raw
const variants: Array<[string, Record<string, unknown>]> = [
  ["as stated", raw],
  ["empty + 1 y", { ...empty, warmupDays: 365 }],
  ["empty + 3 y", { ...empty, warmupDays: 1095 }]
]
const decoded = variants.map(([n, o]) => {
  const d = decodeScenario(o)
  if (!d.ok) fail(`${n}: ${d.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`)
  return [n, (d as { ok: true; value: Scenario }).value] as const
})
const policies = values.policies?.split(",") ?? [decoded[0]![1].policy]
for (const p of policies) if (!Object.hasOwn(decoded[0]![1].policies, p)) fail(`--policies: ${p} is not a policy of the scenario (${Object.keys(decoded[0]![1].policies).join(", ")})`)

const half = (xs: number[]) => {
  const y = xs.filter(Number.isFinite), n = y.length, m = y.reduce((a, b) => a + b, 0) / n
  const sd = Math.sqrt(y.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1))
  return { m, h: (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n) }
}
for (const pol of policies) {
  const table = new Map<string, string[]>(), ms: string[] = []
  for (const [name, sc] of decoded) {
    const cs = compileScenario(sc, pol)
    const acc = new Map<string, number[]>()
    const put = (k: string, v: number) => { const a = acc.get(k); if (a === undefined) acc.set(k, [v]); else a.push(v) }
    const t0 = performance.now()
    for (let i = 0; i < R; i++) {
      const r = runReplication(cs, i).result
      for (const g of r.groups) if (g.arrived > 0) { put(`${g.group} appointment wait`, g.apptWaitMean); put(`${g.group} Migri`, g.migriMean) }
      for (const row of r.scoreboard) put(`scoreboard ${row.id} (decisions in the year)`, row.mean)
      put("family separation", r.family.separationMean)
    }
    ms.push(`${name} ${((performance.now() - t0) / R).toFixed(0)} ms`)
    for (const [k, xs] of acc) { const { m, h } = half(xs); const row = table.get(k) ?? []; row.push(`${m.toFixed(1)} ± ${h.toFixed(1)}`); table.set(k, row) }
  }
  process.stdout.write(`\n${file}, policy ${pol}, ${R} replications (per replication: ${ms.join(", ")})\n`)
  process.stdout.write(`${"mean, days".padEnd(48)}${decoded.map(([n]) => n.padStart(16)).join("")}\n`)
  for (const [k, row] of table) process.stdout.write(`${k.padEnd(48)}${row.map((c) => c.padStart(16)).join("")}\n`)
}
