import { isValidHostLabel } from "@smithy/core/endpoints";
import type { CallFailure } from "../aws/call-failure.js";
import { createLazyStart } from "../lazy-start.js";
import type { AgentCoreClient, AgentCoreClientDeps } from "./agentcore-client.js";
import type { DataPlaneClient } from "./data-plane.js";
import type { LogsClient } from "./logs.js";

export type { AgentCoreClient } from "./agentcore-client.js";

/** A regional client plus the endpoint its requests go to. */
export interface LoadedAgentCoreClient {
  client: AgentCoreClient;
  endpoint: URL;
  /** The region's data-plane client, built on first use. */
  dataPlane: () => Promise<DataPlaneClient>;
  /** The region's CloudWatch Logs client, built on first use. */
  logs: () => Promise<LogsClient>;
}

/**
 * The data-plane and logs clients of one region over their official SDKs, each imported and built on
 * its first use (and again after a failed build): managing runtimes never loads them.
 */
export function lazyServiceClients(deps: AgentCoreClientDeps): Pick<LoadedAgentCoreClient, "dataPlane" | "logs"> {
  const dataPlane = createLazyStart(async () => (await import("./data-plane-sdk.js")).createSdkDataPlaneClient(deps));
  const logs = createLazyStart(async () => (await import("./logs-sdk.js")).createSdkLogsClient(deps));
  return { dataPlane: () => dataPlane.get(), logs: () => logs.get() };
}

/**
 * Creates the client of one region over the official AWS SDK, which is imported here on first
 * use (dynamic import, a lazy chunk of the bundle): listing tools never loads it.
 */
async function loadSdkClient(deps: AgentCoreClientDeps): Promise<LoadedAgentCoreClient> {
  const { createSdkControlClient } = await import("./sdk-client.js");
  const client = await createSdkControlClient(deps);
  return { client, endpoint: client.endpoint, ...lazyServiceClients(deps) };
}

/** How many regional clients are kept; one more evicts the least recently used. */
export const MAX_REGIONAL_CLIENTS = 8;

/** How to reach the control plane; every value already resolved from flags and environment. */
export interface ControlPlaneOptions extends Omit<AgentCoreClientDeps, "region" | "endpointUrl"> {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  readProfileRegion: (profile: string) => Promise<string | undefined>;
  /** Builds a regional client; the SDK-backed one unless a test injects another. */
  load?: (deps: AgentCoreClientDeps) => Promise<LoadedAgentCoreClient>;
}

/** A client bound to one region. */
export interface RegionalClient {
  client: AgentCoreClient;
  region: string;
  endpoint: URL;
  dataPlane: () => Promise<DataPlaneClient>;
  logs: () => Promise<LogsClient>;
}

/** Hands out regional clients; a region's client is built once and reused while it stays cached. */
export interface ControlPlane {
  connect(regionOverride?: string): Promise<{ ok: true; value: RegionalClient } | { ok: false; failure: CallFailure }>;
}

/** A region is put into a host name, so it must be a valid host label before anything else. */
export function isValidRegion(region: string): boolean {
  return isValidHostLabel(region);
}

/**
 * Creates the control-plane access point. Region and endpoint problems surface here as failures at
 * call time, not at start-up: a server without a region still lists its tools and explains the fix.
 * Regional clients are kept in a small LRU cache (a region string comes from tool arguments, so
 * an unbounded cache would grow with whatever callers send); the connections themselves live in
 * the shared transport, so evicting a client closes nothing a call in flight uses.
 */
export function createControlPlane(options: ControlPlaneOptions): ControlPlane {
  const clients = new Map<string, Promise<LoadedAgentCoreClient>>();
  const load = options.load ?? loadSdkClient;
  let profileRegion: Promise<string | undefined> | undefined;
  const failure = (code: string, message: string): { ok: false; failure: CallFailure } => ({
    ok: false,
    failure: { code, message, retryable: false, attempts: 0 },
  });

  const clientOf = (region: string): Promise<LoadedAgentCoreClient> => {
    const cached = clients.get(region);
    if (cached) {
      // Re-inserting moves the entry to the end: Map order is the recency order.
      clients.delete(region);
      clients.set(region, cached);
      return cached;
    }
    const { region: _configured, profile: _profile, endpointUrl, readProfileRegion: _read, load: _load, ...shared } = options;
    const loading = load({ ...shared, region, ...(endpointUrl === undefined ? {} : { endpointUrl }) });
    clients.set(region, loading);
    // A failed build is not kept: the next call builds again.
    loading.catch(() => {
      if (clients.get(region) === loading) clients.delete(region);
    });
    for (const oldest of clients.keys()) {
      if (clients.size <= MAX_REGIONAL_CLIENTS) break;
      clients.delete(oldest);
    }
    return loading;
  };

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
      let loaded: LoadedAgentCoreClient;
      try {
        loaded = await clientOf(region);
      } catch (error) {
        // The SDK's endpoint rules refuse some combinations (FIPS with a custom endpoint, ...).
        if (error instanceof Error && error.name === "EndpointError") return failure("InvalidEndpoint", error.message);
        throw error;
      }
      return {
        ok: true,
        value: { client: loaded.client, region, endpoint: loaded.endpoint, dataPlane: loaded.dataPlane, logs: loaded.logs },
      };
    },
  };
}
