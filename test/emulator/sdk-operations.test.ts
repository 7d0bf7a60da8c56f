import { afterEach, describe, expect, it } from "vitest";
import {
  AccessDeniedException,
  BedrockAgentCoreControlServiceException,
  ConflictException,
  CreateAgentRuntimeCommand,
  DeleteAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  InternalServerException,
  ListAgentRuntimesCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
  paginateListAgentRuntimes,
} from "@aws-sdk/client-bedrock-agentcore-control";
import codeRequest from "../fixtures/emulator-code-artifact-request.json" with { type: "json" };
import seedRequest from "../fixtures/emulator-seed-request.json" with { type: "json" };
import { MINIMAL_CREATE, asCreateInput, closeAll, sdkClient, startTestEmulator } from "../helpers/emulator.js";

afterEach(closeAll);

type ErrorClass = abstract new (...args: never[]) => BedrockAgentCoreControlServiceException;

async function expectServiceError<T>(
  pending: Promise<T>,
  errorClass: ErrorClass,
  status: number,
  message: string | RegExp,
): Promise<BedrockAgentCoreControlServiceException> {
  const error: unknown = await pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(errorClass);
  if (!(error instanceof BedrockAgentCoreControlServiceException)) throw new Error("not a service exception");
  expect(error.$metadata.httpStatusCode).toBe(status);
  expect(error.message).toMatch(message);
  return error;
}

describe("the official SDK against the emulator: successes", () => {
  it("creates a runtime and parses the modelled 202 output", async () => {
    const emulator = await startTestEmulator();
    const created = await sdkClient(emulator).send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.agentRuntimeId).toMatch(/^my_agent-[a-zA-Z0-9]{10}$/);
    expect(created.agentRuntimeArn).toBe(`arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/${created.agentRuntimeId ?? ""}`);
    expect(created.agentRuntimeVersion).toBe("1");
    expect(created.createdAt).toEqual(new Date(emulator.clock.now()));
    expect(created.status).toBe("CREATING");
    expect(created.workloadIdentityDetails?.workloadIdentityArn).toBe(
      `arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/${created.agentRuntimeId ?? ""}`,
    );
    expect(emulator.requests).toMatchObject([
      { method: "PUT", operation: "CreateAgentRuntime", signatureValid: true, signingRegion: "us-east-1" },
    ]);
  });

  it("takes the seed page's full request and returns every modelled member from Get", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const created = await client.send(new CreateAgentRuntimeCommand(asCreateInput(seedRequest)));
    const got = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: created.agentRuntimeId }));
    expect(got).toMatchObject({
      agentRuntimeArn: created.agentRuntimeArn,
      agentRuntimeName: "seed_agent",
      agentRuntimeVersion: "1",
      description: seedRequest.description,
      agentRuntimeArtifact: seedRequest.agentRuntimeArtifact,
      roleArn: seedRequest.roleArn,
      networkConfiguration: seedRequest.networkConfiguration,
      protocolConfiguration: seedRequest.protocolConfiguration,
      environmentVariables: seedRequest.environmentVariables,
      authorizerConfiguration: seedRequest.authorizerConfiguration,
      requestHeaderConfiguration: seedRequest.requestHeaderConfiguration,
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
      workloadIdentityDetails: created.workloadIdentityDetails,
      status: "CREATING",
    });
    expect(got).not.toHaveProperty("tags");
    expect(got).not.toHaveProperty("clientToken");
  });

  it("takes the code-artifact arm and returns the given lifecycle, filesystems and capacity provider", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const created = await client.send(new CreateAgentRuntimeCommand(asCreateInput(codeRequest)));
    const got = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: created.agentRuntimeId, agentRuntimeVersion: "1" }));
    expect(got).toMatchObject({
      agentRuntimeArtifact: codeRequest.agentRuntimeArtifact,
      lifecycleConfiguration: codeRequest.lifecycleConfiguration,
      filesystemConfigurations: codeRequest.filesystemConfigurations,
      capacityProviderConfiguration: codeRequest.capacityProviderConfiguration,
    });
  });

  it("lists with paging through the SDK's paginator", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const ids: string[] = [];
    for (const name of ["a1", "a2", "a3", "a4", "a5"]) {
      ids.push((await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: name }))).agentRuntimeId ?? "");
    }
    const first = await client.send(new ListAgentRuntimesCommand({ maxResults: 2 }));
    expect(first.agentRuntimes?.map((runtime) => runtime.agentRuntimeId)).toEqual(ids.slice(0, 2));
    expect(first.nextToken).toEqual(expect.any(String));
    const pages: string[][] = [];
    for await (const page of paginateListAgentRuntimes({ client, pageSize: 2 }, {}))
      pages.push((page.agentRuntimes ?? []).map((runtime) => runtime.agentRuntimeId ?? ""));
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    const all = await client.send(new ListAgentRuntimesCommand({}));
    expect(all.agentRuntimes).toHaveLength(5);
    expect(all.nextToken).toBeUndefined();
    expect(all.agentRuntimes?.[0]).toMatchObject({
      agentRuntimeName: "a1",
      agentRuntimeVersion: "1",
      status: "CREATING",
      lastUpdatedAt: expect.any(Date),
    });
  });

  it("deletes with 202 DELETING, after which the runtime is gone", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    const deleted = await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId }));
    expect(deleted).toMatchObject({ $metadata: { httpStatusCode: 202 }, status: "DELETING", agentRuntimeId });
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).status).toBe("DELETING");
    emulator.clock.advance(3000);
    await expectServiceError(
      client.send(new GetAgentRuntimeCommand({ agentRuntimeId })),
      ResourceNotFoundException,
      404,
      `Agent runtime ${agentRuntimeId ?? ""} was not found.`,
    );
    expect(emulator.requests.find((request) => request.operation === "DeleteAgentRuntime")?.query).toEqual({
      clientToken: expect.any(String),
    });
  });
});

describe("the official SDK against the emulator: every error as its modelled class", () => {
  it("ValidationException (400) with reason and fieldList, never echoing sensitive values", async () => {
    const emulator = await startTestEmulator();
    const error = await expectServiceError(
      sdkClient(emulator).send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "bad-name", description: "" })),
      ValidationException,
      400,
      "2 validation errors detected: Value 'bad-name' at 'agentRuntimeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][a-zA-Z0-9_]{0,47}; Value '***' at 'description' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    if (!(error instanceof ValidationException)) throw new Error("unexpected class");
    expect(error.reason).toBe("FieldValidationFailed");
    expect(error.fieldList?.map((field) => field.name)).toEqual(["agentRuntimeName", "description"]);
    const secret = await expectServiceError(
      sdkClient(emulator).send(
        new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, environmentVariables: { TOKEN: "s3cr3t-".repeat(800) } }),
      ),
      ValidationException,
      400,
      /^1 validation error detected: Value '\*\*\*' at 'environmentVariables'/,
    );
    expect(secret.message).not.toContain("s3cr3t");
  });

  it("ConflictException (409) for a taken name", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    await expectServiceError(
      client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE)),
      ConflictException,
      409,
      "An agent runtime named my_agent already exists in us-east-1.",
    );
  });

  it("ServiceQuotaExceededException (402) past the runtime quota", async () => {
    const emulator = await startTestEmulator({ maxRuntimes: 1 });
    const client = sdkClient(emulator);
    await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    await expectServiceError(
      client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "second" })),
      ServiceQuotaExceededException,
      402,
      "The quota of 1 agent runtimes per account in us-east-1 has been reached.",
    );
  });

  it("ResourceNotFoundException (404) for an unknown id or version", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    await expectServiceError(
      client.send(new GetAgentRuntimeCommand({ agentRuntimeId: "nobody-abcdefghij" })),
      ResourceNotFoundException,
      404,
      /nobody-abcdefghij/,
    );
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    await expectServiceError(
      client.send(new GetAgentRuntimeCommand({ agentRuntimeId, agentRuntimeVersion: "2" })),
      ResourceNotFoundException,
      404,
      `Version 2 of agent runtime ${agentRuntimeId ?? ""} does not exist; the runtime exists with version 1.`,
    );
    await expectServiceError(
      client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: "nobody-abcdefghij" })),
      ResourceNotFoundException,
      404,
      /nobody/,
    );
  });

  it.each([
    [403, "AccessDeniedException", AccessDeniedException],
    [429, "ThrottlingException", ThrottlingException],
    [500, "InternalServerException", InternalServerException],
    [402, "ServiceQuotaExceededException", ServiceQuotaExceededException],
    [409, "ConflictException", ConflictException],
    [404, "ResourceNotFoundException", ResourceNotFoundException],
  ] as const)("an injected %i arrives as %s", async (status, name, errorClass) => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "status", status });
    const error = await expectServiceError(
      sdkClient(emulator).send(new CreateAgentRuntimeCommand(MINIMAL_CREATE)),
      errorClass,
      status,
      `${name} injected by the emulator.`,
    );
    expect(error.name).toBe(name);
    expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an injected ValidationException carries the required reason", async () => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "status", status: 400, message: "1 validation error detected" });
    const error = await expectServiceError(
      sdkClient(emulator).send(new CreateAgentRuntimeCommand(MINIMAL_CREATE)),
      ValidationException,
      400,
      "1 validation error detected",
    );
    expect(error instanceof ValidationException && error.reason).toBe("FieldValidationFailed");
  });

  it("an unmodelled 503 arrives as a generic service exception named ServiceUnavailableException", async () => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "status", status: 503 });
    const error = await expectServiceError(
      sdkClient(emulator).send(new ListAgentRuntimesCommand({})),
      BedrockAgentCoreControlServiceException,
      503,
      /injected/,
    );
    expect(error.name).toBe("ServiceUnavailableException");
    expect(error.$fault).toBe("server");
  });
});
