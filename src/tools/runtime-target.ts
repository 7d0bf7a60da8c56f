import type { AgentCoreClient } from "../agentcore/client.js";
import type { ControlPlane } from "../agentcore/control-plane.js";
import type { CallFailure } from "../agentcore/errors.js";
import type { GetAgentRuntimeResponse } from "../agentcore/schemas.js";
import type { CallContext, CallIdentity } from "../call-context.js";
import { type RuntimeRef, parseRuntimeRef, regionMismatch, resolveRuntimeId } from "./lookup.js";
import { explainStop } from "./results.js";

/** A runtime reference as a tool was given it, with the region it implies. */
export interface NotedRef {
  ref: RuntimeRef;
  regionOverride: string | undefined;
}

/**
 * Parses the runtime argument and records it in the call's identity at once, so that any failure
 * from here on names the runtime the caller meant. An ARN sets the region unless `region` is given.
 */
export function noteRuntimeRef(
  text: string,
  regionArgument: string | undefined,
  call: CallContext,
  extra: Partial<CallIdentity> = {},
): ({ ok: true } & NotedRef) | { ok: false; failure: CallFailure } {
  const ref = parseRuntimeRef(text);
  const mismatch = regionMismatch(ref, regionArgument);
  const regionOverride = mismatch ? undefined : (regionArgument ?? (ref.kind === "id" ? ref.region : undefined));
  call.remember({
    ...extra,
    ...(ref.kind === "id" ? { agentRuntimeId: ref.agentRuntimeId } : { agentRuntimeName: ref.agentRuntimeName }),
    ...(regionOverride === undefined ? {} : { region: regionOverride }),
  });
  if (mismatch) return { ok: false, failure: mismatch };
  return { ok: true, ref, regionOverride };
}

/** The runtime a call acts on, reached: its region's client and its id (a name looked up). */
export type RuntimeTarget = { ok: true; client: AgentCoreClient; region: string; agentRuntimeId: string } | { ok: false; failure: CallFailure };

/** Connects to the reference's region and turns a name into an id, recording what it learns. */
export async function reachRuntime(controlPlane: ControlPlane, noted: NotedRef, call: CallContext): Promise<RuntimeTarget> {
  const connection = await controlPlane.connect(noted.regionOverride);
  if (!connection.ok) return connection;
  const { client, region } = connection.value;
  call.remember({ region });
  const resolved = await resolveRuntimeId(client, noted.ref, call);
  if (!resolved.ok) return { ok: false, failure: explainStop(resolved.failure, call) };
  return { ok: true, client, region, agentRuntimeId: resolved.agentRuntimeId };
}

/** Reads the runtime's current configuration, recording its ARN, name and version. */
export async function readRuntime(
  target: { client: AgentCoreClient; agentRuntimeId: string },
  call: CallContext,
): Promise<{ ok: true; value: GetAgentRuntimeResponse } | { ok: false; failure: CallFailure }> {
  const read = await target.client.getAgentRuntime(target.agentRuntimeId, undefined, { signal: call.signal });
  if (!read.ok) return { ok: false, failure: explainStop(read.failure, call) };
  const runtime = read.value;
  call.remember({ agentRuntimeArn: runtime.agentRuntimeArn, agentRuntimeName: runtime.agentRuntimeName, agentRuntimeVersion: runtime.agentRuntimeVersion });
  return read;
}

/**
 * What a person approves when asked about a runtime read just now: that very runtime (its id, not
 * its name, which a replacement can take over) at that version and update time, sent with that
 * clientToken. The retry reads the runtime again; an approval whose facts changed approves nothing.
 */
export function runtimeApproval(runtime: GetAgentRuntimeResponse, clientToken: string): Record<string, string | undefined> {
  return {
    agentRuntimeId: runtime.agentRuntimeId,
    agentRuntimeVersion: runtime.agentRuntimeVersion,
    lastUpdatedAt: runtime.lastUpdatedAt === undefined ? undefined : String(runtime.lastUpdatedAt),
    clientToken,
  };
}
