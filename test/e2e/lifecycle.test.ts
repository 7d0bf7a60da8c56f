import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { type CallToolResult, ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { MINIMAL_REQUEST } from "../helpers/requests.js";
import { BIN, testEnv } from "../helpers/stdio-session.js";

// A whole conversation a model has with the shipped bin, over stdio, on the embedded sandbox:
// every step goes through the real transport, the official SDK and the emulator's wire protocol.
let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const IMAGE_V2 = "123456789012.dkr.ecr.us-east-1.amazonaws.com/seed-agent:1.0.0";
const text = (result: CallToolResult): string => (result.content[0]?.type === "text" ? result.content[0].text : "");

describe("a runtime's whole life over stdio on the sandbox", () => {
  it("create → READY → list → update → READY v2 → versions → delete declined → delete approved → get not found", async () => {
    const answers = ["decline", "accept"] as const;
    const prompts: string[] = [];
    client = new Client({ name: "lifecycle-e2e", version: "1.0.0" }, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      prompts.push(request.params.message);
      const action = answers[prompts.length - 1] ?? "cancel";
      return action === "accept" ? { action, content: { confirm: true } } : { action };
    });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, "--sandbox", "--tools", "all", "--log-level", "warn"],
        env: testEnv(),
        stderr: "pipe",
      }),
    );
    const call = async (name: string, args: Record<string, unknown>): Promise<CallToolResult> =>
      (await client?.callTool({ name, arguments: args }, undefined, { timeout: 30_000 })) as CallToolResult;

    const created = await call("create_agent_runtime", {
      ...MINIMAL_REQUEST,
      agentRuntimeName: "lifecycle_agent",
      waitForReadySeconds: 20,
    });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ status: "READY", agentRuntimeVersion: "1", sandbox: true });
    const id = String(created.structuredContent?.agentRuntimeId);

    const listed = await call("list_agent_runtimes", {});
    expect(listed.structuredContent?.agentRuntimes).toEqual([expect.objectContaining({ agentRuntimeId: id, status: "READY" })]);

    const updated = await call("update_agent_runtime", {
      agentRuntimeId: id,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE_V2 } },
      waitForReadySeconds: 20,
    });
    expect(updated.isError).toBeFalsy();
    expect(updated.structuredContent).toMatchObject({ status: "READY", agentRuntimeVersion: "2", previousVersion: "1" });
    expect(text(updated)).toContain(`→ {"containerConfiguration":{"containerUri":"${IMAGE_V2}"}}`);

    const versions = await call("list_agent_runtime_versions", { agentRuntimeId: id });
    expect(
      (versions.structuredContent?.versions as { agentRuntimeVersion: string }[]).map((version) => version.agentRuntimeVersion).sort(),
    ).toEqual(["1", "2"]);

    const declined = await call("delete_agent_runtime", { agentRuntimeId: id });
    expect(declined.isError).toBe(true);
    expect(text(declined)).toMatch(/^\[SANDBOX\] NotApproved: /);
    expect((await call("get_agent_runtime", { agentRuntimeId: id })).structuredContent).toMatchObject({ status: "READY" });

    const deleted = await call("delete_agent_runtime", { agentRuntimeId: id, waitForDeletedSeconds: 20 });
    expect(deleted.isError).toBeFalsy();
    expect(prompts).toHaveLength(2);
    expect(prompts[1]).toContain("lifecycle_agent");

    const gone = await call("get_agent_runtime", { agentRuntimeId: id });
    expect(gone.isError).toBe(true);
    expect(text(gone)).toMatch(/^\[SANDBOX\] ResourceNotFoundException: /);
    expect(gone.structuredContent).toMatchObject({ nextStep: expect.stringContaining("list_agent_runtimes") });
  }, 60_000);
});
