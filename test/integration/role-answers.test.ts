// Answers about the role that AWS gives and the model does not spell out, switched on as emulator
// faults: a role not assumable yet (IAM propagation) is retried within the call's budget with the
// same clientToken; an ARN of the wrong form gets a remedy that shows the right form.
import { describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { MINIMAL_REQUEST, steppingEnvironment, textOf, useStack } from "../helpers/stack.js";

const start = useStack();

const createBodies = (emulator: Emulator): Record<string, unknown>[] =>
  emulator.requests
    .filter((request) => request.operation === "CreateAgentRuntime")
    .map((request) => JSON.parse(request.bodyText) as Record<string, unknown>);

const notAssumable = { kind: "iam-role", problem: "not-assumable", operation: "CreateAgentRuntime" } as const;

interface Failure {
  nextStep?: string;
  error?: { code?: string; reason?: string; message?: string; retryable?: boolean; attempts?: number };
}

describe("a role AWS cannot assume yet", () => {
  it("is retried with the same clientToken, with progress, until the runtime is created", async () => {
    const env = steppingEnvironment();
    const s = await start({ env });
    s.emulator.inject([notAssumable, notAssumable]);
    const progress: string[] = [];
    const result = await s.call({ ...MINIMAL_REQUEST }, { onprogress: (update) => progress.push(update.message ?? "") });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "CREATING" });
    const bodies = createBodies(s.emulator);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies.map((body) => body["clientToken"])).size).toBe(1);
    expect(env.sleeps).toEqual(expect.arrayContaining([5_000, 10_000]));
    expect(progress).toEqual([expect.stringContaining("retry 1 of 3 in 5 s"), expect.stringContaining("retry 2 of 3 in 10 s")]);
    expect(progress[0]).toContain(MINIMAL_REQUEST.roleArn);
  });

  it("numbers the progress of the retries and of the wait after them as one rising series", async () => {
    const s = await start();
    s.emulator.inject([notAssumable, notAssumable]);
    const progress: { progress: number; message?: string }[] = [];
    const result = await s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 50 }, { onprogress: (update) => progress.push(update) });
    expect(result.structuredContent, JSON.stringify(result.structuredContent)).toMatchObject({ status: "READY" });
    const messages = progress.map((update) => update.message ?? "");
    expect(messages.filter((message) => message.includes("retry"))).toHaveLength(2);
    expect(messages.filter((message) => /READY|CREATING/.test(message)).length).toBeGreaterThan(0);
    const numbers = progress.map((update) => update.progress);
    expect(
      numbers.every((value, index) => index === 0 || value > (numbers[index - 1] ?? Infinity)),
      numbers.join(", "),
    ).toBe(true);
  });

  it("says plainly that it gave up when the retries run out, and how to go on", async () => {
    const s = await start();
    s.emulator.inject([notAssumable, notAssumable, notAssumable, notAssumable]);
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBe(true);
    const structured = result.structuredContent as Failure;
    expect(structured.error).toMatchObject({ code: "ValidationException", reason: "RoleNotYetAssumable", retryable: true, attempts: 4 });
    expect(structured.error?.message).toMatch(
      /Role validation failed for arn:aws:iam::123456789012:role\/AgentRuntimeRole.*waiting 30 s, and no retries are left/,
    );
    expect(structured.nextStep).toMatch(/wait about a minute.*same arguments and clientToken/);
    expect(textOf(result)).toMatch(/^ValidationException: Role validation failed/);
    expect(textOf(result)).toContain("reason: RoleNotYetAssumable");
    expect(createBodies(s.emulator)).toHaveLength(4);
  });

  it("stops retrying when the call's budget leaves no room, and says so", async () => {
    const s = await start({ argv: ["--deadline-ms", "12000"] });
    s.emulator.inject([notAssumable, notAssumable, notAssumable, notAssumable]);
    const result = await s.call({ ...MINIMAL_REQUEST });
    const structured = result.structuredContent as Failure;
    expect(structured.error).toMatchObject({ reason: "RoleNotYetAssumable", retryable: true });
    expect(structured.error?.message).toContain("the call's time budget leaves no room for another try");
    expect(createBodies(s.emulator)).toHaveLength(2);
  });
});

describe("a role ARN of the wrong form", () => {
  it("gets a remedy that shows the ARN's form, not the PassRole one", async () => {
    const s = await start();
    s.emulator.inject({ kind: "iam-role", problem: "arn-format", operation: "CreateAgentRuntime" });
    const result = await s.call({ ...MINIMAL_REQUEST });
    const structured = result.structuredContent as Failure;
    expect(structured.error).toMatchObject({ code: "AccessDeniedException", reason: "InvalidRoleArnFormat", retryable: false });
    expect(structured.nextStep).toContain("arn:aws:iam::<12-digit account id>:role/<role name>");
    expect(structured.nextStep).not.toContain("PassRole");
    expect(createBodies(s.emulator)).toHaveLength(1);
  });
});
