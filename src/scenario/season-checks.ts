/**
 * Cross-field checks of the season fields (issue 8): intake terms, family size lever, the stage outside
 * Migri, monitoring, uncertainty ranges. Called from crossCheck in decode.ts; one line per problem,
 * naming the field and the fix.
 */
import type { Scenario } from "./schema.ts"
import { CATEGORIES } from "./schema.ts"

export interface SeasonProblem { readonly path: string; readonly found: unknown; readonly message: string }

/**
 * The value at a dotted path of an object, undefined when absent. Array items are named by index or,
 * as in the sweeps (scenarios/sweeps/), by their id: "missions.new-delhi.arrivals.student.annual".
 */
export const valueAtPath = (o: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((v, k) => {
    if (Array.isArray(v)) return /^\d+$/.test(k) ? v[Number(k)] : v.find((x) => x !== null && typeof x === "object" && (x as Record<string, unknown>).id === k)
    return v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined
  }, o)

export const seasonChecks = (s: Scenario): SeasonProblem[] => {
  const out: SeasonProblem[] = []
  const add = (path: string, found: unknown, message: string) => out.push({ path, found, message })
  const poolIds = s.migri.pools.map((p) => p.id)
  for (const c of CATEGORIES) {
    const cat = s.categories[c]
    const w = cat.family.sizeWeights, m = cat.family.membersPerMain
    if (m !== undefined) {
      const pos = w.slice(1).reduce((a, b) => a + b, 0)
      const cond = pos > 0 ? w.reduce((a, x, i) => a + i * x, 0) / pos : 1
      if (m > cond + 1e-9) add(`categories.${c}.family.membersPerMain`, m, `must be at most ${cond.toFixed(2)}, the mean size of families with members (give more weight to larger sizes in sizeWeights)`)
    }
    ;(cat.family.segments ?? []).forEach((x, k) => {
      const pos = w.slice(1).reduce((a, b) => a + b, 0)
      const cond = pos > 0 ? w.reduce((a, v, i) => a + i * v, 0) / pos : 1
      if (x.membersPerMain > cond + 1e-9) add(`categories.${c}.family.segments[${k}].membersPerMain`, x.membersPerMain, `must be at most ${cond.toFixed(2)}, the mean size of families with members (give more weight to larger sizes in sizeWeights)`)
    })
    if (cat.family.segments !== undefined && cat.family.segments.every((x) => x.share === 0)) add(`categories.${c}.family.segments`, cat.family.segments.map((x) => x.share), "at least one segment needs a share > 0")
    ;(cat.studyTerms ?? []).forEach((t, k) => {
      if (!(t.leadDays.max > t.leadDays.min)) add(`categories.${c}.studyTerms[${k}].leadDays.max`, t.leadDays.max, `must be > min (${t.leadDays.min})`)
    })
    if (cat.studyTerms !== undefined && cat.studyTerms.every((t) => t.share === 0)) add(`categories.${c}.studyTerms`, cat.studyTerms.map((t) => t.share), "at least one term needs a share > 0")
  }
  ;(s.migri.monitoring ?? []).forEach((r, k) => {
    if (!poolIds.includes(r.pool)) add(`migri.monitoring[${k}].pool`, r.pool, `must be one of the Migri pools: ${poolIds.join(", ")}`)
  })
  const sw = s.seasonal
  if (sw !== undefined) {
    if (!s.missions.some((m) => m.id === sw.mission)) add("seasonal.mission", sw.mission, `must be one of the missions: ${s.missions.map((m) => m.id).join(", ")}`)
    if (!poolIds.includes(sw.pool)) add("seasonal.pool", sw.pool, `must be one of the Migri pools: ${poolIds.join(", ")}`)
    if (sw.annual > 0 && sw.monthlyProfile.every((w) => w === 0)) add("seasonal.monthlyProfile", sw.monthlyProfile, "must have at least one month > 0 when annual > 0")
  }
  ;(s.uncertainty ?? []).forEach((u, k) => {
    if (!(u.low <= u.central && u.central <= u.high)) add(`uncertainty[${k}]`, { low: u.low, central: u.central, high: u.high }, "must have low ≤ central ≤ high")
    const v = valueAtPath(s, u.path)
    if (typeof v !== "number") add(`uncertainty[${k}].path`, u.path, "must name a numeric field of the scenario (dotted, e.g. categories.student.family.membersPerMain)")
    // the value itself may differ from central: sweeps and sensitivity runs (--set) change it
  })
  return out
}
