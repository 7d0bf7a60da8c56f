// The load of the reliability suite: N MCP clients over Streamable HTTP, each on its own kept-alive
// connection, calling tools in a loop. Raw JSON-RPC over node:http rather than the SDK's client, so
// that every message of every answer is counted: a duplicate answer or a stray JSON-RPC error shows.
import { Agent, request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";
import { MINIMAL_REQUEST } from "./stack.js";
import { sseMessages } from "./http.js";

/** One tool call as the load saw it end. */
export interface CallRecord {
  readonly client: number;
  readonly tool: string;
  /** The runtime name a create asked for; unique per call. */
  readonly name?: string;
  readonly startedAt: number;
  readonly ms: number;
  /** HTTP status, or 0 when no answer came (the connection failed). */
  readonly status: number;
  /** The JSON-RPC answers carrying this call's id (exactly one is right). */
  readonly answers: readonly Record<string, unknown>[];
  /** The transport error when no answer came. */
  readonly error?: string;
}

/** A tools/call result as the load reads it. */
export interface ToolResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content?: { type: string; text?: string }[];
}

/** How a call ended, judged by the rules of the suite. */
export type Verdict = "success" | "clean-error" | "broken";

/** Success, one clean isError (text naming the error, structured content), or anything else: broken. */
export function judge(record: CallRecord): Verdict {
  if (record.status !== 200 || record.answers.length !== 1) return "broken";
  const result = record.answers[0]?.["result"] as ToolResult | undefined;
  if (result === undefined) return "broken";
  if (result.isError !== true) return result.structuredContent === undefined ? "broken" : "success";
  const text = result.content?.[0]?.text ?? "";
  return result.structuredContent !== undefined && /^[A-Za-z]+: \S/.test(text) ? "clean-error" : "broken";
}

/** A small seeded PRNG (mulberry32), so a failing load can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Posts one tools/call on `agent` (false: a connection of its own) and reads the whole SSE answer. */
export function postCall(
  agent: Agent | false,
  port: number,
  id: string,
  tool: string,
  args: Record<string, unknown>,
): Promise<{ status: number; text: string }> {
  const body = JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: tool, arguments: args } });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/mcp",
        agent,
        headers: {
          host: `127.0.0.1:${port}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2025-06-18",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** What to run. */
export interface LoadOptions {
  port: number;
  clients: number;
  durationMs: number;
  random: () => number;
  /** Starts the runtime names of this load, so that two loads against one emulator never share one. */
  prefix: string;
  /** Runtime ids to read from the first call on, so that a load does not open with every client creating. */
  known?: readonly string[];
  /** Called once per call as it starts; lets a test act in the middle of the load (send SIGTERM). */
  onCallStarted?: (count: number) => void;
  /** Stops every client from starting another call. */
  stop?: AbortSignal;
}

/** The calls of one client: creates, reads of what it (or an earlier load) created, and list pages. */
async function runClient(
  options: LoadOptions,
  client: number,
  deadline: number,
  records: CallRecord[],
  started: { count: number },
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const created: string[] = [...(options.known ?? [])];
  try {
    for (let n = 0; performance.now() < deadline && options.stop?.aborted !== true; n += 1) {
      const roll = options.random();
      const id = `c${client}-${n}`;
      let tool: string;
      let args: Record<string, unknown>;
      let name: string | undefined;
      const known = created[Math.floor(options.random() * created.length)];
      if (roll < 0.5 || known === undefined) {
        name = `${options.prefix}_c${client}_${n}`;
        tool = "create_agent_runtime";
        args = { ...MINIMAL_REQUEST, agentRuntimeName: name };
      } else if (roll < 0.8) {
        tool = "get_agent_runtime";
        args = { agentRuntimeId: known };
      } else {
        tool = "list_agent_runtimes";
        args = { maxResults: 5 };
      }
      started.count += 1;
      options.onCallStarted?.(started.count);
      const startedAt = performance.now();
      try {
        const { status, text } = await postCall(agent, options.port, id, tool, args);
        const answers =
          status === 200
            ? sseMessages(text).filter((message): message is Record<string, unknown> => (message as { id?: unknown }).id === id)
            : [];
        const record: CallRecord = {
          client,
          tool,
          ...(name === undefined ? {} : { name }),
          startedAt,
          ms: performance.now() - startedAt,
          status,
          answers,
        };
        records.push(record);
        created.push(...createdIds([record]));
      } catch (error) {
        records.push({
          client,
          tool,
          ...(name === undefined ? {} : { name }),
          startedAt,
          ms: performance.now() - startedAt,
          status: 0,
          answers: [],
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  } finally {
    agent.destroy();
  }
}

/** The ids of the runtimes the successful creates of `records` made. */
export function createdIds(records: readonly CallRecord[]): string[] {
  return records.flatMap((record) => {
    const id = (record.answers[0]?.["result"] as ToolResult | undefined)?.structuredContent?.["agentRuntimeId"];
    return record.tool === "create_agent_runtime" && typeof id === "string" ? [id] : [];
  });
}

/** Runs the load to its end (or `stop`) and returns every call, in the order they ended. */
export async function runLoad(options: LoadOptions): Promise<CallRecord[]> {
  const records: CallRecord[] = [];
  const started = { count: 0 };
  const deadline = performance.now() + options.durationMs;
  await Promise.all(Array.from({ length: options.clients }, (_, client) => runClient(options, client, deadline, records, started)));
  return records;
}

/** The q-quantile (0..1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
