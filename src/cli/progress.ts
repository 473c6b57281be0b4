/**
 * Progress on stderr: a bar (cli-progress) when stderr is a terminal — done / total, rate, time left —
 * and otherwise one plain line a minute (for batch logs), plus a last line at the end.
 */
import cliProgress from "cli-progress"

export interface Progress {
  update(done: number): void
  stop(): void
}

export const makeProgress = (label: string, total: number, already = 0): Progress => {
  const t0 = Date.now()
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream: process.stderr, format: `${label} [{bar}] {value}/{total} units · {rate}/s · {eta_formatted} left`,
      etaBuffer: 50, hideCursor: true, clearOnComplete: false, fps: 5
    }, cliProgress.Presets.shades_classic)
    bar.start(total, already, { rate: "–" })
    return {
      update: (done) => bar.update(done, { rate: ((done - already) / Math.max(1e-3, (Date.now() - t0) / 1000)).toFixed(1) }),
      stop: () => bar.stop()
    }
  }
  let last = t0, current = already
  return {
    update: (done) => {
      current = done
      const now = Date.now()
      if (now - last >= 60_000) {
        last = now
        const rate = (done - already) / ((now - t0) / 1000)
        const left = rate > 0 ? Math.round((total - done) / rate) : NaN
        process.stderr.write(`${new Date(now).toISOString()} ${label}: ${done}/${total} units, ${rate.toFixed(2)}/s, about ${Number.isNaN(left) ? "?" : left} s left\n`)
      }
    },
    stop: () => { process.stderr.write(`${label}: ${current}/${total} units in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`) }
  }
}
