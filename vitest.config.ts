import { defineConfig } from "vitest/config";

// The load tests of the reliability suite keep both cores of a CI machine busy for half a minute;
// they run last, after every other file, so that no timing of another test depends on them.
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
    globalSetup: ["test/reliability/summary.ts"],
    projects: [
      { test: { ...common, name: "tests", include: ["test/**/*.test.ts"], exclude: LOAD_TESTS, sequence: { groupOrder: 0 } } },
      { test: { ...common, name: "load", include: LOAD_TESTS, sequence: { groupOrder: 1 } } },
    ],
  },
});
