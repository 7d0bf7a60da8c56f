import * as z from "zod";

/**
 * Per-call region override, the only connection setting a tool argument may change (credentials
 * and endpoints never are). It becomes part of a host name, so only the shape of AWS region names
 * (partition prefix, words, a number: us-east-1, us-gov-west-1, eusc-de-east-1) passes; a zone
 * such as us-east-1a would otherwise be sent and fail as a signature or DNS error far from its cause.
 */
export const RegionArgumentSchema = z
  .string()
  .regex(/^[a-z]{2,4}(?:-[a-z]+)+-[0-9]{1,2}$/, {
    error: "must be an AWS region name such as us-east-1 or eu-west-1 (a region, not an availability zone like us-east-1a)",
  })
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
