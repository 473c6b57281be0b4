/**
 * Decoding a scenario: Schema decoding and the cross-field checks that a schema cannot express.
 * Every problem is reported as one line: the field path, the value found and what is allowed; the
 * Schema's own wording ("Expected { readonly "kind": … } | …") never reaches the user.
 * (`extends` resolution and JSON parsing: ./resolve.ts.)
 */
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { hasHolidayData } from "../engine/calendar.ts"
import { capacityChecks } from "./capacity-checks.ts"
import { seasonChecks } from "./season-checks.ts"
import { CATEGORIES, Scenario } from "./schema.ts"
import { GROUPS } from "./names.ts"
import { firstDayOf } from "./start-state.ts"
export { mergeScenario } from "./resolve.ts"

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
    if (!Object.hasOwn(v, k)) return undefined
    v = (v as Record<PropertyKey, unknown>)[k as string]
  }
  return v
}

export const formatFound = (v: unknown): string => {
  if (v === undefined) return "nothing"
  if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : `${v < 0 ? "-" : ""}a number beyond ±1.8e308 (read as ${v < 0 ? "-" : ""}Infinity)`
  let s: string | undefined
  try {
    s = JSON.stringify(v)
  } catch {
    return "(a value too deeply nested to show)"
  }
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + "…" : s
}

/** `found` of a problem that is not about a value (a file that cannot be read, JSON that does not parse). */
export const NO_VALUE: unique symbol = Symbol("no value")

/** One line per problem: `path: found <value>; <what is allowed>` (`path: <message>` for NO_VALUE). */
export const formatProblems = (problems: ReadonlyArray<Problem>): string[] =>
  problems.map((p) => (p.found === NO_VALUE ? `${p.path}: ${p.message}` : `${p.path}: found ${formatFound(p.found)}; ${p.message}`))

/** What a Schema type name means in a scenario file. */
const TYPE_WORDS: Record<string, string> = {
  number: "must be a number", string: "must be text in quotes", boolean: "must be true or false",
  object: "must be an object { … }", array: "must be a list [ … ]", "readonly array": "must be a list [ … ]"
}

/**
 * The Schema's message in the words of the scenario format. A union of tagged structs (rules by `kind`,
 * distributions by `dist`) becomes "must be one of the … kinds: a, b, c" on the tag field.
 */
const userMessage = (message: string, found: unknown): { message: string; tagField?: string } => {
  if (message === "Expected no excess property") return { message: "this field is not part of the scenario format (check its spelling; `embassy-sim schema` lists the fields)" }
  if (message === "Missing key") return { message: "this field is required" }
  const tagged = [...message.matchAll(/\{ readonly "(kind|dist)": "([^"]+)"/g)]
  if (tagged.length > 0) {
    const field = tagged[0]![1]!
    const names = [...new Set(tagged.map((m) => m[2]!))]
    const what = field === "kind" ? "rule kinds" : "distributions"
    const isObj = found !== null && typeof found === "object" && !Array.isArray(found)
    return isObj ? { message: `must be one of the ${what}: ${names.join(", ")}`, tagField: field } : { message: `must be an object {"${field}": …} with ${field} one of: ${names.join(", ")}` }
  }
  if (message === "Expected a finite number") return { message: typeof found === "number" ? "must be a finite number (JSON reads numbers beyond ±1.8e308 as infinite)" : "must be a number" }
  const simple = /^Expected (number|string|boolean|object|array|readonly array)$/.exec(message)
  if (simple) return { message: TYPE_WORDS[simple[1]!]! }
  if (message === "Expected an integer") return { message: "must be a whole number" }
  const len = /^Expected a value with a length of at (least|most) (\d+)$/.exec(message)
  if (len) return { message: len[1] === "least" && len[2] === "1" ? "must not be empty" : `must have at ${len[1]} ${len[2]} ${typeof found === "string" ? "characters" : "items"}` }
  if (message.startsWith("Expected ") && !message.includes(" | ")) return { message: `must be ${message.slice(9).replace(/\s+/g, " ").slice(0, 150)}` }
  if (message.startsWith("Expected ")) {
    const parts = message.slice(9).split(" | ").map((p) => (Object.hasOwn(TYPE_WORDS, p) ? p : p.startsWith("{") ? "object" : p.startsWith('"') ? p : p.split(/[ <(]/)[0]!))
    const WORDS: Record<string, string> = { number: "a number", string: "text", boolean: "true or false", object: "an object", array: "a list", "readonly array": "a list" }
    const short = `must be ${[...new Set(parts)].map((x) => (Object.hasOwn(WORDS, x) ? WORDS[x] : x)).join(" or ")}`
    return { message: short.length <= 160 ? short : short.slice(0, 157) + "…" }
  }
  return { message: message.replace(/\s+/g, " ") }
}

const standard = SchemaIssue.makeFormatterStandardSchemaV1()
const decode = Schema.decodeUnknownResult(Scenario)

/** Decodes a (merged) scenario object: Schema first, then the cross-field checks. */
export const decodeScenario = (input: unknown): Decoded<Scenario> => {
  const r = decode(input, { errors: "all", onExcessProperty: "error" })
  if (r._tag === "Failure") {
    const issues = standard(r.failure.issue).issues
    const seen = new Set<string>()
    return {
      ok: false,
      // one problem per field: a value can fail several checks (finite, then the bound), the first says it
      problems: issues.map((i) => {
        const path = (i.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? p.key : p)) as PropertyKey[]
        const found = valueAt(input, path)
        const m = userMessage(i.message, found)
        if (m.tagField === undefined) return { path: formatPath(path), found, message: m.message }
        return { path: formatPath([...path, m.tagField]), found: valueAt(found, [m.tagField]), message: m.message }
      }).filter((p) => (seen.has(p.path) ? false : (seen.add(p.path), true)))
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
  if (!Object.hasOwn(s.policies, s.policy)) add("policy", s.policy, `must name one of the policies: ${policyNames.join(", ") || "(none defined)"}`)
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
  checkWorkload(s, add)
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
  if (s.startState !== undefined) {
    const first = firstDayOf(s)
    if (s.startState.date !== first) add("startState.date", s.startState.date, `must be the simulation's first day, start − warmupDays = ${first} (or change warmupDays so that the two agree)`)
    for (const id of Object.keys(s.startState.missions)) if (!missionIds.includes(id)) add(`startState.missions.${id}`, id, `must be one of the missions: ${missionIds.join(", ")}`)
    for (const [id, m] of Object.entries(s.startState.missions)) for (const g of GROUPS)
      if (m.pastFirstHandling[g] > m.pendingAtMigri[g]) add(`startState.missions.${id}.pastFirstHandling.${g}`, m.pastFirstHandling[g], `must not exceed pendingAtMigri.${g} (${m.pendingAtMigri[g]})`)
    for (const id of missionIds) if (!Object.hasOwn(s.startState.missions, id)) add("startState.missions", Object.keys(s.startState.missions), `needs the state of mission ${id} (every mission starts from a stated backlog, or leave startState out)`)
    const f = s.startState.familyToFollow
    if (f !== undefined) for (const c of CATEGORIES) checkDist(`startState.familyToFollow.mainDecidedAfterDays.${c}`, f.mainDecidedAfterDays[c], add)
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
  if (d.dist === "lognormal" && d.p90 > MAX_SPREAD * d.median) add(`${path}.p90`, d.p90, `must be at most ${MAX_SPREAD} × median (${d.median}): a wider spread gives sampled times of centuries`)
  if (d.dist === "lognormal-mean" && d.sd > MAX_SPREAD * d.mean) add(`${path}.sd`, d.sd, `must be at most ${MAX_SPREAD} × mean (${d.mean}): a wider spread gives sampled times of centuries`)
}

/** Largest ratio p90/median (lognormal) or sd/mean (lognormal-mean). */
export const MAX_SPREAD = 1000

/** Applications (main applicants and family members) one replication may simulate: memory grows with them (~150 bytes each). */
export const MAX_APPLICATIONS_PER_REPLICATION = 2_000_000

/** Expected applications over the whole simulated horizon of one replication. */
export const expectedApplications = (s: Scenario): number => {
  const years = (s.warmupDays + s.intakeDays + s.drainDays) / 365
  let total = 0
  for (const m of s.missions) for (const c of CATEGORIES) {
    const w = s.categories[c].family.sizeWeights
    const sum = w.reduce((a, b) => a + b, 0)
    const meanFamily = sum > 0 ? w.reduce((a, x, i) => a + x * i, 0) / sum : 0
    total += m.arrivals[c].annual * (1 + meanFamily) * years
  }
  return total
}

const checkWorkload = (s: Scenario, add: Add): void => {
  const n = expectedApplications(s)
  if (!(n <= MAX_APPLICATIONS_PER_REPLICATION)) {
    let worst = { path: "missions[0].arrivals", annual: 0 }
    s.missions.forEach((m, i) => { for (const c of CATEGORIES) if (m.arrivals[c].annual >= worst.annual) worst = { path: `missions[${i}].arrivals.${c}.annual`, annual: m.arrivals[c].annual } })
    add(worst.path, worst.annual, `with the other intakes, family sizes and the ${s.warmupDays + s.intakeDays + s.drainDays}-day horizon (warmupDays + intakeDays + drainDays) one replication would simulate about ${Math.round(n).toLocaleString("en-GB")} applications; the limit is ${MAX_APPLICATIONS_PER_REPLICATION.toLocaleString("en-GB")} (memory): lower the intakes or shorten the horizon`)
  }
}
