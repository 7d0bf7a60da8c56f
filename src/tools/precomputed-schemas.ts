import type { Tool } from "@modelcontextprotocol/server";

/** JSON Schemas of the tools, computed ahead of time for one configuration. */
export interface PrecomputedSchemas {
  /** The only setting the schemas depend on (the cap of waitForReadySeconds). */
  maxWaitSeconds: number;
  tools: Record<string, Pick<Tool, "inputSchema" | "outputSchema">>;
}

/**
 * Filled in by the bundler (scripts/bundle.mjs) with the schemas the unbundled build computes for
 * the default configuration, so the shipped bin skips zod's JSON Schema conversion at start-up;
 * left undefined in the unbundled build, which converts at start-up. An end-to-end test holds the
 * two equal.
 */
export const PRECOMPUTED_SCHEMAS: PrecomputedSchemas | undefined = undefined;
