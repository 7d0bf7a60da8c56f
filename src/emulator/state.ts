import { DEFAULT_ENDPOINT, createEndpointOperations, findEndpoint, versionsServedByEndpoints } from "./endpoints.js";
import type { EndpointRequest, EndpointRuntime, EndpointView, StoredEndpoint } from "./endpoints.js";
import type { CreateRuntimeRequest, DeleteFailureRule, FailureRule, UpdateFailureRule } from "./failure-rules.js";
import { canonicalJson, conflict, replay } from "./idempotency.js";
import type { IdempotentAnswer, StoreOutcome } from "./idempotency.js";
import { pickModelledMembers } from "./model.js";
import { decodePageToken, encodePageToken } from "./page-token.js";
import { replaceContents } from "./persisted-data.js";
import type { PartData } from "./persisted-data.js";
import { asRecord } from "./records.js";

export type { StoreOutcome } from "./idempotency.js";

/** Every status the model's `AgentRuntimeStatus` lists. */
export type RuntimeStatus = "CREATING" | "CREATE_FAILED" | "UPDATING" | "UPDATE_FAILED" | "READY" | "DELETING" | "DELETE_FAILED";

/** A runtime as the store holds it, with its status computed for the moment of the call. */
export interface RuntimeView {
  readonly agentRuntimeId: string;
  readonly agentRuntimeArn: string;
  readonly agentRuntimeName: string;
  /** The region the creating request was signed for. */
  readonly region: string;
  /** The newest version, `"1"` until the first update. */
  readonly agentRuntimeVersion: string;
  readonly status: RuntimeStatus;
  readonly failureReason?: string;
  /** Epoch milliseconds on the emulator's clock. */
  readonly createdAt: number;
  /** The newest version's request members, without the client token. */
  readonly request: Readonly<Record<string, unknown>>;
}

/** An UpdateAgentRuntime request after validation: the runtime and its new configuration. */
export interface UpdateRequest {
  readonly agentRuntimeId: string;
  readonly clientToken?: string;
  readonly [member: string]: unknown;
}

/** How the store names, ages and limits runtimes. */
export interface RuntimeStoreOptions {
  readonly region: string;
  readonly accountId: string;
  readonly createDelayMs: number;
  readonly updateDelayMs: number;
  readonly deleteDelayMs: number;
  /** How long an endpoint stays CREATING or UPDATING. */
  readonly endpointDelayMs: number;
  readonly maxRuntimes: number;
  readonly failureRule: FailureRule;
  readonly updateFailureRule: UpdateFailureRule;
  readonly deleteFailureRule: DeleteFailureRule;
  /** Uniform in [0, 1); drives the 10-character id suffixes. */
  readonly random: () => number;
}

/** The control plane's runtime semantics in one region: uniqueness, idempotency, quota, versions, lazy status, paging. */
export interface RuntimeStore {
  create(request: CreateRuntimeRequest, now: number): StoreOutcome;
  get(agentRuntimeId: string, version: string | undefined, now: number): StoreOutcome;
  update(request: UpdateRequest, now: number): StoreOutcome;
  list(maxResults: number | undefined, nextToken: string | undefined, now: number): StoreOutcome;
  listVersions(agentRuntimeId: string, maxResults: number | undefined, nextToken: string | undefined, now: number): StoreOutcome;
  delete(agentRuntimeId: string, version: string | undefined, clientToken: string | undefined, now: number): StoreOutcome;
  createEndpoint(agentRuntimeId: string, request: EndpointRequest, now: number): StoreOutcome;
  getEndpoint(agentRuntimeId: string, name: string, now: number): StoreOutcome;
  updateEndpoint(agentRuntimeId: string, request: EndpointRequest, now: number): StoreOutcome;
  listEndpoints(agentRuntimeId: string, maxResults: number | undefined, nextToken: string | undefined, now: number): StoreOutcome;
  deleteEndpoint(agentRuntimeId: string, name: string, clientToken: string | undefined, now: number): StoreOutcome;
  /** What the data plane needs to answer an invocation of the runtime with this ARN through one endpoint. */
  resolveInvocation(agentRuntimeArn: string, qualifier: string, now: number): InvocationTarget;
  snapshot(now: number): RuntimeView[];
  reset(): void;
  /** Everything the store holds, as one object the state file saves (see persisted-data.ts). */
  readonly data: PartData;
}

/** The runtime and endpoint an invocation reaches, or why it reaches none. */
export type InvocationTarget =
  | {
      readonly found: true;
      readonly agentRuntimeId: string;
      readonly runtimeStatus: RuntimeStatus | "GONE";
      readonly endpoint: EndpointView;
      /** The served version's request members (protocol, lifecycle). */
      readonly members: Readonly<Record<string, unknown>>;
    }
  | { readonly found: false; readonly message: string };

interface StoredVersion {
  readonly number: number;
  readonly kind: "create" | "update";
  /** When the creation or update of this version began. */
  readonly startedAt: number;
  readonly failureReason: string | undefined;
  readonly members: Readonly<Record<string, unknown>>;
}

interface Deletion {
  readonly requestedAt: number;
  readonly failureReason: string | undefined;
}

interface StoredRuntime {
  readonly sequence: number;
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly createdAt: number;
  readonly workloadIdentityArn: string;
  /** Oldest first; never empty. */
  readonly versions: StoredVersion[];
  deletion: Deletion | undefined;
  /** The endpoints created by callers; DEFAULT is computed. */
  readonly endpoints: Map<string, StoredEndpoint>;
}

/** A status with the moment it was reached (or its transition began) and its failure, if any. */
interface Phase {
  readonly status: RuntimeStatus | "GONE";
  readonly since: number;
  readonly failureReason: string | undefined;
}

const DEFAULT_PAGE_SIZE = 10;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// The service's documented defaults for a runtime created without a lifecycle configuration.
const DEFAULT_LIFECYCLE = { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 };
const TRANSITIONAL: ReadonlySet<string> = new Set(["CREATING", "UPDATING", "DELETING"]);

function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

function runtimeNotFound(agentRuntimeId: string): StoreOutcome {
  return { error: { type: "ResourceNotFoundException", message: `Agent runtime ${agentRuntimeId} was not found.` } };
}

function versionNotFound(runtime: StoredRuntime, version: string): StoreOutcome {
  const numbers = runtime.versions.map((stored) => stored.number);
  const [first = 1] = numbers;
  const last = numbers[numbers.length - 1] ?? first;
  const which =
    numbers.length === 1
      ? `version ${first}`
      : last - first + 1 === numbers.length
        ? `versions ${first} to ${last}`
        : `versions ${numbers.join(", ")}`;
  return {
    error: {
      type: "ResourceNotFoundException",
      message: `Version ${version} of agent runtime ${runtime.id} does not exist; the runtime exists with ${which}.`,
    },
  };
}

function findVersion(runtime: StoredRuntime, version: string | undefined): StoredVersion | undefined {
  if (version === undefined) return runtime.versions[runtime.versions.length - 1];
  return runtime.versions.find((stored) => String(stored.number) === version);
}

/** Creates an empty runtime store for one region. Nothing in it runs on timers: every status is computed from `now`. */
export function createRuntimeStore(options: RuntimeStoreOptions): RuntimeStore {
  // Everything the store holds lives in `data` (collections and plain values, no references
  // between them), so that the state file keeps and restores it whole and reset empties it whole.
  const emptyData = () => ({
    runtimes: new Map<string, StoredRuntime>(),
    createAnswers: new Map<string, IdempotentAnswer>(),
    updateAnswers: new Map<string, IdempotentAnswer>(),
    deleteAnswers: new Map<string, IdempotentAnswer>(),
    // Ids of the runtimes with a deletion requested, so that sweeping never walks every runtime.
    deleting: new Set<string>(),
    sequence: 0,
  });
  const data = emptyData();
  const { runtimes, createAnswers, updateAnswers, deleteAnswers, deleting } = data;
  const arnPrefix = `arn:${partitionOf(options.region)}:bedrock-agentcore:${options.region}:${options.accountId}`;

  const randomSuffix = (): string =>
    Array.from({ length: 10 }, () => ALPHANUMERIC[Math.floor(options.random() * ALPHANUMERIC.length)] ?? "0").join("");

  const versionPhase = (version: StoredVersion, now: number): Phase => {
    const delay = version.kind === "create" ? options.createDelayMs : options.updateDelayMs;
    if (now - version.startedAt < delay)
      return { status: version.kind === "create" ? "CREATING" : "UPDATING", since: version.startedAt, failureReason: undefined };
    const failed = version.kind === "create" ? "CREATE_FAILED" : "UPDATE_FAILED";
    return {
      status: version.failureReason === undefined ? "READY" : failed,
      since: version.startedAt + delay,
      failureReason: version.failureReason,
    };
  };

  // A deletion in progress or failed speaks for every version of the runtime.
  const phaseOf = (runtime: StoredRuntime, version: StoredVersion, now: number): Phase => {
    const { deletion } = runtime;
    if (deletion === undefined) return versionPhase(version, now);
    if (now - deletion.requestedAt < options.deleteDelayMs)
      return { status: "DELETING", since: deletion.requestedAt, failureReason: undefined };
    const since = deletion.requestedAt + options.deleteDelayMs;
    return deletion.failureReason === undefined
      ? { status: "GONE", since, failureReason: undefined }
      : { status: "DELETE_FAILED", since, failureReason: deletion.failureReason };
  };

  const newest = (runtime: StoredRuntime): StoredVersion => {
    const version = runtime.versions[runtime.versions.length - 1];
    if (version === undefined) throw new Error(`Runtime ${runtime.id} has no version`);
    return version;
  };

  /** Forgets runtimes whose deletion has completed, so that their names and quota are free again. */
  const sweep = (now: number): void => {
    for (const id of deleting) {
      const runtime = runtimes.get(id);
      if (runtime?.deletion === undefined) deleting.delete(id);
      else if (phaseOf(runtime, newest(runtime), now).status === "GONE") {
        runtimes.delete(id);
        deleting.delete(id);
      }
    }
  };

  const live = (agentRuntimeId: string, now: number): StoredRuntime | undefined => {
    sweep(now);
    return runtimes.get(agentRuntimeId);
  };

  const common = (runtime: StoredRuntime, version: StoredVersion, now: number): Record<string, unknown> => {
    const phase = phaseOf(runtime, version, now);
    return {
      agentRuntimeArn: runtime.arn,
      agentRuntimeId: runtime.id,
      agentRuntimeName: runtime.name,
      agentRuntimeVersion: String(version.number),
      createdAt: new Date(runtime.createdAt).toISOString(),
      lastUpdatedAt: new Date(phase.since).toISOString(),
      status: phase.status,
      workloadIdentityDetails: { workloadIdentityArn: runtime.workloadIdentityArn },
    };
  };

  // The model lists `description` as required in a summary, yet bounds it to at least one
  // character and lets creation omit it: a runtime without one has none in its summary either.
  const summary = (runtime: StoredRuntime, version: StoredVersion, now: number): Record<string, unknown> =>
    pickModelledMembers("AgentRuntime", { ...version.members, ...common(runtime, version, now) });

  const page = <T>(
    items: readonly T[],
    maxResults: number | undefined,
    position: (item: T) => number,
    toJson: (item: T) => Record<string, unknown>,
  ): Record<string, unknown> => {
    const shown = items.slice(0, maxResults ?? DEFAULT_PAGE_SIZE);
    const last = shown[shown.length - 1];
    return {
      agentRuntimes: shown.map(toJson),
      ...(last !== undefined && items.length > shown.length ? { nextToken: encodePageToken(position(last)) } : {}),
    };
  };

  const invalidToken: StoreOutcome = { error: { type: "ValidationException", message: "The nextToken is not valid." } };

  const endpointTiming = { changeDelayMs: options.endpointDelayMs, deleteDelayMs: options.deleteDelayMs };
  const endpointOperations = createEndpointOperations(endpointTiming, randomSuffix);
  const endpointRuntime = (runtime: StoredRuntime, now: number): EndpointRuntime => ({
    id: runtime.id,
    arn: runtime.arn,
    createdAt: runtime.createdAt,
    versionNumbers: runtime.versions.map((version) => version.number),
    statusOf: (number) => {
      const version = runtime.versions.find((stored) => stored.number === number);
      return version === undefined ? "GONE" : phaseOf(runtime, version, now).status;
    },
    endpoints: runtime.endpoints,
  });
  const withRuntime = (agentRuntimeId: string, now: number, act: (runtime: EndpointRuntime) => StoreOutcome): StoreOutcome => {
    const runtime = live(agentRuntimeId, now);
    return runtime === undefined ? runtimeNotFound(agentRuntimeId) : act(endpointRuntime(runtime, now));
  };

  return {
    create(request, now) {
      const { clientToken, ...members } = request;
      const fingerprint = canonicalJson(members);
      const replayed = replay(createAnswers, clientToken, fingerprint);
      if (replayed !== undefined) return replayed;
      sweep(now);
      if ([...runtimes.values()].some((runtime) => runtime.name === request.agentRuntimeName)) {
        return conflict(`An agent runtime named ${request.agentRuntimeName} already exists in ${options.region}.`);
      }
      if (runtimes.size >= options.maxRuntimes) {
        return {
          error: {
            type: "ServiceQuotaExceededException",
            message: `The quota of ${options.maxRuntimes} agent runtimes per account in ${options.region} has been reached.`,
          },
        };
      }
      const id = `${request.agentRuntimeName}-${randomSuffix()}`;
      data.sequence += 1;
      const runtime: StoredRuntime = {
        sequence: data.sequence,
        id,
        arn: `${arnPrefix}:runtime/${id}`,
        name: request.agentRuntimeName,
        createdAt: now,
        workloadIdentityArn: `${arnPrefix}:workload-identity-directory/default/workload-identity/${id}`,
        versions: [{ number: 1, kind: "create", startedAt: now, failureReason: options.failureRule(request), members }],
        deletion: undefined,
        endpoints: new Map(),
      };
      runtimes.set(id, runtime);
      const output = pickModelledMembers("CreateAgentRuntimeResponse", common(runtime, newest(runtime), now));
      if (clientToken !== undefined) createAnswers.set(clientToken, { fingerprint, output });
      return { output };
    },

    get(agentRuntimeId, version, now) {
      const runtime = live(agentRuntimeId, now);
      if (runtime === undefined) return runtimeNotFound(agentRuntimeId);
      const stored = findVersion(runtime, version);
      if (stored === undefined) return versionNotFound(runtime, version ?? "");
      const phase = phaseOf(runtime, stored, now);
      return {
        output: pickModelledMembers("GetAgentRuntimeResponse", {
          ...stored.members,
          ...common(runtime, stored, now),
          networkConfiguration: stored.members["networkConfiguration"] ?? { networkMode: "PUBLIC" },
          lifecycleConfiguration: { ...DEFAULT_LIFECYCLE, ...asRecord(stored.members["lifecycleConfiguration"]) },
          failureReason: phase.failureReason,
        }),
      };
    },

    update(request, now) {
      const { clientToken, agentRuntimeId, ...members } = request;
      const fingerprint = canonicalJson({ agentRuntimeId, ...members });
      const replayed = replay(updateAnswers, clientToken, fingerprint);
      if (replayed !== undefined) return replayed;
      const runtime = live(agentRuntimeId, now);
      if (runtime === undefined) return runtimeNotFound(agentRuntimeId);
      const current = phaseOf(runtime, newest(runtime), now).status;
      if (TRANSITIONAL.has(current))
        return conflict(`Agent runtime ${agentRuntimeId} is ${current}; it can be updated once that has finished.`);
      // Versions deleted one by one leave gaps: numbers only ever grow.
      const number = newest(runtime).number + 1;
      const failureReason = options.updateFailureRule({ agentRuntimeId, agentRuntimeName: runtime.name, ...members });
      const version: StoredVersion = { number, kind: "update", startedAt: now, failureReason, members };
      runtime.versions.push(version);
      runtime.deletion = undefined;
      const output = pickModelledMembers("UpdateAgentRuntimeResponse", common(runtime, version, now));
      if (clientToken !== undefined) updateAnswers.set(clientToken, { fingerprint, output });
      return { output };
    },

    list(maxResults, nextToken, now) {
      const after = nextToken === undefined ? 0 : decodePageToken(nextToken);
      if (after === undefined) return invalidToken;
      sweep(now);
      const remaining = [...runtimes.values()].filter((runtime) => runtime.sequence > after);
      return {
        output: page(
          remaining,
          maxResults,
          (runtime) => runtime.sequence,
          (runtime) => summary(runtime, newest(runtime), now),
        ),
      };
    },

    listVersions(agentRuntimeId, maxResults, nextToken, now) {
      // Newest first; the token holds the last version number shown.
      const below = nextToken === undefined ? Number.POSITIVE_INFINITY : decodePageToken(nextToken);
      if (below === undefined) return invalidToken;
      const runtime = live(agentRuntimeId, now);
      if (runtime === undefined) return runtimeNotFound(agentRuntimeId);
      const remaining = [...runtime.versions].reverse().filter((version) => version.number < below);
      return {
        output: page(
          remaining,
          maxResults,
          (version) => version.number,
          (version) => summary(runtime, version, now),
        ),
      };
    },

    delete(agentRuntimeId, version, clientToken, now) {
      const fingerprint = canonicalJson({ agentRuntimeId, version });
      const replayed = replay(deleteAnswers, clientToken, fingerprint);
      if (replayed !== undefined) return replayed;
      const runtime = live(agentRuntimeId, now);
      if (runtime === undefined) return runtimeNotFound(agentRuntimeId);
      if (phaseOf(runtime, newest(runtime), now).status === "DELETING")
        return conflict(`Agent runtime ${agentRuntimeId} is already being deleted.`);
      if (version !== undefined) {
        const doomed = findVersion(runtime, version);
        if (doomed === undefined) return versionNotFound(runtime, version);
        // DEFAULT serves the newest version, and an endpoint what it serves or moves to.
        const endpoint =
          doomed === newest(runtime)
            ? DEFAULT_ENDPOINT
            : versionsServedByEndpoints(endpointRuntime(runtime, now), endpointTiming, now).get(doomed.number);
        if (endpoint !== undefined) {
          return conflict(
            `Version ${version} of agent runtime ${agentRuntimeId} is served by endpoint ${endpoint}; point the endpoint at another version before deleting this one.`,
          );
        }
        runtime.versions.splice(runtime.versions.indexOf(doomed), 1);
        const output = pickModelledMembers("DeleteAgentRuntimeResponse", {
          status: "DELETING",
          agentRuntimeId,
          agentRuntimeVersion: version,
        });
        if (clientToken !== undefined) deleteAnswers.set(clientToken, { fingerprint, output });
        return { output };
      }
      runtime.deletion = { requestedAt: now, failureReason: options.deleteFailureRule({ agentRuntimeId, agentRuntimeName: runtime.name }) };
      deleting.add(runtime.id);
      const output = pickModelledMembers("DeleteAgentRuntimeResponse", {
        // The answer says DELETING even when the deletion (with no delay) has already ended.
        status: "DELETING",
        agentRuntimeId,
        agentRuntimeVersion: String(newest(runtime).number),
      });
      if (clientToken !== undefined) deleteAnswers.set(clientToken, { fingerprint, output });
      return { output };
    },

    createEndpoint: (agentRuntimeId, request, now) =>
      withRuntime(agentRuntimeId, now, (runtime) => endpointOperations.create(runtime, request, now)),
    getEndpoint: (agentRuntimeId, name, now) => withRuntime(agentRuntimeId, now, (runtime) => endpointOperations.get(runtime, name, now)),
    updateEndpoint: (agentRuntimeId, request, now) =>
      withRuntime(agentRuntimeId, now, (runtime) => endpointOperations.update(runtime, request, now)),
    listEndpoints: (agentRuntimeId, maxResults, nextToken, now) =>
      withRuntime(agentRuntimeId, now, (runtime) => endpointOperations.list(runtime, maxResults, nextToken, now)),
    deleteEndpoint: (agentRuntimeId, name, clientToken, now) =>
      withRuntime(agentRuntimeId, now, (runtime) => endpointOperations.delete(runtime, name, clientToken, now)),

    resolveInvocation(agentRuntimeArn, qualifier, now) {
      sweep(now);
      const runtime = [...runtimes.values()].find((candidate) => candidate.arn === agentRuntimeArn || candidate.id === agentRuntimeArn);
      if (runtime === undefined) return { found: false, message: `Agent runtime ${agentRuntimeArn} was not found.` };
      const endpoint = findEndpoint(endpointRuntime(runtime, now), qualifier, endpointTiming, now);
      if (endpoint === undefined) return { found: false, message: `Agent runtime ${runtime.id} has no endpoint named ${qualifier}.` };
      const served = runtime.versions.find((version) => String(version.number) === endpoint.liveVersion) ?? newest(runtime);
      return {
        found: true,
        agentRuntimeId: runtime.id,
        runtimeStatus: phaseOf(runtime, newest(runtime), now).status,
        endpoint,
        members: served.members,
      };
    },

    snapshot(now) {
      sweep(now);
      return [...runtimes.values()].map((runtime) => {
        const version = newest(runtime);
        const phase = phaseOf(runtime, version, now);
        return {
          agentRuntimeId: runtime.id,
          agentRuntimeArn: runtime.arn,
          agentRuntimeName: runtime.name,
          region: options.region,
          agentRuntimeVersion: String(version.number),
          // Swept runtimes are never GONE here.
          status: phase.status === "GONE" ? "DELETING" : phase.status,
          ...(phase.failureReason === undefined ? {} : { failureReason: phase.failureReason }),
          createdAt: runtime.createdAt,
          request: version.members,
        };
      });
    },

    reset() {
      replaceContents(data, emptyData());
      endpointOperations.reset();
    },

    data,
  };
}
