import { describe, expect, it } from "vitest";
import codeRequest from "../fixtures/emulator-code-artifact-request.json" with { type: "json" };
import seedRequest from "../fixtures/emulator-seed-request.json" with { type: "json" };
import { SERVICE_MODEL, formatValidationMessage, validateRequest } from "../../src/emulator/index.js";
import { MINIMAL_CREATE } from "../helpers/emulator.js";

const create = (overrides: Record<string, unknown>): Record<string, unknown> => ({ ...MINIMAL_CREATE, ...overrides });
const issuesOf = (request: Record<string, unknown>) => validateRequest("CreateAgentRuntimeRequest", request);
const messagesOf = (request: Record<string, unknown>) => issuesOf(request).map((issue) => issue.message);

function vpc(config: Record<string, unknown>): Record<string, unknown> {
  return create({
    networkConfiguration: {
      networkMode: "VPC",
      networkModeConfig: { securityGroups: ["sg-0123456789abcdef0"], subnets: ["subnet-0123456789abcdef0"], ...config },
    },
  });
}

describe("validateRequest on CreateAgentRuntimeRequest", () => {
  it("accepts the seed page's full request example, every member set", () => {
    expect(issuesOf(seedRequest)).toEqual([]);
  });

  it("accepts the code-artifact arm of the union with every newer member set", () => {
    expect(issuesOf(codeRequest)).toEqual([]);
  });

  it("accepts a minimal request, and one without networkConfiguration (optional in this model)", () => {
    expect(issuesOf(MINIMAL_CREATE)).toEqual([]);
    const { networkConfiguration: _omitted, ...withoutNetwork } = MINIMAL_CREATE;
    expect(issuesOf(withoutNetwork)).toEqual([]);
  });

  it("reports a missing required member, and treats an explicit null as missing", () => {
    const { roleArn: _omitted, ...withoutRole } = MINIMAL_CREATE;
    expect(messagesOf(withoutRole)).toEqual(["Value null at 'roleArn' failed to satisfy constraint: Member must not be null"]);
    expect(messagesOf(create({ roleArn: null }))).toEqual([
      "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    ]);
  });

  it("reports nested required members with a dotted path", () => {
    const issues = issuesOf(create({ agentRuntimeArtifact: { containerConfiguration: {} } }));
    expect(issues.map((issue) => issue.path)).toEqual(["agentRuntimeArtifact.containerConfiguration.containerUri"]);
    expect(issues[0]?.segments).toEqual(["agentRuntimeArtifact", "containerConfiguration", "containerUri"]);
  });

  it("takes a 48-character name and refuses a 49-character one with AWS's exact wording", () => {
    const name48 = `a${"b".repeat(47)}`;
    expect(issuesOf(create({ agentRuntimeName: name48 }))).toEqual([]);
    const name49 = `${name48}c`;
    expect(formatValidationMessage(issuesOf(create({ agentRuntimeName: name49 })))).toBe(
      `1 validation error detected: Value '${name49}' at 'agentRuntimeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][a-zA-Z0-9_]{0,47}`,
    );
  });

  it("matches patterns against the whole value, not a part of it", () => {
    for (const name of ["my-agent", "agent!", "1agent", " agent", "agent\n"]) {
      expect(issuesOf(create({ agentRuntimeName: name })).map((issue) => issue.constraint)).toEqual([
        "Member must satisfy regular expression pattern: [a-zA-Z][a-zA-Z0-9_]{0,47}",
      ]);
    }
    expect(issuesOf(create({ roleArn: "xarn:aws:iam::123456789012:role/R" }))).toHaveLength(1);
  });

  it("counts string length in code points (Smithy's unit): 4096 emoji pass, 4097 fail", () => {
    expect(issuesOf(create({ description: "d".repeat(4096) }))).toEqual([]);
    expect(issuesOf(create({ description: "😀".repeat(4096) }))).toEqual([]);
    expect(issuesOf(create({ description: "😀".repeat(4097) })).map((issue) => issue.constraint)).toEqual([
      "Member must have length less than or equal to 4096",
    ]);
  });

  it("refuses a 4097-character or empty description without echoing it (sensitive)", () => {
    const secret = `top-secret-${"x".repeat(4086)}`;
    const [issue] = issuesOf(create({ description: secret }));
    expect(issue?.message).toBe(
      "Value '***' at 'description' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
    expect(messagesOf(create({ description: "" }))).toEqual([
      "Value '***' at 'description' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
  });

  it("takes 50 environment variables and refuses 51, never echoing names or values", () => {
    const variables = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`SECRET_NAME_${i}`, `secret-value-${i}`]));
    expect(issuesOf(create({ environmentVariables: variables(50) }))).toEqual([]);
    const messages = messagesOf(create({ environmentVariables: variables(51) }));
    expect(messages).toEqual([
      "Value '***' at 'environmentVariables' failed to satisfy constraint: Member must have length less than or equal to 50",
    ]);
  });

  it("checks environment variable keys and values against their shapes, masked", () => {
    const longKey = "K".repeat(101);
    const messages = messagesOf(create({ environmentVariables: { [longKey]: "v", OK: "x".repeat(5001), EMPTY_OK: "" } }));
    expect(messages).toEqual([
      "Value '***' at 'environmentVariables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 100]",
      "Value '***' at 'environmentVariables' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 5000]",
    ]);
    expect(messages.join()).not.toContain(longKey);
  });

  it("checks tag keys, values and count, echoing them since tags are not sensitive", () => {
    expect(messagesOf(create({ tags: { "bad!key": "v" } }))).toEqual([
      "Value 'bad!key' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z0-9\\s._:/=+@-]*]",
    ]);
    expect(messagesOf(create({ tags: { ok: "v".repeat(257) } }))[0]).toContain(
      "Map value must satisfy constraint: [Member must have length less than or equal to 256]",
    );
    expect(messagesOf(create({ tags: { ok: null } }))).toEqual([
      "Value null at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must not be null]",
    ]);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect(issuesOf(create({ tags: many })).map((issue) => issue.constraint)).toEqual(["Member must have length less than or equal to 50"]);
  });

  it("requires exactly one member of a union: none and two are refused", () => {
    expect(issuesOf(create({ agentRuntimeArtifact: {} })).map((issue) => [issue.path, issue.constraint])).toEqual([
      ["agentRuntimeArtifact", "Member must have exactly one of [containerConfiguration, codeConfiguration] set, found 0"],
    ]);
    const both = { ...MINIMAL_CREATE.agentRuntimeArtifact, ...codeRequest.agentRuntimeArtifact };
    expect(issuesOf(create({ agentRuntimeArtifact: both })).map((issue) => issue.constraint)).toEqual([
      "Member must have exactly one of [containerConfiguration, codeConfiguration] set, found 2",
    ]);
    const emptyCode = { codeConfiguration: { ...codeRequest.agentRuntimeArtifact.codeConfiguration, code: {} } };
    expect(issuesOf(create({ agentRuntimeArtifact: emptyCode })).map((issue) => issue.path)).toEqual([
      "agentRuntimeArtifact.codeConfiguration.code",
    ]);
  });

  it("checks list sizes and reports list items as <list>.<n>.member, 1-based", () => {
    expect(issuesOf(vpc({ subnets: [] })).map((issue) => issue.constraint)).toEqual(["Member must have length greater than or equal to 1"]);
    const seventeen = Array.from({ length: 17 }, (_, i) => `subnet-${String(i).padStart(8, "0")}`);
    expect(issuesOf(vpc({ subnets: seventeen })).map((issue) => issue.constraint)).toEqual([
      "Member must have length less than or equal to 16",
    ]);
    const [issue, ...rest] = issuesOf(vpc({ subnets: ["subnet-0123456789abcdef0", "bad"] }));
    expect(rest).toEqual([]);
    expect(issue?.path).toBe("networkConfiguration.networkModeConfig.subnets.2.member");
    expect(issue?.segments).toEqual(["networkConfiguration", "networkModeConfig", "subnets", 1]);
    expect(issue?.message).toBe(
      "Value 'bad' at 'networkConfiguration.networkModeConfig.subnets.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern: subnet-[0-9a-zA-Z]{8,17}",
    );
    expect(issuesOf(vpc({ subnets: [null] })).map((issue) => issue.constraint)).toEqual(["Member must not be null"]);
    const entryPoints = (entryPoint: string[]) =>
      create({ agentRuntimeArtifact: { codeConfiguration: { ...codeRequest.agentRuntimeArtifact.codeConfiguration, entryPoint } } });
    expect(issuesOf(entryPoints([])).map((issue) => issue.constraint)).toEqual(["Member must have length greater than or equal to 1"]);
    expect(issuesOf(entryPoints(["a", "b", "c"])).map((issue) => issue.constraint)).toEqual([
      "Member must have length less than or equal to 2",
    ]);
  });

  it("checks enums", () => {
    expect(messagesOf(create({ networkConfiguration: { networkMode: "PRIVATE" } }))).toEqual([
      "Value 'PRIVATE' at 'networkConfiguration.networkMode' failed to satisfy constraint: Member must satisfy enum value set: [PUBLIC, VPC]",
    ]);
    expect(issuesOf(create({ protocolConfiguration: { serverProtocol: "mcp" } })).map((issue) => issue.constraint)).toEqual([
      "Member must satisfy enum value set: [MCP, HTTP, A2A, AGUI]",
    ]);
  });

  it("checks integer ranges at their bounds (lifecycle 59/60/1209600/1209601) and integrality", () => {
    const lifecycle = (value: unknown) =>
      issuesOf(create({ lifecycleConfiguration: { idleRuntimeSessionTimeout: value } })).map((issue) => issue.message);
    expect(lifecycle(59)).toEqual([
      "Value '59' at 'lifecycleConfiguration.idleRuntimeSessionTimeout' failed to satisfy constraint: Member must have value greater than or equal to 60",
    ]);
    expect(lifecycle(60)).toEqual([]);
    expect(lifecycle(1209600)).toEqual([]);
    expect(lifecycle(1209601)).toEqual([
      "Value '1209601' at 'lifecycleConfiguration.idleRuntimeSessionTimeout' failed to satisfy constraint: Member must have value less than or equal to 1209600",
    ]);
    expect(lifecycle(60.5)[0]).toContain("Member must be an integer");
    expect(lifecycle("60")[0]).toContain("Member must be an integer");
    expect(issuesOf(create({ lifecycleConfiguration: { maxLifetime: 1209601 } }))).toHaveLength(1);
  });

  it("checks booleans", () => {
    expect(issuesOf(vpc({ requireServiceS3Endpoint: true }))).toEqual([]);
    expect(issuesOf(vpc({ requireServiceS3Endpoint: "yes" })).map((issue) => issue.constraint)).toEqual(["Member must be a boolean"]);
  });

  it("refuses unknown members at any depth without echoing their values", () => {
    expect(messagesOf(create({ extra: "maybe-a-secret" }))).toEqual([
      "Value '***' at 'extra' failed to satisfy constraint: Member must be one of the members of CreateAgentRuntimeRequest",
    ]);
    expect(issuesOf(create({ constructor: "x", toString: "y" })).map((issue) => issue.path)).toEqual(["constructor", "toString"]);
    const nested = create({
      agentRuntimeArtifact: { containerConfiguration: { ...MINIMAL_CREATE.agentRuntimeArtifact.containerConfiguration, tag: "x" } },
    });
    expect(issuesOf(nested).map((issue) => issue.path)).toEqual(["agentRuntimeArtifact.containerConfiguration.tag"]);
  });

  it("refuses wrong JSON types for strings, structures, lists and maps", () => {
    expect(issuesOf(create({ agentRuntimeName: 5 })).map((issue) => issue.constraint)).toEqual(["Member must be a string"]);
    expect(issuesOf(create({ networkConfiguration: "PUBLIC" })).map((issue) => issue.constraint)).toEqual(["Member must be a structure"]);
    expect(issuesOf(vpc({ subnets: "subnet-0123456789abcdef0" })).map((issue) => issue.constraint)).toEqual(["Member must be a list"]);
    expect(issuesOf(create({ tags: ["team"] })).map((issue) => issue.constraint)).toEqual(["Member must be a map"]);
    expect(issuesOf(create({ environmentVariables: "A=B" })).map((issue) => issue.message)).toEqual([
      "Value '***' at 'environmentVariables' failed to satisfy constraint: Member must be a map",
    ]);
  });

  it("requires networkModeConfig when networkMode is VPC (the service's cross-field rule)", () => {
    expect(messagesOf(create({ networkConfiguration: { networkMode: "VPC" } }))).toEqual([
      "Value null at 'networkConfiguration.networkModeConfig' failed to satisfy constraint: Member must not be null when networkMode is VPC",
    ]);
  });

  it("checks the client token's length and pattern", () => {
    expect(issuesOf(create({ clientToken: "a".repeat(33) }))).toEqual([]);
    expect(issuesOf(create({ clientToken: "a".repeat(32) })).map((issue) => issue.constraint)).toEqual([
      "Member must have length greater than or equal to 33",
    ]);
    expect(issuesOf(create({ clientToken: `${"a".repeat(33)}_` })).map((issue) => issue.constraint)).toEqual([
      "Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}",
    ]);
  });

  it("reports every broken constraint, counted and joined with '; '", () => {
    const issues = issuesOf({ agentRuntimeName: "bad-name", agentRuntimeArtifact: {}, networkConfiguration: { networkMode: "VPC" } });
    expect(issues.map((issue) => issue.path)).toEqual([
      "agentRuntimeName",
      "agentRuntimeArtifact",
      "roleArn",
      "networkConfiguration.networkModeConfig",
    ]);
    const message = formatValidationMessage(issues);
    expect(message).toMatch(/^4 validation errors detected: Value 'bad-name' at 'agentRuntimeName' failed/);
    expect(message.split("; ")).toHaveLength(4);
  });

  it("refuses a body that is not a structure at all", () => {
    expect(validateRequest("CreateAgentRuntimeRequest", [])).toEqual([
      {
        path: "",
        segments: [],
        constraint: "Member must be a structure",
        message: "Value at '' failed to satisfy constraint: Member must be a structure",
      },
    ]);
  });
});

describe("validateRequest on the other shapes of the closure", () => {
  it("checks URI and query members of Get, List and Delete", () => {
    expect(validateRequest("GetAgentRuntimeRequest", { agentRuntimeId: "my_agent-abcdefghij", agentRuntimeVersion: "1" })).toEqual([]);
    expect(validateRequest("GetAgentRuntimeRequest", { agentRuntimeId: "nope" }).map((issue) => issue.path)).toEqual(["agentRuntimeId"]);
    expect(validateRequest("ListAgentRuntimesRequest", { maxResults: 0 }).map((issue) => issue.constraint)).toEqual([
      "Member must have value greater than or equal to 1",
    ]);
    expect(validateRequest("ListAgentRuntimesRequest", { maxResults: 101 }).map((issue) => issue.constraint)).toEqual([
      "Member must have value less than or equal to 100",
    ]);
    expect(validateRequest("DeleteAgentRuntimeRequest", { agentRuntimeId: "my_agent-abcdefghij", agentRuntimeVersion: "0" })).toHaveLength(
      1,
    );
  });

  it("checks ISO 8601 timestamps of output shapes", () => {
    const output = {
      agentRuntimeArn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/a-abcdefghij",
      agentRuntimeId: "a-abcdefghij",
      agentRuntimeVersion: "1",
      status: "READY",
    };
    expect(validateRequest("CreateAgentRuntimeResponse", { ...output, createdAt: "2026-01-01T00:00:00.000Z" })).toEqual([]);
    expect(validateRequest("CreateAgentRuntimeResponse", { ...output, createdAt: 1767225600 }).map((issue) => issue.constraint)).toEqual([
      "Member must be an ISO 8601 timestamp",
    ]);
  });

  it("can walk every shape of the closure: each pattern compiles and each type is understood", () => {
    const samples: Record<string, unknown> = {
      string: "x",
      integer: 1,
      boolean: true,
      timestamp: "2026-01-01T00:00:00Z",
      structure: {},
      list: [],
      map: {},
    };
    for (const [name, shape] of Object.entries(SERVICE_MODEL.shapes)) {
      expect(samples, `shape ${name} has type ${shape.type}`).toHaveProperty(shape.type);
      expect(() => validateRequest(name, samples[shape.type])).not.toThrow();
    }
  });
});
