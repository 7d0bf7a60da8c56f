// Loaded on the first log read (logs.ts imports it with import()): the official CloudWatch Logs client.
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import type { AgentCoreClientDeps } from "./agentcore-client.js";
import type { LogsClient } from "./logs.js";
import { sdkParts } from "./sdk-parts.js";

/** Builds the CloudWatch Logs SDK client of one region. */
export async function createSdkLogsClient(deps: AgentCoreClientDeps): Promise<LogsClient> {
  const parts = await sdkParts(deps, deps.servicesEndpointUrl);
  const client = new CloudWatchLogsClient(parts.config);
  return {
    async filterLogEvents(request, options = {}) {
      const outcome = await parts.send(
        client,
        "FilterLogEvents",
        (abortSignal) => client.send(new FilterLogEventsCommand(request), { abortSignal }),
        options,
      );
      if (!outcome.ok) return outcome;
      const events = (outcome.value.events ?? []).map((event) => ({
        timestamp: event.timestamp ?? 0,
        message: event.message ?? "",
        ...(event.logStreamName === undefined ? {} : { logStreamName: event.logStreamName }),
      }));
      return { ...outcome, value: { events, ...(outcome.value.nextToken === undefined ? {} : { nextToken: outcome.value.nextToken }) } };
    },
  };
}
