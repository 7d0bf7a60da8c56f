import type * as Ec2Module from "@aws-sdk/client-ec2";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type * as EcrModule from "@aws-sdk/client-ecr";
import type { ECRClient } from "@aws-sdk/client-ecr";
import type * as IamModule from "@aws-sdk/client-iam";
import type { IAMClient } from "@aws-sdk/client-iam";
import type * as S3Module from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import type * as StsModule from "@aws-sdk/client-sts";
import type { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

/** What every pre-flight SDK client is built with. */
export interface ClientSettings {
  readonly credentials: AwsCredentialIdentityProvider;
  /**
   * One endpoint for every service (the sandbox emulator). Without it each client resolves its
   * endpoint the SDK's way, which includes `AWS_ENDPOINT_URL_<SERVICE>` and `AWS_ENDPOINT_URL`.
   */
  readonly endpointUrl?: string;
  /** The run's budget: no connection attempt or request of a check waits longer. */
  readonly budgetMs: number;
}

/** The SDK modules, each imported on first use; the command classes come from the same module. */
export interface SdkModules {
  readonly iam: () => Promise<typeof IamModule>;
  readonly sts: () => Promise<typeof StsModule>;
  readonly ecr: () => Promise<typeof EcrModule>;
  readonly s3: () => Promise<typeof S3Module>;
  readonly ec2: () => Promise<typeof Ec2Module>;
}

/** Clients by region, built on first use and kept for later runs. */
export interface PreflightClients {
  readonly modules: SdkModules;
  iam(region: string): Promise<IAMClient>;
  sts(region: string): Promise<STSClient>;
  ecr(region: string): Promise<ECRClient>;
  s3(region: string): Promise<S3Client>;
  ec2(region: string): Promise<EC2Client>;
}

// Regions a server talks to are few; the bound only keeps a misuse from growing without end.
const MAX_CLIENTS_PER_SERVICE = 8;

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

function boundedCache<T>(build: (region: string) => Promise<T>): (region: string) => Promise<T> {
  const byRegion = new Map<string, Promise<T>>();
  return (region) => {
    const known = byRegion.get(region);
    if (known !== undefined) return known;
    if (byRegion.size >= MAX_CLIENTS_PER_SERVICE) {
      const oldest = byRegion.keys().next();
      if (oldest.done !== true) byRegion.delete(oldest.value);
    }
    const client = build(region);
    byRegion.set(region, client);
    client.catch(() => byRegion.delete(region));
    return client;
  };
}

/** Imports each SDK client module once, when a check first needs it. */
export function lazySdkModules(): SdkModules {
  return {
    iam: once(() => import("@aws-sdk/client-iam")),
    sts: once(() => import("@aws-sdk/client-sts")),
    ecr: once(() => import("@aws-sdk/client-ecr")),
    s3: once(() => import("@aws-sdk/client-s3")),
    ec2: once(() => import("@aws-sdk/client-ec2")),
  };
}

/**
 * Builds the official SDK v3 clients the checks use. IAM and STS get the call's region too: the
 * SDK's endpoint rules then pick IAM's global endpoint and STS's regional one. With one endpoint
 * for everything (the sandbox), S3 must address buckets by path, since `bucket.127.0.0.1` cannot resolve.
 */
export function createPreflightClients(settings: ClientSettings, modules: SdkModules = lazySdkModules()): PreflightClients {
  // Two attempts: a dropped connection gets one more try, and a service that cannot be reached is
  // reported within the budget instead of after the SDK's default backoff.
  const common = (region: string) => ({
    region,
    credentials: settings.credentials,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: settings.budgetMs, requestTimeout: settings.budgetMs },
    ...(settings.endpointUrl === undefined ? {} : { endpoint: settings.endpointUrl }),
  });
  return {
    modules,
    iam: boundedCache(async (region) => new (await modules.iam()).IAMClient(common(region))),
    sts: boundedCache(async (region) => new (await modules.sts()).STSClient(common(region))),
    ecr: boundedCache(async (region) => new (await modules.ecr()).ECRClient(common(region))),
    ec2: boundedCache(async (region) => new (await modules.ec2()).EC2Client(common(region))),
    s3: boundedCache(
      async (region) =>
        new (await modules.s3()).S3Client({
          ...common(region),
          // A bucket in another region answers 301; the SDK then retries in the bucket's region.
          followRegionRedirects: true,
          ...(settings.endpointUrl === undefined ? {} : { forcePathStyle: true }),
        }),
    ),
  };
}
