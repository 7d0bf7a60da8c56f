/**
 * One context per tool call: a single AbortSignal that fires on the client's cancel or when the
 * call's budget ends, the deadline behind it, the identity learned so far (clientToken, region,
 * ids, ARN) and the progress and confirmation channels of the MCP request. Every AWS request,
 * wait and progress report of the call goes through it, so no part of a call can outlive it.
 */

/** What a call has learned about the resource it acts on; every result repeats it. */
export interface CallIdentity {
  clientToken?: string;
  region?: string;
  agentRuntimeId?: string;
  agentRuntimeArn?: string;
  agentRuntimeName?: string;
  agentRuntimeVersion?: string;
}

/** Why a call's signal fired. */
export type StopReason = "cancelled" | "deadline";

/** An answer to a confirmation prompt. */
export type ConfirmationAnswer = "accepted" | "declined" | "cancelled" | "unsupported";

/**
 * What an approval is bound to besides the call's arguments: facts read just before asking (the
 * runtime's id, version, lastUpdatedAt; the clientToken). The retry reads them again, and an
 * approval whose facts changed in between approves nothing.
 */
export interface ConfirmOptions {
  binding?: Readonly<Record<string, string | undefined>>;
}

/** The per-call context every tool handler receives. */
export interface CallContext {
  /** Fires on the client's cancel or when the budget ends; hand it to every request of the call. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds (on the injected clock) at which the call's budget ends. */
  readonly deadline: number;
  /** What the call has learned so far; {@link remember} adds to it. */
  readonly identity: Readonly<CallIdentity>;
  /** Records identifiers as soon as they are known, so even a failure result can repeat them. */
  remember(facts: CallIdentity): void;
  /** Milliseconds left of the budget (never negative). */
  remainingMs(): number;
  /** Why the signal fired, or undefined while the call may go on. */
  stopReason(): StopReason | undefined;
  /**
   * A signal that fires with the call's, or after `ms` at the latest: for a part of the call (a
   * wait) that has a smaller budget of its own. Call `release` when that part is done.
   */
  narrow(ms: number): { signal: AbortSignal; release(): void };
  /** Sleeps on the injected clock; rejects at once if the sleep would end past the deadline or the call stops. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  /**
   * Sends a progress notification when the client asked for them; never fails the call. Numbers
   * that do not rise above the last one sent are moved up, so the client sees them increase.
   */
  progress(progress: number, message?: string): Promise<void>;
  /** Asks the person to approve an action (MCP elicitation or its 2026 multi-round-trip form). */
  confirm(message: string, options?: ConfirmOptions): Promise<ConfirmationAnswer>;
  /** Clears the budget timer; the server calls it when the handler returns. */
  dispose(): void;
}

/** What the server hands over to build a context for one tool call. */
export interface CallContextOptions {
  /** The MCP request's signal: the client's cancel or the transport's close. */
  requestSignal: AbortSignal;
  /** The whole call's budget (`--deadline-ms`). */
  budgetMs: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Starts a real timer; injected so fake timers can drive it. */
  setTimer?: (callback: () => void, ms: number) => { clear(): void };
  progress: (progress: number, message?: string) => Promise<void>;
  confirm: (message: string, options?: ConfirmOptions) => Promise<ConfirmationAnswer>;
}

/** The error a context's sleep rejects with when the call stops. */
export class CallStoppedError extends Error {
  override readonly name = "CallStoppedError";
  constructor(readonly reason: StopReason) {
    super(reason === "cancelled" ? "the call was cancelled" : "the call's time budget ran out");
  }
}

function defaultTimer(callback: () => void, ms: number): { clear(): void } {
  const timer = setTimeout(callback, ms);
  // A pending budget must not keep a closing process alive.
  timer.unref?.();
  return { clear: () => clearTimeout(timer) };
}

/** Builds the context of one tool call. */
export function createCallContext(options: CallContextOptions): CallContext {
  const setTimer = options.setTimer ?? defaultTimer;
  const controller = new AbortController();
  const deadline = options.now() + options.budgetMs;
  let reason: StopReason | undefined;
  const stop = (why: StopReason): void => {
    if (reason !== undefined) return;
    reason = why;
    controller.abort(new CallStoppedError(why));
  };
  const onRequestAbort = (): void => stop("cancelled");
  if (options.requestSignal.aborted) stop("cancelled");
  else options.requestSignal.addEventListener("abort", onRequestAbort, { once: true });
  // Real time catches a request that hangs; the injected clock is checked at every sleep below.
  const budgetTimer = setTimer(() => stop("deadline"), options.budgetMs);
  const identity: CallIdentity = {};

  const remainingMs = (): number => Math.max(0, deadline - options.now());
  let lastProgress = -Infinity;
  let progressOffset = 0;

  return {
    signal: controller.signal,
    deadline,
    identity,
    remember(facts) {
      for (const [key, value] of Object.entries(facts) as [keyof CallIdentity, string | undefined][]) {
        if (value !== undefined && value !== "") identity[key] = value;
      }
    },
    remainingMs,
    stopReason: () => reason,
    narrow(ms) {
      const part = new AbortController();
      const forward = (): void => part.abort(controller.signal.reason);
      if (controller.signal.aborted) forward();
      else controller.signal.addEventListener("abort", forward, { once: true });
      const timer = setTimer(() => part.abort(new CallStoppedError("deadline")), ms);
      return {
        signal: part.signal,
        release() {
          timer.clear();
          controller.signal.removeEventListener("abort", forward);
        },
      };
    },
    async sleep(ms, signal = controller.signal) {
      if (reason !== undefined) throw new CallStoppedError(reason);
      if (signal.aborted) throw signal.reason instanceof CallStoppedError ? signal.reason : new CallStoppedError("cancelled");
      if (ms > remainingMs()) {
        stop("deadline");
        throw new CallStoppedError("deadline");
      }
      try {
        await options.sleep(ms, signal);
      } catch {
        throw signal.reason instanceof CallStoppedError ? signal.reason : new CallStoppedError(reason ?? "cancelled");
      }
    },
    now: options.now,
    async progress(progress, message) {
      // MCP wants every notification's number above the last one, but the parts of a call count
      // on their own (role retries 1, 2, 3, then a wait's seconds from 0): a part that counts from
      // lower again goes on from just above where the call was.
      if (progress + progressOffset <= lastProgress) progressOffset = lastProgress + 1 - progress;
      lastProgress = progress + progressOffset;
      try {
        await options.progress(lastProgress, message);
      } catch {
        // A progress notification that cannot be delivered must not fail the work it reports on.
      }
    },
    confirm: options.confirm,
    dispose() {
      budgetTimer.clear();
      options.requestSignal.removeEventListener("abort", onRequestAbort);
    },
  };
}
