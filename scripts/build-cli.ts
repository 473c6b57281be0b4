/** `npm run build:cli`: bundles the CLI into dist-cli/ and stamps it with the newest source time. */
import { execFileSync } from "node:child_process"
import { readdirSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")
const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0)
const srcMtime = Math.max(newest(join(root, "src")), statSync(join(root, "package.json")).mtimeMs)
execFileSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--config", join(root, "scripts/vite.cli.config.ts")], { cwd: root, stdio: "inherit" })
writeFileSync(join(root, "dist-cli/stamp.json"), JSON.stringify({ srcMtime }) + "\n")
console.log("dist-cli/ built; bin/embassy-sim.js uses it until a source file changes")
