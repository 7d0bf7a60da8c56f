// Our own words for the AWS model (never AWS documentation text): the one overlay the schema
// generator (scripts/generate-schemas.mjs) joins with the model carried in
// src/agentcore/generated/model/. Nothing imports this file at run time; the generator writes its words into
// src/agentcore/generated/. Run `npm run generate` after editing it.
//
// A member the model has and this file lacks fails generation naming its path, so a newer model
// cannot slip members past the tool's documentation.

/** Words for one model shape, used wherever the shape appears. */
export interface ShapeWords {
  /** A valid value, shown in argument errors ("e.g. ..."); strings are shown bare, others as JSON. */
  example?: unknown;
  /**
   * The pattern as a plain sentence starting with "must"; `{example}` is replaced by the example,
   * otherwise ", e.g. <example>" is appended. Required for every patterned shape a request uses.
   */
  pattern?: string;
  /**
   * What a value of the wrong JSON type is told it must be, e.g. "an object mapping tag keys to
   * values"; for a string, `{example}` is replaced as in `pattern`.
   */
  kind?: string;
  /** What an integer counts, e.g. "seconds": its messages say "a whole number of seconds". */
  unit?: string;
}

/** A rule across members that the model states only in its documentation. */
export interface CrossMemberRule {
  member: string;
  value: string;
  required: string;
  message: string;
}

const NAME =
  "Unique name in the account and region: a letter, then up to 47 letters, digits or underscores (no hyphens), e.g. weather_agent.";
const ARTIFACT = "What to run: set exactly one of containerConfiguration (an ECR image) or codeConfiguration (a zip in S3).";
const ROLE = "IAM role the runtime assumes, e.g. arn:aws:iam::123456789012:role/AgentRuntimeRole. The caller needs iam:PassRole on it.";
const NETWORK = "How the runtime reaches networks. Omit for the service default (public).";
const DESCRIPTION = "Free text for people (1-4096 characters). Treated as sensitive: never logged.";
const AUTHORIZER = "Inbound auth. Omit to require AWS IAM (SigV4) callers.";
const HEADERS = "Incoming HTTP headers to pass through to the agent.";
const PROTOCOL = "Protocol the agent speaks to its callers. Omit for the service default (HTTP).";
const LIFECYCLE = "Session timeouts.";
const METADATA = "How the runtime's instance metadata service may be reached.";
const ENVIRONMENT =
  "Up to 50 variables for the agent's environment (names 1-100, values up to 5000 characters). Sensitive: values are never logged or echoed; keep real secrets in a secrets store.";
const FILESYSTEMS = "Up to 5 file systems to mount into the runtime.";
const CAPACITY = "Run on a capacity provider you own instead of the shared fleet.";
const PLATFORM = "Version of the AgentCore runtime platform to run on, e.g. the value a newer SDK sends; omit for the service default.";
const CLIENT_TOKEN =
  "Idempotency key (33-256 letters, digits, hyphens; a UUID works): a repeat with it returns the first result, never acts twice. Generated when omitted; always returned.";
const TAGS = "Up to 50 tags (key 1-128, value 0-256 characters) for cost allocation and access control.";
const RUNTIME_ID = "The runtime's id, e.g. weather_agent-AbCdE12345: its name, a hyphen and 10 letters or digits.";
const RUNTIME_ARN = "ARN of the runtime.";
const VERSION = "A version of the runtime (1, 2, ...); each update creates a new one.";
const STATUS = "Lifecycle state: CREATING until the runtime can be invoked, then READY; *_FAILED when the service gave up.";
const CREATED = "When it was created.";
const UPDATED = "When it was last changed.";
const WORKLOAD = "Identity the runtime acts as when it calls other services.";
const MAX_RESULTS = "Most items to return in one page (1-100).";
const NEXT_TOKEN = "Continue a listing where the previous page ended; pass the nextToken that page returned.";
const PAGE = "Token for the next page, absent on the last one.";
const MOUNT = "Where the volume appears inside the runtime: /mnt/ followed by one folder name, e.g. /mnt/data.";
const SUBNETS = "Subnets (subnet-xxxxxxxx) for that endpoint.";

const ENDPOINT_NAME = "Endpoint name, e.g. prod (DEFAULT follows the newest version).";
const ENDPOINT_VERSION = "Version to serve; default the newest.";
const ENDPOINT_TOKEN = "Idempotency key (33-256 letters, digits, hyphens); generated when omitted.";
const ENDPOINT_DESCRIPTION = "Free text (1-256 characters).";
const ENDPOINT_ARN = "ARN of the endpoint.";
const ENDPOINT_STATUS =
  "Endpoint state: CREATING or UPDATING until it serves its target version, then READY; *_FAILED when the service gave up.";
const LIVE_VERSION = "The version the endpoint serves now.";
const TARGET_VERSION = "The version the endpoint is moving to while CREATING or UPDATING.";

/** One description for every member the generator emits, keyed by `Shape.member`. */
export const MEMBER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  "CreateAgentRuntimeRequest.agentRuntimeName": NAME,
  "CreateAgentRuntimeRequest.agentRuntimeArtifact": ARTIFACT,
  "CreateAgentRuntimeRequest.roleArn": ROLE,
  "CreateAgentRuntimeRequest.networkConfiguration": NETWORK,
  "CreateAgentRuntimeRequest.clientToken": CLIENT_TOKEN,
  "CreateAgentRuntimeRequest.description": DESCRIPTION,
  "CreateAgentRuntimeRequest.authorizerConfiguration": AUTHORIZER,
  "CreateAgentRuntimeRequest.requestHeaderConfiguration": HEADERS,
  "CreateAgentRuntimeRequest.protocolConfiguration": PROTOCOL,
  "CreateAgentRuntimeRequest.lifecycleConfiguration": LIFECYCLE,
  "CreateAgentRuntimeRequest.environmentVariables": ENVIRONMENT,
  "CreateAgentRuntimeRequest.filesystemConfigurations": FILESYSTEMS,
  "CreateAgentRuntimeRequest.capacityProviderConfiguration": CAPACITY,
  "CreateAgentRuntimeRequest.tags": TAGS,
  "CreateAgentRuntimeRequest.platformVersion": PLATFORM,

  "UpdateAgentRuntimeRequest.agentRuntimeId": RUNTIME_ID,
  "UpdateAgentRuntimeRequest.agentRuntimeArtifact": ARTIFACT,
  "UpdateAgentRuntimeRequest.roleArn": ROLE,
  "UpdateAgentRuntimeRequest.networkConfiguration": NETWORK,
  "UpdateAgentRuntimeRequest.description": DESCRIPTION,
  "UpdateAgentRuntimeRequest.authorizerConfiguration": AUTHORIZER,
  "UpdateAgentRuntimeRequest.requestHeaderConfiguration": HEADERS,
  "UpdateAgentRuntimeRequest.protocolConfiguration": PROTOCOL,
  "UpdateAgentRuntimeRequest.lifecycleConfiguration": LIFECYCLE,
  "UpdateAgentRuntimeRequest.metadataConfiguration": METADATA,
  "UpdateAgentRuntimeRequest.environmentVariables": ENVIRONMENT,
  "UpdateAgentRuntimeRequest.filesystemConfigurations": FILESYSTEMS,
  "UpdateAgentRuntimeRequest.capacityProviderConfiguration": CAPACITY,
  "UpdateAgentRuntimeRequest.platformVersion": PLATFORM,
  "UpdateAgentRuntimeRequest.clientToken": CLIENT_TOKEN,

  "GetAgentRuntimeRequest.agentRuntimeId": RUNTIME_ID,
  "GetAgentRuntimeRequest.agentRuntimeVersion": "A specific version (1, 2, ...); omit for the latest.",
  "ListAgentRuntimesRequest.maxResults": MAX_RESULTS,
  "ListAgentRuntimesRequest.nextToken": NEXT_TOKEN,
  "ListAgentRuntimeVersionsRequest.agentRuntimeId": RUNTIME_ID,
  "ListAgentRuntimeVersionsRequest.maxResults": MAX_RESULTS,
  "ListAgentRuntimeVersionsRequest.nextToken": NEXT_TOKEN,
  "DeleteAgentRuntimeRequest.agentRuntimeId": RUNTIME_ID,
  "DeleteAgentRuntimeRequest.agentRuntimeVersion": "Delete only this version; omit to delete the runtime with all its versions.",
  "DeleteAgentRuntimeRequest.clientToken": CLIENT_TOKEN,

  "AgentRuntimeArtifact.containerConfiguration": "Run the agent from a container image you built and pushed to ECR.",
  "AgentRuntimeArtifact.codeConfiguration": "Run the agent from a code archive on a managed language runtime, without building an image.",
  "ContainerConfiguration.containerUri":
    "Image to run, from Amazon ECR (private: ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO[:TAG|@DIGEST], or public.ecr.aws/...). The image must serve the chosen protocol on the runtime's port.",
  "CodeConfiguration.code": "Where the code archive lives; currently only an S3 object.",
  "CodeConfiguration.runtime": "Managed language runtime that executes the code.",
  "CodeConfiguration.entryPoint":
    'Command that starts the agent, as one or two items, e.g. ["main.py"] or ["opentelemetry-instrument", "main.py"].',
  "Code.s3": "Location of the code archive in Amazon S3.",
  "S3Location.bucket": "Name of the S3 bucket that holds the zipped code (3-63 lowercase letters, digits, dots, hyphens).",
  "S3Location.prefix": "Object key of the zip archive inside the bucket, e.g. agents/my-agent.zip.",
  "S3Location.versionId": "Pin a specific S3 object version; omit to use the latest version.",

  "NetworkConfiguration.networkMode":
    "PUBLIC gives the runtime internet access; VPC places it in your subnets (then networkModeConfig is required).",
  "NetworkConfiguration.networkModeConfig": "VPC placement; required when networkMode is VPC.",
  "VpcConfig.securityGroups": "1-16 security group IDs (sg-xxxxxxxx) applied to the runtime's network interfaces.",
  "VpcConfig.subnets": "1-16 subnet IDs (subnet-xxxxxxxx) the runtime attaches to; use private subnets in supported zones.",
  "VpcConfig.requireServiceS3Endpoint": "Set true when the VPC reaches S3 only through a gateway endpoint the service must use.",

  "AuthorizerConfiguration.customJWTAuthorizer":
    "Accept callers bearing a JWT from your OpenID Connect identity provider instead of AWS IAM signatures.",
  "CustomJWTAuthorizerConfiguration.discoveryUrl":
    "OpenID Connect discovery document of the identity provider, ending in /.well-known/openid-configuration.",
  "CustomJWTAuthorizerConfiguration.allowedAudience": "Token audiences (aud) that are accepted.",
  "CustomJWTAuthorizerConfiguration.allowedClients": "Client IDs (client_id) whose tokens are accepted.",
  "CustomJWTAuthorizerConfiguration.allowedScopes": "Scopes a token must carry, e.g. agent.invoke.",
  "CustomJWTAuthorizerConfiguration.advertisedScopeMapping":
    "Maps scope names advertised to clients onto the scopes the identity provider issues (1-50 pairs).",
  "CustomJWTAuthorizerConfiguration.customClaims": "Extra claim checks, all of which must pass.",
  "CustomJWTAuthorizerConfiguration.privateEndpoint": "How the service reaches an identity provider that is not on the internet.",
  "CustomJWTAuthorizerConfiguration.privateEndpointOverrides":
    "Up to 5 per-domain private routes, when the provider's endpoints live on several hosts.",
  "CustomJWTAuthorizerConfiguration.allowedWorkloadConfiguration": "Also admit calls from these AgentCore workloads.",
  "CustomClaimValidationType.inboundTokenClaimName": "Name of the claim to check in the caller's token, e.g. department.",
  "CustomClaimValidationType.inboundTokenClaimValueType": "Whether that claim holds one string or a list of strings.",
  "CustomClaimValidationType.authorizingClaimMatchValue": "The comparison a token's claim must pass.",
  "AuthorizingClaimMatchValueType.claimMatchValue": "The value or values the claim is compared with.",
  "AuthorizingClaimMatchValueType.claimMatchOperator":
    "EQUALS for an exact match, CONTAINS when a list claim must hold the value, CONTAINS_ANY when it must hold any of the values.",
  "ClaimMatchValueType.matchValueString": "One value to compare the claim with.",
  "ClaimMatchValueType.matchValueStringList": "Several values to compare the claim with.",
  "PrivateEndpoint.selfManagedLatticeResource":
    "Reach a private identity provider through a VPC Lattice resource configuration you manage.",
  "PrivateEndpoint.managedVpcResource": "Let the service manage a VPC endpoint to reach a private identity provider.",
  "SelfManagedLatticeResource.resourceConfigurationIdentifier":
    "VPC Lattice resource configuration (rcfg-... or its ARN) that fronts the identity provider.",
  "ManagedVpcResource.vpcIdentifier": "VPC (vpc-xxxxxxxx) in which the service creates the endpoint to your identity provider.",
  "ManagedVpcResource.subnetIds": SUBNETS,
  "ManagedVpcResource.endpointIpAddressType": "IP version of the endpoint.",
  "ManagedVpcResource.securityGroupIds": "Up to 5 security groups (sg-xxxxxxxx) for the endpoint.",
  "ManagedVpcResource.tags": "Tags for the endpoint resources the service creates.",
  "ManagedVpcResource.routingDomain": "Domain to route through the endpoint, if it differs from the discovery host.",
  "PrivateEndpointOverride.domain": "Host name this override applies to.",
  "PrivateEndpointOverride.privateEndpoint": "The private route for that host.",
  "AllowedWorkloadConfiguration.hostingEnvironments": "AgentCore resources (1-10) whose workloads may call this runtime.",
  "AllowedWorkloadConfiguration.workloadIdentities": "Workload identity names (1-10) allowed to call this runtime.",
  "HostingEnvironment.arn": "ARN of an AgentCore resource allowed to call.",

  "RequestHeaderConfiguration.requestHeaderAllowlist": "1-20 header names, e.g. X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant.",
  "ProtocolConfiguration.serverProtocol":
    "MCP for an MCP server, HTTP for a plain HTTP agent, A2A for Agent2Agent, AGUI for the AG-UI event protocol.",
  "LifecycleConfiguration.idleRuntimeSessionTimeout": "Seconds an idle session is kept before it ends (60-1209600; service default 900).",
  "LifecycleConfiguration.maxLifetime": "Seconds a session may live at most (60-1209600; service default 28800).",
  "RuntimeMetadataConfiguration.requireMMDSV2": "Set true to allow only session-token (v2) requests to the instance metadata service.",

  "FilesystemConfiguration.sessionStorage": "Scratch storage that lives as long as a session.",
  "FilesystemConfiguration.s3FilesAccessPoint": "Mount an S3 Files access point.",
  "FilesystemConfiguration.efsAccessPoint": "Mount an Amazon EFS access point (needs VPC network mode).",
  "FilesystemConfiguration.capacityProviderVolume": "Mount a volume of the capacity provider the runtime runs on.",
  "SessionStorageConfiguration.mountPath": MOUNT,
  "S3FilesAccessPointConfiguration.accessPointArn": "ARN of the S3 Files access point to mount.",
  "S3FilesAccessPointConfiguration.mountPath": MOUNT,
  "EfsAccessPointConfiguration.accessPointArn": "ARN of the EFS access point to mount.",
  "EfsAccessPointConfiguration.mountPath": MOUNT,
  "CapacityProviderVolumeConfiguration.volumeName": "Name of a volume defined by the capacity provider.",
  "CapacityProviderVolumeConfiguration.mountPath": MOUNT,
  "CapacityProviderConfiguration.capacityProviderArn": "ARN of the capacity provider to run on.",

  "CreateAgentRuntimeResponse.agentRuntimeArn": RUNTIME_ARN,
  "CreateAgentRuntimeResponse.workloadIdentityDetails": WORKLOAD,
  "CreateAgentRuntimeResponse.agentRuntimeId": RUNTIME_ID,
  "CreateAgentRuntimeResponse.agentRuntimeVersion": VERSION,
  "CreateAgentRuntimeResponse.createdAt": CREATED,
  "CreateAgentRuntimeResponse.status": STATUS,
  "UpdateAgentRuntimeResponse.agentRuntimeArn": RUNTIME_ARN,
  "UpdateAgentRuntimeResponse.agentRuntimeId": RUNTIME_ID,
  "UpdateAgentRuntimeResponse.workloadIdentityDetails": WORKLOAD,
  "UpdateAgentRuntimeResponse.agentRuntimeVersion": VERSION,
  "UpdateAgentRuntimeResponse.createdAt": CREATED,
  "UpdateAgentRuntimeResponse.lastUpdatedAt": UPDATED,
  "UpdateAgentRuntimeResponse.status": STATUS,
  "WorkloadIdentityDetails.workloadIdentityArn": "ARN of the workload identity.",

  "GetAgentRuntimeResponse.agentRuntimeArn": RUNTIME_ARN,
  "GetAgentRuntimeResponse.agentRuntimeName": "Its name.",
  "GetAgentRuntimeResponse.agentRuntimeId": RUNTIME_ID,
  "GetAgentRuntimeResponse.agentRuntimeVersion": VERSION,
  "GetAgentRuntimeResponse.createdAt": CREATED,
  "GetAgentRuntimeResponse.lastUpdatedAt": UPDATED,
  "GetAgentRuntimeResponse.roleArn": "IAM role the runtime assumes.",
  "GetAgentRuntimeResponse.networkConfiguration": "How the runtime reaches networks.",
  "GetAgentRuntimeResponse.status": STATUS,
  "GetAgentRuntimeResponse.lifecycleConfiguration": LIFECYCLE,
  "GetAgentRuntimeResponse.failureReason": "Why it failed, when its status is *_FAILED.",
  "GetAgentRuntimeResponse.description": DESCRIPTION,
  "GetAgentRuntimeResponse.workloadIdentityDetails": WORKLOAD,
  "GetAgentRuntimeResponse.agentRuntimeArtifact": "What it runs: an ECR image or a zip in S3.",
  "GetAgentRuntimeResponse.protocolConfiguration": "Protocol the agent speaks to its callers.",
  "GetAgentRuntimeResponse.environmentVariables": ENVIRONMENT,
  "GetAgentRuntimeResponse.authorizerConfiguration": "Inbound auth; absent when callers sign with AWS IAM.",
  "GetAgentRuntimeResponse.requestHeaderConfiguration": HEADERS,
  "GetAgentRuntimeResponse.metadataConfiguration": METADATA,
  "GetAgentRuntimeResponse.filesystemConfigurations": "File systems mounted into the runtime.",
  "GetAgentRuntimeResponse.capacityProviderConfiguration": "The capacity provider it runs on, if not the shared fleet.",
  "GetAgentRuntimeResponse.platformVersion": "Version of the AgentCore runtime platform it runs on.",

  "ListAgentRuntimesResponse.agentRuntimes": "Runtimes on this page.",
  "ListAgentRuntimesResponse.nextToken": PAGE,
  "ListAgentRuntimeVersionsResponse.agentRuntimes": "Versions on this page, one entry each.",
  "ListAgentRuntimeVersionsResponse.nextToken": PAGE,
  "AgentRuntime.agentRuntimeArn": RUNTIME_ARN,
  "AgentRuntime.agentRuntimeId": RUNTIME_ID,
  "AgentRuntime.agentRuntimeVersion": VERSION,
  "AgentRuntime.agentRuntimeName": "Its name.",
  "AgentRuntime.description": DESCRIPTION,
  "AgentRuntime.lastUpdatedAt": UPDATED,
  "AgentRuntime.status": STATUS,
  "DeleteAgentRuntimeResponse.status": "State after the request, normally DELETING.",
  "DeleteAgentRuntimeResponse.agentRuntimeId": RUNTIME_ID,
  "DeleteAgentRuntimeResponse.agentRuntimeVersion": "The version deleted, when only one was.",
  "CreateAgentRuntimeEndpointRequest.agentRuntimeId": RUNTIME_ID,
  "CreateAgentRuntimeEndpointRequest.name": ENDPOINT_NAME,
  "CreateAgentRuntimeEndpointRequest.agentRuntimeVersion": ENDPOINT_VERSION,
  "CreateAgentRuntimeEndpointRequest.description": ENDPOINT_DESCRIPTION,
  "CreateAgentRuntimeEndpointRequest.clientToken": ENDPOINT_TOKEN,
  "CreateAgentRuntimeEndpointRequest.tags": TAGS,
  "GetAgentRuntimeEndpointRequest.agentRuntimeId": RUNTIME_ID,
  "GetAgentRuntimeEndpointRequest.endpointName": ENDPOINT_NAME,
  "UpdateAgentRuntimeEndpointRequest.agentRuntimeId": RUNTIME_ID,
  "UpdateAgentRuntimeEndpointRequest.endpointName": ENDPOINT_NAME,
  "UpdateAgentRuntimeEndpointRequest.agentRuntimeVersion": "Version to serve: newer promotes, older rolls back.",
  "UpdateAgentRuntimeEndpointRequest.description": ENDPOINT_DESCRIPTION,
  "UpdateAgentRuntimeEndpointRequest.clientToken": ENDPOINT_TOKEN,
  "ListAgentRuntimeEndpointsRequest.agentRuntimeId": RUNTIME_ID,
  "ListAgentRuntimeEndpointsRequest.maxResults": MAX_RESULTS,
  "ListAgentRuntimeEndpointsRequest.nextToken": NEXT_TOKEN,
  "DeleteAgentRuntimeEndpointRequest.agentRuntimeId": RUNTIME_ID,
  "DeleteAgentRuntimeEndpointRequest.endpointName": ENDPOINT_NAME,
  "DeleteAgentRuntimeEndpointRequest.clientToken": ENDPOINT_TOKEN,
  "CreateAgentRuntimeEndpointResponse.targetVersion": TARGET_VERSION,
  "CreateAgentRuntimeEndpointResponse.agentRuntimeEndpointArn": ENDPOINT_ARN,
  "CreateAgentRuntimeEndpointResponse.agentRuntimeArn": RUNTIME_ARN,
  "CreateAgentRuntimeEndpointResponse.agentRuntimeId": RUNTIME_ID,
  "CreateAgentRuntimeEndpointResponse.endpointName": "The endpoint's name.",
  "CreateAgentRuntimeEndpointResponse.status": ENDPOINT_STATUS,
  "CreateAgentRuntimeEndpointResponse.createdAt": CREATED,
  "GetAgentRuntimeEndpointResponse.liveVersion": LIVE_VERSION,
  "GetAgentRuntimeEndpointResponse.targetVersion": TARGET_VERSION,
  "GetAgentRuntimeEndpointResponse.agentRuntimeEndpointArn": ENDPOINT_ARN,
  "GetAgentRuntimeEndpointResponse.agentRuntimeArn": RUNTIME_ARN,
  "GetAgentRuntimeEndpointResponse.description": ENDPOINT_DESCRIPTION,
  "GetAgentRuntimeEndpointResponse.status": ENDPOINT_STATUS,
  "GetAgentRuntimeEndpointResponse.createdAt": CREATED,
  "GetAgentRuntimeEndpointResponse.lastUpdatedAt": UPDATED,
  "GetAgentRuntimeEndpointResponse.failureReason": "Why the service gave up, when the state is *_FAILED.",
  "GetAgentRuntimeEndpointResponse.name": "The endpoint's name.",
  "GetAgentRuntimeEndpointResponse.id": "The endpoint's id.",
  "UpdateAgentRuntimeEndpointResponse.liveVersion": LIVE_VERSION,
  "UpdateAgentRuntimeEndpointResponse.targetVersion": TARGET_VERSION,
  "UpdateAgentRuntimeEndpointResponse.agentRuntimeEndpointArn": ENDPOINT_ARN,
  "UpdateAgentRuntimeEndpointResponse.agentRuntimeArn": RUNTIME_ARN,
  "UpdateAgentRuntimeEndpointResponse.status": ENDPOINT_STATUS,
  "UpdateAgentRuntimeEndpointResponse.createdAt": CREATED,
  "UpdateAgentRuntimeEndpointResponse.lastUpdatedAt": UPDATED,
  "AgentRuntimeEndpoint.name": "The endpoint's name.",
  "AgentRuntimeEndpoint.liveVersion": LIVE_VERSION,
  "AgentRuntimeEndpoint.targetVersion": TARGET_VERSION,
  "AgentRuntimeEndpoint.agentRuntimeEndpointArn": ENDPOINT_ARN,
  "AgentRuntimeEndpoint.agentRuntimeArn": RUNTIME_ARN,
  "AgentRuntimeEndpoint.status": ENDPOINT_STATUS,
  "AgentRuntimeEndpoint.id": "The endpoint's id.",
  "AgentRuntimeEndpoint.description": ENDPOINT_DESCRIPTION,
  "AgentRuntimeEndpoint.createdAt": CREATED,
  "AgentRuntimeEndpoint.lastUpdatedAt": UPDATED,
  "ListAgentRuntimeEndpointsResponse.runtimeEndpoints": "Endpoints on this page.",
  "ListAgentRuntimeEndpointsResponse.nextToken": PAGE,
  "DeleteAgentRuntimeEndpointResponse.status": "State after the request, normally DELETING.",
  "DeleteAgentRuntimeEndpointResponse.agentRuntimeId": RUNTIME_ID,
  "DeleteAgentRuntimeEndpointResponse.endpointName": "The endpoint being deleted.",
  // Data plane (bedrock-agentcore) and CloudWatch Logs members the tools take (MEMBER_MODELS of the generator).
  "InvokeAgentRuntimeRequest.runtimeSessionId": "Session to continue; omit for a new one.",
  "StopRuntimeSessionRequest.runtimeSessionId": "Session to end.",
  "FilterLogEventsRequest.filterPattern": "CloudWatch filter pattern.",
};

const ARN_OF_ROLE = "arn:aws:iam::123456789012:role/AgentRuntimeRole";

/** Words for model shapes, keyed by shape name: examples, patterns in plain words, type phrases. */
export const SHAPE_WORDS: Readonly<Record<string, ShapeWords>> = {
  AgentRuntimeName: {
    example: "weather_agent",
    pattern: "must start with a letter and hold only letters, digits and underscores (no hyphens), at most 48 characters",
  },
  RuntimeContainerUri: {
    example: "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:latest",
    pattern: "must be an ECR image URI like {example} (or public.ecr.aws/...); Docker Hub and other registries are not supported",
  },
  S3LocationBucketString: {
    example: "my-agent-code",
    pattern: "must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens",
  },
  S3LocationPrefixString: { example: "agents/my-agent.zip" },
  entryPoint: { example: "main.py" },
  // Timeouts are seconds; models often send minutes (15) or durations ("15m").
  LifecycleConfigurationIdleRuntimeSessionTimeoutInteger: { unit: "seconds" },
  LifecycleConfigurationMaxLifetimeInteger: { unit: "seconds" },
  CodeConfigurationEntryPointList: { example: ["main.py"] },
  // A string ("PUBLIC") where this object belongs is a common mistake; the example shows the object.
  NetworkConfiguration: { example: { networkMode: "PUBLIC" } },
  RoleArn: { example: ARN_OF_ROLE, pattern: "must be an IAM role ARN like {example}" },
  SecurityGroupId: { example: "sg-0123456789abcdef0", pattern: "must be a security group id: sg- and 8-17 letters or digits" },
  SubnetId: { example: "subnet-0123456789abcdef0", pattern: "must be a subnet id: subnet- and 8-17 letters or digits" },
  ClientToken: {
    example: "5f0c8a5e-3b1d-4c1e-9a4f-2f6d7c8b9a01",
    pattern: "must be letters and digits, optionally joined by hyphens (a UUID works)",
  },
  DiscoveryUrl: {
    example: "https://idp.example.com/.well-known/openid-configuration",
    pattern: "must be the URL of an OpenID Connect discovery document, ending in /.well-known/openid-configuration",
  },
  AllowedScopeType: { example: "agent.invoke", pattern: "must be printable ASCII without spaces, quotes or backslashes" },
  AdvertisedScopeMappingType: {
    kind: "an object mapping advertised scopes to the provider's scopes",
    example: { "agent.invoke": "api://agent/invoke" },
  },
  InboundTokenClaimNameType: { example: "department", pattern: "must be letters, digits and the characters _ . - :" },
  MatchValueString: { example: "engineering", pattern: "must be letters, digits and the characters _ . -" },
  ResourceConfigurationIdentifier: {
    example: "rcfg-0123456789abcdef0",
    pattern: "must be a VPC Lattice resource configuration id (rcfg- and 17 lowercase letters or digits) or its ARN",
  },
  VpcIdentifier: { example: "vpc-0123456789abcdef0", pattern: "must be a VPC id: vpc- and 8 or 17 lowercase letters or digits" },
  SecurityGroupIdentifier: {
    example: "sg-0123456789abcdef0",
    pattern: "must be a security group id: sg- and 8 or 17 lowercase letters or digits",
  },
  TagKey: { example: "team", pattern: "must be letters, digits, spaces and the characters _ . : / = + - @" },
  TagValue: { example: "ml-platform", pattern: "must be letters, digits, spaces and the characters _ . : / = + - @" },
  TagsMap: { kind: "an object mapping tag keys to values", example: { team: "ml-platform" } },
  HeaderName: {
    example: "X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant",
    pattern: "must be a header name: a letter, then letters, digits, _ or -",
  },
  EnvironmentVariablesMap: { kind: "an object mapping variable names to values", example: { LOG_LEVEL: "info" } },
  MountPath: { example: "/mnt/data", pattern: "must be /mnt/ followed by one folder name" },
  S3FilesAccessPointArn: {
    example: "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef01/access-point/fsap-0123456789abcdef01",
    pattern: "must be an S3 Files access point ARN like {example}",
  },
  EfsAccessPointArn: {
    example: "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0",
    pattern: "must be an EFS access point ARN like {example}",
  },
  CapacityProviderVolumeName: { example: "scratch", pattern: "must start with a letter and hold only letters, digits, _ and -" },
  CapacityProviderArn: {
    example: "arn:aws:bedrock-agentcore:us-east-1:123456789012:capacity-provider/my_fleet-AbCdE12345",
    pattern: "must be a capacity provider ARN like {example}",
  },
  WorkloadIdentityNameType: { example: "my_workload", pattern: "must be letters, digits and the characters _ . -" },
  PlatformVersion: { example: "1.0", pattern: "must not contain spaces" },
  AgentRuntimeId: {
    example: "weather_agent-AbCdE12345",
    pattern: "must be a runtime id: its name, a hyphen and 10 letters or digits, like {example} (create_agent_runtime returns it)",
  },
  // Models send versions as JSON numbers and as "v2" about as often as the string "2".
  AgentRuntimeVersion: {
    example: "1",
    kind: 'a version number written as a string, e.g. "{example}" or "2" (list_agent_runtime_versions lists them)',
    pattern:
      'must be a version number from 1 to 99999 written as a string, e.g. "{example}" or "2" (list_agent_runtime_versions lists them)',
  },
  EndpointName: {
    example: "prod",
    pattern: "must start with a letter and hold only letters, digits and underscores, at most 48 characters",
  },
  NextToken: { pattern: "must not contain spaces; pass the nextToken a previous page returned" },
  SessionType: { example: "session-0f8fad5b-d9cb-469f-a165-70867728950e" },
};

/** Rules across members that the model states only in its documentation, keyed by shape. */
export const CROSS_MEMBER_RULES: Readonly<Record<string, CrossMemberRule>> = {
  NetworkConfiguration: {
    member: "networkMode",
    value: "VPC",
    required: "networkModeConfig",
    message:
      'is required when networkMode is VPC, e.g. {"securityGroups": ["sg-0123456789abcdef0"], "subnets": ["subnet-0123456789abcdef0"]}',
  },
};
