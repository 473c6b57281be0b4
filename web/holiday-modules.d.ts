// date-holidays ships no types for its data entry point or for its parser package.
declare module "date-holidays/data" {
  export const data: { version: string; license: string; holidays: Record<string, unknown>; names: Record<string, unknown> }
}
declare module "date-holidays-parser" {
  import type Holidays from "date-holidays"
  const HolidaysParser: new (data: unknown, country?: string, state?: string, region?: string, opts?: unknown) => Holidays
  export default HolidaysParser
}
