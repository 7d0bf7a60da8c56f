import { MINIMAL_REQUEST } from "./requests.js";

// The argument mistakes models make most with these tools, each with the exact first line of the
// result it gets and how many requests reach the service. This list is the one source of
// docs/tools.md's table ("Argument mistakes and what they get"; `npm run docs` renders it), and
// test/integration/argument-mistakes.test.ts proves every row against the emulator.

type ToolName =
  | "create_agent_runtime"
  | "get_agent_runtime"
  | "list_agent_runtimes"
  | "list_agent_runtime_versions"
  | "update_agent_runtime"
  | "delete_agent_runtime";

/** One mistake, what it gets and what it costs. */
export interface Mistake {
  mistake: string;
  tool: ToolName;
  /** The arguments; for create they are laid over a valid request (MINIMAL_REQUEST). */
  args: Record<string, unknown>;
  /** create only: members of the valid request the mistake leaves out. */
  without?: string[];
  /** A runtime named my_agent exists before the call. */
  existing?: boolean;
  firstLine: string;
  /** Requests that reached the emulator (after the setup's). */
  sent: number;
}

const OTHER_REGION_ARN = "arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/my_agent-AbCdE12345";

/** The twenty-four mistakes, in the order of the table. */
export const MISTAKES: readonly Mistake[] = [
  {
    mistake: "hyphen in the name",
    tool: "create_agent_runtime",
    args: { agentRuntimeName: "my-agent" },
    firstLine:
      "InvalidArguments: agentRuntimeName must start with a letter and hold only letters, digits and underscores (no hyphens), at most 48 characters, e.g. weather_agent",
    sent: 0,
  },
  {
    mistake: "image from Docker Hub, not ECR",
    tool: "create_agent_runtime",
    args: { agentRuntimeArtifact: { containerConfiguration: { containerUri: "docker.io/library/python:3.12" } } },
    firstLine:
      "InvalidArguments: agentRuntimeArtifact.containerConfiguration.containerUri must be an ECR image URI like 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:latest (or public.ecr.aws/...); Docker Hub and other registries are not supported",
    sent: 0,
  },
  {
    mistake: "`entryPoint` as a string",
    tool: "create_agent_runtime",
    args: {
      agentRuntimeArtifact: {
        codeConfiguration: {
          code: { s3: { bucket: "my-agent-code", prefix: "agent.zip" } },
          runtime: "PYTHON_3_12",
          entryPoint: "main.py",
        },
      },
    },
    firstLine: 'InvalidArguments: agentRuntimeArtifact.codeConfiguration.entryPoint must be a list of strings, e.g. ["main.py"]',
    sent: 0,
  },
  {
    mistake: "`tags` as a list of key/value pairs",
    tool: "create_agent_runtime",
    args: { tags: [{ key: "team", value: "search" }] },
    firstLine: 'InvalidArguments: tags must be an object mapping tag keys to values, e.g. {"team":"ml-platform"}',
    sent: 0,
  },
  {
    mistake: "`environmentVariables` as a list",
    tool: "create_agent_runtime",
    args: { environmentVariables: [{ name: "LOG_LEVEL", value: "debug" }] },
    firstLine: 'InvalidArguments: environmentVariables must be an object mapping variable names to values, e.g. {"LOG_LEVEL":"info"}',
    sent: 0,
  },
  {
    mistake: "VPC mode without `networkModeConfig`",
    tool: "create_agent_runtime",
    args: { networkConfiguration: { networkMode: "VPC" } },
    firstLine:
      'InvalidArguments: networkConfiguration.networkModeConfig is required when networkMode is VPC, e.g. {"securityGroups": ["sg-0123456789abcdef0"], "subnets": ["subnet-0123456789abcdef0"]}',
    sent: 0,
  },
  {
    mistake: "an idle timeout in minutes",
    tool: "create_agent_runtime",
    args: { lifecycleConfiguration: { idleRuntimeSessionTimeout: 15 } },
    firstLine: "InvalidArguments: lifecycleConfiguration.idleRuntimeSessionTimeout must be a whole number of seconds from 60 to 1209600",
    sent: 0,
  },
  {
    mistake: "`name` instead of `agentRuntimeName`",
    tool: "create_agent_runtime",
    args: { name: "my_agent" },
    without: ["agentRuntimeName"],
    firstLine: "InvalidArguments: agentRuntimeName is required: rename name to agentRuntimeName (name is not a member here)",
    sent: 0,
  },
  {
    mistake: "role name instead of the role's ARN",
    tool: "create_agent_runtime",
    args: { roleArn: "AgentRuntimeRole" },
    firstLine: "InvalidArguments: roleArn must be an IAM role ARN like arn:aws:iam::123456789012:role/AgentRuntimeRole",
    sent: 0,
  },
  {
    mistake: "a wait longer than the server allows",
    tool: "create_agent_runtime",
    args: { waitForReadySeconds: 600 },
    firstLine:
      "InvalidArguments: waitForReadySeconds must be a whole number of seconds from 0 to 50 (this server's --max-wait-seconds); to wait longer, call get_agent_runtime again afterwards",
    sent: 0,
  },
  {
    mistake: "a short made-up `clientToken`",
    tool: "create_agent_runtime",
    args: { clientToken: "my-token-1" },
    firstLine: "InvalidArguments: clientToken must be at least 33 characters long, e.g. 5f0c8a5e-3b1d-4c1e-9a4f-2f6d7c8b9a01",
    sent: 0,
  },
  {
    mistake: "a flattened `agentRuntimeArtifact` (no `containerConfiguration`)",
    tool: "create_agent_runtime",
    args: { agentRuntimeArtifact: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:latest" } },
    firstLine:
      'InvalidArguments: agentRuntimeArtifact needs one more level: put containerUri inside containerConfiguration, as {"containerConfiguration": {"containerUri": "…"}}',
    sent: 0,
  },
  {
    mistake: "`containerUri` at the top level",
    tool: "create_agent_runtime",
    args: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:latest" },
    without: ["agentRuntimeArtifact"],
    firstLine:
      'InvalidArguments: containerUri is not a member here; move it under agentRuntimeArtifact.containerConfiguration, as {"agentRuntimeArtifact": {"containerConfiguration": {"containerUri": "…"}}}',
    sent: 0,
  },
  {
    mistake: "no `roleArn`",
    tool: "create_agent_runtime",
    args: {},
    without: ["roleArn"],
    firstLine: "InvalidArguments: roleArn is required, e.g. arn:aws:iam::123456789012:role/AgentRuntimeRole",
    sent: 0,
  },
  {
    mistake: "`networkConfiguration` as a string",
    tool: "create_agent_runtime",
    args: { networkConfiguration: "PUBLIC" },
    firstLine: 'InvalidArguments: networkConfiguration must be an object with networkMode, e.g. {"networkMode":"PUBLIC"}',
    sent: 0,
  },
  {
    mistake: "an availability zone as the region",
    tool: "create_agent_runtime",
    args: { region: "us-east-1a" },
    firstLine:
      "InvalidArguments: region must be an AWS region name such as us-east-1 or eu-west-1 (a region, not an availability zone like us-east-1a)",
    sent: 0,
  },
  {
    mistake: "the runtime's name as `agentRuntimeId` (it is looked up)",
    tool: "get_agent_runtime",
    args: { agentRuntimeId: "my_agent" },
    existing: true,
    firstLine: "AgentCore Runtime my_agent-ffffffffff (version 1) in us-east-1: status CREATING.",
    sent: 2,
  },
  {
    mistake: "an ARN of another region, with a region argument",
    tool: "get_agent_runtime",
    args: { agentRuntimeId: OTHER_REGION_ARN, region: "us-east-1" },
    firstLine: "RegionMismatch: the ARN names region eu-west-1, but the region argument says us-east-1",
    sent: 0,
  },
  {
    mistake: "the version as a number",
    tool: "get_agent_runtime",
    args: { agentRuntimeId: "my_agent-AbCdE12345", agentRuntimeVersion: 1 },
    firstLine:
      'InvalidArguments: agentRuntimeVersion must be a version number written as a string, e.g. "1" or "2" (list_agent_runtime_versions lists them)',
    sent: 0,
  },
  {
    mistake: "`agentRuntimeArn` instead of `agentRuntimeId`",
    tool: "get_agent_runtime",
    args: { agentRuntimeArn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my_agent-AbCdE12345" },
    firstLine:
      "InvalidArguments: agentRuntimeId is required: rename agentRuntimeArn to agentRuntimeId (agentRuntimeArn is not a member here)",
    sent: 0,
  },
  {
    mistake: "filtering the list by `agentRuntimeName`",
    tool: "list_agent_runtimes",
    args: { agentRuntimeName: "my_agent" },
    firstLine: "InvalidArguments: agentRuntimeName is not a member here; this tool takes: maxResults, nextToken, nameContains, region",
    sent: 0,
  },
  {
    mistake: "`agentRuntimeName` instead of `agentRuntimeId`",
    tool: "list_agent_runtime_versions",
    args: { agentRuntimeName: "my_agent" },
    firstLine:
      "InvalidArguments: agentRuntimeId is required: rename agentRuntimeName to agentRuntimeId (agentRuntimeName is not a member here)",
    sent: 0,
  },
  {
    mistake: "an update that names nothing to change (to redeploy)",
    tool: "update_agent_runtime",
    args: { agentRuntimeId: "my_agent" },
    existing: true,
    firstLine: "NothingToChange: no member to change was given; nothing was sent",
    sent: 0,
  },
  {
    mistake: "delete without `confirmName` from a client without prompts",
    tool: "delete_agent_runtime",
    args: { agentRuntimeId: "my_agent" },
    existing: true,
    firstLine: "ConfirmNameMismatch: this client cannot show a confirmation prompt, and confirmName was not given",
    sent: 2,
  },
];

export function argumentsOf(mistake: Mistake): Record<string, unknown> {
  if (mistake.tool !== "create_agent_runtime") return mistake.args;
  const without = new Set(mistake.without);
  const base = Object.fromEntries(Object.entries(MINIMAL_REQUEST).filter(([member]) => !without.has(member)));
  return { ...base, ...mistake.args };
}

/** The arguments as the docs show them: for create, only what differs from a valid request. */
function shownArguments(mistake: Mistake): string {
  const json = JSON.stringify(mistake.args);
  if (mistake.tool !== "create_agent_runtime") return `\`${json}\``;
  const without = (mistake.without ?? []).map((member) => ` without \`${member}\``).join("");
  return `a valid request${without} with \`${json}\``;
}

const cell = (text: string): string => text.replaceAll("|", "\\|");

/** The docs table, from {@link MISTAKES}. */
export function renderMistakesTable(): string {
  const rows = MISTAKES.map(
    (mistake, index) =>
      `| ${index + 1} | ${mistake.mistake} | \`${mistake.tool}\` | ${cell(shownArguments(mistake))} | \`${cell(mistake.firstLine)}\` | ${mistake.sent} |`,
  );
  return [
    "| # | mistake | tool | arguments | first line of the result | requests sent |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
