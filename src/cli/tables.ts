/**
 * Tables for spreadsheets: CSV (plain: commas and decimal points; "fi": semicolons, decimal commas
 * and a UTF-8 byte-order mark, as Finnish Excel expects) through d3-dsv.
 */
import { dsvFormat } from "d3-dsv"

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
