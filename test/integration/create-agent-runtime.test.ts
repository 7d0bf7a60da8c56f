import { describe, expect, it } from "vitest";
import seedRequest from "../fixtures/seed-full-request.json" with { type: "json" };
import newestRequest from "../fixtures/newest-model-request.json" with { type: "json" };
import { MINIMAL_REQUEST, type Stack, steppingEnvironment, textOf, useStack } from "../helpers/stack.js";

const start = useStack();

const createRequests = (s: Stack) => s.emulator.requests.filter((request) => request.method === "PUT");

describe("create_agent_runtime against the emulator", () => {
  it("creates a runtime and returns the API's output plus clientToken, region and request id", async () => {
    const s = await start();
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      agentRuntimeArn: expect.stringMatching(/^arn:aws:bedrock-agentcore:us-east-1:\d{12}:runtime\/my_agent-[a-zA-Z0-9]{10}$/),
      agentRuntimeId: expect.stringMatching(/^my_agent-[a-zA-Z0-9]{10}$/),
      agentRuntimeVersion: "1",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      status: "CREATING",
      workloadIdentityDetails: { workloadIdentityArn: expect.stringContaining("workload-identity") },
      clientToken: "generated-token-0001-0123456789abcdef",
      region: "us-east-1",
      requestId: expect.any(String),
      sandbox: false,
    });
    expect(textOf(result)).toContain("status CREATING");
    const [request] = createRequests(s);
    expect(request?.path).toBe("/runtimes/");
    expect(request?.signatureValid).toBe(true);
    expect(JSON.parse(request?.bodyText ?? "{}")).toEqual({ ...MINIMAL_REQUEST, clientToken: "generated-token-0001-0123456789abcdef" });
  });

  it("sends every member of the seed page's full request exactly as given", async () => {
    const s = await start();
    const result = await s.call(seedRequest);
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(createRequests(s)[0]?.bodyText ?? "{}")).toEqual(seedRequest);
    expect(result.structuredContent?.clientToken).toBe(seedRequest.clientToken);
  });

  it("supports the newest model's members (code artifact, filesystems, capacity provider, claims, private endpoints)", async () => {
    const s = await start();
    const result = await s.call(newestRequest);
    expect(textOf(result)).toContain("Created AgentCore Runtime newest_members-");
    expect(JSON.parse(createRequests(s)[0]?.bodyText ?? "{}")).toMatchObject(newestRequest);
  });

  it("rejects invalid arguments locally, naming every field, and sends nothing", async () => {
    const s = await start();
    const result = await s.call({ agentRuntimeName: "bad-name", agentRuntimeArtifact: {}, networkConfiguration: { networkMode: "VPC" } });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^InvalidArguments: [^\n]* \(1 of 4 problems, all listed below\)\n/);
    for (const field of ["agentRuntimeName", "agentRuntimeArtifact", "roleArn", "networkConfiguration.networkModeConfig"]) {
      expect(text).toContain(`- ${field}:`);
    }
    expect(s.emulator.requests).toHaveLength(0);
  });

  it("treats null members as absent, but refuses a null entry in a map, as AWS does", async () => {
    const s = await start();
    const accepted = await s.call({ ...MINIMAL_REQUEST, description: null, tags: null, lifecycleConfiguration: { maxLifetime: null } });
    expect(accepted.isError).toBeFalsy();
    expect(JSON.parse(createRequests(s)[0]?.bodyText ?? "{}")).not.toHaveProperty("description");
    const refused = await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: "null_tag", tags: { team: null } });
    expect(textOf(refused)).toMatch(/^InvalidArguments: tags.team must be a string\b[^\n]*\nNothing was sent to AWS\./);
    expect(createRequests(s)).toHaveLength(1);
  });

  it("answers a taken name with ConflictException naming the runtime that holds it, with status, request id and a remedy", async () => {
    const s = await start();
    const original = await s.call({ ...MINIMAL_REQUEST });
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBe(true);
    const [first, facts, ...rest] = textOf(result).split("\n");
    expect(first).toMatch(/^ConflictException: .*The name "my_agent" belongs to my_agent-\w{10} \(status CREATING, created \d{4}-/);
    expect(facts).toMatch(/HTTP 409 · request id \S+ · retryable: no · attempts: 1/);
    expect(rest.join("\n")).toMatch(
      /Next step: .*If it is the one you meant to create, use it .*otherwise choose another agentRuntimeName/,
    );
    expect(result.structuredContent).toMatchObject({
      agentRuntimeId: original.structuredContent?.agentRuntimeId,
      agentRuntimeArn: original.structuredContent?.agentRuntimeArn,
      status: "CREATING",
      createdAt: original.structuredContent?.createdAt,
      clientToken: expect.any(String),
      error: { code: "ConflictException", httpStatus: 409, retryable: false, attempts: 1 },
    });
  });

  it("returns the same runtime for a repeated clientToken instead of creating a second one", async () => {
    const s = await start();
    const token = "repeat-token-0123456789abcdef0123456789";
    const first = await s.call({ ...MINIMAL_REQUEST, clientToken: token });
    const second = await s.call({ ...MINIMAL_REQUEST, clientToken: token });
    expect(second.isError).toBeFalsy();
    expect(second.structuredContent?.agentRuntimeArn).toBe(first.structuredContent?.agentRuntimeArn);
  });

  it("reports ServiceQuotaExceededException with the quota remedy", async () => {
    const s = await start({ emulator: { maxRuntimes: 1 } });
    await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: "first" });
    const text = textOf(await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: "second" }));
    expect(text).toMatch(/^ServiceQuotaExceededException: /);
    expect(text).toContain("HTTP 402");
    expect(text).toMatch(/quota/i);
  });

  it.each([
    [403, "AccessDeniedException", /iam:PassRole/, 1],
    [400, "ValidationException", /Fix the fields/, 1],
    [429, "ThrottlingException", /retryable: yes · attempts: 3/, 3],
    [500, "InternalServerException", /retryable: yes · attempts: 3/, 3],
  ] as const)("reports HTTP %i as %s after the right number of attempts", async (status, errorType, expected, attempts) => {
    const s = await start();
    s.emulator.setFaultRule(() => ({ kind: "status", status, errorType, message: `${errorType} injected` }));
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(new RegExp(`^${errorType}: `));
    expect(textOf(result)).toContain(`HTTP ${status}`);
    expect(textOf(result)).toMatch(expected);
    expect(createRequests(s)).toHaveLength(attempts);
  });

  it("carries the service's fieldList into a ValidationException result", async () => {
    const s = await start();
    s.emulator.setFaultRule(() => ({
      kind: "status",
      status: 400,
      errorType: "ValidationException",
      message: "1 validation error detected",
    }));
    const text = textOf(await s.call({ ...MINIMAL_REQUEST }));
    expect(text).toMatch(/^ValidationException: 1 validation error detected/);
  });

  it("retries 429, 429 then succeeds: 3 attempts, one clientToken, three valid signatures, each signed afresh", async () => {
    const env = steppingEnvironment();
    const s = await start({ env });
    s.emulator.inject([
      { kind: "status", status: 429, errorType: "ThrottlingException" },
      { kind: "status", status: 429, errorType: "ThrottlingException" },
    ]);
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    const requests = createRequests(s);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => JSON.parse(request.bodyText).clientToken)).size).toBe(1);
    expect(requests.every((request) => request.signatureValid)).toBe(true);
    // Each attempt's number is in a signed header (amz-sdk-request), so every signature is new.
    expect(new Set(requests.map((request) => request.headers.authorization)).size).toBe(3);
    // The SDK's throttling backoff: full jitter over 1 s then 2 s, drawn at 0.5.
    expect(env.sleeps).toEqual([500, 1000]);
  });

  it("explains missing credentials without a stack trace and sends nothing", async () => {
    const s = await start({ credentials: false });
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^CredentialsError: could not load AWS credentials/);
    expect(textOf(result)).toContain("AWS_PROFILE");
    expect(textOf(result)).not.toMatch(/\n\s+at /);
    expect(s.emulator.requests).toHaveLength(0);
  });

  it("stops at once when the client cancels, leaving no call running", async () => {
    const s = await start();
    s.emulator.setFaultRule(() => ({ kind: "hang" }));
    const controller = new AbortController();
    const pending = s.call({ ...MINIMAL_REQUEST }, { signal: controller.signal });
    await expect.poll(() => createRequests(s).length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => s.logs.some((line) => line.includes('code="Cancelled"'))).toBe(true);
  });
});
