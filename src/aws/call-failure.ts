/** A field the service named in a ValidationException. */
export interface FieldProblem {
  name: string;
  message: string;
}

/** Why an AWS call did not succeed: an expected failure, reported to the model, not thrown. */
export interface CallFailure {
  /** AWS error code (`ConflictException`, ...) or one of ours (`NetworkError`, `TimeoutError`, ...). */
  code: string;
  message: string;
  status?: number;
  requestId?: string;
  /** Whether calling again later (with the same clientToken) may succeed. */
  retryable: boolean;
  attempts: number;
  fieldList?: FieldProblem[];
  /** The service's own finer reason, where its error has one (a ValidationException's `reason`). */
  reason?: string;
}

/** The outcome of one AWS call, after all its attempts. */
export type CallOutcome<T> = { ok: true; value: T; requestId?: string; attempts: number } | { ok: false; failure: CallFailure };

const MAX_MESSAGE_LENGTH = 1000;

// Below this length a value is replaced only where it stands alone: "ab" inside "table" is not an
// echo of it, and cutting it there would make the message unreadable while hiding nothing.
const SHORT_VALUE = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces every known sensitive value in a text, raw or JSON-escaped (a service that echoes the
 * request body echoes it as JSON), whatever its length, and bounds the text's length.
 */
export function redact(text: string, sensitiveValues: Iterable<string>): string {
  let out = text;
  for (const value of sensitiveValues) {
    if (value.length === 0) continue;
    for (const form of new Set([JSON.stringify(value).slice(1, -1), value])) {
      out =
        form.length < SHORT_VALUE
          ? out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, "gu"), "[redacted]")
          : out.split(form).join("[redacted]");
    }
  }
  return out.length > MAX_MESSAGE_LENGTH ? `${out.slice(0, MAX_MESSAGE_LENGTH)}…` : out;
}
