import type { AgentCoreClient } from "../agentcore/control-plane.js";
import type { CallFailure } from "../agentcore/errors.js";
import { AGENT_RUNTIME_ID_PATTERN } from "../agentcore/schemas.js";
import type { CallContext } from "../call-context.js";
import type { RuntimeSummary } from "./summaries.js";

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

/**
 * An ARN names its region; a region argument that says otherwise would send the call to a region
 * where the runtime is not, and the answer (not found) would hide the cause. Nothing is sent then.
 */
export function regionMismatch(ref: RuntimeRef, regionArgument: string | undefined): CallFailure | undefined {
  if (ref.kind !== "id" || ref.region === undefined || regionArgument === undefined || ref.region === regionArgument) return undefined;
  return {
    code: "RegionMismatch",
    message: `the ARN names region ${ref.region}, but the region argument says ${regionArgument}`,
    retryable: false,
    attempts: 0,
  };
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
  for (let pages = 0; pages < MAX_LOOKUP_PAGES;) {
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

/** A runtime named by the caller, resolved to its id (a name costs a look-up). */
export type ResolvedRuntime = { ok: true; agentRuntimeId: string } | { ok: false; failure: CallFailure };

/**
 * Turns an id, ARN or exact name into an id. A name that no runtime has is a ResourceNotFoundException
 * of our own (nothing else was sent); a look-up that could not finish says why.
 */
export async function resolveRuntimeId(client: AgentCoreClient, ref: RuntimeRef, call: CallContext): Promise<ResolvedRuntime> {
  if (ref.kind === "id") return { ok: true, agentRuntimeId: ref.agentRuntimeId };
  const lookup = await findRuntimeByName(client, ref.agentRuntimeName, call);
  switch (lookup.kind) {
    case "found":
      call.remember({ agentRuntimeId: lookup.runtime.agentRuntimeId, agentRuntimeArn: lookup.runtime.agentRuntimeArn });
      return { ok: true, agentRuntimeId: lookup.runtime.agentRuntimeId };
    case "failed":
      return { ok: false, failure: lookup.failure };
    case "absent":
      return {
        ok: false,
        failure: {
          code: "ResourceNotFoundException",
          message: `no runtime is named "${ref.agentRuntimeName}" in this region (${lookup.pages} page${lookup.pages === 1 ? "" : "s"} of ListAgentRuntimes read)`,
          retryable: false,
          attempts: lookup.pages,
        },
      };
    case "incomplete":
      return {
        ok: false,
        failure: {
          code: "LookupIncomplete",
          message: `could not find "${ref.agentRuntimeName}": ${lookup.reason}`,
          retryable: true,
          attempts: lookup.pages,
        },
      };
  }
}
