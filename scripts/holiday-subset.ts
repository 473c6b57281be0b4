/**
 * Writes web/holiday-data.json: the public holidays (type "public" in date-holidays, as the engine's
 * calendar reads them) of the countries the bundled scenarios use, for the years 2020–2035, and the
 * list of every country date-holidays knows. The page then ships a few kB instead of the package's
 * parser and every country's rules (~235 kB gzip); other countries or years load the package on
 * demand (web/holidays.ts). Run after updating date-holidays or adding a scenario:
 *   npm run web:holidays
 * test/charts/holidays.test.ts fails when the file is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import Holidays from "date-holidays"
import { hasHolidayData, publicHolidays } from "../src/engine/calendar.ts"

export const HOLIDAY_YEARS: readonly [number, number] = [2020, 2035]

export const bundledCountries = (): string[] => {
  const out = new Set<string>()
  for (const f of readdirSync("scenarios").filter((x) => x.endsWith(".json"))) {
    const s = JSON.parse(readFileSync(`scenarios/${f}`, "utf8")) as { missions?: Array<{ country?: string }>; migri?: { country?: string } }
    for (const m of s.missions ?? []) if (typeof m.country === "string") out.add(m.country)
    if (typeof s.migri?.country === "string") out.add(s.migri.country)
  }
  return [...out].sort()
}

export const holidayTable = (countries: ReadonlyArray<string>): { years: readonly [number, number]; countries: Record<string, string>; public: Record<string, Record<string, string[]>> } => {
  const years: number[] = []
  for (let y = HOLIDAY_YEARS[0]; y <= HOLIDAY_YEARS[1]; y++) years.push(y)
  return {
    years: HOLIDAY_YEARS,
    countries: new Holidays().getCountries(),
    public: Object.fromEntries(countries.filter((c) => hasHolidayData(c)).map((c) => [c, Object.fromEntries(years.map((y) => [String(y), publicHolidays(c, [y])]))]))
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const countries = bundledCountries()
  writeFileSync("web/holiday-data.json", JSON.stringify(holidayTable(countries)) + "\n")
  console.log(`web/holiday-data.json: ${countries.join(", ")}, ${HOLIDAY_YEARS.join("–")}`)
}
