import { canonicalJson, conflict, replay } from "./idempotency.js";
import type { IdempotentAnswer, StoreOutcome } from "./idempotency.js";
import { pickModelledMembers } from "./model.js";
import { decodePageToken, encodePageToken } from "./page-token.js";

/** The endpoint every runtime has, which always follows its newest ready version. */
export const DEFAULT_ENDPOINT = "DEFAULT";

/** One change of an endpoint's version: its creation or an update, and the version it moves to. */
interface EndpointChange {
  readonly kind: "create" | "update";
  readonly startedAt: number;
  /** The version served before the change; undefined while a new endpoint is created. */
  readonly from: string | undefined;
  readonly to: string;
}

/** An endpoint a caller created, as stored. */
export interface StoredEndpoint {
  readonly sequence: number;
  readonly name: string;
  readonly id: string;
  readonly createdAt: number;
  description: string | undefined;
  change: EndpointChange;
  deletedAt: number | undefined;
}

/** What the endpoint operations need of the runtime they belong to. */
export interface EndpointRuntime {
  readonly id: string;
  readonly arn: string;
  readonly createdAt: number;
  /** The numbers of the versions that exist, oldest first (a version deleted on its own leaves a gap). */
  readonly versionNumbers: readonly number[];
  /** The status of one version now (READY, UPDATING, UPDATE_FAILED, …), or of the whole runtime while it is being deleted. */
  readonly statusOf: (version: number) => string;
  readonly endpoints: Map<string, StoredEndpoint>;
}

/** An endpoint as answers show it at one moment. */
export interface EndpointView {
  readonly name: string;
  readonly id: string;
  readonly agentRuntimeEndpointArn: string;
  readonly agentRuntimeArn: string;
  readonly status: string;
  readonly liveVersion: string | undefined;
  readonly targetVersion: string | undefined;
  readonly description: string | undefined;
  readonly failureReason: string | undefined;
  readonly createdAt: number;
  readonly lastUpdatedAt: number;
}

/** How long endpoint changes and deletions take. */
export interface EndpointTiming {
  readonly changeDelayMs: number;
  readonly deleteDelayMs: number;
}

const FAILED = /_FAILED$/;

function newestOf(runtime: EndpointRuntime): number {
  return runtime.versionNumbers[runtime.versionNumbers.length - 1] ?? 1;
}

function endpointArn(runtime: EndpointRuntime, name: string): string {
  return `${runtime.arn}/runtime-endpoint/${name}`;
}

/** DEFAULT serves the newest READY version and moves on as soon as a newer one is READY. */
function defaultView(runtime: EndpointRuntime, now: number): EndpointView {
  const live = [...runtime.versionNumbers].reverse().find((version) => runtime.statusOf(version) === "READY");
  const newest = newestOf(runtime);
  const newestStatus = runtime.statusOf(newest);
  const status =
    live === undefined
      ? FAILED.test(newestStatus)
        ? "CREATE_FAILED"
        : "CREATING"
      : live === newest || FAILED.test(newestStatus)
        ? "READY"
        : "UPDATING";
  return {
    name: DEFAULT_ENDPOINT,
    id: `${DEFAULT_ENDPOINT}-${runtime.id.slice(-10)}`,
    agentRuntimeEndpointArn: endpointArn(runtime, DEFAULT_ENDPOINT),
    agentRuntimeArn: runtime.arn,
    status,
    liveVersion: live === undefined ? undefined : String(live),
    targetVersion: status === "UPDATING" || status === "CREATING" ? String(newest) : live === undefined ? undefined : String(live),
    description: undefined,
    failureReason: status === "CREATE_FAILED" ? "The runtime's first version failed to create." : undefined,
    createdAt: runtime.createdAt,
    lastUpdatedAt: now,
  };
}

function storedView(runtime: EndpointRuntime, endpoint: StoredEndpoint, timing: EndpointTiming, now: number): EndpointView | undefined {
  const base = {
    name: endpoint.name,
    id: endpoint.id,
    agentRuntimeEndpointArn: endpointArn(runtime, endpoint.name),
    agentRuntimeArn: runtime.arn,
    description: endpoint.description,
    createdAt: endpoint.createdAt,
  };
  const { change } = endpoint;
  if (endpoint.deletedAt !== undefined) {
    if (now - endpoint.deletedAt >= timing.deleteDelayMs) return undefined;
    return {
      ...base,
      status: "DELETING",
      liveVersion: change.from ?? change.to,
      targetVersion: change.to,
      failureReason: undefined,
      lastUpdatedAt: endpoint.deletedAt,
    };
  }
  const pending = change.kind === "create" ? "CREATING" : "UPDATING";
  const targetStatus = runtime.statusOf(Number(change.to));
  // An endpoint becomes READY once its change has taken its time and the version it targets is READY.
  if (now - change.startedAt < timing.changeDelayMs || targetStatus === "CREATING" || targetStatus === "UPDATING") {
    return {
      ...base,
      status: pending,
      liveVersion: change.from,
      targetVersion: change.to,
      failureReason: undefined,
      lastUpdatedAt: change.startedAt,
    };
  }
  const settledAt = change.startedAt + timing.changeDelayMs;
  if (FAILED.test(targetStatus)) {
    return {
      ...base,
      status: change.kind === "create" ? "CREATE_FAILED" : "UPDATE_FAILED",
      liveVersion: change.from,
      targetVersion: change.to,
      failureReason: `Version ${change.to} of the runtime is ${targetStatus}; the endpoint cannot serve it.`,
      lastUpdatedAt: settledAt,
    };
  }
  return { ...base, status: "READY", liveVersion: change.to, targetVersion: change.to, failureReason: undefined, lastUpdatedAt: settledAt };
}

/** Every endpoint of the runtime now, DEFAULT first, then in creation order; finished deletions are forgotten. */
export function endpointViews(runtime: EndpointRuntime, timing: EndpointTiming, now: number): EndpointView[] {
  const views = [defaultView(runtime, now)];
  for (const endpoint of [...runtime.endpoints.values()].sort((a, b) => a.sequence - b.sequence)) {
    const view = storedView(runtime, endpoint, timing, now);
    if (view === undefined) runtime.endpoints.delete(endpoint.name);
    else views.push(view);
  }
  return views;
}

/** The endpoint named `name` now, DEFAULT included. */
export function findEndpoint(runtime: EndpointRuntime, name: string, timing: EndpointTiming, now: number): EndpointView | undefined {
  return endpointViews(runtime, timing, now).find((view) => view.name === name);
}

/** The versions some endpoint serves or is moving to now, each with that endpoint's name: they cannot be deleted on their own. */
export function versionsServedByEndpoints(runtime: EndpointRuntime, timing: EndpointTiming, now: number): ReadonlyMap<number, string> {
  const served = new Map<number, string>();
  for (const view of endpointViews(runtime, timing, now)) {
    for (const version of [view.liveVersion, view.targetVersion]) {
      if (version !== undefined && !served.has(Number(version))) served.set(Number(version), view.name);
    }
  }
  return served;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function endpointNotFound(runtime: EndpointRuntime, name: string): StoreOutcome {
  return { error: { type: "ResourceNotFoundException", message: `Endpoint ${name} of agent runtime ${runtime.id} was not found.` } };
}

function unknownVersion(runtime: EndpointRuntime, version: string): StoreOutcome | undefined {
  if (runtime.versionNumbers.includes(Number(version))) return undefined;
  const numbers = runtime.versionNumbers.join(", ");
  return {
    error: {
      type: "ResourceNotFoundException",
      message: `Version ${version} of agent runtime ${runtime.id} does not exist; it has version${runtime.versionNumbers.length === 1 ? "" : "s"} ${numbers}.`,
    },
  };
}

/** A CreateAgentRuntimeEndpoint or UpdateAgentRuntimeEndpoint request after validation. */
export interface EndpointRequest {
  readonly name: string;
  readonly agentRuntimeVersion: string | undefined;
  readonly description: string | undefined;
  readonly clientToken: string | undefined;
}

/** The endpoint operations of one region, with their idempotency memory. */
export interface EndpointOperations {
  create(runtime: EndpointRuntime, request: EndpointRequest, now: number): StoreOutcome;
  get(runtime: EndpointRuntime, name: string, now: number): StoreOutcome;
  update(runtime: EndpointRuntime, request: EndpointRequest, now: number): StoreOutcome;
  list(runtime: EndpointRuntime, maxResults: number | undefined, nextToken: string | undefined, now: number): StoreOutcome;
  delete(runtime: EndpointRuntime, name: string, clientToken: string | undefined, now: number): StoreOutcome;
  reset(): void;
}

const DEFAULT_PAGE_SIZE = 10;

/** Creates the endpoint operations; `suffix` makes the 10-character id suffixes. */
export function createEndpointOperations(timing: EndpointTiming, suffix: () => string): EndpointOperations {
  const createAnswers = new Map<string, IdempotentAnswer>();
  const updateAnswers = new Map<string, IdempotentAnswer>();
  const deleteAnswers = new Map<string, IdempotentAnswer>();
  let sequence = 0;

  const summary = (view: EndpointView): Record<string, unknown> =>
    pickModelledMembers("AgentRuntimeEndpoint", { ...view, createdAt: iso(view.createdAt), lastUpdatedAt: iso(view.lastUpdatedAt) });

  return {
    create(runtime, request, now) {
      const fingerprint = canonicalJson({ agentRuntimeId: runtime.id, ...request, clientToken: undefined });
      const replayed = replay(createAnswers, request.clientToken, fingerprint);
      if (replayed !== undefined) return replayed;
      if (findEndpoint(runtime, request.name, timing, now) !== undefined) {
        return conflict(`Agent runtime ${runtime.id} already has an endpoint named ${request.name}.`);
      }
      const to = request.agentRuntimeVersion ?? String(newestOf(runtime));
      const missing = unknownVersion(runtime, to);
      if (missing !== undefined) return missing;
      sequence += 1;
      const endpoint: StoredEndpoint = {
        sequence,
        name: request.name,
        id: `${request.name}-${suffix()}`,
        createdAt: now,
        description: request.description,
        change: { kind: "create", startedAt: now, from: undefined, to },
        deletedAt: undefined,
      };
      runtime.endpoints.set(endpoint.name, endpoint);
      const output = pickModelledMembers("CreateAgentRuntimeEndpointResponse", {
        targetVersion: to,
        agentRuntimeEndpointArn: endpointArn(runtime, endpoint.name),
        agentRuntimeArn: runtime.arn,
        agentRuntimeId: runtime.id,
        endpointName: endpoint.name,
        status: "CREATING",
        createdAt: iso(now),
      });
      if (request.clientToken !== undefined) createAnswers.set(request.clientToken, { fingerprint, output });
      return { output };
    },

    get(runtime, name, now) {
      const view = findEndpoint(runtime, name, timing, now);
      if (view === undefined) return endpointNotFound(runtime, name);
      return {
        output: pickModelledMembers("GetAgentRuntimeEndpointResponse", {
          ...view,
          createdAt: iso(view.createdAt),
          lastUpdatedAt: iso(view.lastUpdatedAt),
        }),
      };
    },

    update(runtime, request, now) {
      const fingerprint = canonicalJson({ agentRuntimeId: runtime.id, ...request, clientToken: undefined });
      const replayed = replay(updateAnswers, request.clientToken, fingerprint);
      if (replayed !== undefined) return replayed;
      if (request.name === DEFAULT_ENDPOINT) {
        return {
          error: {
            type: "ValidationException",
            message:
              "The DEFAULT endpoint always serves the newest version; it cannot be updated. Create a named endpoint to pin a version.",
          },
        };
      }
      const view = findEndpoint(runtime, request.name, timing, now);
      const endpoint = runtime.endpoints.get(request.name);
      if (view === undefined || endpoint === undefined) return endpointNotFound(runtime, request.name);
      if (view.status === "CREATING" || view.status === "UPDATING" || view.status === "DELETING") {
        return conflict(`Endpoint ${request.name} is ${view.status}; it can be updated once that has finished.`);
      }
      const to = request.agentRuntimeVersion ?? view.targetVersion ?? String(newestOf(runtime));
      const missing = unknownVersion(runtime, to);
      if (missing !== undefined) return missing;
      endpoint.change = { kind: "update", startedAt: now, from: view.liveVersion, to };
      if (request.description !== undefined) endpoint.description = request.description;
      const output = pickModelledMembers("UpdateAgentRuntimeEndpointResponse", {
        liveVersion: view.liveVersion,
        targetVersion: to,
        agentRuntimeEndpointArn: view.agentRuntimeEndpointArn,
        agentRuntimeArn: runtime.arn,
        status: "UPDATING",
        createdAt: iso(endpoint.createdAt),
        lastUpdatedAt: iso(now),
      });
      if (request.clientToken !== undefined) updateAnswers.set(request.clientToken, { fingerprint, output });
      return { output };
    },

    list(runtime, maxResults, nextToken, now) {
      // DEFAULT is position 0; the others their creation sequence.
      const after = nextToken === undefined ? -1 : decodePageToken(nextToken);
      if (after === undefined) return { error: { type: "ValidationException", message: "The nextToken is not valid." } };
      const positioned = endpointViews(runtime, timing, now).map((view) => ({
        view,
        position: runtime.endpoints.get(view.name)?.sequence ?? 0,
      }));
      const remaining = positioned.filter((item) => item.position > after);
      const shown = remaining.slice(0, maxResults ?? DEFAULT_PAGE_SIZE);
      const last = shown[shown.length - 1];
      return {
        output: {
          runtimeEndpoints: shown.map((item) => summary(item.view)),
          ...(last !== undefined && remaining.length > shown.length ? { nextToken: encodePageToken(last.position) } : {}),
        },
      };
    },

    delete(runtime, name, clientToken, now) {
      const fingerprint = canonicalJson({ agentRuntimeId: runtime.id, name });
      const replayed = replay(deleteAnswers, clientToken, fingerprint);
      if (replayed !== undefined) return replayed;
      if (name === DEFAULT_ENDPOINT) return conflict("The DEFAULT endpoint cannot be deleted; it goes with the runtime.");
      const view = findEndpoint(runtime, name, timing, now);
      const endpoint = runtime.endpoints.get(name);
      if (view === undefined || endpoint === undefined) return endpointNotFound(runtime, name);
      if (view.status === "DELETING") return conflict(`Endpoint ${name} is already being deleted.`);
      endpoint.deletedAt = now;
      const output = pickModelledMembers("DeleteAgentRuntimeEndpointResponse", {
        status: "DELETING",
        agentRuntimeId: runtime.id,
        endpointName: name,
      });
      if (clientToken !== undefined) deleteAnswers.set(clientToken, { fingerprint, output });
      return { output };
    },

    reset() {
      createAnswers.clear();
      updateAnswers.clear();
      deleteAnswers.clear();
      sequence = 0;
    },
  };
}
