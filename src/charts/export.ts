/**
 * Results as tables for spreadsheets: the CLI's long CSV (one row per metric: mean, sd, 95 % CI), and
 * the same for Finnish Excel (semicolons, decimal comma, UTF-8 BOM so that Excel reads ä and ö). Pure.
 */
import { CSV_HEADER, flattenSummary, formatCsv } from "../cli/format.ts"
import type { RunResult } from "../scenario/result-schema.ts"

export interface TableRow { readonly cells: ReadonlyArray<string | number | null> }

/** Header and rows (numbers stay numbers) of the long table: scenario, policy, seed, replications, metric, mean, sd, ci_low, ci_high, n. */
export const resultRows = (runs: ReadonlyArray<RunResult>): { header: ReadonlyArray<string>; rows: Array<Array<string | number | null>> } => ({
  header: CSV_HEADER,
  rows: runs.flatMap((r) => flattenSummary(r.summary).map(([path, s]) => [r.provenance.scenarioName, r.provenance.policy, r.provenance.seed, r.provenance.replications, path, s.mean, s.sd, s.ciLow, s.ciHigh, s.n]))
})

/** The CLI's CSV (`embassy-sim run --csv`), byte for byte. */
export const plainCsv = (runs: ReadonlyArray<RunResult>): string => formatCsv(runs)

const fiCell = (v: string | number | null): string => {
  if (v === null) return ""
  if (typeof v === "number") return Number.isFinite(v) ? String(v).replace(".", ",") : ""
  return /[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}
/** CSV for Excel set to Finnish: `;` between cells, decimal comma, CRLF, BOM. */
export const finnishCsv = (runs: ReadonlyArray<RunResult>): string => {
  const { header, rows } = resultRows(runs)
  return "\uFEFF" + [header.join(";"), ...rows.map((r) => r.map(fiCell).join(";"))].join("\r\n") + "\r\n"
}
