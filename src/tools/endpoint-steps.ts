// What the endpoint and data-plane tools share: the endpoint as results show it, the wait for an
// endpoint to settle, the refusal to touch DEFAULT, and the ARN a data-plane call needs.
import * as z from "zod";
import type { GetAgentRuntimeEndpointResponse } from "../agentcore/schemas.js";
import { localFailure } from "./response.js";
import type { RuntimeTarget, ToolCall, Waited } from "./steps.js";

/** The endpoint every runtime has: it follows the newest version and goes with the runtime. */
export const DEFAULT_ENDPOINT = "DEFAULT";

/** ARNs remembered for runtimes named by id or name. */
const MAX_REMEMBERED_ARNS = 256;

/** One endpoint in a result. */
export const EndpointSummarySchema = z.object({
  name: z.string().describe("Endpoint name."),
  status: z.string().describe("Status."),
  liveVersion: z.string().optional().describe("Version served."),
  targetVersion: z.string().optional().describe("Target version."),
});

/** An endpoint as the service describes it (Get, List, Update answers share these members). */
type EndpointAnswer = Partial<Pick<GetAgentRuntimeEndpointResponse, "liveVersion" | "targetVersion">> & {
  status: string;
};

/** An endpoint as results show it. */
export function endpointOf(name: string, answer: EndpointAnswer): z.infer<typeof EndpointSummarySchema> {
  return {
    name,
    status: answer.status,
    ...(answer.liveVersion === undefined ? {} : { liveVersion: answer.liveVersion }),
    ...(answer.targetVersion === undefined ? {} : { targetVersion: answer.targetVersion }),
  };
}

/** One line an endpoint, for the text of a result. */
export function endpointLine(endpoint: z.infer<typeof EndpointSummarySchema>): string {
  const serving = endpoint.liveVersion === undefined ? "serves nothing yet" : `serves v${endpoint.liveVersion}`;
  const moving =
    endpoint.targetVersion !== undefined && endpoint.targetVersion !== endpoint.liveVersion ? ` → v${endpoint.targetVersion}` : "";
  return `- ${endpoint.name} · ${endpoint.status} · ${serving}${moving}`;
}

/** DEFAULT is the service's: refused before anything is sent, saying why. */
export function refuseDefault(tool: ToolCall, name: string, action: "re-pointed" | "deleted"): void {
  if (name !== DEFAULT_ENDPOINT) return;
  tool.fail(
    localFailure(
      "DefaultEndpoint",
      action === "deleted"
        ? "the DEFAULT endpoint cannot be deleted: it goes with the runtime; nothing was sent"
        : "the DEFAULT endpoint cannot be re-pointed: it always serves the newest version; nothing was sent",
    ),
    { endpointName: name },
  );
}

/** Waits, with progress, until the endpoint is READY (or *_FAILED, which stops the tool). */
export async function waitForEndpoint(
  tool: ToolCall,
  target: RuntimeTarget,
  endpointName: string,
  seconds: number,
  initialStatus: string,
): Promise<{ waited: Waited; endpoint?: z.infer<typeof EndpointSummarySchema>; nextStep?: string }> {
  let last: z.infer<typeof EndpointSummarySchema> | undefined;
  const request = { agentRuntimeId: target.agentRuntimeId, endpointName };
  const report = await tool.wait({
    seconds,
    target,
    label: `${target.agentRuntimeId} endpoint ${endpointName}`,
    initialStatus,
    goal: "READY",
    ended: (status) => `endpoint ${endpointName} of ${target.agentRuntimeId} ended in ${status}`,
    accepted: "The change was accepted",
    extra: { endpointName },
    poll: {
      read: async (signal) => {
        const read = await target.client.getAgentRuntimeEndpoint(request, { signal });
        if (read.ok) last = endpointOf(endpointName, read.value);
        return read;
      },
      check: `call get_agent_runtime_endpoint with agentRuntimeId ${target.agentRuntimeId} and endpointName ${endpointName}`,
    },
  });
  return {
    waited: report.waited,
    ...(last === undefined ? {} : { endpoint: last }),
    ...(report.nextStep === undefined ? {} : { nextStep: report.nextStep }),
  };
}

/**
 * The ARN a data-plane call needs: the reference itself when it is an ARN (nothing is read); else
 * the runtime is read once, which also says whether it can be invoked, and its ARN remembered.
 */
export async function runtimeArnFor(
  tool: ToolCall,
  reference: string,
  region: string | undefined,
): Promise<{ arn: string; region: string | undefined }> {
  const noted = tool.noteTarget(reference, region);
  // Only an ARN names a region; it is all the data plane needs.
  if (noted.ref.kind === "id" && noted.ref.region !== undefined) {
    tool.call.remember({ agentRuntimeArn: reference });
    return { arn: reference, region: noted.regionOverride };
  }
  const target = await tool.reach(noted);
  const key = `${target.region} ${target.agentRuntimeId}`;
  const { arns } = tool.deps.invocations;
  const known = arns.get(key);
  if (known !== undefined) {
    tool.call.remember({ agentRuntimeArn: known });
    return { arn: known, region: target.region };
  }
  const runtime = await tool.read(target);
  // UPDATING still serves the version before the update through DEFAULT.
  if (runtime.status !== "READY" && runtime.status !== "UPDATING") {
    tool.fail(
      localFailure(
        "NotReady",
        `runtime ${runtime.agentRuntimeId} is ${runtime.status}; it can be invoked once it is READY${runtime.failureReason === undefined ? "" : ` (${runtime.failureReason})`}`,
      ),
    );
  }
  arns.set(key, runtime.agentRuntimeArn);
  for (const oldest of arns.keys()) {
    if (arns.size <= MAX_REMEMBERED_ARNS) break;
    arns.delete(oldest);
  }
  return { arn: runtime.agentRuntimeArn, region: target.region };
}
