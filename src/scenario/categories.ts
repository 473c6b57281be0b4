/** The applicant categories, in the model's order (a module of its own, so that the page's simulation worker ships without the Schema code). */
export const CATEGORIES = ["student", "worker", "specialist", "fastTrack"] as const
