import * as z from "zod";
import { ListAgentRuntimesRequestSchema } from "../agentcore/schemas.js";
import { MAX_LOOKUP_PAGES } from "./lookup.js";
import { REGION_OPTION } from "./options.js";
import { RESULT_SHAPE } from "./response.js";
import { NextTokenResultSchema, RuntimeSummarySchema, counted, summaryLine, summaryOf } from "./summaries.js";
import { defineTool } from "./tool.js";

/** Runtimes a page when the call does not say. */
const DEFAULT_PAGE_SIZE = 20;

/** The tool's input: the API's paging members plus a name filter and the region. */
export const ListAgentRuntimesInputSchema = ListAgentRuntimesRequestSchema.extend({
  maxResults: ListAgentRuntimesRequestSchema.shape.maxResults.describe(`Runtimes per page, 1-100 (default ${DEFAULT_PAGE_SIZE}).`),
  nextToken: ListAgentRuntimesRequestSchema.shape.nextToken.describe(
    "Where to go on: the nextToken an earlier call of this tool returned.",
  ),
  // A tool option, not a model member; longer than a name (48 characters by the model's pattern) it matches nothing.
  nameContains: z
    .string()
    .min(1)
    .max(48)
    .optional()
    .describe(
      `Tool option: keep only runtimes whose name contains this text (case-insensitive); reads up to ${MAX_LOOKUP_PAGES} pages to fill one.`,
    ),
  ...REGION_OPTION,
});

/** The tool's structured result. */
export const ListAgentRuntimesOutputSchema = z.object({
  ...RESULT_SHAPE,
  agentRuntimes: z.array(RuntimeSummarySchema).optional().describe("The runtimes of this page."),
  nextToken: NextTokenResultSchema,
  pagesRead: z.number().int().optional().describe("ListAgentRuntimes pages read for this result."),
});

type ListOutput = z.infer<typeof ListAgentRuntimesOutputSchema>;

/** The read-only `list_agent_runtimes` tool. */
export const listAgentRuntimes = defineTool({
  name: "list_agent_runtimes",
  title: "List AgentCore Runtimes",
  description:
    "Lists the AgentCore Runtimes of the account in one region (ListAgentRuntimes), a page at a time: name, id, ARN, status, latest version and last change. Pass nextToken from the result for the next page; nameContains filters by name. Read-only.",
  group: "read",
  kind: "read",
  operation: "list",
  input: ListAgentRuntimesInputSchema,
  output: ListAgentRuntimesOutputSchema,
  async run(args, tool) {
    if (args.region !== undefined) tool.call.remember({ region: args.region });
    const { client, region } = await tool.connect(args.region);
    const filter = args.nameContains?.toLowerCase();
    const pageSize = args.maxResults ?? DEFAULT_PAGE_SIZE;
    const found: NonNullable<ListOutput["agentRuntimes"]> = [];
    let nextToken = args.nextToken;
    let pagesRead = 0;
    // Without a filter one page is the answer; with one, read on until the page is full or the bound is reached.
    do {
      const page = await tool.send(
        client.listAgentRuntimes(
          { maxResults: filter === undefined ? pageSize : 100, ...(nextToken === undefined ? {} : { nextToken }) },
          { signal: tool.call.signal },
        ),
      );
      pagesRead += 1;
      nextToken = page.nextToken;
      for (const runtime of page.agentRuntimes) {
        if (filter === undefined || runtime.agentRuntimeName.toLowerCase().includes(filter)) found.push(summaryOf(runtime));
      }
    } while (filter !== undefined && nextToken !== undefined && found.length < pageSize && pagesRead < MAX_LOOKUP_PAGES);

    const nextStep =
      nextToken === undefined
        ? found.length === 0
          ? "No runtimes here: create one with create_agent_runtime, or pass another region."
          : "Pass an agentRuntimeId to get_agent_runtime for its details, or to list_agent_runtime_versions for its versions."
        : "More runtimes exist: call list_agent_runtimes again with this nextToken.";
    return tool.response.success(
      [
        `${counted(found.length, "runtime")} in ${region}${filter === undefined ? "" : ` with "${args.nameContains ?? ""}" in the name`} (${counted(pagesRead, "page")} read):`,
        ...found.map(summaryLine),
        nextToken === undefined ? undefined : `nextToken: ${nextToken}`,
        nextStep,
      ],
      { agentRuntimes: found, pagesRead, ...(nextToken === undefined ? {} : { nextToken }), nextStep } satisfies ListOutput,
    );
  },
});
