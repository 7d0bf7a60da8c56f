import { parseArgs } from "node:util";
import * as z from "zod";
import { LOG_LEVELS } from "./log.js";

/** One option: its flag, the environment variables that set it (first wins) and its meaning. */
export interface OptionSpec {
  key: keyof Config;
  flag: string;
  kind: "string" | "boolean";
  env: readonly string[];
  /**
   * Variables a hosting platform sets (PORT), read after `env` and only with the HTTP transport:
   * they name what the platform expects an HTTP server to do, and mean nothing to a stdio server.
   */
  httpPlatformEnv?: readonly string[];
  /** The option only means something with this transport; set with the other, it is reported on start. */
  transport?: "http";
  help: string;
  /** Shown in --help and the README instead of the default value. */
  defaultText?: string;
  /** A credential: masked by --print-config, and never echoed in an error. */
  secret?: true;
}

/** Shortest bearer token accepted, from the flag, the variable or the file. */
export const MIN_AUTH_TOKEN_CHARS = 16;

/** Shortest key accepted for signing the confirmation state (an HMAC-SHA256 key of 256 bits). */
export const MIN_STATE_KEY_BYTES = 32;

const booleanFromText = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"])])
  .transform((value) => value === true || value === "true" || value === "1" || value === "yes");

const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const hostList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== ""),
);

/** Region used in sandbox mode when none is configured. */
export const SANDBOX_DEFAULT_REGION = "us-east-1";

/**
 * The shape of AWS region names (partition prefix, words, a number: us-east-1, us-gov-west-1,
 * eusc-de-east-1), for the start-up region and the per-call one alike. A region becomes part of a
 * host name: a zone such as us-east-1a, or US-EAST-1, would otherwise be sent and fail as a
 * signature or DNS error far from its cause.
 */
export const REGION_NAME = /^[a-z]{2,4}(?:-[a-z]+)+-[0-9]{1,2}$/;

/** What a value that is not a region name is told. */
export const REGION_NAME_RULE =
  "must be an AWS region name such as us-east-1 or eu-west-1 (a region, not an availability zone like us-east-1a)";

/** The groups of tools an operator can offer; `all` stands for every one. */
export const TOOL_GROUPS = ["read", "create", "update", "delete", "invoke", "endpoints"] as const;

/** One group of tools. */
export type ToolGroup = (typeof TOOL_GROUPS)[number];

const toolGroups = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  )
  .pipe(
    z
      .array(z.enum([...TOOL_GROUPS, "all"], { error: `use read, create, update, delete, invoke, endpoints or all, comma-separated` }))
      .min(1),
  )
  .transform((groups): ToolGroup[] => (groups.includes("all") ? [...TOOL_GROUPS] : TOOL_GROUPS.filter((group) => groups.includes(group))));

/** The one schema of every setting: types, ranges and defaults. */
export const ConfigSchema = z.object({
  transport: z.enum(["stdio", "http"]).default("stdio"),
  host: z.string().min(1).default("127.0.0.1"),
  port: positiveInt(0, 65535).default(3000),
  // Region names are not secret: the message quotes the value, so the operator sees what was read.
  region: z
    .string()
    .regex(REGION_NAME, { error: (issue) => `${JSON.stringify(issue.input)} ${REGION_NAME_RULE}` })
    .optional(),
  profile: z.string().min(1).optional(),
  endpointUrl: z.url({ protocol: /^https?$/ }).optional(),
  useFips: booleanFromText.default(false),
  useDualStack: booleanFromText.default(false),
  maxAttempts: positiveInt(1, 10).default(3),
  attemptTimeoutMs: positiveInt(100, 600_000).default(15_000),
  deadlineMs: positiveInt(100, 3_600_000).default(50_000),
  logLevel: z.enum(LOG_LEVELS).default("info"),
  sandbox: booleanFromText.default(false),
  sandboxState: z.string().min(1).optional(),
  authToken: z.string().min(MIN_AUTH_TOKEN_CHARS, `must be at least ${MIN_AUTH_TOKEN_CHARS} characters (it is not shown)`).optional(),
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
  stateKey: z
    .string()
    .refine(
      (key) => new TextEncoder().encode(key).length >= MIN_STATE_KEY_BYTES,
      `must be at least ${MIN_STATE_KEY_BYTES} bytes long (it is not shown)`,
    )
    .optional(),
  // A few seconds: enough for IAM, STS, ECR, S3 and EC2 to answer from anywhere, short of a client's patience.
  preflightBudgetMs: positiveInt(100, 60_000).default(3_000),
  // Long enough for an ordinary AWS call to end, short of the 30 s a supervisor commonly allows before SIGKILL.
  shutdownGraceMs: positiveInt(0, 600_000).default(10_000),
});

/** Every setting, resolved. */
export type Config = z.infer<typeof ConfigSchema>;

/** The options table: drives the argv parser, --help and the README's configuration table. */
export const OPTIONS: readonly OptionSpec[] = [
  {
    key: "transport",
    flag: "transport",
    kind: "string",
    env: ["MCP_TRANSPORT"],
    help: "stdio (default) or http (Streamable HTTP at /mcp).",
  },
  // Not HOST: shells and containers set it to the machine's name, which is not a bind address.
  { key: "host", flag: "host", kind: "string", env: ["MCP_HOST"], transport: "http", help: "HTTP bind address; loopback by default." },
  {
    key: "port",
    flag: "port",
    kind: "string",
    env: ["MCP_PORT"],
    httpPlatformEnv: ["PORT"],
    transport: "http",
    help: "HTTP port (0 picks a free one); with --transport http, a hosting platform's PORT is read last.",
  },
  {
    key: "region",
    flag: "region",
    kind: "string",
    env: ["AWS_REGION", "AWS_DEFAULT_REGION"],
    help: "AWS region; else the profile's region.",
    defaultText: "profile's region",
  },
  {
    key: "profile",
    flag: "profile",
    kind: "string",
    env: ["AWS_PROFILE"],
    help: "Named AWS profile for credentials and region.",
    defaultText: "default chain",
  },
  {
    key: "endpointUrl",
    flag: "endpoint-url",
    kind: "string",
    env: ["AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL", "AWS_ENDPOINT_URL"],
    help: "Send requests to this endpoint instead of the regional AWS one.",
    defaultText: "regional AWS endpoint",
  },
  { key: "useFips", flag: "use-fips", kind: "boolean", env: ["AWS_USE_FIPS_ENDPOINT"], help: "Use the FIPS endpoint." },
  {
    key: "useDualStack",
    flag: "use-dualstack",
    kind: "boolean",
    env: ["AWS_USE_DUALSTACK_ENDPOINT"],
    help: "Use the dual-stack (IPv6) endpoint.",
  },
  {
    key: "maxAttempts",
    flag: "max-attempts",
    kind: "string",
    env: ["AWS_MAX_ATTEMPTS"],
    help: "Attempts per AWS call, first included (1-10).",
  },
  {
    key: "attemptTimeoutMs",
    flag: "attempt-timeout-ms",
    kind: "string",
    env: ["AGENTCORE_MCP_ATTEMPT_TIMEOUT_MS"],
    help: "Time limit of one attempt.",
  },
  {
    key: "deadlineMs",
    flag: "deadline-ms",
    kind: "string",
    env: ["AGENTCORE_MCP_DEADLINE_MS"],
    help: "Time limit of a whole call, retries included; under the ~60 s tool timeout of common clients.",
  },
  {
    key: "logLevel",
    flag: "log-level",
    kind: "string",
    env: ["LOG_LEVEL"],
    help: "debug, info, warn, error or silent; logs go to stderr.",
  },
  {
    key: "readOnly",
    flag: "read-only",
    kind: "boolean",
    env: ["AGENTCORE_MCP_READ_ONLY"],
    help: "Offer only the read tools (get, list, list versions), whatever --tools says.",
  },
  {
    key: "tools",
    flag: "tools",
    kind: "string",
    env: ["AGENTCORE_MCP_TOOLS"],
    help: "Tool groups to offer, comma-separated: read (get, list, list versions), create, update, delete, or all.",
    defaultText: "read,create",
  },
  {
    key: "confirm",
    flag: "confirm",
    kind: "boolean",
    env: ["AGENTCORE_MCP_CONFIRM"],
    help: "Ask the person to approve each creation and update (MCP input_required, or elicitation for 2025 clients).",
  },
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
  {
    key: "stateKey",
    flag: "state-key",
    kind: "string",
    env: ["AGENTCORE_MCP_STATE_KEY"],
    help: `Key (at least ${MIN_STATE_KEY_BYTES} bytes) signing --confirm's approval state; give every replica behind a balancer the same one (prefer the variable over the flag).`,
    defaultText: "random per process",
    secret: true,
  },
  {
    key: "preflightBudgetMs",
    flag: "preflight-budget-ms",
    kind: "string",
    env: ["AGENTCORE_MCP_PREFLIGHT_BUDGET_MS"],
    help: "Time limit of all pre-flight checks of one call; a service that has not answered by then makes its checks unknown.",
  },
  {
    key: "sandbox",
    flag: "sandbox",
    kind: "boolean",
    env: ["AGENTCORE_MCP_SANDBOX"],
    help: "Run against the embedded local emulator: no AWS account, nothing billed.",
  },
  {
    key: "sandboxState",
    flag: "sandbox-state",
    kind: "string",
    env: ["AGENTCORE_MCP_SANDBOX_STATE"],
    help: "With --sandbox: keep the sandbox's runtimes in this file, so they outlive the process (one server per file).",
    defaultText: "none (state ends with the process)",
  },
  {
    key: "authToken",
    transport: "http",
    flag: "auth-token",
    kind: "string",
    env: ["MCP_AUTH_TOKEN"],
    help: "HTTP: bearer token clients must send (prefer the env variable or a file over the flag).",
    defaultText: "none",
    secret: true,
  },
  {
    key: "authTokenFile",
    transport: "http",
    flag: "auth-token-file",
    kind: "string",
    env: ["MCP_AUTH_TOKEN_FILE"],
    help: "HTTP: file holding the bearer token.",
    defaultText: "none",
  },
  {
    key: "jwtIssuer",
    transport: "http",
    flag: "jwt-issuer",
    kind: "string",
    env: ["MCP_JWT_ISSUER"],
    help: "HTTP: accept JWTs from this issuer.",
    defaultText: "none",
  },
  {
    key: "jwtAudience",
    transport: "http",
    flag: "jwt-audience",
    kind: "string",
    env: ["MCP_JWT_AUDIENCE"],
    help: "HTTP: required JWT audience.",
    defaultText: "none",
  },
  {
    key: "jwtJwksUrl",
    transport: "http",
    flag: "jwt-jwks-url",
    kind: "string",
    env: ["MCP_JWT_JWKS_URL"],
    help: "HTTP: JWKS URL of the JWT issuer.",
    defaultText: "none",
  },
  {
    key: "allowedHosts",
    transport: "http",
    flag: "allowed-hosts",
    kind: "string",
    env: ["MCP_ALLOWED_HOSTS"],
    help: "HTTP: comma list of Host values accepted on a non-loopback bind.",
    defaultText: "any (loopback names on a loopback bind)",
  },
  {
    key: "allowedOrigins",
    transport: "http",
    flag: "allowed-origins",
    kind: "string",
    env: ["MCP_ALLOWED_ORIGINS"],
    help: "HTTP: comma list of Origin values accepted.",
    defaultText: "loopback origins on a loopback bind",
  },
  {
    key: "shutdownGraceMs",
    flag: "shutdown-grace-ms",
    kind: "string",
    env: ["AGENTCORE_MCP_SHUTDOWN_GRACE_MS"],
    help: "HTTP: on SIGTERM or SIGINT, how long calls in flight may take to finish before their connections are closed (then the exit code is 1).",
  },
  {
    key: "allowUnauthenticated",
    transport: "http",
    flag: "allow-unauthenticated",
    kind: "boolean",
    env: ["MCP_ALLOW_UNAUTHENTICATED"],
    help: "HTTP: allow a non-loopback bind without any auth (not recommended).",
  },
];

/** Where each set option came from: `--flag` or the variable's name; options left at their default are absent. */
export type ConfigSources = Partial<Record<keyof Config, string>>;

/** A configuration to run with, where its values came from and what of it the transport ignores. */
export interface ResolvedCommand {
  config: Config;
  sources: ConfigSources;
  /** Flags and variables that were set but do not apply to the chosen transport (reported on start). */
  ignored: string[];
}

/** What the command line asked for. */
export type ParsedCommand =
  | ({ kind: "run" } & ResolvedCommand)
  | ({ kind: "print-config" } & ResolvedCommand)
  | { kind: "help"; text: string }
  | { kind: "version" }
  /** A complete line (without the program's name) for stderr; it never holds a secret's value. */
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
    const variables = [...option.env, ...(option.httpPlatformEnv ?? []).map((name) => `${name} (HTTP only)`)];
    lines.push(`  ${flag.padEnd(30)} ${option.help} [${variables.join(", ")}; default: ${defaultTextOf(option)}]`);
  }
  lines.push(
    "  --print-config                 Print the resolved configuration (secrets masked) and where each value came from, then exit.",
  );
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
        "print-config": { type: "boolean" },
        ...Object.fromEntries(OPTIONS.map((option) => [option.flag, { type: option.kind }])),
      },
    });
  } catch (error) {
    return { kind: "error", message: `${error instanceof Error ? error.message : String(error)} (see --help)` };
  }
  if (parsed.values.help === true) return { kind: "help", text: helpText() };
  if (parsed.values.version === true) return { kind: "version" };

  const transport = parsed.values.transport ?? envValue(env, ["MCP_TRANSPORT"])?.value;
  const raw: Record<string, unknown> = {};
  const sources: ConfigSources = {};
  for (const option of OPTIONS) {
    const fromFlag = parsed.values[option.flag];
    if (fromFlag !== undefined) {
      raw[option.key] = fromFlag;
      sources[option.key] = `--${option.flag}`;
      continue;
    }
    const names = transport === "http" ? [...option.env, ...(option.httpPlatformEnv ?? [])] : option.env;
    const found = envValue(env, names);
    if (found !== undefined) {
      raw[option.key] = found.value;
      sources[option.key] = found.name;
    }
  }
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue?.path[0] ?? "") as keyof Config;
    const source = sources[key] ?? key;
    const problem = issue?.message ?? "invalid value";
    // A secret's message says it is not shown; any other points to the option's help.
    return {
      kind: "error",
      message: OPTIONS.find((option) => option.key === key)?.secret ? `${source} ${problem}` : `invalid ${source}: ${problem} (see --help)`,
    };
  }
  const config = result.data;
  if (config.sandboxState !== undefined && !config.sandbox)
    return {
      kind: "error",
      message: `${sources.sandboxState ?? "--sandbox-state"} needs --sandbox (AGENTCORE_MCP_SANDBOX): it keeps the sandbox's state`,
    };
  const contradiction = config.transport === "http" ? findAuthContradiction(sources) : undefined;
  if (contradiction !== undefined) return { kind: "error", message: `${contradiction} (see --help)` };
  const ignored = OPTIONS.filter((option) => option.transport !== undefined && option.transport !== config.transport)
    .map((option) => sources[option.key])
    .filter((source) => source !== undefined);
  return { kind: parsed.values["print-config"] === true ? "print-config" : "run", config, sources, ignored };
}

function envValue(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") return { name, value };
  }
  return undefined;
}

const JWT_KEYS = ["jwtIssuer", "jwtAudience", "jwtJwksUrl"] as const satisfies readonly (keyof Config)[];

/**
 * A JWT setting without its companions would leave JWT validation off, and on a loopback bind the
 * server would then answer without any token: refused, naming what is missing.
 */
function findAuthContradiction(sources: ConfigSources): string | undefined {
  const given = JWT_KEYS.filter((key) => sources[key] !== undefined);
  if (given.length === 0 || given.length === JWT_KEYS.length) return undefined;
  const missing = JWT_KEYS.filter((key) => sources[key] === undefined).map((key) => {
    const option = OPTIONS.find((item) => item.key === key);
    return option === undefined ? key : `--${option.flag} (${option.env.join(", ")})`;
  });
  return `JWT validation needs --jwt-issuer, --jwt-audience and --jwt-jwks-url together; ${given.map((key) => sources[key]).join(" and ")} given, missing ${missing.join(" and ")}`;
}

/** A URL as it may be shown: the password of its user info, if any, masked. */
export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === "") return url;
    parsed.password = "***";
    return parsed.href;
  } catch {
    return url;
  }
}

// A token file's path is no credential, and is shown.
function shownValue(option: OptionSpec, value: unknown): unknown {
  if (value === undefined) return null;
  if (option.secret) return "(set, masked)";
  return typeof value === "string" && /^https?:/i.test(value) ? maskUrlPassword(value) : value;
}

/** The configuration as `--print-config` shows it: secrets and URL passwords masked, each value with its origin. */
export function describeConfig(command: ResolvedCommand): Record<string, { value: unknown; from: string }> {
  const shown: Record<string, { value: unknown; from: string }> = {};
  for (const option of OPTIONS) {
    shown[option.key] = { value: shownValue(option, command.config[option.key]), from: command.sources[option.key] ?? "default" };
  }
  // The region calls will use, as the start-up line says it.
  if (command.config.sandbox && command.config.region === undefined)
    shown["region"] = { value: SANDBOX_DEFAULT_REGION, from: "sandbox default" };
  return shown;
}
