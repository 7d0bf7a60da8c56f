import { SHAPE_OUTLINES, type ShapeOutline } from "./generated/metadata.js";

/** Text that stands in for a sensitive value in anything shown back. */
const REDACTED = "[redacted]";

function outlineOf(shapeName: string): ShapeOutline {
  const outline = SHAPE_OUTLINES[shapeName];
  if (!outline) throw new Error(`no generated shape ${shapeName}`);
  return outline;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: a "__proto__" key must stay an own key, never a prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A copy of `value` (a value of model shape `shapeName`) with every member the model marks
 * `sensitive` replaced by {@link REDACTED}, found by walking the generated shape outlines. A
 * sensitive map keeps its keys (the caller chose them and needs them to recognise the entries)
 * and loses its values. Members the model does not know are kept as they are.
 */
export function redactSensitive(shapeName: string, value: unknown): unknown {
  const outline = outlineOf(shapeName);
  if (value === undefined || value === null) return value;
  if (outline.sensitive && outline.type !== "map") return REDACTED;
  switch (outline.type) {
    case "structure": {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        const member = Object.hasOwn(outline.members, key) ? outline.members[key] : undefined;
        setOwn(out, key, member === undefined ? inner : redactSensitive(member, inner));
      }
      return out;
    }
    case "list":
      return Array.isArray(value) ? value.map((item) => redactSensitive(outline.member, item)) : value;
    case "map": {
      if (!isRecord(value)) return value;
      const hideKeys = outlineOf(outline.key).sensitive === true;
      const out: Record<string, unknown> = {};
      Object.entries(value).forEach(([key, inner], index) => {
        setOwn(out, hideKeys ? `${REDACTED} ${index + 1}` : key, outline.sensitive ? REDACTED : redactSensitive(outline.value, inner));
      });
      return out;
    }
    default:
      return value;
  }
}

/**
 * The strings of `value` (of model shape `shapeName`) that sit in members the model marks
 * `sensitive`, so they can be scrubbed from anything the service echoes back.
 */
export function sensitiveValuesOf(shapeName: string, value: unknown): string[] {
  const out: string[] = [];
  const collect = (name: string, inner: unknown, inherited: boolean): void => {
    if (inner === undefined || inner === null) return;
    const outline = outlineOf(name);
    const sensitive = inherited || outline.sensitive === true;
    if (outline.type === "structure" && isRecord(inner)) {
      for (const [key, member] of Object.entries(inner)) {
        if (Object.hasOwn(outline.members, key)) collect(outline.members[key] ?? "", member, sensitive);
      }
    } else if (outline.type === "list" && Array.isArray(inner)) {
      for (const item of inner) collect(outline.member, item, sensitive);
    } else if (outline.type === "map" && isRecord(inner)) {
      for (const [key, item] of Object.entries(inner)) {
        if (outlineOf(outline.key).sensitive) out.push(key);
        collect(outline.value, item, sensitive);
      }
    } else if (sensitive && typeof inner === "string") {
      out.push(inner);
    }
  };
  collect(shapeName, value, false);
  return out;
}
