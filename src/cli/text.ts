/**
 * Text helpers of every table the CLI prints: numbers with the decimals they need, confidence
 * intervals, tables and wrapped text that fit MAX_WIDTH columns (the verdicts in words are shared
 * with the charts: src/present/verdicts.ts). Pure.
 */
import type { Summary } from "../scenario/result-schema.ts"

type S = Summary

/** Widest line of every table and text block. */
export const MAX_WIDTH = 100

export const num = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }))
export const int = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : Math.round(x).toLocaleString("en-GB"))
export const pct = (x: number | null | undefined, digits = 0): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : `${(100 * x).toFixed(digits)} %`)
/** Digits that keep the two ends of an interval apart (a CI of [87, 87] is shown as [86.6, 87.3]). */
const digitsFor = (lo: number, hi: number, base: number, scale = 1): number => {
  let d = base
  while (d < base + 2 && (lo * scale).toFixed(d) === (hi * scale).toFixed(d) && hi > lo) d++
  return d
}
export const ci = (s: S, digits = 1): string => {
  if (s.mean === null) return "–"
  if (s.ciLow === null || s.ciHigh === null) return num(s.mean, digits)
  const d = digitsFor(s.ciLow, s.ciHigh, digits)
  return `${num(s.mean, d)} [${num(s.ciLow, d)}, ${num(s.ciHigh, d)}]`
}
export const ciPct = (s: S): string => {
  if (s.mean === null) return "–"
  if (s.ciLow === null || s.ciHigh === null) return pct(s.mean)
  const d = digitsFor(s.ciLow, s.ciHigh, 0, 100)
  return `${pct(s.mean, d)} [${(100 * s.ciLow).toFixed(d)}, ${(100 * s.ciHigh).toFixed(d)}]`
}

export const table = (header: string[], rows: string[][], align: ("l" | "r")[]): string => {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const fmt = (r: string[]) => r.map((c, i) => (align[i] === "l" ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ").trimEnd()
  return [fmt(header), w.map((x) => "─".repeat(x)).join("  "), ...rows.map(fmt)].join("\n")
}

/** Wraps text at word boundaries to MAX_WIDTH columns; continuation lines get `indent` more spaces. */
export const wrap = (text: string, indent = 2, width = MAX_WIDTH): string => {
  const lead = /^ */.exec(text)![0]
  const words = text.trim().split(/ +/)
  const lines: string[] = []
  let line = lead
  for (const w of words) {
    if (line.trim() !== "" && line.length + 1 + w.length > width) { lines.push(line); line = lead + " ".repeat(indent) + w }
    else line = line.trim() === "" ? line + w : `${line} ${w}`
  }
  if (line.trim() !== "") lines.push(line)
  return lines.join("\n")
}

export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

