// Tool options: arguments that steer a tool and are never sent to AWS as such (a region, a dry
// run, a wait, the pre-flight checks, a runtime named by id, ARN or name). Every API member comes
// from the generated schemas instead; these are the only argument schemas written here.
import * as z from "zod";
import { CreateAgentRuntimeEndpointRequestSchema } from "../agentcore/schemas.js";
import { REGION_NAME, REGION_NAME_RULE } from "../config.js";
import { PREFLIGHT_CHECK_IDS } from "../preflight/schemas.js";

/**
 * Per-call region override, the only connection setting a tool argument may change (credentials
 * and endpoints never are); checked as the start-up region is (config.ts, REGION_NAME).
 */
export const RegionOptionSchema = z
  .string()
  .regex(REGION_NAME, { error: REGION_NAME_RULE })
  .describe("AWS region for this call only (e.g. eu-west-1); default: the server's.");

/** The region option as every tool takes it. */
export const REGION_OPTION = { region: RegionOptionSchema.optional() };

/** A dry run: what it shows, in the tool's own words. */
export function dryRunOption(description: string) {
  return z.boolean().optional().describe(`Tool option: ${description}`);
}

/**
 * A tool option that waits up to this many seconds, capped by the server's --max-wait-seconds: the
 * cap is named in the message, with the way to wait longer.
 */
export function waitOption(maxWaitSeconds: number, description: string) {
  const message = `must be a whole number of seconds from 0 to ${maxWaitSeconds} (this server's --max-wait-seconds); to wait longer, call get_agent_runtime again afterwards`;
  return z
    .number({ error: message })
    .int({ error: message })
    .min(0, { error: message })
    .max(maxWaitSeconds, { error: message })
    .optional()
    .describe(`Tool option: ${description}`);
}

/** Tool arguments that steer the pre-flight checks. */
export const PREFLIGHT_OPTIONS = {
  preflight: z
    .boolean()
    .optional()
    .describe(
      "Tool option: run the pre-flight checks (role, image, code archive, VPC, JWT) before sending; default true. dryRun runs them too.",
    ),
  ignoreChecks: z
    .array(z.enum(PREFLIGHT_CHECK_IDS))
    .max(PREFLIGHT_CHECK_IDS.length)
    .optional()
    .describe('Tool option: failed checks to go ahead despite, by id (e.g. ["image-architecture"]).'),
};

/**
 * A runtime as a caller names it: id, ARN or exact name (a name costs one look-up). Looser than
 * the model's AgentRuntimeId on purpose: it is parsed (lookup.ts) before anything is sent, and a
 * name or ARN is the usual mistake; the bound only keeps a call small.
 */
export const RuntimeRefSchema = z
  .string()
  .min(1)
  .max(2048)
  .describe("The runtime: id (my_agent-AbCdE12345), ARN (sets the region) or exact name.");

/** The target option of the tools that act on one runtime, under the API's own member name. */
export const TARGET_OPTION = { agentRuntimeId: RuntimeRefSchema };

/** Account id of an ARN (the fifth field), when it has one. */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/** The endpoint a data-plane call goes through, under the data plane's own member name. */
export const QUALIFIER_OPTION = {
  qualifier: CreateAgentRuntimeEndpointRequestSchema.shape.name.optional().describe("Endpoint; default DEFAULT."),
};
