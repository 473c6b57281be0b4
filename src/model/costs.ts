/**
 * What an option costs (issue 8): euros (travel, daily allowances, salaries of the people sent, extra
 * mission staff) and Migri person-years (output lost while people are away, duplicated subsistence
 * checks, remote hearings, renewed subsistence evidence, post-decision monitoring), each item paid by UM
 * or Migri by the scenario's `costs.payer` rule. Pure: the policy's rules over the reported period and one
 * replication's counts.
 */
import type { Calendar } from "../engine/index.ts"
import type { SeasonCost } from "../scenario/results.ts"
import type { CostSpec, Scenario } from "../scenario/schema.ts"

export type { SeasonCost }


/** Without a `costs` block: no unit costs; the people sent are Migri's, extra mission staff UM's. */
export const DEFAULT_COSTS: CostSpec = {
  travelPerTripEuros: 0, tripWeeks: 4, dailyAllowanceEuros: 0, salaryPerPersonYearEuros: 0, hoursPerRemoteHearing: 0, hoursPerExpiredEvidence: 0,
  payer: { travel: "Migri", allowances: "Migri", salaries: "Migri", extraStaff: "UM", migriHours: "Migri" }
}

export interface CostCounts {
  readonly duplicatedCheckHours: number
  readonly remoteHearingHours: number
  readonly remoteHearings: number
  readonly expiredEvidence: number
  readonly monitoringHours: number
}

export const seasonCost = (s: Scenario, policyName: string, cal: Calendar, reported: { first: number; end: number }, counts: CostCounts): SeasonCost => {
  const k = s.costs ?? DEFAULT_COSTS
  const detailed = s.costs !== undefined
  const rules = s.policies[policyName]?.rules ?? []
  const daysIn = (from: string | undefined, to: string | undefined): number => {
    const a = Math.max(reported.first, from === undefined ? -Infinity : cal.dayOf(from))
    const b = Math.min(reported.end - 1, to === undefined ? Infinity : cal.dayOf(to))
    return Math.max(0, b - a + 1)
  }
  let travel = 0, allowances = 0, salaries = 0, extraStaff = 0, lostPY = 0, trips = 0, personDays = 0
  for (const r of rules) {
    if (r.kind === "officialAssistance") {
      const days = daysIn(r.from, r.to)
      if (days === 0 || r.people === 0) continue
      const pd = r.people * days
      const t = r.people * Math.ceil(days / (7 * k.tripWeeks))
      trips += t; personDays += pd
      if (detailed) {
        travel += t * k.travelPerTripEuros
        allowances += pd * k.dailyAllowanceEuros
        salaries += (pd / 365) * k.salaryPerPersonYearEuros
      } else allowances += (pd / 7) * r.costPerPersonWeek // the rule's own travel-and-allowances figure
      lostPY += (pd * r.lostHoursShare) / 365
    } else if (r.kind === "extraMissionStaff") {
      extraStaff += (daysIn(r.from, r.to) / 7) * r.costPerWeek
    }
  }
  const ph = s.migri.productiveHoursPerPersonYear
  const remoteH = k.hoursPerRemoteHearing > 0 ? counts.remoteHearings * k.hoursPerRemoteHearing : counts.remoteHearingHours
  const py = {
    migriOutputLost: lostPY,
    duplicatedChecks: counts.duplicatedCheckHours / ph,
    remoteHearings: remoteH / ph,
    expiredEvidence: (counts.expiredEvidence * k.hoursPerExpiredEvidence) / ph,
    monitoring: counts.monitoringHours / ph
  }
  const pyTotal = py.migriOutputLost + py.duplicatedChecks + py.remoteHearings + py.expiredEvidence + py.monitoring
  const items: Array<[number, "UM" | "Migri"]> = [[travel, k.payer.travel], [allowances, k.payer.allowances], [salaries, k.payer.salaries], [extraStaff, k.payer.extraStaff]]
  const eurosOf = (who: "UM" | "Migri") => items.reduce((a, [x, p]) => a + (p === who ? x : 0), 0)
  return {
    euros: { travel, allowances, salaries, extraStaff, total: travel + allowances + salaries + extraStaff },
    personYears: { ...py, total: pyTotal },
    um: { euros: eurosOf("UM"), personYears: k.payer.migriHours === "UM" ? pyTotal : 0 },
    migri: { euros: eurosOf("Migri"), personYears: k.payer.migriHours === "Migri" ? pyTotal : 0 },
    trips, personDaysAway: personDays
  }
}
