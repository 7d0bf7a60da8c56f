import { SHAPE_OUTLINES, type ShapeOutline } from "./generated/metadata.js";

// Members AWS sends that the carried model does not know yet (AWS adds configuration members
// before this server's model has them). The SDK drops them when it parses an answer and when it
// serializes a request; UpdateAgentRuntime replaces the whole configuration, so an update that
// lost them would remove them from the user's runtime. These functions find them, keep them and
// put them back into the request body, unchanged.

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: a "__proto__" key from an answer must stay an own key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function outlineOf(shapeName: string): ShapeOutline | undefined {
  return Object.hasOwn(SHAPE_OUTLINES, shapeName) ? SHAPE_OUTLINES[shapeName] : undefined;
}

/**
 * `typed` (what the SDK parsed) with every member of `raw` (the JSON AWS sent) that the SDK left
 * out put back, at any depth. This model names no member differently on the wire (no `jsonName`),
 * so a member missing from `typed` is one the SDK did not know.
 */
export function restoreDroppedMembers(typed: unknown, raw: unknown): unknown {
  if (Array.isArray(typed) && Array.isArray(raw) && typed.length === raw.length)
    return typed.map((item, index) => restoreDroppedMembers(item, raw[index]));
  if (!isRecord(typed) || !isRecord(raw)) return typed;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(typed))
    setOwn(out, key, Object.hasOwn(raw, key) ? restoreDroppedMembers(value, raw[key]) : value);
  for (const [key, value] of Object.entries(raw)) if (!Object.hasOwn(typed, key) && value !== null) setOwn(out, key, value);
  return out;
}

/** Paths (`a.b[0].c`) of the members of `value` that model shape `shapeName` does not know, at any depth. */
export function unknownMemberPaths(shapeName: string, value: unknown, at = ""): string[] {
  const outline = outlineOf(shapeName);
  if (outline === undefined) return [];
  switch (outline.type) {
    case "structure":
      if (!isRecord(value)) return [];
      return Object.entries(value).flatMap(([key, inner]) => {
        const path = at === "" ? key : `${at}.${key}`;
        const member = Object.hasOwn(outline.members, key) ? outline.members[key] : undefined;
        return member === undefined ? [path] : unknownMemberPaths(member, inner, path);
      });
    case "list":
      return Array.isArray(value) ? value.flatMap((item, index) => unknownMemberPaths(outline.member, item, `${at}[${index}]`)) : [];
    case "map":
      return isRecord(value)
        ? Object.entries(value).flatMap(([key, inner]) => unknownMemberPaths(outline.value, inner, `${at}.${key}`))
        : [];
    default:
      return [];
  }
}

/**
 * Splits `value` (of model shape `shapeName`) in two: what the model knows, and a sparse copy that
 * holds only the unknown members (with the known members on the way to them, lists kept at their
 * length so positions match). `unknown` is undefined when there is none.
 */
export function splitUnknownMembers(shapeName: string, value: unknown): { known: unknown; unknown: unknown } {
  const outline = outlineOf(shapeName);
  if (outline === undefined) return { known: value, unknown: undefined };
  if (outline.type === "structure" && isRecord(value)) {
    const known: Record<string, unknown> = {};
    const unknown: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const member = Object.hasOwn(outline.members, key) ? outline.members[key] : undefined;
      if (member === undefined) {
        setOwn(unknown, key, inner);
        continue;
      }
      const split = splitUnknownMembers(member, inner);
      setOwn(known, key, split.known);
      if (split.unknown !== undefined) setOwn(unknown, key, split.unknown);
    }
    return { known, unknown: Object.keys(unknown).length > 0 ? unknown : undefined };
  }
  if (outline.type === "list" && Array.isArray(value)) {
    const parts = value.map((item) => splitUnknownMembers(outline.member, item));
    const any = parts.some((part) => part.unknown !== undefined);
    return { known: parts.map((part) => part.known), unknown: any ? parts.map((part) => part.unknown ?? {}) : undefined };
  }
  if (outline.type === "map" && isRecord(value)) {
    const known: Record<string, unknown> = {};
    const unknown: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const split = splitUnknownMembers(outline.value, inner);
      setOwn(known, key, split.known);
      if (split.unknown !== undefined) setOwn(unknown, key, split.unknown);
    }
    return { known, unknown: Object.keys(unknown).length > 0 ? unknown : undefined };
  }
  return { known: value, unknown: undefined };
}

/** `body` with the sparse `unknown` tree of {@link splitUnknownMembers} merged back in, never replacing what `body` has. */
export function mergeUnknownMembers(body: unknown, unknown: unknown): unknown {
  if (unknown === undefined) return body;
  if (Array.isArray(body) && Array.isArray(unknown)) return body.map((item, index) => mergeUnknownMembers(item, unknown[index]));
  if (!isRecord(body) || !isRecord(unknown)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body))
    setOwn(out, key, Object.hasOwn(unknown, key) ? mergeUnknownMembers(value, unknown[key]) : value);
  for (const [key, value] of Object.entries(unknown)) if (!Object.hasOwn(body, key)) setOwn(out, key, value);
  return out;
}
