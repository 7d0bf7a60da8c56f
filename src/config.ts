import { parseArgs } from "node:util";
import * as z from "zod";
import { LOG_LEVELS } from "./log.js";

/** One option: its flag, the environment variables that set it (first wins) and its meaning. */
export interface OptionSpec {
  key: keyof Config;
  flag: string;
  kind: "string" | "boolean";
  env: readonly string[];
  help: string;
  /** Shown in --help and the README instead of the default value. */
  defaultText?: string;
}

const booleanFromText = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"])])
  .transform((value) => value === true || value === "true" || value === "1" || value === "yes");

const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const hostList = z
  .string()
  .transform((value) => value.split(",").map((item) => item.trim()).filter((item) => item !== ""));

/** The groups of tools an operator can offer; `all` stands for every one. */
export const TOOL_GROUPS = ["read", "create", "update", "delete"] as const;

/** One group of tools. */
export type ToolGroup = (typeof TOOL_GROUPS)[number];

const toolGroups = z
  .string()
  .transform((value) => value.split(",").map((item) => item.trim()).filter((item) => item !== ""))
  .pipe(z.array(z.enum([...TOOL_GROUPS, "all"], { error: `use read, create, update, delete or all, comma-separated` })).min(1))
  .transform((groups): ToolGroup[] => (groups.includes("all") ? [...TOOL_GROUPS] : TOOL_GROUPS.filter((group) => groups.includes(group))));

/** The one schema of every setting: types, ranges and defaults. */
export const ConfigSchema = z.object({
  transport: z.enum(["stdio", "http"]).default("stdio"),
  host: z.string().min(1).default("127.0.0.1"),
  port: positiveInt(0, 65535).default(3000),
  region: z.string().min(1).optional(),
  profile: z.string().min(1).optional(),
  endpointUrl: z.url({ protocol: /^https?$/ }).optional(),
  useFips: booleanFromText.default(false),
  useDualStack: booleanFromText.default(false),
  maxAttempts: positiveInt(1, 10).default(3),
  attemptTimeoutMs: positiveInt(100, 600_000).default(15_000),
  deadlineMs: positiveInt(100, 3_600_000).default(50_000),
  logLevel: z.enum(LOG_LEVELS).default("info"),
  sandbox: booleanFromText.default(false),
  authToken: z.string().min(16, "must be at least 16 characters").optional(),
  authTokenFile: z.string().min(1).optional(),
  jwtIssuer: z.string().min(1).optional(),
  jwtAudience: z.string().min(1).optional(),
  jwtJwksUrl: z.url({ protocol: /^https?$/ }).optional(),
  allowedHosts: hostList.optional(),
  allowedOrigins: hostList.optional(),
  allowUnauthenticated: booleanFromText.default(false),
  readOnly: booleanFromText.default(false),
  tools: toolGroups.default(["read", "create"]),
  confirm: booleanFromText.default(false),
  maxWaitSeconds: positiveInt(0, 600).default(50),
  skipPreflight: booleanFromText.default(false),
  preflightNetwork: booleanFromText.default(false),
  // Long enough for an ordinary AWS call to end, short of the 30 s a supervisor commonly allows before SIGKILL.
  shutdownGraceMs: positiveInt(0, 600_000).default(10_000),
});

/** Every setting, resolved. */
export type Config = z.infer<typeof ConfigSchema>;

/** The options table: drives the argv parser, --help and the README's configuration table. */
export const OPTIONS: readonly OptionSpec[] = [
  { key: "transport", flag: "transport", kind: "string", env: ["MCP_TRANSPORT"], help: "stdio (default) or http (Streamable HTTP at /mcp)." },
  { key: "host", flag: "host", kind: "string", env: ["HOST"], help: "HTTP bind address; loopback by default." },
  { key: "port", flag: "port", kind: "string", env: ["PORT"], help: "HTTP port (0 picks a free one)." },
  { key: "region", flag: "region", kind: "string", env: ["AWS_REGION", "AWS_DEFAULT_REGION"], help: "AWS region; else the profile's region.", defaultText: "profile's region" },
  { key: "profile", flag: "profile", kind: "string", env: ["AWS_PROFILE"], help: "Named AWS profile for credentials and region.", defaultText: "default chain" },
  {
    key: "endpointUrl",
    flag: "endpoint-url",
    kind: "string",
    env: ["AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL", "AWS_ENDPOINT_URL"],
    help: "Send requests to this endpoint instead of the regional AWS one.",
    defaultText: "regional AWS endpoint",
  },
  { key: "useFips", flag: "use-fips", kind: "boolean", env: ["AWS_USE_FIPS_ENDPOINT"], help: "Use the FIPS endpoint." },
  { key: "useDualStack", flag: "use-dualstack", kind: "boolean", env: ["AWS_USE_DUALSTACK_ENDPOINT"], help: "Use the dual-stack (IPv6) endpoint." },
  { key: "maxAttempts", flag: "max-attempts", kind: "string", env: ["AWS_MAX_ATTEMPTS"], help: "Attempts per AWS call, first included (1-10)." },
  { key: "attemptTimeoutMs", flag: "attempt-timeout-ms", kind: "string", env: ["AGENTCORE_MCP_ATTEMPT_TIMEOUT_MS"], help: "Time limit of one attempt." },
  { key: "deadlineMs", flag: "deadline-ms", kind: "string", env: ["AGENTCORE_MCP_DEADLINE_MS"], help: "Time limit of a whole call, retries included; under the ~60 s tool timeout of common clients." },
  { key: "logLevel", flag: "log-level", kind: "string", env: ["LOG_LEVEL"], help: "debug, info, warn, error or silent; logs go to stderr." },
  { key: "readOnly", flag: "read-only", kind: "boolean", env: ["AGENTCORE_MCP_READ_ONLY"], help: "Offer only the read tools (get, list, list versions), whatever --tools says." },
  {
    key: "tools",
    flag: "tools",
    kind: "string",
    env: ["AGENTCORE_MCP_TOOLS"],
    help: "Tool groups to offer, comma-separated: read (get, list, list versions), create, update, delete, or all.",
    defaultText: "read,create",
  },
  { key: "confirm", flag: "confirm", kind: "boolean", env: ["AGENTCORE_MCP_CONFIRM"], help: "Ask the person to approve each creation and update (MCP input_required, or elicitation for 2025 clients)." },
  {
    key: "maxWaitSeconds",
    flag: "max-wait-seconds",
    kind: "string",
    env: ["AGENTCORE_MCP_MAX_WAIT_SECONDS"],
    help: "Largest waitForReadySeconds a call may ask for; keep it under the client's tool timeout.",
  },
  {
    key: "skipPreflight",
    flag: "skip-preflight",
    kind: "boolean",
    env: ["AGENTCORE_MCP_SKIP_PREFLIGHT"],
    help: "Do not run the pre-flight checks (role, image, code archive, VPC, JWT) before create and update.",
  },
  {
    key: "preflightNetwork",
    flag: "preflight-network",
    kind: "boolean",
    env: ["AGENTCORE_MCP_PREFLIGHT_NETWORK"],
    help: "Let the jwt-discovery check fetch the authorizer's discovery URL (off: that check reports unknown).",
  },
  { key: "sandbox", flag: "sandbox", kind: "boolean", env: ["AGENTCORE_MCP_SANDBOX"], help: "Run against the embedded local emulator: no AWS account, nothing billed." },
  { key: "authToken", flag: "auth-token", kind: "string", env: ["MCP_AUTH_TOKEN"], help: "HTTP: bearer token clients must send (prefer the env variable or a file over the flag)." , defaultText: "none" },
  { key: "authTokenFile", flag: "auth-token-file", kind: "string", env: ["MCP_AUTH_TOKEN_FILE"], help: "HTTP: file holding the bearer token.", defaultText: "none" },
  { key: "jwtIssuer", flag: "jwt-issuer", kind: "string", env: ["MCP_JWT_ISSUER"], help: "HTTP: accept JWTs from this issuer.", defaultText: "none" },
  { key: "jwtAudience", flag: "jwt-audience", kind: "string", env: ["MCP_JWT_AUDIENCE"], help: "HTTP: required JWT audience.", defaultText: "none" },
  { key: "jwtJwksUrl", flag: "jwt-jwks-url", kind: "string", env: ["MCP_JWT_JWKS_URL"], help: "HTTP: JWKS URL of the JWT issuer.", defaultText: "none" },
  { key: "allowedHosts", flag: "allowed-hosts", kind: "string", env: ["MCP_ALLOWED_HOSTS"], help: "HTTP: comma list of Host values accepted on a non-loopback bind.", defaultText: "any (loopback names on a loopback bind)" },
  { key: "allowedOrigins", flag: "allowed-origins", kind: "string", env: ["MCP_ALLOWED_ORIGINS"], help: "HTTP: comma list of Origin values accepted.", defaultText: "loopback origins on a loopback bind" },
  {
    key: "shutdownGraceMs",
    flag: "shutdown-grace-ms",
    kind: "string",
    env: ["AGENTCORE_MCP_SHUTDOWN_GRACE_MS"],
    help: "HTTP: on SIGTERM or SIGINT, how long calls in flight may take to finish before their connections are closed (then the exit code is 1).",
  },
  { key: "allowUnauthenticated", flag: "allow-unauthenticated", kind: "boolean", env: ["MCP_ALLOW_UNAUTHENTICATED"], help: "HTTP: allow a non-loopback bind without any auth (not recommended)." },
];

/** What the command line asked for. */
export type ParsedCommand =
  | { kind: "run"; config: Config }
  | { kind: "help"; text: string }
  | { kind: "version" }
  | { kind: "error"; message: string };

/** Usage text, generated from {@link OPTIONS}. */
export function helpText(): string {
  const lines = [
    "Usage: agentcore-runtime-mcp [options]        MCP server (stdio by default)",
    "       agentcore-runtime-mcp emulator [...]   local AgentCore control-plane emulator (see emulator --help)",
    "",
    "Options (flag / environment variable):",
  ];
  for (const option of OPTIONS) {
    const flag = option.kind === "boolean" ? `--${option.flag}` : `--${option.flag} <value>`;
    lines.push(`  ${flag.padEnd(30)} ${option.help} [${option.env.join(", ")}; default: ${defaultTextOf(option)}]`);
  }
  lines.push("  --help, --version");
  return lines.join("\n");
}

/** The default of an option as people read it. */
export function defaultTextOf(option: OptionSpec): string {
  if (option.defaultText !== undefined) return option.defaultText;
  const value = ConfigSchema.shape[option.key].safeParse(undefined);
  return value.success && value.data !== undefined ? String(value.data) : "none";
}

/**
 * Resolves the configuration: defaults < environment < flags. Pure: argv and env are passed in.
 * Errors name the flag or variable but never echo a value, which may be a secret.
 */
export function parseCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
        ...Object.fromEntries(OPTIONS.map((option) => [option.flag, { type: option.kind }])),
      },
    });
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  if (parsed.values.help === true) return { kind: "help", text: helpText() };
  if (parsed.values.version === true) return { kind: "version" };

  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const option of OPTIONS) {
    const fromFlag = parsed.values[option.flag];
    if (fromFlag !== undefined) {
      raw[option.key] = fromFlag;
      origin[option.key] = `--${option.flag}`;
      continue;
    }
    const envName = option.env.find((name) => env[name] !== undefined && env[name] !== "");
    if (envName !== undefined) {
      raw[option.key] = env[envName];
      origin[option.key] = envName;
    }
  }
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue?.path[0] ?? "");
    return { kind: "error", message: `invalid ${origin[key] ?? key}: ${issue?.message ?? "invalid value"}` };
  }
  return { kind: "run", config: result.data };
}
