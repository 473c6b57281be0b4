/**
 * The CLI bundled for a fast start (`npm run build:cli` → dist-cli/, see scripts/build-cli.ts): one
 * ES module per entry (the command and the worker thread), dependencies inlined, heavy parts
 * (exceljs, the pool, the commands' bodies) in chunks loaded only when used. bin/embassy-sim.js runs
 * the bundle when it is newer than every source file, and the .ts sources otherwise.
 *
 * Left out of the bundle: piscina (it starts its worker threads from its own files: build-cli.ts
 * copies it into dist-cli/node_modules/) and Vite with its plugin (`report` from the sources builds
 * web/report.html with them; the bundle carries that page prebuilt instead).
 */
import { defineConfig } from "vite"

export default defineConfig({
  logLevel: "warn",
  build: {
    ssr: true, outDir: "dist-cli", emptyOutDir: true, minify: true, target: "node24", sourcemap: false,
    rollupOptions: {
      input: { main: "./src/cli/main.ts", worker: "./src/experiment/node/worker.ts" },
      output: { format: "es", entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" }
    }
  },
  ssr: { noExternal: true, external: ["piscina", "vite", "vite-plugin-singlefile"], target: "node" }
})
