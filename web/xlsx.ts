/**
 * The .xlsx export, loaded only when asked for (exceljs is ~250 kB gzip; the page does not ship it):
 * a sheet of results (one row per metric, numbers as numbers) and a sheet of provenance.
 */
import ExcelJS from "exceljs"
import { resultRows } from "../src/charts/export.ts"
import type { RunResult } from "../src/scenario/result-schema.ts"

export const toXlsx = async (runs: ReadonlyArray<RunResult>): Promise<Blob> => {
  const wb = new ExcelJS.Workbook()
  wb.creator = "embassy-sim"
  const ws = wb.addWorksheet("results")
  const { header, rows } = resultRows(runs)
  ws.addRow([...header])
  for (const r of rows) ws.addRow(r.map((c) => (c === null ? "" : c)))
  ws.getRow(1).font = { bold: true }
  ws.columns.forEach((c, i) => { c.width = i === 4 ? 60 : i < 2 ? 28 : 14 })
  const pv = wb.addWorksheet("provenance")
  pv.addRow(["scenario", "policy", "seed", "replications", "scenario hash", "tool", "engine", "rng"]).font = { bold: true }
  for (const r of runs) {
    const p = r.provenance
    pv.addRow([p.scenarioName, p.policy, String(p.seed), p.replications, p.scenarioHash, `${p.tool} ${p.toolVersion}`, p.engineVersion, `${p.rng.algorithm} ${p.rng.version}`])
  }
  const buf = await wb.xlsx.writeBuffer()
  return new Blob([buf], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
}
