/**
 * `.xlsx` workbooks with real numeric cells, one sheet per table (exceljs; loaded only when asked).
 */
import { writeFileAtomic } from "./io.ts"

export interface Sheet {
  readonly name: string
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>
}

export const writeXlsx = async (file: string, sheets: ReadonlyArray<Sheet>): Promise<void> => {
  const { default: ExcelJS } = await import("exceljs")
  const wb = new ExcelJS.Workbook()
  wb.creator = "embassy-sim"
  // a fixed date keeps the same results giving the same file
  wb.created = new Date(0)
  wb.modified = new Date(0)
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31).replace(/[\\/?*[\]:]/g, "_"))
    ws.addRow([...s.columns]).font = { bold: true }
    for (const r of s.rows) ws.addRow(r.map((v) => (typeof v === "number" && !Number.isFinite(v) ? null : v)))
    ws.views = [{ state: "frozen", ySplit: 1 }]
    s.columns.forEach((c, i) => { ws.getColumn(i + 1).width = Math.min(48, Math.max(10, c.length + 2)) })
  }
  const buf = await wb.xlsx.writeBuffer()
  writeFileAtomic(file, new Uint8Array(buf as ArrayBuffer))
}
