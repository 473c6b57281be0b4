/**
 * The page's settings in the URL fragment, so that a view can be shared and reopened:
 * s = bundled scenario, pk = bundled pack (scenarios/packs/…), f = a loaded scenario or pack file
 * (deflated, base64url), fn = its name, o = options (a scenario's policies, or a pack's run labels),
 * r = replications, seed, lang, basis, e = edited inputs (JSON, base64url), sb = 1 to run every option under
 * both Migri staffing assumptions too, run = 1 to run on open.
 */
import type { Lang } from "../src/charts/i18n.ts"
import type { MonthBasis } from "../src/charts/transforms.ts"

export interface PageState {
  scenario: string
  /** a bundled pack (its file name under scenarios/packs/), instead of the scenario */
  pack: string | undefined
  file: unknown
  fileName: string | undefined
  options: string[]
  replications: number
  seed: string | undefined
  lang: Lang
  basis: MonthBasis
  edits: Array<[ReadonlyArray<string | number>, unknown]>
  /** every option also under the other Migri staffing assumption (fixed ↔ shared): the staffing check */
  bothStaffing: boolean
  ran: boolean
}

const b64url = (bytes: Uint8Array): string => {
  let s = ""
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}
const unb64url = (s: string): Uint8Array => {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"))
  return Uint8Array.from(bin, (c) => c.charCodeAt(0))
}
const pipe = async (bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> =>
  new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream)).arrayBuffer())

export const encodeState = async (s: PageState): Promise<string> => {
  const p = new URLSearchParams()
  if (s.file !== undefined) {
    p.set("f", b64url(await pipe(new TextEncoder().encode(JSON.stringify(s.file)), new CompressionStream("deflate-raw"))))
    if (s.fileName !== undefined) p.set("fn", s.fileName)
  } else if (s.pack !== undefined) p.set("pk", s.pack)
  else p.set("s", s.scenario)
  if (s.options.length > 0) p.set("o", s.options.map(encodeURIComponent).join(","))
  p.set("r", String(s.replications))
  if (s.seed !== undefined) p.set("seed", s.seed)
  p.set("lang", s.lang)
  if (s.basis !== "decision") p.set("basis", s.basis)
  if (s.edits.length > 0) p.set("e", b64url(new TextEncoder().encode(JSON.stringify(s.edits))))
  if (s.bothStaffing) p.set("sb", "1")
  if (s.ran) p.set("run", "1")
  return p.toString()
}

export type DecodedState = { [K in keyof PageState]?: PageState[K] | undefined } & { run?: boolean }

/** Reads what it can; a damaged parameter is ignored rather than breaking the page. */
export const decodeState = async (p: URLSearchParams): Promise<DecodedState> => {
  const out: DecodedState = {}
  const s = p.get("s"); if (s !== null && /^[\w.-]+\.json$/.test(s)) out.scenario = s
  const pk = p.get("pk"); if (pk !== null && /^[\w.-]+\.json$/.test(pk)) out.pack = pk
  const f = p.get("f")
  if (f !== null) {
    try { out.file = JSON.parse(new TextDecoder().decode(await pipe(unb64url(f), new DecompressionStream("deflate-raw")))) as unknown; out.fileName = p.get("fn") ?? "file.json" } catch { /* ignored */ }
  }
  const o = p.get("o")
  if (o !== null && o !== "") { try { out.options = o.split(",").map(decodeURIComponent) } catch { /* ignored */ } }
  const r = Number(p.get("r")); if (Number.isInteger(r) && r >= 2 && r <= 200) out.replications = r
  const seed = p.get("seed"); if (seed !== null && seed !== "") out.seed = seed
  const lang = p.get("lang"); if (lang === "fi" || lang === "en") out.lang = lang
  const basis = p.get("basis"); if (basis === "application" || basis === "decision") out.basis = basis
  const e = p.get("e")
  if (e !== null) {
    try {
      const v = JSON.parse(new TextDecoder().decode(unb64url(e))) as unknown
      if (Array.isArray(v) && v.every((x) => Array.isArray(x) && x.length === 2 && Array.isArray(x[0]))) out.edits = v as PageState["edits"]
    } catch { /* ignored */ }
  }
  out.bothStaffing = p.get("sb") === "1"
  out.run = p.get("run") === "1"
  return out
}
