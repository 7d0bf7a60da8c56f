import type { CallContext } from "../call-context.js";
import type { CallOutcome } from "../aws/call-failure.js";

/** What a wait reads of the resource it polls (a runtime or an endpoint). */
export interface PolledStatus {
  status: string;
  failureReason?: string;
}

/** One observation while waiting, for progress notifications. */
export interface WaitProgress {
  elapsedMs: number;
  status: string;
  polls: number;
}

/** How a wait ended. */
export type WaitOutcome =
  | { kind: "settled"; runtime: PolledStatus; polls: number; elapsedMs: number }
  | { kind: "gone"; polls: number; elapsedMs: number }
  | { kind: "timed-out"; lastStatus: string; polls: number; elapsedMs: number }
  | { kind: "failed"; outcome: Extract<CallOutcome<unknown>, { ok: false }>; polls: number; elapsedMs: number }
  | { kind: "cancelled"; polls: number; elapsedMs: number };

const FIRST_POLL_DELAY_MS = 1000;
const MAX_POLL_DELAY_MS = 5000;

/** Delay before the n-th poll (1-based): 1 s growing by half each time up to 5 s. */
export function pollDelayMs(poll: number): number {
  return Math.min(MAX_POLL_DELAY_MS, Math.round(FIRST_POLL_DELAY_MS * 1.5 ** (poll - 1)));
}

/** Statuses a runtime passes through on its way to a settled one. */
export const TRANSITIONAL_STATUSES: ReadonlySet<string> = new Set(["CREATING", "UPDATING", "DELETING"]);

/**
 * Polls a runtime's status until it leaves CREATING/UPDATING/DELETING (or, when `untilGone`, until
 * it no longer exists), the wait's own budget runs out, or the call stops. The wait's budget and the
 * call's are both enforced: on the injected clock before every sleep, and in real time through the
 * signal each poll carries, so a poll that hangs is cut off when the budget ends.
 */
export async function waitForSettled(options: {
  call: CallContext;
  poll: (signal: AbortSignal) => Promise<CallOutcome<PolledStatus>>;
  budgetMs: number;
  initialStatus: string;
  /** Waiting for a deletion: ResourceNotFoundException means done. */
  untilGone?: boolean;
  onProgress: (progress: WaitProgress) => Promise<void>;
}): Promise<WaitOutcome> {
  const { call } = options;
  const started = call.now();
  const budgetMs = Math.min(options.budgetMs, call.remainingMs());
  const part = call.narrow(budgetMs);
  let lastStatus = options.initialStatus;
  let polls = 0;
  const elapsed = (): number => call.now() - started;
  const stopped = (): WaitOutcome =>
    call.stopReason() === "cancelled"
      ? { kind: "cancelled", polls, elapsedMs: elapsed() }
      : { kind: "timed-out", lastStatus, polls, elapsedMs: elapsed() };
  try {
    for (;;) {
      const delay = pollDelayMs(polls + 1);
      if (elapsed() + delay > budgetMs) return { kind: "timed-out", lastStatus, polls, elapsedMs: elapsed() };
      try {
        await call.sleep(delay, part.signal);
      } catch {
        return stopped();
      }
      polls += 1;
      const outcome = await options.poll(part.signal);
      if (part.signal.aborted) return stopped();
      if (!outcome.ok) {
        if (options.untilGone && outcome.failure.code === "ResourceNotFoundException") return { kind: "gone", polls, elapsedMs: elapsed() };
        return { kind: "failed", outcome, polls, elapsedMs: elapsed() };
      }
      lastStatus = outcome.value.status;
      await options.onProgress({ elapsedMs: elapsed(), status: lastStatus, polls });
      if (!TRANSITIONAL_STATUSES.has(lastStatus)) return { kind: "settled", runtime: outcome.value, polls, elapsedMs: elapsed() };
    }
  } finally {
    part.release();
  }
}
