import { getShape } from "./model.js";
import { nestsTooDeep } from "./nesting.js";
import { isRecord } from "./records.js";

const MASK = "***";

function redactValue(shapeName: string, value: unknown): unknown {
  const shape = getShape(shapeName);
  if (shape.sensitive === true) return MASK;
  if (shape.type === "structure" && isRecord(value)) {
    const members = shape.members ?? {};
    // A member the model does not know may hold anything, so it is masked like a sensitive one.
    return Object.fromEntries(
      Object.entries(value).map(([name, inner]) => [
        name,
        Object.hasOwn(members, name) ? redactValue(members[name]?.shape ?? "", inner) : MASK,
      ]),
    );
  }
  if (shape.type === "list" && Array.isArray(value) && shape.member !== undefined) {
    const memberShape = shape.member.shape;
    return value.map((item: unknown) => redactValue(memberShape, item));
  }
  if (shape.type === "map" && isRecord(value) && shape.value !== undefined) {
    if (shape.key !== undefined && getShape(shape.key.shape).sensitive === true) return MASK;
    const valueShape = shape.value.shape;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactValue(valueShape, inner)]));
  }
  return value;
}

/**
 * The request body with every value of a `sensitive` shape of the model (and every unmodelled
 * member) replaced by `***`, for a recording that others may read. A body that is not a JSON object
 * is dropped whole: it cannot be walked, so nothing of it can be shown as safe.
 */
export function redactRequestBody(inputShape: string, body: Buffer): Buffer {
  if (body.length === 0) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return Buffer.from(JSON.stringify(MASK), "utf8");
  }
  // Too deep to walk or write back safely: refused as bad input anyway, and kept as nothing.
  if (!isRecord(parsed) || nestsTooDeep(parsed)) return Buffer.from(JSON.stringify(MASK), "utf8");
  return Buffer.from(JSON.stringify(redactValue(inputShape, parsed)), "utf8");
}
