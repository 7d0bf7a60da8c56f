import { describe, expect, it } from "vitest";
import { listArgumentProblems } from "../../src/agentcore/argument-errors.js";
import { CreateAgentRuntimeRequestSchema } from "../../src/agentcore/schemas.js";
import seedRequest from "../fixtures/seed-full-request.json" with { type: "json" };
import newestRequest from "../fixtures/newest-model-request.json" with { type: "json" };
import { MINIMAL_REQUEST } from "../helpers/requests.js";

// The shared minimal request without its one optional member.
const { networkConfiguration: _optional, ...minimal } = MINIMAL_REQUEST;

function problems(value: unknown): string[] {
  const result = CreateAgentRuntimeRequestSchema.safeParse(value);
  return result.success ? [] : listArgumentProblems(result.error).map((problem) => `${problem.path}: ${problem.constraint}`);
}

describe("CreateAgentRuntime argument validation", () => {
  it("accepts the seed page's full request, every member set", () => {
    expect(problems(seedRequest)).toEqual([]);
  });

  it("accepts a request using the newest model's members (code artifact, filesystems, capacity provider, private endpoints)", () => {
    expect(problems(newestRequest)).toEqual([]);
  });

  it("accepts the minimal request (networkConfiguration is optional in the newest model)", () => {
    expect(problems(minimal)).toEqual([]);
  });

  it.each([
    ["a 48-character name", "a".repeat(48), true],
    ["a 49-character name", "a".repeat(49), false],
    ["a name with a hyphen", "my-agent", false],
    ["a name starting with a digit", "1agent", false],
  ])("judges %s", (_label, agentRuntimeName, valid) => {
    expect(problems({ ...minimal, agentRuntimeName }).length === 0).toBe(valid);
  });

  it("bounds description at 4096 characters", () => {
    expect(problems({ ...minimal, description: "d".repeat(4096) })).toEqual([]);
    expect(problems({ ...minimal, description: "d".repeat(4097) })).toEqual(["description: must be at most 4096 characters long"]);
  });

  it("counts length in code points, as Smithy does, so emoji are one character each", () => {
    expect(problems({ ...minimal, description: "🚀".repeat(4096) })).toEqual([]);
    expect(problems({ ...minimal, description: "🚀".repeat(4097) })).toEqual(["description: must be at most 4096 characters long"]);
  });

  it("allows 50 environment variables and rejects 51", () => {
    const vars = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`VAR_${index}`, "v"]));
    expect(problems({ ...minimal, environmentVariables: vars(50) })).toEqual([]);
    expect(problems({ ...minimal, environmentVariables: vars(51) })).toEqual(["environmentVariables: must have at most 50 entries"]);
  });

  it("checks lifecycle ranges at both ends", () => {
    expect(problems({ ...minimal, lifecycleConfiguration: { idleRuntimeSessionTimeout: 60, maxLifetime: 1209600 } })).toEqual([]);
    expect(problems({ ...minimal, lifecycleConfiguration: { idleRuntimeSessionTimeout: 59, maxLifetime: 1209601 } })).toEqual([
      "lifecycleConfiguration.idleRuntimeSessionTimeout: must be a whole number of seconds from 60 to 1209600",
      "lifecycleConfiguration.maxLifetime: must be a whole number of seconds from 60 to 1209600",
    ]);
    expect(problems({ ...minimal, lifecycleConfiguration: { maxLifetime: 100.5 } })).toEqual([
      "lifecycleConfiguration.maxLifetime: must be a whole number of seconds from 60 to 1209600",
    ]);
  });

  it("requires exactly one artifact and names the choice when none or two are set", () => {
    expect(problems({ ...minimal, agentRuntimeArtifact: {} })).toEqual([
      "agentRuntimeArtifact: must set exactly one of: containerConfiguration, codeConfiguration",
    ]);
    expect(
      problems({
        ...minimal,
        agentRuntimeArtifact: { ...minimal.agentRuntimeArtifact, codeConfiguration: newestRequest.agentRuntimeArtifact.codeConfiguration },
      }),
    ).toEqual(["agentRuntimeArtifact: must set exactly one of: containerConfiguration, codeConfiguration"]);
  });

  it("reports problems inside the union member the caller chose", () => {
    expect(problems({ ...minimal, agentRuntimeArtifact: { containerConfiguration: { containerUri: "docker.io/library/agent" } } })).toEqual(
      [
        "agentRuntimeArtifact.containerConfiguration.containerUri: must be an ECR image URI like 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:latest (or public.ecr.aws/...); Docker Hub and other registries are not supported",
      ],
    );
  });

  it("requires networkModeConfig in VPC mode", () => {
    expect(problems({ ...minimal, networkConfiguration: { networkMode: "VPC" } })).toEqual([
      expect.stringMatching(/^networkConfiguration\.networkModeConfig: is required when networkMode is VPC, e\.g\. \{"securityGroups"/),
    ]);
  });

  it("lists every offending field at once, including unknown members and enum values", () => {
    const found = problems({
      agentRuntimeName: "ok_name",
      agentRuntimeArtifact: minimal.agentRuntimeArtifact,
      protocolConfiguration: { serverProtocol: "GRPC" },
      unexpected: true,
      tags: { "bad#key": "v" },
    });
    expect(found).toEqual([
      "roleArn: is required, e.g. arn:aws:iam::123456789012:role/AgentRuntimeRole",
      "protocolConfiguration.serverProtocol: must be one of: MCP, HTTP, A2A, AGUI",
      'tags["bad#key"]: must be letters, digits, spaces and the characters _ . : / = + - @, e.g. team',
      "unexpected: is not a member here; remove it or check its spelling (the input schema lists the members)",
    ]);
  });

  it("reads an unknown member beside a missing one of like name as a rename, at any depth", () => {
    const image = minimal.agentRuntimeArtifact.containerConfiguration.containerUri;
    expect(problems({ ...minimal, agentRuntimeArtifact: { containerConfiguration: { uri: image } } })).toEqual([
      "agentRuntimeArtifact.containerConfiguration.containerUri: is required: rename uri to containerUri (uri is not a member here)",
    ]);
    const { agentRuntimeName: _name, ...withoutName } = minimal;
    expect(problems({ ...withoutName, agentName: "my_agent" })).toEqual([
      "agentRuntimeName: is required: rename agentName to agentRuntimeName (agentName is not a member here)",
    ]);
  });

  it("does not guess a rename when two members are unknown", () => {
    const { agentRuntimeName: _name, ...withoutName } = minimal;
    expect(problems({ ...withoutName, name: "my_agent", runtimeName: "my_agent" })).toEqual([
      "agentRuntimeName: is required, e.g. weather_agent",
      "name: is not a member here; remove it or check its spelling (the input schema lists the members)",
      "runtimeName: is not a member here; remove it or check its spelling (the input schema lists the members)",
    ]);
  });

  it("answers an unknown top-level member with the member it looks like, given the tool's members", () => {
    const result = CreateAgentRuntimeRequestSchema.safeParse({ ...minimal, tag: { team: "search" }, env: { A: "1" } });
    if (result.success) throw new Error("accepted an unknown member");
    const members = Object.keys(CreateAgentRuntimeRequestSchema.shape);
    expect(listArgumentProblems(result.error, members).map((problem) => `${problem.path}: ${problem.constraint}`)).toEqual([
      "tag: is not a member here; did you mean tags?",
      "env: is not a member here; did you mean environmentVariables?",
    ]);
  });

  it("matches patterns against the whole string, not a substring", () => {
    expect(problems({ ...minimal, roleArn: `x${minimal.roleArn}` })).toHaveLength(1);
    expect(problems({ ...minimal, agentRuntimeName: "ok_name!" })).toHaveLength(1);
  });

  it("rejects a clientToken shorter than 33 characters", () => {
    expect(problems({ ...minimal, clientToken: "a".repeat(32) })).toEqual([
      "clientToken: must be at least 33 characters long, e.g. 5f0c8a5e-3b1d-4c1e-9a4f-2f6d7c8b9a01",
    ]);
  });

  it("never echoes a value in its messages (sensitive members stay private)", () => {
    const secret = "sk-live-canary-0123456789";
    const text = problems({ ...minimal, description: "", environmentVariables: { [secret]: secret.repeat(300) } }).join("\n");
    expect(text).not.toContain(secret);
    expect(text).toContain("environmentVariables");
  });
});
