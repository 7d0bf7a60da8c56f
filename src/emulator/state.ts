import { pickModelledMembers } from "./model.js";
import { asRecord } from "./records.js";

/** A validated CreateAgentRuntime request, as a failure rule sees it. */
export interface CreateRuntimeRequest {
  readonly agentRuntimeName: string;
  readonly clientToken?: string;
  readonly [member: string]: unknown;
}

/**
 * Decides whether a creation ends in CREATE_FAILED: returns the `failureReason` to report once the
 * creation delay has passed, or undefined for a runtime that becomes READY.
 */
export type FailureRule = (request: CreateRuntimeRequest) => string | undefined;

/** A runtime as the store holds it, with its status computed for the moment of the call. */
export interface RuntimeView {
  readonly agentRuntimeId: string;
  readonly agentRuntimeArn: string;
  readonly agentRuntimeName: string;
  readonly status: "CREATING" | "CREATE_FAILED" | "READY";
  readonly failureReason?: string;
  /** Epoch milliseconds on the emulator's clock. */
  readonly createdAt: number;
  /** The create request's members, without the client token. */
  readonly request: Readonly<Record<string, unknown>>;
}

/** What an operation produced: the output members, or the modelled error to answer with. */
export type StoreOutcome =
  | { readonly output: Record<string, unknown> }
  | { readonly error: { readonly type: string; readonly message: string } };

/** How the store names, ages and limits runtimes. */
export interface RuntimeStoreOptions {
  readonly region: string;
  readonly accountId: string;
  readonly createDelayMs: number;
  readonly maxRuntimes: number;
  readonly failureRule: FailureRule;
  /** Uniform in [0, 1); drives the 10-character id suffixes. */
  readonly random: () => number;
}

/** The control plane's runtime semantics: uniqueness, idempotency, quota, lazy status, paging. */
export interface RuntimeStore {
  create(request: CreateRuntimeRequest, now: number): StoreOutcome;
  get(agentRuntimeId: string, version: string | undefined, now: number): StoreOutcome;
  list(maxResults: number | undefined, nextToken: string | undefined, now: number): StoreOutcome;
  delete(agentRuntimeId: string, version: string | undefined, clientToken: string | undefined): StoreOutcome;
  snapshot(now: number): RuntimeView[];
  reset(): void;
}

interface StoredRuntime {
  readonly sequence: number;
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly createdAt: number;
  readonly failureReason: string | undefined;
  readonly workloadIdentityArn: string;
  readonly request: Readonly<Record<string, unknown>>;
}

interface IdempotentAnswer {
  readonly fingerprint: string;
  readonly output: Record<string, unknown>;
}

const VERSION = "1";
const DEFAULT_PAGE_SIZE = 10;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// The service's documented defaults for a runtime created without a lifecycle configuration.
const DEFAULT_LIFECYCLE = { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 };

function describeArtifact(request: CreateRuntimeRequest): string {
  const artifact = asRecord(request["agentRuntimeArtifact"]);
  const containerUri = asRecord(artifact["containerConfiguration"])["containerUri"];
  if (typeof containerUri === "string") return `Container image could not be pulled: ${containerUri}`;
  const s3 = asRecord(asRecord(asRecord(artifact["codeConfiguration"])["code"])["s3"]);
  return `Code artifact could not be fetched: s3://${String(s3["bucket"])}/${String(s3["prefix"])}`;
}

/**
 * The default failure rule: a runtime whose name starts with `fail` (any case) ends in CREATE_FAILED
 * with a reason naming its artifact, so a sandbox user can see the failure path without real AWS.
 */
export const failRuntimesNamedFail: FailureRule = (request) =>
  /^fail/i.test(request.agentRuntimeName)
    ? `${describeArtifact(request)}: not found (emulator rule: runtimes whose name starts with "fail" end in CREATE_FAILED).`
    : undefined;

function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** JSON with keys sorted at every level, so two equal requests give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function notFound(agentRuntimeId: string, version: string | undefined): StoreOutcome {
  const what = version === undefined ? `Agent runtime ${agentRuntimeId}` : `Version ${version} of agent runtime ${agentRuntimeId}`;
  return { error: { type: "ResourceNotFoundException", message: `${what} was not found.` } };
}

function conflict(message: string): StoreOutcome {
  return { error: { type: "ConflictException", message } };
}

/**
 * The idempotency rule: a token seen before with the same request gets the first answer again;
 * with a different request it is a ConflictException (the emulator's choice; see the README).
 */
function replay(answers: ReadonlyMap<string, IdempotentAnswer>, clientToken: string | undefined, fingerprint: string): StoreOutcome | undefined {
  const earlier = clientToken === undefined ? undefined : answers.get(clientToken);
  if (earlier === undefined) return undefined;
  return earlier.fingerprint === fingerprint
    ? { output: earlier.output }
    : conflict(`The client token ${String(clientToken)} was already used with a different request.`);
}

function encodePageToken(afterSequence: number): string {
  return Buffer.from(JSON.stringify({ after: afterSequence }), "utf8").toString("base64url");
}

function decodePageToken(token: string): number | undefined {
  try {
    const after: unknown = asRecord(JSON.parse(Buffer.from(token, "base64url").toString("utf8")))["after"];
    return typeof after === "number" && Number.isSafeInteger(after) && after >= 0 ? after : undefined;
  } catch {
    return undefined;
  }
}

/** Creates an empty runtime store. Nothing in it runs on timers: every status is computed from `now`. */
export function createRuntimeStore(options: RuntimeStoreOptions): RuntimeStore {
  const runtimes = new Map<string, StoredRuntime>();
  const createAnswers = new Map<string, IdempotentAnswer>();
  const deleteAnswers = new Map<string, IdempotentAnswer>();
  let sequence = 0;
  const partition = partitionOf(options.region);
  const arnPrefix = `arn:${partition}:bedrock-agentcore:${options.region}:${options.accountId}`;

  const randomSuffix = (): string =>
    Array.from({ length: 10 }, () => ALPHANUMERIC[Math.floor(options.random() * ALPHANUMERIC.length)] ?? "0").join("");

  const statusAt = (runtime: StoredRuntime, now: number): RuntimeView["status"] => {
    if (now - runtime.createdAt < options.createDelayMs) return "CREATING";
    return runtime.failureReason === undefined ? "READY" : "CREATE_FAILED";
  };

  const lastUpdatedAt = (runtime: StoredRuntime, now: number): string =>
    new Date(statusAt(runtime, now) === "CREATING" ? runtime.createdAt : runtime.createdAt + options.createDelayMs).toISOString();

  const common = (runtime: StoredRuntime, now: number): Record<string, unknown> => ({
    agentRuntimeArn: runtime.arn,
    agentRuntimeId: runtime.id,
    agentRuntimeName: runtime.name,
    agentRuntimeVersion: VERSION,
    createdAt: new Date(runtime.createdAt).toISOString(),
    lastUpdatedAt: lastUpdatedAt(runtime, now),
    status: statusAt(runtime, now),
    workloadIdentityDetails: { workloadIdentityArn: runtime.workloadIdentityArn },
  });

  return {
    create(request, now) {
      const { clientToken, ...members } = request;
      const fingerprint = canonicalJson(members);
      const replayed = replay(createAnswers, clientToken, fingerprint);
      if (replayed !== undefined) return replayed;
      if ([...runtimes.values()].some((runtime) => runtime.name === request.agentRuntimeName)) {
        return conflict(`An agent runtime named ${request.agentRuntimeName} already exists.`);
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
      sequence += 1;
      const runtime: StoredRuntime = {
        sequence,
        id,
        arn: `${arnPrefix}:runtime/${id}`,
        name: request.agentRuntimeName,
        createdAt: now,
        failureReason: options.failureRule(request),
        workloadIdentityArn: `${arnPrefix}:workload-identity-directory/default/workload-identity/${id}`,
        request: members,
      };
      runtimes.set(id, runtime);
      const output = pickModelledMembers("CreateAgentRuntimeResponse", common(runtime, now));
      if (clientToken !== undefined) createAnswers.set(clientToken, { fingerprint, output });
      return { output };
    },

    get(agentRuntimeId, version, now) {
      const runtime = runtimes.get(agentRuntimeId);
      if (runtime === undefined || (version !== undefined && version !== VERSION)) return notFound(agentRuntimeId, version);
      const status = statusAt(runtime, now);
      return {
        output: pickModelledMembers("GetAgentRuntimeResponse", {
          ...runtime.request,
          ...common(runtime, now),
          networkConfiguration: runtime.request["networkConfiguration"] ?? { networkMode: "PUBLIC" },
          lifecycleConfiguration: { ...DEFAULT_LIFECYCLE, ...asRecord(runtime.request["lifecycleConfiguration"]) },
          failureReason: status === "CREATE_FAILED" ? runtime.failureReason : undefined,
        }),
      };
    },

    list(maxResults, nextToken, now) {
      const after = nextToken === undefined ? 0 : decodePageToken(nextToken);
      if (after === undefined) return { error: { type: "ValidationException", message: "The nextToken is not valid." } };
      const remaining = [...runtimes.values()].filter((runtime) => runtime.sequence > after);
      const page = remaining.slice(0, maxResults ?? DEFAULT_PAGE_SIZE);
      const last = page[page.length - 1];
      return {
        output: {
          agentRuntimes: page.map((runtime) => pickModelledMembers("AgentRuntime", { ...runtime.request, ...common(runtime, now) })),
          ...(last !== undefined && remaining.length > page.length ? { nextToken: encodePageToken(last.sequence) } : {}),
        },
      };
    },

    delete(agentRuntimeId, version, clientToken) {
      const fingerprint = canonicalJson({ agentRuntimeId, version });
      const replayed = replay(deleteAnswers, clientToken, fingerprint);
      if (replayed !== undefined) return replayed;
      if (!runtimes.has(agentRuntimeId) || (version !== undefined && version !== VERSION)) return notFound(agentRuntimeId, version);
      runtimes.delete(agentRuntimeId);
      const output = pickModelledMembers("DeleteAgentRuntimeResponse", { status: "DELETING", agentRuntimeId, agentRuntimeVersion: VERSION });
      if (clientToken !== undefined) deleteAnswers.set(clientToken, { fingerprint, output });
      return { output };
    },

    snapshot(now) {
      return [...runtimes.values()].map((runtime) => {
        const status = statusAt(runtime, now);
        return {
          agentRuntimeId: runtime.id,
          agentRuntimeArn: runtime.arn,
          agentRuntimeName: runtime.name,
          status,
          ...(status === "CREATE_FAILED" && runtime.failureReason !== undefined ? { failureReason: runtime.failureReason } : {}),
          createdAt: runtime.createdAt,
          request: runtime.request,
        };
      });
    },

    reset() {
      runtimes.clear();
      createAnswers.clear();
      deleteAnswers.clear();
      sequence = 0;
    },
  };
}
