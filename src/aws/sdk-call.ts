import { isThrottlingError, isTransientError } from "@smithy/core/retry";
import type { SdkError } from "@smithy/types";
import { type CallFailure, type CallOutcome, type FieldProblem, redact } from "./call-failure.js";

/** What every SDK command answers with besides its output. */
export interface SdkMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/** Options of one call. */
export interface SdkCallOptions {
  /**
   * Cancellation and the call's time budget in one (the call context owns the deadline): stops the
   * attempt in flight and any backoff.
   */
  signal?: AbortSignal;
  /** Values that must never appear in a failure message (request members marked sensitive, keys). */
  sensitiveValues: Iterable<string>;
}

/** An error the credential provider threw, so it is reported as a credentials problem. */
export class CredentialsError extends Error {
  override readonly name = "CredentialsError";
}

// Node.js socket error codes that mean "no answer came over the network".
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNABORTED",
]);

/**
 * Runs one SDK command under the call's signal and turns what happens into an outcome: the output
 * (without `$metadata`) with its request id and attempt count, or a {@link CallFailure} whose
 * message never contains a sensitive value.
 */
export async function callSdk<T extends { $metadata: SdkMetadata }>(
  send: (abortSignal: AbortSignal) => Promise<T>,
  options: SdkCallOptions,
): Promise<CallOutcome<Omit<T, "$metadata">>> {
  const signal = options.signal ?? new AbortController().signal;
  try {
    const { $metadata, ...value } = await send(signal);
    return { ok: true, value, attempts: $metadata.attempts ?? 1, ...($metadata.requestId ? { requestId: $metadata.requestId } : {}) };
  } catch (error) {
    return { ok: false, failure: redactFailure(failureFromSdkError(error, signal), options.sensitiveValues) };
  }
}

function redactFailure(failure: CallFailure, sensitiveValues: Iterable<string>): CallFailure {
  const sensitive = [...sensitiveValues];
  return {
    ...failure,
    message: redact(failure.message, sensitive),
    ...(failure.fieldList
      ? { fieldList: failure.fieldList.map((field) => ({ name: field.name, message: redact(field.message, sensitive) })) }
      : {}),
  };
}

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: SdkMetadata;
  $response?: { statusCode?: unknown; headers?: Record<string, string> };
  fieldList?: unknown;
  reason?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * Maps what `client.send` threw to our failure: the service's error name as the code, its HTTP
 * status, request id and field list; socket errors as NetworkError, time-outs as TimeoutError; an
 * abort as Cancelled, or DeadlineExceeded when the time budget fired.
 */
export function failureFromSdkError(error: unknown, signal: AbortSignal): CallFailure {
  const shape: SdkErrorShape = error !== null && typeof error === "object" ? (error as SdkErrorShape) : { message: String(error) };
  const metadata = shape.$metadata ?? {};
  const status = metadata.httpStatusCode ?? (typeof shape.$response?.statusCode === "number" ? shape.$response.statusCode : undefined);
  const requestId = metadata.requestId ?? shape.$response?.headers?.["x-amzn-requestid"];
  const common = {
    attempts: metadata.attempts ?? 1,
    ...(status === undefined ? {} : { status }),
    ...(requestId === undefined ? {} : { requestId }),
  };
  const name = text(shape.name) ?? "Error";
  const message = text(shape.message) ?? name;
  if (signal.aborted) {
    const timedOut = signal.reason instanceof Error && signal.reason.name === "TimeoutError";
    return timedOut
      ? { ...common, code: "DeadlineExceeded", message: "the call's time budget ran out before an answer came", retryable: true }
      : { ...common, code: "Cancelled", message: "the call was cancelled", retryable: true };
  }
  if (name === "CredentialsError" || name === "CredentialsProviderError") {
    return { ...common, code: "CredentialsError", message: `could not load AWS credentials (${message})`, retryable: false };
  }
  if (shape.$fault === "client" || shape.$fault === "server") {
    const fieldList = fieldListOf(shape.fieldList);
    const reason = text(shape.reason);
    const classified: SdkError = {
      name,
      message,
      $metadata: metadata,
      ...(isRetryableTrait(shape.$retryable) ? { $retryable: shape.$retryable } : {}),
    };
    const retryable = isThrottlingError(classified) || isTransientError(classified);
    return {
      ...common,
      code: name,
      message: message === name || message === "UnknownError" ? `the service answered HTTP ${status ?? "?"}` : message,
      retryable,
      ...(fieldList ? { fieldList } : {}),
      ...(reason === undefined ? {} : { reason }),
    };
  }
  if (name === "ResponseTooLarge") return { ...common, code: "ResponseTooLarge", message, retryable: false };
  // The SDK's handler names resets "TimeoutError" too; the socket's code tells them apart.
  const networkCode = text(shape.code);
  if (networkCode !== undefined && NETWORK_CODES.has(networkCode)) {
    return { ...common, code: "NetworkError", message: `network error: ${networkCode}`, retryable: true };
  }
  if (name === "TimeoutError" || networkCode === "ETIMEDOUT") {
    return { ...common, code: "TimeoutError", message: "no complete answer within the attempt time limit", retryable: true };
  }
  if (status !== undefined && status >= 200 && status < 300) {
    return {
      ...common,
      code: "MalformedResponse",
      message: "the service answered success with a body that could not be read",
      retryable: true,
    };
  }
  if (networkCode === undefined && shape.$metadata === undefined && shape.$response === undefined) throw error;
  return { ...common, code: "NetworkError", message: `network error: ${networkCode ?? message}`, retryable: true };
}

function isRetryableTrait(value: unknown): value is { throttling?: boolean } {
  return value !== null && typeof value === "object";
}

function fieldListOf(value: unknown): FieldProblem[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const fields = value.flatMap((field: unknown) => {
    if (field === null || typeof field !== "object") return [];
    const { name, message } = field as Record<string, unknown>;
    return typeof name === "string" && typeof message === "string" ? [{ name, message }] : [];
  });
  return fields.length > 0 ? fields : undefined;
}
