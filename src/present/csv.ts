/**
 * Results as tables for spreadsheets, shared by the CLI (`run --csv`, sweep summaries) and the page's
 * exports: the long CSV (one row per metric: mean, sd, 95 % CI, unit; a pack's paired differences),
 * plain (commas, decimal points) or for Finnish Excel ("fi": semicolons, decimal commas and a UTF-8
 * byte-order mark), through d3-dsv. Pure.
 */
import { dsvFormat } from "d3-dsv"
import { flattenTree } from "../experiment/summarize.ts"
import type { RunResult, Summary } from "../scenario/result-schema.ts"
import type { PackRow } from "./pack.ts"

export type CsvDialect = "plain" | "fi"

const plain = dsvFormat(",")
const fi = dsvFormat(";")

/** A number as text: plain JS form (full precision) or with a decimal comma. */
const cell = (v: string | number | null, dialect: CsvDialect): string =>
  v === null ? "" : typeof v === "number" ? (Number.isFinite(v) ? (dialect === "fi" ? String(v).replace(".", ",") : String(v)) : "") : v

export const csvTable = (columns: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number | null>>, dialect: CsvDialect = "plain"): string => {
  const f = dialect === "fi" ? fi : plain
  const text = f.formatRows([[...columns], ...rows.map((r) => r.map((v) => cell(v, dialect)))])
  return (dialect === "fi" ? "\uFEFF" : "") + text.replace(/\n/g, "\r\n") + "\r\n"
}

type S = Summary
const isSummary = (v: unknown): v is S => v !== null && typeof v === "object" && "mean" in v && "ciLow" in v && "n" in v

/** Flattens a summary tree into (path, Summary) rows, naming groups, missions and pools by their id. */
export const flattenSummary = (v: unknown): Array<[string, S]> => flattenTree(v, isSummary)

const csvCell = (x: string | number | null): string => {
  if (x === null) return ""
  const s = String(x)
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The unit of a metric, from its name: days, share (0–1), hours, euros, person-weeks or count. */
export const unitOf = (path: string): string => {
  const parts = path.split(".").filter((x) => !/^\d+$/.test(x))
  const leaf = parts[parts.length - 1]!
  const field = parts.includes("byMonth") ? leaf : parts.includes("separationMeanByCategory") ? "separationMean" : parts.includes("hoursByTask") || parts.includes("officerHoursByTask") ? "hours" : leaf
  if (/Share$|[uU]tilisation$/.test(field)) return "share"
  if (/[hH]ours/.test(field)) return "hours"
  if (/Euros$/.test(field)) return "euros"
  if (/PersonWeeks$/.test(field)) return "person-weeks"
  if (/Mean$|Median$|P90$|Days$/.test(field)) return "days"
  return "count"
}
/** Decimals a CSV value keeps, by unit: what the number means, not the float's noise (4899.650000000001). */
const CSV_DIGITS: Record<string, number> = { days: 2, share: 4, hours: 1, euros: 0, "person-weeks": 2, count: 2 }
const roundFor = (unit: string) => (x: number | null): number | null => {
  if (x === null) return null
  const f = 10 ** (CSV_DIGITS[unit] ?? 4)
  return Math.round(x * f) / f
}

export const CSV_HEADER = ["scenario", "policy", "seed", "replications", "statistic", "metric", "unit", "mean", "sd", "ci_low", "ci_high", "n"]

type Cell = string | number | null

/** One CSV row's cells; numbers stay numbers (rounded to what they mean), for CSV and .xlsx alike. */
const csvCells = (r: RunResult, statistic: string, path: string, s: S): Cell[] => {
  const unit = unitOf(path), rd = roundFor(unit)
  return [r.provenance.scenarioName, r.provenance.policy, r.provenance.seed, r.provenance.replications, statistic, path, unit, rd(s.mean), rd(s.sd), rd(s.ciLow), rd(s.ciHigh), s.n]
}

/**
 * The rows of the long table (header CSV_HEADER): every run's metrics ("mean" rows), and with
 * `packRows` the paired differences of the pack's comparison against its first scenario ("difference
 * from <label>" rows: mean difference, its sd and 95 % CI over the common replications).
 */
export const csvRows = (runs: ReadonlyArray<RunResult>, packRows?: ReadonlyArray<PackRow>): Cell[][] => [
  ...runs.flatMap((r) => flattenSummary(r.summary).map(([path, s]) => csvCells(r, "mean", path, s))),
  ...(packRows ?? []).filter((row) => row.label !== (row.reference ?? packRows![0]!.label)).flatMap((row) => [...row.diffs].map(([path, d]) => csvCells(row.result, `difference from ${row.reference ?? packRows![0]!.label}`, path, d)))
]

/**
 * The CSV of one run or of a pack (rows of csvRows), long format, ready for a spreadsheet pivot:
 * plain (commas, decimal points) or for Finnish Excel ("fi": semicolons, decimal commas, UTF-8 BOM, CRLF).
 */
export const formatCsv = (runs: ReadonlyArray<RunResult>, packRows?: ReadonlyArray<PackRow>, dialect: CsvDialect = "plain"): string => {
  const rows = csvRows(runs, packRows)
  if (dialect === "fi") return csvTable(CSV_HEADER, rows, "fi")
  return [CSV_HEADER.join(","), ...rows.map((c) => c.map(csvCell).join(","))].join("\n") + "\n"
}
