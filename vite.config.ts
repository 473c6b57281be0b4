import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

// The page ships the holiday data of the bundled scenarios' countries only (web/holidays.ts; other
// countries load on demand): `date-holidays` itself is aliased, `date-holidays/data` is not.
export const holidayAlias = { find: /^date-holidays$/, replacement: fileURLToPath(new URL("./web/holidays.ts", import.meta.url)) }

export default defineConfig({
  root: "web",
  resolve: { alias: [holidayAlias] },
  worker: { format: "es" },
  build: { outDir: "../dist/web", emptyOutDir: true, sourcemap: true, target: "es2023" },
  preview: { port: 4173, strictPort: true, host: "127.0.0.1" }
})
