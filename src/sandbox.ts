// The sandbox's wiring: the embedded emulator, started on the first tool call, behind the same
// control-plane interface and pre-flight checks the tools use against AWS.
import type { ControlPlane } from "./agentcore/control-plane.js";
import { type CredentialSource, createStaticCredentialSource } from "./aws/credentials.js";
import { SANDBOX_DEFAULT_REGION } from "./config.js";
import type { StateFile } from "./emulator/state-file.js";
import { createLazyStart } from "./lazy-start.js";
import type { Logger } from "./log.js";
import { type LazyPreflight, createLazyPreflight } from "./preflight/lazy.js";
import type { PreflightDeps } from "./preflight/runner.js";
import { sandboxGuide, withSandboxFixes } from "./sandbox-guide.js";

/** How long a sandbox runtime stays CREATING: long enough to show a wait, short enough for a demo. */
const SANDBOX_CREATE_DELAY_MS = 3000;

/** What the control plane needs to reach its target: where, as whom, and in which region. */
export interface Target {
  region?: string;
  endpointUrl?: string;
  /** Where the data plane and CloudWatch Logs are reached, when not where the SDK's rules say. */
  servicesEndpointUrl?: string;
  credentials: CredentialSource;
}

/** A running sandbox emulator, as the control plane needs it. */
export interface SandboxEmulator {
  url: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

/** The sandbox as the app uses it. */
export interface Sandbox {
  controlPlane: ControlPlane;
  emulator(): Promise<SandboxEmulator>;
  close(): Promise<void>;
}

/** Starts the embedded emulator; imported lazily, so only sandbox mode pays for it. */
export async function startSandboxEmulator(region: string, state: StateFile | undefined): Promise<SandboxEmulator> {
  const { SANDBOX_CREDENTIALS, startEmulator } = await import("./emulator/index.js");
  const emulator = await startEmulator({
    ...(state === undefined ? {} : { persistence: state }),
    host: "127.0.0.1",
    port: 0,
    region,
    // Every region, each with its own runtimes, so a per-call region behaves as it would on AWS.
    regions: "all",
    createDelayMs: SANDBOX_CREATE_DELAY_MS,
    maxRecordedRequests: 0,
    // Made-up role, image and subnet names exist, so a model's first well-formed request goes through.
    openAccount: true,
  });
  return { url: emulator.url, credentials: SANDBOX_CREDENTIALS, close: () => emulator.close() };
}

/**
 * In sandbox mode the emulator starts on the first tool call, not at start-up: listing tools
 * stays as fast as in normal mode, and a Smithery-style synchronous factory stays possible. A
 * failed start is tried again on the next call rather than failing every later call.
 */
export function createSandboxControlPlane(
  build: (target: Target) => ControlPlane,
  region: string | undefined,
  log: Logger,
  start: (region: string) => Promise<SandboxEmulator> = (region) => startSandboxEmulator(region, undefined),
): Sandbox {
  const started = createLazyStart(async () => {
    const emulator = await start(region ?? SANDBOX_DEFAULT_REGION);
    log.info("sandbox mode: started the embedded emulator; nothing goes to AWS", { url: emulator.url });
    const plane = build({
      region: region ?? SANDBOX_DEFAULT_REGION,
      endpointUrl: emulator.url,
      servicesEndpointUrl: emulator.url,
      credentials: createStaticCredentialSource(emulator.credentials),
    });
    return { plane, emulator };
  });
  return {
    controlPlane: {
      async connect(regionOverride) {
        return (await started.get()).plane.connect(regionOverride);
      },
    },
    emulator: async () => (await started.get()).emulator,
    close: async () => {
      const running = await started.peek()?.catch(() => undefined);
      await running?.emulator.close();
    },
  };
}

/**
 * The pre-flight checks over the sandbox: the emulator answers IAM, STS, ECR, S3 and EC2 too, so
 * the checks run the same SDK calls they make against AWS. Built once the emulator is up.
 */
export function createSandboxPreflight(
  sandbox: Pick<Sandbox, "emulator">,
  settings: Pick<PreflightDeps, "network" | "budgetMs" | "log">,
): LazyPreflight {
  const runner = createLazyPreflight(async () => {
    const running = await sandbox.emulator();
    return { credentials: createStaticCredentialSource(running.credentials), endpointUrl: running.url, ...settings };
  });
  // A fix that says "create the repository" cannot be followed in the sandbox; one that names what exists there can.
  return { run: async (input, context) => withSandboxFixes(await runner.run(input, context), sandboxGuide(context.region)) };
}
