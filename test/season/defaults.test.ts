/**
 * Every default of the 2026 scenarios names its source or is an estimate with a range in
 * docs/scenarios.md (issue 8). The test reads every numeric leaf of the decoded scenarios, finds the
 * docs row that covers it (the 2026 table by pattern first, then the 2025 tables by path suffix) and
 * fails on a leaf with no row, or whose row has neither a source nor an estimate with a range.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ROOT, decodeOrThrow, scenarioRaw } from "../model/support.ts"

const docs = readFileSync(join(ROOT, "docs/scenarios.md"), "utf8")

interface DocRow { readonly patterns: string[][]; readonly text: string; readonly tag: string; readonly year2026: boolean }

/** Table rows `| \`path\`, \`path\` | value | tag | basis |` → patterns (segments) and their texts. */
const rowsOf = (md: string, year2026: boolean): DocRow[] =>
  md.split("\n").filter((l) => l.startsWith("| `") || (year2026 && l.startsWith("| ") && l.includes("`"))).flatMap((l) => {
    const cells = l.split("|").slice(1, -1).map((c) => c.trim())
    if (cells.length < 4) return []
    const names = [...cells[0]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)
    // "a/b/c.x" and "a + b" name several paths; "[i]" is ".i"
    const expanded = names.flatMap((n) => n.split(/\s*\+\s*/)).flatMap((n) => {
      const m = /^(.*?)([\w*]+(?:\/[\w*]+)+)(.*)$/.exec(n)
      return m === null ? [n] : m[2]!.split("/").map((alt) => m[1]! + alt + m[3]!)
    })
    return [{ patterns: expanded.map((n) => n.replace(/\[(\d+)\]/g, ".$1").split(".").filter((x) => x.length > 0)), text: cells.slice(1).join(" | "), tag: cells[2]!, year2026 }]
  })

const start = docs.indexOf("<!-- defaults:2026 -->"), end = docs.indexOf("<!-- /defaults:2026 -->")
const rows2026 = rowsOf(docs.slice(start, end), true)
const rows2025 = rowsOf(docs.slice(0, docs.indexOf("## The coming season")), false)

/** 2026 patterns: `*` one segment, `**` the rest; the pattern covers the leaf or an object above it. */
const matches2026 = (p: string[], leaf: string[]): boolean => {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "**") return true
    if (i >= leaf.length || (p[i] !== "*" && p[i] !== leaf[i])) return false
  }
  return true
}
/** 2025 rows name paths relative to their section: the pattern is a contiguous run of the leaf's segments (the leaf or an object above it). */
const matches2025 = (p: string[], leaf: string[]): boolean => {
  for (let s = 0; s + p.length <= leaf.length; s++) if (p.every((x, i) => x === "*" || x === leaf[s + i])) return true
  return false
}

/** A source (ref row, seed, reference-data section, or "source:") or an estimate with a range. */
const sourced = (r: DocRow): boolean => {
  const hasSource = /ref \d+\.\d+|\[PA\]|\[SG\]|reference-data|source:|§\d/.test(r.text)
  const isEstimate = /\bE\b/.test(r.tag)
  const hasRange = /range|\d\s*[–-]\s*\d|±/.test(r.text)
  return isEstimate ? hasRange : hasSource || /^(F|F2|D|S)/.test(r.tag)
}

const numericLeaves = (v: unknown, path: string[] = []): string[][] => {
  if (typeof v === "number") return [path]
  if (Array.isArray(v)) return v.every((x) => typeof x === "number") ? (v.length > 0 ? [path] : []) : v.flatMap((x, i) => numericLeaves(x, [...path, String(i)]))
  if (v !== null && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => numericLeaves(x, [...path, k]))
  return []
}

describe("the 2026 defaults are sourced in docs/scenarios.md", () => {
  it("the docs hold a 2026 table whose rows all have a source or an estimate with a range", () => {
    expect(start).toBeGreaterThan(0)
    expect(rows2026.length).toBeGreaterThan(20)
    const bad = rows2026.filter((r) => !sourced(r)).map((r) => r.patterns.map((p) => p.join(".")).join(", "))
    expect(bad).toEqual([])
  })
  for (const file of ["new-delhi-2026.json", "south-asia-2026.json"]) {
    it(`every numeric default of ${file} has a row with a source or an estimate with a range`, () => {
      const s = decodeOrThrow(scenarioRaw(file))
      // missions and pools are named by id, as in the docs (and the sweeps)
      const leaves = numericLeaves(s).map((l) => l[0] === "missions" ? ["missions", s.missions[Number(l[1])]!.id, ...l.slice(2)]
        : l[0] === "migri" && l[1] === "pools" ? ["migri", "pools", s.migri.pools[Number(l[2])]!.id, ...l.slice(3)] : l)
      expect(leaves.length).toBeGreaterThan(100)
      const missing: string[] = []
      for (const leaf of leaves) {
        const row = rows2026.find((r) => r.patterns.some((p) => matches2026(p, leaf))) ?? rows2025.find((r) => r.patterns.some((p) => matches2025(p, leaf)))
        if (row === undefined || !sourced(row)) missing.push(`${leaf.join(".")}${row === undefined ? " (no row)" : ` (row without source or range: ${row.text.slice(0, 60)})`}`)
      }
      expect(missing).toEqual([])
    })
  }
  it("the check would catch an undocumented default (a field no row names)", () => {
    const leaf = ["categories", "student", "someNewFigure"]
    expect(rows2026.find((r) => r.patterns.some((p) => matches2026(p, leaf))) ?? rows2025.find((r) => r.patterns.some((p) => matches2025(p, leaf)))).toBeUndefined()
  })
})
