#!/usr/bin/env node
// The CLI is TypeScript run directly by Node 24 (type stripping); see package.json "engines".
// With a bundle from `npm run build:cli` that is newer than every source file, the bundle runs
// instead (a faster start: a few files instead of ~400); EMBASSY_SIM_FROM_SOURCE=1 forces the sources.
import { readFileSync } from "node:fs"
import nodeModule from "node:module"
import { fileURLToPath } from "node:url"
import { newestSourceTime } from "./source-time.js"

// cached bytecode for the ~400 source files (or the bundle's chunks) on every start but the first (Node ≥ 22.1)
nodeModule.enableCompileCache?.()
const root = fileURLToPath(new URL("..", import.meta.url))
const fresh = () => {
  try {
    const { srcMtime } = JSON.parse(readFileSync(new URL("../dist-cli/stamp.json", import.meta.url), "utf8"))
    return srcMtime >= newestSourceTime(root)
  } catch {
    return false
  }
}
if (process.env.EMBASSY_SIM_FROM_SOURCE !== "1" && fresh()) await import("../dist-cli/main.js")
else await import("../src/cli/main.ts")
