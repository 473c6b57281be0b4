/**
 * The CLI bundled for a fast start (`npm run build:cli` → dist-cli/): one ES module per entry (the
 * command and the worker thread), dependencies inlined, heavy parts (exceljs, the pool, the
 * commands' bodies) in chunks loaded only when used. bin/embassy-sim.js runs the bundle when it is
 * newer than every source file, and the .ts sources otherwise.
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
  // piscina starts its worker threads from its own files (__dirname): it stays in node_modules, as exceljs (loaded lazily)
  ssr: { noExternal: true, external: ["piscina", "exceljs"], target: "node" }
})
