/**
 * Decoding a scenario: `extends` resolution (pure merge), Schema decoding and the cross-field checks
 * that a schema cannot express. Every problem is reported as one line: the field path, the value
 * found and what is allowed.
 */
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { hasHolidayData } from "../engine/calendar.ts"
import { capacityChecks } from "./capacity-checks.ts"
import { seasonChecks } from "./season-checks.ts"
import { CATEGORIES, Scenario } from "./schema.ts"

export interface Problem {
  /** e.g. "missions[0].identification.slotsPerDay" */
  readonly path: string
  readonly found: unknown
  readonly message: string
}

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: ReadonlyArray<Problem> }

export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0 ? "(file)" : path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("")

const valueAt = (root: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let v: unknown = root
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined
    v = (v as Record<PropertyKey, unknown>)[k as string]
  }
  return v
}

export const formatFound = (v: unknown): string => {
  if (v === undefined) return "nothing"
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + "…" : s
}

/** One line per problem: `path: found <value>; <what is allowed>`. */
export const formatProblems = (problems: ReadonlyArray<Problem>): string[] =>
  problems.map((p) => `${p.path}: found ${formatFound(p.found)}; ${p.message}`)

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v)

/** Deep-merges `override` onto `base`: objects merge key by key, arrays and scalars replace. */
export const mergeScenario = (base: unknown, override: unknown): unknown => {
  if (!isPlainObject(base) || !isPlainObject(override)) return override
  const out: Record<string, unknown> = { ...base }
  for (const [k, v] of Object.entries(override)) out[k] = k in base ? mergeScenario(base[k], v) : v
  return out
}

const standard = SchemaIssue.makeFormatterStandardSchemaV1()
const decode = Schema.decodeUnknownResult(Scenario)

/** Decodes a (merged) scenario object: Schema first, then the cross-field checks. */
export const decodeScenario = (input: unknown): Decoded<Scenario> => {
  const r = decode(input, { errors: "all", onExcessProperty: "error" })
  if (r._tag === "Failure") {
    const issues = standard(r.failure.issue).issues
    return {
      ok: false,
      problems: issues.map((i) => {
        const path = (i.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? p.key : p)) as PropertyKey[]
        const message = i.message === "Expected no excess property" ? "this field is not part of the scenario format (check its spelling; `embassy-sim schema` lists the fields)" : i.message === "Missing key" ? "this field is required" : i.message
        return { path: formatPath(path), found: valueAt(input, path), message }
      })
    }
  }
  const problems = crossCheck(r.success)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: r.success }
}

/** Checks between fields: names that must refer to each other, sums, date order. */
export const crossCheck = (s: Scenario): Problem[] => {
  const out: Problem[] = []
  const add = (path: string, found: unknown, message: string) => out.push({ path, found, message })
  const policyNames = Object.keys(s.policies)
  if (!(s.policy in s.policies)) add("policy", s.policy, `must name one of the policies: ${policyNames.join(", ") || "(none defined)"}`)
  const missionIds = s.missions.map((m) => m.id)
  s.missions.forEach((m, i) => {
    if (missionIds.indexOf(m.id) !== i) add(`missions[${i}].id`, m.id, "must be unique among the missions")
    if (m.identification.fastTrackReservedPerDay > m.identification.slotsPerDay)
      add(`missions[${i}].identification.fastTrackReservedPerDay`, m.identification.fastTrackReservedPerDay, `must not exceed slotsPerDay (${m.identification.slotsPerDay})`)
    for (const c of CATEGORIES) {
      if (m.arrivals[c].annual > 0 && m.arrivals[c].monthlyProfile.every((w) => w === 0))
        add(`missions[${i}].arrivals.${c}.monthlyProfile`, m.arrivals[c].monthlyProfile, "must have at least one month > 0 when annual > 0")
    }
    if (m.publicHolidays && !hasHolidayData(m.country))
      add(`missions[${i}].country`, m.country, `has no public-holiday data in date-holidays: set missions[${i}].publicHolidays to false and list the mission's closures in closedDates`)
    if (m.weekdayProfile.every((w) => w === 0)) add(`missions[${i}].weekdayProfile`, m.weekdayProfile, "must have at least one weekday > 0")
  })
  for (const c of CATEGORIES) {
    const cat = s.categories[c]
    if (cat.family.sizeWeights.every((w) => w === 0)) add(`categories.${c}.family.sizeWeights`, cat.family.sizeWeights, "must have at least one weight > 0")
    const needsStart = c === "student"
    if (needsStart && cat.studyTerms === undefined && (cat.studyStart === undefined || cat.studyStart.length === 0)) add(`categories.${c}.studyStart`, cat.studyStart, "students need study start windows (by month of application)")
    checkDist(`categories.${c}.family.lagDays`, cat.family.lagDays, add)
  }
  checkDist("migri.supplementary.responseDays", s.migri.supplementary.responseDays, add)
  checkDist("migri.dnaLabDays", s.migri.dnaLabDays, add)
  if (!hasHolidayData(s.migri.country)) add("migri.country", s.migri.country, "must be a country that date-holidays has public holidays for (FI)")
  if (s.migri.monthlyAvailability.some((a) => a > 1)) add("migri.monthlyAvailability", s.migri.monthlyAvailability, "each month must be a share between 0 and 1")
  // every category and role must be served by exactly one pool
  const poolIds = s.migri.pools.map((p) => p.id)
  for (const c of CATEGORIES) {
    for (const role of ["main", "family"] as const) {
      const serving = s.migri.pools.filter((p) => p.serves.includes(c) || p.serves.includes(`${c}:${role}`))
      if (serving.length !== 1) add("migri.pools", poolIds, `${c}:${role} must be served by exactly one pool (found ${serving.length})`)
    }
  }
  s.migri.pools.forEach((p, i) => { if (poolIds.indexOf(p.id) !== i) add(`migri.pools[${i}].id`, p.id, "must be unique among the pools") })
  // policies
  // dates are real calendar dates already (the schema's IsoDate checks them)
  const dayOf = (iso: string) => Date.parse(iso + "T00:00:00Z")
  for (const [name, pol] of Object.entries(s.policies)) {
    pol.rules.forEach((r, j) => {
      const base = `policies.${name}.rules[${j}]`
      if (r.from !== undefined && r.to !== undefined && dayOf(r.to) < dayOf(r.from)) add(`${base}.to`, r.to, `must not be before from (${r.from})`)
      if ("missions" in r && r.missions !== undefined) r.missions.forEach((id, k) => { if (!missionIds.includes(id)) add(`${base}.missions[${k}]`, id, `must be one of the missions: ${missionIds.join(", ")}`) })
      if ("mission" in r && !missionIds.includes(r.mission)) add(`${base}.mission`, r.mission, `must be one of the missions: ${missionIds.join(", ")}`)
      if (r.kind === "officialAssistance" && !poolIds.includes(r.fromPool)) add(`${base}.fromPool`, r.fromPool, `must be one of the Migri pools: ${poolIds.join(", ")}`)
    })
  }
  out.push(...capacityChecks(s)) // capacity levers (issue 7)
  out.push(...seasonChecks(s)) // the coming season (issue 8)
  return out
}

type Add = (path: string, found: unknown, message: string) => void
const checkDist = (path: string, d: Scenario["migri"]["dnaLabDays"], add: Add): void => {
  if (d.dist === "uniform" && d.max < d.min) add(`${path}.max`, d.max, `must be ≥ min (${d.min})`)
  if (d.dist === "triangular" && !(d.min <= d.mode && d.mode <= d.max && d.max > d.min)) add(path, d, "must have min ≤ mode ≤ max and min < max")
  if (d.dist === "lognormal" && !(d.p90 > d.median)) add(`${path}.p90`, d.p90, `must be > median (${d.median})`)
}
