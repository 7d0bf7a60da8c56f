import * as z from "zod";
import { type LogEventLine, runtimeLogGroup } from "../agentcore/logs.js";
import { DEFAULT_ENDPOINT } from "./endpoint-steps.js";
import { FilterLogEventsRequestMembers, InvokeAgentRuntimeRequestMembers } from "../agentcore/schemas.js";
import { QUALIFIER_OPTION, REGION_OPTION, TARGET_OPTION } from "./options.js";
import { RESULT_SHAPE, localFailure } from "./response.js";
import { defineTool } from "./tool.js";

/** Text of the events returned at most: enough to read a stack trace, small enough for a model's context. */
export const MAX_LOG_TEXT_BYTES = 32 * 1024;
/** Events returned at most (and the default). */
const MAX_EVENTS = 200;
const DEFAULT_EVENTS = 50;
const DEFAULT_SINCE_MINUTES = 60;
/** Pages read at most, a bound on time and requests when a filter matches little. */
const MAX_PAGES = 5;

/** The tool's input. */
export const GetAgentRuntimeLogsInputSchema = z.strictObject({
  ...TARGET_OPTION,
  endpointName: QUALIFIER_OPTION.qualifier.describe("Endpoint invoked; default DEFAULT."),
  // An ISO time is checked when read (Date.parse): zod's date-time pattern alone would be half this tool's listing.
  since: z
    .union([z.number().int().min(1).max(20_160), z.string()])
    .optional()
    .describe(`Minutes ago or ISO time; default ${DEFAULT_SINCE_MINUTES}.`),
  ...FilterLogEventsRequestMembers,
  runtimeSessionId: InvokeAgentRuntimeRequestMembers.runtimeSessionId.describe("Only this session."),
  maxEvents: z.number().int().min(1).max(MAX_EVENTS).optional().describe(`Default ${DEFAULT_EVENTS}.`),
  ...REGION_OPTION,
});

/** The tool's structured result. */
export const GetAgentRuntimeLogsOutputSchema = z.object({
  ...RESULT_SHAPE,
  logGroupName: z.string().optional().describe("Log group."),
  events: z.array(z.string()).optional().describe("Oldest first: ISO time, line."),
  more: z.boolean().optional().describe("More match."),
});

/** The read-only `get_agent_runtime_logs` tool. */
export const getAgentRuntimeLogs = defineTool({
  name: "get_agent_runtime_logs",
  title: "Get runtime logs",
  description: `Reads a runtime's log events (CloudWatch Logs), oldest first, at most maxEvents and ${MAX_LOG_TEXT_BYTES / 1024} KiB; says when more exist. Read-only.`,
  group: "read",
  kind: "read",
  operation: "logs",
  input: GetAgentRuntimeLogsInputSchema,
  output: GetAgentRuntimeLogsOutputSchema,
  async run(args, tool) {
    const endpointName = args.endpointName ?? DEFAULT_ENDPOINT;
    tool.response.noteFacts({
      endpoint: endpointName,
      ...(args.runtimeSessionId === undefined ? {} : { runtimeSessionId: args.runtimeSessionId }),
    });
    const since = args.since ?? DEFAULT_SINCE_MINUTES;
    const startTime = typeof since === "number" ? tool.call.now() - since * 60_000 : Date.parse(since);
    if (Number.isNaN(startTime) || startTime > tool.call.now()) {
      tool.fail(
        localFailure(
          "InvalidArguments",
          "since must be minutes ago (1-20160) or a past ISO-8601 time such as 2026-01-01T12:00:00Z; nothing was sent",
        ),
      );
    }
    const target = await tool.target(args.agentRuntimeId, args.region);
    const logGroupName = runtimeLogGroup(target.agentRuntimeId, endpointName);
    const regional = await tool.connect(target.region);
    const logs = await regional.logs();
    const maxEvents = args.maxEvents ?? DEFAULT_EVENTS;
    // A session's events are the ones that name it; CloudWatch quotes terms with characters outside words.
    const filterPattern = [args.filterPattern, args.runtimeSessionId === undefined ? undefined : `"${args.runtimeSessionId}"`]
      .filter((part) => part !== undefined)
      .join(" ");
    const events: LogEventLine[] = [];
    let bytes = 0;
    let more = false;
    let nextToken: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const page = await tool.send(
        logs.filterLogEvents(
          {
            logGroupName,
            startTime,
            limit: maxEvents - events.length + 1,
            ...(filterPattern === "" ? {} : { filterPattern }),
            ...(nextToken === undefined ? {} : { nextToken }),
          },
          { signal: tool.call.signal },
        ),
        { logGroupName },
      );
      for (const event of page.events) {
        const size = Buffer.byteLength(event.message, "utf8");
        if (events.length === maxEvents || bytes + size > MAX_LOG_TEXT_BYTES) {
          more = true;
          break;
        }
        events.push(event);
        bytes += size;
      }
      nextToken = page.nextToken;
      if (more || nextToken === undefined) break;
    }
    if (nextToken !== undefined) more = true;
    const shown = events.map((event) => `${new Date(event.timestamp).toISOString()} ${event.message}`);
    const nextStep = more
      ? "More events match: narrow with filterPattern or runtimeSessionId, or move since forward past the last timestamp shown."
      : events.length === 0
        ? "Nothing logged in this window: invoke the agent (invoke_agent_runtime), widen since, or check endpointName."
        : undefined;
    return tool.response.success(
      [`${events.length} event${events.length === 1 ? "" : "s"} from ${logGroupName}${more ? " (more exist)" : ""}:`, ...shown, nextStep],
      { logGroupName, events: shown, more, ...(nextStep === undefined ? {} : { nextStep }) } satisfies z.infer<
        typeof GetAgentRuntimeLogsOutputSchema
      >,
    );
  },
});
