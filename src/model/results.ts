/** The result types live with the result schema in src/scenario (one home); re-exported for the model's readers. */
export type { ByMonth, GroupResult, MissionResult, PoolResult, ReplicationResult, ScoreboardRow, ScoreboardSeries, StaffGroupResult } from "../scenario/results.ts"
