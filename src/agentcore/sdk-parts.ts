// What every official SDK client of the product is built with, written once: the shared transport
// (bounded handler, retry strategy), the user agent, the credentials (with their secrets remembered
// for redaction) and the call wrapper that notes a corrected clock skew.
import type { AwsCredentialIdentity } from "@smithy/types";
import type { CallOutcome } from "../aws/call-failure.js";
import { CredentialsError, callSdk } from "../aws/sdk-call.js";
import type { AgentCoreClientDeps, CallOptions } from "./agentcore-client.js";

/** How many credential secrets are remembered for redaction: the current ones and a few before. */
const REMEMBERED_SECRETS = 8;

/** The clock difference from which the SDK treats a signing failure as clock skew and corrects it. */
const CLOCK_CORRECTION_MS = 240_000;

/** The configuration every SDK client constructor of the product takes. */
export interface SdkClientConfig {
  region: string;
  maxAttempts: number;
  retryStrategy: Awaited<ReturnType<AgentCoreClientDeps["transport"]["parts"]>>["retryStrategy"];
  requestHandler: Awaited<ReturnType<AgentCoreClientDeps["transport"]["parts"]>>["requestHandler"];
  customUserAgent: string;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  /** Set when the caller names the endpoint; otherwise the SDK's endpoint rules decide. */
  endpoint?: string;
  credentials: (properties?: Record<string, unknown>) => Promise<AwsCredentialIdentity>;
}

/** A client's parts and the wrapper its operations send through. */
export interface SdkParts {
  config: SdkClientConfig;
  /**
   * Runs one command under the call's signal; the failure message never holds a sensitive value or a
   * credential secret. `client` is the SDK client built from `config`, read for its clock offset.
   */
  send<T extends { $metadata: object }>(
    client: { config: { systemClockOffset: number } },
    name: string,
    run: (abortSignal: AbortSignal) => Promise<T>,
    options: CallOptions,
    sensitive?: readonly string[],
  ): Promise<CallOutcome<Omit<T, "$metadata">>>;
}

/** Builds the parts of one SDK client over the shared transport and credentials, for `endpointUrl` when given. */
export async function sdkParts(deps: AgentCoreClientDeps, endpointUrl: string | undefined): Promise<SdkParts> {
  const { requestHandler, retryStrategy } = await deps.transport.parts();
  // Every secret the provider hands out is kept (a few, newest last) to be cut out of messages.
  const secrets: string[] = [];
  const remember = (value: string | undefined): void => {
    if (value === undefined || secrets.includes(value)) return;
    secrets.push(value);
    if (secrets.length > REMEMBERED_SECRETS) secrets.shift();
  };
  return {
    config: {
      region: deps.region,
      maxAttempts: deps.maxAttempts,
      retryStrategy,
      requestHandler,
      customUserAgent: deps.userAgent,
      useFipsEndpoint: deps.useFips,
      useDualstackEndpoint: deps.useDualStack,
      ...(endpointUrl === undefined ? {} : { endpoint: endpointUrl }),
      credentials: async (properties) => {
        try {
          const identity = await deps.credentials(properties);
          remember(identity.secretAccessKey);
          remember(identity.sessionToken);
          return identity;
        } catch (error) {
          throw new CredentialsError(error instanceof Error ? error.message : String(error));
        }
      },
    },
    async send(client, name, run, options, sensitive = []) {
      const offsetBefore = client.config.systemClockOffset;
      const outcome = await callSdk(run, { signal: options.signal, sensitiveValues: [...sensitive, ...secrets] });
      // The SDK samples the service's clock on every answer; only a jump as large as its own
      // correction threshold is worth a line (that is the case where it also retries).
      if (Math.abs(client.config.systemClockOffset - offsetBefore) >= CLOCK_CORRECTION_MS) {
        deps.log.warn("corrected clock skew from the service's Date header", {
          operation: name,
          offsetMs: client.config.systemClockOffset,
        });
      }
      return outcome;
    },
  };
}
