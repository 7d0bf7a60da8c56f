import * as z from "zod";
import { StopRuntimeSessionRequestMembers } from "../agentcore/schemas.js";
import { QUALIFIER_OPTION, REGION_OPTION, TARGET_OPTION } from "./options.js";
import { runtimeArnFor } from "./endpoint-steps.js";
import { RESULT_SHAPE } from "./response.js";
import { defineTool } from "./tool.js";

/** The tool's input. */
export const StopRuntimeSessionInputSchema = z.strictObject({
  ...TARGET_OPTION,
  ...StopRuntimeSessionRequestMembers,
  ...QUALIFIER_OPTION,
  ...REGION_OPTION,
});

/** The tool's structured result. */
export const StopRuntimeSessionOutputSchema = z.object({
  ...RESULT_SHAPE,
  runtimeSessionId: z.string().optional().describe("Session ended."),
  qualifier: z.string().optional().describe("Endpoint."),
  stopped: z.boolean().optional().describe("Ended."),
});

/** The `stop_runtime_session` tool: ends a runtime session, which stops its compute (and billing). */
export const stopRuntimeSession = defineTool({
  name: "stop_runtime_session",
  title: "Stop runtime session",
  description: "Ends a runtime session and its billing. Sessions also end after the runtime's idle timeout.",
  group: "invoke",
  kind: "change",
  operation: "stopSession",
  input: StopRuntimeSessionInputSchema,
  output: StopRuntimeSessionOutputSchema,
  async run(args, tool) {
    const qualifier = args.qualifier ?? "DEFAULT";
    const known = { qualifier, runtimeSessionId: args.runtimeSessionId };
    tool.response.noteFacts({ endpoint: qualifier, runtimeSessionId: args.runtimeSessionId });
    // The data plane's own idempotency key: one per call, so a retry of this call stops the session once.
    const clientToken = tool.clientToken(undefined);
    const { arn, region } = await runtimeArnFor(tool, args.agentRuntimeId, args.region);
    const regional = await tool.connect(region);
    const dataPlane = await regional.dataPlane();
    const where = { agentRuntimeArn: arn, qualifier, runtimeSessionId: args.runtimeSessionId };
    await tool.send(dataPlane.stopRuntimeSession({ ...where, clientToken }, { signal: tool.call.signal }), known);
    tool.deps.invocations.mcp.forget(where);
    return tool.response.success(
      [`Stopped session ${args.runtimeSessionId} of ${arn} (endpoint ${qualifier}).`, `clientToken: ${clientToken}`],
      {
        ...known,
        stopped: true,
        nextStep: "Invoke without runtimeSessionId (or with a new one) to start another session.",
      } satisfies z.infer<typeof StopRuntimeSessionOutputSchema>,
    );
  },
});
