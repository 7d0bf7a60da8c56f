import { execFile, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DATA_PLANE_MODEL, SANDBOX_CREDENTIALS, SERVICE_MODEL, startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";

const SCRIPT = fileURLToPath(new URL("./boto3-oracle.py", import.meta.url));
const AWS_DATA = fileURLToPath(new URL("./aws-data", import.meta.url));
const DELAY_MS = 10_000;

// In CI the oracle must run (`.ci/run` installs python3-boto3); elsewhere a machine without it skips, saying so.
const boto3Missing = spawnSync("python3", ["-c", "import boto3"], { stdio: "ignore" }).status !== 0;
const mustRun = process.env["CI"] === "true";
if (boto3Missing && !mustRun) {
  process.stderr.write(
    "boto3 oracle skipped: python3 cannot import boto3 (apt-get install -y python3-boto3); with CI=true it fails instead\n",
  );
}

/** Every `Operation:Outcome` the oracle must have checked: each operation's success and each error it models, plus the front end's. */
function expectedChecks(): string[] {
  const modelled = [...Object.values(SERVICE_MODEL.operations), ...Object.values(DATA_PLANE_MODEL.operations)].flatMap((operation) => [
    `${operation.name}:ok`,
    ...operation.errors.map((error) => `${operation.name}:${error.shape}`),
  ]);
  const frontEnd = ["InvalidSignatureException", "UnrecognizedClientException", "ServiceUnavailableException"].map(
    (code) => `front end:${code}`,
  );
  // CloudWatch Logs: what the runtime's log tool meets (its ServiceUnavailableException is not provoked).
  const logs = ["FilterLogEvents:ok", "FilterLogEvents:ResourceNotFoundException", "FilterLogEvents:InvalidParameterException"];
  return [...modelled, ...frontEnd, ...logs].sort();
}

function runOracle(emulator: Emulator): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "python3",
      [SCRIPT],
      {
        timeout: 60_000,
        env: {
          PATH: process.env["PATH"] ?? "",
          HOME: "/nonexistent",
          AWS_DATA_PATH: AWS_DATA,
          AWS_EC2_METADATA_DISABLED: "true",
          AWS_CONFIG_FILE: "/dev/null",
          AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
          AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
          EMULATOR_URL: emulator.url,
          EMULATOR_CONTROL_TOKEN: emulator.controlToken ?? "",
          EMULATOR_DELAY_MS: String(DELAY_MS),
        },
      },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr }),
    );
  });
}

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe.skipIf(boto3Missing && !mustRun)("boto3 (botocore's own serializers, signer and parsers) against the emulator", () => {
  it("drives every operation and every modelled error of the closure, and the front end's refusals", { timeout: 90_000 }, async () => {
    emulator = await startEmulator({ regions: ["us-east-1", "eu-west-1"], createDelayMs: DELAY_MS, maxRuntimes: 4 });
    const { code, stdout, stderr } = await runOracle(emulator);
    expect(stderr.split("\n").filter((line) => line.startsWith("boto3 oracle:"))).toEqual([]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { checked: string[]; boto3: string };
    expect(report.checked).toEqual(expectedChecks());
    const ops = new Set(emulator.requests.map((request) => request.operation));
    expect([...ops].sort()).toEqual(
      [...Object.keys(SERVICE_MODEL.operations), ...Object.keys(DATA_PLANE_MODEL.operations), "logs:FilterLogEvents"].sort(),
    );
  });
});
