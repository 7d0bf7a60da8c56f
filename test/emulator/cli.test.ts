import { afterEach, describe, expect, it } from "vitest";
import { ListAgentRuntimesCommand } from "@aws-sdk/client-bedrock-agentcore-control";
import { EMULATOR_USAGE, SANDBOX_CREDENTIALS, describeListening, parseEmulatorArgs, startEmulator } from "../../src/emulator/index.js";
import { closeAll, sdkClient, startTestEmulator } from "../helpers/emulator.js";

afterEach(closeAll);

describe("parseEmulatorArgs", () => {
  it("defaults to 127.0.0.1:4566 with the sandbox key, recording nothing", () => {
    expect(parseEmulatorArgs([])).toEqual({
      options: { host: "127.0.0.1", port: 4566, maxRecordedRequests: 0, redactRecordedSecrets: true },
    });
  });

  it("reads every option", () => {
    const parsed = parseEmulatorArgs([
      "--host",
      "::1",
      "--port",
      "0",
      "--region",
      "eu-central-1",
      "--access-key-id",
      "AKIDMYEXAMPLE",
      "--secret-access-key",
      "my/secret",
      "--session-token",
      "my-token",
      "--create-delay-ms",
      "0",
      "--max-runtimes",
      "3",
      "--regions",
      "eu-central-1, us-west-2,eu-central-1",
      "--allow-host",
      "emulator.internal",
      "--allow-host",
      "box:8080",
      "--record",
      "50",
      "--host-code",
    ]);
    expect(parsed).toEqual({
      options: {
        host: "::1",
        port: 0,
        region: "eu-central-1",
        credentials: [{ accessKeyId: "AKIDMYEXAMPLE", secretAccessKey: "my/secret", sessionToken: "my-token" }],
        createDelayMs: 0,
        maxRuntimes: 3,
        regions: ["eu-central-1", "us-west-2"],
        allowedHosts: ["emulator.internal", "box:8080"],
        maxRecordedRequests: 50,
        redactRecordedSecrets: true,
      },
      hostCode: true,
    });
  });

  it("reads --regions all as every region", () => {
    expect(parseEmulatorArgs(["--regions", "all"])).toMatchObject({ options: { regions: "all" } });
  });

  it("answers --help and -h with the usage text, which documents the sandbox key and the failure rule", () => {
    expect(parseEmulatorArgs(["--help"])).toEqual({ help: EMULATOR_USAGE });
    expect(parseEmulatorArgs(["-h"])).toEqual({ help: EMULATOR_USAGE });
    expect(EMULATOR_USAGE).toContain(SANDBOX_CREDENTIALS.accessKeyId);
    expect(EMULATOR_USAGE).toContain('name starts with "fail"');
  });

  it.each([
    [["--port", "65536"], "--port must be an integer from 0 to 65535"],
    [["--port", "80a"], "--port must be an integer from 0 to 65535"],
    [["--create-delay-ms=-1"], "--create-delay-ms must be an integer from 0 to 9007199254740991"],
    [["--max-runtimes", "1.5"], "--max-runtimes must be an integer from 0 to 9007199254740991"],
    [["--access-key-id", "AKIDMYEXAMPLE"], "--access-key-id and --secret-access-key go together"],
    [["--secret-access-key", "s"], "--access-key-id and --secret-access-key go together"],
    [["--session-token", "t"], "--session-token needs --access-key-id and --secret-access-key"],
    [["--record", "10001"], "--record must be an integer from 0 to 10000"],
    [["--regions", "us-east-1,Mars"], '--regions takes region names like us-east-1, not "Mars"'],
    [["--region", "everywhere"], '--region takes region names like us-east-1, not "everywhere"'],
  ])("refuses %j", (argv, error) => {
    expect(parseEmulatorArgs(argv)).toEqual({ error });
  });

  it("refuses unknown options, positionals and real-looking keys", () => {
    expect(parseEmulatorArgs(["--verbose"])).toMatchObject({ error: expect.stringContaining("--verbose") });
    expect(parseEmulatorArgs(["serve"])).toMatchObject({ error: expect.stringContaining("serve") });
    const realLooking = ["AKIA", "W".repeat(16)].join("");
    expect(parseEmulatorArgs(["--access-key-id", realLooking, "--secret-access-key", "s"])).toEqual({
      error: "Access key id AKIA… looks like a real AWS key; the emulator only takes made-up sandbox keys.",
    });
  });

  it("yields options startEmulator runs with, accepting the configured key", async () => {
    const parsed = parseEmulatorArgs(["--port", "0", "--access-key-id", "AKIDCLIEXAMPLE", "--secret-access-key", "cli/secret"]);
    if (!("options" in parsed)) throw new Error("expected options");
    const emulator = await startTestEmulator(parsed.options);
    expect(describeListening(emulator)).toBe(`listening on http://127.0.0.1:${emulator.port}`);
    const result = await sdkClient(emulator, { accessKeyId: "AKIDCLIEXAMPLE", secretAccessKey: "cli/secret" }).send(
      new ListAgentRuntimesCommand({}),
    );
    expect(result.agentRuntimes).toEqual([]);
  });

  it("listens on IPv6 loopback with a bracketed URL and warns when not on loopback", async () => {
    const lines: string[] = [];
    const emulator = await startEmulator({ host: "::1", log: (line) => lines.push(line) });
    try {
      expect(emulator.url).toBe(`http://[::1]:${emulator.port}`);
      expect(lines).toEqual([]);
    } finally {
      await emulator.close();
    }
    const open = await startEmulator({ host: "0.0.0.0", log: (line) => lines.push(line) });
    await open.close();
    expect(lines).toEqual(["warning: the emulator listens on 0.0.0.0, beyond this machine; its control endpoints are off"]);
  });
});
