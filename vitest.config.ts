import { defineConfig } from "vitest/config";

// Four levels, one project each (docs/testing.md):
//   unit         pure: no socket, no process (test/helpers/unit-guard.ts makes either throw)
//   integration  in-process: a real MCP client ↔ the server, the emulator on a loopback socket, boto3
//   e2e          the built bin over stdio and HTTP, the npm package
//   reliability  load, fuzz, signals, abuse: minutes of both cores; CI (.ci/run) runs it, `npm test` does not
const LEVELS = {
  unit: ["test/unit/**/*.test.ts"],
  integration: [
    "test/integration/**/*.test.ts",
    "test/emulator/**/*.test.ts",
    "test/http/**/*.test.ts",
    "test/preflight/**/*.test.ts",
    "test/oracle/**/*.test.ts",
  ],
  e2e: ["test/e2e/**/*.test.ts", "test/install/**/*.test.ts"],
  reliability: ["test/reliability/**/*.test.ts"],
} as const;

// The load test keeps both cores busy for half a minute: it runs after every other reliability file,
// so that no timing of another test depends on it.
const LOAD_TESTS = ["test/reliability/load.test.ts"];

const common = {
  environment: "node",
  testTimeout: 20_000,
  hookTimeout: 20_000,
  pool: "forks",
  // The SDK's NodeVersionSupportWarning would print once per worker on Node 20; the README's Node
  // support policy says it, and the bin prints its own one-line notice (tested on its own).
  env: { AWS_EC2_METADATA_DISABLED: "true", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
} as const;

export default defineConfig({
  test: {
    // Here rather than in the projects: each project would print the table of figures again.
    globalSetup: ["test/helpers/reliability-summary.ts"],
    projects: [
      { test: { ...common, name: "unit", include: [...LEVELS.unit], setupFiles: ["test/helpers/unit-guard.ts"] } },
      { test: { ...common, name: "integration", include: [...LEVELS.integration] } },
      { test: { ...common, name: "e2e", include: [...LEVELS.e2e] } },
      { test: { ...common, name: "reliability", include: [...LEVELS.reliability], exclude: LOAD_TESTS, sequence: { groupOrder: 1 } } },
      { test: { ...common, name: "load", include: LOAD_TESTS, sequence: { groupOrder: 2 } } },
    ],
  },
});
