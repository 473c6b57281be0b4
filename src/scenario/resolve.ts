/**
 * Reading a scenario's text and resolving its `extends` chain, without any Node API: the CLI passes a
 * reader over the file system (src/cli/load.ts), the web page one over fetched or bundled files.
 *
 * API
 *   parseJsonText(text, file): Parsed<unknown>
 *       strips a UTF-8 byte-order mark (what Windows Notepad writes), parses JSON and turns every
 *       failure into ONE line (line and column, NaN/Infinity named as such); rejects values nested
 *       deeper than MAX_DEPTH levels (they would overflow the stack of any recursive consumer).
 *   resolveScenario(file, readFile): Parsed<Record<string, unknown>>
 *       reads `file` with `readFile` (path → text, or a Problem when it cannot be read), follows
 *       `extends` (relative to the file that names it) at most MAX_EXTENDS deep, refuses cycles, and
 *       merges each child onto its parent with mergeScenario. The result still has to be decoded
 *       (decodeScenario in ./decode.ts).
 *   joinPath(dir, relative), dirOf(path): "/"-separated path arithmetic ("\" is accepted as a
 *       separator, "C:/…" and "/…" are absolute, "." and ".." are resolved).
 *   checkDepth(value, maxDepth): Problem | undefined, iterative.
 *   mergeScenario(base, override): objects merge key by key (own keys only, `__proto__` is kept as
 *       data), arrays and scalars replace. Recursion depth is the smaller input's depth, so inputs
 *       that passed checkDepth are safe.
 */
import { NO_VALUE, type Problem } from "./decode.ts"

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: ReadonlyArray<Problem> }

/** JSON nesting allowed in a scenario file; the bundled scenarios use 6. */
export const MAX_DEPTH = 100
/** Length of an `extends` chain; the bundled variants use 1. */
export const MAX_EXTENDS = 20

const fail = (path: string, found: unknown, message: string): Parsed<never> => ({ ok: false, problems: [{ path, found, message }] })

/** Line and column (1-based) of a character offset. */
const lineCol = (text: string, pos: number): string => {
  let line = 1, col = 1
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; col = 1 } else col++
  }
  return `line ${line}, column ${col}`
}

/** Where JSON.parse stopped, from its message ("at position N" or "line L column C"), when it says. */
const errorOffset = (message: string, text: string): number | undefined => {
  const p = /at position (\d+)/.exec(message)
  if (p) return Number(p[1])
  const lc = /line (\d+) column (\d+)/.exec(message)
  if (lc) {
    let line = 1, i = 0
    while (line < Number(lc[1]) && i < text.length) { if (text.charCodeAt(i++) === 10) line++ }
    return i + Number(lc[2]) - 1
  }
  // V8: `Unexpected token 'x', ..."<10 characters>x<10 characters>"... is not valid JSON`, or the whole text when short
  const tok = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message)
  if (tok) {
    if (tok[2] !== undefined) { const at = text.indexOf(tok[3]!); return at < 0 ? undefined : at + 10 }
    let inString = false
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!
      if (inString) { if (ch === "\\") i++; else if (ch === '"') inString = false; continue }
      if (ch === tok[1]) return i
      if (ch === '"') inString = true
    }
  }
  return undefined
}

/** A bare NaN / Infinity outside strings: the usual way a program's output is not JSON. */
const nonFiniteLiteral = (text: string): { token: string; pos: number } | undefined => {
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (inString) {
      if (ch === "\\") i++
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') { inString = true; continue }
    if (ch === "N" && text.startsWith("NaN", i)) return { token: "NaN", pos: i }
    if (ch === "I" && text.startsWith("Infinity", i)) return { token: (text[i - 1] === "-" ? "-" : "") + "Infinity", pos: i }
  }
  return undefined
}

export const parseJsonText = (text: string, file: string): Parsed<unknown> => {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (e) {
    const bad = nonFiniteLiteral(body)
    if (bad !== undefined) return fail(file, NO_VALUE, `is not valid JSON at ${lineCol(body, bad.pos)}: JSON has no ${bad.token}; write a number (or leave the field out where it has a default)`)
    const msg = e instanceof Error ? e.message : String(e)
    const pos = errorOffset(msg, body)
    const what = body.trim() === "" ? "the file is empty" : /Unexpected end/.test(msg) || (pos !== undefined && pos >= body.trimEnd().length) ? "the text ends before the JSON value is complete (a missing } or ])" : pos !== undefined ? `unexpected ${JSON.stringify(body.slice(pos, pos + 1))} at ${lineCol(body, pos)}` : msg.replace(/\s+/g, " ").slice(0, 120)
    return fail(file, NO_VALUE, `is not valid JSON: ${what}`)
  }
  const deep = checkDepth(value, MAX_DEPTH)
  return deep !== undefined ? { ok: false, problems: [deep] } : { ok: true, value }
}

const pathKey = (path: string, k: string | number): string =>
  typeof k === "number" ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`

/** The first place where `value` is nested deeper than `maxDepth` levels (iterative: never overflows). */
export const checkDepth = (value: unknown, maxDepth: number): Problem | undefined => {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: value, depth: 0, path: "" }]
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!
    if (v === null || typeof v !== "object") continue
    if (depth >= maxDepth) return { path: path === "" ? "(file)" : path, found: "(a value nested deeper)", message: `is nested more than ${maxDepth} levels deep; a scenario needs at most 6 (check for a runaway generator or a missing closing bracket)` }
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, depth: depth + 1, path: pathKey(path, i) }))
    else for (const k of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1, path: pathKey(path, k) })
  }
  return undefined
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v)

/** Sets an own data property, also for the key `__proto__` (a plain assignment would change the prototype). */
const setOwn = (o: Record<string, unknown>, k: string, v: unknown): void => {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
}

/** Deep-merges `override` onto `base`: objects merge key by key, arrays and scalars replace. */
export const mergeScenario = (base: unknown, override: unknown): unknown => {
  if (!isPlainObject(base) || !isPlainObject(override)) return override
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(base)) setOwn(out, k, base[k])
  for (const k of Object.keys(override)) setOwn(out, k, Object.hasOwn(base, k) ? mergeScenario(base[k], override[k]) : override[k])
  return out
}

const isAbsolute = (p: string): boolean => /^([A-Za-z]:)?[\\/]/.test(p)

/** Resolves "." and ".." and repeated separators; keeps a leading "/" or drive. */
const normalise = (p: string): string => {
  const abs = isAbsolute(p)
  const drive = /^[A-Za-z]:/.exec(p)?.[0] ?? ""
  const parts: string[] = []
  for (const seg of p.slice(drive.length).split(/[\\/]+/)) {
    if (seg === "" || seg === ".") continue
    if (seg === "..") { if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop(); else if (!abs) parts.push("..") }
    else parts.push(seg)
  }
  return (abs ? drive + "/" : "") + parts.join("/")
}

export const dirOf = (path: string): string => {
  const n = normalise(path)
  const i = n.lastIndexOf("/")
  return i < 0 ? "." : i === 0 ? "/" : n.slice(0, i)
}

export const joinPath = (dir: string, relative: string): string => normalise(isAbsolute(relative) ? relative : `${dir}/${relative}`)

/** Reads a file's text, or says in one Problem why it cannot. */
export type ReadFile = (path: string) => string | Problem

/** Reads `file` and the chain of files it `extends`, merged (child over parent; every file a JSON object, so the merge is one); not yet decoded. */
export const resolveScenario = (file: string, readFile: ReadFile): Parsed<Record<string, unknown>> => {
  const chain: Array<{ path: string; value: Record<string, unknown>; parentName: string | undefined }> = []
  let path = normalise(file), parentName: string | undefined
  for (;;) {
    const text = readFile(path)
    if (typeof text !== "string") {
      const at = chain.length === 0 ? text.path : `extends (${parentName ?? path})`
      return { ok: false, problems: [{ ...text, path: at, message: chain.length === 0 ? text.message : `${path} ${text.message}` }] }
    }
    const parsed = parseJsonText(text, path)
    if (!parsed.ok) return chain.length === 0 ? parsed : { ok: false, problems: parsed.problems.map((p) => ({ ...p, path: p.path === path ? `extends (${parentName})` : `${p.path} (in ${path})` })) }
    const obj = parsed.value
    if (!isPlainObject(obj)) return fail(chain.length === 0 ? "(file)" : `extends (${parentName})`, obj, `a scenario file must hold a JSON object${chain.length === 0 ? "" : ` (${path} does not)`}`)
    const ext = obj["extends"]
    const rest: Record<string, unknown> = {}
    for (const k of Object.keys(obj)) if (k !== "extends") setOwn(rest, k, obj[k])
    chain.push({ path, value: rest, parentName })
    if (ext === undefined) break
    if (typeof ext !== "string" || ext === "") return fail(chain.length === 1 ? "extends" : `extends (in ${path})`, ext, "must be the path of another scenario file, relative to this one")
    const next = joinPath(dirOf(path), ext)
    if (chain.some((c) => c.path === next)) return fail(chain.length === 1 ? "extends" : `extends (in ${path})`, ext, `forms a cycle (${[...chain.map((c) => c.path), next].join(" → ")})`)
    if (chain.length > MAX_EXTENDS) return fail("extends", ext, `chains more than ${MAX_EXTENDS} files; merge some of them`)
    path = next
    parentName = ext
  }
  let merged: unknown = chain[chain.length - 1]!.value
  for (let i = chain.length - 2; i >= 0; i--) merged = mergeScenario(merged, chain[i]!.value)
  return { ok: true, value: merged as Record<string, unknown> }
}
