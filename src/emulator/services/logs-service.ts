import type { WireResponse } from "../errors.js";
import type { LogGroups } from "../log-groups.js";
import { LOGS_MODEL, getLogsShape, pickModelledMembers } from "../model.js";
import { formatValidationMessage, validateRequest } from "../model-validator.js";
import { decodePageToken, encodePageToken } from "../page-token.js";
import { isRecord } from "../records.js";

// CloudWatch Logs speaks awsJson1.1: POST / with `X-Amz-Target: Logs_20140328.<Operation>`, errors as
// `{"__type": "<Code>", "message": …}` with status 400 (500 for the server's faults).

const TARGET_PREFIX = `${LOGS_MODEL.metadata.targetPrefix ?? "Logs_20140328"}.`;
const CONTENT_TYPE = "application/x-amz-json-1.1";
// FilterLogEvents' own default page size.
const DEFAULT_LIMIT = 10_000;

function answer(status: number, value: unknown): WireResponse {
  return { status, headers: { "Content-Type": CONTENT_TYPE }, body: Buffer.from(JSON.stringify(value), "utf8") };
}

/** An awsJson1.1 error. */
export function logsError(status: number, code: string, message: string): WireResponse {
  return answer(status, { __type: code, message });
}

function filterLogEvents(input: Record<string, unknown>, logs: LogGroups): WireResponse {
  const group =
    typeof input["logGroupName"] === "string"
      ? input["logGroupName"]
      : typeof input["logGroupIdentifier"] === "string"
        ? input["logGroupIdentifier"]
        : undefined;
  if (group === undefined) return logsError(400, "InvalidParameterException", "Either logGroupName or logGroupIdentifier must be given.");
  const after = typeof input["nextToken"] === "string" ? decodePageToken(input["nextToken"]) : 0;
  if (after === undefined) return logsError(400, "InvalidParameterException", "The nextToken is not valid.");
  const found = logs.filter({
    logGroupName: group,
    startTime: typeof input["startTime"] === "number" ? input["startTime"] : undefined,
    endTime: typeof input["endTime"] === "number" ? input["endTime"] : undefined,
    filterPattern: typeof input["filterPattern"] === "string" ? input["filterPattern"] : undefined,
    logStreamNames: Array.isArray(input["logStreamNames"])
      ? input["logStreamNames"].filter((name): name is string => typeof name === "string")
      : undefined,
    logStreamNamePrefix: typeof input["logStreamNamePrefix"] === "string" ? input["logStreamNamePrefix"] : undefined,
    limit: typeof input["limit"] === "number" ? input["limit"] : DEFAULT_LIMIT,
    after,
  });
  if (found === undefined) return logsError(400, "ResourceNotFoundException", "The specified log group does not exist.");
  return answer(
    200,
    pickModelledMembers(
      "FilterLogEventsResponse",
      {
        events: found.events.map((event) => pickModelledMembers("FilteredLogEvent", { ...event }, getLogsShape)),
        searchedLogStreams: found.searched.map((logStreamName) => ({ logStreamName, searchedCompletely: found.next === undefined })),
        nextToken: found.next === undefined ? undefined : encodePageToken(found.next),
      },
      getLogsShape,
    ),
  );
}

/** Answers one signed CloudWatch Logs request; returns the operation's name (for the record) and the answer. */
export function handleLogs(target: string | undefined, body: string, logs: LogGroups): { action: string; response: WireResponse } {
  const action = target?.startsWith(TARGET_PREFIX) === true ? target.slice(TARGET_PREFIX.length) : "";
  const operation = Object.hasOwn(LOGS_MODEL.operations, action) ? LOGS_MODEL.operations[action] : undefined;
  if (operation === undefined)
    return {
      action,
      response: logsError(400, "UnknownOperationException", `The emulator does not serve ${target ?? "(no X-Amz-Target)"}.`),
    };
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    return { action, response: logsError(400, "SerializationException", "The request body is not valid JSON.") };
  }
  if (!isRecord(input)) return { action, response: logsError(400, "SerializationException", "The request body must be a JSON object.") };
  const issues = validateRequest(operation.input.shape, input, getLogsShape);
  if (issues.length > 0) return { action, response: logsError(400, "InvalidParameterException", formatValidationMessage(issues)) };
  return { action, response: filterLogEvents(input, logs) };
}
