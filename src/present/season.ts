/**
 * Which scoreboard rows can be held against a published figure (the stage outside Migri and the
 * hearing before a negative decision are what make workers, negatives and the whole year comparable),
 * shared by the CLI's scoreboard and the charts' "not comparable". Pure.
 */
import type { Scenario } from "../scenario/schema.ts"

/** Published figures the scoreboard rows are held against (docs/calibration.md, reference-data.md). */
export const PUBLISHED: Readonly<Record<string, { readonly low: number; readonly high: number; readonly what: string }>> = {
  work: { low: 80, high: 83, what: "TTOL 2022–23, [PA]; work-based positives fell 55 → 23 d Sep 2023–24" },
  negative: { low: 87, high: 87, what: "work-based negatives, Sep 2024 (ref 5.6)" },
  "all-positive": { low: 18, high: 19, what: "all positive decisions, 2024 (minutes item 7)" }
}

/**
 * Per scoreboard row id, why it cannot be held against its published figure (rows left out can be):
 * workers need the stage outside Migri; negatives the hearing before a negative decision; the whole
 * year's positive mean the workers' stage.
 */
export const notComparable = (s: Scenario | undefined): Record<string, string> => {
  const out: Record<string, string> = {}
  const stage = s?.categories.worker.externalStage !== undefined
  const negHearing = s?.migri.negative.hearingDays !== undefined
  if (!stage) out.work = "no TE office stage in the model (published 80–83 d)"
  if (!negHearing) out.negative = "hours and queue order not calibrated (published, work-based: 87 d)"
  if (!stage) out["all-positive"] = "workers lack the TE office stage (published 18–19 d)"
  return out
}
