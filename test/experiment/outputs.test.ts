/** Tables for analysts: CSV plain and Finnish Excel (fi), .xlsx with numeric cells. */
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { dsvFormat } from "d3-dsv"
import { csvTable } from "../../src/present/csv.ts"
import { writeXlsx } from "../../src/cli/xlsx.ts"

const columns = ["option", "metric", "mean", "n"]
const rows = [["FIFO; \"quoted\"", "groups.student.migriMean", 31.25, 20], ["main-first", "share", 0.5, null]]

describe("CSV dialects", () => {
  test("plain: commas, decimal points, quotes where needed, no BOM", () => {
    const t = csvTable(columns, rows)
    expect(t.charCodeAt(0)).not.toBe(0xfeff)
    const back = dsvFormat(",").parseRows(t.trim())
    expect(back[1]).toEqual(["FIFO; \"quoted\"", "groups.student.migriMean", "31.25", "20"])
    expect(back[2]![3]).toBe("")
  })
  test("fi: UTF-8 BOM, semicolons, decimal commas", () => {
    const t = csvTable(columns, rows, "fi")
    expect(t.charCodeAt(0)).toBe(0xfeff)
    const back = dsvFormat(";").parseRows(t.slice(1).trim())
    expect(back[0]).toEqual(columns)
    expect(back[1]).toEqual(["FIFO; \"quoted\"", "groups.student.migriMean", "31,25", "20"])
    expect(back[2]![2]).toBe("0,5")
  })
})

describe("xlsx", () => {
  test("one sheet per table, numbers as numeric cells", async () => {
    const f = join(mkdtempSync(join(tmpdir(), "embassy-sim-xlsx-")), "t.xlsx")
    await writeXlsx(f, [{ name: "summary", columns, rows }, { name: "points", columns: ["point", "slots"], rows: [[0, 56], [1, 72]] }])
    const { default: ExcelJS } = await import("exceljs")
    const wb = new ExcelJS.Workbook()
    const bytes = readFileSync(f)
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(["summary", "points"])
    const cell = wb.getWorksheet("summary")!.getRow(2).getCell(3)
    expect(cell.type).toBe(ExcelJS.ValueType.Number)
    expect(cell.value).toBe(31.25)
    expect(wb.getWorksheet("points")!.getRow(3).getCell(2).value).toBe(72)
  })
})
