import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv-provider.js";
import type { jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/types.js";
import * as z from "zod";
import { type CallContextOptions, createCallContext } from "./call-context.js";
import type { Logger } from "./log.js";
import { runTool } from "./tools/run-tool.js";
import type { ToolDefinition } from "./tools/tool.js";

/** Tools with their advertised JSON Schemas computed once, shared by every server instance. */
export interface ToolCatalog {
  listed: Tool[];
  byName: ReadonlyMap<string, ToolDefinition>;
}

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): Tool["inputSchema"] {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: "throw",
    // RegExp.source escapes "/" as "\/"; advertise the model's patterns exactly as written.
    override: ({ jsonSchema }) => {
      if (typeof jsonSchema.pattern === "string") jsonSchema.pattern = jsonSchema.pattern.replaceAll("\\/", "/");
      // tools/list is read by a model on every turn: leave out what says nothing. zod bounds every
      // integer by the safe-integer range, and an output object's closedness only matters to us.
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return { ...json, type: "object" };
}

/**
 * Builds the catalog: the JSON Schemas come from the zod schemas (zod 4's own converter), so the
 * advertised contract and the validation that runs are the same object; `precomputed` holds the
 * same conversion done at build time.
 */
export function createToolCatalog(
  tools: readonly ToolDefinition[],
  precomputed: Record<string, Pick<Tool, "inputSchema" | "outputSchema">> = {},
): ToolCatalog {
  return {
    listed: tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: precomputed[tool.name]?.inputSchema ?? toJsonSchema(tool.advertisedInputSchema ?? tool.inputSchema, "input"),
      outputSchema: precomputed[tool.name]?.outputSchema ?? (toJsonSchema(tool.outputSchema, "output") as Tool["outputSchema"]),
      annotations: tool.annotations,
    })),
    byName: new Map(tools.map((tool) => [tool.name, tool])),
  };
}

/**
 * One JSON Schema validator for every server of the process, built on first use. The SDK would
 * otherwise build a fresh Ajv in every `Server` constructor, which stateless HTTP does per request;
 * it is only needed to check elicitation answers.
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

/** What one server instance needs. */
export interface ServerDeps {
  catalog: ToolCatalog;
  version: string;
  log: Logger;
  validator: jsonSchemaValidator;
  /** The budget and clock every tool call's context is built with. */
  calls: Pick<CallContextOptions, "budgetMs" | "now" | "sleep" | "setTimer">;
  instructions?: string;
}

/**
 * Creates an MCP server over the SDK's low-level `Server`. We register list/call handlers ourselves
 * rather than use `McpServer.registerTool` so that invalid arguments come back as one actionable
 * result naming every field, and the JSON Schema is not regenerated on every tools/list. No I/O.
 */
export function createServer(deps: ServerDeps): Server {
  const server = new Server(
    { name: "agentcore-runtime-mcp", title: "AgentCore Runtime MCP", version: deps.version },
    {
      capabilities: { tools: { listChanged: false } },
      jsonSchemaValidator: deps.validator,
      ...(deps.instructions ? { instructions: deps.instructions } : {}),
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: deps.catalog.listed }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = deps.catalog.byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `unknown tool: ${request.params.name}`);
    const progressToken = request.params._meta?.progressToken;
    const call = createCallContext({
      requestSignal: extra.signal,
      ...deps.calls,
      confirm: async (message) => {
        if (!server.getClientCapabilities()?.elicitation) return "unsupported";
        const answer = await server.elicitInput(
          {
            message,
            requestedSchema: {
              type: "object",
              properties: { confirm: { type: "boolean", title: "Create it", description: "Check to create this resource in AWS." } },
              required: ["confirm"],
            },
          },
          { signal: extra.signal },
        );
        if (answer.action !== "accept") return answer.action === "decline" ? "declined" : "cancelled";
        return answer.content?.confirm === true ? "accepted" : "declined";
      },
      progress: async (progress, message) => {
        if (progressToken === undefined) return;
        await extra.sendNotification({
          method: "notifications/progress",
          params: { progressToken, progress, ...(message === undefined ? {} : { message }) },
        });
      },
    });
    try {
      return await runTool(tool, request.params.arguments, call);
    } finally {
      call.dispose();
    }
  });
  return server;
}
