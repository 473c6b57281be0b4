/**
 * An independent oracle: every reported outcome metric recomputed from the per-application trace with
 * its own definitions (written from docs/model.md and the issue, not from src/model/metrics.ts or
 * scoreboard.ts), and compared with the result. Returns the mismatches (empty when all agree).
 */
import type { CompiledScenario, ModelRun, TraceRow } from "../../src/model/embassy.ts"
import { CATS, groupOf } from "./support.ts"

const mean = (xs: ReadonlyArray<number>) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length)
const share = (xs: ReadonlyArray<boolean>) => (xs.length === 0 ? NaN : xs.filter(Boolean).length / xs.length)
const close = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

export const oracleMismatches = (cs: CompiledScenario, run: ModelRun): string[] => {
  const s = cs.scenario, res = run.result, trace = run.trace!
  const out: string[] = []
  const cmp = (what: string, got: number, want: number) => { if (!close(got, want) && out.length < 30) out.push(`${what}: result ${got}, trace ${want}`) }
  const months = cs.reportedMonths
  const monthOf = (t: number) => { const m = cs.cal.monthIndex[Math.floor(t)]! - cs.firstReportedMonth; return m >= 0 && m < months ? m : -1 }
  const decided = (r: TraceRow) => !Number.isNaN(r.decided)
  const mt = (r: TraceRow) => r.decided - r.identified
  const fast = new Set(CATS.filter((c) => s.categories[c].fastTrack))

  // ---- seasonal workers: their own intake, those who applied in the reported period (a cohort), reported apart
  if (s.seasonal !== undefined) {
    const sw = res.season.seasonal, target = s.seasonal.targetDays
    const rows = trace.filter((r) => r.seasonal && monthOf(r.arrival) >= 0)
    const d = rows.filter(decided), idd = rows.filter((r) => !Number.isNaN(r.identified))
    if (rows.some((r) => r.reported)) out.push("a seasonal worker is counted in the four categories' groups")
    cmp("seasonal.arrived", sw.arrived, rows.length)
    cmp("seasonal.identified", sw.identified, idd.length)
    cmp("seasonal.decided", sw.decided, d.length)
    cmp("seasonal.apptWaitMean", sw.apptWaitMean, mean(idd.map((r) => r.identified - r.arrival)))
    cmp("seasonal.migriMean", sw.migriMean, mean(d.map(mt)))
    cmp("seasonal.withinTargetShare", sw.withinTargetShare, share(d.map((r) => mt(r) <= target)))
    cmp("seasonal.positiveShare", sw.positiveShare, share(d.map((r) => r.positive)))
    for (let m = 0; m < months; m++) {
      const inM = rows.filter((r) => monthOf(r.arrival) === m), dm = inM.filter(decided)
      cmp(`seasonal.byMonth.arrived[${m}]`, sw.byMonth.arrived[m]!, inM.length)
      cmp(`seasonal.byMonth.apptWaitMean[${m}]`, sw.byMonth.apptWaitMean[m]!, mean(inM.filter((r) => !Number.isNaN(r.identified)).map((r) => r.identified - r.arrival)))
      cmp(`seasonal.byMonth.migriMean[${m}]`, sw.byMonth.migriMean[m]!, mean(dm.map(mt)))
      cmp(`seasonal.byMonth.withinTargetShare[${m}]`, sw.byMonth.withinTargetShare[m]!, share(dm.map((r) => mt(r) <= target)))
    }
  }

  // ---- groups (the reported cohort)
  for (const g of res.groups) {
    const rows = trace.filter((r) => r.reported && groupOf(r) === g.group)
    const d = rows.filter(decided)
    const cat = s.categories[g.category as (typeof CATS)[number]]
    const target = cat.targetDays
    cmp(`${g.group}.arrived`, g.arrived, rows.length)
    cmp(`${g.group}.decided`, g.decided, d.length)
    cmp(`${g.group}.apptWaitMean`, g.apptWaitMean, mean(rows.filter((r) => !Number.isNaN(r.identified)).map((r) => r.identified - r.arrival)))
    cmp(`${g.group}.migriMean`, g.migriMean, mean(d.map(mt)))
    cmp(`${g.group}.withinTargetShare`, g.withinTargetShare, share(d.map((r) => mt(r) <= target)))
    cmp(`${g.group}.positiveMigriMean`, g.positiveMigriMean, mean(d.filter((r) => r.positive).map(mt)))
    cmp(`${g.group}.negativeMigriMean`, g.negativeMigriMean, mean(d.filter((r) => !r.positive).map(mt)))
    const ptd = g.role === "main" ? cat.positiveTargetDays : undefined
    cmp(`${g.group}.positiveWithinTargetShare`, g.positiveWithinTargetShare, ptd === undefined ? NaN : share(d.filter((r) => r.positive && r.covered).map((r) => mt(r) <= ptd)))
    cmp(`${g.group}.endToEndMean`, g.endToEndMean, mean(d.map((r) => r.decided - r.arrival)))
    cmp(`${g.group}.hearingShare`, g.hearingShare, share(d.map((r) => r.hearing)))
    cmp(`${g.group}.supplementaryShare`, g.supplementaryShare, share(d.map((r) => r.supplementary)))
    cmp(`${g.group}.negativeShare`, g.negativeShare, share(d.map((r) => !r.positive)))
    cmp(`${g.group}.highRiskShare`, g.highRiskShare, share(d.map((r) => r.highRisk)))
    if (g.hasTarget !== (g.role === "main" || fast.has(g.category as (typeof CATS)[number]))) out.push(`${g.group}.hasTarget is ${g.hasTarget}`)
    for (let m = 0; m < months; m++) {
      const inM = rows.filter((r) => monthOf(r.arrival) === m), dm = inM.filter(decided)
      cmp(`${g.group}.byMonth.arrived[${m}]`, g.byMonth.arrived[m]!, inM.length)
      cmp(`${g.group}.byMonth.apptWaitMean[${m}]`, g.byMonth.apptWaitMean[m]!, mean(inM.filter((r) => !Number.isNaN(r.identified)).map((r) => r.identified - r.arrival)))
      cmp(`${g.group}.byMonth.migriMean[${m}]`, g.byMonth.migriMean[m]!, mean(dm.map(mt)))
      cmp(`${g.group}.byMonth.withinTargetShare[${m}]`, g.byMonth.withinTargetShare[m]!, share(dm.map((r) => mt(r) <= target)))
      cmp(`${g.group}.byMonth.endToEndMean[${m}]`, g.byMonth.endToEndMean[m]!, mean(dm.map((r) => r.decided - r.arrival)))
    }
  }

  // ---- the scoreboard, overall and per mission: the rows' own definitions
  const fastTargets = CATS.filter((c) => s.categories[c].fastTrack).map((c) => s.categories[c].targetDays)
  const posTargets = CATS.flatMap((c) => s.categories[c].positiveTargetDays ?? [])
  const defs: Record<string, { target: number | null; member: (r: TraceRow) => boolean }> = {
    study: { target: s.categories.student.targetDays, member: (r) => r.category === "student" && r.role === "main" },
    work: { target: s.categories.worker.targetDays, member: (r) => r.category === "worker" && r.role === "main" },
    "fast-track": { target: fastTargets.length > 0 ? Math.min(...fastTargets) : null, member: (r) => fast.has(r.category) },
    "specialists-blue-card": { target: posTargets.length > 0 ? Math.min(...posTargets) : null, member: (r) => r.role === "main" && r.positive && r.covered },
    negative: { target: 60, member: (r) => !r.positive },
    "study-family": { target: null, member: (r) => r.category === "student" && r.role === "family" },
    "work-family": { target: null, member: (r) => r.category === "worker" && r.role === "family" },
    "all-positive": { target: null, member: (r) => r.positive }
  }
  const inPeriod = (r: TraceRow) => decided(r) && Math.floor(r.decided) >= cs.reportedFirst && Math.floor(r.decided) < cs.reportedEnd
  // seasonal workers are reported apart, kept out of the four categories' scoreboard (docs/model.md)
  const scopes = [{ name: "overall", rows: res.scoreboard, keep: (r: TraceRow) => !r.seasonal },
    ...res.missions.map((m) => ({ name: m.id, rows: m.scoreboard, keep: (r: TraceRow) => !r.seasonal && r.mission === m.id }))]
  for (const sc of scopes) {
    const ids = sc.rows.map((x) => x.id).sort().join(",")
    if (ids !== Object.keys(defs).sort().join(",")) out.push(`${sc.name}: scoreboard rows ${ids}`)
    for (const row of sc.rows) {
      const def = defs[row.id]
      if (def === undefined) continue
      const name = `${sc.name}.scoreboard.${row.id}`
      if (row.targetDays !== def.target) out.push(`${name}.targetDays ${row.targetDays}, expected ${def.target}`)
      const within = (r: TraceRow) => def.target !== null && mt(r) <= def.target
      const shareOrNaN = (rs: TraceRow[]) => (def.target === null ? NaN : share(rs.map(within)))
      const per = trace.filter((r) => sc.keep(r) && decided(r) && def.member(r))
      const p = per.filter(inPeriod), c = per.filter((r) => r.reported)
      cmp(`${name}.decided`, row.decided, p.length)
      cmp(`${name}.mean`, row.mean, mean(p.map(mt)))
      cmp(`${name}.withinTargetShare`, row.withinTargetShare, shareOrNaN(p))
      cmp(`${name}.overTargetShare`, row.overTargetShare, def.target === null || p.length === 0 ? NaN : 1 - share(p.map(within)))
      cmp(`${name}.cohortDecided`, row.cohortDecided, c.length)
      cmp(`${name}.cohortMean`, row.cohortMean, mean(c.map(mt)))
      cmp(`${name}.cohortWithinTargetShare`, row.cohortWithinTargetShare, shareOrNaN(c))
      for (let m = 0; m < months; m++) {
        const pd = p.filter((r) => monthOf(r.decided) === m), ca = c.filter((r) => monthOf(r.arrival) === m)
        cmp(`${name}.byDecisionMonth.decided[${m}]`, row.byDecisionMonth.decided[m]!, pd.length)
        cmp(`${name}.byDecisionMonth.mean[${m}]`, row.byDecisionMonth.mean[m]!, mean(pd.map(mt)))
        cmp(`${name}.byDecisionMonth.withinTargetShare[${m}]`, row.byDecisionMonth.withinTargetShare[m]!, shareOrNaN(pd))
        cmp(`${name}.byApplicationMonth.decided[${m}]`, row.byApplicationMonth.decided[m]!, ca.length)
        cmp(`${name}.byApplicationMonth.mean[${m}]`, row.byApplicationMonth.mean[m]!, mean(ca.map(mt)))
        cmp(`${name}.byApplicationMonth.withinTargetShare[${m}]`, row.byApplicationMonth.withinTargetShare[m]!, shareOrNaN(ca))
      }
      // each decided case once in each series
      cmp(`${name}: Σ byDecisionMonth.decided`, row.byDecisionMonth.decided.reduce((a, b) => a + b, 0), row.decided)
      cmp(`${name}: Σ byApplicationMonth.decided`, row.byApplicationMonth.decided.reduce((a, b) => a + b, 0), row.cohortDecided)
    }
  }

  // ---- DNA and duplicated checks
  const dnaRows = trace.filter((r) => r.reported && !Number.isNaN(r.dnaReady))
  cmp("family.dnaRequests", res.family.dnaRequests, dnaRows.length)
  cmp("family.dnaRequestToResultMean", res.family.dnaRequestToResultMean, mean(dnaRows.map((r) => r.dnaReady - r.dnaAsked)))
  const rechecked = trace.filter((r) => r.reported && r.role === "family" && !Number.isNaN(r.identified) && !Number.isNaN(trace[r.main]!.decided) && trace[r.main]!.decided <= r.identified)
  cmp("family.duplicatedSubsistenceChecks", res.family.duplicatedSubsistenceChecks, rechecked.length)
  cmp("family.duplicatedChecksByCause.familyAppliedLater", res.family.duplicatedChecksByCause.familyAppliedLater, rechecked.filter((r) => r.arrival > trace[r.main]!.decided).length)
  cmp("family.duplicatedChecksByCause.causedByPolicy", res.family.duplicatedChecksByCause.causedByPolicy, rechecked.filter((r) => r.arrival <= trace[r.main]!.decided).length)
  return out
}
