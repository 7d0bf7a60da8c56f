// Entry point for Smithery's TypeScript runtime (smithery.yaml: runtime "typescript"; package.json
// "module"), and the package's import for embedding. Smithery hosts the Streamable HTTP endpoint
// itself and calls the default export per session with the user's validated configuration, so this
// file builds servers and nothing else. The host serves many tenants: a tenant's server signs only
// with the sandbox's key pair or the keys that tenant gave, never with the host's own credential
// chain, and reads a host profile only where the host's operator allows it.
import { randomUUID } from "node:crypto";
import type { Server } from "@modelcontextprotocol/server";
import * as z from "zod";
import { type App, createApp } from "./app.js";
import { type CredentialSource, createDefaultCredentialSource, createStaticCredentialSource } from "./aws/credentials.js";
import { ConfigSchema } from "./config.js";
import { createSilentLogger } from "./log.js";
import { RegionOptionSchema } from "./tools/options.js";
import { VERSION } from "./version.js";

/** What a Smithery user configures; Smithery renders it as a form and validates it. */
export const configSchema = z.object({
  region: RegionOptionSchema.optional().describe("AWS region to create runtimes in, e.g. us-east-1."),
  sandbox: z
    .boolean()
    .default(true)
    .describe("Use the embedded emulator instead of AWS: nothing is created or billed. Turn off only with credentials below."),
  profile: z
    .string()
    .min(1)
    .optional()
    .describe("Named AWS profile of the host; accepted only if the host's operator allows that profile."),
  awsAccessKeyId: z.string().min(16).optional().describe("Access key id of a least-privilege identity (prefer short-lived STS keys)."),
  awsSecretAccessKey: z.string().min(16).optional().describe("Secret access key for awsAccessKeyId. Kept in memory only, never logged."),
  awsSessionToken: z.string().min(16).optional().describe("Session token, for temporary (STS) credentials."),
  readOnly: z.boolean().default(false).describe("Offer only the tools that read."),
  maxWaitSeconds: z.number().int().min(0).max(600).default(50).describe("Largest waitForReadySeconds a call may ask for."),
  maxAttempts: z.number().int().min(1).max(10).default(3).describe("Attempts per AWS call, first included."),
});

/** A validated Smithery configuration. */
export type SmitheryConfig = z.infer<typeof configSchema>;

/** What Smithery passes to the factory: the configuration, and the session it is for. */
export interface SmitheryContext {
  config: SmitheryConfig;
  /**
   * Smithery's session id; sessions never share an app (nor, in sandbox mode, an emulator's
   * runtimes). Without one, every server gets an app of its own: two tenants with the same
   * configuration are still two tenants.
   */
  sessionId?: string;
}

/** Options of {@link createSmitheryServerFactory}. */
export interface SmitheryFactoryOptions {
  /** Host profiles a tenant may name (operator's choice; empty: none). */
  allowedProfiles: readonly string[];
  /**
   * Apps kept at once: beyond it, idle ones (no server open) are closed, least recently used
   * first. An app whose session is open is never closed. Default {@link DEFAULT_MAX_APPS}.
   */
  maxApps?: number;
  /** Apps open at once, idle or not; a new session beyond it is refused. Default {@link DEFAULT_MAX_OPEN_APPS}. */
  maxOpenApps?: number;
  /** Loads the credentials of an allowed profile; injected by tests. */
  loadProfile?: (profile: string) => Promise<CredentialSource>;
}

/** A server factory with its cache of apps. */
export interface SmitheryServerFactory {
  createServer(context: SmitheryContext): Server;
  /** How many apps are open; for tests and diagnostics. */
  readonly size: number;
  close(): Promise<void>;
}

/** Default for {@link SmitheryFactoryOptions.maxApps}. */
export const DEFAULT_MAX_APPS = 32;

/** Default for {@link SmitheryFactoryOptions.maxOpenApps}. */
export const DEFAULT_MAX_OPEN_APPS = 256;

/** The operator's variable listing the host profiles tenants may name (comma-separated). */
export const ALLOWED_PROFILES_ENV = "AGENTCORE_MCP_SMITHERY_PROFILES";

// Only the shared config and credentials files: the whole default chain would fall through to the
// host's environment, container or instance role when the profile has no credentials of its own.
const loadProfileFromFiles = async (profile: string): Promise<CredentialSource> => {
  const { fromIni } = await import("@aws-sdk/credential-providers");
  return fromIni({ profile });
};

/** Which credentials a tenant's app signs with; throws, with the fix, when the configuration gives none it may use. */
function tenantCredentials(parsed: SmitheryConfig, options: SmitheryFactoryOptions): CredentialSource | undefined {
  if (parsed.sandbox) return undefined;
  const { awsAccessKeyId, awsSecretAccessKey, awsSessionToken, profile } = parsed;
  if (awsAccessKeyId !== undefined && awsSecretAccessKey !== undefined) {
    return createStaticCredentialSource({
      accessKeyId: awsAccessKeyId,
      secretAccessKey: awsSecretAccessKey,
      ...(awsSessionToken === undefined ? {} : { sessionToken: awsSessionToken }),
    });
  }
  if (profile !== undefined) {
    if (!options.allowedProfiles.includes(profile)) {
      throw new Error(
        `profile ${profile} is not one this host's operator allows (${ALLOWED_PROFILES_ENV}); give awsAccessKeyId and awsSecretAccessKey instead, or turn sandbox on`,
      );
    }
    const load = options.loadProfile ?? loadProfileFromFiles;
    return createDefaultCredentialSource({ profile }, (settings) => load(settings.profile ?? profile));
  }
  throw new Error(
    "sandbox is off but no credentials were given: set awsAccessKeyId and awsSecretAccessKey (or an allowed profile), or turn sandbox on",
  );
}

interface Tenant {
  app: App;
  /** Servers built for it and not closed yet: while any is open, the session is in use. */
  open: number;
}

/**
 * Builds Smithery servers over a bounded cache of apps: one per session, so a repeated call reuses
 * HTTP agents and the sandbox emulator, while sessions never see each other's sandbox runtimes.
 * Beyond `maxApps`, only idle apps are closed (which ends their emulator), least recently used
 * first; a session in use keeps its app, and past `maxOpenApps` a new session is refused instead.
 */
export function createSmitheryServerFactory(options: SmitheryFactoryOptions): SmitheryServerFactory {
  const maxApps = options.maxApps ?? DEFAULT_MAX_APPS;
  const maxOpenApps = options.maxOpenApps ?? DEFAULT_MAX_OPEN_APPS;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const tenants = new Map<string, Tenant>();
  const touch = (key: string, tenant: Tenant): void => {
    tenants.delete(key);
    tenants.set(key, tenant);
  };
  const evictIdle = (): void => {
    for (const [key, tenant] of tenants) {
      if (tenants.size <= maxApps) break;
      if (tenant.open > 0) continue;
      tenants.delete(key);
      void tenant.app.close().catch(() => undefined);
    }
  };
  return {
    createServer({ config, sessionId }) {
      const parsed = configSchema.parse(config);
      const key = sessionId === undefined ? `unshared:${randomUUID()}` : JSON.stringify([sessionId, parsed]);
      let tenant = tenants.get(key);
      if (tenant === undefined) {
        evictIdle();
        if (tenants.size >= maxOpenApps) {
          throw new Error(`this host is serving ${tenants.size} sessions, its limit; try again in a few minutes`);
        }
        const credentials = tenantCredentials(parsed, options);
        const resolved = ConfigSchema.parse({
          region: parsed.region,
          // The profile only selects credentials (above); the app must not read it on its own.
          sandbox: parsed.sandbox,
          readOnly: parsed.readOnly,
          maxWaitSeconds: parsed.maxWaitSeconds,
          maxAttempts: parsed.maxAttempts,
        });
        tenant = {
          app: createApp({
            config: resolved,
            version: VERSION,
            log: createSilentLogger(),
            ...(credentials === undefined ? {} : { credentials }),
          }),
          open: 0,
        };
      }
      const current = tenant;
      touch(key, current);
      const server = current.app.createServer();
      current.open += 1;
      const previous = server.onclose;
      server.onclose = () => {
        previous?.();
        current.open -= 1;
        // Closed now: the most recently used of the idle ones.
        if (tenants.get(key) === current) touch(key, current);
        evictIdle();
      };
      evictIdle();
      return server;
    },
    get size() {
      return tenants.size;
    },
    async close() {
      const open = [...tenants.values()];
      tenants.clear();
      await Promise.all(open.map((tenant) => tenant.app.close()));
    },
  };
}

/** Parses the operator's allow-list of host profiles. */
export function parseAllowedProfiles(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

let defaultFactory: SmitheryServerFactory | undefined;

// Smithery's runtime loads this module instead of src/index.ts, so this is where its operator's
// environment is read, once, on the first session.
function factory(): SmitheryServerFactory {
  defaultFactory ??= createSmitheryServerFactory({ allowedProfiles: parseAllowedProfiles(process.env[ALLOWED_PROFILES_ENV]) });
  return defaultFactory;
}

/** Closes every app the default factory built (their emulators and connections); for shutdown and tests. */
export async function closeSmitheryApps(): Promise<void> {
  const open = defaultFactory;
  defaultFactory = undefined;
  await open?.close();
}

/** Builds the MCP server for one Smithery session. */
export default function createServer(context: SmitheryContext): Server {
  return factory().createServer(context);
}
