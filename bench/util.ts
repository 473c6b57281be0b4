/**
 * Small helpers shared by the benchmarks in bench/run.ts: best-of-N timing and a results table.
 * A benchmark is a function returning rows; add new ones to the list in bench/run.ts.
 */

/** One measured figure. Higher is better unless `unit` says otherwise (e.g. "s"). */
export interface BenchRow {
  /** Benchmark group, e.g. "M/M/10". */
  readonly benchmark: string
  /** The case within the group, e.g. "100,000 pending". */
  readonly case: string
  readonly value: number
  readonly unit: string
  /** Free text: parameters, the checked result, caveats. */
  readonly note?: string
}

export interface Benchmark {
  /** Short identifier used by `--only`. */
  readonly name: string
  readonly run: (options: BenchOptions) => BenchRow[] | Promise<BenchRow[]>
}

export interface BenchOptions {
  /** Timed repetitions per case (the best is reported). */
  readonly repeats: number
  /** Scale problem sizes down (for a smoke run). */
  readonly quick: boolean
  /** The full sizes where a benchmark has them (experiments: 1,000 replications, 8 × 1,000, 10,000). */
  readonly long: boolean
}

export interface Timing<T> {
  /** Best (shortest) wall time of the timed runs, in seconds. */
  readonly seconds: number
  /** Every timed run, in seconds. */
  readonly runs: number[]
  /** Result of the last run (keep it, so the work cannot be optimised away, and check it). */
  readonly result: T
}

/**
 * Runs `fn` `warmups` times untimed (JIT warm-up), then `repeats` times timed, and returns the best
 * time. Best-of-N estimates the undisturbed speed: interference only ever makes a run slower.
 * By default a run's time is its wall time; `seconds` may instead read the time the function measured
 * itself (e.g. only the event loop, without building the model).
 */
export const timeBest = <T>(fn: () => T, repeats = 5, warmups = 1, seconds?: (result: T) => number): Timing<T> => {
  let result = undefined as T
  for (let i = 0; i < warmups; i++) result = fn()
  const runs: number[] = []
  for (let i = 0; i < Math.max(1, repeats); i++) {
    const t0 = performance.now()
    result = fn()
    const wall = (performance.now() - t0) / 1000
    runs.push(seconds === undefined ? wall : seconds(result))
  }
  return { seconds: Math.min(...runs), runs, result }
}

const formatValue = (v: number): string => {
  if (!Number.isFinite(v)) return String(v)
  const a = Math.abs(v)
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** Renders rows as an aligned text table. */
export const formatTable = (rows: ReadonlyArray<BenchRow>): string => {
  const header = ["benchmark", "case", "value", "unit", "note"]
  const body = rows.map((r) => [r.benchmark, r.case, formatValue(r.value), r.unit, r.note ?? ""])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd()
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n")
}

/** Prints rows as a table, or as JSON (with the environment) when `json` is set. */
export const printResults = (rows: ReadonlyArray<BenchRow>, json: boolean): void => {
  if (json) {
    const env = { node: process.version, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString() }
    process.stdout.write(JSON.stringify({ env, results: rows }, null, 2) + "\n")
  } else {
    process.stdout.write(formatTable(rows) + "\n")
  }
}
