import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: the local servers are shared by all test files, started once per run.
    maxWorkers: 2,
    // Metric lines (CloudWatch EMF) and info logs are for AWS; tests keep the output readable.
    env: { POWERTOOLS_METRICS_DISABLED: "true", POWERTOOLS_LOG_LEVEL: "WARN" },
  },
});
