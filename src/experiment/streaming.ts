/**
 * Streaming summaries: replications are added one at a time and forgotten, so memory stays flat in
 * the number of replications. Each numeric leaf keeps a Welford accumulator (count, mean, M2); the
 * result equals `summarizeResults` of the same replications in the same order, number for number
 * (the same update in the same order, and the same final step `summaryOf`). Pure: no Node API.
 */
import { DESCRIPTIVE_KEYS } from "../scenario/names.ts"
import type { Summary } from "../scenario/result-schema.ts"
import { summaryOf } from "./summarize.ts"

/** One Welford accumulator; NaN and non-numbers (null in JSON) are left out, as in `summarize`. */
export class Welford {
  n = 0
  mean = 0
  m2 = 0
  add(x: unknown): void {
    if (typeof x !== "number" || Number.isNaN(x)) return
    this.n++
    const dl = x - this.mean
    this.mean += dl / this.n
    this.m2 += dl * (x - this.mean)
  }
  summary(level = 0.95): Summary {
    return summaryOf(this.n, this.mean, this.m2, level)
  }
}

type Node =
  | { readonly kind: "leaf"; readonly acc: Welford }
  | { readonly kind: "copy"; readonly value: unknown }
  | { readonly kind: "array"; readonly items: Node[] }
  | { readonly kind: "object"; readonly keys: string[]; readonly children: Node[] }

/** The accumulator tree, shaped like the first item (as `summarizeTree` follows the first item). */
const build = (first: unknown, key: string | undefined): Node => {
  if (key !== undefined && DESCRIPTIVE_KEYS.has(key)) return { kind: "copy", value: first ?? null }
  if (typeof first === "number" || first === null) return { kind: "leaf", acc: new Welford() }
  if (Array.isArray(first)) return { kind: "array", items: first.map((x) => build(x, undefined)) }
  if (typeof first === "object") {
    const keys = Object.keys(first as object)
    return { kind: "object", keys, children: keys.map((k) => build((first as Record<string, unknown>)[k], k)) }
  }
  return { kind: "copy", value: first }
}

const add = (node: Node, v: unknown): void => {
  switch (node.kind) {
    case "leaf": node.acc.add(v); return
    case "copy": return
    case "array": {
      const a = Array.isArray(v) ? v : []
      for (let i = 0; i < node.items.length; i++) add(node.items[i]!, a[i])
      return
    }
    case "object": {
      const o = v !== null && typeof v === "object" ? (v as Record<string, unknown>) : {}
      for (let i = 0; i < node.keys.length; i++) add(node.children[i]!, o[node.keys[i]!])
    }
  }
}

const finish = (node: Node, level: number): unknown => {
  switch (node.kind) {
    case "leaf": return node.acc.summary(level)
    case "copy": return node.value
    case "array": return node.items.map((x) => finish(x, level))
    case "object": return Object.fromEntries(node.keys.map((k, i) => [k, finish(node.children[i]!, level)]))
  }
}

/**
 * Summarises a stream of same-shaped result trees leaf by leaf. `add` a replication's result (the
 * `replication` field, if any, is ignored), then `result()` gives the tree of Summaries.
 */
export class StreamingSummary {
  private root: Node | undefined
  count = 0
  add(item: unknown): void {
    const plain = stripReplication(item)
    if (this.root === undefined) this.root = build(plain, undefined)
    add(this.root, plain)
    this.count++
  }
  result(level = 0.95): unknown {
    if (this.root === undefined) throw new Error("StreamingSummary: no replication was added")
    return finish(this.root, level)
  }
}

const stripReplication = (item: unknown): unknown => {
  if (item === null || typeof item !== "object" || Array.isArray(item) || !("replication" in item)) return item
  const { replication: _r, ...rest } = item as Record<string, unknown>
  return rest
}

/** The value at a flattened metric path (as `flattenTree` names it: array items by `group`/`id`, else 1-based index). */
export const metricAt = (tree: unknown, path: string): unknown => {
  let v: unknown = tree
  for (const seg of path.split(".")) {
    if (Array.isArray(v)) {
      const byName = v.find((x) => x !== null && typeof x === "object" && ((x as Record<string, unknown>).group === seg || (x as Record<string, unknown>).id === seg))
      v = byName !== undefined ? byName : /^\d+$/.test(seg) ? v[Number(seg) - 1] : undefined
    } else if (v !== null && typeof v === "object") v = (v as Record<string, unknown>)[seg]
    else return undefined
  }
  return v
}

/** Streaming paired differences (b − a) of named metric paths, replication by replication. */
export class StreamingPaired {
  private readonly accs: Map<string, Welford>
  readonly paths: ReadonlyArray<string>
  constructor(paths: ReadonlyArray<string>) {
    this.paths = paths
    this.accs = new Map(paths.map((p) => [p, new Welford()]))
  }
  add(a: unknown, b: unknown): void {
    for (const [p, acc] of this.accs) {
      const x = metricAt(a, p), y = metricAt(b, p)
      acc.add(typeof x === "number" && typeof y === "number" ? y - x : NaN)
    }
  }
  result(level = 0.95): Map<string, Summary> {
    return new Map([...this.accs].map(([p, acc]) => [p, acc.summary(level)]))
  }
}
