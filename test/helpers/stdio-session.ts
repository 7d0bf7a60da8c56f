import { fileURLToPath } from "node:url";

/** Path of the built bin; the e2e tests run what users run. */
export const BIN = fileURLToPath(new URL("../../dist/agentcore-runtime-mcp.mjs", import.meta.url));

/** Environment for a spawned server: test keys only, no metadata service, nothing inherited. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: "/nonexistent", AWS_EC2_METADATA_DISABLED: "true", ...extra };
}
