import * as z from "zod";
import { REGION_NAME, REGION_NAME_RULE } from "../config.js";

/**
 * Per-call region override, the only connection setting a tool argument may change (credentials
 * and endpoints never are); checked as the start-up region is (config.ts, REGION_NAME).
 */
export const RegionArgumentSchema = z
  .string()
  .regex(REGION_NAME, { error: REGION_NAME_RULE })
  .describe("AWS region for this call only, e.g. eu-west-1; omit to use the server's configured region.");

/** Text that stands in for a sensitive value in anything shown back. */
export const REDACTED = "[redacted]";

/** Account id of an ARN (the fifth field), when it has one. */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * A tool option that waits up to this many seconds, capped by the server's --max-wait-seconds: the
 * cap is named in the message, with the way to wait longer.
 */
export function waitSecondsArgument(maxWaitSeconds: number, description: string) {
  const message = `must be a whole number of seconds from 0 to ${maxWaitSeconds} (this server's --max-wait-seconds); to wait longer, call get_agent_runtime again afterwards`;
  return z.number({ error: message }).int({ error: message }).min(0, { error: message }).max(maxWaitSeconds, { error: message }).optional().describe(description);
}
