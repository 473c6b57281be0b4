/**
 * `npm run build:cli [-- --out DIR]`: bundles the CLI into dist-cli/ (or DIR) and stamps it with the
 * newest source time. The folder is self-contained: it runs from wherever it is copied, with Node 24
 * and nothing else —
 *   main.js, worker.js, chunks/   the CLI and the worker thread (scripts/vite.cli.config.ts);
 *   node_modules/piscina/         the pool, copied: it starts its threads from its own files;
 *   report-template.html          web/report.html built once (so `report` needs neither Vite nor web/);
 *   stamp.json                    the newest source time (bin/embassy-sim.js runs the bundle while it is fresh).
 */
import { execFileSync } from "node:child_process"
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { buildReportTemplate } from "../src/cli/report.ts"
import { newestSourceTime } from "../bin/source-time.js"

const root = join(import.meta.dirname, "..")
const at = process.argv.indexOf("--out")
const out = at >= 0 && process.argv[at + 1] !== undefined ? resolve(process.argv[at + 1]!) : join(root, "dist-cli")
const quiet = process.argv.includes("--quiet")

const srcMtime = newestSourceTime(root)
execFileSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--config", join(root, "scripts/vite.cli.config.ts"), "--outDir", out], { cwd: root, stdio: quiet ? "pipe" : "inherit" })
const piscina = join(root, "node_modules/piscina")
const into = join(out, "node_modules/piscina")
mkdirSync(join(into, "dist"), { recursive: true })
for (const f of ["package.json", "LICENSE"]) cpSync(join(piscina, f), join(into, f))
cpSync(join(piscina, "dist"), join(into, "dist"), { recursive: true, filter: (src) => !/\.(map|d\.ts)$/.test(src) })
writeFileSync(join(out, "report-template.html"), await buildReportTemplate())
writeFileSync(join(out, "stamp.json"), JSON.stringify({ srcMtime }) + "\n")
if (!quiet) console.log(`${out} built (${readdirSync(join(out, "chunks")).length} chunks); bin/embassy-sim.js uses dist-cli/ until a source file changes`)
