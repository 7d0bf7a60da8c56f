import { defineConfig } from "vitest/config";

// The load tests of the reliability suite keep both cores of a CI machine busy for half a minute;
// they run last, after every other file, so that no timing of another test depends on them.
const LOAD_TESTS = ["test/reliability/load.test.ts"];

const common = {
  environment: "node",
  testTimeout: 20_000,
  hookTimeout: 20_000,
  pool: "forks",
  env: { AWS_EC2_METADATA_DISABLED: "true" },
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
