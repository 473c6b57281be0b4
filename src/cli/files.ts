/**
 * File helpers of the experiment commands: a folder check with a clear message, a line scanner with
 * byte offsets for results.jsonl. Atomic writes are io.ts's writeFileAtomic (shared by every command).
 */
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/** Makes sure `dir` is a writable folder; returns a one-line reason when it is not. */
export const ensureWritableDir = (dir: string): string | undefined => {
  try {
    mkdirSync(dir, { recursive: true })
    if (!statSync(dir).isDirectory()) return "is not a folder"
    const probe = join(dir, `.write-test.${process.pid}`)
    writeFileSync(probe, "")
    renameSync(probe, probe + ".x")
    rmSync(probe + ".x")
    return undefined
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return code === "ENOTDIR" || code === "EEXIST" ? "is not a folder (a file is in the way)" : code === "EACCES" || code === "EPERM" || code === "EROFS" ? "cannot be written (permission denied or read-only): choose another --out" : `cannot be used (${code ?? String(e)})`
  }
}

export interface Line {
  readonly text: string
  readonly offset: number
  readonly length: number
  /** false for a last line without its newline (a write cut short) */
  readonly complete: boolean
}

/** Calls `f` for every line of a file with its byte offset, reading in chunks (memory does not grow with the file). */
export const scanLines = (file: string, f: (line: Line) => void): number => {
  const fd = openSync(file, "r")
  const chunk = Buffer.alloc(4 << 20)
  let carry = Buffer.alloc(0)
  let base = 0, lines = 0
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) break
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n)
      let start = 0
      for (let i = buf.indexOf(10, start); i >= 0; i = buf.indexOf(10, start)) {
        f({ text: buf.toString("utf8", start, i), offset: base + start, length: i - start, complete: true })
        lines++
        start = i + 1
      }
      base += start
      carry = Buffer.from(buf.subarray(start))
    }
    if (carry.length > 0) { f({ text: carry.toString("utf8"), offset: base, length: carry.length, complete: false }); lines++ }
  } finally {
    closeSync(fd)
  }
  return lines
}

/** Reads `length` bytes at `offset` (one line of a results file). */
export const readAt = (fd: number, offset: number, length: number): string => {
  const b = Buffer.alloc(length)
  readSync(fd, b, 0, length, offset)
  return b.toString("utf8")
}
