import { describe, expect, it } from "vitest";
import { MINIMAL_REQUEST, type Stack, textOf, useStack } from "../helpers/stack.js";

const start = useStack();
const deletes = (s: Stack) => s.emulator.requests.filter((request) => request.method === "DELETE");
const updates = (s: Stack) =>
  s.emulator.requests.filter((request) => request.method === "PUT" && request.path !== "/runtimes/" && request.path !== "/runtimes");
const tool = (s: Stack, name: string, args: Record<string, unknown>) =>
  s.client.callTool({ name, arguments: args }) as ReturnType<Stack["get"]>;
const NEW_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:v2";

describe("a runtime's whole life", () => {
  it("create → READY → list → update → READY v2 → versions → delete refused → delete confirmed → gone", async () => {
    const s = await start({ emulator: { createDelayMs: 2000 } });
    const created = await s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 20 });
    expect(created.structuredContent).toMatchObject({ status: "READY", agentRuntimeVersion: "1" });
    const id = String(created.structuredContent?.agentRuntimeId);

    const listed = await tool(s, "list_agent_runtimes", {});
    expect(listed.structuredContent?.agentRuntimes).toEqual([
      expect.objectContaining({ agentRuntimeName: "my_agent", agentRuntimeId: id, status: "READY", agentRuntimeVersion: "1" }),
    ]);

    const updated = await tool(s, "update_agent_runtime", {
      agentRuntimeId: "my_agent",
      agentRuntimeArtifact: { containerConfiguration: { containerUri: NEW_IMAGE } },
      waitForReadySeconds: 20,
    });
    expect(updated.isError).toBeFalsy();
    expect(updated.structuredContent).toMatchObject({
      status: "READY",
      agentRuntimeVersion: "2",
      previousVersion: "1",
      agentRuntimeId: id,
    });
    expect(textOf(updated)).toContain(
      `- agentRuntimeArtifact: {"containerConfiguration":{"containerUri":"${MINIMAL_REQUEST.agentRuntimeArtifact.containerConfiguration.containerUri}"}} → {"containerConfiguration":{"containerUri":"${NEW_IMAGE}"}}`,
    );
    // The rest of the configuration was carried over, not dropped.
    const sent = JSON.parse(updates(s)[0]?.bodyText ?? "{}") as Record<string, unknown>;
    expect(sent).toMatchObject({ roleArn: MINIMAL_REQUEST.roleArn, networkConfiguration: { networkMode: "PUBLIC" } });

    const versions = await tool(s, "list_agent_runtime_versions", { agentRuntimeId: id });
    expect(
      (versions.structuredContent?.versions as { agentRuntimeVersion: string }[]).map((version) => version.agentRuntimeVersion).sort(),
    ).toEqual(["1", "2"]);

    const refused = await tool(s, "delete_agent_runtime", { agentRuntimeId: id, confirmName: "not_my_agent" });
    expect(textOf(refused)).toMatch(/^ConfirmNameMismatch: confirmName is not the runtime's exact name/);
    expect(textOf(refused)).toContain('pass confirmName exactly "my_agent"');
    expect(deletes(s)).toHaveLength(0);

    const deleted = await tool(s, "delete_agent_runtime", { agentRuntimeId: id, confirmName: "my_agent", waitForDeletedSeconds: 20 });
    expect(deleted.isError).toBeFalsy();
    expect(deleted.structuredContent).toMatchObject({ deleted: true, agentRuntimeId: id, agentRuntimeName: "my_agent" });
    expect(deletes(s)).toHaveLength(1);

    const gone = await s.get({ agentRuntimeId: id });
    expect(textOf(gone)).toMatch(/^ResourceNotFoundException: /);
    expect(textOf(gone)).toMatch(/Next step: No runtime with agentRuntimeId .* call list_agent_runtimes/);
  });

  it("shows old → new and the full request on an update dry run, and changes nothing", async () => {
    const s = await start();
    const created = await s.call({ ...MINIMAL_REQUEST, environmentVariables: { API_KEY: "secret-value-123" } });
    const id = String(created.structuredContent?.agentRuntimeId);
    const dry = await tool(s, "update_agent_runtime", {
      agentRuntimeId: id,
      roleArn: "arn:aws:iam::123456789012:role/Other",
      dryRun: true,
    });
    expect(dry.structuredContent).toMatchObject({
      changes: [{ member: "roleArn", from: MINIMAL_REQUEST.roleArn, to: "arn:aws:iam::123456789012:role/Other" }],
      dryRun: { method: "PUT", body: { roleArn: "arn:aws:iam::123456789012:role/Other", environmentVariables: { API_KEY: "[redacted]" } } },
    });
    expect(JSON.stringify(dry)).not.toContain("secret-value-123");
    expect(updates(s)).toHaveLength(0);
  });

  it("refuses an update that changes nothing, sending nothing", async () => {
    const s = await start();
    const id = String((await s.call({ ...MINIMAL_REQUEST })).structuredContent?.agentRuntimeId);
    const same = await tool(s, "update_agent_runtime", { agentRuntimeId: id, roleArn: MINIMAL_REQUEST.roleArn });
    expect(textOf(same)).toMatch(/^NothingToChange: /);
    expect(updates(s)).toHaveLength(0);
  });

  it("reports UPDATE_FAILED with the reason when the new version fails", async () => {
    const s = await start({ emulator: { createDelayMs: 1000 } });
    const id = String((await s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 10 })).structuredContent?.agentRuntimeId);
    const failed = await tool(s, "update_agent_runtime", {
      agentRuntimeId: id,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:fail-build" } },
      waitForReadySeconds: 10,
    });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/^UPDATE_FAILED: version 2 of my_agent-\w{10} ended in UPDATE_FAILED: .+/);
    expect(failed.structuredContent).toMatchObject({ agentRuntimeVersion: "2", status: "UPDATE_FAILED", error: { code: "UPDATE_FAILED" } });
  });

  it("reports DELETE_FAILED with the reason", async () => {
    const s = await start({ emulator: { createDelayMs: 1000 } });
    const id = String((await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: "keep_me" })).structuredContent?.agentRuntimeId);
    const failed = await tool(s, "delete_agent_runtime", { agentRuntimeId: id, confirmName: "keep_me", waitForDeletedSeconds: 10 });
    expect(textOf(failed)).toMatch(/^DELETE_FAILED: runtime keep_me-\w{10} is DELETE_FAILED, not deleted: .+/);
  });

  it("filters list_agent_runtimes by name over pages and hands back nextToken", async () => {
    const s = await start();
    for (const name of ["alpha_one", "beta_two", "alpha_three"]) await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: name });
    const filtered = await tool(s, "list_agent_runtimes", { nameContains: "ALPHA" });
    expect(
      (filtered.structuredContent?.agentRuntimes as { agentRuntimeName: string }[]).map((runtime) => runtime.agentRuntimeName).sort(),
    ).toEqual(["alpha_one", "alpha_three"]);
    const page = await tool(s, "list_agent_runtimes", { maxResults: 2 });
    expect(page.structuredContent?.agentRuntimes).toHaveLength(2);
    const rest = await tool(s, "list_agent_runtimes", { maxResults: 2, nextToken: String(page.structuredContent?.nextToken) });
    expect(rest.structuredContent?.agentRuntimes).toHaveLength(1);
    expect(rest.structuredContent?.nextToken).toBeUndefined();
  });

  it("asks through MCP elicitation before deleting, and deletes nothing when declined", async () => {
    const s = await start({ elicit: () => ({ action: "decline" }) });
    const id = String((await s.call({ ...MINIMAL_REQUEST })).structuredContent?.agentRuntimeId);
    const declined = await tool(s, "delete_agent_runtime", { agentRuntimeId: id, confirmName: "my_agent" });
    expect(textOf(declined)).toMatch(/^NotApproved: nothing was deleted: the person declined the deletion/);
    expect(deletes(s)).toHaveLength(0);
  });

  it.each(["update_agent_runtime", "delete_agent_runtime", "list_agent_runtime_versions"])(
    "%s refuses an ARN of one region with a region argument naming another, sending nothing",
    async (name) => {
      const s = await start();
      const arn = "arn:aws:bedrock-agentcore:us-west-2:123456789012:runtime/my_agent-AbCdE12345";
      const result = await tool(s, name, {
        agentRuntimeId: arn,
        region: "us-east-1",
        ...(name === "update_agent_runtime" ? { description: "new" } : {}),
      });
      expect(textOf(result)).toMatch(/^RegionMismatch: the ARN names region us-west-2, but the region argument says us-east-1/);
      expect(result.structuredContent).toMatchObject({
        agentRuntimeId: "my_agent-AbCdE12345",
        nextStep: expect.stringContaining("Drop the region argument"),
      });
      expect(s.emulator.requests).toHaveLength(0);
    },
  );

  it("lists only the read tools in read-only mode", async () => {
    const s = await start({ argv: ["--read-only"] });
    const { tools } = await s.client.listTools();
    expect(tools.map((listed) => listed.name).sort()).toEqual([
      "get_agent_runtime",
      "get_agent_runtime_logs",
      "list_agent_runtime_versions",
      "list_agent_runtimes",
    ]);
    expect(tools.every((listed) => listed.annotations?.readOnlyHint === true)).toBe(true);
  });

  it("marks delete destructive and every other tool not", async () => {
    const s = await start();
    const { tools } = await s.client.listTools();
    expect(Object.fromEntries(tools.map((listed) => [listed.name, listed.annotations?.destructiveHint]))).toEqual({
      create_agent_runtime: false,
      get_agent_runtime: false,
      list_agent_runtimes: false,
      list_agent_runtime_versions: false,
      get_agent_runtime_logs: false,
      update_agent_runtime: false,
      delete_agent_runtime: true,
      invoke_agent_runtime: false,
      stop_runtime_session: false,
      create_agent_runtime_endpoint: false,
      get_agent_runtime_endpoint: false,
      list_agent_runtime_endpoints: false,
      update_agent_runtime_endpoint: false,
      delete_agent_runtime_endpoint: true,
    });
  });
});
