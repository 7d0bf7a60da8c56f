import { errorTypeForStatus } from "./errors.js";
import { isRecord } from "./records.js";

/** Limits a fault to requests for one operation (e.g. `CreateAgentRuntime`); absent means any. */
interface Targeted {
  readonly operation?: string;
}

/**
 * A misbehaviour to show one request. Queued faults are consumed one per API request, in order;
 * the control endpoint takes the same objects as JSON.
 */
export type Fault = Targeted &
  (
    | {
        /** Answer with this status and a modelled-looking error instead of handling the request. */
        readonly kind: "status";
        readonly status: number;
        /** Defaults to the model's exception for the status (429 ThrottlingException, 500 InternalServerException, …). */
        readonly errorType?: string;
        readonly message?: string;
        /** Sent as the `Retry-After` header. */
        readonly retryAfter?: string;
        /** Appends the raw request body to the message, to prove a client never repeats such a message. */
        readonly echoRequest?: boolean;
      }
    /** Wait, then handle the request normally. */
    | { readonly kind: "delay"; readonly ms: number }
    /** Never answer; the connection stays open until the client gives up or the emulator closes. */
    | { readonly kind: "hang" }
    /** Destroy the socket: before handling the request, or after (so the runtime exists but the answer is lost). */
    | { readonly kind: "reset"; readonly afterProcessing?: boolean }
    /**
     * Handle the request, then send only the first half of the JSON body. By default the message
     * ends cleanly (chunked); with `declareLength` the full Content-Length is announced and the
     * connection dropped half-way.
     */
    | { readonly kind: "truncated"; readonly declareLength?: boolean }
    /** Answer 200 with an HTML page, as a captive portal or a misrouted proxy would. */
    | { readonly kind: "non-json" }
    /** Handle the request, then send the answer slowly. */
    | { readonly kind: "trickle"; readonly bytesPerSecond: number }
    /** Answer 200 with a JSON body of exactly `bytes` bytes (whitespace, then `{}`), streamed. */
    | { readonly kind: "huge"; readonly bytes: number }
    /** Shift the emulator's clock by `ms` from this request on, so signatures look expired or early. */
    | { readonly kind: "clock-skew"; readonly ms: number }
    /**
     * Answer as AWS does about the request's `roleArn` in ways the model does not spell out:
     * `not-assumable` is the 400 ValidationException "Role validation failed …" of a role created
     * seconds ago (IAM is eventually consistent); `arn-format` the 403 AccessDeniedException "The
     * IAM role ARN format is invalid …".
     */
    | { readonly kind: "iam-role"; readonly problem: IamRoleProblem }
  );

/** What an `iam-role` fault says about the request's role. */
export type IamRoleProblem = "not-assumable" | "arn-format";

const IAM_ROLE_PROBLEMS: readonly IamRoleProblem[] = ["not-assumable", "arn-format"];

/** What a fault rule is told about the request at hand. */
export interface FaultContext {
  readonly operation?: string;
  readonly method: string;
  readonly path: string;
}

/** Picks a fault for every API request that the queue does not already serve; undefined for none. */
export type FaultRule = (context: FaultContext) => Fault | undefined;

/** The queue and the rule, consulted in that order. */
export interface FaultPlan {
  inject(faults: Fault | readonly Fault[]): void;
  setRule(rule: FaultRule | undefined): void;
  clear(): void;
  next(context: FaultContext): Fault | undefined;
}

const FAULT_KINDS = ["status", "delay", "hang", "reset", "truncated", "non-json", "trickle", "huge", "clock-skew", "iam-role"];

class FaultSyntaxError extends Error {
  override readonly name = "FaultSyntaxError";
}

function optionalText(value: Record<string, unknown>, key: string): Record<string, string> {
  const field = value[key];
  if (field === undefined) return {};
  if (typeof field !== "string") throw new FaultSyntaxError(`${key} must be a string`);
  return { [key]: field };
}

function optionalFlag(value: Record<string, unknown>, key: string): Record<string, boolean> {
  const field = value[key];
  if (field === undefined) return {};
  if (typeof field !== "boolean") throw new FaultSyntaxError(`${key} must be a boolean`);
  return { [key]: field };
}

function integer(value: Record<string, unknown>, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const field = value[key];
  if (typeof field !== "number" || !Number.isSafeInteger(field) || field < min || field > max) {
    throw new FaultSyntaxError(`${key} must be an integer from ${min} to ${max}`);
  }
  return field;
}

function toFault(value: unknown): Fault {
  if (!isRecord(value)) throw new FaultSyntaxError("a fault must be an object");
  const targeted = optionalText(value, "operation");
  switch (value["kind"]) {
    case "status": {
      const status = integer(value, "status", 400, 599);
      const errorType = optionalText(value, "errorType");
      if (errorType["errorType"] === undefined && errorTypeForStatus(status) === undefined)
        throw new FaultSyntaxError(`status ${status} needs an errorType`);
      return {
        kind: "status",
        status,
        ...targeted,
        ...errorType,
        ...optionalText(value, "message"),
        ...optionalText(value, "retryAfter"),
        ...optionalFlag(value, "echoRequest"),
      };
    }
    case "delay":
      return { kind: "delay", ms: integer(value, "ms", 0), ...targeted };
    case "hang":
      return { kind: "hang", ...targeted };
    case "reset":
      return { kind: "reset", ...targeted, ...optionalFlag(value, "afterProcessing") };
    case "truncated":
      return { kind: "truncated", ...targeted, ...optionalFlag(value, "declareLength") };
    case "non-json":
      return { kind: "non-json", ...targeted };
    case "trickle":
      return { kind: "trickle", bytesPerSecond: integer(value, "bytesPerSecond", 1), ...targeted };
    case "huge":
      return { kind: "huge", bytes: integer(value, "bytes", 2), ...targeted };
    case "clock-skew":
      return { kind: "clock-skew", ms: integer(value, "ms", Number.MIN_SAFE_INTEGER), ...targeted };
    case "iam-role": {
      const problem = IAM_ROLE_PROBLEMS.find((known) => known === value["problem"]);
      if (problem === undefined) throw new FaultSyntaxError(`problem must be one of ${IAM_ROLE_PROBLEMS.join(", ")}`);
      return { kind: "iam-role", problem, ...targeted };
    }
    default:
      throw new FaultSyntaxError(`kind must be one of ${FAULT_KINDS.join(", ")}`);
  }
}

/**
 * Checks fault objects from untrusted JSON (the control endpoint) or from code: returns them, or a
 * message naming the first problem.
 */
export function parseFaults(value: unknown): Fault[] | string {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const faults: Fault[] = [];
  for (const [index, item] of list.entries()) {
    try {
      faults.push(toFault(item));
    } catch (error) {
      if (error instanceof FaultSyntaxError) return `fault ${index}: ${error.message}`;
      throw error;
    }
  }
  return faults;
}

/** Creates an empty fault plan. */
export function createFaultPlan(): FaultPlan {
  const queue: Fault[] = [];
  let rule: FaultRule | undefined;
  return {
    inject(faults) {
      const checked = parseFaults(faults);
      if (typeof checked === "string") throw new TypeError(checked);
      queue.push(...checked);
    },
    setRule(next) {
      rule = next;
    },
    clear() {
      queue.length = 0;
      rule = undefined;
    },
    next(context) {
      const index = queue.findIndex((fault) => fault.operation === undefined || fault.operation === context.operation);
      if (index >= 0) return queue.splice(index, 1)[0];
      return rule?.(context);
    },
  };
}
