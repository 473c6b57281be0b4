/**
 * The page's holiday table (web/holiday-data.json) must be what date-holidays gives the engine, so
 * that the page's results equal the CLI's; and the page's stand-in for date-holidays must never
 * answer with an empty calendar for a country or year it does not have.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { publicHolidays } from "../../src/engine/calendar.ts"
import { bundledCountries, holidayTable } from "../../scripts/holiday-subset.ts"
import PageHolidays, { holidayNeeds } from "../../web/holidays.ts"

describe("the page's holiday table", () => {
  it("is current: regenerate with `npm run web:holidays` when this fails", () => {
    const file = JSON.parse(readFileSync("web/holiday-data.json", "utf8")) as unknown
    expect(file).toEqual(JSON.parse(JSON.stringify(holidayTable(bundledCountries()))))
  })
  it("answers like date-holidays for the bundled countries, and refuses what it does not hold", () => {
    for (const c of ["IN", "FI"]) {
      const got = (new PageHolidays(c).getHolidays(2025) as Array<{ date: string; type: string }>).filter((h) => h.type === "public").map((h) => h.date.slice(0, 10))
      expect(got).toEqual(publicHolidays(c, [2025]))
    }
    expect(new PageHolidays().getCountries().BD).toBeDefined()
    expect(() => new PageHolidays("BD").getHolidays(2025)).toThrow(/not loaded/)
    expect(() => new PageHolidays("FI").getHolidays(1999)).toThrow(/not loaded/)
  })
  it("knows which countries and years a scenario needs", () => {
    const raw = JSON.parse(readFileSync("scenarios/new-delhi-2025.json", "utf8")) as unknown
    expect(holidayNeeds(raw)).toEqual({ countries: ["IN", "FI"], years: [2024, 2025, 2026] })
  })
})
