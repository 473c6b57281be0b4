#!/usr/bin/env node
// The CLI is TypeScript run directly by Node 24 (type stripping); see package.json "engines".
// With a bundle from `npm run build:cli` that is newer than every source file, the bundle runs
// instead (a faster start: one file instead of ~400); EMBASSY_SIM_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"

const root = new URL("..", import.meta.url)
const stamp = new URL("dist-cli/stamp.json", root)
const newest = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(new URL(e.name + "/", dir)) : statSync(new URL(e.name, dir)).mtimeMs), 0)
const fresh = () => {
  try {
    const { srcMtime } = JSON.parse(readFileSync(stamp, "utf8"))
    return srcMtime >= Math.max(newest(new URL("src/", root)), statSync(new URL("package.json", root)).mtimeMs)
  } catch {
    return false
  }
}
if (process.env.EMBASSY_SIM_FROM_SOURCE !== "1" && existsSync(stamp) && fresh()) await import("../dist-cli/main.js")
else await import("../src/cli/main.ts")
