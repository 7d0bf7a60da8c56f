import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // The SDK's NodeVersionSupportWarning would print once per worker on Node 20; the README's Node
    // support policy says it, and the bin prints its own one-line notice (tested on its own).
    env: { AWS_EC2_METADATA_DISABLED: "true", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    globalSetup: ["test/reliability/summary.ts"],
  },
});
