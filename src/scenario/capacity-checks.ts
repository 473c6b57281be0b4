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
  const day = (iso: string) => Date.parse(iso + "T00:00:00Z")
  s.missions.forEach((m, i) => {
    const groups = m.staffGroups ?? []
    const ids = groups.map((g) => g.id)
    groups.forEach((g, k) => {
      const base = `missions[${i}].staffGroups[${k}]`
      if (ids.indexOf(g.id) !== k) add(`${base}.id`, g.id, "must be unique among the mission's staff groups")
      if (g.kind === "provider" && g.tasks.some((t) => t !== "reception"))
        add(`${base}.tasks`, g.tasks, "a provider's staff may only do reception: identification, travel-document examination and officer tasks are public authority (give them to local or consular staff)")
      g.windows.forEach((w, j) => { if (day(w.to) < day(w.from)) add(`${base}.windows[${j}].to`, w.to, `must not be before from (${w.from})`) })
    })
    if (groups.length > 0) {
      if (!groups.some((g) => g.tasks.includes("identification"))) add(`missions[${i}].staffGroups`, ids, "at least one group must do identification (tasks: [\"identification\"])")
      if (groups.some((g) => g.tasks.includes("reception") && !g.tasks.includes("identification")) && m.taskHours !== undefined && m.taskHours.reception <= 0)
        add(`missions[${i}].taskHours.reception`, m.taskHours.reception, "must be > 0 when a group does reception")
    }
    if (groups.length === 0 && m.taskHours !== undefined) add(`missions[${i}].taskHours`, m.taskHours, "is used only with staffGroups: add staffGroups or leave taskHours out")
  })
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
      if ((r.kind === "extraMissionStaff" || r.kind === "officialAssistance") && r.staffGroup !== undefined) {
        const m = s.missions.find((x) => x.id === r.mission)
        const ids = (m?.staffGroups ?? []).map((g) => g.id)
        if (m !== undefined && !ids.includes(r.staffGroup))
          add(`${base}.staffGroup`, r.staffGroup, ids.length > 0 ? `must be one of ${m.id}'s staff groups: ${ids.join(", ")}` : `${m.id} has no staffGroups: add them to the mission, or leave staffGroup out`)
        if (r.kind === "officialAssistance" && (r.idSlotsPerPersonDay > 0 || r.officerHoursPerPersonDay > 0))
          add(`${base}.idSlotsPerPersonDay`, r.idSlotsPerPersonDay, "leave idSlotsPerPersonDay and officerHoursPerPersonDay out with staffGroup (the group's hours and tasks give them)")
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
