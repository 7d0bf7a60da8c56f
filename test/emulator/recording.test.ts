// What the emulator records for others to read (its command's /__emulator/requests): no credential,
// session token or signature of any service it answers, the pre-flight services' included.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { describe, expect, it } from "vitest";
import { createApp, systemEnvironment } from "../../src/app.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { SANDBOX_CREDENTIALS, startEmulator } from "../../src/emulator/index.js";
import { recordedRequestToJson } from "../../src/emulator/recording.js";
import { createSilentLogger } from "../../src/log.js";
import { linkInMemory } from "../helpers/in-memory.js";
import { MINIMAL_REQUEST, configFrom } from "../helpers/stack.js";

const SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789abcdef";

describe("redacted recordings", () => {
  it("hold no session token or signature of the control plane or of any pre-flight service", async () => {
    const temporary = { ...SANDBOX_CREDENTIALS, sessionToken: SESSION_TOKEN };
    const emulator = await startEmulator({
      port: 0,
      regions: "all",
      createDelayMs: 0,
      maxRecordedRequests: 100,
      redactRecordedSecrets: true,
      credentials: [temporary],
    });
    const app = createApp({
      config: configFrom(["--endpoint-url", emulator.url, "--region", "us-east-1"]),
      version: "0.0.0-test",
      log: createSilentLogger(),
      env: systemEnvironment(),
      credentials: createStaticCredentialSource(temporary),
      preflightEndpointUrl: emulator.url,
    });
    const client = new Client({ name: "recording", version: "0.0.0" });
    try {
      await linkInMemory(app.createServer(), client);
      const created = await client.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST } });
      expect(created.isError, JSON.stringify(created.content)).toBeFalsy();
      const operations = new Set(emulator.requests.map((request) => request.operation));
      // The services a create's checks reach, each on its own protocol, and the control plane.
      for (const operation of ["CreateAgentRuntime", "iam:GetRole", "sts:GetCallerIdentity", "ecr:BatchGetImage"])
        expect(operations).toContain(operation);
      const served = JSON.stringify(emulator.requests.map(recordedRequestToJson));
      expect(served).not.toContain(SESSION_TOKEN);
      expect(served).not.toContain(Buffer.from(SESSION_TOKEN).toString("base64").slice(0, 20));
      expect(served).not.toMatch(/Signature=|AWS4-HMAC-SHA256|x-amz-security-token/i);
      expect(served).not.toContain(SANDBOX_CREDENTIALS.accessKeyId);
      for (const request of emulator.requests) expect(request.signatureValid, request.operation).toBe(true);
    } finally {
      await client.close();
      await app.close();
      await emulator.close();
    }
  });
});
