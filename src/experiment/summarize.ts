/**
 * Replications → summaries. Pure functions: no Node API, so the same code serves the CLI, worker
 * threads and the browser.
 */
import { studentTQuantile } from "../engine/index.ts"
import type { ReplicationResult } from "../model/results.ts"
import { DESCRIPTIVE_KEYS } from "../scenario/names.ts"
import type { Summary, SummaryMetrics } from "../scenario/result-schema.ts"

/** Mean, standard deviation and a two-sided Student-t confidence interval (default 95 %); NaN values are left out. */
export const summarize = (values: ReadonlyArray<number>, level = 0.95): Summary => {
  let n = 0, mean = 0, m2 = 0
  for (const x of values) {
    if (Number.isNaN(x)) continue
    n++
    const dl = x - mean
    mean += dl / n
    m2 += dl * (x - mean)
  }
  return summaryOf(n, mean, m2, level)
}

/**
 * Student-t quantiles, remembered: a summary asks for the same (p, df) once per metric (~2,400 of
 * them in a replication's result) and each costs ~0.07 ms of bisection. The same numbers as
 * studentTQuantile, so the same bytes.
 */
const quantiles = new Map<string, number>()
export const tQuantile = (p: number, df: number): number => {
  const k = `${p}|${df}`
  let q = quantiles.get(k)
  if (q === undefined) {
    if (quantiles.size >= 4096) quantiles.clear()
    q = studentTQuantile(p, df)
    quantiles.set(k, q)
  }
  return q
}

/** The Summary of Welford accumulators (count, mean, sum of squared deviations): shared by the batch and streaming summaries. */
export const summaryOf = (n: number, mean: number, m2: number, level = 0.95): Summary => {
  if (n === 0) return { mean: null, sd: null, ciLow: null, ciHigh: null, n: 0 }
  if (n === 1) return { mean, sd: null, ciLow: null, ciHigh: null, n }
  const sd = Math.sqrt(m2 / (n - 1))
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n))
  return { mean, sd, ciLow: mean - half, ciHigh: mean + half, n }
}

/** Paired differences b − a (common random numbers: replication i of both used the same streams). */
export const pairedDifference = (a: ReadonlyArray<number>, b: ReadonlyArray<number>, level = 0.95): Summary =>
  summarize(a.map((x, i) => (b[i] ?? NaN) - x), level)

type Json = number | string | null | boolean | ReadonlyArray<Json> | { readonly [k: string]: Json }

/** Summarises a list of same-shaped objects leaf by leaf: numbers become Summaries, descriptive fields are copied. */
const summarizeTree = (items: ReadonlyArray<unknown>, key: string | undefined): unknown => {
  const first = items[0]
  if (key !== undefined && DESCRIPTIVE_KEYS.has(key)) return first ?? null
  if (typeof first === "number" || first === null) return summarize(items.map((x) => (typeof x === "number" ? x : NaN)))
  if (Array.isArray(first)) {
    return first.map((_, i) => summarizeTree(items.map((x) => (x as ReadonlyArray<unknown>)[i]), undefined))
  }
  if (typeof first === "object") {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(first as object)) out[k] = summarizeTree(items.map((x) => (x as Record<string, unknown>)[k]), k)
    return out
  }
  return first
}

/** Summarises replications (mean and 95 % CI of every metric). */
export const summarizeResults = (results: ReadonlyArray<ReplicationResult>): SummaryMetrics => {
  if (results.length === 0) throw new Error("summarizeResults needs at least one replication")
  const plain = results.map(({ replication: _r, ...rest }) => rest)
  return summarizeTree(plain, undefined) as SummaryMetrics
}

/** NaN → null, recursively, for JSON. */
export const toJson = (v: unknown): Json => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null
  if (Array.isArray(v)) return v.map(toJson)
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]))
  return v as Json
}

/**
 * Flattens a result tree into (path, leaf) pairs. Array items that have a `group` or `id` are named by
 * it (e.g. "groups.student.migriMean", "missions.new-delhi.idUtilisation"), others by a 1-based index.
 */
export const flattenTree = <L>(v: unknown, isLeaf: (x: unknown) => x is L, path = ""): Array<[string, L]> => {
  if (isLeaf(v)) return [[path, v]]
  if (Array.isArray(v)) {
    return v.flatMap((x, i) => {
      const o = x as Record<string, unknown>
      const name = o !== null && typeof o === "object" ? (o.group ?? o.id) : undefined
      return flattenTree(x, isLeaf, `${path}.${typeof name === "string" ? name : String(i + 1).padStart(2, "0")}`)
    })
  }
  if (v !== null && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => flattenTree(x, isLeaf, path ? `${path}.${k}` : k))
  return []
}

const isNumber = (x: unknown): x is number => typeof x === "number"

/** Paired differences (other − base) of the given metric paths over replications run on the same random numbers. */
export const pairedDifferences = (
  base: ReadonlyArray<ReplicationResult>,
  other: ReadonlyArray<ReplicationResult>,
  paths: ReadonlyArray<string>
): Map<string, Summary> => {
  const want = new Set(paths)
  const values = (reps: ReadonlyArray<ReplicationResult>) => reps.map((r) => new Map(flattenTree(r, isNumber).filter(([p]) => want.has(p))))
  const a = values(base), b = values(other)
  const out = new Map<string, Summary>()
  for (const p of paths) out.set(p, pairedDifference(a.map((m) => m.get(p) ?? NaN), b.map((m) => m.get(p) ?? NaN)))
  return out
}
