/**
 * Plain constants of the scenario and result formats, with no Schema code: the model and the
 * experiment code (which run in worker threads and the browser's Web Workers) import these instead
 * of the Schema modules, so that a worker bundle does not carry effect's Schema.
 */

/** The applicant categories, in the order of every per-category array. */
export const CATEGORIES = ["student", "worker", "specialist", "fastTrack"] as const
export type Category = (typeof CATEGORIES)[number]

/** The groups, in the order of every per-group array: category × 2 + role (main 0, family 1). */
export const GROUPS = CATEGORIES.flatMap((c) => [c, `${c}-family`] as const)
export type Group = (typeof GROUPS)[number]

/** Result fields that describe a row (copied into summaries as they are, never summarised as numbers). */
export const DESCRIPTIVE_KEYS: ReadonlySet<string> = new Set(["policy", "group", "category", "role", "targetDays", "positiveTargetDays", "id", "name", "label"])
