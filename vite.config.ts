import { defineConfig } from "vite"

export default defineConfig({
  root: "web",
  worker: { format: "es" },
  build: { outDir: "../dist/web", emptyOutDir: true, sourcemap: true },
  preview: { port: 4173, strictPort: true, host: "127.0.0.1" }
})
