/**
 * Mission capacity from staff (issue 7). Each mission has staff groups — the provider's reception
 * staff, the mission's local staff, seconded consular officers — with people and hours a day by date,
 * and tasks each group may do. The day's identification slots follow from the hours of the staff
 * allowed to identify (identification + travel-document examination + risk observations per applicant)
 * and, where a provider receives the applicants, from the reception hours; the officer tasks Migri
 * asks for (hearings, supplementary requests, DNA samples) take the hours of the staff allowed to do
 * them. A group allowed both gives officer tasks the hours the day's officer backlog needs and the rest
 * to identification, so hours freed by remote hearings go back to identification. Rotating consuls and
 * official assistance add people to a group in their window (rules with `staffGroup`).
 *
 * The shorthand (no staffGroups: `identification.slotsPerDay`, `staff.officers × hoursPerDay`) compiles
 * to the same structure: a service point whose "hours" are slots (one per applicant) and one officer
 * group; its capacities are exactly the shorthand's.
 */
import type { Calendar } from "../engine/index.ts"
import type { MissionSpec, Scenario } from "../scenario/schema.ts"
import type { MissionPolicyDays } from "./policy.ts"

export interface StaffGroupPlan {
  readonly id: string
  readonly kind: "provider" | "local" | "consular" | "shorthand"
  readonly reception: boolean
  readonly identification: boolean
  readonly officer: boolean
  /** hours present per day (0 on days the group does not work) */
  readonly hours: Float64Array
}

export interface StaffPlan {
  /** capacity from staff groups (false: the slots-per-day shorthand) */
  readonly fromStaff: boolean
  readonly groups: ReadonlyArray<StaffGroupPlan>
  /** staff hours one identification takes (shorthand: 1 = one slot) */
  readonly idHours: number
  /** reception hours per applicant; 0 when no group receives (no reception limit) */
  readonly receptionHours: number
}

const inWindow = (cal: Calendar, from: string | undefined, to: string | undefined, d: number) =>
  (from === undefined || d >= cal.dayOf(from)) && (to === undefined || d <= cal.dayOf(to))

export const compileStaff = (
  scenario: Scenario, policyName: string, m: MissionSpec, pd: MissionPolicyDays, cal: Calendar,
  idOpen: Uint8Array, officerOpen: Uint8Array
): StaffPlan => {
  const n = cal.days
  const legacyOfficers = (d: number) => (m.staff.officers + pd.extraOfficers[d]!) * m.staff.hoursPerDay + pd.assistancePeople[d]! * pd.assistanceOfficerHoursPerPerson[d]!
  if (m.staffGroups === undefined) {
    const slots = new Float64Array(n), off = new Float64Array(n)
    for (let d = 0; d < n; d++) {
      slots[d] = idOpen[d] ? m.identification.slotsPerDay + pd.extraIdSlots[d]! : 0
      off[d] = officerOpen[d] ? legacyOfficers(d) : 0
    }
    return {
      fromStaff: false, idHours: 1, receptionHours: 0,
      groups: [
        { id: "service-point", kind: "shorthand", reception: false, identification: true, officer: false, hours: slots },
        { id: "officers", kind: "shorthand", reception: false, identification: false, officer: true, hours: off }
      ]
    }
  }
  const th = m.taskHours ?? { reception: 0.25, identification: 0.1, travelDocument: 0.05, riskObservation: 0.25 }
  const rules = scenario.policies[policyName]?.rules ?? []
  const groups: StaffGroupPlan[] = m.staffGroups.map((g) => {
    const hours = new Float64Array(n)
    const officer = g.tasks.includes("officerTasks"), counter = g.tasks.includes("identification") || g.tasks.includes("reception")
    for (let d = 0; d < n; d++) {
      // a group works on the officers' working days for officer tasks, on the service point's opening days at the counter
      if (!((officer && officerOpen[d]) || (counter && idOpen[d]))) continue
      let people = g.people
      for (const w of g.windows) if (inWindow(cal, w.from, w.to, d)) people = w.people
      for (const r of rules) {
        if ((r.kind === "extraMissionStaff" || r.kind === "officialAssistance") && r.mission === m.id && r.staffGroup === g.id && inWindow(cal, r.from, r.to, d))
          people += r.kind === "extraMissionStaff" ? r.officers : r.people
      }
      hours[d] = people * g.hoursPerDay
    }
    return { id: g.id, kind: g.kind, reception: g.tasks.includes("reception"), identification: g.tasks.includes("identification"), officer: g.tasks.includes("officerTasks"), hours }
  })
  const idHours = th.identification + th.travelDocument + m.riskObservationShare * th.riskObservation
  // rules without staffGroup keep their stated slots and officer hours
  const extraSlots = new Float64Array(n), extraOff = new Float64Array(n)
  let anyExtra = false
  for (let d = 0; d < n; d++) {
    if (idOpen[d]) extraSlots[d] = pd.extraIdSlots[d]! * idHours
    if (officerOpen[d]) extraOff[d] = pd.extraOfficers[d]! * m.staff.hoursPerDay + pd.assistancePeople[d]! * pd.assistanceOfficerHoursPerPerson[d]!
    if (extraSlots[d]! > 0 || extraOff[d]! > 0) anyExtra = true
  }
  if (anyExtra) {
    groups.push({ id: "policy-extra-slots", kind: "local", reception: false, identification: true, officer: false, hours: extraSlots })
    groups.push({ id: "policy-extra-officers", kind: "consular", reception: false, identification: false, officer: true, hours: extraOff })
  }
  return { fromStaff: true, groups, idHours, receptionHours: groups.some((g) => g.reception) ? th.reception : 0 }
}
