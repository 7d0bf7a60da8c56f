import * as z from "zod";

// These schemas mirror the CreateAgentRuntime request of the AWS model (botocore service-2.json,
// 2026-08-06) member for member. The conformance test in test/unit/model-conformance.test.ts walks
// the model and fails on any drift, so a change here must match a change in the model.

/** Anchors a model pattern: the model's patterns are whole-string matches, JSON Schema's are not. */
function wholeMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/**
 * A string whose length bounds count Unicode code points, as Smithy (and JSON Schema) define
 * length; zod's own min/max count UTF-16 units and would refuse valid emoji-heavy values. The
 * bounds are advertised as minLength/maxLength.
 */
function text(min: number, max?: number) {
  const length = (value: string): number => {
    let count = 0;
    for (const _ of value) count += 1;
    return count;
  };
  return z
    .string()
    .refine((value) => length(value) >= min, { message: `must be at least ${min} characters long` })
    .refine((value) => max === undefined || length(value) <= max, { message: `must be at most ${max} characters long` })
    .meta(max === undefined ? { minLength: min } : { minLength: min, maxLength: max });
}

/**
 * A model map: key and value schemas plus the model's size bounds, advertised as
 * min/maxProperties and enforced by a refinement because zod records carry no size checks.
 */
function boundedMap<K extends z.ZodString, V extends z.ZodString>(key: K, value: V, bounds: { min?: number; max: number }) {
  const min = bounds.min ?? 0;
  return z
    .record(key, value)
    .refine((map) => Object.keys(map).length >= min, { message: `must have at least ${min} entries` })
    .refine((map) => Object.keys(map).length <= bounds.max, { message: `must have at most ${bounds.max} entries` })
    .meta(min > 0 ? { minProperties: min, maxProperties: bounds.max } : { maxProperties: bounds.max });
}

/**
 * A model union: exactly one of the members may be set. Advertised as `oneOf` of single-member
 * objects so a client model sees the rule in the schema itself.
 */
function exactlyOneOf<T extends Record<string, z.ZodType>>(members: T) {
  const names = Object.keys(members);
  const arms = names.map((name) => z.strictObject({ [name]: members[name] as z.ZodType }));
  return z.xor(arms as [z.ZodObject, z.ZodObject, ...z.ZodObject[]], {
    error: `must set exactly one of: ${names.join(", ")}`,
  }) as unknown as z.ZodType<{ [K in keyof T]: { [P in K]: z.infer<T[P]> } }[keyof T]>;
}

const MountPath = text(6, 200)
  .regex(wholeMatch("/mnt/[a-zA-Z0-9._-]+/?"))
  .describe("Where the volume appears inside the runtime: /mnt/ followed by one folder name, e.g. /mnt/data.");

const TagsMap = boundedMap(
  text(1, 128).regex(wholeMatch("[a-zA-Z0-9\\s._:/=+@-]*")),
  text(0, 256).regex(wholeMatch("[a-zA-Z0-9\\s._:/=+@-]*")),
  { max: 50 },
);

const ContainerConfiguration = z
  .strictObject({
    containerUri: text(1, 1024)
      .regex(
        wholeMatch(
          "(([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?|public\\.ecr\\.aws)/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::([^:@]{1,300}))?(?:@(.+))?",
        ),
      )
      .describe(
        "Image to run, from Amazon ECR (private: ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO[:TAG|@DIGEST], or public.ecr.aws/...). The image must serve the chosen protocol on the runtime's port.",
      ),
  })
  .describe("Run the agent from a container image you built and pushed to ECR.");

const S3Location = z
  .strictObject({
    bucket: z
      .string()
      .regex(wholeMatch("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"))
      .describe("Name of the S3 bucket that holds the zipped code (3-63 lowercase letters, digits, dots, hyphens)."),
    prefix: text(1, 1024).describe("Object key of the zip archive inside the bucket, e.g. agents/my-agent.zip."),
    versionId: text(3, 1024)
      .optional()
      .describe("Pin a specific S3 object version; omit to use the latest version."),
  })
  .describe("Location of the code archive in Amazon S3.");

const CodeConfiguration = z
  .strictObject({
    code: exactlyOneOf({ s3: S3Location }).describe("Where the code archive lives; currently only an S3 object."),
    runtime: z
      .enum(["PYTHON_3_10", "PYTHON_3_11", "PYTHON_3_12", "PYTHON_3_13", "PYTHON_3_14", "NODE_22"])
      .describe("Managed language runtime that executes the code."),
    entryPoint: z
      .array(text(1, 128))
      .min(1)
      .max(2)
      .describe("Command that starts the agent, as one or two items, e.g. [\"main.py\"] or [\"opentelemetry-instrument\", \"main.py\"]."),
  })
  .describe("Run the agent from a code archive on a managed language runtime, without building an image.");

const VpcConfig = z
  .strictObject({
    securityGroups: z
      .array(z.string().regex(wholeMatch("sg-[0-9a-zA-Z]{8,17}")))
      .min(1)
      .max(16)
      .describe("1-16 security group IDs (sg-xxxxxxxx) applied to the runtime's network interfaces."),
    subnets: z
      .array(z.string().regex(wholeMatch("subnet-[0-9a-zA-Z]{8,17}")))
      .min(1)
      .max(16)
      .describe("1-16 subnet IDs (subnet-xxxxxxxx) the runtime attaches to; use private subnets in supported zones."),
    requireServiceS3Endpoint: z
      .boolean()
      .optional()
      .describe("Set true when the VPC reaches S3 only through a gateway endpoint the service must use."),
  })
  .describe("VPC placement; required when networkMode is VPC.");

const NetworkConfiguration = z
  .strictObject({
    networkMode: z
      .enum(["PUBLIC", "VPC"])
      .describe("PUBLIC gives the runtime internet access; VPC places it in your subnets (then networkModeConfig is required)."),
    networkModeConfig: VpcConfig.optional(),
  })
  .superRefine((value, context) => {
    if (value.networkMode === "VPC" && value.networkModeConfig === undefined) {
      context.addIssue({ code: "custom", path: ["networkModeConfig"], message: "is required when networkMode is VPC" });
    }
  })
  .meta({
    if: { properties: { networkMode: { const: "VPC" } }, required: ["networkMode"] },
    then: { required: ["networkModeConfig"] },
  })
  .describe("How the runtime reaches networks. Omit for the service default (public).");

const MatchValueString = text(1, 255).regex(wholeMatch("[A-Za-z0-9_.-]+"));

const CustomClaimValidation = z
  .strictObject({
    inboundTokenClaimName: text(1, 255)
      .regex(wholeMatch("[A-Za-z0-9_.-:]+"))
      .describe("Name of the claim to check in the caller's token, e.g. department."),
    inboundTokenClaimValueType: z
      .enum(["STRING", "STRING_ARRAY"])
      .describe("Whether that claim holds one string or a list of strings."),
    authorizingClaimMatchValue: z
      .strictObject({
        claimMatchValue: exactlyOneOf({
          matchValueString: MatchValueString.describe("One value to compare the claim with."),
          matchValueStringList: z.array(MatchValueString).min(1).describe("Several values to compare the claim with."),
        }).describe("The value or values the claim is compared with."),
        claimMatchOperator: z
          .enum(["EQUALS", "CONTAINS", "CONTAINS_ANY"])
          .describe("EQUALS for an exact match, CONTAINS when a list claim must hold the value, CONTAINS_ANY when it must hold any of the values."),
      })
      .describe("The comparison a token's claim must pass."),
  })
  .describe("One extra claim check a caller's token must pass.");

const ManagedVpcResource = z
  .strictObject({
    vpcIdentifier: z
      .string()
      .regex(wholeMatch("vpc-(([0-9a-z]{8})|([0-9a-z]{17}))"))
      .describe("VPC (vpc-xxxxxxxx) in which the service creates the endpoint to your identity provider."),
    subnetIds: z
      .array(z.string().regex(wholeMatch("subnet-[0-9a-zA-Z]{8,17}")))
      .describe("Subnets (subnet-xxxxxxxx) for that endpoint."),
    endpointIpAddressType: z.enum(["IPV4", "IPV6"]).describe("IP version of the endpoint."),
    securityGroupIds: z
      .array(z.string().regex(wholeMatch("sg-(([0-9a-z]{8})|([0-9a-z]{17}))")))
      .min(0)
      .max(5)
      .optional()
      .describe("Up to 5 security groups (sg-xxxxxxxx) for the endpoint."),
    tags: TagsMap.optional().describe("Tags for the endpoint resources the service creates."),
    routingDomain: text(3, 255).optional().describe("Domain to route through the endpoint, if it differs from the discovery host."),
  })
  .describe("Let the service manage a VPC endpoint to reach a private identity provider.");

const PrivateEndpoint = exactlyOneOf({
  selfManagedLatticeResource: exactlyOneOf({
    resourceConfigurationIdentifier: text(20, 2048)
      .regex(
        wholeMatch(
          "((rcfg-[0-9a-z]{17})|(arn:[a-z0-9\\-]+:vpc-lattice:[a-zA-Z0-9\\-]+:\\d{12}:resourceconfiguration/rcfg-[0-9a-z]{17}))",
        ),
      )
      .describe("VPC Lattice resource configuration (rcfg-... or its ARN) that fronts the identity provider."),
  }).describe("Reach a private identity provider through a VPC Lattice resource configuration you manage."),
  managedVpcResource: ManagedVpcResource,
})
  .describe("How the service reaches an identity provider that is not on the internet.")
  // Used twice (the authorizer and each override): one definition under $defs keeps tools/list small.
  .meta({ id: "PrivateEndpoint" });

const CustomJWTAuthorizer = z
  .strictObject({
    discoveryUrl: z
      .string()
      .regex(wholeMatch(".+/\\.well-known/openid-configuration"))
      .describe("OpenID Connect discovery document of the identity provider, ending in /.well-known/openid-configuration."),
    allowedAudience: z.array(z.string()).min(1).optional().describe("Token audiences (aud) that are accepted."),
    allowedClients: z.array(z.string()).min(1).optional().describe("Client IDs (client_id) whose tokens are accepted."),
    allowedScopes: z
      .array(text(1, 255).regex(wholeMatch("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")))
      .min(1)
      .optional()
      .describe("Scopes a token must carry, e.g. agent.invoke."),
    advertisedScopeMapping: boundedMap(
      text(1, 255).regex(wholeMatch("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")),
      text(1, 255).regex(wholeMatch("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")),
      { min: 1, max: 50 },
    )
      .optional()
      .describe("Maps scope names advertised to clients onto the scopes the identity provider issues (1-50 pairs)."),
    customClaims: z.array(CustomClaimValidation).min(1).optional().describe("Extra claim checks, all of which must pass."),
    privateEndpoint: PrivateEndpoint.optional(),
    privateEndpointOverrides: z
      .array(
        z
          .strictObject({
            domain: text(1, 253).describe("Host name this override applies to."),
            privateEndpoint: PrivateEndpoint,
          })
          .describe("A private route for one domain the authorizer contacts."),
      )
      .min(0)
      .max(5)
      .optional()
      .describe("Up to 5 per-domain private routes, when the provider's endpoints live on several hosts."),
    allowedWorkloadConfiguration: z
      .strictObject({
        hostingEnvironments: z
          .array(
            z
              .strictObject({
                arn: text(20, 1011).describe("ARN of an AgentCore resource allowed to call."),
              })
              .describe("One allowed hosting environment."),
          )
          .min(1)
          .max(10)
          .optional()
          .describe("AgentCore resources (1-10) whose workloads may call this runtime."),
        workloadIdentities: z
          .array(text(3, 255).regex(wholeMatch("[A-Za-z0-9_.-]+")))
          .min(1)
          .max(10)
          .optional()
          .describe("Workload identity names (1-10) allowed to call this runtime."),
      })
      .optional()
      .describe("Also admit calls from these AgentCore workloads."),
  })
  .describe("Accept callers bearing a JWT from your OpenID Connect identity provider instead of AWS IAM signatures.");

const FilesystemConfiguration = exactlyOneOf({
  sessionStorage: z
    .strictObject({ mountPath: MountPath })
    .describe("Scratch storage that lives as long as a session."),
  s3FilesAccessPoint: z
    .strictObject({
      accessPointArn: text(0, 256)
        .regex(
          wholeMatch(
            "arn:aws[-a-z]*:s3files:[0-9a-z-:]+:file-system/fs-[0-9a-f]{17,40}/access-point/fsap-[0-9a-f]{17,40}",
          ),
        )
        .describe("ARN of the S3 Files access point to mount."),
      mountPath: MountPath,
    })
    .describe("Mount an S3 Files access point."),
  efsAccessPoint: z
    .strictObject({
      accessPointArn: text(0, 128)
        .regex(wholeMatch("arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:access-point/fsap-[0-9a-f]{8,40}"))
        .describe("ARN of the EFS access point to mount."),
      mountPath: MountPath,
    })
    .describe("Mount an Amazon EFS access point (needs VPC network mode)."),
  capacityProviderVolume: z
    .strictObject({
      volumeName: text(1, 48)
        .regex(wholeMatch("[a-zA-Z][a-zA-Z0-9_-]{0,47}"))
        .describe("Name of a volume defined by the capacity provider."),
      mountPath: MountPath,
    })
    .describe("Mount a volume of the capacity provider the runtime runs on."),
}).describe("One file system to mount.");

/** Zod schema of the CreateAgentRuntime request: the `create_agent_runtime` tool's API members. */
export const CreateAgentRuntimeRequestSchema = z.strictObject({
  agentRuntimeName: z
    .string()
    .regex(wholeMatch("[a-zA-Z][a-zA-Z0-9_]{0,47}"))
    .describe("Unique name in the account and region: a letter, then up to 47 letters, digits or underscores (no hyphens), e.g. weather_agent."),
  description: text(1, 4096)
    .optional()
    .describe("Free text for people (1-4096 characters). Treated as sensitive: never logged."),
  agentRuntimeArtifact: exactlyOneOf({
    containerConfiguration: ContainerConfiguration,
    codeConfiguration: CodeConfiguration,
  }).describe("What to run: set exactly one of containerConfiguration (an ECR image) or codeConfiguration (a zip in S3)."),
  roleArn: text(1, 2048)
    .regex(wholeMatch("arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+"))
    .describe("IAM role the runtime assumes, e.g. arn:aws:iam::123456789012:role/AgentRuntimeRole. The caller needs iam:PassRole on it."),
  networkConfiguration: NetworkConfiguration.optional(),
  clientToken: text(33, 256)
    .regex(wholeMatch("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}"))
    .optional()
    .describe("Idempotency key (33-256 letters, digits, hyphens; a UUID works). Repeating a call with the same token returns the first result instead of creating twice. Generated when omitted and returned in the result."),
  authorizerConfiguration: exactlyOneOf({ customJWTAuthorizer: CustomJWTAuthorizer })
    .optional()
    .describe("Inbound auth. Omit to require AWS IAM (SigV4) callers."),
  requestHeaderConfiguration: exactlyOneOf({
    requestHeaderAllowlist: z
      .array(text(1, 256).regex(wholeMatch("[A-Za-z][A-Za-z0-9_-]{0,255}")))
      .min(1)
      .max(20)
      .describe("1-20 header names, e.g. X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant."),
  })
    .optional()
    .describe("Incoming HTTP headers to pass through to the agent."),
  protocolConfiguration: z
    .strictObject({
      serverProtocol: z
        .enum(["MCP", "HTTP", "A2A", "AGUI"])
        .describe("MCP for an MCP server, HTTP for a plain HTTP agent, A2A for Agent2Agent, AGUI for the AG-UI event protocol."),
    })
    .optional()
    .describe("Protocol the agent speaks to its callers. Omit for the service default (HTTP)."),
  lifecycleConfiguration: z
    .strictObject({
      idleRuntimeSessionTimeout: z
        .number()
        .int()
        .min(60)
        .max(1209600)
        .optional()
        .describe("Seconds an idle session is kept before it ends (60-1209600; service default 900)."),
      maxLifetime: z
        .number()
        .int()
        .min(60)
        .max(1209600)
        .optional()
        .describe("Seconds a session may live at most (60-1209600; service default 28800)."),
    })
    .optional()
    .describe("Session timeouts."),
  environmentVariables: boundedMap(text(1, 100), text(0, 5000), { max: 50 })
    .optional()
    .describe("Up to 50 variables set in the agent's environment (names 1-100, values up to 5000 characters). Treated as sensitive: values are never logged or echoed; prefer a secrets store for real secrets."),
  filesystemConfigurations: z
    .array(FilesystemConfiguration)
    .min(0)
    .max(5)
    .optional()
    .describe("Up to 5 file systems to mount into the runtime."),
  capacityProviderConfiguration: z
    .strictObject({
      capacityProviderArn: z
        .string()
        .regex(
          wholeMatch(
            "arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:capacity-provider/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}",
          ),
        )
        .optional()
        .describe("ARN of the capacity provider to run on."),
    })
    .optional()
    .describe("Run on a capacity provider you own instead of the shared fleet."),
  tags: TagsMap.optional().describe("Up to 50 tags (key 1-128, value 0-256 characters) for cost allocation and access control."),
});

/** The CreateAgentRuntime request as the tool accepts it. */
export type CreateAgentRuntimeRequest = z.infer<typeof CreateAgentRuntimeRequestSchema>;

/** Members of the request (at any depth) whose value is a map; test/unit/model-conformance.test.ts checks the list. */
export const MAP_MEMBERS: ReadonlySet<string> = new Set(["environmentVariables", "tags", "advertisedScopeMapping"]);

/** Lifecycle states of a runtime, as the service reports them. */
export const AgentRuntimeStatusSchema = z
  .enum(["CREATING", "CREATE_FAILED", "UPDATING", "UPDATE_FAILED", "READY", "DELETING"])
  .describe("Lifecycle state: CREATING until the runtime can be invoked, then READY; *_FAILED when the service gave up.");

/** One runtime status. */
export type AgentRuntimeStatus = z.infer<typeof AgentRuntimeStatusSchema>;

/**
 * The CreateAgentRuntime response body. Parsing it strictly is how a malformed 2xx answer
 * becomes an error instead of a success.
 */
export const CreateAgentRuntimeResponseSchema = z.object({
  agentRuntimeArn: z.string().min(1),
  agentRuntimeId: z.string().min(1),
  agentRuntimeVersion: z.string().min(1),
  createdAt: z.union([z.string().min(1), z.number()]),
  status: AgentRuntimeStatusSchema,
  workloadIdentityDetails: z.object({ workloadIdentityArn: z.string() }).optional(),
});

/** The parsed CreateAgentRuntime response. */
export type CreateAgentRuntimeResponse = z.infer<typeof CreateAgentRuntimeResponseSchema>;

/** Pattern of a runtime id: the name, a hyphen and a 10-character suffix. */
export const AGENT_RUNTIME_ID_PATTERN = "[a-zA-Z][a-zA-Z0-9_]{0,99}-[a-zA-Z0-9]{10}";

/**
 * The GetAgentRuntime response members the tools read. Unknown members are dropped, not refused:
 * the service adds members over time and a read should keep working.
 */
export const GetAgentRuntimeResponseSchema = z.object({
  agentRuntimeArn: z.string().min(1),
  agentRuntimeName: z.string().min(1),
  agentRuntimeId: z.string().min(1),
  agentRuntimeVersion: z.string().min(1),
  createdAt: z.union([z.string().min(1), z.number()]),
  lastUpdatedAt: z.union([z.string().min(1), z.number()]),
  roleArn: z.string(),
  status: AgentRuntimeStatusSchema,
  failureReason: z.string().optional(),
  networkConfiguration: z.object({ networkMode: z.string() }).optional(),
  protocolConfiguration: z.object({ serverProtocol: z.string() }).optional(),
  lifecycleConfiguration: z.object({ idleRuntimeSessionTimeout: z.number().optional(), maxLifetime: z.number().optional() }).optional(),
  agentRuntimeArtifact: z
    .object({
      containerConfiguration: z.object({ containerUri: z.string() }).optional(),
      codeConfiguration: z.object({ runtime: z.string(), entryPoint: z.array(z.string()) }).optional(),
    })
    .optional(),
  environmentVariables: z.record(z.string(), z.string()).optional(),
  workloadIdentityDetails: z.object({ workloadIdentityArn: z.string() }).optional(),
});

/** The parsed GetAgentRuntime response. */
export type GetAgentRuntimeResponse = z.infer<typeof GetAgentRuntimeResponseSchema>;
