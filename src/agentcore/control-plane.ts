import { type CredentialSource, createRequestSigner } from "../aws/sign.js";
import { type AgentCoreClient, type ClientSettings, createAgentCoreClient } from "./client.js";
import { SIGNING_NAME, isValidRegion, resolveControlPlaneEndpoint } from "./endpoint.js";
import type { CallFailure } from "./errors.js";

/** How to reach the control plane; every value already resolved from flags and environment. */
export interface ControlPlaneOptions extends ClientSettings {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  useFips: boolean;
  useDualStack: boolean;
  credentials: CredentialSource;
  readProfileRegion: (profile: string) => Promise<string | undefined>;
}

/** A client bound to one region. */
export interface RegionalClient {
  client: AgentCoreClient;
  region: string;
  endpoint: URL;
}

/** Hands out regional clients; a region's client (and its signer) is built once and reused. */
export interface ControlPlane {
  connect(regionOverride?: string): Promise<{ ok: true; value: RegionalClient } | { ok: false; failure: CallFailure }>;
}

/**
 * Creates the control-plane access point. Region and endpoint problems surface here as failures at
 * call time, not at start-up: a server without a region still lists its tools and explains the fix.
 */
export function createControlPlane(options: ControlPlaneOptions): ControlPlane {
  const clients = new Map<string, RegionalClient>();
  let profileRegion: Promise<string | undefined> | undefined;
  const failure = (code: string, message: string): { ok: false; failure: CallFailure } => ({
    ok: false,
    failure: { code, message, retryable: false, attempts: 0 },
  });

  return {
    async connect(regionOverride) {
      let region = regionOverride ?? options.region;
      if (region === undefined) {
        // As the AWS CLI does, an unnamed profile means the "default" one.
        profileRegion ??= options.readProfileRegion(options.profile ?? "default").catch(() => undefined);
        region = await profileRegion;
      }
      if (region === undefined) {
        return failure("RegionMissing", "no AWS region is configured: pass --region, set AWS_REGION, or set region in the AWS profile");
      }
      if (!isValidRegion(region)) return failure("InvalidRegion", `"${region}" is not a valid AWS region name`);
      const cached = clients.get(region);
      if (cached) return { ok: true, value: cached };
      let endpoint: URL;
      try {
        endpoint = resolveControlPlaneEndpoint({
          region,
          useFips: options.useFips,
          useDualStack: options.useDualStack,
          ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
        });
      } catch (error) {
        return failure("InvalidEndpoint", error instanceof Error ? error.message : String(error));
      }
      const client = createAgentCoreClient({
        ...options,
        endpoint,
        signer: createRequestSigner({ region, service: SIGNING_NAME, credentials: options.credentials }),
      });
      const regional = { client, region, endpoint };
      clients.set(region, regional);
      return { ok: true, value: regional };
    },
  };
}
