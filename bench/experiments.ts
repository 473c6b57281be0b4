/**
 * Experiment benchmarks: `npm run bench:experiments` (short) or `npm run bench:experiments -- --long`
 * (the sizes). Reports the machine load beside the figures: on a shared 2-core machine they
 * are pessimistic.
 *
 *   replications  N replications of the New Delhi baseline with 1 and 2 workers; speed-up
 *                 (short: 100; long: 1,000 — goal ≤ 16 s with 2 workers, speed-up ≥ 1.8)
 *   options       8 options (the January 2026 pack's policies) × N replications with 2 workers
 *                 (short: 8 × 25; long: 8 × 1,000 — goal ≤ 2 min)
 *   memory        peak heap of the summarising thread (after GC) for 100 and N replications of a
 *                 short-horizon scenario, each in its own process (short: 2,000; long: 10,000 —
 *                 goal ≤ 1.2×)
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import os from "node:os"
import { join } from "node:path"
import { makeExecutor } from "../src/experiment/node/pool.ts"
import { runCompare, type RunSpec } from "../src/experiment/run.ts"
import { decodeScenario } from "../src/scenario/decode.ts"
import type { Scenario } from "../src/scenario/schema.ts"

const root = join(import.meta.dirname, "..")
const long = process.argv.includes("--long")
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" / ")

const scenario = (short: boolean): Scenario => {
  const o = JSON.parse(readFileSync(join(root, "scenarios/new-delhi-2025.json"), "utf8")) as Record<string, unknown>
  delete o.$schema
  if (short) Object.assign(o, { start: "2025-05-01", warmupDays: 14, intakeDays: 30, drainDays: 14 })
  const d = decodeScenario(o)
  if (!d.ok) throw new Error(JSON.stringify(d.problems))
  return d.value
}

const timed = async (specs: RunSpec[], workers: number): Promise<number> => {
  const exec = makeExecutor(workers)
  try {
    const t0 = performance.now()
    await runCompare(specs, exec)
    return (performance.now() - t0) / 1000
  } finally {
    await exec.close()
  }
}

if (process.argv[2] === "--memory-child") {
  const n = Number(process.argv[3])
  const sc = scenario(true)
  const gc = (globalThis as { gc?: () => void }).gc!
  let peak = 0
  await runCompare([{ label: "fifo", scenario: sc, policy: "fifo", seed: 1, replications: n }], makeExecutor(1), {
    onProgress: (done) => { if (done % 50 === 0 || done === n) { gc(); peak = Math.max(peak, process.memoryUsage().heapUsed) } }
  })
  process.stdout.write(JSON.stringify({ n, peakHeapMB: peak / 2 ** 20, rssMB: process.memoryUsage().rss / 2 ** 20 }) + "\n")
  process.exit(0)
}

const rows: string[] = []
const say = (s: string) => { rows.push(s); console.log(s) }
say(`embassy-sim experiment benchmarks (${long ? "long" : "short"}) · ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}) · load average at start ${load()}`)
const base = scenario(false)
const N = long ? 1000 : 100
const one = await timed([{ label: "p", scenario: base, policy: base.policy, seed: 1, replications: N }], 1)
const two = await timed([{ label: "p", scenario: base, policy: base.policy, seed: 1, replications: N }], 2)
say(`replications  ${N} of the baseline: 1 worker ${one.toFixed(1)} s, 2 workers ${two.toFixed(1)} s, speed-up ${(one / two).toFixed(2)}× (load ${load()})`)
const policies = ["main-first-2025", "fifo", "family-slots", "joint-family", "study-start-first", "official-assistance", "remote-hearings", "rotating-consul"]
const M = long ? 1000 : 25
const eight = await timed(policies.map((p) => ({ label: p, scenario: base, policy: p, seed: 1, replications: M })), 2)
say(`options       8 options × ${M} replications, 2 workers: ${eight.toFixed(1)} s (load ${load()})`)
const mem = (n: number) => JSON.parse(execFileSync(process.execPath, ["--expose-gc", join(root, "bench/experiments.ts"), "--memory-child", String(n)], { encoding: "utf8" })) as { n: number; peakHeapMB: number; rssMB: number }
const small = mem(100), big = mem(long ? 10_000 : 2_000)
say(`memory        peak heap after GC: ${small.n} replications ${small.peakHeapMB.toFixed(1)} MB, ${big.n} replications ${big.peakHeapMB.toFixed(1)} MB (${(big.peakHeapMB / small.peakHeapMB).toFixed(2)}×); RSS ${small.rssMB.toFixed(0)} / ${big.rssMB.toFixed(0)} MB (load ${load()})`)
