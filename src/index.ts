#!/usr/bin/env node
// The entry point: the only module that touches `process` (argv, env, stdio, signals, exit).
import { createApp } from "./app.js";
import { type Config, parseCommandLine } from "./config.js";
import { type Logger, createLogger } from "./log.js";
import { startStdioTransport } from "./transports/stdio.js";
import { VERSION } from "./version.js";

const EXIT_USAGE = 2;

function writeError(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function runEmulatorCommand(argv: readonly string[]): Promise<void> {
  const { describeControlToken, parseEmulatorArgs, startEmulator } = await import("./emulator/index.js");
  const parsed = parseEmulatorArgs([...argv]);
  if ("help" in parsed) {
    process.stdout.write(`${parsed.help}\n`);
    return;
  }
  if ("error" in parsed) {
    writeError(`agentcore-runtime-mcp emulator: ${parsed.error}`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const log = createLogger({ level: "info", write: (line) => process.stderr.write(line) });
  const emulator = await startEmulator({ ...parsed.options, log: (line: string) => log.info(line) });
  announceReady(
    emulator.url,
    async () => {
      await emulator.close();
      return { abandoned: 0 };
    },
    EMULATOR_GRACE_MS,
    log,
  );
  const tokenLine = describeControlToken(emulator);
  if (tokenLine !== undefined) writeError(tokenLine);
}

/** What closing reports: how many calls in flight it had to cut off (0 for a clean shutdown). */
type Close = () => Promise<{ abandoned: number }>;

/** Exit code of a shutdown that cut calls off or did not finish: supervisors must see it was not clean. */
const EXIT_FORCED = 1;

/** How long closing may run past the grace period before the process exits regardless. */
const CLOSE_BACKSTOP_MS = 5000;

/** Emulator command: nothing to drain, so only the backstop applies. */
const EMULATOR_GRACE_MS = 0;

function onShutdown(close: Close, graceMs: number, log: Logger): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    log.info("shutting down", { signal, graceMs });
    // A stuck close must not keep the process alive, and must not pass for a clean exit either.
    setTimeout(() => {
      log.error("shutdown did not finish in time; exiting", { waitedMs: graceMs + CLOSE_BACKSTOP_MS });
      process.exit(EXIT_FORCED);
    }, graceMs + CLOSE_BACKSTOP_MS).unref();
    close().then(
      ({ abandoned }) => process.exit(abandoned === 0 ? 0 : EXIT_FORCED),
      (error: unknown) => {
        log.error("shutdown failed", { error: error instanceof Error ? error.message : String(error) });
        process.exit(EXIT_FORCED);
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

/** Installs the shutdown handlers, then prints the line supervisors wait for. */
function announceReady(url: string, close: Close, graceMs: number, log: Logger): void {
  // Handlers first: a supervisor may signal the moment it reads the line, before another statement runs here.
  onShutdown(close, graceMs, log);
  writeError(`listening on ${url}`);
}

async function readAuthToken(config: Config): Promise<string[]> {
  const tokens = config.authToken === undefined ? [] : [config.authToken];
  if (config.authTokenFile !== undefined) {
    const { readFile } = await import("node:fs/promises");
    const token = (await readFile(config.authTokenFile, "utf8")).trim();
    if (token.length < 16) throw new Error("the auth token file must hold a token of at least 16 characters");
    tokens.push(token);
  }
  return tokens;
}

/** The key signing confirmation state, when the operator set one (shared by replicas behind a balancer). */
function stateKey(): { stateKey?: string } {
  const key = process.env.AGENTCORE_MCP_STATE_KEY;
  if (key === undefined || key === "") return {};
  // Never echo the value: it is a secret.
  if (Buffer.byteLength(key, "utf8") < 32) throw new Error("AGENTCORE_MCP_STATE_KEY must be at least 32 bytes long");
  return { stateKey: key };
}

async function runServer(config: Config, log: Logger): Promise<void> {
  if (config.transport === "http") {
    const { checkBindSafety, startHttpTransport } = await import("./transports/http.js");
    const bearerTokens = await readAuthToken(config);
    const auth = {
      ...(bearerTokens.length > 0 ? { bearerTokens } : {}),
      ...(config.jwtIssuer !== undefined && config.jwtAudience !== undefined && config.jwtJwksUrl !== undefined
        ? { jwt: { issuer: config.jwtIssuer, audience: config.jwtAudience, jwksUrl: config.jwtJwksUrl } }
        : {}),
    };
    const unsafe = checkBindSafety(config.host, auth, config.allowUnauthenticated);
    if (unsafe !== undefined) {
      writeError(`agentcore-runtime-mcp: ${unsafe}`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    const app = createApp({ config, version: VERSION, nodeVersion: process.version, log, ...stateKey() });
    const http = await startHttpTransport({
      createServer: () => app.createServer(),
      host: config.host,
      port: config.port,
      auth,
      ...(config.allowedHosts === undefined ? {} : { allowedHosts: config.allowedHosts }),
      ...(config.allowedOrigins === undefined ? {} : { allowedOrigins: config.allowedOrigins }),
      allowUnauthenticated: config.allowUnauthenticated,
      log,
      version: VERSION,
    });
    announceReady(
      http.url,
      async () => {
        const report = await http.close(config.shutdownGraceMs);
        await app.close();
        return report;
      },
      config.shutdownGraceMs,
      log,
    );
    return;
  }
  const app = createApp({ config, version: VERSION, nodeVersion: process.version, log, ...stateKey() });
  const stdio = startStdioTransport({
    createServer: () => app.createServer(),
    input: process.stdin,
    output: process.stdout,
  });
  // A client that goes away (EPIPE) or closes stdin ends the session; nothing else may write to stdout.
  process.stdout.on("error", () => process.exit(0));
  // stdio aborts calls in flight rather than draining them: the client that signals is the one that
  // would read the answers, and has stopped waiting for them (see the README, "Shutdown").
  onShutdown(
    async () => {
      await stdio.close();
      await app.close();
      return { abandoned: 0 };
    },
    config.shutdownGraceMs,
    log,
  );
  await stdio.closed;
  await app.close();
  process.exit(0);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "emulator") {
    await runEmulatorCommand(argv.slice(1));
    return;
  }
  const command = parseCommandLine(argv, process.env);
  switch (command.kind) {
    case "help":
      process.stdout.write(`${command.text}\n`);
      return;
    case "version":
      process.stdout.write(`${VERSION}\n`);
      return;
    case "error":
      writeError(`agentcore-runtime-mcp: ${command.message} (see --help)`);
      process.exitCode = EXIT_USAGE;
      return;
    case "run": {
      const log = createLogger({ level: command.config.logLevel, write: (line) => process.stderr.write(line) });
      await runServer(command.config, log);
    }
  }
}

main().catch((error: unknown) => {
  writeError(`agentcore-runtime-mcp: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
