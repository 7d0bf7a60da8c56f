// The program: argv + env → a command, then the server (stdio or HTTP) or the emulator. It takes
// its process as a parameter (src/index.ts passes the real one), so exit codes, output and
// signals are tested in-process.
import type { Readable, Writable } from "node:stream";
import { createApp } from "./app.js";
import { type Config, type ResolvedCommand, describeConfig, parseCommandLine } from "./config.js";
import type { StateFile } from "./emulator/state-file.js";
import { type Logger, createLogger } from "./log.js";
import { describeIgnored, describeRegion, describeStartup, nodeSupportNotice } from "./startup.js";
import { startStdioTransport } from "./transports/stdio.js";
import { VERSION } from "./version.js";

/** What the program uses of its process. */
export interface ProgramProcess {
  /** The arguments after the program's name. */
  argv: readonly string[];
  /** The environment; the program sets one SDK switch in it (see logNotices). */
  env: Record<string, string | undefined>;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** The Node.js version, e.g. v22.11.0. */
  nodeVersion: string;
  /** The Node.js binary running the program: the emulator's `--host-code` runs code packages with it. */
  execPath: string;
  /** Ends the process now with this code (a shutdown, or stdio's end). */
  exit(code: number): void;
  /** Runs `handler` once when the process receives `signal`. */
  onSignal(signal: "SIGINT" | "SIGTERM", handler: () => void): void;
  /** This process's id, written into a state file's lock. */
  pid: number;
  /** Whether a process with this id runs: a lock held by a dead process may be taken over. */
  isAlive(pid: number): boolean;
}

/** Exit code of a command line the program cannot run: a bad flag or value, an unsafe bind. */
export const EXIT_USAGE = 2;

/** Exit code of a shutdown that cut calls off or did not finish: supervisors must see it was not clean. */
export const EXIT_FORCED = 1;

/** What closing reports: how many calls in flight it had to cut off (0 for a clean shutdown). */
type Close = () => Promise<{ abandoned: number }>;

/** How long closing may run past the grace period before the process exits regardless. */
const CLOSE_BACKSTOP_MS = 5000;

/** Emulator command: nothing to drain, so only the backstop applies. */
const EMULATOR_GRACE_MS = 0;

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
  const what = HOST_ERRORS.has(code)
    ? `host ${config.host} (from ${sources.host ?? "default"})`
    : `port ${config.port} (from ${sources.port ?? "default"}) on ${config.host}`;
  return `cannot listen: ${what} ${reason}; choose another with --host/--port or MCP_HOST/MCP_PORT (port 0 picks a free one)`;
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

async function readAuthTokens(command: ResolvedCommand): Promise<{ ok: true; tokens: string[] } | { ok: false; message: string }> {
  const { config } = command;
  const tokens = config.authToken === undefined ? [] : [config.authToken];
  if (config.authTokenFile === undefined) return { ok: true, tokens };
  const { readTokenFile } = await import("./startup-checks.js");
  const read = await readTokenFile(config.authTokenFile, command.sources.authTokenFile ?? "--auth-token-file");
  return read.ok ? { ok: true, tokens: [...tokens, read.token] } : read;
}

/**
 * Runs the program. Resolves with the exit code of a command that ends by itself (help, a usage
 * error, ...); a server runs on after it resolves (with undefined) until a signal or, for stdio,
 * the client's end, and then calls `exit`.
 */
export async function main(proc: ProgramProcess): Promise<number | undefined> {
  const writeError = (line: string): void => {
    proc.stderr.write(`${line}\n`);
  };
  const stderrLogger = (level: Config["logLevel"]): Logger => createLogger({ level, write: (line) => proc.stderr.write(line) });

  function onShutdown(close: Close, graceMs: number, log: Logger): void {
    let closing = false;
    const shutdown = (signal: "SIGINT" | "SIGTERM"): void => {
      if (closing) return;
      closing = true;
      log.info("shutting down", { signal, graceMs });
      // A stuck close must not keep the process alive, and must not pass for a clean exit either.
      setTimeout(() => {
        log.error("shutdown did not finish in time; exiting", { waitedMs: graceMs + CLOSE_BACKSTOP_MS });
        proc.exit(EXIT_FORCED);
      }, graceMs + CLOSE_BACKSTOP_MS).unref();
      close().then(
        ({ abandoned }) => proc.exit(abandoned === 0 ? 0 : EXIT_FORCED),
        (error: unknown) => {
          log.error("shutdown failed", { error: error instanceof Error ? error.message : String(error) });
          proc.exit(EXIT_FORCED);
        },
      );
    };
    proc.onSignal("SIGINT", () => shutdown("SIGINT"));
    proc.onSignal("SIGTERM", () => shutdown("SIGTERM"));
  }

  /** Installs the shutdown handlers, then prints the line supervisors wait for. */
  function announceReady(url: string, close: Close, graceMs: number, log: Logger): void {
    // Handlers first: a supervisor may signal the moment it reads the line, before another statement runs here.
    onShutdown(close, graceMs, log);
    writeError(`listening on ${url}`);
  }

  /** Start-up notices that do not depend on the address: ignored options, the Node.js line. */
  function logNotices(command: ResolvedCommand, log: Logger): void {
    const ignored = describeIgnored(command.ignored, command.config.transport);
    if (ignored !== undefined) log.warn(ignored);
    const notice = nodeSupportNotice(proc.nodeVersion);
    if (notice === undefined) return;
    log.warn(notice);
    // The notice says what the AWS SDK's seven-line warning would say again on the first call; this
    // is the SDK's documented switch for it.
    proc.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  }

  /** Opens and locks a state file for this process, or the one line saying why it cannot be used. */
  async function openState(path: string): Promise<{ ok: true; file: StateFile } | { ok: false; message: string }> {
    const [{ openStateFile, StateFileError }, { checkEmulatorState }] = await Promise.all([
      import("./emulator/state-file.js"),
      import("./emulator/emulator.js"),
    ]);
    try {
      return { ok: true, file: openStateFile(path, { pid: proc.pid, isAlive: (pid) => proc.isAlive(pid), check: checkEmulatorState }) };
    } catch (error) {
      if (error instanceof StateFileError) return { ok: false, message: error.message };
      throw error;
    }
  }

  /** The app of a server command, its sandbox state opened first; the one line why not, else. */
  async function openApp(
    command: ResolvedCommand,
    log: Logger,
  ): Promise<{ ok: true; app: ReturnType<typeof createApp> } | { ok: false; message: string }> {
    const { config } = command;
    const opened = config.sandboxState === undefined ? undefined : await openState(config.sandboxState);
    if (opened !== undefined && !opened.ok) return opened;
    const sandboxState = opened?.file;
    return {
      ok: true,
      app: createApp({
        config,
        version: VERSION,
        log,
        describedRegion: describeRegion(config, command.sources),
        ...(sandboxState === undefined ? {} : { sandboxState }),
      }),
    };
  }

  async function runEmulatorCommand(argv: readonly string[]): Promise<number | undefined> {
    const { describeControlToken, parseEmulatorArgs, startEmulator } = await import("./emulator/index.js");
    const parsed = parseEmulatorArgs([...argv]);
    if ("help" in parsed) {
      proc.stdout.write(`${parsed.help}\n`);
      return 0;
    }
    if ("error" in parsed) {
      writeError(`agentcore-runtime-mcp emulator: ${parsed.error}`);
      return EXIT_USAGE;
    }
    const log = stderrLogger("info");
    const opened = parsed.stateFile === undefined ? undefined : await openState(parsed.stateFile);
    if (opened !== undefined && !opened.ok) {
      writeError(`agentcore-runtime-mcp emulator: ${opened.message}`);
      return EXIT_USAGE;
    }
    const state = opened?.file;
    const emulator = await startEmulator({
      ...parsed.options,
      ...(parsed.hostCode === true ? { hostCode: { node: proc.execPath } } : {}),
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
    return undefined;
  }

  async function runHttp(command: ResolvedCommand, log: Logger): Promise<number | undefined> {
    const { config } = command;
    const { checkBindSafety, connectionLimitFor, startHttpTransport } = await import("./transports/http.js");
    const read = await readAuthTokens(command);
    if (!read.ok) {
      writeError(`agentcore-runtime-mcp: ${read.message}`);
      return EXIT_USAGE;
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
      writeError(`agentcore-runtime-mcp: ${unsafe} (the address ${config.host} comes from ${command.sources.host ?? "the default"})`);
      return EXIT_USAGE;
    }
    const built = await openApp(command, log);
    if (!built.ok) {
      writeError(`agentcore-runtime-mcp: ${built.message}`);
      return EXIT_USAGE;
    }
    const { app } = built;
    const http = await startHttpTransport({
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
    }).catch(async (error: unknown) => {
      const line = describeBindFailure(error, command);
      await app.close();
      if (line === undefined) throw error;
      writeError(`agentcore-runtime-mcp: ${line}`);
      return undefined;
    });
    if (http === undefined) return EXIT_USAGE;
    logNotices(command, log);
    log.info(describeStartup({ version: VERSION, config, sources: command.sources, env: proc.env, address: http.url }));
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
    return undefined;
  }

  async function runStdio(command: ResolvedCommand, log: Logger): Promise<number | undefined> {
    const { config } = command;
    const built = await openApp(command, log);
    if (!built.ok) {
      writeError(`agentcore-runtime-mcp: ${built.message}`);
      return EXIT_USAGE;
    }
    const { app } = built;
    logNotices(command, log);
    log.info(describeStartup({ version: VERSION, config, sources: command.sources, env: proc.env }));
    const stdio = startStdioTransport({ createServer: () => app.createServer(), input: proc.stdin, output: proc.stdout });
    // A client that goes away (EPIPE) or closes stdin ends the session; nothing else may write to stdout.
    proc.stdout.on("error", () => proc.exit(0));
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
    void stdio.closed.then(async () => {
      await app.close();
      proc.exit(0);
    });
    return undefined;
  }

  if (proc.argv[0] === "emulator") return runEmulatorCommand(proc.argv.slice(1));
  const command = parseCommandLine(proc.argv, proc.env);
  switch (command.kind) {
    case "help":
      proc.stdout.write(`${command.text}\n`);
      return 0;
    case "version":
      proc.stdout.write(`${VERSION}\n`);
      return 0;
    case "error":
      writeError(`agentcore-runtime-mcp: ${command.message}`);
      return EXIT_USAGE;
    case "print-config":
      proc.stdout.write(`${JSON.stringify(describeConfig(command), null, 2)}\n`);
      return 0;
    case "run": {
      const log = stderrLogger(command.config.logLevel);
      return command.config.transport === "http" ? runHttp(command, log) : runStdio(command, log);
    }
  }
}
