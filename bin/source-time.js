// The newest modification time of what the bundle in dist-cli/ is built from (the CLI's sources,
// the report page's sources, package.json and the build configs): shared by scripts/build-cli.ts,
// which stamps the bundle with it, and bin/embassy-sim.js, which runs the bundle only while no
// source is newer than its stamp.
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"

const newest = (path) => {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), st.mtimeMs)
}

export const SOURCES = ["src", "web", "package.json", "vite.config.ts", "scripts/vite.cli.config.ts"]

/** @param {string} root the project folder @returns {number} milliseconds since the epoch */
export const newestSourceTime = (root) => Math.max(0, ...SOURCES.map((p) => join(root, p)).filter(existsSync).map(newest))
