import type { EndpointRequest } from "./endpoints.js";
import { MAX_BODY_DEPTH, nestsTooDeep } from "./nesting.js";
import { errorResponse, jsonResponse, validationErrorResponse } from "./errors.js";
import type { WireResponse } from "./errors.js";
import { bindInput, hasBodyMembers } from "./http-binding.js";
import { validateRequest } from "./model-validator.js";
import { isRecord } from "./records.js";
import type { RouteMatch } from "./routing.js";
import type { RuntimeStore, StoreOutcome } from "./state.js";

function optionalText(input: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = input[key];
  return typeof value === "string" ? value : undefined;
}

function optionalInteger(input: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = input[key];
  return typeof value === "number" ? value : undefined;
}

// Only called for members the validator has already required to be strings.
function requiredText(input: Readonly<Record<string, unknown>>, key: string): string {
  const value = optionalText(input, key);
  if (value === undefined) throw new Error(`${key} passed validation without being a string`);
  return value;
}

function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function endpointRequest(input: Readonly<Record<string, unknown>>, nameMember: string): EndpointRequest {
  return {
    name: requiredText(input, nameMember),
    agentRuntimeVersion: optionalText(input, "agentRuntimeVersion"),
    description: optionalText(input, "description"),
    clientToken: optionalText(input, "clientToken"),
  };
}

function dispatch(name: string, input: Readonly<Record<string, unknown>>, store: RuntimeStore, now: number): StoreOutcome {
  switch (name) {
    case "CreateAgentRuntime":
      return store.create(
        { ...input, agentRuntimeName: requiredText(input, "agentRuntimeName"), clientToken: optionalText(input, "clientToken") },
        now,
      );
    case "GetAgentRuntime":
      return store.get(requiredText(input, "agentRuntimeId"), optionalText(input, "agentRuntimeVersion"), now);
    case "UpdateAgentRuntime":
      return store.update(
        { ...input, agentRuntimeId: requiredText(input, "agentRuntimeId"), clientToken: optionalText(input, "clientToken") },
        now,
      );
    case "ListAgentRuntimes":
      return store.list(optionalInteger(input, "maxResults"), optionalText(input, "nextToken"), now);
    case "ListAgentRuntimeVersions":
      return store.listVersions(
        requiredText(input, "agentRuntimeId"),
        optionalInteger(input, "maxResults"),
        optionalText(input, "nextToken"),
        now,
      );
    case "CreateAgentRuntimeEndpoint":
      return store.createEndpoint(requiredText(input, "agentRuntimeId"), endpointRequest(input, "name"), now);
    case "GetAgentRuntimeEndpoint":
      return store.getEndpoint(requiredText(input, "agentRuntimeId"), requiredText(input, "endpointName"), now);
    case "UpdateAgentRuntimeEndpoint":
      return store.updateEndpoint(requiredText(input, "agentRuntimeId"), endpointRequest(input, "endpointName"), now);
    case "ListAgentRuntimeEndpoints":
      return store.listEndpoints(
        requiredText(input, "agentRuntimeId"),
        optionalInteger(input, "maxResults"),
        optionalText(input, "nextToken"),
        now,
      );
    case "DeleteAgentRuntimeEndpoint":
      return store.deleteEndpoint(
        requiredText(input, "agentRuntimeId"),
        requiredText(input, "endpointName"),
        optionalText(input, "clientToken"),
        now,
      );
    case "DeleteAgentRuntime":
      return store.delete(
        requiredText(input, "agentRuntimeId"),
        optionalText(input, "agentRuntimeVersion"),
        optionalText(input, "clientToken"),
        now,
      );
    default:
      throw new Error(`The emulator has no handler for ${name}`);
  }
}

/**
 * Runs one authenticated API request: parses the body (a parse failure is a ValidationException
 * with reason CannotParse and never quotes the body), binds and validates the input against the
 * model, and answers with the operation's modelled status and output or error.
 */
export function executeOperation(match: RouteMatch, query: URLSearchParams, body: Buffer, store: RuntimeStore, now: number): WireResponse {
  const { operation } = match;
  let bodyMembers: Record<string, unknown> = {};
  if (hasBodyMembers(operation) && body.length > 0) {
    const parsed = parseJsonObject(body);
    if (parsed !== undefined && nestsTooDeep(parsed)) {
      return errorResponse("ValidationException", `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`, {
        members: { reason: "CannotParse" },
      });
    }
    if (parsed === undefined) {
      return errorResponse("ValidationException", "The request body could not be parsed as a JSON object.", {
        members: { reason: "CannotParse" },
      });
    }
    bodyMembers = parsed;
  }
  const input = bindInput(operation, match.labels, query, bodyMembers);
  const issues = validateRequest(operation.input.shape, input);
  if (issues.length > 0) return validationErrorResponse(issues);
  const outcome = dispatch(operation.name, input, store, now);
  return "error" in outcome
    ? errorResponse(
        outcome.error.type,
        outcome.error.message,
        outcome.error.members === undefined ? {} : { members: outcome.error.members },
      )
    : jsonResponse(operation.http.responseCode ?? 200, outcome.output);
}
