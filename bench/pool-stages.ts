/**
 * Where the time of a run on worker threads goes, stage by stage (a diagnostic, not a benchmark row):
 *
 *   npx node bench/pool-stages.ts [replications=60] [workers=2] [options=1] [--short] [--tasks-per-worker=N]
 *
 * runs the New Delhi baseline (with `options` > 1: that many of the January 2026 pack's policies)
 * through runCompare on a pool with the settings of src/experiment/node/pool.ts, whose worker also
 * times each unit, and prints per worker thread: start-up (pool created → first unit starts), units,
 * wall and thread CPU per unit, idle between units and at the end; for the main thread: its CPU per
 * unit and the time from the last result to the summaries; and the process CPU not spent in units or
 * on the main thread (module loading in the threads, V8's GC and compiler threads). Add
 * `--cpu-prof` before the script for a profile of each thread. --short: a month of intake instead of
 * the baseline's 2.4 years (units of a few ms); --tasks-per-worker: other than the pool's 2.
 */
import { readFileSync } from "node:fs"
import os from "node:os"
import { join } from "node:path"
import { Piscina } from "piscina"
import { poolOptions } from "../src/experiment/node/pool.ts"
import { runCompare } from "../src/experiment/run.ts"
import type { Executor, UnitTask } from "../src/experiment/units.ts"
import { decodeScenario } from "../src/scenario/decode.ts"
import type { StageReply, StageTiming } from "./pool-stages-worker.ts"

const flags = process.argv.slice(2).filter((a) => a.startsWith("--"))
const [N, W, O] = [60, 2, 1].map((d, i) => Number(process.argv.slice(2).filter((a) => !a.startsWith("--"))[i] ?? d)) as [number, number, number]
const perWorker = flags.find((f) => f.startsWith("--tasks-per-worker="))?.split("=")[1]
const root = join(import.meta.dirname, "..")
const raw = JSON.parse(readFileSync(join(root, "scenarios/new-delhi-2025.json"), "utf8")) as Record<string, unknown>
// --short: a month of intake (units of a few ms: the pool's own costs show)
// (a short horizon from empty queues: the baseline's stated backlog is for 1 December)
if (flags.includes("--short")) { Object.assign(raw, { start: "2025-05-01", warmupDays: 14, intakeDays: 30, drainDays: 14 }); delete raw.startState }
const d = decodeScenario(raw)
if (!d.ok) throw new Error("the baseline does not decode")
const sc = d.value
const policies = ["main-first-2025", "fifo", "family-slots", "joint-family", "study-start-first", "official-assistance", "remote-hearings", "rotating-consul"].slice(0, O)

const now = () => performance.timeOrigin + performance.now()
const t0 = now(), cpu0 = process.cpuUsage(), main0 = process.threadCpuUsage()
const pool = new Piscina<UnitTask | { totals: true }, StageReply>({
  ...poolOptions(W, new URL("./pool-stages-worker.ts", import.meta.url).href),
  ...(perWorker !== undefined ? { concurrentTasksPerWorker: Number(perWorker) } : {})
})
const spans: StageTiming[] = []
/** from a unit's end in its worker to its result on the main thread */
const latency: number[] = []
const exec: Executor = {
  concurrency: W,
  run: async (t) => { const r = await pool.run(t); if (!("result" in r)) throw new Error("unexpected reply"); spans.push(r.timing); latency.push(now() - r.timing.end); return r.result },
  close: () => pool.destroy()
}
let lastResult = 0
const units = N * policies.length
await runCompare(policies.map((p) => ({ label: p, scenario: sc, policy: p, seed: 1, replications: N })), exec, { onProgress: (k) => { if (k === units) lastResult = now() } })
const end = now()
const main = process.threadCpuUsage(main0)
// each thread's total CPU (one ask per thread: two tasks per worker may land on one, so ask until every thread answered)
const totals = new Map<number, number>()
for (let i = 0; i < 50 && totals.size < W; i++) {
  const r = await Promise.all(Array.from({ length: W }, () => pool.run({ totals: true })))
  for (const x of r) if ("threadCpuMs" in x) totals.set(x.threadId, x.threadCpuMs)
}
const cpu = process.cpuUsage(cpu0)
await pool.destroy()

const ms = (x: number) => `${x.toFixed(0)} ms`
const wall = end - t0
console.log(`${units} units (${N} × ${policies.length} option${O > 1 ? "s" : ""}${flags.length > 0 ? " " + flags.join(" ") : ""}), ${W} workers: wall ${(wall / 1000).toFixed(2)} s; load ${os.loadavg()[0]!.toFixed(2)}`)
let unitCpu = 0
const byThread = new Map<number, StageTiming[]>()
for (const s of spans) byThread.set(s.threadId, [...(byThread.get(s.threadId) ?? []), s])
for (const [id, ss] of [...byThread].sort((a, b) => a[0] - b[0])) {
  ss.sort((a, b) => a.start - b.start)
  const busy = ss.reduce((a, s) => a + s.end - s.start, 0), c = ss.reduce((a, s) => a + s.cpuMs, 0)
  unitCpu += c
  const gaps = ss.slice(1).reduce((a, s, i) => a + s.start - ss[i]!.end, 0)
  console.log(`  thread ${id}: start-up ${ms(ss[0]!.start - t0)}, ${ss.length} units, ${(busy / ss.length).toFixed(1)} ms wall and ${(c / ss.length).toFixed(1)} ms CPU per unit, idle between units ${ms(gaps)} (${(gaps / ss.length).toFixed(2)} ms per unit), idle at the end ${ms(end - ss.at(-1)!.end)}; thread CPU outside units ${ms((totals.get(id) ?? NaN) - c)}`)
}
const mainMs = (main.user + main.system) / 1000, procMs = (cpu.user + cpu.system) / 1000
const threadsMs = [...totals.values()].reduce((a, x) => a + x, 0)
latency.sort((a, b) => a - b)
console.log(`  result latency (unit's end in its worker → result on the main thread): median ${latency[latency.length >> 1]!.toFixed(2)} ms, 90th percentile ${latency[Math.floor(latency.length * 0.9)]!.toFixed(2)} ms`)
console.log(`  main thread: ${ms(mainMs)} CPU (${(mainMs / units).toFixed(2)} ms per unit, pool start included); last result → summaries ${ms(end - lastResult)}`)
console.log(`  process CPU ${ms(procMs)}: units ${ms(unitCpu)}, worker threads outside units ${ms(threadsMs - unitCpu)}, main ${ms(mainMs)}, other threads (V8 GC and compiler) ${ms(procMs - threadsMs - mainMs)}`)
