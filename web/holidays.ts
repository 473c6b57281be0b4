/**
 * The page's `date-holidays` (vite.config.ts aliases the package to this module). The engine's
 * calendar (src/engine/calendar.ts, unchanged) asks it for the countries it knows and for a year's
 * holidays of type "public". This answers from a table of those dates for the bundled scenarios'
 * countries (web/holiday-data.json, made by scripts/holiday-subset.ts from date-holidays itself, so
 * results are the same as the CLI's), and loads the real package (its parser and every country's
 * rules, a separate chunk) only when a scenario needs another country, year or region: callers run
 * ensureHolidays(scenario) first. Nothing answers silently with an empty calendar.
 */
import table from "./holiday-data.json" with { type: "json" }

interface HolidayLike { date: string; type: string }
interface Source { getHolidays(year?: number): HolidayLike[] | false; getCountries(): Record<string, string> }
type Full = new (country?: string, state?: string, region?: string) => Source

const T = table as unknown as { years: [number, number]; countries: Record<string, string>; public: Record<string, Record<string, string[]>> }
let full: Full | undefined

const inTable = (country: string, year: number): boolean => T.public[country]?.[String(year)] !== undefined

export default class Holidays {
  readonly #country: string | undefined
  readonly #inner: Source | undefined
  constructor(country?: string, state?: string, region?: string) {
    this.#country = country
    if (full !== undefined) this.#inner = new full(country, state, region)
    else if (state !== undefined || region !== undefined) throw new Error(`holidays of a region (${country}/${state ?? region}) need the full data: call ensureHolidays first`)
  }
  getCountries(): Record<string, string> { return { ...T.countries } }
  getHolidays(year: number): HolidayLike[] | false {
    if (this.#inner !== undefined) return this.#inner.getHolidays(year)
    const c = this.#country
    if (c === undefined || !inTable(c, year)) throw new Error(`holiday data for ${c ?? "?"} ${year} is not loaded: call ensureHolidays first`)
    return T.public[c]![String(year)]!.map((d) => ({ date: `${d} 00:00:00`, type: "public" }))
  }
}

/** The countries and calendar years a raw (not yet decoded) scenario object needs. */
export const holidayNeeds = (raw: unknown): { countries: string[]; years: number[] } => {
  const o = raw as { missions?: Array<{ country?: unknown }>; migri?: { country?: unknown }; start?: unknown; warmupDays?: unknown; intakeDays?: unknown; drainDays?: unknown } | null
  if (o === null || typeof o !== "object") return { countries: [], years: [] }
  const countries = new Set<string>()
  if (Array.isArray(o.missions)) for (const m of o.missions) if (typeof m?.country === "string") countries.add(m.country)
  if (typeof o.migri?.country === "string") countries.add(o.migri.country)
  const t0 = typeof o.start === "string" ? Date.parse(`${o.start}T00:00:00Z`) : NaN
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0)
  const years: number[] = []
  if (Number.isFinite(t0)) {
    const y0 = new Date(t0 - n(o.warmupDays) * 86_400_000).getUTCFullYear(), y1 = new Date(t0 + (n(o.intakeDays) + n(o.drainDays)) * 86_400_000).getUTCFullYear()
    for (let y = y0; y <= y1 && years.length < 200; y++) years.push(y)
  }
  return { countries: [...countries], years }
}

/** Loads the full date-holidays package once, when the table lacks a country or year the scenario needs. */
export const ensureHolidays = async (raw: unknown): Promise<void> => {
  if (full !== undefined) return
  const need = holidayNeeds(raw)
  if (need.countries.every((c) => !(c in T.countries) || need.years.every((y) => inTable(c, y)))) return
  const [parser, data] = await Promise.all([import("date-holidays-parser"), import("date-holidays/data")])
  const P = parser.default
  full = class extends (P as unknown as new (data: unknown, country?: string, state?: string, region?: string) => Source) {
    constructor(country?: string, state?: string, region?: string) { super(data.data, country, state, region) }
  } as unknown as Full
}
