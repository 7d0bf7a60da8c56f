import type { CallIdentity } from "../call-context.js";

/** The operations a tool performs, as remedies tell them apart. */
export type ToolOperation =
  | "create"
  | "get"
  | "list"
  | "listVersions"
  | "update"
  | "delete"
  | "invoke"
  | "stopSession"
  | "createEndpoint"
  | "getEndpoint"
  | "updateEndpoint"
  | "listEndpoints"
  | "deleteEndpoint"
  | "logs";

/** What a remedy may mention besides the identity: the arguments that shaped the call. */
export interface RemedyFacts {
  identity: Readonly<CallIdentity>;
  /** The version asked for, when the call named one. */
  version?: string;
  /** Whether the caller supplied the clientToken (else it was generated for this call). */
  tokenFromCaller?: boolean;
  /** The endpoint the call named (an endpoint tool's, or an invocation's qualifier). */
  endpoint?: string;
  /** The runtime session the call used. */
  runtimeSessionId?: string;
  /** The service's finer reason for the error, when it gave one: a remedy for it comes first. */
  reason?: string;
}

type Remedy = (facts: RemedyFacts, operation: ToolOperation) => string;

const TOOL: Record<ToolOperation, string> = {
  create: "create_agent_runtime",
  get: "get_agent_runtime",
  list: "list_agent_runtimes",
  listVersions: "list_agent_runtime_versions",
  update: "update_agent_runtime",
  delete: "delete_agent_runtime",
  invoke: "invoke_agent_runtime",
  stopSession: "stop_runtime_session",
  createEndpoint: "create_agent_runtime_endpoint",
  getEndpoint: "get_agent_runtime_endpoint",
  updateEndpoint: "update_agent_runtime_endpoint",
  listEndpoints: "list_agent_runtime_endpoints",
  deleteEndpoint: "delete_agent_runtime_endpoint",
  logs: "get_agent_runtime_logs",
};

/** The operations that change nothing: a lost answer is simply asked again. */
const READS: ReadonlySet<ToolOperation> = new Set(["get", "list", "listVersions", "getEndpoint", "listEndpoints", "logs"]);

/** How to say "the same runtime" in a next step: by id when known, else by name. */
function runtimeRef(identity: Readonly<CallIdentity>): string {
  if (identity.agentRuntimeId !== undefined) return `agentRuntimeId "${identity.agentRuntimeId}"`;
  if (identity.agentRuntimeName !== undefined) return `the name "${identity.agentRuntimeName}"`;
  return "the runtime's id";
}

/** The repeat-safely sentence for calls that carry a clientToken (create, update, delete). */
function repeatWithToken(operation: ToolOperation): (facts: RemedyFacts) => string {
  return ({ identity }) =>
    identity.clientToken === undefined
      ? `call ${TOOL[operation]} again with the same arguments.`
      : `call ${TOOL[operation]} again with the same arguments and clientToken "${identity.clientToken}": the service returns the result of the first call if it went through, and never acts twice.`;
}

/** For a lost answer: what happened is unknown, so repeat safely. */
function lostAnswer(operation: ToolOperation, what: string): Remedy {
  const repeat = repeatWithToken(operation);
  return (facts) =>
    READS.has(operation)
      ? `${what}; this call changes nothing, so ${repeat(facts)}`
      : `${what}, so it may or may not have been applied: ${repeat(facts)}`;
}

/** A clientToken reused with other arguments: the first call's arguments, or a new token. */
const tokenMismatch: Remedy = ({ identity }, operation) =>
  `This clientToken${identity.clientToken === undefined ? "" : ` ("${identity.clientToken}")`} was used before with other arguments, and nothing was changed now: to get the first call's result, repeat that call exactly; to make this change, call ${TOOL[operation]} again without clientToken (or with a new one).`;

const COMMON: Record<string, Remedy> = {
  IdempotentParameterMismatchException: tokenMismatch,
  RoleNotYetAssumable: (facts, operation) =>
    `IAM changes take a little while to reach AgentCore: wait about a minute, then ${repeatWithToken(operation)(facts)} If it keeps failing, check that the role exists and that its trust policy lets bedrock-agentcore.amazonaws.com call sts:AssumeRole.`,
  InvalidRoleArnFormat: (_facts, operation) =>
    `roleArn must be a role's full ARN, arn:aws:iam::<12-digit account id>:role/<role name> (e.g. arn:aws:iam::123456789012:role/AgentRuntimeRole; a path goes before the name: role/service-role/MyRole), not a name, an instance profile or a user: fix roleArn and call ${TOOL[operation]} again.`,
  ThrottlingException: (facts, operation) =>
    `The service is rate-limiting this account: wait a few seconds, then ${repeatWithToken(operation)(facts)}`,
  InternalServerException: (facts, operation) => `The service failed on its side: ${repeatWithToken(operation)(facts)}`,
  CredentialsError: () =>
    "No usable AWS credentials: the operator sets AWS_PROFILE (and runs `aws sso login` for SSO profiles) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the server's environment, or starts it with --sandbox to try it without AWS.",
  InvalidSignatureException: () =>
    "The request signature was rejected: the operator checks the machine's clock and that the credentials are current.",
  UnrecognizedClientException: () => "The access key is not known to AWS: the operator refreshes the credentials the server runs with.",
  ExpiredTokenException: () => "The session token has expired: the operator refreshes the credentials (for SSO, `aws sso login`).",
  RegionMissing: () =>
    'Pass the region argument (e.g. "region": "us-east-1") to this tool, or have the operator start the server with --region or AWS_REGION.',
  RegionMismatch: () => "Drop the region argument (an ARN already names its region), or pass the id instead of the ARN.",
  InvalidRegion: () => 'Pass a real AWS region name in the region argument, e.g. "us-east-1" or "eu-west-1".',
  InvalidEndpoint: () =>
    "The configured endpoint is not usable: the operator checks --endpoint-url (or AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL).",
  ResponseTooLarge: () =>
    "The answer was larger than any valid response: the operator checks that the endpoint URL points at the AgentCore control plane.",
  MalformedResponse: (facts, operation) => `The service's answer could not be read: ${repeatWithToken(operation)(facts)}`,
  LookupIncomplete: () => "Pass the runtime's id or ARN instead of its name (list_agent_runtimes with nameContains shows it).",
  PreflightFailed: (_facts, operation) =>
    `Fix what each failed check names (its fix is listed above), then call ${TOOL[operation]} again; or, if a check is wrong about your setup, pass ignoreChecks with its id to go ahead anyway.`,
  ConfirmationUnavailable: () =>
    "This server asks a person to approve each change, and this client cannot show the prompt: use a client with MCP elicitation, or ask the operator to restart the server without --confirm.",
};

/** How to name the endpoint of a call in a next step. */
function endpointRef(facts: RemedyFacts): string {
  return facts.endpoint === undefined ? "the endpoint" : `endpoint "${facts.endpoint}"`;
}

/** The next step after a failed invocation: the runtime's own logs say why. */
function readLogs(facts: RemedyFacts): string {
  const session = facts.runtimeSessionId === undefined ? "" : ` and runtimeSessionId "${facts.runtimeSessionId}"`;
  return `call get_agent_runtime_logs with ${runtimeRef(facts.identity)}${facts.endpoint === undefined ? "" : `, endpointName "${facts.endpoint}"`}${session} to read what the agent logged`;
}

function lostFor(operation: ToolOperation, plane: string): Record<string, Remedy> {
  return {
    NetworkError: lostAnswer(operation, `${plane} could not be reached or the connection broke`),
    TimeoutError: lostAnswer(operation, `${plane} did not answer in time`),
    DeadlineExceeded: lostAnswer(operation, "The call ran out of its time budget"),
    Cancelled: lostAnswer(operation, "The call was cancelled"),
  };
}

const ENDPOINT_NOT_FOUND: Remedy = (facts) =>
  `Runtime ${runtimeRef(facts.identity)} has no ${endpointRef(facts)} (or the runtime does not exist): call list_agent_runtime_endpoints with ${runtimeRef(facts.identity)} to see its endpoints.`;

const BY_OPERATION: Record<ToolOperation, Record<string, Remedy>> = {
  invoke: {
    ResourceNotFoundException: (facts) =>
      `No such runtime or endpoint: call list_agent_runtime_endpoints with ${runtimeRef(facts.identity)} to see its endpoints (DEFAULT always exists), or list_agent_runtimes to find the runtime.`,
    RetryableConflictException: (facts) =>
      `The runtime or ${endpointRef(facts)} is not READY yet: check get_agent_runtime (or get_agent_runtime_endpoint) until it is READY, then invoke again.`,
    NotReady: (facts) =>
      `Wait until it is READY: call get_agent_runtime with ${runtimeRef(facts.identity)} (or get_agent_runtime_endpoint for ${endpointRef(facts)}) and invoke again once its status is READY.`,
    RuntimeClientError: (facts) => `The agent itself failed: ${readLogs(facts)}; fix the agent (update_agent_runtime) or the payload.`,
    ValidationException: () =>
      "Fix the arguments named above and invoke again; a runtimeSessionId is 33-256 characters (omit it to start a new session).",
    ThrottlingException: (facts) =>
      `The runtime is busy or rate-limited: wait a few seconds and invoke again${facts.runtimeSessionId === undefined ? "" : ` with runtimeSessionId "${facts.runtimeSessionId}"`}; if it persists, ${readLogs(facts)}.`,
    ServiceQuotaExceededException: () =>
      "The account reached a runtime session quota: stop sessions it no longer needs (stop_runtime_session) or request a higher quota.",
    AccessDeniedException: () =>
      "The AWS identity lacks permission: allow bedrock-agentcore:InvokeAgentRuntime on the runtime and its endpoints.",
    PayloadTooLarge: () => "Send a smaller payload (the limit is stated above), or pass a reference (an S3 URI) the agent can fetch.",
    InvalidPayload: () => "Pass exactly one of payload (for HTTP, A2A and AGUI agents) or mcp (for MCP agents).",
    JsonRpcError: (facts) =>
      `The agent answered with a JSON-RPC error (shown above): call tools/list through mcp to see what it offers; if it crashed, ${readLogs(facts)}.`,
    InternalServerException: (facts) => `The service or the agent failed: invoke again; if it persists, ${readLogs(facts)}.`,
    ...lostFor("invoke", "The data plane"),
  },
  stopSession: {
    ResourceNotFoundException: (facts) =>
      `${facts.runtimeSessionId === undefined ? "The session" : `Session "${facts.runtimeSessionId}"`} is not running (it ended, idled out, or never started): nothing to stop. Invoke without runtimeSessionId to start a new one.`,
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:StopRuntimeSession on the runtime.",
    ...lostFor("stopSession", "The data plane"),
  },
  createEndpoint: {
    ConflictException: (facts) =>
      `${endpointRef(facts)} exists already on ${runtimeRef(facts.identity)}: call get_agent_runtime_endpoint to see it, update_agent_runtime_endpoint to point it at another version, or choose another name.`,
    ResourceNotFoundException: (facts) =>
      `The runtime or the version does not exist: call list_agent_runtime_versions with ${runtimeRef(facts.identity)} to see its versions.`,
    ValidationException: () =>
      "Fix the fields named above and call create_agent_runtime_endpoint again; an endpoint name is a letter, then up to 47 letters, digits or underscores.",
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:CreateAgentRuntimeEndpoint.",
    ServiceQuotaExceededException: (facts) =>
      `The runtime has as many endpoints as allowed: delete one it no longer needs (list_agent_runtime_endpoints with ${runtimeRef(facts.identity)}).`,
    NotApproved: () => "The person did not approve: nothing was created. Ask them before calling create_agent_runtime_endpoint again.",
    CREATE_FAILED: (facts) =>
      `Read the reason above; the version may have failed: list_agent_runtime_versions with ${runtimeRef(facts.identity)} shows each version's status.`,
    ...lostFor("createEndpoint", "The control plane"),
  },
  getEndpoint: {
    ResourceNotFoundException: ENDPOINT_NOT_FOUND,
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:GetAgentRuntimeEndpoint.",
    ...lostFor("getEndpoint", "The control plane"),
  },
  updateEndpoint: {
    ResourceNotFoundException: ENDPOINT_NOT_FOUND,
    ConflictException: (facts) =>
      `${endpointRef(facts)} is still changing: call get_agent_runtime_endpoint until it is READY, then update it again with a new clientToken.`,
    ValidationException: () =>
      "Fix the fields named above; the DEFAULT endpoint always serves the newest version and cannot be re-pointed (create a named endpoint instead).",
    DefaultEndpoint: (facts) =>
      `Create a named endpoint to pin a version (create_agent_runtime_endpoint with ${runtimeRef(facts.identity)}, a name such as "prod" and agentRuntimeVersion), or update the runtime (update_agent_runtime) to move DEFAULT.`,
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:UpdateAgentRuntimeEndpoint.",
    NotApproved: () =>
      "The person did not approve: the endpoint was not changed. Ask them before calling update_agent_runtime_endpoint again.",
    UPDATE_FAILED: (facts) =>
      `Read the reason above; the endpoint still serves its earlier version: list_agent_runtime_versions with ${runtimeRef(facts.identity)} shows which versions are READY.`,
    ...lostFor("updateEndpoint", "The control plane"),
  },
  listEndpoints: {
    ResourceNotFoundException: (facts) => `No runtime with ${runtimeRef(facts.identity)} exists: call list_agent_runtimes to find it.`,
    ValidationException: () => "The nextToken is not valid: call list_agent_runtime_endpoints again without nextToken.",
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:ListAgentRuntimeEndpoints.",
    ...lostFor("listEndpoints", "The control plane"),
  },
  deleteEndpoint: {
    ResourceNotFoundException: ENDPOINT_NOT_FOUND,
    ConflictException: (facts) =>
      `${endpointRef(facts)} is changing or being deleted already: call get_agent_runtime_endpoint to see its status.`,
    DefaultEndpoint: () =>
      "DEFAULT goes with the runtime and cannot be deleted on its own; delete_agent_runtime deletes the runtime with every endpoint.",
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:DeleteAgentRuntimeEndpoint.",
    NotApproved: () =>
      "The person did not approve the deletion: nothing was deleted. Ask them before calling delete_agent_runtime_endpoint again.",
    ConfirmNameMismatch: (facts) =>
      `Nothing was deleted. To delete without an MCP prompt, ask the person to confirm, then pass confirmName exactly "${facts.endpoint ?? "<the endpoint's name>"}".`,
    DELETE_FAILED: (facts) => `Read the reason above; then call delete_agent_runtime_endpoint again for ${endpointRef(facts)}.`,
    ...lostFor("deleteEndpoint", "The control plane"),
  },
  logs: {
    ResourceNotFoundException: (facts) =>
      `The log group does not exist yet: the runtime writes it on its first invocation through ${endpointRef(facts)} (invoke_agent_runtime), or the endpoint name is wrong (list_agent_runtime_endpoints).`,
    InvalidParameterException: () =>
      'Fix the arguments named above (a filterPattern uses CloudWatch syntax: words, "quoted phrases", -excluded) and call get_agent_runtime_logs again.',
    AccessDeniedException: () =>
      "The AWS identity lacks permission: allow logs:FilterLogEvents on the runtime's log group /aws/bedrock-agentcore/runtimes/*.",
    ...lostFor("logs", "CloudWatch Logs"),
  },

  create: {
    ValidationException: () =>
      "Fix the fields named above and call create_agent_runtime again. The arguments passed the local checks, so the service applied a rule of its own (for example an image or role in another account or region).",
    ConflictException: ({ identity }) =>
      identity.agentRuntimeId !== undefined
        ? `A runtime named "${identity.agentRuntimeName ?? ""}" already exists (${identity.agentRuntimeId}). If it is the one you meant to create, use it (get_agent_runtime with agentRuntimeId "${identity.agentRuntimeId}"); otherwise choose another agentRuntimeName.`
        : "A runtime with this agentRuntimeName already exists: call list_agent_runtimes with nameContains to find it, or choose another agentRuntimeName.",
    AccessDeniedException: () =>
      "The AWS identity lacks permission: allow bedrock-agentcore:CreateAgentRuntime (and bedrock-agentcore:GetAgentRuntime to read it back) plus iam:PassRole on the roleArn with iam:PassedToService bedrock-agentcore.amazonaws.com.",
    ServiceQuotaExceededException: () =>
      "The account reached its runtime quota in this region: delete runtimes it no longer needs (list_agent_runtimes, then delete_agent_runtime; a server that does not list it offers it once the operator adds --tools all), or request a higher quota in Service Quotas.",
    CREATE_FAILED: ({ identity }) =>
      `Read the reason above (usually the role cannot be assumed by bedrock-agentcore.amazonaws.com, or the image or code cannot be fetched with it). Fix it, then delete this runtime with delete_agent_runtime (${runtimeRef(identity)}; listed once the operator adds --tools all) and create it again.`,
    NotApproved: () => "The person did not approve the creation: ask them what to change before calling create_agent_runtime again.",
    NetworkError: lostAnswer("create", "The control plane could not be reached or the connection broke"),
    TimeoutError: lostAnswer("create", "The control plane did not answer in time"),
    DeadlineExceeded: lostAnswer("create", "The call ran out of its time budget"),
    Cancelled: lostAnswer("create", "The call was cancelled"),
  },
  get: {
    ResourceNotFoundException: ({ identity, version }) =>
      version !== undefined
        ? `Runtime ${runtimeRef(identity)} has no version ${version} in ${identity.region ?? "this region"}: call list_agent_runtime_versions with ${runtimeRef(identity)} to see its versions, or omit agentRuntimeVersion for the latest.`
        : `No runtime with ${runtimeRef(identity)} exists in ${identity.region ?? "this region"} for this account: call list_agent_runtimes to see the runtimes there (an id looks like my_agent-AbCdE12345), or pass the region argument.`,
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:GetAgentRuntime on the runtime.",
    NetworkError: lostAnswer("get", "The control plane could not be reached"),
    TimeoutError: lostAnswer("get", "The control plane did not answer in time"),
    DeadlineExceeded: lostAnswer("get", "The call ran out of its time budget"),
    Cancelled: lostAnswer("get", "The call was cancelled"),
  },
  list: {
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:ListAgentRuntimes.",
    ValidationException: () =>
      "The nextToken is not valid (it expires, and belongs to one region): call list_agent_runtimes again without nextToken.",
    NetworkError: lostAnswer("list", "The control plane could not be reached"),
    TimeoutError: lostAnswer("list", "The control plane did not answer in time"),
    DeadlineExceeded: lostAnswer("list", "The call ran out of its time budget"),
    Cancelled: lostAnswer("list", "The call was cancelled"),
  },
  listVersions: {
    ResourceNotFoundException: ({ identity }) =>
      `No runtime with ${runtimeRef(identity)} exists in ${identity.region ?? "this region"}: call list_agent_runtimes to find its id, or pass the region argument.`,
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:ListAgentRuntimeVersions.",
    NetworkError: lostAnswer("listVersions", "The control plane could not be reached"),
    TimeoutError: lostAnswer("listVersions", "The control plane did not answer in time"),
    DeadlineExceeded: lostAnswer("listVersions", "The call ran out of its time budget"),
    Cancelled: lostAnswer("listVersions", "The call was cancelled"),
  },
  update: {
    ResourceNotFoundException: ({ identity }) =>
      `No runtime with ${runtimeRef(identity)} exists in ${identity.region ?? "this region"}: call list_agent_runtimes to find it, or pass the region argument.`,
    ValidationException: () => "Fix the fields named above and call update_agent_runtime again; the runtime was not changed.",
    ConflictException: ({ identity }) =>
      `The runtime is changing already (an update or delete in progress): call get_agent_runtime with ${runtimeRef(identity)} until it is READY, then update again with a new clientToken.`,
    AccessDeniedException: () =>
      "The AWS identity lacks permission: allow bedrock-agentcore:UpdateAgentRuntime and bedrock-agentcore:GetAgentRuntime, plus iam:PassRole on the roleArn.",
    UPDATE_FAILED: ({ identity }) =>
      `Read the reason above, fix what it names, and call update_agent_runtime again for ${runtimeRef(identity)}; list_agent_runtime_versions shows the earlier versions.`,
    NotApproved: () => "The person did not approve the update: ask them what to change before calling update_agent_runtime again.",
    NothingToChange: () => "Pass at least one member to change (for example agentRuntimeArtifact with a new containerUri).",
    NetworkError: lostAnswer("update", "The control plane could not be reached or the connection broke"),
    TimeoutError: lostAnswer("update", "The control plane did not answer in time"),
    DeadlineExceeded: lostAnswer("update", "The call ran out of its time budget"),
    Cancelled: lostAnswer("update", "The call was cancelled"),
  },
  delete: {
    ResourceNotFoundException: ({ identity }) =>
      `No runtime with ${runtimeRef(identity)} exists in ${identity.region ?? "this region"} (it may be deleted already): call list_agent_runtimes to check.`,
    ConflictException: ({ identity }) =>
      `The runtime is changing (an update in progress): call get_agent_runtime with ${runtimeRef(identity)} until it is READY, then delete again.`,
    AccessDeniedException: () => "The AWS identity lacks permission: allow bedrock-agentcore:DeleteAgentRuntime.",
    DELETE_FAILED: ({ identity }) =>
      `Read the reason above; then call delete_agent_runtime again for ${runtimeRef(identity)}, or ask AWS Support if it keeps failing.`,
    NotApproved: () => "The person did not approve the deletion: nothing was deleted. Ask them before calling delete_agent_runtime again.",
    ConfirmNameMismatch: ({ identity }) =>
      `Nothing was deleted. To delete without an MCP prompt, ask the person to confirm, then pass confirmName exactly "${identity.agentRuntimeName ?? "<the runtime's name>"}".`,
    VersionServed: ({ identity, version }) =>
      `Point the endpoint at another version first (update_agent_runtime_endpoint with ${runtimeRef(identity)}), or for DEFAULT update the runtime (update_agent_runtime), then delete version ${version ?? "<n>"} again.`,
    NetworkError: lostAnswer("delete", "The control plane could not be reached or the connection broke"),
    TimeoutError: lostAnswer("delete", "The control plane did not answer in time"),
    DeadlineExceeded: lostAnswer("delete", "The call ran out of its time budget"),
    Cancelled: lostAnswer("delete", "The call was cancelled"),
  },
};

/** The one-line next step for a failure of `operation`, written for a model to act on. */
export function remedyFor(operation: ToolOperation, code: string, facts: RemedyFacts): string {
  const byReason = facts.reason === undefined ? undefined : (BY_OPERATION[operation][facts.reason] ?? COMMON[facts.reason]);
  const remedy = byReason ?? BY_OPERATION[operation][code] ?? COMMON[code];
  if (remedy) return remedy(facts, operation);
  return `Read the message above; if it names a field, fix it and call ${TOOL[operation]} again.`;
}

/** The codes with a remedy of their own for `operation` (its own and the common ones), for the table test. */
export function remedyCodes(operation: ToolOperation): string[] {
  return [...new Set([...Object.keys(BY_OPERATION[operation]), ...Object.keys(COMMON)])];
}
