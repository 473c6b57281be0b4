/**
 * Files, signals and diagnostics for every embassy-sim command (run, and the later sweep, capacity,
 * report …). Node-only; commands call these instead of node:fs / process directly.
 *
 * Reading input
 *   readTextFile(path, { maxBytes = MAX_INPUT_BYTES }): string | Problem
 *       Reads a REGULAR file only (never a device such as /dev/zero, a FIFO or a folder), at most
 *       maxBytes, as UTF-8. Fails with one Problem (path, message) instead of throwing. A leading
 *       BOM is kept here and removed by parseJsonText (src/scenario/resolve.ts).
 *
 * Writing output (never a half-written file, never a surprise)
 *   checkOutTarget(path, { force }): Problem | undefined
 *       Call BEFORE the run: the folder must exist and be writable, the path must not be a folder,
 *       and an existing file is refused unless --force (the rule of every command: files are never
 *       replaced silently; with --force the command says on stderr that it replaced the file).
 *   writeFileAtomic(path, text | bytes): { replaced: boolean }
 *       Writes a temporary file in the same folder, fsyncs it and renames it over `path`: a reader
 *       (or a kill at any moment) sees the previous file or the new one, never a mix. Throws only on
 *       I/O errors the pre-check could not foresee (disk full); the temporary file is removed then.
 *
 * Stopping (SIGINT = Ctrl-C, SIGTERM = `timeout`, `kill`)
 *   const stop = installStopController()
 *       stop.requested(): "SIGINT" | "SIGTERM" | undefined  (check it at each replication boundary)
 *       stop.dispose()                                       (restore the default handlers)
 *   exitCodeForSignal(sig): 130 | 143
 *   yieldToSignals(): Promise<void>  (await it between replications: lets a pending signal be seen)
 *   The first signal asks the command to stop after the current replication; it then reports what is
 *   done, marked partial, and exits 130 / 143. A second signal (more than a second later: `npm run`
 *   forwards the first Ctrl-C once more) exits at once; output files are safe anyway, they are only
 *   ever renamed into place.
 *
 * Diagnostics (stderr only; stdout carries results and nothing else)
 *   diag(line)                  one line on stderr
 *   internalError(e, verbose)   "embassy-sim: internal error: <message>" + where to report it; the
 *                               stack trace only with --verbose
 *   progressReporter(label, { intervalMs = 10_000, clock }): (done, total) => void
 *       on a terminal a "\r" line per replication; off a terminal (CI, `> log`) one line every
 *       intervalMs, so that a long run or pack shows it is alive. The runs of a pack share one
 *       progressClock(), so the pack as a whole prints every intervalMs.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, accessSync, constants } from "node:fs"
import { basename, dirname, join, resolve } from "node:path"
import { NO_VALUE, type Problem } from "../scenario/decode.ts"

/** Largest scenario or pack file read: the bundled scenarios are ~20 kB. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024

const problem = (path: string, message: string): Problem => ({ path, found: NO_VALUE, message })

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code

export const readTextFile = (path: string, options: { maxBytes?: number } = {}): string | Problem => {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES
  let fd: number | undefined
  try {
    // stat first: opening a FIFO would block until a writer comes
    const st = statSync(path)
    if (st.isDirectory()) return problem(path, "is a folder, not a scenario file")
    if (!st.isFile()) return problem(path, "is not a regular file (a device, pipe or socket); give the path of a .json file")
    if (st.size > maxBytes) return problem(path, `is ${st.size.toLocaleString("en-GB")} bytes; a scenario file may have at most ${maxBytes.toLocaleString("en-GB")}`)
    fd = openSync(path, "r")
    const st2 = fstatSync(fd)
    if (!st2.isFile()) return problem(path, "is not a regular file")
    const buf = Buffer.alloc(Math.min(maxBytes, st2.size) + 1)
    let n = 0
    for (;;) {
      const k = readSync(fd, buf, n, buf.length - n, null)
      if (k === 0) break
      n += k
      if (n >= buf.length) return problem(path, `grew beyond ${maxBytes.toLocaleString("en-GB")} bytes while being read`)
    }
    return buf.subarray(0, n).toString("utf8")
  } catch (e) {
    const code = codeOf(e)
    return problem(path, code === "ENOENT" ? "file not found (check the path)" : code === "EACCES" || code === "EPERM" ? "cannot be read (permission denied)" : code === "EISDIR" ? "is a folder, not a scenario file" : `cannot be read (${code ?? String(e)})`)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

export const checkOutTarget = (path: string, options: { force: boolean; flag?: string }): Problem | undefined => {
  const flag = options.flag ?? "--out"
  const abs = resolve(path)
  const dir = dirname(abs)
  let dst: ReturnType<typeof statSync> | undefined
  try {
    const d = statSync(dir)
    if (!d.isDirectory()) return { path: flag, found: path, message: `${dir} is not a folder` }
  } catch {
    return { path: flag, found: path, message: `the folder ${dir} does not exist; create it first` }
  }
  try { accessSync(dir, constants.W_OK) } catch { return { path: flag, found: path, message: `the folder ${dir} is not writable` } }
  try { dst = statSync(abs) } catch { dst = undefined }
  if (dst !== undefined && dst.isDirectory()) return { path: flag, found: path, message: "is a folder; give a file name such as results.json" }
  if (dst !== undefined && !dst.isFile()) return { path: flag, found: path, message: "is not a regular file" }
  if (dst !== undefined && !options.force) return { path: flag, found: path, message: "exists; add --force to replace it, or choose another name" }
  return undefined
}

let tmpCounter = 0

export const writeFileAtomic = (path: string, text: string | Uint8Array): { replaced: boolean } => {
  const abs = resolve(path)
  let replaced = false
  try { replaced = statSync(abs).isFile() } catch { replaced = false }
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${++tmpCounter}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(tmp, "wx", 0o644)
    const buf = typeof text === "string" ? Buffer.from(text, "utf8") : text
    let off = 0
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(tmp, abs)
  } catch (e) {
    if (fd !== undefined) try { closeSync(fd) } catch { /* already failing */ }
    try { unlinkSync(tmp) } catch { /* never created */ }
    throw e
  }
  return { replaced }
}

export type StopSignal = "SIGINT" | "SIGTERM"
export const exitCodeForSignal = (sig: StopSignal): number => (sig === "SIGINT" ? 130 : 143)

export interface StopController {
  readonly requested: () => StopSignal | undefined
  readonly dispose: () => void
}

export const installStopController = (onFirst: (sig: StopSignal) => void = (sig) => diag(`embassy-sim: ${sig} received: stopping after the current replication (send it again to stop at once)`)): StopController => {
  let got: StopSignal | undefined, at = 0
  const handler = (sig: StopSignal) => {
    // a repeat within a second is the same Ctrl-C, forwarded by `npm run` to its child
    if (got !== undefined) { if (Date.now() - at > 1000) process.exit(exitCodeForSignal(sig)); return }
    got = sig
    at = Date.now()
    onFirst(sig)
  }
  const onInt = () => handler("SIGINT"), onTerm = () => handler("SIGTERM")
  process.on("SIGINT", onInt)
  process.on("SIGTERM", onTerm)
  return {
    requested: () => got,
    dispose: () => { process.off("SIGINT", onInt); process.off("SIGTERM", onTerm) }
  }
}

/** Lets the event loop deliver a pending signal (the replications themselves are synchronous). */
export const yieldToSignals = (): Promise<void> => new Promise((r) => setImmediate(r))

export const diag = (line: string): void => { process.stderr.write(line.endsWith("\n") ? line : line + "\n") }

export const REPORT_TO = "the embassy-sim issue tracker (with the command line and the scenario file)"

export const internalError = (e: unknown, verbose: boolean): void => {
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
  diag(`embassy-sim: internal error: ${msg.replace(/\s+/g, " ").slice(0, 300)}; please report it in ${REPORT_TO}${verbose ? "" : " (add --verbose for the trace)"}`)
  if (verbose && e instanceof Error && e.stack !== undefined) diag(e.stack)
}

/** When the last progress line was printed; share one between the runs of a pack so that it, too, speaks every ~10 s. */
export interface ProgressClock { last: number }
export const progressClock = (now: () => number = Date.now): ProgressClock => ({ last: now() })

export const progressReporter = (label: string, options: { intervalMs?: number; now?: () => number; clock?: ProgressClock; tty?: boolean } = {}): ((done: number, total: number) => void) => {
  const interval = options.intervalMs ?? 10_000
  const now = options.now ?? Date.now
  const t0 = now()
  const clock = options.clock ?? { last: t0 }
  const tty = options.tty ?? process.stderr.isTTY === true
  return (done, total) => {
    if (tty) { process.stderr.write(`\r${label}: replication ${done}/${total}${done === total ? "\n" : ""}`); return }
    const t = now()
    if (t - clock.last >= interval) {
      clock.last = t
      const eta = ((t - t0) / done) * (total - done)
      diag(`${label}: replication ${done}/${total}${done < total ? `, about ${formatDuration(eta)} left` : ", done"}`)
    }
  }
}

export const formatDuration = (ms: number): string =>
  ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms < 90_000 ? `${Math.round(ms / 1000)} s` : ms < 5_400_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`
