import * as z from "zod";

/**
 * Per-call region override. It becomes part of a host name, so it must be a single DNS label; the
 * only connection setting a tool argument may change (credentials and endpoints never are).
 */
export const RegionArgumentSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
  .describe("AWS region for this call only, e.g. eu-west-1; omit to use the server's configured region.");

/** Text that stands in for a sensitive value in anything shown back. */
export const REDACTED = "[redacted]";

/** Account id of an ARN (the fifth field), when it has one. */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}
