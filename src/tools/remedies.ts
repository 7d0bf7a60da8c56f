import type { CallIdentity } from "../call-context.js";

/** The operations a tool performs, as remedies tell them apart. */
export type ToolOperation = "create" | "get" | "list" | "listVersions" | "update" | "delete";

/** What a remedy may mention besides the identity: the arguments that shaped the call. */
export interface RemedyFacts {
  identity: Readonly<CallIdentity>;
  /** The version asked for, when the call named one. */
  version?: string;
  /** Whether the caller supplied the clientToken (else it was generated for this call). */
  tokenFromCaller?: boolean;
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
};

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
    operation === "get" || operation === "list" || operation === "listVersions"
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
  ThrottlingException: (facts, operation) => `The service is rate-limiting this account: wait a few seconds, then ${repeatWithToken(operation)(facts)}`,
  InternalServerException: (facts, operation) => `The service failed on its side: ${repeatWithToken(operation)(facts)}`,
  CredentialsError: () =>
    "No usable AWS credentials: the operator sets AWS_PROFILE (and runs `aws sso login` for SSO profiles) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the server's environment, or starts it with --sandbox to try it without AWS.",
  InvalidSignatureException: () => "The request signature was rejected: the operator checks the machine's clock and that the credentials are current.",
  UnrecognizedClientException: () => "The access key is not known to AWS: the operator refreshes the credentials the server runs with.",
  ExpiredTokenException: () => "The session token has expired: the operator refreshes the credentials (for SSO, `aws sso login`).",
  RegionMissing: () =>
    'Pass the region argument (e.g. "region": "us-east-1") to this tool, or have the operator start the server with --region or AWS_REGION.',
  RegionMismatch: () => "Drop the region argument (an ARN already names its region), or pass the id instead of the ARN.",
  InvalidRegion: () => 'Pass a real AWS region name in the region argument, e.g. "us-east-1" or "eu-west-1".',
  InvalidEndpoint: () => "The configured endpoint is not usable: the operator checks --endpoint-url (or AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL).",
  ResponseTooLarge: () => "The answer was larger than any valid response: the operator checks that the endpoint URL points at the AgentCore control plane.",
  MalformedResponse: (facts, operation) => `The service's answer could not be read: ${repeatWithToken(operation)(facts)}`,
  LookupIncomplete: () => "Pass the runtime's id or ARN instead of its name (list_agent_runtimes with nameContains shows it).",
  PreflightFailed: (_facts, operation) =>
    `Fix what each failed check names (its fix is listed above), then call ${TOOL[operation]} again; or, if a check is wrong about your setup, pass ignoreChecks with its id to go ahead anyway.`,
  ConfirmationUnavailable: () =>
    "This server asks a person to approve each change, and this client cannot show the prompt: use a client with MCP elicitation, or ask the operator to restart the server without --confirm.",
};

const BY_OPERATION: Record<ToolOperation, Record<string, Remedy>> = {
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
    ValidationException: () => "The nextToken is not valid (it expires, and belongs to one region): call list_agent_runtimes again without nextToken.",
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
