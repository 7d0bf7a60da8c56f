import * as z from "zod";
import { ListAgentRuntimeVersionsRequestSchema } from "../agentcore/schemas.js";
import { REGION_OPTION, TARGET_OPTION } from "./options.js";
import { RESULT_SHAPE } from "./response.js";
import { NextTokenResultSchema, RuntimeSummarySchema, counted, summaryLine, summaryOf } from "./summaries.js";
import { defineTool } from "./tool.js";

/** The tool's input: which runtime (id, ARN or name), the API's paging members and the region. */
export const ListAgentRuntimeVersionsInputSchema = ListAgentRuntimeVersionsRequestSchema.extend({ ...TARGET_OPTION, ...REGION_OPTION });

/** The tool's structured result. */
export const ListAgentRuntimeVersionsOutputSchema = z.object({
  ...RESULT_SHAPE,
  versions: z.array(RuntimeSummarySchema).optional().describe("The versions of this page, newest first."),
  nextToken: NextTokenResultSchema,
});

/** The read-only `list_agent_runtime_versions` tool. */
export const listAgentRuntimeVersions = defineTool({
  name: "list_agent_runtime_versions",
  title: "List AgentCore Runtime versions",
  description:
    "Lists the versions of one AgentCore Runtime (ListAgentRuntimeVersions): every update of the runtime makes a new version. Accepts the runtime's id, ARN or exact name. Read-only.",
  group: "read",
  kind: "read",
  operation: "listVersions",
  input: ListAgentRuntimeVersionsInputSchema,
  output: ListAgentRuntimeVersionsOutputSchema,
  async run(args, tool) {
    const { agentRuntimeId: _reference, region: _region, ...paging } = args;
    const target = await tool.target(args.agentRuntimeId, args.region);
    const page = await tool.send(
      target.client.listAgentRuntimeVersions({ ...paging, agentRuntimeId: target.agentRuntimeId }, { signal: tool.call.signal }),
    );
    const versions = page.agentRuntimes.map(summaryOf);
    const latest = versions[0];
    if (latest) tool.call.remember({ agentRuntimeArn: latest.agentRuntimeArn, agentRuntimeName: latest.agentRuntimeName });
    const nextStep =
      page.nextToken === undefined
        ? "Pass agentRuntimeVersion to get_agent_runtime to read one version's configuration."
        : "More versions exist: call list_agent_runtime_versions again with this nextToken.";
    return tool.response.success(
      [
        `${counted(versions.length, "version")} of ${target.agentRuntimeId} in ${target.region}:`,
        ...versions.map(summaryLine),
        page.nextToken === undefined ? undefined : `nextToken: ${page.nextToken}`,
        nextStep,
      ],
      { versions, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }), nextStep } satisfies z.infer<
        typeof ListAgentRuntimeVersionsOutputSchema
      >,
    );
  },
});
