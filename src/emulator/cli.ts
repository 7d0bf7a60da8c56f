import { parseArgs } from "node:util";
import { refuseRealLookingKey } from "./credentials.js";
import type { EmulatorOptions } from "./emulator.js";

/**
 * The outcome of reading the `emulator` command's arguments; `stateFile` is opened by the caller (it needs the
 * file system), and `hostCode` asks the caller for {@link EmulatorOptions.hostCode} (it knows the node binary).
 */
export type EmulatorArgs =
  | { readonly options: EmulatorOptions; readonly stateFile?: string; readonly hostCode?: true }
  | { readonly error: string }
  | { readonly help: string };

const DEFAULT_PORT = 4566;
/** The most requests `--record` keeps: a recording is for looking at, not for load runs. */
const MAX_RECORDED = 10_000;
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The `emulator` command's usage text. */
export const EMULATOR_USAGE = `Usage: agentcore-runtime-mcp emulator [options]

Runs a local emulator of the Amazon Bedrock AgentCore control plane (CreateAgentRuntime,
GetAgentRuntime, UpdateAgentRuntime, ListAgentRuntimes, ListAgentRuntimeVersions,
DeleteAgentRuntime) for sandbox use and tests. It talks to nothing on the network and creates
nothing in AWS.

Options:
  --host <address>             interface to listen on (default 127.0.0.1)
  --port <number>              port to listen on, 0 for any free port (default 4566)
  --region <region>            the region served (default us-east-1)
  --regions <a,b,…|all>        serve these regions instead (each keeps its own runtimes);
                               a request signed for another region gets 403
  --allow-host <name>          also answer requests whose Host is <name> (repeatable);
                               loopback names and the bound host are always answered
  --record <count>             keep the last <count> API requests (at most ${MAX_RECORDED}) for
                               GET /__emulator/requests, secret headers removed (default: none)
  --access-key-id <id>         accept this key instead of the sandbox key AKIDSANDBOXEXAMPLE
  --secret-access-key <secret> its secret (required with --access-key-id)
  --session-token <token>      require this session token with that key
  --create-delay-ms <ms>       how long a runtime stays CREATING, UPDATING or DELETING (default 3000)
  --max-runtimes <number>      runtimes allowed before ServiceQuotaExceededException (default 1000)
  --open-account               every role, image, S3 object, subnet and security group that is
                               not a fixture exists as a good one, as in the server's --sandbox
                               (default: only the fixtures exist, anything else is not found)
  --host-code                  run NODE_22 code packages uploaded to the emulator's S3 for real:
                               an MCP runtime made from one starts as a child process on its
                               first invocation (default: stand-in agents answer every invocation)
  --state <file>               keep everything the emulator holds in <file> (written after each
                               change, read on start), so it outlives the process
  -h, --help                   show this help

Runtimes whose name starts with "fail" end in CREATE_FAILED; an update to an image tag (or S3
prefix part) starting with "fail" ends in UPDATE_FAILED; deleting a runtime whose name starts
with "keep" ends in DELETE_FAILED.

On a loopback bind the control endpoints (/__emulator/faults, /__emulator/requests) take the
control token printed on start in the x-emulator-control-token header; elsewhere they are off.`;

class UsageError extends Error {
  override readonly name = "UsageError";
}

function isParseArgsError(error: unknown): error is TypeError {
  return error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS_");
}

function integer(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) throw new UsageError(`--${flag} must be an integer from 0 to ${max}`);
  return value;
}

function regionName(flag: string, text: string): string {
  if (!REGION_NAME.test(text)) throw new UsageError(`--${flag} takes region names like us-east-1, not ${JSON.stringify(text)}`);
  return text;
}

function servedRegions(text: string): readonly string[] | "all" {
  if (text === "all") return "all";
  return [...new Set(text.split(",").map((part) => regionName("regions", part.trim())))];
}

function readArgs(argv: readonly string[]): EmulatorArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      region: { type: "string" },
      regions: { type: "string" },
      "allow-host": { type: "string", multiple: true },
      record: { type: "string" },
      "access-key-id": { type: "string" },
      "secret-access-key": { type: "string" },
      "session-token": { type: "string" },
      "create-delay-ms": { type: "string" },
      "max-runtimes": { type: "string" },
      "open-account": { type: "boolean" },
      "host-code": { type: "boolean" },
      state: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) return { help: EMULATOR_USAGE };
  const accessKeyId = values["access-key-id"];
  const secretAccessKey = values["secret-access-key"];
  const sessionToken = values["session-token"];
  const delay = values["create-delay-ms"];
  const quota = values["max-runtimes"];
  if (sessionToken !== undefined && accessKeyId === undefined)
    throw new UsageError("--session-token needs --access-key-id and --secret-access-key");
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    throw new UsageError("--access-key-id and --secret-access-key go together");
  const refusal = accessKeyId === undefined ? undefined : refuseRealLookingKey(accessKeyId);
  if (refusal !== undefined) throw new UsageError(refusal);
  const allowedHosts = values["allow-host"] ?? [];
  return {
    options: {
      host: values.host ?? "127.0.0.1",
      port: values.port === undefined ? DEFAULT_PORT : integer("port", values.port, 65535),
      ...(values.region === undefined ? {} : { region: regionName("region", values.region) }),
      ...(values.regions === undefined ? {} : { regions: servedRegions(values.regions) }),
      ...(allowedHosts.length === 0 ? {} : { allowedHosts }),
      // Off unless asked for: a recording holds request bodies, and is served over HTTP.
      maxRecordedRequests: values.record === undefined ? 0 : integer("record", values.record, MAX_RECORDED),
      redactRecordedSecrets: true,
      ...(accessKeyId === undefined || secretAccessKey === undefined
        ? {}
        : { credentials: [{ accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) }] }),
      ...(delay === undefined ? {} : { createDelayMs: integer("create-delay-ms", delay, Number.MAX_SAFE_INTEGER) }),
      ...(quota === undefined ? {} : { maxRuntimes: integer("max-runtimes", quota, Number.MAX_SAFE_INTEGER) }),
      ...(values["open-account"] === true ? { openAccount: true } : {}),
    },
    ...(values.state === undefined ? {} : { stateFile: values.state }),
    ...(values["host-code"] === true ? { hostCode: true } : {}),
  };
}

/**
 * Reads the arguments that follow `emulator` on the command line into {@link EmulatorOptions}.
 * Pure: it reads no environment and prints nothing.
 */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorArgs {
  try {
    return readArgs(argv);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) return { error: error.message };
    throw error;
  }
}
