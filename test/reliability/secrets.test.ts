// Canaries: distinctive secret values fed to the built bin through every door (AWS credentials,
// sensitive request members, the HTTP bearer token), then looked for in everything it emits.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type HttpBin, spawnHttpBin } from "../helpers/harness.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { RpcSession as StdioSession } from "../helpers/harness.js";
import { emulatorEnv } from "../helpers/stdio-session.js";
import { type RawResponse, mcpHeaders, rawRequest, sseMessages } from "../helpers/http.js";
import { recordFigure } from "../helpers/figures.js";

// Each canary has a unique core, looked for as well as the whole value, so that a partial or
// re-encoded leak (cut short, split across a line) is caught too.
const CANARIES = {
  secretAccessKey: "canary-secret-7f3a91c4e2/aws-secret-access-key",
  sessionToken: "canary-session-5be2d8a0c7-aws-session-token",
  envValue: "canary-env-c19e77b3f1-environment-value",
  // Quotes, a backslash and a newline: a service that echoes the body echoes them JSON-escaped.
  description: 'canary-desc-4a0f62e9d8 "quoted" \\ back\nline description of the runtime',
  bearer: "canary-bearer-93d1f5a7b6-mcp-auth-token",
} as const;
const CORES = ["7f3a91c4e2", "5be2d8a0c7", "c19e77b3f1", "4a0f62e9d8", "93d1f5a7b6"];
const NEEDLES = [...Object.values(CANARIES), ...CORES];
const ACCESS_KEY_ID = "AKIDCANARYEXAMPLE";

/** Where a canary was found, or undefined when the text is clean. */
function leakIn(text: string): string | undefined {
  return NEEDLES.find((needle) => text.includes(needle));
}

/** Collects every output of a run and checks each one for canaries. */
class OutputScan {
  count = 0;
  private readonly leaks: string[] = [];
  check(where: string, text: string): void {
    this.count += 1;
    const needle = leakIn(text);
    if (needle !== undefined) this.leaks.push(`${where} contains ${needle}`);
  }
  expectClean(): void {
    expect(this.leaks).toEqual([]);
  }
}

/** Requests with canaries in them, and what each must produce. */
const sensitiveArguments = {
  ...MINIMAL_REQUEST,
  description: CANARIES.description,
  environmentVariables: { API_MODE: CANARIES.envValue, OTHER: "plain" },
};
const hugeEnvValue = `${CANARIES.envValue}${"x".repeat(6000 - CANARIES.envValue.length)}`;
const hugeDescription = CANARIES.description.repeat(Math.ceil(4097 / CANARIES.description.length)).slice(0, 4097);

interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
}

function textOf(result: ToolResult): string {
  return result.content.map((item) => item.text).join("\n");
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: CANARIES.secretAccessKey, sessionToken: CANARIES.sessionToken }],
  });
});
afterAll(async () => {
  await emulator.close();
});
afterEach(() => {
  emulator.reset();
});

function awsEnv(extra: Record<string, string> = {}): Record<string, string> {
  return emulatorEnv(emulator.url, {
    AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: CANARIES.secretAccessKey,
    AWS_SESSION_TOKEN: CANARIES.sessionToken,
    LOG_LEVEL: "debug",
    ...extra,
  });
}

/** One way of calling tools (stdio or HTTP) for {@link exerciseTools}. */
type CallTool = (name: string, args: Record<string, unknown>) => Promise<ToolResult>;

/**
 * The calls both transports go through: success, AWS errors that echo the request body (400, and
 * 500 retried to the end), local rejections of oversized canary values, a dry run and a get.
 * Asserts what each must do; returns every result for scanning.
 */
async function exerciseTools(call: CallTool): Promise<ToolResult[]> {
  const results: ToolResult[] = [];
  const putBodies = (): string[] => emulator.requests.filter((request) => request.method === "PUT").map((request) => request.bodyText);

  const created = await call("create_agent_runtime", { ...sensitiveArguments, agentRuntimeName: "canary_ok" });
  results.push(created);
  expect(created.isError).toBeFalsy();
  expect(created.structuredContent).toMatchObject({ status: "CREATING", sandbox: false });
  // The wire carries the sensitive members (that is their purpose) and every request verified
  // against the canary secret key and session token.
  expect(JSON.parse(putBodies().at(-1) ?? "{}")).toMatchObject({
    description: CANARIES.description,
    environmentVariables: expect.objectContaining({ API_MODE: CANARIES.envValue }),
  });
  expect(emulator.requests.every((request) => request.signatureValid)).toBe(true);

  emulator.inject({ kind: "status", status: 400, errorType: "ValidationException", echoRequest: true });
  const rejected = await call("create_agent_runtime", { ...sensitiveArguments, agentRuntimeName: "canary_400" });
  results.push(rejected);
  expect(rejected.isError).toBe(true);
  // The service's message did come back, with the body it echoed, minus the sensitive values.
  expect(textOf(rejected)).toMatch(/^ValidationException: ValidationException injected by the emulator\. Request body: \{/);
  expect(textOf(rejected)).toContain("[redacted]");
  expect(textOf(rejected)).toContain("canary_400");

  const beforeRetries = putBodies().length;
  emulator.setFaultRule(() => ({ kind: "status", status: 500, errorType: "InternalServerException", echoRequest: true }));
  const failed = await call("create_agent_runtime", { ...sensitiveArguments, agentRuntimeName: "canary_500" });
  emulator.setFaultRule(undefined);
  results.push(failed);
  expect(failed.isError).toBe(true);
  expect(textOf(failed)).toMatch(
    /^InternalServerException: [^\n]*Request body: \{[^\n]*\nHTTP 500 · request id \S+ · retryable: yes · attempts: 3/,
  );
  expect(putBodies().length - beforeRetries).toBe(3);
  expect(
    putBodies()
      .slice(beforeRetries)
      .every((body) => body.includes(JSON.stringify(CANARIES.description))),
  ).toBe(true);

  const beforeInvalid = emulator.requests.length;
  for (const invalid of [
    { ...MINIMAL_REQUEST, environmentVariables: { HUGE: hugeEnvValue } },
    { ...MINIMAL_REQUEST, description: hugeDescription },
  ]) {
    const result = await call("create_agent_runtime", invalid);
    results.push(result);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^InvalidArguments: /);
  }
  expect(emulator.requests.length).toBe(beforeInvalid);

  const dryRun = await call("create_agent_runtime", { ...sensitiveArguments, agentRuntimeName: "canary_dry", dryRun: true });
  results.push(dryRun);
  expect(dryRun.isError).toBeFalsy();
  expect(dryRun.structuredContent).toMatchObject({
    dryRun: { method: "PUT", body: { agentRuntimeName: "canary_dry", description: "[redacted]" } },
  });
  expect(emulator.requests.length).toBe(beforeInvalid);

  const agentRuntimeId = created.structuredContent?.agentRuntimeId;
  expect(agentRuntimeId).toEqual(expect.stringMatching(/^canary_ok-/));
  const got = await call("get_agent_runtime", { agentRuntimeId: String(agentRuntimeId) });
  results.push(got);
  expect(got.isError).toBeFalsy();
  expect(got.structuredContent).toMatchObject({ agentRuntimeId });
  return results;
}

function scanResults(scan: OutputScan, results: readonly ToolResult[], transport: string): void {
  for (const [index, result] of results.entries()) {
    for (const item of result.content) scan.check(`${transport} result ${index} text`, item.text);
    if (result.structuredContent !== undefined) {
      scan.check(`${transport} result ${index} structuredContent`, JSON.stringify(result.structuredContent));
    }
  }
}

describe("canaries never leak over stdio", () => {
  let session: StdioSession | undefined;
  afterEach(async () => {
    await session?.kill();
    session = undefined;
  });

  it("keeps secrets out of stdout, stderr and every tool result, at LOG_LEVEL=debug", async () => {
    const s = new StdioSession([], awsEnv());
    session = s;
    await s.initialize();
    const list = await s.request("tools/list");
    expect(list.result).toBeDefined();
    const results = await exerciseTools(async (name, args) => {
      const answer = await s.request("tools/call", { name, arguments: args });
      expect(answer.error).toBeUndefined();
      return answer.result as ToolResult;
    });
    s.endInput();
    expect(await s.exited).toMatchObject({ code: 0, signal: null });

    // The logs were written (retries are logged), so their silence about secrets means something.
    expect(s.stderr).toContain("retrying");
    const scan = new OutputScan();
    for (const [index, line] of s.stdoutLines.entries()) scan.check(`stdout line ${index}`, line);
    scan.check("stderr", s.stderr);
    scanResults(scan, results, "stdio");
    scan.expectClean();
    recordFigure("secrets: stdio outputs scanned for canaries", scan.count);
  });
});

describe("canaries never leak over HTTP", () => {
  let bin: HttpBin | undefined;
  afterEach(async () => {
    await bin?.proc.kill();
    bin = undefined;
  });

  it("keeps secrets, the bearer token included, out of responses, stderr and requests to AWS", { timeout: 30_000 }, async () => {
    const server = await spawnHttpBin(["--transport", "http", "--port", "0"], awsEnv({ MCP_AUTH_TOKEN: CANARIES.bearer }));
    bin = server;
    const { port } = server;
    const responses: { label: string; response: RawResponse }[] = [];
    const send = async (label: string, options: Parameters<typeof rawRequest>[1]): Promise<RawResponse> => {
      const response = await rawRequest(port, options);
      responses.push({ label, response });
      return response;
    };
    const authorized = (extra: Record<string, string> = {}) =>
      mcpHeaders(port, { authorization: `Bearer ${CANARIES.bearer}`, "mcp-protocol-version": "2025-06-18", ...extra });
    let nextId = 1;
    const rpc = async (method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const id = nextId++;
      const response = await send(method, { headers: authorized(), body: JSON.stringify({ jsonrpc: "2.0", id, method, params }) });
      expect(response.status).toBe(200);
      const answer = sseMessages(response.text).find((message) => (message as { id?: unknown }).id === id);
      expect(answer).toBeDefined();
      return answer as Record<string, unknown>;
    };

    const init = await rpc("initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "canary", version: "1" } });
    expect(init.result).toMatchObject({ serverInfo: { name: "agentcore-runtime-mcp" } });
    const results = await exerciseTools(async (name, args) => {
      const answer = await rpc("tools/call", { name, arguments: args });
      expect(answer.error).toBeUndefined();
      return answer.result as ToolResult;
    });

    // Refused credentials: a wrong token, one that merely starts with the real one, the real one
    // under another scheme, and the real one in the query string next to a valid header.
    const body = JSON.stringify({ jsonrpc: "2.0", id: 99, method: "tools/list", params: {} });
    for (const authorization of ["Bearer wrong-token-0000000000", `Bearer ${CANARIES.bearer}x`, `Token ${CANARIES.bearer}`]) {
      const response = await send(`authorization ${authorization.split(" ")[0] ?? ""}`, {
        headers: mcpHeaders(port, { authorization }),
        body,
      });
      expect(response.status).toBe(401);
      expect(response.headers["www-authenticate"]).toMatch(/^Bearer realm=/);
    }
    for (const query of ["access_token", "token", "auth"]) {
      const response = await send(`query ${query}`, {
        path: `/mcp?${query}=${encodeURIComponent(CANARIES.bearer)}`,
        headers: authorized(),
        body,
      });
      expect(response.status).toBe(400);
    }
    expect((await send("healthz", { method: "GET", path: "/healthz", headers: { host: `127.0.0.1:${port}` } })).status).toBe(200);
    expect((await send("GET /mcp", { method: "GET", headers: authorized() })).status).toBe(405);

    const exitSignalled = server.proc.signal("SIGTERM");
    const exit = await server.proc.exited;
    expect(exit.code).toBe(0);
    recordFigure("secrets: HTTP bin exit after SIGTERM", Math.round(exit.at - exitSignalled), "ms");

    expect(server.proc.stderr).toContain("retrying");
    expect(server.proc.stderr).toContain("authentication failed");
    const scan = new OutputScan();
    for (const { label, response } of responses) {
      scan.check(`${label} response body`, response.text);
      scan.check(`${label} response headers`, JSON.stringify(response.headers));
    }
    scan.check("stderr", server.proc.stderr);
    scan.check("stdout", server.proc.stdout);
    scanResults(scan, results, "http");
    scan.expectClean();

    // The bearer token is for the MCP layer alone: never forwarded to AWS, in headers or bodies.
    expect(emulator.requests.length).toBeGreaterThan(0);
    for (const request of emulator.requests) {
      expect(JSON.stringify(request.headers)).not.toContain(CANARIES.bearer);
      expect(JSON.stringify(request.headers)).not.toContain("93d1f5a7b6");
      expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDCANARYEXAMPLE\//);
      expect(request.bodyText).not.toContain(CANARIES.bearer);
    }
    recordFigure("secrets: HTTP outputs scanned for canaries", scan.count + emulator.requests.length);
  });
});
