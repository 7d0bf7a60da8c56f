// What the server says about itself on start: one line a person can check before the first call
// (which account-free mode, which region, whose credentials, where it listens), plus notices about
// settings it will not use and the Node.js line it runs on. Pure: the caller passes env and versions.
import { type Config, type ConfigSources, SANDBOX_DEFAULT_REGION } from "./config.js";

/** The environment variables the credential description looks at (presence only, never values). */
export type StartupEnv = Readonly<Record<string, string | undefined>>;

/** Oldest Node.js major line still maintained upstream; older ones get a start-up notice. */
export const OLDEST_MAINTAINED_NODE = 22;

function isSet(env: StartupEnv, name: string): boolean {
  const value = env[name];
  return value !== undefined && value !== "";
}

/**
 * The kind of credential source the AWS SDK's default chain will use, in its order, named without
 * any key: a named profile (the SDK then skips environment keys), environment keys, a web identity
 * token, a container endpoint, else the rest of the chain.
 */
export function describeCredentialSource(config: Config, env: StartupEnv): string {
  if (config.sandbox) return "the sandbox's own key pair (nothing goes to AWS)";
  if (config.profile !== undefined) return `profile ${config.profile}`;
  if (isSet(env, "AWS_ACCESS_KEY_ID") && isSet(env, "AWS_SECRET_ACCESS_KEY")) {
    return isSet(env, "AWS_SESSION_TOKEN") ? "temporary keys from the environment" : "long-term keys from the environment";
  }
  if (isSet(env, "AWS_WEB_IDENTITY_TOKEN_FILE")) return "a web identity token file (AWS_WEB_IDENTITY_TOKEN_FILE)";
  if (isSet(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || isSet(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI"))
    return "the container credentials endpoint";
  return "the default chain (profile default, SSO, credential process, instance role)";
}

/** The region calls go to unless they name one, and where that came from. */
export function describeRegion(config: Config, sources: ConfigSources): string {
  if (config.region !== undefined) return `${config.region} (from ${sources.region ?? "configuration"})`;
  if (config.sandbox) return `${SANDBOX_DEFAULT_REGION} (sandbox default)`;
  // Read on the first call, not here: most starts never need the shared config files.
  return `the region of profile ${config.profile ?? "default"} in ~/.aws/config (read on the first call)`;
}

/** The start-up line: version, mode, region and its origin, credential source kind, tool groups, confirmation, sandbox state, transport and address. */
export function describeStartup(options: {
  version: string;
  config: Config;
  sources: ConfigSources;
  env: StartupEnv;
  address?: string;
}): string {
  const { config } = options;
  const mode = config.sandbox ? "sandbox mode (embedded emulator, nothing billed)" : "AWS mode (creates billable resources)";
  const transport = options.address === undefined ? `transport ${config.transport}` : `transport ${config.transport} at ${options.address}`;
  const tools = config.readOnly ? "tools read (read-only)" : `tools ${config.tools.join(",")}`;
  return [
    `agentcore-runtime-mcp ${options.version}: ${mode}`,
    `region ${describeRegion(config, options.sources)}`,
    `credentials: ${describeCredentialSource(config, options.env)}`,
    tools,
    `confirm ${config.confirm ? "on" : "off"}`,
    ...(config.sandbox
      ? [config.sandboxState === undefined ? "sandbox state in memory (ends with the process)" : `sandbox state in ${config.sandboxState}`]
      : []),
    transport,
  ].join("; ");
}

/** The line reporting settings the chosen transport does not use, or undefined when there are none. */
export function describeIgnored(ignored: readonly string[], transport: Config["transport"]): string | undefined {
  if (ignored.length === 0) return undefined;
  return `${ignored.join(", ")} ${ignored.length === 1 ? "does" : "do"} not apply to the ${transport} transport and ${ignored.length === 1 ? "is" : "are"} ignored (HTTP options need --transport http)`;
}

/** A notice for a Node.js line past its upstream end of life, or undefined on a maintained line. */
export function nodeSupportNotice(nodeVersion: string): string | undefined {
  const major = Number(/^v?(\d+)/.exec(nodeVersion)?.[1]);
  if (!Number.isInteger(major) || major >= OLDEST_MAINTAINED_NODE) return undefined;
  return (
    `Node.js ${nodeVersion} is past its end of life; this server still runs on it and is tested on it, ` +
    `but support ends when that stops: use Node.js ${OLDEST_MAINTAINED_NODE} or 24`
  );
}
