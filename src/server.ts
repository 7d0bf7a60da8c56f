import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import {
  type CacheHint,
  type CallToolResult,
  type InputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  Server,
  type ServerContext,
  type Tool,
  type jsonSchemaValidator,
} from "@modelcontextprotocol/server";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/server/validators/ajv";
import * as z from "zod";
import { type CallContextOptions, createCallContext } from "./call-context.js";
import { type Confirmations, ConfirmationRequired, approvedArguments, declaredClientCapabilities } from "./confirmation.js";
import type { Logger } from "./log.js";
import { type ResultFraming, frameResult } from "./result-framing.js";
import type { ToolDefinition } from "./tools/index.js";

/** Tools with their advertised JSON Schemas computed once, shared by every server instance. */
export interface ToolCatalog {
  listed: Tool[];
  byName: ReadonlyMap<string, ToolDefinition>;
}

function isEmptySchema(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function isStringSchema(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 1 && (value as { type?: unknown }).type === "string";
}

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): Tool["inputSchema"] {
  const json = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "throw",
    // RegExp.source escapes "/" as "\/"; advertise the model's patterns exactly as written.
    override: ({ jsonSchema }) => {
      if (typeof jsonSchema.pattern === "string") jsonSchema.pattern = jsonSchema.pattern.replaceAll("\\/", "/");
      // tools/list is read by a model on every turn: leave out what says nothing. zod bounds every
      // integer by the safe-integer range, and an output object's closedness only matters to us.
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      // An open map or object: `additionalProperties: {}` (and string property names, which JSON
      // has anyway) is what an absent keyword means already, and strict checkers such as the MCP
      // Inspector's warn on it.
      if (isEmptySchema(jsonSchema.additionalProperties)) {
        delete jsonSchema.additionalProperties;
        if (isStringSchema(jsonSchema.propertyNames)) delete jsonSchema.propertyNames;
      }
    },
  }) as Record<string, unknown>;
  // zod names the dialect ($schema: draft 2020-12, MCP 2026-07-28's default). Input schemas keep
  // it for clients that check before they validate arguments; output schemas, in the same dialect,
  // leave it out to keep tools/list within its size budget.
  if (io === "output") delete json.$schema;
  return { ...json, type: "object" };
}

/** A copy of the schema with every `description` passed through `mentions`. */
function rewriteDescriptions<T>(schema: T, mentions: (text: string) => string): T {
  if (Array.isArray(schema)) return schema.map((item: unknown) => rewriteDescriptions(item, mentions)) as T;
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === "description" && typeof value === "string" ? mentions(value) : rewriteDescriptions(value, mentions),
    ]),
  ) as T;
}

/**
 * Builds the catalog: the JSON Schemas come from the zod schemas (zod 4's own converter), so the
 * advertised contract and the validation that runs are the same object; `precomputed` holds the
 * same conversion done at build time.
 */
export function createToolCatalog(
  tools: readonly ToolDefinition[],
  precomputed: Record<string, Pick<Tool, "inputSchema" | "outputSchema">> = {},
  /** Rewrites descriptions that name tools left out of this catalog: the tool's, and (briefly) its schema's. */
  mentions?: { full: (text: string) => string; brief: (text: string) => string },
): ToolCatalog {
  const described = <T>(schema: T): T => (mentions === undefined ? schema : rewriteDescriptions(schema, mentions.brief));
  return {
    listed: tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: mentions === undefined ? tool.description : mentions.full(tool.description),
      inputSchema: described(precomputed[tool.name]?.inputSchema ?? toJsonSchema(tool.advertisedInputSchema ?? tool.inputSchema, "input")),
      outputSchema: precomputed[tool.name]?.outputSchema ?? (toJsonSchema(tool.outputSchema, "output") as Tool["outputSchema"]),
      annotations: tool.annotations,
    })),
    byName: new Map(tools.map((tool) => [tool.name, tool])),
  };
}

/**
 * One JSON Schema validator for every server of the process, built on first use. The SDK would
 * otherwise build a fresh Ajv in every `Server` constructor, which HTTP does per request.
 */
export function createLazyJsonSchemaValidator(): jsonSchemaValidator {
  let ajv: AjvJsonSchemaValidator | undefined;
  return {
    getValidator: (schema) => {
      ajv ??= new AjvJsonSchemaValidator();
      return ajv.getValidator(schema);
    },
  };
}

/**
 * How long a 2026-07-28 client may reuse `tools/list` and `server/discover`: the catalog is fixed
 * for the life of the process and the same for every caller (it depends on flags, not on who asks).
 */
const LIST_CACHE_HINT: CacheHint = { ttlMs: 300_000, cacheScope: "public" };
const CACHED_LISTS = ["tools/list", "prompts/list", "resources/list", "resources/templates/list", "server/discover"] as const;

/** What one server instance needs. */
export interface ServerDeps {
  catalog: ToolCatalog;
  version: string;
  log: Logger;
  validator: jsonSchemaValidator;
  /** Signs and checks the approval state of `--confirm`; shared by every server of the process. */
  confirmations: Confirmations;
  /** The budget and clock every tool call's context is built with. */
  calls: Pick<CallContextOptions, "budgetMs" | "now" | "sleep" | "setTimer">;
  /** What the server says about itself in initialize and discovery: mode, region, tools, sandbox names. */
  instructions?: string;
  /** The sandbox marker and the tool mentions every result gets; none when absent. */
  framing?: ResultFraming;
  /** The answer to a call of a catalog tool this server leaves out (how the operator offers it); undefined for any other name. */
  notOffered?: (name: string) => { message: string; nextStep: string } | undefined;
}

/**
 * Creates an MCP server over the SDK's low-level `Server`; the SDK's serving entries (stdio and
 * HTTP) decide which protocol era it speaks. We register list/call handlers ourselves rather than
 * use `McpServer.registerTool` so that invalid arguments come back as one actionable result naming
 * every field, and the JSON Schema is not regenerated on every tools/list. No I/O.
 */
export function createServer(deps: ServerDeps): Server {
  // The SDK steers authors to McpServer; the low-level Server is its documented choice when the
  // server owns dispatch and validation, as here.
  const server = new Server(
    { name: "agentcore-runtime-mcp", title: "AgentCore Runtime MCP", version: deps.version },
    {
      // Empty prompt and resource lists, declared so that 2026-07-28 clients can cache "there are
      // none" like any other list, instead of probing with calls that fail.
      capabilities: { tools: { listChanged: false }, prompts: { listChanged: false }, resources: { listChanged: false } },
      jsonSchemaValidator: deps.validator,
      cacheHints: Object.fromEntries(CACHED_LISTS.map((method) => [method, LIST_CACHE_HINT])),
      requestState: { verify: deps.confirmations.verify },
      ...(deps.instructions ? { instructions: deps.instructions } : {}),
    },
  );
  const outputSchemas = new Map(deps.catalog.listed.map((tool) => [tool.name, tool.outputSchema]));
  server.setRequestHandler("tools/list", () => ({ tools: deps.catalog.listed }));
  server.setRequestHandler("prompts/list", () => ({ prompts: [] }));
  server.setRequestHandler("resources/list", () => ({ resources: [] }));
  server.setRequestHandler("resources/templates/list", () => ({ resourceTemplates: [] }));
  server.setRequestHandler("resources/read", (request) => {
    throw new ResourceNotFoundError(request.params.uri);
  });
  server.setRequestHandler("tools/call", async (request, ctx): Promise<CallToolResult | InputRequiredResult> => {
    const { name, arguments: args } = request.params;
    const tool = deps.catalog.byName.get(name);
    const frame = (result: CallToolResult): CallToolResult => (deps.framing === undefined ? result : frameResult(result, deps.framing));
    if (!tool) {
      const refusal = deps.notOffered?.(name);
      if (refusal === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `unknown tool: ${name}`);
      // It names the tool the client asked for, on purpose: only the sandbox marker is added.
      const refused: CallToolResult = {
        content: [{ type: "text", text: `NotOffered: ${refusal.message}. ${refusal.nextStep}` }],
        structuredContent: {
          nextStep: refusal.nextStep,
          error: { code: "NotOffered", message: refusal.message, retryable: false, attempts: 0 },
        },
        isError: true,
      };
      return deps.framing === undefined ? refused : frameResult(refused, { ...deps.framing, mentions: (text) => text });
    }
    const result = await callTool(server, deps, tool, args, ctx);
    if ("resultType" in result && result.resultType === "input_required") return result;
    return server.projectCallToolResult(frame(result as CallToolResult), outputSchemas.get(name));
  });
  return server;
}

/**
 * How long a result waits after the call's last progress notification. The official clients (v1
 * and v2) take a response at once but a notification a microtask later, so a notification that
 * reaches them in the same read as the response is dropped as "unknown token"
 * (modelcontextprotocol/typescript-sdk#2580): over stdio that was the last streamed event in one
 * call of two. A few milliseconds apart they arrive in separate reads. Real time on purpose: it is
 * about the wire, not the call's budget.
 */
const PROGRESS_SETTLE_MS = 5;

async function callTool(
  server: Server,
  deps: ServerDeps,
  tool: ToolDefinition,
  args: unknown,
  ctx: ServerContext,
): Promise<CallToolResult | InputRequiredResult> {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  let lastProgressAt: number | undefined;
  const call = createCallContext({
    requestSignal: ctx.mcpReq.signal,
    ...deps.calls,
    confirm: deps.confirmations.confirmFor(tool.name, args, ctx, declaredClientCapabilities(ctx, server.getClientCapabilities())),
    progress: async (progress, message) => {
      if (progressToken === undefined) return;
      await ctx.mcpReq.notify({
        method: "notifications/progress",
        params: { progressToken, progress, ...(message === undefined ? {} : { message }) },
      });
      lastProgressAt = performance.now();
    },
  });
  try {
    // A retry that carries an approval runs with the clientToken the approval was minted with.
    const result = await tool.handler(approvedArguments(args, ctx), call);
    const sinceProgress = lastProgressAt === undefined ? Infinity : performance.now() - lastProgressAt;
    if (sinceProgress < PROGRESS_SETTLE_MS) await delay(PROGRESS_SETTLE_MS - sinceProgress);
    return result;
  } catch (error) {
    // Nothing was changed yet: the tool asks before it acts, and runs again from the top on the retry.
    if (error instanceof ConfirmationRequired) return deps.confirmations.ask(tool.name, args, error, ctx);
    throw error;
  } finally {
    call.dispose();
  }
}
