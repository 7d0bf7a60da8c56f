import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Path of the built bin; the e2e tests run what users run. */
export const BIN = fileURLToPath(new URL("../../dist/agentcore-runtime-mcp.mjs", import.meta.url));

/** Environment for a spawned server: test keys only, no metadata service, nothing inherited. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: "/nonexistent", AWS_EC2_METADATA_DISABLED: "true", ...extra };
}

/** A raw JSON-RPC session with a spawned server, keeping every stdout line for inspection. */
export class StdioSession {
  readonly stdoutLines: string[] = [];
  stderr = "";
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = "";
  private nextId = 1;
  private readonly waiting = new Map<number | string, (message: Record<string, unknown>) => void>();
  readonly notifications: Record<string, unknown>[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString("utf8");
    });
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.buffer += chunk.toString("utf8");
      let newline = this.buffer.indexOf("\n");
      while (newline >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        this.stdoutLines.push(line);
        this.dispatch(line);
        newline = this.buffer.indexOf("\n");
      }
    });
  }

  private dispatch(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const id = message.id as number | string | undefined;
    if (id !== undefined && ("result" in message || "error" in message)) this.waiting.get(id)?.(message);
    else this.notifications.push(message);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a request and resolves with the whole JSON-RPC response. */
  request(method: string, params: Record<string, unknown> = {}, id: number | string = this.nextId++): Promise<Record<string, unknown>> {
    const answer = new Promise<Record<string, unknown>>((resolve) => this.waiting.set(id, resolve));
    this.send({ jsonrpc: "2.0", id, method, params });
    return answer;
  }

  send(message: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  async initialize(): Promise<Record<string, unknown>> {
    const answer = await this.request("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "e2e", version: "0.0.0" },
    });
    this.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    return answer;
  }

  endInput(): void {
    this.child.stdin.end();
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}
