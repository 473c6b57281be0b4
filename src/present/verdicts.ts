/**
 * Verdicts in words, shared by the CLI's tables and the charts (page and report): a mean against its
 * target from the mean's 95 % CI (met / MISSED / open), and a paired difference's sign from its CI,
 * over one or several Migri staffing assumptions. Pure.
 *
 * The agreement's processing-time targets are targets for the MEAN: "met" when the upper end of the
 * 95 % CI of the mean is within the target, "MISSED" when the lower end is above it, "open" when the
 * interval contains the target (more replications may decide it); "no target" where the agreement
 * sets none (family members of work and study permits).
 */
import type { Summary } from "../scenario/result-schema.ts"

type S = Summary

/** Target verdict from the mean's confidence interval: met, MISSED, or open when the interval contains the target. */
export const verdict = (s: S, target: number): "met" | "MISSED" | "open" | "–" => {
  if (s.mean === null) return "–"
  const lo = s.ciLow ?? s.mean, hi = s.ciHigh ?? s.mean
  return hi <= target ? "met" : lo > target ? "MISSED" : "open"
}
/** The verdict in words, e.g. "met: mean ≤ 30 d", "MISSED: mean > 30 d", "open: CI spans 30 d". */
export const verdictWords = (s: S, target: number): string => {
  const v = verdict(s, target)
  return v === "met" ? `met: mean ≤ ${target} d` : v === "MISSED" ? `MISSED: mean > ${target} d` : v === "open" ? `open: CI spans ${target} d` : "–"
}

/** The mean against a target, in words as in the main table: met / MISSED / open (the 95 % interval contains it) / no target. */
export const targetWords = (s: S, target: number | null): string => {
  if (target === null) return "no target"
  return verdict(s, target)
}

/** How a paired difference's 95 % interval sits: +1 above 0, −1 below, 0 straddling it. */
export const signOf = (s: S): number => (s.ciLow !== null && s.ciLow > 0 ? 1 : s.ciHigh !== null && s.ciHigh < 0 ? -1 : 0)

/** Verdict over the staffing assumptions for one difference, in words. */
export const signVerdict = (signs: ReadonlyArray<number>, modes: ReadonlyArray<string>): string => {
  if (signs.every((x) => x === 0)) return "no clear effect"
  if (signs.every((x) => x === signs[0])) return "sign holds"
  if (signs.includes(1) && signs.includes(-1)) return "sign FLIPS"
  return `only under ${modes.filter((_, i) => signs[i] !== 0).join(" and ")}`
}
