import type { CreateAgentRuntimeRequest } from "../agentcore/schemas.js";
import { REDACTED } from "./arguments.js";

/** A request body with the members the model marks sensitive replaced by a placeholder. */
export function redactedBody(request: Partial<Pick<CreateAgentRuntimeRequest, "description" | "environmentVariables">> & Record<string, unknown>): Record<string, unknown> {
  return {
    ...request,
    ...(request.description === undefined ? {} : { description: REDACTED }),
    ...(request.environmentVariables === undefined
      ? {}
      : { environmentVariables: Object.fromEntries(Object.keys(request.environmentVariables).map((key) => [key, REDACTED])) }),
  };
}

