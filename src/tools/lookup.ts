import type { AgentCoreClient, ListAgentRuntimesResponse } from "../agentcore/client.js";
import type { CallFailure } from "../agentcore/errors.js";
import { AGENT_RUNTIME_ID_PATTERN } from "../agentcore/schemas.js";
import type { CallContext } from "../call-context.js";

/** One runtime as ListAgentRuntimes summarises it. */
export type RuntimeSummary = ListAgentRuntimesResponse["agentRuntimes"][number];

const ARN = new RegExp(`^arn:aws(?:-[a-z]+)*:bedrock-agentcore:([a-z0-9-]+):([0-9]{12}):runtime/(${AGENT_RUNTIME_ID_PATTERN})$`);
const ID = new RegExp(`^${AGENT_RUNTIME_ID_PATTERN}$`);

/** How a caller named a runtime: by id, by ARN (which also names the region), or by its exact name. */
export type RuntimeRef = { kind: "id"; agentRuntimeId: string; region?: string } | { kind: "name"; agentRuntimeName: string };

/** Reads an id, an ARN or a name; anything that is neither id nor ARN is taken as a name. */
export function parseRuntimeRef(text: string): RuntimeRef {
  const arn = ARN.exec(text);
  if (arn?.[3] !== undefined) return { kind: "id", agentRuntimeId: arn[3], ...(arn[1] === undefined ? {} : { region: arn[1] }) };
  if (ID.test(text)) return { kind: "id", agentRuntimeId: text };
  return { kind: "name", agentRuntimeName: text };
}

/** Whether a text is a runtime ARN, and the region in it. */
export function regionOfRuntimeArn(text: string): string | undefined {
  return ARN.exec(text)?.[1];
}

/** Pages read at most when looking for a runtime by name: a bound on time and requests. */
export const MAX_LOOKUP_PAGES = 10;
const PAGE_SIZE = 100;
/** A page is not started with less time than this left: its answer would be cut off anyway. */
const MIN_TIME_FOR_A_PAGE_MS = 500;

/** How a look-up by name ended. */
export type LookupOutcome =
  | { kind: "found"; runtime: RuntimeSummary; pages: number }
  | { kind: "absent"; pages: number }
  | { kind: "incomplete"; pages: number; reason: string }
  | { kind: "failed"; failure: CallFailure; pages: number };

/**
 * Pages through ListAgentRuntimes until a runtime with exactly this name turns up, within the call's
 * budget and at most {@link MAX_LOOKUP_PAGES} pages; names are unique per account and region.
 */
export async function findRuntimeByName(client: AgentCoreClient, name: string, call: CallContext): Promise<LookupOutcome> {
  let nextToken: string | undefined;
  for (let pages = 0; pages < MAX_LOOKUP_PAGES; ) {
    if (call.remainingMs() < MIN_TIME_FOR_A_PAGE_MS || call.signal.aborted) {
      return { kind: "incomplete", pages, reason: "the call's time ran out before every page was read" };
    }
    const outcome = await client.listAgentRuntimes(
      { maxResults: PAGE_SIZE, ...(nextToken === undefined ? {} : { nextToken }) },
      { signal: call.signal },
    );
    pages += 1;
    if (!outcome.ok) return { kind: "failed", failure: outcome.failure, pages };
    const runtime = outcome.value.agentRuntimes.find((candidate) => candidate.agentRuntimeName === name);
    if (runtime) return { kind: "found", runtime, pages };
    nextToken = outcome.value.nextToken;
    if (nextToken === undefined) return { kind: "absent", pages };
  }
  return { kind: "incomplete", pages: MAX_LOOKUP_PAGES, reason: `more than ${MAX_LOOKUP_PAGES * PAGE_SIZE} runtimes to look through` };
}
