// Support for tests that spawn the built bin (stdio or HTTP), watch it exit, or stand something
// between it and its peers: a free-port finder, a TCP proxy that sees sockets close, a JWKS server.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { type AddressInfo, type Server as NetServer, type Socket, connect, createServer as createNetServer } from "node:net";
import { performance } from "node:perf_hooks";
import { SignJWT, type CryptoKey, exportJWK, generateKeyPair } from "jose";
import { BIN } from "./stdio-session.js";

/** How a spawned process ended, and when (performance.now() at the `exit` event). */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

/** A spawned bin whose output is kept in full. */
export class BinProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<ExitInfo>;
  stdout = "";
  stderr = "";
  private exitInfo: ExitInfo | undefined;

  /** `launcher` runs the bin through another command, e.g. `["prlimit", "--nofile=512:512", "--"]`. */
  constructor(args: readonly string[], env: Record<string, string>, launcher: readonly string[] = []) {
    const [command = process.execPath, ...before] = [...launcher, process.execPath];
    this.child = spawn(command, [...before, BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    this.exited = new Promise((resolve) =>
      this.child.once("exit", (code, signal) => {
        this.exitInfo = { code, signal, at: performance.now() };
        resolve(this.exitInfo);
      }),
    );
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.stdout += chunk.toString("utf8");
    });
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString("utf8");
    });
    // A write to a process that already exited must not fail the test run.
    this.child.stdin.on("error", () => undefined);
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** Resolves with the first stderr line matching `pattern`; rejects if the process exits first or time runs out. */
  waitForStderr(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = pattern.exec(this.stderr);
        if (match === null) return false;
        cleanup();
        resolve(match);
        return true;
      };
      const onData = (): void => {
        check();
      };
      const onExit = (): void => {
        if (check()) return;
        cleanup();
        reject(new Error(`the bin exited before printing ${String(pattern)}; stderr: ${this.stderr}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${String(pattern)} on stderr within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stderr.off("data", onData);
        this.child.off("exit", onExit);
      };
      if (check()) return;
      this.child.stderr.on("data", onData);
      this.child.once("exit", onExit);
    });
  }

  /** Sends a signal, returning performance.now() just before it was sent. */
  signal(signal: NodeJS.Signals): number {
    const at = performance.now();
    this.child.kill(signal);
    return at;
  }

  /** Ends the process for good (test clean-up). */
  async kill(): Promise<void> {
    if (this.running) this.child.kill("SIGKILL");
    await this.exited;
  }
}

/**
 * Options for `expect.poll` on anything that waits for a spawned bin: its 1 s default is shorter
 * than the bin's first lazy imports take on a loaded 2-core machine.
 */
export const SPAWN_POLL = { timeout: 10_000, interval: 20 } as const;

/** The line the bin prints once its HTTP transport listens. */
export const LISTENING_LINE = /listening on (http:\/\/([^\s/]+):(\d+)\/mcp)\n/;

/** A bin serving HTTP, with the address it reported. */
export interface HttpBin {
  proc: BinProcess;
  /** The URL as printed (its host is the bind address). */
  url: string;
  port: number;
  /** The MCP endpoint on 127.0.0.1, whatever the bind address. */
  loopbackUrl: string;
}

/** Spawns the bin with `args` (which should select the HTTP transport) and waits until it listens. */
export async function spawnHttpBin(
  args: readonly string[],
  env: Record<string, string>,
  launcher: readonly string[] = [],
): Promise<HttpBin> {
  const proc = new BinProcess(args, env, launcher);
  try {
    const match = await proc.waitForStderr(LISTENING_LINE);
    const port = Number(match[3]);
    return { proc, url: match[1] ?? "", port, loopbackUrl: `http://127.0.0.1:${port}/mcp` };
  } catch (error) {
    await proc.kill();
    throw error;
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP relay to a target port that counts the connections it carries and sees them close. */
export interface TcpProxy {
  /** `http://127.0.0.1:PORT` of the relay. */
  url: string;
  /** Connections accepted so far. */
  readonly opened: number;
  /** Connections still open on both legs. */
  readonly open: number;
  close(): Promise<void>;
}

/**
 * Starts a {@link TcpProxy} on 127.0.0.1 in front of 127.0.0.1:`targetPort`. The target may be a
 * function, read at each connection, for a target that must know the relay's own address first
 * (an emulator whose Host guard has to allow the relay's `host:port`).
 */
export async function startTcpProxy(targetPort: number | (() => number)): Promise<TcpProxy> {
  let opened = 0;
  const live = new Set<Socket>();
  const server: NetServer = createNetServer((downstream) => {
    opened += 1;
    const upstream = connect(typeof targetPort === "number" ? targetPort : targetPort(), "127.0.0.1");
    live.add(downstream);
    const end = (): void => {
      live.delete(downstream);
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on("error", end);
    upstream.on("error", end);
    downstream.on("close", end);
    upstream.on("close", end);
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get opened() {
      return opened;
    },
    get open() {
      return live.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of live) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Claims for {@link JwksIssuer.sign}; `expiresAt` is epoch seconds. */
export interface JwtClaims {
  issuer?: string;
  audience?: string;
  expiresAt?: number;
}

/** A JWT issuer for tests: a JWKS served from 127.0.0.1 and a signer for its key. */
export interface JwksIssuer {
  issuer: string;
  audience: string;
  jwksUrl: string;
  sign(claims?: JwtClaims): Promise<string>;
  close(): Promise<void>;
}

/** Starts a {@link JwksIssuer} serving its public key at `/.well-known/jwks.json` on a free port. */
export async function startJwksIssuer(issuer = "https://issuer.test", audience = "agentcore-runtime-mcp"): Promise<JwksIssuer> {
  const pair = await generateKeyPair("ES256");
  const signingKey: CryptoKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "test-key", alg: "ES256", use: "sig" };
  const body = JSON.stringify({ keys: [publicJwk] });
  const server: HttpServer = createHttpServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    issuer,
    audience,
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    sign: (claims = {}) => {
      const jwt = new SignJWT({ scope: "mcp" })
        .setProtectedHeader({ alg: "ES256", kid: "test-key" })
        .setSubject("user-1")
        .setIssuedAt()
        .setIssuer(claims.issuer ?? issuer)
        .setAudience(claims.audience ?? audience)
        .setExpirationTime(claims.expiresAt ?? Math.floor(Date.now() / 1000) + 3_600);
      return jwt.sign(signingKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether a process with this id still exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A raw JSON-RPC session over a spawned bin's stdio that can also write arbitrary bytes to its
 * stdin (malformed lines) and keeps every stdout line.
 */
export class RpcSession extends BinProcess {
  readonly stdoutLines: string[] = [];
  private pending = "";
  private nextId = 1;
  private readonly waiting = new Map<number | string, (message: Record<string, unknown>) => void>();

  constructor(args: readonly string[], env: Record<string, string>) {
    super(args, env);
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.pending += chunk.toString("utf8");
      let newline = this.pending.indexOf("\n");
      while (newline >= 0) {
        const line = this.pending.slice(0, newline);
        this.pending = this.pending.slice(newline + 1);
        this.stdoutLines.push(line);
        this.dispatch(line);
        newline = this.pending.indexOf("\n");
      }
    });
  }

  private dispatch(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof message !== "object" || message === null) return;
    const record = message as Record<string, unknown>;
    const id = record.id;
    if ((typeof id === "number" || typeof id === "string") && ("result" in record || "error" in record)) {
      this.waiting.get(id)?.(record);
      this.waiting.delete(id);
    }
  }

  /** Sends a request and resolves with the whole JSON-RPC response. */
  request(method: string, params: Record<string, unknown> = {}, id: number | string = this.nextId++): Promise<Record<string, unknown>> {
    const answer = new Promise<Record<string, unknown>>((resolve) => this.waiting.set(id, resolve));
    this.writeRaw(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    return answer;
  }

  /** Sends a notification. */
  notify(method: string, params: Record<string, unknown> = {}): void {
    this.writeRaw(`${JSON.stringify({ jsonrpc: "2.0", method, params })}\n`);
  }

  /** Writes text to stdin as is. */
  writeRaw(text: string): void {
    this.child.stdin.write(text);
  }

  async initialize(): Promise<Record<string, unknown>> {
    const answer = await this.request("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "harness", version: "0.0.0" },
    });
    this.notify("notifications/initialized");
    return answer;
  }

  /** Closes stdin (EOF for the server), returning performance.now() just before. */
  endInput(): number {
    const at = performance.now();
    this.child.stdin.end();
    return at;
  }
}
