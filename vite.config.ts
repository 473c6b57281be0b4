import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

// The page ships the holiday data of the bundled scenarios' countries only (web/holidays.ts; other
// countries load on demand): `date-holidays` itself is aliased, `date-holidays/data` is not.
export const holidayAlias = { find: /^date-holidays$/, replacement: fileURLToPath(new URL("./web/holidays.ts", import.meta.url)) }

const SCHEMA = fileURLToPath(new URL("./src/scenario/schema.ts", import.meta.url))
const MODEL = fileURLToPath(new URL("./src/model/", import.meta.url))
const CATEGORIES = fileURLToPath(new URL("./src/scenario/categories.ts", import.meta.url))

/**
 * The simulation worker: the model takes only CATEGORIES from src/scenario/schema.ts (its other imports
 * from there are types), so the worker resolves that import to src/scenario/categories.ts and ships
 * without the Schema code (≈ 12 kB gzip). Should the model import any other value from schema.ts, the
 * build fails with a missing export (never a silent change). The fix at the source: the model imports
 * categories.ts itself.
 */
const workerWithoutSchema = {
  name: "embassy-sim:worker-without-schema",
  enforce: "pre" as const,
  resolveId(source: string, importer: string | undefined) {
    if (importer?.startsWith(MODEL) === true && resolve(dirname(importer), source) === SCHEMA) return CATEGORIES
    return null
  }
}

export default defineConfig({
  root: "web",
  resolve: { alias: [holidayAlias] },
  worker: { format: "es", plugins: () => [workerWithoutSchema] },
  build: { outDir: "../dist/web", emptyOutDir: true, sourcemap: true, target: "es2023" },
  preview: { port: 4173, strictPort: true, host: "127.0.0.1" }
})
