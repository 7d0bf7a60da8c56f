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

describe("oracle: our request equals the official AWS SDK's request", () => {
  it.each([
    ["the seed page's full request", seedRequest],
    ["the newest model's members", newestRequest],
  ])("for %s: same method, path, body JSON and signing scope (clientToken aside)", async (_label, request) => {
    const { clientToken: _ignored, ...args } = request as Record<string, unknown>;
    const stack = await start();
    const ours = await stack.call({ ...args, agentRuntimeName: "ours" });
    expect(ours.isError).toBeFalsy();

    const sdk = new BedrockAgentCoreControlClient({
      endpoint: stack.emulator.url,
      region: "us-east-1",
      credentials: SANDBOX_CREDENTIALS,
      maxAttempts: 1,
    });
    const theirs = await sdk.send(new CreateAgentRuntimeCommand({ ...(args as object), agentRuntimeName: "theirs" } as never));
    sdk.destroy();
    expect(theirs.status).toBe("CREATING");

    const [ourRequest, sdkRequest] = stack.emulator.requests;
    if (!ourRequest || !sdkRequest) throw new Error("expected two recorded requests");
    expect(ourRequest.method).toBe(sdkRequest.method);
    // The model's URI is "/runtimes/"; the JS SDK drops the trailing slash. Both reach the same operation.
    expect(ourRequest.path.replace(/\/$/, "")).toBe(sdkRequest.path.replace(/\/$/, ""));
    const strip = (body: string) => {
      const { clientToken: _token, agentRuntimeName: _name, ...rest } = JSON.parse(body) as Record<string, unknown>;
      return rest;
    };
    expect(strip(ourRequest.bodyText)).toEqual(strip(sdkRequest.bodyText));
    expect(scopeOf(ourRequest.headers.authorization as string)).toBe(scopeOf(sdkRequest.headers.authorization as string));
    expect(scopeOf(ourRequest.headers.authorization as string)).toBe("us-east-1/bedrock-agentcore/aws4_request");
    expect(ourRequest.signatureValid && sdkRequest.signatureValid).toBe(true);
    expect(ourRequest.headers["content-type"]).toBe(sdkRequest.headers["content-type"]);
  });
});
