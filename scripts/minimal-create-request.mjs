// The .mjs side of test/fixtures/minimal-create-request.json (the tests import the JSON itself):
// the benches and the CI scripts send the same minimal create request as the tests.
import { readFileSync } from "node:fs";

/** The minimal valid CreateAgentRuntime request. */
export const MINIMAL_REQUEST = Object.freeze(
  JSON.parse(readFileSync(new URL("../test/fixtures/minimal-create-request.json", import.meta.url), "utf8")),
);
