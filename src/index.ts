#!/usr/bin/env node
// The entry point: the only module that touches `process` (argv, env, stdio, signals, exit).
import { createApp } from "./app.js";
import { type ResolvedCommand, describeConfig, parseCommandLine } from "./config.js";
import { type Logger, createLogger } from "./log.js";
import type { StateFile } from "./emulator/state-file.js";
import { describeIgnored, describeRegion, describeStartup, nodeSupportNotice } from "./startup.js";
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
  const opened = parsed.stateFile === undefined ? undefined : await openState(parsed.stateFile);
  if (opened !== undefined && !opened.ok) {
    writeError(`agentcore-runtime-mcp emulator: ${opened.message}`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const state = opened?.file;
  const emulator = await startEmulator({
    ...parsed.options,
    ...(state === undefined ? {} : { persistence: state }),
    log: (line: string) => log.info(line),
  });
  announceReady(
    emulator.url,
    async () => {
      await emulator.close();
      state?.close();
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

/**
 * The process's soft limit of open files (Linux; undefined elsewhere): connections beyond what it
 * leaves would make accept() fail, and the server unreachable with nothing said.
 */
async function openFileLimit(): Promise<number | undefined> {
  try {
    const { readFile } = await import("node:fs/promises");
    const match = /^Max open files\s+(\d+)/m.exec(await readFile("/proc/self/limits", "utf8"));
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

async function readAuthToken(command: ResolvedCommand): Promise<{ ok: true; tokens: string[] } | { ok: false; message: string }> {
  const { config } = command;
  const tokens = config.authToken === undefined ? [] : [config.authToken];
  if (config.authTokenFile === undefined) return { ok: true, tokens };
  const { readTokenFile } = await import("./startup-checks.js");
  const read = await readTokenFile(config.authTokenFile, command.sources.authTokenFile ?? "--auth-token-file");
  return read.ok ? { ok: true, tokens: [...tokens, read.token] } : read;
}

/** Whether a process with this id runs (signal 0 tests without sending); a process of another user counts. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/** Opens and locks a state file for this process, or the one line saying why it cannot be used. */
async function openState(path: string): Promise<{ ok: true; file: StateFile } | { ok: false; message: string }> {
  const [{ openStateFile, StateFileError }, { checkEmulatorState }] = await Promise.all([import("./emulator/state-file.js"), import("./emulator/emulator.js")]);
  try {
    return { ok: true, file: openStateFile(path, { pid: process.pid, isAlive: processAlive, check: checkEmulatorState }) };
  } catch (error) {
    if (error instanceof StateFileError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * The key signing confirmation state, when the operator set one (shared by replicas behind a
 * balancer); a message for a key too short to sign with.
 */
function stateKey(): { ok: true; value: { stateKey?: string } } | { ok: false; message: string } {
  const key = process.env.AGENTCORE_MCP_STATE_KEY;
  if (key === undefined || key === "") return { ok: true, value: {} };
  // Never echo the value: it is a secret.
  if (Buffer.byteLength(key, "utf8") < 32) return { ok: false, message: "AGENTCORE_MCP_STATE_KEY must be at least 32 bytes long (it is not shown)" };
  return { ok: true, value: { stateKey: key } };
}

/** Start-up notices that do not depend on the address: ignored options, the Node.js line. */
function logNotices(command: ResolvedCommand, log: Logger): void {
  const ignored = describeIgnored(command.ignored, command.config.transport);
  if (ignored !== undefined) log.warn(ignored);
  const notice = nodeSupportNotice(process.version);
  if (notice === undefined) return;
  log.warn(notice);
  // The notice says what the AWS SDK's seven-line warning would say again on the first call; this
  // is the SDK's documented switch for it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}

const BIND_ERRORS: Readonly<Record<string, string>> = {
  EADDRINUSE: "is in use by another process",
  EACCES: "needs privileges this process does not have",
  EADDRNOTAVAIL: "names an address this machine does not have",
  ENOTFOUND: "is not a name this machine can resolve",
  EAI_AGAIN: "could not be resolved (the name service did not answer)",
};

/** Errors about the host rather than the port. */
const HOST_ERRORS: ReadonlySet<string> = new Set(["EADDRNOTAVAIL", "ENOTFOUND", "EAI_AGAIN"]);

/** One line for a bind the operating system refused, naming where host and port came from; else undefined. */
function describeBindFailure(error: unknown, command: ResolvedCommand): string | undefined {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  const reason = BIND_ERRORS[code];
  if (reason === undefined) return undefined;
  const { config, sources } = command;
  const what = HOST_ERRORS.has(code) ? `host ${config.host} (from ${sources.host ?? "default"})` : `port ${config.port} (from ${sources.port ?? "default"}) on ${config.host}`;
  return `cannot listen: ${what} ${reason}; choose another with --host/--port or MCP_HOST/MCP_PORT (port 0 picks a free one)`;
}

async function runServer(command: ResolvedCommand, log: Logger): Promise<void> {
  const { config } = command;
  const key = stateKey();
  if (!key.ok) {
    writeError(`agentcore-runtime-mcp: ${key.message}`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  let sandboxState: StateFile | undefined;
  if (config.sandboxState !== undefined) {
    const opened = await openState(config.sandboxState);
    if (!opened.ok) {
      writeError(`agentcore-runtime-mcp: ${opened.message}`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    sandboxState = opened.file;
  }
  const appOptions = {
    config,
    version: VERSION,
    nodeVersion: process.version,
    log,
    ...key.value,
    describedRegion: describeRegion(config, command.sources),
    ...(sandboxState === undefined ? {} : { sandboxState }),
  };
  if (config.transport === "http") {
    const { checkBindSafety, connectionLimitFor, startHttpTransport } = await import("./transports/http.js");
    const read = await readAuthToken(command);
    if (!read.ok) {
      sandboxState?.close();
      writeError(`agentcore-runtime-mcp: ${read.message}`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    const bearerTokens = read.tokens;
    const auth = {
      ...(bearerTokens.length > 0 ? { bearerTokens } : {}),
      ...(config.jwtIssuer !== undefined && config.jwtAudience !== undefined && config.jwtJwksUrl !== undefined
        ? { jwt: { issuer: config.jwtIssuer, audience: config.jwtAudience, jwksUrl: config.jwtJwksUrl } }
        : {}),
    };
    const unsafe = checkBindSafety(config.host, auth, config.allowUnauthenticated);
    if (unsafe !== undefined) {
      sandboxState?.close();
      writeError(`agentcore-runtime-mcp: ${unsafe} (the address ${config.host} comes from ${command.sources.host ?? "the default"})`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    const app = createApp(appOptions);
    const started = startHttpTransport({
      createServer: () => app.createServer(),
      host: config.host,
      port: config.port,
      auth,
      ...(config.allowedHosts === undefined ? {} : { allowedHosts: config.allowedHosts }),
      ...(config.allowedOrigins === undefined ? {} : { allowedOrigins: config.allowedOrigins }),
      allowUnauthenticated: config.allowUnauthenticated,
      limits: { maxConnections: connectionLimitFor(await openFileLimit()) },
      log,
      version: VERSION,
    });
    const http = await started.catch(async (error: unknown) => {
      const line = describeBindFailure(error, command);
      if (line === undefined) throw error;
      await app.close();
      writeError(`agentcore-runtime-mcp: ${line}`);
      process.exitCode = EXIT_USAGE;
      return undefined;
    });
    if (http === undefined) return;
    logNotices(command, log);
    log.info(describeStartup({ version: VERSION, config, sources: command.sources, env: process.env, address: http.url }));
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
  const app = createApp(appOptions);
  logNotices(command, log);
  log.info(describeStartup({ version: VERSION, config, sources: command.sources, env: process.env }));
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
    case "print-config":
      process.stdout.write(`${JSON.stringify(describeConfig(command), null, 2)}\n`);
      return;
    case "run": {
      const log = createLogger({ level: command.config.logLevel, write: (line) => process.stderr.write(line) });
      await runServer(command, log);
    }
  }
}

main().catch((error: unknown) => {
  writeError(`agentcore-runtime-mcp: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
