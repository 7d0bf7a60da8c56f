import type { CallFailure, CallOutcome } from "../aws/call-failure.js";

// Answers AWS gives about a request's role that the model does not spell out (known from public
// reports): the tools read them from the message, since the error code alone says "fix a field"
// or "grant a permission" and both would be the wrong next step.

/** Our reading of a role answer, carried in the failure's `reason`. */
export type RoleAnswerReason = "RoleNotYetAssumable" | "InvalidRoleArnFormat";

/**
 * Pauses before each retry while a new role propagates: IAM is eventually consistent, and the
 * AgentCore starter toolkit retries three times, 5 to 15 seconds apart, for the same answer.
 */
export const ROLE_PROPAGATION_PAUSES_MS: readonly number[] = [5_000, 10_000, 15_000];

/** Time a retry needs after its pause for the request itself; less left and the retry would be cut short. */
const ATTEMPT_ROOM_MS = 5_000;

function readRole(failure: CallFailure): RoleAnswerReason | undefined {
  if (failure.code === "ValidationException" && /^Role validation failed/i.test(failure.message)) return "RoleNotYetAssumable";
  if (failure.code === "AccessDeniedException" && /role ARN format is invalid/i.test(failure.message)) return "InvalidRoleArnFormat";
  return undefined;
}

/** The failure with our reading of a role answer as its reason; any other failure as it is. */
export function readRoleAnswer(failure: CallFailure): CallFailure {
  const reason = readRole(failure);
  return reason === undefined ? failure : { ...failure, reason };
}

/** What the retries need from the call: its budget, its clock and a way to tell the client. */
export interface RolePropagationPacing {
  remainingMs(): number;
  /** Sleeps on the call's clock; rejects when the call stops. */
  sleep(ms: number): Promise<void>;
  /** Told before each pause, so the client sees why the call takes longer. */
  onPause(pause: { retry: number; of: number; ms: number }): Promise<void>;
}

/**
 * Sends `send` again, after a pause, while AWS answers that the role cannot be validated yet, as
 * long as the call's budget leaves room; the same request (and so the same clientToken) each time.
 * When it gives up the failure says so in plain words and is marked retryable.
 */
export async function retryWhileRolePropagates<T>(
  send: () => Promise<CallOutcome<T>>,
  pacing: RolePropagationPacing,
  pauses: readonly number[] = ROLE_PROPAGATION_PAUSES_MS,
): Promise<CallOutcome<T>> {
  let outcome = await send();
  let attempts = outcome.ok ? outcome.attempts : outcome.failure.attempts;
  let waitedMs = 0;
  for (const [index, pause] of pauses.entries()) {
    if (outcome.ok || readRole(outcome.failure) !== "RoleNotYetAssumable") return outcome;
    if (pacing.remainingMs() < pause + ATTEMPT_ROOM_MS)
      return gaveUp(outcome.failure, attempts, waitedMs, "the call's time budget leaves no room for another try");
    await pacing.onPause({ retry: index + 1, of: pauses.length, ms: pause });
    try {
      await pacing.sleep(pause);
    } catch {
      // The call stopped (cancel or budget): the caller names why.
      return outcome;
    }
    waitedMs += pause;
    outcome = await send();
    attempts += outcome.ok ? outcome.attempts : outcome.failure.attempts;
  }
  if (outcome.ok || readRole(outcome.failure) !== "RoleNotYetAssumable") return outcome;
  return gaveUp(outcome.failure, attempts, waitedMs, "no retries are left");
}

function gaveUp<T>(failure: CallFailure, attempts: number, waitedMs: number, why: string): CallOutcome<T> {
  const tried = waitedMs === 0 ? "not retried" : `still so after waiting ${Math.round(waitedMs / 1000)} s`;
  return {
    ok: false,
    failure: {
      ...failure,
      reason: "RoleNotYetAssumable",
      attempts,
      retryable: true,
      message: `${failure.message} (AWS cannot assume the role yet, as happens for a role created or changed seconds ago; ${tried}, and ${why})`,
    },
  };
}
