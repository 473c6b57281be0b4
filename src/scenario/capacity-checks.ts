/**
 * Cross-field checks of the capacity levers (issue 7): Migri handler moves and borrowing, mission staff
 * groups. Called from crossCheck in decode.ts; one line per problem, naming the field and the fix.
 */
import type { Scenario } from "./schema.ts"

export interface CapacityProblem { readonly path: string; readonly found: unknown; readonly message: string }

export const capacityChecks = (s: Scenario): CapacityProblem[] => {
  const out: CapacityProblem[] = []
  const add = (path: string, found: unknown, message: string) => out.push({ path, found, message })
  const pools = s.migri.pools
  const poolIds = pools.map((p) => p.id)
  const isPool = (id: string) => poolIds.includes(id)
  for (const [name, pol] of Object.entries(s.policies)) {
    pol.rules.forEach((r, j) => {
      const base = `policies.${name}.rules[${j}]`
      if (r.kind === "moveHandlers") {
        if (!isPool(r.fromPool)) add(`${base}.fromPool`, r.fromPool, `must be one of the Migri pools: ${poolIds.join(", ")}`)
        if (!isPool(r.toPool)) add(`${base}.toPool`, r.toPool, `must be one of the Migri pools: ${poolIds.join(", ")}`)
        if (r.fromPool === r.toPool) add(`${base}.toPool`, r.toPool, "must differ from fromPool")
        const from = pools.find((p) => p.id === r.fromPool)
        if (from !== undefined && r.people > from.personYears)
          add(`${base}.people`, r.people, `must not exceed the ${from.id} pool's ${from.personYears} person-years (move fewer people, or enlarge migri.pools.${from.id})`)
      }
      if (r.kind === "borrowHandlers") {
        if (!isPool(r.pool)) add(`${base}.pool`, r.pool, `must be one of the Migri pools: ${poolIds.join(", ")}`)
        if (r.lendersBelowDays > r.backlogDaysAbove)
          add(`${base}.lendersBelowDays`, r.lendersBelowDays, `must be ≤ backlogDaysAbove (${r.backlogDaysAbove}), or pools would lend while they are themselves behind`)
      }
    })
  }
  return out
}
