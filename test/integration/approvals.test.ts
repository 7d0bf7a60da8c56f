// Approvals bound to what the person saw, on two replicas that share the state key but not the
// memory of used approvals (two app instances, one emulator), the way a scaled-out deployment runs.
import { Client as ModernClient, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { type ServerContext, createMcpHandler } from "@modelcontextprotocol/server";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { ConfirmationRequired, type ConfirmationState, MAX_REMEMBERED_PER_CALLER, createConfirmations } from "../../src/confirmation.js";
import { SANDBOX_CREDENTIALS, type Emulator, startEmulator } from "../../src/emulator/index.js";
import { createSilentLogger } from "../../src/log.js";
import { startHttpTransport } from "../../src/transports/http.js";
import { MINIMAL_REQUEST, configFrom, steppingEnvironment, textOf } from "../helpers/stack.js";

const STATE_KEY = "replicas-share-this-key-0123456789abcdef";
const APPROVE = { confirm: { action: "accept", content: { confirm: true } } };

interface Replica {
  client: ModernClient;
  close(): Promise<void>;
}

interface Deployment {
  emulator: Emulator;
  replicas: [Replica, Replica];
  close(): Promise<void>;
}

let open: Deployment | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

function replicaApp(emulator: Emulator, env: ReturnType<typeof steppingEnvironment>): App {
  return createApp({
    // The state key is a setting like any other now (--state-key, AGENTCORE_MCP_STATE_KEY).
    config: {
      ...configFrom(["--endpoint-url", emulator.url, "--region", "us-east-1", "--skip-preflight", "--tools", "all", "--confirm"]),
      stateKey: STATE_KEY,
    },
    version: "0.0.0-test",
    log: createSilentLogger(),
    env,
    credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
  });
}

async function replica(emulator: Emulator, env: ReturnType<typeof steppingEnvironment>): Promise<Replica> {
  const app = replicaApp(emulator, env);
  const handler = createMcpHandler(() => app.createServer());
  // No elicitation handler: the test carries each round's state by hand, as a client holding it would.
  const client = new ModernClient(
    { name: "replica-client", version: "0.0.0" },
    { versionNegotiation: { mode: { pin: "2026-07-28" } }, capabilities: { elicitation: {} } },
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL("http://replica.test/mcp"), { fetch: (url, init) => handler.fetch(new Request(url, init)) }),
  );
  return {
    client,
    close: async () => {
      await client.close();
      await handler.close();
      await app.close();
    },
  };
}

async function deploy(): Promise<Deployment> {
  const env = steppingEnvironment();
  // No transition delays: a deletion is over at once and the name free again, the worst case for a stale approval.
  const emulator = await startEmulator({ port: 0, now: env.now, regions: "all", createDelayMs: 0 });
  const replicas: [Replica, Replica] = [await replica(emulator, env), await replica(emulator, env)];
  open = {
    emulator,
    replicas,
    close: async () => {
      for (const one of replicas) await one.close();
      await emulator.close();
    },
  };
  return open;
}

type Asked = { resultType?: string; requestState?: string };

async function createRuntime(client: ModernClient, name: string): Promise<string> {
  const args = { ...MINIMAL_REQUEST, agentRuntimeName: name };
  const asked = (await client.callTool(
    { name: "create_agent_runtime", arguments: args },
    { allowInputRequired: true },
  )) as unknown as Asked;
  const created = await client.callTool({
    name: "create_agent_runtime",
    arguments: args,
    inputResponses: APPROVE,
    requestState: asked.requestState,
  } as never);
  expect(created.isError, JSON.stringify(created)).toBeFalsy();
  return String((created.structuredContent as { agentRuntimeId?: string }).agentRuntimeId);
}

async function askToDelete(client: ModernClient, ref: string): Promise<string> {
  const asked = (await client.callTool(
    { name: "delete_agent_runtime", arguments: { agentRuntimeId: ref } },
    { allowInputRequired: true },
  )) as unknown as Asked;
  expect(asked.resultType).toBe("input_required");
  return asked.requestState ?? "";
}

const approveDelete = (client: ModernClient, ref: string, requestState: string) =>
  client.callTool({ name: "delete_agent_runtime", arguments: { agentRuntimeId: ref }, inputResponses: APPROVE, requestState } as never, {
    allowInputRequired: true,
  });

const deletes = (emulator: Emulator): string[] =>
  emulator.requests.filter((request) => request.operation === "DeleteAgentRuntime").map((request) => request.path);

describe("approvals bound to the runtime the person saw", () => {
  it("a same-name replacement survives an approval given for the runtime it replaced", async () => {
    const { emulator, replicas } = await deploy();
    const [one, two] = replicas;
    const first = await createRuntime(one.client, "rt_agent");
    const state = await askToDelete(one.client, "rt_agent");
    // Before the person answers, someone else deletes it and creates another under the same name.
    const removed = await approveDelete(two.client, first, await askToDelete(two.client, first));
    expect(removed.isError).toBeFalsy();
    const replacement = await createRuntime(two.client, "rt_agent");
    expect(replacement).not.toBe(first);

    await expect(approveDelete(one.client, "rt_agent", state)).rejects.toThrow(
      /not the one the person approved: its agentRuntimeId is different/,
    );
    expect(deletes(emulator).some((path) => path.includes(replacement))).toBe(false);
    const still = await one.client.callTool({ name: "get_agent_runtime", arguments: { agentRuntimeId: replacement } });
    expect(still.isError).toBeFalsy();
  });

  it("a used approval replayed on a second replica deletes nothing", async () => {
    const { emulator, replicas } = await deploy();
    const [one, two] = replicas;
    await createRuntime(one.client, "rt_agent");
    const state = await askToDelete(one.client, "rt_agent");
    const deleted = await approveDelete(one.client, "rt_agent", state);
    expect(deleted.isError, textOf(deleted as never)).toBeFalsy();
    expect(deletes(emulator)).toHaveLength(1);
    const replacement = await createRuntime(one.client, "rt_agent");

    // Replica two has never seen this approval used (nor would a restarted replica one).
    await expect(approveDelete(two.client, "rt_agent", state)).rejects.toThrow(/not the one the person approved/);
    expect(deletes(emulator)).toHaveLength(1);
    const still = await two.client.callTool({ name: "get_agent_runtime", arguments: { agentRuntimeId: replacement } });
    expect(still.isError).toBeFalsy();
  });

  it("a deletion approved at one version does not go ahead once the runtime was updated", async () => {
    const { emulator, replicas } = await deploy();
    const [one, two] = replicas;
    const id = await createRuntime(one.client, "rt_agent");
    const state = await askToDelete(one.client, id);
    const update = { agentRuntimeId: id, description: "changed meanwhile" };
    const askedUpdate = (await two.client.callTool(
      { name: "update_agent_runtime", arguments: update },
      { allowInputRequired: true },
    )) as unknown as Asked;
    const changed = await two.client.callTool({
      name: "update_agent_runtime",
      arguments: update,
      inputResponses: APPROVE,
      requestState: askedUpdate.requestState,
    } as never);
    expect(changed.isError, JSON.stringify(changed)).toBeFalsy();
    await expect(approveDelete(one.client, id, state)).rejects.toThrow(/its agentRuntimeVersion is different/);
    expect(deletes(emulator)).toHaveLength(0);
  });

  it("a creation approved without a clientToken, replayed on another replica, repeats one idempotent request", async () => {
    const { emulator, replicas } = await deploy();
    const [one, two] = replicas;
    const args = { ...MINIMAL_REQUEST, agentRuntimeName: "rt_agent" };
    const asked = (await one.client.callTool(
      { name: "create_agent_runtime", arguments: args },
      { allowInputRequired: true },
    )) as unknown as Asked;
    const retry = { name: "create_agent_runtime", arguments: args, inputResponses: APPROVE, requestState: asked.requestState } as never;
    const first = await one.client.callTool(retry);
    const replayed = await two.client.callTool(retry);
    expect(first.isError).toBeFalsy();
    expect(replayed.isError, textOf(replayed as never)).toBeFalsy();
    const tokenOf = (result: typeof first) => (result.structuredContent as { clientToken?: string }).clientToken;
    expect(tokenOf(replayed)).toBe(tokenOf(first));
    expect((replayed.structuredContent as { agentRuntimeId?: string }).agentRuntimeId).toBe(
      (first.structuredContent as { agentRuntimeId?: string }).agentRuntimeId,
    );
    const list = await two.client.callTool({ name: "list_agent_runtimes", arguments: {} });
    expect(new Set(JSON.stringify(list.structuredContent).match(/rt_agent-[A-Za-z0-9]{10}/g)).size).toBe(1);
    expect(emulator.requests.filter((request) => request.operation === "CreateAgentRuntime")).toHaveLength(2);
  });
});

describe("the memory of used approvals", () => {
  function fakeContext(caller: string, state: ConfirmationState | undefined): ServerContext {
    return {
      http: caller === "" ? undefined : { authInfo: { token: "", clientId: caller, scopes: [] } },
      mcpReq: { requestState: () => state, inputResponses: { confirm: { action: "decline" } }, envelope: undefined },
    } as unknown as ServerContext;
  }

  async function approvalFor(signer: ReturnType<typeof createConfirmations>, caller: string): Promise<ConfirmationState> {
    const asked = await signer.ask(
      "delete_agent_runtime",
      { agentRuntimeId: "x" },
      new ConfirmationRequired("Delete x?"),
      fakeContext(caller, undefined),
    );
    return signer.verify(asked.requestState ?? "", fakeContext(caller, undefined));
  }

  const use = (signer: ReturnType<typeof createConfirmations>, caller: string, state: ConfirmationState) =>
    signer.confirmFor("delete_agent_runtime", { agentRuntimeId: "x" }, fakeContext(caller, state), { elicitation: {} })("Delete x?");

  it("leaves no replay window at expiry: the state is refused from the instant its nonce is forgotten", async () => {
    let now = Date.now();
    const signer = createConfirmations({ now: () => now, key: STATE_KEY });
    const asked = await signer.ask(
      "delete_agent_runtime",
      { agentRuntimeId: "x" },
      new ConfirmationRequired("Delete x?"),
      fakeContext("", undefined),
    );
    const wire = asked.requestState ?? "";
    const state = await signer.verify(wire, fakeContext("", undefined));
    expect(await use(signer, "", state)).toBe("declined");
    // The instant the ledger forgets the nonce, verification (which runs before every use) refuses too.
    now = state.expiresAt;
    await expect(signer.verify(wire, fakeContext("", undefined))).rejects.toThrow(/expired/);
    now = state.expiresAt - 1;
    await expect(use(signer, "", state)).rejects.toThrow(/already used/);
  });

  it("one caller cannot lock out another, and a state is bound to the caller it was asked for", async () => {
    const signer = createConfirmations({ now: Date.now, key: STATE_KEY });
    let refusedAt: number | undefined;
    for (let i = 0; i < 10_001 && refusedAt === undefined; i += 1) {
      try {
        await use(signer, "caller-a", await approvalFor(signer, "caller-a"));
      } catch {
        refusedAt = i;
      }
    }
    expect(refusedAt).toBe(MAX_REMEMBERED_PER_CALLER);
    expect(await use(signer, "caller-b", await approvalFor(signer, "caller-b"))).toBe("declined");
    // A state asked for caller a, presented by caller b, fails the signature's binding.
    const asked = await signer.ask(
      "delete_agent_runtime",
      { agentRuntimeId: "x" },
      new ConfirmationRequired("Delete x?"),
      fakeContext("caller-a", undefined),
    );
    await expect(signer.verify(asked.requestState ?? "", fakeContext("caller-b", undefined))).rejects.toThrow(/bind/);
  });
});

describe("approvals over authenticated HTTP", () => {
  it("an approval asked for one caller approves nothing for another", async () => {
    const env = steppingEnvironment();
    const emulator = await startEmulator({ port: 0, now: env.now, regions: "all", createDelayMs: 0 });
    const app = replicaApp(emulator, env);
    const tokens = ["caller-a-token-0123456789", "caller-b-token-0123456789"];
    const http = await startHttpTransport({
      createServer: () => app.createServer(),
      host: "127.0.0.1",
      port: 0,
      auth: { bearerTokens: tokens },
      allowUnauthenticated: false,
      log: createSilentLogger(),
      version: "0.0.0-test",
    });
    const connect = async (token: string): Promise<ModernClient> => {
      const client = new ModernClient(
        { name: "caller", version: "0.0.0" },
        { versionNegotiation: { mode: { pin: "2026-07-28" } }, capabilities: { elicitation: {} } },
      );
      await client.connect(
        new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }),
      );
      return client;
    };
    const [a, b] = [await connect(tokens[0] ?? ""), await connect(tokens[1] ?? "")];
    try {
      const args = { ...MINIMAL_REQUEST, agentRuntimeName: "rt_agent" };
      const asked = (await a.callTool({ name: "create_agent_runtime", arguments: args }, { allowInputRequired: true })) as unknown as Asked;
      const retry = { name: "create_agent_runtime", arguments: args, inputResponses: APPROVE, requestState: asked.requestState } as never;
      await expect(b.callTool(retry)).rejects.toThrow(/requestState/);
      expect(emulator.requests.filter((request) => request.operation === "CreateAgentRuntime")).toHaveLength(0);
      expect((await a.callTool(retry)).isError).toBeFalsy();
    } finally {
      await a.close();
      await b.close();
      await http.close();
      await app.close();
      await emulator.close();
    }
  });
});
