/**
 * Calendars: simulation time is measured in days from a start date (day 0 = 00:00 UTC of the start
 * date). A Calendar knows each day's date, weekday and month, and whether it is a working day for a
 * given week pattern and holiday set. Public holidays come from the maintained `date-holidays`
 * package (type "public"), never from a hand-typed list.
 */
import Holidays from "date-holidays"
import { EngineArgumentError, requireNonNegativeInt } from "./errors.ts"

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Parses "YYYY-MM-DD" to a UTC day number (days since 1970-01-01). */
export const parseIsoDate = (iso: string, name = "date"): number => {
  const m = ISO_DATE.exec(iso)
  if (m === null) throw new EngineArgumentError(name, iso, "a date written YYYY-MM-DD")
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const back = new Date(t).toISOString().slice(0, 10)
  if (back !== iso) throw new EngineArgumentError(name, iso, "a real calendar date (YYYY-MM-DD)")
  return t / MS_PER_DAY
}

export const formatIsoDate = (epochDay: number): string => new Date(Math.floor(epochDay) * MS_PER_DAY).toISOString().slice(0, 10)

let countries: Record<string, string> | undefined
/** True when date-holidays has public-holiday data for the country (ISO 3166 alpha-2, e.g. FI, IN, AE). */
export const hasHolidayData = (country: string): boolean => {
  countries ??= new Holidays().getCountries()
  return countries[country] !== undefined
}

/** Public holidays (type "public" in date-holidays) of `country` in the given years, as ISO dates. */
export const publicHolidays = (country: string, years: ReadonlyArray<number>, region?: string): string[] => {
  if (!hasHolidayData(country)) throw new EngineArgumentError("country", country, "an ISO 3166 country code that date-holidays has public holidays for (e.g. FI, IN, AE, BD)")
  const hd = region === undefined ? new Holidays(country) : new Holidays(country, region)
  const out = new Set<string>()
  for (const y of years) {
    const list = hd.getHolidays(y) || []
    for (const h of list) if (h.type === "public") out.add(h.date.slice(0, 10))
  }
  return [...out].sort()
}

export interface CalendarOptions {
  /** Day 0, as YYYY-MM-DD. */
  start: string
  /** Number of days covered. */
  days: number
}

/** Dates, weekdays and months for days 0..days−1 from a start date. */
export class Calendar {
  readonly start: string
  readonly days: number
  readonly startEpochDay: number
  /** ISO weekday per day: 1 = Monday … 7 = Sunday. */
  readonly weekday: Uint8Array
  /** Month 0..11 per day. */
  readonly month: Uint8Array
  /** Day of month 1..31 per day. */
  readonly dayOfMonth: Uint8Array
  /** Calendar year per day. */
  readonly year: Uint16Array
  /** Months since the start month (0 for the start month) per day: a period index for monthly breakdowns. */
  readonly monthIndex: Uint16Array

  constructor(options: CalendarOptions) {
    this.start = options.start
    this.startEpochDay = parseIsoDate(options.start, "start")
    requireNonNegativeInt("days", options.days)
    if (options.days < 1) throw new EngineArgumentError("days", options.days, "at least 1 day")
    this.days = options.days
    this.weekday = new Uint8Array(options.days)
    this.month = new Uint8Array(options.days)
    this.dayOfMonth = new Uint8Array(options.days)
    this.year = new Uint16Array(options.days)
    this.monthIndex = new Uint16Array(options.days)
    const d0 = new Date(this.startEpochDay * MS_PER_DAY)
    const y0 = d0.getUTCFullYear(), m0 = d0.getUTCMonth()
    for (let i = 0; i < options.days; i++) {
      const d = new Date((this.startEpochDay + i) * MS_PER_DAY)
      const wd = d.getUTCDay()
      this.weekday[i] = wd === 0 ? 7 : wd
      this.month[i] = d.getUTCMonth()
      this.dayOfMonth[i] = d.getUTCDate()
      this.year[i] = d.getUTCFullYear()
      this.monthIndex[i] = (d.getUTCFullYear() - y0) * 12 + d.getUTCMonth() - m0
    }
  }

  /** Day number of an ISO date (may be outside 0..days−1). */
  dayOf(iso: string, name = "date"): number {
    return parseIsoDate(iso, name) - this.startEpochDay
  }

  /** ISO date of a (possibly fractional) day. */
  dateOf(day: number): string {
    return formatIsoDate(this.startEpochDay + Math.floor(day))
  }

  /** Number of distinct months (periods) covered. */
  get months(): number {
    return this.monthIndex[this.days - 1]! + 1
  }

  /** Calendar years touched by the calendar. */
  years(): number[] {
    const out: number[] = []
    for (let y = this.year[0]!; y <= this.year[this.days - 1]!; y++) out.push(y)
    return out
  }

  /** Month period of a (fractional) time, clamped to the calendar. */
  periodOf(t: number): number {
    const d = Math.floor(t)
    return this.monthIndex[d < 0 ? 0 : d >= this.days ? this.days - 1 : d]!
  }

  /**
   * Working days for a week pattern (ISO weekdays, 1 = Monday) minus the given closed dates.
   * Returns one flag per day.
   */
  workingDays(weekdays: ReadonlyArray<number>, closedDates: ReadonlyArray<string> = []): Uint8Array {
    weekdays.forEach((w, i) => {
      if (!Number.isInteger(w) || w < 1 || w > 7) throw new EngineArgumentError(`weekdays[${i}]`, w, "an ISO weekday 1 (Monday) … 7 (Sunday)")
    })
    const open = new Set(weekdays)
    const flags = new Uint8Array(this.days)
    for (let i = 0; i < this.days; i++) flags[i] = open.has(this.weekday[i]!) ? 1 : 0
    closedDates.forEach((iso, i) => {
      const d = this.dayOf(iso, `closedDates[${i}]`)
      if (d >= 0 && d < this.days) flags[d] = 0
    })
    return flags
  }
}

/** Adds `n` working days to `day` using the flags (counting from the day after `day`). */
export const addWorkingDays = (flags: Uint8Array, day: number, n: number): number => {
  let d = Math.floor(day), k = 0
  while (k < n) {
    d++
    if (d >= flags.length) return d + (n - k - 1)
    if (flags[d] === 1) k++
  }
  return d
}
