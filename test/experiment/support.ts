/** Short scenarios for experiment tests (a few months instead of three years: fast, same code paths). */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { decodeScenario } from "../../src/scenario/decode.ts"
import type { Scenario } from "../../src/scenario/schema.ts"

export const root = join(import.meta.dirname, "..", "..")

/** The baseline's JSON with a short horizon (Apr–Jul intake, a month's warm-up and drain). */
export const shortScenarioObject = (): Record<string, unknown> => {
  const o = JSON.parse(readFileSync(join(root, "scenarios/new-delhi-2025.json"), "utf8")) as Record<string, unknown>
  o.start = "2025-04-01"
  o.warmupDays = 30
  o.intakeDays = 122
  o.drainDays = 30
  o.replications = 4
  // the baseline's stated backlog, on the shorter run's first day
  ;(o.startState as { date: string }).date = "2025-03-02"
  delete o.$schema
  return o
}

export const shortScenario = (): Scenario => {
  const d = decodeScenario(shortScenarioObject())
  if (!d.ok) throw new Error(JSON.stringify(d.problems))
  return d.value
}
