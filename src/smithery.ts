// Entry point for Smithery's TypeScript runtime (smithery.yaml: runtime "typescript"; package.json
// "module"). Smithery hosts the Streamable HTTP endpoint itself and calls the default export once
// per session with the user's validated configuration, so this file builds servers and nothing else.
import type { Server } from "@modelcontextprotocol/server";
import * as z from "zod";
import { type App, createApp } from "./app.js";
import { createStaticCredentialSource } from "./aws/credentials.js";
import { ConfigSchema } from "./config.js";
import { createSilentLogger } from "./log.js";
import { RegionArgumentSchema } from "./tools/arguments.js";
import { VERSION } from "./version.js";

/** What a Smithery user configures; Smithery renders it as a form and validates it. */
export const configSchema = z.object({
  region: RegionArgumentSchema.optional().describe("AWS region to create runtimes in, e.g. us-east-1."),
  sandbox: z
    .boolean()
    .default(true)
    .describe("Use the embedded emulator instead of AWS: nothing is created or billed. Turn off only with credentials below."),
  profile: z.string().min(1).optional().describe("Named AWS profile, when the host has shared AWS config files."),
  awsAccessKeyId: z.string().min(16).optional().describe("Access key id of a least-privilege identity (prefer short-lived STS keys)."),
  awsSecretAccessKey: z.string().min(16).optional().describe("Secret access key for awsAccessKeyId. Kept in memory only, never logged."),
  awsSessionToken: z.string().min(16).optional().describe("Session token, for temporary (STS) credentials."),
  readOnly: z.boolean().default(false).describe("Offer only get_agent_runtime."),
  maxWaitSeconds: z.number().int().min(0).max(600).default(50).describe("Largest waitForReadySeconds a call may ask for."),
  maxAttempts: z.number().int().min(1).max(10).default(3).describe("Attempts per AWS call, first included."),
});

/** A validated Smithery configuration. */
export type SmitheryConfig = z.infer<typeof configSchema>;

// Smithery may call the factory for every session; sessions with the same configuration share
// one app (its HTTP agents, retry quota and, in sandbox mode, its emulator).
const apps = new Map<string, App>();

/** Closes every app the factory built (their emulators and connections); for shutdown and tests. */
export async function closeSmitheryApps(): Promise<void> {
  const open = [...apps.values()];
  apps.clear();
  await Promise.all(open.map((app) => app.close()));
}

/** Builds the MCP server for one Smithery session. */
export default function createServer({ config }: { config: SmitheryConfig }): Server {
  const parsed = configSchema.parse(config);
  const key = JSON.stringify(parsed);
  let app = apps.get(key);
  if (!app) {
    const resolved = ConfigSchema.parse({
      region: parsed.region,
      profile: parsed.profile,
      sandbox: parsed.sandbox,
      readOnly: parsed.readOnly,
      maxWaitSeconds: parsed.maxWaitSeconds,
      maxAttempts: parsed.maxAttempts,
    });
    const { awsAccessKeyId, awsSecretAccessKey, awsSessionToken } = parsed;
    app = createApp({
      config: resolved,
      version: VERSION,
      log: createSilentLogger(),
      ...(awsAccessKeyId && awsSecretAccessKey
        ? {
            credentials: createStaticCredentialSource({
              accessKeyId: awsAccessKeyId,
              secretAccessKey: awsSecretAccessKey,
              ...(awsSessionToken ? { sessionToken: awsSessionToken } : {}),
            }),
          }
        : {}),
    });
    apps.set(key, app);
  }
  return app.createServer();
}
