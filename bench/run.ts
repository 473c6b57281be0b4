/**
 * Engine speed benchmarks: `npm run bench` (table) or `npm run bench -- --json`.
 *
 *   mmc    M/M/10 (λ = 9, μ = 1) through the public API (bench/mmc.ts): customers/s and events/s
 *   hold   the classic hold model on the EventHeap: pop the earliest event and push it again at
 *          t + Exp(1), with 10, 1,000 and 100,000 pending events
 *   rng    draw speed of seedrandom's generators (why xor4096)
 *   model  replications of the New Delhi baseline (bench/model.ts)
 *   experiments  replications on 1 and 2 worker threads, 8 options, memory (bench/experiments.ts)
 *   cli    the CLI's start (`--help`) from the sources and bundled (bench/experiments.ts)
 *
 * Options: --json, --only=mmc,hold, --repeats=N (default 5), --quick (small sizes, for a smoke run),
 * --long (the experiments at the sizes: 1,000 replications, 8 × 1,000, 10,000; ~10 min).
 * Each engine case runs once untimed (JIT warm-up) and then N times; the best time is reported.
 * `npm run bench:experiments` is `npm run bench -- --only=experiments,cli`.
 * Add a benchmark by writing a function returning BenchRow[] and listing it in `benchmarks` below.
 */
import os from "node:os"
import seedrandom from "seedrandom"
import { EventHeap, erlangC, makeStream, hashKey, type Rng } from "../src/engine/index.ts"
import { Xor4096 } from "../src/engine/random.ts"
import { runMmc } from "./mmc.ts"
import { cliStartBenchmark, experimentsBenchmark, loadNow } from "./experiments.ts"
import { modelBenchmark } from "./model.ts"
import { printResults, timeBest, type Benchmark, type BenchOptions, type BenchRow } from "./util.ts"

/** M/M/10 at ρ = 0.9, one million customers. */
const mmcBenchmark = (o: BenchOptions): BenchRow[] => {
  const lambda = 9, mu = 1, c = 10, customers = o.quick ? 100_000 : 1_000_000
  // timed: the event loop (runMmc measures sim.run() itself); two untimed runs first for the JIT
  const t = timeBest(() => runMmc(lambda, mu, c, customers, 1, 0), o.repeats, 2, (r) => r.seconds)
  const r = t.result
  const theory = erlangC(c, lambda / mu) / (c * mu - lambda)
  const note = `${customers.toLocaleString("en-US")} customers, best of ${o.repeats}; Wq ${r.meanWait.toFixed(3)} in one run (theory ${theory.toFixed(3)})`
  return [
    { benchmark: "M/M/10 ρ=0.9", case: "customers", value: customers / t.seconds / 1e6, unit: "M/s", note },
    { benchmark: "M/M/10 ρ=0.9", case: "events", value: r.events / t.seconds / 1e6, unit: "M/s", note: `${r.events.toLocaleString("en-US")} events` }
  ]
}

/**
 * Hold model: `pending` events in the heap; each operation pops the earliest and pushes it back at
 * now + Exp(1). The increments come from a precomputed table (drawn with the engine's generator), so
 * the figure measures the heap, not the generator.
 */
const holdBenchmark = (o: BenchOptions): BenchRow[] => {
  const table = new Float64Array(1 << 20)
  const rng = makeStream("bench", "hold", 0)
  for (let i = 0; i < table.length; i++) table[i] = -Math.log(1 - rng())
  const mask = table.length - 1
  const rows: BenchRow[] = []
  for (const pending of [10, 1_000, 100_000]) {
    const ops = o.quick ? 200_000 : pending >= 100_000 ? 3_000_000 : 5_000_000
    const run = (): number => {
      const heap = new EventHeap(pending)
      let k = 0
      for (let i = 0; i < pending; i++) heap.push(table[k++ & mask]!, 0, i)
      for (let i = 0; i < ops; i++) {
        heap.pop()
        heap.push(heap.lastTime + table[k++ & mask]!, 0, heap.lastEntity)
      }
      return heap.lastTime
    }
    const t = timeBest(run, o.repeats, 1)
    rows.push({ benchmark: "hold (EventHeap)", case: `${pending.toLocaleString("en-US")} pending`, value: ops / t.seconds / 1e6, unit: "M events/s", note: `${ops.toLocaleString("en-US")} pop+push` })
  }
  return rows
}

interface Generator { name: string; make: (seed: string) => Rng; period: string; structure: string }

/** seedrandom's generators, and the port the streams use; periods from the package's README and the generators' authors. */
const generators: Generator[] = [
  { name: "alea", make: (s) => seedrandom.alea(s), period: "~2^116", structure: "floating-point multiply-with-carry (Baagøe)" },
  { name: "xor128", make: (s) => seedrandom.xor128(s), period: "2^128−1", structure: "xorshift, GF(2)-linear (Marsaglia)" },
  { name: "xorwow", make: (s) => seedrandom.xorwow(s), period: "2^192−2^32", structure: "xorshift + Weyl (Marsaglia)" },
  { name: "xorshift7", make: (s) => seedrandom.xorshift7(s), period: "2^256−1", structure: "xorshift, GF(2)-linear (Panneton–L'Ecuyer)" },
  { name: "xor4096", make: (s) => seedrandom.xor4096(s), period: "≈2^4128", structure: "xorgens 4096-bit xorshift + Weyl (Brent)" },
  { name: "tychei", make: (s) => seedrandom.tychei(s), period: "~2^127", structure: "ChaCha quarter-round (Neves–Araujo)" },
  { name: "arc4", make: (s) => seedrandom(s), period: "~2^1600", structure: "RC4 stream cipher (seedrandom default)" },
  // what the streams use: seedrandom's xor4096 ported onto an Int32Array (the same draws, src/engine/random.ts)
  { name: "xor4096, the port", make: (s) => { const g = new Xor4096(s); return () => g.uniform() }, period: "≈2^4128", structure: "seedrandom's xor4096 on an Int32Array, the same draws (the streams' generator)" }
]

/**
 * Draw speed of each generator. Each generator gets its own freshly compiled loop (`new Function`),
 * so that no generator pays for a call site the others have made polymorphic.
 */
const rngBenchmark = (o: BenchOptions): BenchRow[] => {
  const draws = o.quick ? 1_000_000 : 10_000_000
  const rows: BenchRow[] = []
  for (const g of generators) {
    const loop = new Function("rng", "n", "let s = 0; for (let i = 0; i < n; i++) s += rng(); return s") as (rng: Rng, n: number) => number
    const rng = g.make(hashKey(`bench|${g.name}`))
    // many short calls rather than one long loop, so that the loop is tiered up normally (not only by OSR)
    const chunk = 10_000
    const many = (): number => { let s = 0; for (let k = 0; k < draws; k += chunk) s += loop(rng, chunk); return s }
    const t = timeBest(many, o.repeats, 2)
    // the mean of n uniforms is 1/2 ± 0.29/√n: a gross check that the generator is uniform on [0, 1)
    const mean = t.result / draws
    rows.push({ benchmark: "rng (seedrandom)", case: g.name, value: draws / t.seconds / 1e6, unit: "M draws/s", note: `period ${g.period}; ${g.structure}; mean ${mean.toFixed(4)}` })
  }
  return rows
}

/** Every benchmark, in the order run. Add new ones here. */
export const benchmarks: Benchmark[] = [
  { name: "mmc", run: mmcBenchmark },
  { name: "hold", run: holdBenchmark },
  { name: "rng", run: rngBenchmark },
  { name: "model", run: modelBenchmark },
  { name: "experiments", run: experimentsBenchmark },
  { name: "cli", run: cliStartBenchmark }
]

const parseArgs = (argv: ReadonlyArray<string>): { json: boolean; only: string[] | undefined; options: BenchOptions } => {
  let json = false, quick = false, long = false, repeats = 5
  let only: string[] | undefined
  for (const a of argv) {
    if (a === "--json") json = true
    else if (a === "--quick") quick = true
    else if (a === "--long") long = true
    else if (a.startsWith("--only=")) only = a.slice(7).split(",").filter((s) => s.length > 0)
    else if (a.startsWith("--repeats=")) {
      repeats = Number(a.slice(10))
      if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats: expected a whole number ≥ 1, got ${a.slice(10)}`)
    } else throw new Error(`unknown option ${a} (expected --json, --quick, --long, --only=a,b, --repeats=N)`)
  }
  if (only !== undefined) {
    const known = new Set(benchmarks.map((b) => b.name))
    for (const n of only) if (!known.has(n)) throw new Error(`--only: unknown benchmark ${n} (known: ${[...known].join(", ")})`)
  }
  if (quick && long) throw new Error("--quick and --long: choose one")
  return { json, only, options: { repeats, quick, long } }
}

if (import.meta.main) {
  const { json, only, options } = parseArgs(process.argv.slice(2))
  const rows: BenchRow[] = []
  const loadAtStart = loadNow()
  for (const b of benchmarks) {
    if (only !== undefined && !only.includes(b.name)) continue
    if (!json) process.stderr.write(`running ${b.name} …\n`)
    rows.push(...(await b.run(options)))
  }
  if (!json) process.stdout.write(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}; engine and model benchmarks on one thread; ${loadAtStart} at the start, ${loadNow()} at the end (1-minute averages)\n\n`)
  printResults(rows, json)
}
