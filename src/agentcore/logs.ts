// A runtime's log events as the tools read them (CloudWatch Logs FilterLogEvents), apart from the
// SDK client that implements it (logs-sdk.ts, which control-plane.ts imports on first use).
import type { CallOutcome } from "../aws/call-failure.js";
import type { CallOptions } from "./agentcore-client.js";

/** One FilterLogEvents page as asked. */
export interface FilterRequest {
  logGroupName: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  limit?: number;
  nextToken?: string;
}

/** One event as the tools show it. */
export interface LogEventLine {
  timestamp: number;
  message: string;
  logStreamName?: string;
}

/** One page of events, oldest first. */
export interface FilterPage {
  events: LogEventLine[];
  nextToken?: string;
}

/** The CloudWatch Logs operations the tools use. */
export interface LogsClient {
  filterLogEvents(request: FilterRequest, options?: CallOptions): Promise<CallOutcome<FilterPage>>;
}

/** The log group of one endpoint of a runtime, as AgentCore names it. */
export function runtimeLogGroup(agentRuntimeId: string, endpoint: string): string {
  return `/aws/bedrock-agentcore/runtimes/${agentRuntimeId}-${endpoint}`;
}
