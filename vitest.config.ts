import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    env: { AWS_EC2_METADATA_DISABLED: "true" },
    globalSetup: ["test/reliability/summary.ts"],
  },
});
