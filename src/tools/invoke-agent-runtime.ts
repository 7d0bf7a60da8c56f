import * as z from "zod";
import type { InvokeOptions, InvokeReply } from "../agentcore/data-plane.js";
import { InvokeAgentRuntimeRequestMembers } from "../agentcore/schemas.js";
import { QUALIFIER_OPTION, REGION_OPTION, TARGET_OPTION } from "./options.js";
import { RESULT_SHAPE, localFailure } from "./response.js";
import { runtimeArnFor } from "./endpoint-steps.js";
import { defineTool } from "./tool.js";

/** The largest payload sent: AWS takes up to 100 MB, but a tool call's arguments travel through the model's context. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** The most of a reply kept: more would flood the model's context; the rest is not read. */
export const MAX_REPLY_BYTES = 256 * 1024;
/** Characters of one streamed event shown in its progress notification. */
const PROGRESS_EVENT_CHARS = 1000;
/** Pause before the one retry of an agent that was still starting. */
const INITIALIZATION_RETRY_MS = 2000;

/** The tool's input. */
export const InvokeAgentRuntimeInputSchema = z.strictObject({
  ...TARGET_OPTION,
  ...QUALIFIER_OPTION,
  ...InvokeAgentRuntimeRequestMembers,
  payload: z
    .unknown()
    .optional()
    .describe(`Any JSON value or a string, at most ${MAX_PAYLOAD_BYTES / 1024} KiB.`),
  mcp: z
    .strictObject({
      method: z.string().min(1).describe("e.g. tools/list, tools/call."),
      params: z.record(z.string(), z.unknown()).optional().describe("e.g. {name, arguments}."),
    })
    .optional()
    .describe("One MCP request (session opened for you)."),
  stream: z.boolean().optional().describe("Ask for SSE (relayed as progress)."),
  ...REGION_OPTION,
});

/** The tool's structured result. */
export const InvokeAgentRuntimeOutputSchema = z.object({
  ...RESULT_SHAPE,
  qualifier: z.string().optional().describe("Endpoint."),
  runtimeSessionId: z.string().optional().describe("Session; pass to continue."),
  statusCode: z.number().int().optional().describe("HTTP status."),
  contentType: z.string().optional().describe("Content type."),
  traceId: z.string().optional().describe("Trace id."),
  mcpSessionId: z.string().optional().describe("MCP session."),
  response: z.unknown().optional().describe("Reply as JSON (mcp: result)."),
  text: z.string().optional().describe("Reply as text."),
  events: z.array(z.unknown()).optional().describe("SSE events' data."),
  truncated: z
    .boolean()
    .optional()
    .describe(`Cut at ${MAX_REPLY_BYTES / 1024} KiB.`),
});

type Output = z.infer<typeof InvokeAgentRuntimeOutputSchema>;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The payload's bytes: a string as is, any other JSON value as JSON. */
function payloadBytes(payload: unknown): Uint8Array {
  return new TextEncoder().encode(typeof payload === "string" ? payload : JSON.stringify(payload));
}

/** The `invoke_agent_runtime` tool: one invocation of a runtime's endpoint, in a session. */
export const invokeAgentRuntime = defineTool({
  name: "invoke_agent_runtime",
  title: "Invoke runtime",
  description: [
    "Sends one request to a deployed agent and returns its reply. payload for HTTP/A2A/AGUI agents; mcp for MCP agents.",
    "runtimeSessionId continues a session (omit to start one). On failure, get_agent_runtime_logs.",
  ].join(" "),
  group: "invoke",
  kind: "change",
  // Each invocation runs the agent again: repeating one is a second invocation.
  idempotent: false,
  operation: "invoke",
  input: InvokeAgentRuntimeInputSchema,
  output: InvokeAgentRuntimeOutputSchema,
  async run(args, tool) {
    const qualifier = args.qualifier ?? "DEFAULT";
    const runtimeSessionId = args.runtimeSessionId ?? tool.deps.newClientToken();
    const known = { qualifier, runtimeSessionId };
    tool.response.noteFacts({ endpoint: qualifier, runtimeSessionId });
    if ((args.payload === undefined) === (args.mcp === undefined)) {
      tool.fail(
        localFailure("InvalidPayload", "pass exactly one of payload (HTTP, A2A, AGUI agents) or mcp (MCP agents); nothing was sent"),
        known,
      );
    }
    const payload = args.mcp === undefined ? payloadBytes(args.payload) : undefined;
    if ((payload?.length ?? JSON.stringify(args.mcp).length) > MAX_PAYLOAD_BYTES) {
      tool.fail(
        localFailure(
          "PayloadTooLarge",
          `the payload is ${payload?.length ?? 0} bytes; this server sends at most ${MAX_PAYLOAD_BYTES} bytes (1 MiB) per invocation, nothing was sent`,
        ),
        known,
      );
    }
    const { arn, region } = await runtimeArnFor(tool, args.agentRuntimeId, args.region);
    const regional = await tool.connect(region);
    const dataPlane = await regional.dataPlane();
    let events = 0;
    const options: InvokeOptions = {
      signal: tool.call.signal,
      maxBytes: MAX_REPLY_BYTES,
      onEvent: (data) => {
        events += 1;
        const shown = data.length > PROGRESS_EVENT_CHARS ? `${data.slice(0, PROGRESS_EVENT_CHARS)}…` : data;
        return tool.call.progress(events, shown);
      },
    };
    const target = { agentRuntimeArn: arn, qualifier, runtimeSessionId };
    const send = async (): Promise<{ reply: InvokeReply; message?: unknown; mcpProtocolVersion?: string }> => {
      if (args.mcp !== undefined) {
        const answer = await tool.send(tool.deps.invocations.mcp.request(dataPlane, target, args.mcp, options), known);
        return { reply: answer.reply, message: answer.message, mcpProtocolVersion: answer.session.protocolVersion };
      }
      const request = {
        ...target,
        payload: payload ?? new Uint8Array(),
        contentType: typeof args.payload === "string" ? "text/plain" : "application/json",
        accept: args.stream === true ? "text/event-stream" : "application/json",
      };
      let outcome = await dataPlane.invoke(request, options);
      // An agent still starting up answers this once; a second try usually finds it ready.
      if (
        !outcome.ok &&
        /initiali[sz]ation time exceeded/i.test(outcome.failure.message) &&
        tool.call.remainingMs() > INITIALIZATION_RETRY_MS * 2
      ) {
        await tool.call.sleep(INITIALIZATION_RETRY_MS).catch(() => undefined);
        outcome = await dataPlane.invoke(request, options);
      }
      return { reply: await tool.send(outcome, known) };
    };
    const { reply, message, mcpProtocolVersion } = await send();
    const parsed = reply.events.length > 0 ? undefined : reply.body.trim() === "" ? undefined : parseJson(reply.body);
    const rpcError =
      typeof message === "object" && message !== null && "error" in message ? (message as { error: unknown }).error : undefined;
    const structured: Output = {
      ...known,
      statusCode: reply.statusCode,
      contentType: reply.contentType,
      runtimeSessionId: reply.runtimeSessionId ?? runtimeSessionId,
      ...(reply.traceId === undefined ? {} : { traceId: reply.traceId }),
      ...(args.mcp === undefined || reply.mcpSessionId === undefined ? {} : { mcpSessionId: reply.mcpSessionId }),
      ...(args.mcp !== undefined && message !== undefined
        ? { response: rpcError === undefined ? (message as { result?: unknown }).result : message }
        : parsed?.ok === true
          ? { response: parsed.value }
          : reply.events.length > 0
            ? {}
            : { text: reply.body }),
      ...(reply.events.length > 0
        ? {
            events: reply.events.map((event) => {
              const json = parseJson(event);
              return json.ok ? json.value : event;
            }),
          }
        : {}),
      ...(reply.truncated ? { truncated: true } : {}),
    };
    if (rpcError !== undefined) {
      tool.fail(
        localFailure("JsonRpcError", `the agent answered ${args.mcp?.method ?? ""} with a JSON-RPC error: ${JSON.stringify(rpcError)}`),
        structured,
      );
    }
    const shown =
      reply.events.length > 0
        ? `${reply.events.length} streamed event(s)`
        : reply.body.length > 2000
          ? `${reply.body.slice(0, 2000)}…`
          : reply.body;
    const nextStep = `Continue the session with runtimeSessionId "${structured.runtimeSessionId ?? runtimeSessionId}"; stop_runtime_session ends it.`;
    return tool.response.success(
      [
        `Invoked ${arn} (endpoint ${qualifier}): HTTP ${reply.statusCode}, ${reply.contentType}${reply.truncated ? `, cut at ${MAX_REPLY_BYTES / 1024} KiB` : ""}.`,
        `runtimeSessionId: ${structured.runtimeSessionId ?? runtimeSessionId}`,
        structured.mcpSessionId === undefined ? undefined : `mcpSessionId: ${structured.mcpSessionId} (MCP ${mcpProtocolVersion ?? "?"})`,
        `Reply: ${shown}`,
        nextStep,
      ],
      { ...structured, nextStep } satisfies Output,
    );
  },
});
