/**
 * The interval procedure chosen by the coverage study (scripts/coverage-study.ts; docs/experiments.md).
 * On M/M/1 outputs with a known answer, the Student t interval covers at 95 % for symmetric outputs
 * (94.5–95.8 % at 5–20 replications) but only 85–92 % for strongly skewed ones (skewness ≈ 2), and no
 * interval tested (Johnson's corrected t, bootstrap-t, BCa, Hall's transformation with t or
 * bootstrap quantiles, Cox's lognormal) covers at 5 replications there. So:
 *   - skewness is judged on at least SKEW_PILOT replications (5 values cannot tell);
 *   - a metric with |skewness| ≤ SKEW_THRESHOLD keeps the t interval;
 *   - a skewed metric gets at least SKEWED_MIN_REPLICATIONS replications and Hall's transformation
 *     interval at the nominal level SKEWED_LEVEL (96 % nominal gave 94.5–95.3 % actual at 30
 *     replications; 95 % nominal gave 93.3–94.2 %).
 * Pure.
 */
import { hallInterval, skewness, tInterval, type Interval } from "./intervals.ts"

export const SKEW_PILOT = 10
export const SKEW_THRESHOLD = 0.1
export const SKEWED_MIN_REPLICATIONS = 30
export const SKEWED_LEVEL = 0.96

/** Skewed beyond the threshold, judged only on SKEW_PILOT replications or more (below, the t interval is kept and more replications are asked for). */
export const isSkewed = (xs: ReadonlyArray<number>): boolean => xs.length >= SKEW_PILOT && Math.abs(skewness(xs)) > SKEW_THRESHOLD

/**
 * Replications the procedure wants for these outputs (≥ what there is). Call again after adding
 * them: a pilot below SKEW_PILOT first grows to SKEW_PILOT, then a skewed metric to SKEWED_MIN_REPLICATIONS.
 */
export const replicationsNeeded = (xs: ReadonlyArray<number>): number => {
  if (xs.length < SKEW_PILOT) return SKEW_PILOT
  return isSkewed(xs) ? Math.max(xs.length, SKEWED_MIN_REPLICATIONS) : xs.length
}

/** The interval of the procedure (95 % for symmetric outputs; the skewed branch is calibrated to cover 95 %). */
export const honestInterval = (xs: ReadonlyArray<number>): { interval: Interval; method: "t" | "hall" } =>
  isSkewed(xs) ? { interval: hallInterval(xs, SKEWED_LEVEL), method: "hall" } : { interval: tInterval(xs, 0.95), method: "t" }
