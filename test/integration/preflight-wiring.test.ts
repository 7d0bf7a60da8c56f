import { afterEach, describe, expect, it } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { type App, createApp } from "../../src/app.js";
import { createSilentLogger } from "../../src/log.js";
import { connectInMemory } from "../helpers/in-memory.js";
import { MINIMAL_REQUEST, type Stack, configFrom, textOf, useStack } from "../helpers/stack.js";

const start = useStack();
const AMD64_ONLY = { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/amd64-agent:latest" } };
const NO_TRUST_ROLE = "arn:aws:iam::123456789012:role/LambdaOnlyRole";
const creates = (s: Stack) => s.emulator.requests.filter((request) => request.method === "PUT" && /^\/runtimes\/?$/.test(request.path));
const checkIds = (result: CallToolResult) =>
  ((result.structuredContent?.preflight as { checks: { id: string; status: string }[] } | undefined)?.checks ?? []).map(
    (check) => `${check.id}:${check.status}`,
  );

describe("pre-flight before create, against the emulator's IAM, STS, ECR and S3", () => {
  it("refuses an amd64-only image with 0 CreateAgentRuntime requests, naming the fix; ignoreChecks lets it through", async () => {
    const s = await start({ preflight: true });
    const refused = await s.call({ ...MINIMAL_REQUEST, agentRuntimeArtifact: AMD64_ONLY });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^PreflightFailed: 1 pre-flight check failed \(image-architecture\); nothing was sent/);
    expect(textOf(refused)).toContain("FAIL image-architecture");
    expect(textOf(refused)).toContain("ignoreChecks");
    expect(refused.structuredContent).toMatchObject({
      preflight: { blocking: ["image-architecture"] },
      error: { code: "PreflightFailed" },
    });
    expect(creates(s)).toHaveLength(0);

    const through = await s.call({ ...MINIMAL_REQUEST, agentRuntimeArtifact: AMD64_ONLY, ignoreChecks: ["image-architecture"] });
    expect(through.isError).toBeFalsy();
    expect(through.structuredContent).toMatchObject({ status: "CREATING", preflight: { blocking: [], ignored: ["image-architecture"] } });
    expect(creates(s)).toHaveLength(1);
  });

  it("refuses a role that does not trust the service, and gives the statement to add", async () => {
    const s = await start({ preflight: true });
    const refused = await s.call({ ...MINIMAL_REQUEST, roleArn: NO_TRUST_ROLE });
    expect(refused.isError).toBe(true);
    expect(checkIds(refused)).toContain("role-trust:fail");
    expect(textOf(refused)).toContain("bedrock-agentcore.amazonaws.com");
    expect(creates(s)).toHaveLength(0);
  });

  it("passes a good request through every check and creates once", async () => {
    const s = await start({ preflight: true });
    const created = await s.call({ ...MINIMAL_REQUEST });
    expect(created.isError).toBeFalsy();
    expect(checkIds(created)).toEqual(
      expect.arrayContaining(["role-exists:pass", "role-trust:pass", "image-exists:pass", "image-architecture:pass"]),
    );
    expect(creates(s)).toHaveLength(1);
  });

  it("--skip-preflight runs no check, and a call's preflight: false skips them too", async () => {
    const skipped = await start({ preflight: true, argv: ["--skip-preflight"] });
    const created = await skipped.call({ ...MINIMAL_REQUEST, agentRuntimeArtifact: AMD64_ONLY });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent?.preflight).toBeUndefined();
    expect(skipped.emulator.requests.map((request) => request.method)).toEqual(["PUT"]);
  });

  it("update checks its new image before sending UpdateAgentRuntime", async () => {
    const s = await start({ preflight: true });
    expect((await s.call({ ...MINIMAL_REQUEST })).isError).toBeFalsy();
    const refused = (await s.client.callTool({
      name: "update_agent_runtime",
      arguments: { agentRuntimeId: MINIMAL_REQUEST.agentRuntimeName, agentRuntimeArtifact: AMD64_ONLY },
    })) as CallToolResult;
    expect(textOf(refused)).toMatch(/^PreflightFailed: /);
    expect(s.emulator.requests.filter((request) => request.method === "PUT" && /^\/runtimes\/[^/]+\/?$/.test(request.path))).toHaveLength(
      0,
    );
  });
});

describe("pre-flight in sandbox mode (the embedded emulator)", () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("is on by default: an amd64-only image is refused and nothing is created until ignoreChecks names the check", async () => {
    app = createApp({ config: configFrom(["--sandbox"]), version: "0.0.0-test", log: createSilentLogger() });
    const client = await connectInMemory(app.createServer());
    const refused = (await client.callTool({
      name: "create_agent_runtime",
      arguments: { ...MINIMAL_REQUEST, agentRuntimeArtifact: AMD64_ONLY },
    })) as CallToolResult;
    expect(textOf(refused)).toMatch(/^\[SANDBOX\] PreflightFailed: .*image-architecture/);
    const none = (await client.callTool({ name: "list_agent_runtimes", arguments: {} })) as CallToolResult;
    expect(none.structuredContent?.agentRuntimes).toEqual([]);

    const through = (await client.callTool({
      name: "create_agent_runtime",
      arguments: { ...MINIMAL_REQUEST, agentRuntimeArtifact: AMD64_ONLY, ignoreChecks: ["image-architecture"] },
    })) as CallToolResult;
    expect(through.isError).toBeFalsy();
    const one = (await client.callTool({ name: "list_agent_runtimes", arguments: {} })) as CallToolResult;
    expect(one.structuredContent?.agentRuntimes).toHaveLength(1);
    await client.close();
  });
});
