import { redactSensitive } from "../agentcore/schemas.js";

/** A request body of `shape` with every member the model marks sensitive replaced by a placeholder. */
export function redactedBody(
  shape: "CreateAgentRuntimeRequest" | "UpdateAgentRuntimeRequest",
  body: Record<string, unknown>,
): Record<string, unknown> {
  const redacted = redactSensitive(shape, body);
  return redacted !== null && typeof redacted === "object" && !Array.isArray(redacted) ? (redacted as Record<string, unknown>) : {};
}
