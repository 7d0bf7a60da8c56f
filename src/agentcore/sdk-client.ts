// Loaded on the first call (control-plane.ts imports it with import()): the official SDK's client and
// the commands the tools send, with the shared transport.
import {
  BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  type CreateAgentRuntimeCommandInput,
  DeleteAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  ListAgentRuntimeVersionsCommand,
  CreateAgentRuntimeEndpointCommand,
  GetAgentRuntimeEndpointCommand,
  UpdateAgentRuntimeEndpointCommand,
  ListAgentRuntimeEndpointsCommand,
  DeleteAgentRuntimeEndpointCommand,
  ListAgentRuntimesCommand,
  UpdateAgentRuntimeCommand,
  type UpdateAgentRuntimeCommandInput,
} from "@aws-sdk/client-bedrock-agentcore-control";
import type { BuildMiddleware, DeserializeMiddleware, MiddlewareStack } from "@smithy/types";
import type { z } from "zod";
import type { CallOutcome } from "../aws/call-failure.js";
import type { AgentCoreClient, AgentCoreClientDeps, CallOptions } from "./agentcore-client.js";
import { isoTimestamp } from "./schema-builders.js";
import { sdkParts } from "./sdk-parts.js";
import { mergeUnknownMembers, restoreDroppedMembers } from "./unknown-members.js";
import {
  CreateAgentRuntimeResponseSchema,
  DeleteAgentRuntimeResponseSchema,
  GetAgentRuntimeResponseSchema,
  ListAgentRuntimeVersionsResponseSchema,
  ListAgentRuntimesResponseSchema,
  UpdateAgentRuntimeResponseSchema,
  CreateAgentRuntimeEndpointResponseSchema,
  GetAgentRuntimeEndpointResponseSchema,
  UpdateAgentRuntimeEndpointResponseSchema,
  ListAgentRuntimeEndpointsResponseSchema,
  DeleteAgentRuntimeEndpointResponseSchema,
  sensitiveValuesOf,
} from "./schemas.js";

/** The regional SDK client and the operations over it. */
export interface SdkControlClient extends AgentCoreClient {
  /** The endpoint the SDK's rules resolve for this client's region and options. */
  endpoint: URL;
}

/**
 * Builds the SDK client of one region: the standard retry mode through the shared strategy, the
 * shared bounded request handler, the SDK's endpoint rules and clock-skew correction. Throws when
 * the endpoint rules refuse the configuration (for example FIPS with a custom endpoint).
 */
export async function createSdkControlClient(deps: AgentCoreClientDeps): Promise<SdkControlClient> {
  const parts = await sdkParts(deps, deps.endpointUrl);
  const client = new BedrockAgentCoreControlClient(parts.config);
  const resolved = client.config.endpointProvider({
    Region: deps.region,
    UseFIPS: deps.useFips,
    UseDualStack: deps.useDualStack,
    ...(deps.endpointUrl === undefined ? {} : { Endpoint: deps.endpointUrl }),
  });
  const endpoint = new URL(resolved.url.href);
  // Only shown (dry runs): a password in an --endpoint-url is the operator's, never a model's to read.
  if (endpoint.password !== "") endpoint.password = "***";

  const send = <T extends { $metadata: object }>(
    name: string,
    run: (abortSignal: AbortSignal) => Promise<T>,
    options: CallOptions,
    sensitive: readonly string[] = [],
  ): Promise<CallOutcome<Omit<T, "$metadata">>> => parts.send(client, name, run, options, sensitive);

  return {
    endpoint,
    async createAgentRuntime(request, options = {}) {
      const outcome = await send(
        "CreateAgentRuntime",
        (abortSignal) => client.send(new CreateAgentRuntimeCommand(request as CreateAgentRuntimeCommandInput), { abortSignal }),
        options,
        sensitiveValuesOf("CreateAgentRuntimeRequest", request),
      );
      return checked(outcome, CreateAgentRuntimeResponseSchema);
    },
    async getAgentRuntime(agentRuntimeId, version, options = {}) {
      // The answer as AWS sent it: members the SDK does not know are put back, never dropped.
      let raw: unknown;
      const outcome = await send(
        "GetAgentRuntime",
        (abortSignal) => {
          const command = new GetAgentRuntimeCommand({
            agentRuntimeId,
            ...(version === undefined ? {} : { agentRuntimeVersion: version }),
          });
          captureJsonBody(command.middlewareStack, (json) => {
            raw = json;
          });
          return client.send(command, { abortSignal });
        },
        options,
      );
      return checked(
        outcome.ok ? { ...outcome, value: restoreDroppedMembers(outcome.value, raw) as object } : outcome,
        GetAgentRuntimeResponseSchema,
      );
    },
    async updateAgentRuntime(request, options = {}) {
      const outcome = await send(
        "UpdateAgentRuntime",
        (abortSignal) => {
          const command = new UpdateAgentRuntimeCommand(request as UpdateAgentRuntimeCommandInput);
          if (options.unknownMembers !== undefined) addToJsonBody(command.middlewareStack, options.unknownMembers);
          return client.send(command, { abortSignal });
        },
        options,
        sensitiveValuesOf("UpdateAgentRuntimeRequest", request),
      );
      return checked(outcome, UpdateAgentRuntimeResponseSchema);
    },
    async listAgentRuntimes(request, options = {}) {
      const outcome = await send(
        "ListAgentRuntimes",
        (abortSignal) => client.send(new ListAgentRuntimesCommand(request), { abortSignal }),
        options,
      );
      return checked(outcome, ListAgentRuntimesResponseSchema);
    },
    async listAgentRuntimeVersions(request, options = {}) {
      const outcome = await send(
        "ListAgentRuntimeVersions",
        (abortSignal) => client.send(new ListAgentRuntimeVersionsCommand(request), { abortSignal }),
        options,
      );
      return checked(outcome, ListAgentRuntimeVersionsResponseSchema);
    },
    async deleteAgentRuntime(request, options = {}) {
      const outcome = await send(
        "DeleteAgentRuntime",
        (abortSignal) => client.send(new DeleteAgentRuntimeCommand(request), { abortSignal }),
        options,
      );
      return checked(outcome, DeleteAgentRuntimeResponseSchema);
    },
    async createAgentRuntimeEndpoint(request, options = {}) {
      const outcome = await send(
        "CreateAgentRuntimeEndpoint",
        (abortSignal) => client.send(new CreateAgentRuntimeEndpointCommand(request), { abortSignal }),
        options,
      );
      return checked(outcome, CreateAgentRuntimeEndpointResponseSchema);
    },
    async getAgentRuntimeEndpoint(request, options = {}) {
      const outcome = await send(
        "GetAgentRuntimeEndpoint",
        (abortSignal) => client.send(new GetAgentRuntimeEndpointCommand(request), { abortSignal }),
        options,
      );
      return checked(outcome, GetAgentRuntimeEndpointResponseSchema);
    },
    async updateAgentRuntimeEndpoint(request, options = {}) {
      const outcome = await send(
        "UpdateAgentRuntimeEndpoint",
        (abortSignal) => client.send(new UpdateAgentRuntimeEndpointCommand(request), { abortSignal }),
        options,
      );
      return checked(outcome, UpdateAgentRuntimeEndpointResponseSchema);
    },
    async listAgentRuntimeEndpoints(request, options = {}) {
      const outcome = await send(
        "ListAgentRuntimeEndpoints",
        (abortSignal) => client.send(new ListAgentRuntimeEndpointsCommand(request), { abortSignal }),
        options,
      );
      return checked(outcome, ListAgentRuntimeEndpointsResponseSchema);
    },
    async deleteAgentRuntimeEndpoint(request, options = {}) {
      const outcome = await send(
        "DeleteAgentRuntimeEndpoint",
        (abortSignal) => client.send(new DeleteAgentRuntimeEndpointCommand(request), { abortSignal }),
        options,
      );
      return checked(outcome, DeleteAgentRuntimeEndpointResponseSchema);
    },
  };
}

async function readBody(body: unknown): Promise<Uint8Array | undefined> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body === null || typeof body !== "object" || !(Symbol.asyncIterator in body)) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>)
    chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Hands the JSON body of each answer to `sink` before the SDK's deserializer reads it (inside it,
 * so every attempt passes by), and gives the deserializer the same bytes.
 */
function captureJsonBody<I extends object, O extends object>(stack: MiddlewareStack<I, O>, sink: (json: unknown) => void): void {
  const middleware: DeserializeMiddleware<I, O> = (next) => async (args) => {
    const result = await next(args);
    const response = result.response as { body?: unknown };
    const bytes = await readBody(response.body);
    if (bytes === undefined) return result;
    response.body = bytes;
    try {
      sink(JSON.parse(Buffer.from(bytes).toString("utf8")));
    } catch {
      // Not JSON: the deserializer reports it as it always does.
    }
    return result;
  };
  stack.addRelativeTo(middleware, { name: "captureJsonBody", relation: "after", toMiddleware: "deserializerMiddleware" });
}

/**
 * Merges `unknown` (members the SDK's serializer cannot write) into the serialized JSON body, after
 * serialization and before signing, so the signature covers the body that is sent.
 */
function addToJsonBody<I extends object, O extends object>(stack: MiddlewareStack<I, O>, unknown: unknown): void {
  const middleware: BuildMiddleware<I, O> = (next) => (args) => {
    const request = args.request as { body?: unknown; headers?: Record<string, string> };
    // The serializer writes JSON as a string or as its bytes, depending on the SDK's version.
    const text =
      typeof request.body === "string"
        ? request.body
        : request.body instanceof Uint8Array
          ? Buffer.from(request.body).toString("utf8")
          : undefined;
    if (text !== undefined) {
      const body = JSON.stringify(mergeUnknownMembers(JSON.parse(text), unknown));
      request.body = body;
      const headers = request.headers ?? {};
      for (const name of Object.keys(headers)) if (name.toLowerCase() === "content-length") headers[name] = String(Buffer.byteLength(body));
    }
    return next(args);
  };
  stack.addRelativeTo(middleware, { name: "addUnknownMembersToBody", relation: "after", toMiddleware: "serializerMiddleware" });
}

/**
 * Timestamps as text at any depth: the SDK parses them into Dates, members the carried model does
 * not know yet included, and results are JSON.
 */
function withIsoDates(value: unknown): unknown {
  if (value instanceof Date) return isoTimestamp(value);
  if (Array.isArray(value)) return value.map(withIsoDates);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, withIsoDates(member)]));
  }
  return value;
}

/**
 * Holds the SDK's output to the response schema the tools read: an answer without the members a
 * tool shows is a MalformedResponse, never a success with holes.
 */
export function checked<T>(outcome: CallOutcome<object>, schema: z.ZodType<T>): CallOutcome<T> {
  if (!outcome.ok) return outcome;
  const parsed = schema.safeParse(withIsoDates(outcome.value));
  if (parsed.success) return { ...outcome, value: parsed.data };
  return {
    ok: false,
    failure: {
      code: "MalformedResponse",
      message: "the service answered success without the documented response members",
      retryable: true,
      attempts: outcome.attempts,
      ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
    },
  };
}
