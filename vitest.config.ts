import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // the JSON report feeds .ci/run's closing line `N passed, N failed`
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]]
  }
})
