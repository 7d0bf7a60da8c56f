import { errorResponse, jsonResponse } from "./errors.js";
import type { WireResponse } from "./errors.js";
import { parseFaults } from "./faults.js";
import type { FaultPlan } from "./faults.js";
import { CONTROL_TOKEN_HEADER, recordedRequestToJson } from "./recording.js";
import type { RecordedRequest } from "./recording.js";

/**
 * Where the unsigned control endpoints live. No API path starts with `/__`, so they cannot shadow
 * an operation; they exist for local tests and scripts, like the rest of the emulator.
 */
export const CONTROL_PREFIX = "/__emulator/";

// The header that carries the per-run control token (printed by the `emulator` command on start).
export { CONTROL_TOKEN_HEADER };

/** What the control endpoints act on. */
export interface ControlTarget {
  readonly faults: FaultPlan;
  /** Drops every fault, a `clock-skew` fault's skew included. */
  readonly clearFaults: () => void;
  /** The recording, cleared in place so that holders of the array see it empty. */
  readonly requests: RecordedRequest[];
}

function parseJson(body: Buffer): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body.toString("utf8")) };
  } catch {
    return undefined;
  }
}

/**
 * Serves `POST /__emulator/faults` (queue fault objects, one or an array), `DELETE /__emulator/faults`
 * (drop the queue, the rule and any clock skew a fault set), `GET /__emulator/requests` (the recording, bodies in base64) and
 * `DELETE /__emulator/requests` (clear it).
 */
export function handleControl(method: string, path: string, body: Buffer, target: ControlTarget): WireResponse {
  const route = `${method} ${path.replace(/\/$/, "")}`;
  switch (route) {
    case "POST /__emulator/faults": {
      const parsed = parseJson(body);
      if (parsed === undefined)
        return errorResponse("ValidationException", "The body must be a JSON fault or array of faults.", {
          members: { reason: "CannotParse" },
        });
      const faults = parseFaults(parsed.value);
      if (typeof faults === "string") return errorResponse("ValidationException", faults);
      target.faults.inject(faults);
      return jsonResponse(200, { queued: faults.length });
    }
    case "DELETE /__emulator/faults":
      target.clearFaults();
      return jsonResponse(200, {});
    case "GET /__emulator/requests":
      return jsonResponse(200, { requests: target.requests.map(recordedRequestToJson) });
    case "DELETE /__emulator/requests":
      target.requests.length = 0;
      return jsonResponse(200, {});
    default:
      return errorResponse("UnknownOperationException", `The emulator has no control operation ${route}.`);
  }
}
