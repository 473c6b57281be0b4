/**
 * Plain helpers on a scenario's start (no Schema code: the model, which runs in Web Workers, and the
 * CLI use them alike).
 */
import type { Scenario, StartState } from "./schema.ts"

/** The simulation's first day, YYYY-MM-DD: start − warmupDays (the day a startState holds). */
export const firstDayOf = (s: Pick<Scenario, "start" | "warmupDays">): string =>
  new Date(Date.parse(s.start + "T00:00:00Z") - s.warmupDays * 86_400_000).toISOString().slice(0, 10)

/** A stated backlog's applicants over every mission and group: waiting for the appointment, and pending at Migri. */
export const backlogTotals = (st: StartState): { waiting: number; pending: number } => {
  let waiting = 0, pending = 0
  for (const m of Object.values(st.missions)) {
    for (const n of Object.values(m.waitingForAppointment)) waiting += n
    for (const n of Object.values(m.pendingAtMigri)) pending += n
  }
  return { waiting, pending }
}
