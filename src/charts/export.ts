/**
 * Results as tables for spreadsheets: the CLI's long CSV (one row per metric: mean, sd, 95 % CI, unit),
 * and the same for Finnish Excel (semicolons, decimal comma, UTF-8 BOM so that Excel reads ä and ö).
 * The very rows of `embassy-sim run --csv [--csv-dialect fi]`. Pure.
 */
import { CSV_HEADER, csvRows, formatCsv } from "../present/csv.ts"
import type { RunResult } from "../scenario/result-schema.ts"

/** Header and rows (numbers stay numbers) of the long table, for .xlsx. */
export const resultRows = (runs: ReadonlyArray<RunResult>): { header: ReadonlyArray<string>; rows: Array<Array<string | number | null>> } =>
  ({ header: CSV_HEADER, rows: csvRows(runs) })

/** The CLI's CSV (`embassy-sim run --csv`), byte for byte. */
export const plainCsv = (runs: ReadonlyArray<RunResult>): string => formatCsv(runs)

/** CSV for Excel set to Finnish (`embassy-sim run --csv --csv-dialect fi`, byte for byte). */
export const finnishCsv = (runs: ReadonlyArray<RunResult>): string => formatCsv(runs, undefined, "fi")
