import { BedrockAgentCoreControlClient, CreateAgentRuntimeCommand } from "@aws-sdk/client-bedrock-agentcore-control";
import { describe, expect, it } from "vitest";
import seedRequest from "../fixtures/seed-full-request.json" with { type: "json" };
import newestRequest from "../fixtures/newest-model-request.json" with { type: "json" };
import { SANDBOX_CREDENTIALS } from "../../src/emulator/index.js";
import { useStack } from "../helpers/stack.js";

const start = useStack();

function scopeOf(authorization: string | undefined): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^,]+),/.exec(authorization ?? "")?.[1];
}

// Since the server sends through the official SDK, comparing its request with the SDK's own would
// compare the SDK with itself. What can still go wrong is ours: the tool dropping, renaming or
// adding members on the way to the SDK (or the SDK version we carry not knowing a member the tool
// offers, which its serializer would drop without a word), and the signature. So the body that
// reached the emulator must equal the tool's arguments exactly, and the emulator, whose SigV4
// verifier shares no code with the SDK, must accept every signature.
describe("oracle: what reaches the wire is exactly the tool's arguments, validly signed", () => {
  it.each([
    ["the seed page's full request", seedRequest],
    ["the newest model's members", newestRequest],
  ])(
    "for %s: body JSON equals the arguments, signature verified independently, SigV4 scope of the control plane",
    async (_label, request) => {
      const args = request as Record<string, unknown>;
      const stack = await start();
      const ours = await stack.call(args);
      expect(ours.isError).toBeFalsy();

      const [sent] = stack.emulator.requests;
      if (!sent) throw new Error("expected a recorded request");
      expect(stack.emulator.requests).toHaveLength(1);
      expect(sent.method).toBe("PUT");
      expect(sent.path.replace(/\/$/, "")).toBe("/runtimes");
      const { clientToken, ...members } = JSON.parse(sent.bodyText) as Record<string, unknown>;
      const { clientToken: argumentToken, ...argumentMembers } = args;
      expect(members).toEqual(argumentMembers);
      expect(clientToken).toBe(argumentToken ?? ours.structuredContent?.clientToken);
      expect(sent.signatureValid).toBe(true);
      expect(scopeOf(sent.headers.authorization as string)).toBe("us-east-1/bedrock-agentcore/aws4_request");
      expect(sent.headers["content-type"]).toBe("application/json");
    },
  );

  it("a direct official-SDK call and the tool send the same body for the same arguments", async () => {
    const { clientToken: _ignored, ...args } = seedRequest as Record<string, unknown>;
    const stack = await start();
    expect((await stack.call({ ...args, agentRuntimeName: "ours" })).isError).toBeFalsy();
    const sdk = new BedrockAgentCoreControlClient({
      endpoint: stack.emulator.url,
      region: "us-east-1",
      credentials: SANDBOX_CREDENTIALS,
      maxAttempts: 1,
    });
    await sdk.send(new CreateAgentRuntimeCommand({ ...(args as object), agentRuntimeName: "theirs" } as never));
    sdk.destroy();
    const [ourRequest, sdkRequest] = stack.emulator.requests;
    if (!ourRequest || !sdkRequest) throw new Error("expected two recorded requests");
    const strip = (body: string) => {
      const { clientToken: _token, agentRuntimeName: _name, ...rest } = JSON.parse(body) as Record<string, unknown>;
      return rest;
    };
    expect(strip(ourRequest.bodyText)).toEqual(strip(sdkRequest.bodyText));
    expect(ourRequest.signatureValid && sdkRequest.signatureValid).toBe(true);
  });
});
