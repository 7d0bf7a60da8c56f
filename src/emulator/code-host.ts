// Hosting of code packages (opt-in): a runtime whose artifact is a NODE_22 code zip that the sandbox S3
// holds is run for real, as AgentCore Runtime runs it: unzipped into a directory of its own and
// started with `node <entryPoint>`, then MCP invocations are relayed to its POST /mcp. The child
// listens on a loopback port the emulator picks (MCP_PORT, which the package's start file honours),
// never on the contract's 0.0.0.0:8000, and gets none of the emulator's environment.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { unzipSync } from "fflate";
import { asRecord } from "./records.js";
import type { AgentReply } from "./stand-in-agents.js";

/** Where a version's code lies and how it starts, from its `agentRuntimeArtifact.codeConfiguration`. */
export interface HostedCode {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | undefined;
  readonly entryPoint: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
}

/** Reads the bytes of an uploaded S3 object (undefined when the sandbox S3 does not hold it). */
export type ObjectReader = (bucket: string, key: string, versionId: string | undefined) => Uint8Array | undefined;

/** The hosted children, one per runtime version. */
export interface CodeHost {
  /** Relays one MCP request to the version's child, starting it first if it is not running. */
  relayMcp(version: string, code: HostedCode, payload: Buffer, headers: Readonly<Record<string, string>>): Promise<AgentReply>;
  /** Stops the version's child, if any (the next invocation starts a new one). */
  stop(version: string): void;
  /** Stops every child and removes their directories. */
  close(): void;
}

// Spawning is a real cost: a few children at once, the least recently started stopped first.
const MAX_CHILDREN = 4;

/**
 * Preloaded into every child (`--require`): a child ends when its stdin, a pipe from the emulator,
 * closes. That happens however the emulator ends, a crash or SIGKILL included, where its own
 * cleanup never runs; unref'd, so it never keeps a child alive that would end by itself.
 */
const PARENT_WATCH = `"use strict";
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
process.stdin.unref();
`;

/** The hosted code of a version, or undefined when it is no NODE_22 code package in S3. */
export function hostedCodeOf(members: Readonly<Record<string, unknown>>): HostedCode | undefined {
  const config = asRecord(asRecord(members["agentRuntimeArtifact"])["codeConfiguration"]);
  const s3 = asRecord(asRecord(config["code"])["s3"]);
  const entryPoint = config["entryPoint"];
  if (config["runtime"] !== "NODE_22" || typeof s3["bucket"] !== "string" || typeof s3["prefix"] !== "string") return undefined;
  if (!Array.isArray(entryPoint) || entryPoint.length === 0 || !entryPoint.every((part) => typeof part === "string")) return undefined;
  const environment = Object.fromEntries(
    Object.entries(asRecord(members["environmentVariables"])).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  return {
    bucket: s3["bucket"],
    key: s3["prefix"],
    versionId: typeof s3["versionId"] === "string" ? s3["versionId"] : undefined,
    entryPoint: entryPoint as string[],
    environment,
  };
}

interface Child {
  readonly process: ChildProcess;
  readonly dir: string;
  readonly port: number;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Writes the archive's files below `dir`; an entry that would land outside it is refused. */
function unpack(zip: Uint8Array, dir: string): void {
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    if (name.endsWith("/")) continue;
    const path = resolve(dir, name);
    if (!path.startsWith(`${dir}${sep}`)) throw new Error(`the code package has an entry outside its directory: ${name}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }
}

async function waitForPing(child: Child, deadline: number, stderr: () => string): Promise<void> {
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null)
      throw new Error(`the code exited (${String(child.process.exitCode ?? child.process.signalCode)}): ${stderr().slice(-500)}`);
    try {
      const ping = await fetch(`http://127.0.0.1:${child.port}/ping`, { signal: AbortSignal.timeout(1000) });
      await ping.arrayBuffer();
      if (ping.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`the code did not answer GET /ping in time: ${stderr().slice(-500)}`);
}

/** How the host runs code: the node binary, the bound on each start (unzip to /ping), where the zips come from. */
export interface CodeHostOptions {
  readonly node: string;
  readonly startTimeoutMs: number;
  readonly readObject: ObjectReader;
}

/** Creates the host; children start on first use. */
export function createCodeHost({ node, startTimeoutMs, readObject }: CodeHostOptions): CodeHost {
  const children = new Map<string, Promise<Child>>();
  // Outside every code directory, so that no package can shadow it; made on the first start.
  let watchDir: string | undefined;
  const parentWatch = (): string => {
    watchDir ??= mkdtempSync(join(tmpdir(), "agentcore-host-"));
    const path = join(watchDir, "parent-watch.cjs");
    writeFileSync(path, PARENT_WATCH);
    return path;
  };
  const stop = (version: string): void => {
    const child = children.get(version);
    children.delete(version);
    void child?.then(
      (running) => {
        running.process.kill("SIGKILL");
        rmSync(running.dir, { recursive: true, force: true });
      },
      () => undefined,
    );
  };
  const start = async (code: HostedCode): Promise<Child> => {
    const zip = readObject(code.bucket, code.key, code.versionId);
    if (zip === undefined) throw new Error(`the sandbox S3 holds no uploaded object s3://${code.bucket}/${code.key}`);
    const dir = mkdtempSync(join(tmpdir(), "agentcore-hosted-"));
    try {
      unpack(zip, dir);
      const port = await freeLoopbackPort();
      const [entry = "", ...rest] = code.entryPoint;
      const env = {
        ...code.environment,
        AWS_EC2_METADATA_DISABLED: "true",
        MCP_HOST: "127.0.0.1",
        MCP_PORT: String(port),
      };
      const spawned = spawn(node, ["--require", parentWatch(), entry, ...rest], { cwd: dir, env, stdio: ["pipe", "ignore", "pipe"] });
      let stderr = "";
      spawned.stderr?.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString("utf8")).slice(-4000);
      });
      const child = { process: spawned, dir, port };
      try {
        await waitForPing(child, Date.now() + startTimeoutMs, () => stderr);
      } catch (error) {
        spawned.kill("SIGKILL");
        throw error;
      }
      return child;
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  };
  return {
    async relayMcp(version, code, payload, headers) {
      let child = children.get(version);
      if (child === undefined) {
        if (children.size >= MAX_CHILDREN) {
          const oldest = children.keys().next().value;
          if (oldest !== undefined) stop(oldest);
        }
        child = start(code);
        children.set(version, child);
        // A failed start is not kept: the next invocation tries again.
        child.catch(() => {
          if (children.get(version) === child) children.delete(version);
        });
      }
      let running: Child;
      try {
        running = await child;
      } catch (error) {
        return { kind: "error", status: 502, message: error instanceof Error ? error.message : String(error) };
      }
      const answer = await fetch(`http://127.0.0.1:${running.port}/mcp`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", ...headers },
        body: payload,
      });
      const body = await answer.text();
      if (answer.status >= 400) return { kind: "error", status: answer.status, message: `the hosted code answered ${answer.status}` };
      const passed: Record<string, string> = {};
      for (const name of ["mcp-session-id", "mcp-protocol-version"]) {
        const value = answer.headers.get(name);
        if (value !== null) passed[name] = value;
      }
      return {
        kind: "whole",
        status: answer.status,
        contentType: answer.headers.get("content-type") ?? "application/json",
        body,
        headers: passed,
      };
    },
    stop,
    close() {
      for (const version of [...children.keys()]) stop(version);
      if (watchDir !== undefined) rmSync(watchDir, { recursive: true, force: true });
      watchDir = undefined;
    },
  };
}
