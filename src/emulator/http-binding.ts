import { getShape } from "./model.js";
import type { OperationDef } from "./model.js";

/** Whether any input member travels in the JSON body (those without an HTTP `location`). */
export function hasBodyMembers(operation: OperationDef): boolean {
  return Object.values(getShape(operation.input.shape).members ?? {}).some((member) => member.location === undefined);
}

// Query strings carry text; numbers are turned back into JSON numbers so that one validator checks
// body and query members alike, and anything not numeric stays text for it to reject.
function fromQueryText(shapeName: string, text: string): unknown {
  const { type } = getShape(shapeName);
  return (type === "integer" || type === "long") && /^-?\d+$/.test(text) ? Number(text) : text;
}

/**
 * Assembles the operation's input structure from where the model's `location` traits put each
 * member: URI labels, query parameters, headers, and the JSON body for the rest (unknown body members are
 * kept, for the validator to report).
 */
export function bindInput(
  operation: OperationDef,
  labels: Readonly<Record<string, string>>,
  query: URLSearchParams,
  body: Readonly<Record<string, unknown>>,
  headers: Readonly<Record<string, string | string[] | undefined>> = {},
): Record<string, unknown> {
  const input: Record<string, unknown> = { ...body };
  for (const [name, member] of Object.entries(getShape(operation.input.shape).members ?? {})) {
    const wireName = member.locationName ?? name;
    if (member.location === "uri") input[name] = labels[wireName];
    if (member.location === "header") {
      const value = headers[wireName.toLowerCase()];
      const text = Array.isArray(value) ? value[0] : value;
      if (text !== undefined) input[name] = text;
    }
    if (member.location === "querystring") {
      const text = query.get(wireName);
      if (text !== null) input[name] = fromQueryText(member.shape, text);
    }
  }
  return input;
}
