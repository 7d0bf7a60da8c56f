import type { AgentCoreClient, CallOutcome } from "./client.js";
import type { GetAgentRuntimeResponse } from "./schemas.js";

/** One observation while waiting, for progress notifications. */
export interface WaitProgress {
  elapsedMs: number;
  status: string;
  polls: number;
}

/** How a wait ended. */
export type WaitOutcome =
  | { kind: "settled"; runtime: GetAgentRuntimeResponse; polls: number; elapsedMs: number }
  | { kind: "timed-out"; lastStatus: string; polls: number; elapsedMs: number }
  | { kind: "failed"; outcome: Extract<CallOutcome<unknown>, { ok: false }>; polls: number; elapsedMs: number }
  | { kind: "cancelled"; polls: number; elapsedMs: number };

const FIRST_POLL_DELAY_MS = 1000;
const MAX_POLL_DELAY_MS = 5000;

/** Delay before the n-th poll (1-based): 1 s growing by half each time up to 5 s. */
export function pollDelayMs(poll: number): number {
  return Math.min(MAX_POLL_DELAY_MS, Math.round(FIRST_POLL_DELAY_MS * 1.5 ** (poll - 1)));
}

const TRANSITIONAL = new Set(["CREATING", "UPDATING"]);

/**
 * Polls GetAgentRuntime until the runtime leaves CREATING/UPDATING, the time budget runs out, or
 * the signal fires. Each poll is a full client call (signed, retried within its own limits), so a
 * throttled poll is retried like any call and never loses the runtime's identifiers.
 */
export async function waitForSettled(options: {
  client: AgentCoreClient;
  agentRuntimeId: string;
  version?: string;
  budgetMs: number;
  initialStatus: string;
  signal?: AbortSignal;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onProgress: (progress: WaitProgress) => Promise<void>;
}): Promise<WaitOutcome> {
  const started = options.now();
  let lastStatus = options.initialStatus;
  let polls = 0;
  for (;;) {
    const elapsedMs = options.now() - started;
    const delay = pollDelayMs(polls + 1);
    if (elapsedMs + delay > options.budgetMs) return { kind: "timed-out", lastStatus, polls, elapsedMs };
    try {
      await options.sleep(delay, options.signal);
    } catch {
      return { kind: "cancelled", polls, elapsedMs: options.now() - started };
    }
    polls += 1;
    const outcome = await options.client.getAgentRuntime(options.agentRuntimeId, options.version, {
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const now = options.now() - started;
    if (!outcome.ok) return { kind: "failed", outcome, polls, elapsedMs: now };
    lastStatus = outcome.value.status;
    await options.onProgress({ elapsedMs: now, status: lastStatus, polls });
    if (!TRANSITIONAL.has(lastStatus)) return { kind: "settled", runtime: outcome.value, polls, elapsedMs: now };
  }
}
