/**
 * Operating models (policies) as data. A policy is a list of rules, each valid in an optional date
 * window and for some missions. This module turns the rules into per-day lookups that the embassy
 * model asks ("is main-applicants-first on at New Delhi today for students?"). Adding a policy means
 * adding a rule kind here and reading it in the model; the engine never changes.
 */
import type { Calendar } from "../engine/index.ts"
import type { Category, PolicySpec, RuleSpec, Scenario } from "../scenario/schema.ts"
import { CATEGORIES } from "../scenario/names.ts"

/** Per-day flags and amounts, precomputed over the simulated days for each mission. */
export interface MissionPolicyDays {
  /** bit c set: main applicants of category c are received before family members that day */
  readonly mainFirstMask: Uint8Array
  readonly familySlots: Float64Array
  readonly jointFamily: Uint8Array
  /** identification slots an accompanying family member uses in a joint appointment */
  readonly jointSlotSize: Float64Array
  /** lead days for study-start ordering, NaN when the rule is off */
  readonly studyStartLead: Float64Array
  readonly remoteHearingShare: Float64Array
  /** extra identification slots and officer hours from official assistance and extra staff */
  readonly extraIdSlots: Float64Array
  readonly extraOfficers: Float64Array
  readonly assistancePeople: Float64Array
  readonly assistanceOfficerHoursPerPerson: Float64Array
  /** 1: a family member's DNA sample is taken at the identification appointment (the lab starts then) */
  readonly dnaAtIdentification: Uint8Array
}

export interface PolicyDays {
  readonly name: string
  readonly description: string
  readonly missions: ReadonlyArray<MissionPolicyDays>
  /** Migri handlers away per pool per day (official assistance staff away from Finland), person-years at full time. */
  readonly poolPeopleAway: ReadonlyArray<Float64Array>
  /** Handlers each pool gains (> 0) or lends (< 0) per day by moveHandlers rules; sums to 0 over the pools every day. */
  readonly poolPeopleMoved: ReadonlyArray<Float64Array>
  /** borrowHandlers rules: per pool, the trigger on each day (NaN threshold when off). */
  readonly borrow: ReadonlyArray<{ readonly above: Float64Array; readonly maxPeople: Float64Array; readonly lendersBelow: Float64Array }>
  /** Extra staff cost over the whole simulated period, euros, and the person-weeks of assistance. */
  readonly costEuros: number
  readonly costInReportedPeriodEuros: number
  readonly assistancePersonWeeks: number
}

const inWindow = (cal: Calendar, r: RuleSpec): ((day: number) => boolean) => {
  const from = r.from === undefined ? -Infinity : cal.dayOf(r.from)
  const to = r.to === undefined ? Infinity : cal.dayOf(r.to)
  return (d) => d >= from && d <= to
}

const appliesTo = (r: RuleSpec, missionId: string): boolean => {
  if ("missions" in r && r.missions !== undefined) return r.missions.includes(missionId)
  if ("mission" in r) return r.mission === missionId
  return true
}

export const compilePolicy = (
  scenario: Scenario,
  policyName: string,
  cal: Calendar,
  reported: { first: number; last: number },
  pools: ReadonlyArray<{ readonly id: string; readonly personYears: number; readonly from: ReadonlyArray<number> }>,
  poolIndexOf: (scenarioPool: number) => number
): PolicyDays => {
  const policy: PolicySpec | undefined = Object.hasOwn(scenario.policies, policyName) ? scenario.policies[policyName] : undefined
  if (policy === undefined) throw new Error(`unknown policy ${policyName}`)
  const n = cal.days
  const missions: MissionPolicyDays[] = scenario.missions.map(() => ({
    mainFirstMask: new Uint8Array(n),
    familySlots: new Float64Array(n),
    jointFamily: new Uint8Array(n),
    jointSlotSize: new Float64Array(n).fill(1),
    studyStartLead: new Float64Array(n).fill(NaN),
    remoteHearingShare: new Float64Array(n),
    extraIdSlots: new Float64Array(n),
    extraOfficers: new Float64Array(n),
    assistancePeople: new Float64Array(n),
    assistanceOfficerHoursPerPerson: new Float64Array(n),
    dnaAtIdentification: new Uint8Array(n)
  }))
  const poolPeopleAway = pools.map(() => new Float64Array(n))
  const poolPeopleMoved = pools.map(() => new Float64Array(n))
  const borrow = pools.map(() => ({ above: new Float64Array(n).fill(NaN), maxPeople: new Float64Array(n), lendersBelow: new Float64Array(n) }))
  const poolByName = (id: string) => poolIndexOf(scenario.migri.pools.findIndex((p) => p.id === id))
  let cost = 0, costReported = 0, personWeeks = 0
  for (const r of policy.rules) {
    const on = inWindow(cal, r)
    // Migri staffing rules act on pools, not missions
    if (r.kind === "moveHandlers") {
      const a = poolByName(r.fromPool), b = poolByName(r.toPool)
      if (a < 0 || b < 0 || a === b) continue // one shared pool: nothing to move
      for (let d = 0; d < n; d++) {
        if (!on(d)) continue
        // never more than the donor has left that day (person-years are conserved)
        const x = Math.min(r.people, Math.max(0, pools[a]!.personYears + poolPeopleMoved[a]![d]!))
        poolPeopleMoved[a]![d] = poolPeopleMoved[a]![d]! - x
        poolPeopleMoved[b]![d] = poolPeopleMoved[b]![d]! + x
      }
      continue
    }
    if (r.kind === "borrowHandlers") {
      const a = poolByName(r.pool)
      if (a < 0 || pools.length < 2) continue
      for (let d = 0; d < n; d++) {
        if (!on(d)) continue
        borrow[a]!.above[d] = r.backlogDaysAbove; borrow[a]!.maxPeople[d] = r.maxPeople; borrow[a]!.lendersBelow[d] = r.lendersBelowDays
      }
      continue
    }
    scenario.missions.forEach((m, mi) => {
      if (!appliesTo(r, m.id)) return
      const md = missions[mi]!
      for (let d = 0; d < n; d++) {
        if (!on(d)) continue
        switch (r.kind) {
          case "mainApplicantsFirst":
            for (const c of r.categories) md.mainFirstMask[d] = md.mainFirstMask[d]! | (1 << CATEGORIES.indexOf(c))
            break
          case "familySlots": md.familySlots[d] = md.familySlots[d]! + r.slotsPerDay; break
          case "jointFamilyAppointment": md.jointFamily[d] = 1; md.jointSlotSize[d] = r.slotsPerAccompanyingMember; break
          case "studyStartFirst": md.studyStartLead[d] = r.leadDays; break
          case "dnaAtIdentification": md.dnaAtIdentification[d] = 1; break
          case "remoteHearings": md.remoteHearingShare[d] = Math.min(1, md.remoteHearingShare[d]! + r.share); break
          case "officialAssistance": {
            // with a staffGroup the people join that mission staff group (staff.ts); otherwise their stated slots and hours
            if (r.staffGroup === undefined) {
              md.assistancePeople[d] = md.assistancePeople[d]! + r.people
              md.extraIdSlots[d] = md.extraIdSlots[d]! + r.people * r.idSlotsPerPersonDay
              md.assistanceOfficerHoursPerPerson[d] = r.officerHoursPerPersonDay
            }
            const pi = poolByName(r.fromPool)
            if (pi >= 0) poolPeopleAway[pi]![d] = poolPeopleAway[pi]![d]! + r.people * r.lostHoursShare
            const c = (r.people * r.costPerPersonWeek) / 7
            cost += c
            personWeeks += r.people / 7
            if (d >= reported.first && d <= reported.last) costReported += c
            break
          }
          case "extraMissionStaff": {
            if (r.staffGroup === undefined) md.extraOfficers[d] = md.extraOfficers[d]! + r.officers
            md.extraIdSlots[d] = md.extraIdSlots[d]! + r.idSlotsPerDay
            const c = r.costPerWeek / 7
            cost += c
            if (d >= reported.first && d <= reported.last) costReported += c
            break
          }
        }
      }
    })
  }
  return { name: policyName, description: policy.description, missions, poolPeopleAway, poolPeopleMoved, borrow, costEuros: cost, costInReportedPeriodEuros: costReported, assistancePersonWeeks: personWeeks }
}

/** Index of a category in CATEGORIES. */
export const categoryIndex = (c: Category): number => CATEGORIES.indexOf(c)
