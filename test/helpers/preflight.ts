import { SANDBOX_CREDENTIALS, startEmulator } from "../../src/emulator/index.js";
import type { Emulator, EmulatorCredential } from "../../src/emulator/index.js";
import { RESTRICTED_CREDENTIALS } from "../../src/emulator/services/fixtures.js";
import { createSilentLogger } from "../../src/log.js";
import { createPreflight } from "../../src/preflight/index.js";
import type {
  Preflight,
  PreflightCheck,
  PreflightCheckId,
  PreflightDeps,
  PreflightInput,
  PreflightReport,
} from "../../src/preflight/index.js";

/** A request body that touches every check group, all on passing sandbox fixtures. */
export const GOOD_INPUT = {
  agentRuntimeName: "preflight_agent",
  roleArn: "arn:aws:iam::123456789012:role/AgentRuntimeRole",
  agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest" } },
  networkConfiguration: {
    networkMode: "VPC",
    networkModeConfig: { subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"], securityGroups: ["sg-0123456789abcdef0"] },
  },
  authorizerConfiguration: { customJWTAuthorizer: { discoveryUrl: "https://idp.example.com/.well-known/openid-configuration" } },
} satisfies PreflightInput;

/** A code-artifact request on the sandbox's archive. */
export const CODE_INPUT = {
  agentRuntimeName: "code_agent",
  roleArn: "arn:aws:iam::123456789012:role/AgentRuntimeRole",
  agentRuntimeArtifact: {
    codeConfiguration: { code: { s3: { bucket: "agent-code-bucket", prefix: "agents/code.zip", versionId: "v123" } } },
  },
} satisfies PreflightInput;

/** An emulator that accepts the sandbox key and the restricted (access-denied) key. */
export function startServicesEmulator(): Promise<Emulator> {
  return startEmulator({ credentials: [SANDBOX_CREDENTIALS, RESTRICTED_CREDENTIALS] });
}

/** A pre-flight step against the emulator, signing with the given key. */
export function preflightFor(
  emulator: Emulator,
  key: EmulatorCredential = SANDBOX_CREDENTIALS,
  extra: Partial<PreflightDeps> = {},
): Preflight {
  return createPreflight({
    credentials: () => Promise.resolve({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }),
    endpointUrl: emulator.url,
    network: false,
    log: createSilentLogger(),
    ...extra,
  });
}

/** Runs in us-east-1 with a live signal. */
export function runIn(preflight: Preflight, input: PreflightInput): Promise<PreflightReport> {
  return preflight.run(input, { region: "us-east-1", signal: new AbortController().signal });
}

/** The check with this id; throws when the report lacks it. */
export function check(report: PreflightReport, id: PreflightCheckId): PreflightCheck {
  const found = report.checks.find((item) => item.id === id);
  if (found === undefined) throw new Error(`report has no ${id}: ${JSON.stringify(report.checks.map((item) => item.id))}`);
  return found;
}

export { RESTRICTED_CREDENTIALS };
