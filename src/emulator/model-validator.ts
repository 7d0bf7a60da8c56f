import { getShape, isScalarShape } from "./model.js";
import type { ShapeDef, ShapeLookup } from "./model.js";
import { isRecord } from "./records.js";

/** One constraint a value breaks, worded the way AWS's front end words it. */
export interface ValidationIssue {
  /**
   * AWS-style location: members by name joined with `.`, list items as `<list>.<n>.member` (1-based,
   * as Coral writes them); problems with a map's keys or values are reported at the map itself.
   */
  readonly path: string;
  /** The same location as data: member names, 0-based list indexes and map keys. */
  readonly segments: readonly (string | number)[];
  /** The constraint text, e.g. `Member must have length less than or equal to 48`. */
  readonly constraint: string;
  /** `Value '<v>' at '<path>' failed to satisfy constraint: <constraint>`; sensitive values print as `***`. */
  readonly message: string;
}

interface Cursor {
  readonly lookup: ShapeLookup;
  readonly path: string;
  readonly segments: readonly (string | number)[];
  readonly sensitive: boolean;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// Compiled once per pattern: the model's patterns are whole-value constraints (Smithy/Java
// `matches()` semantics), hence the anchors; `u` so `.` and classes see code points, not halves of them.
const compiledPatterns = new Map<string, RegExp>();
function compilePattern(pattern: string): RegExp {
  let regex = compiledPatterns.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${pattern})$`, "u");
    compiledPatterns.set(pattern, regex);
  }
  return regex;
}

function renderValue(value: unknown, sensitive: boolean): string {
  if (value === undefined || value === null) return "Value null";
  if (sensitive) return "Value '***'";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return `Value '${String(value)}'`;
  // Containers are not echoed: they may hold members of any sensitivity, and AWS's rendering of them
  // (Java toString) is not something a client can rely on anyway.
  return "Value";
}

function issueAt(at: Cursor, value: unknown, constraint: string): ValidationIssue {
  return {
    path: at.path,
    segments: at.segments,
    constraint,
    message: `${renderValue(value, at.sensitive)} at '${at.path}' failed to satisfy constraint: ${constraint}`,
  };
}

function child(at: Cursor, pathPart: string, segment: string | number, sensitive = false): Cursor {
  return {
    lookup: at.lookup,
    path: at.path === "" ? pathPart : `${at.path}.${pathPart}`,
    segments: [...at.segments, segment],
    sensitive: at.sensitive || sensitive,
  };
}

function lengthConstraints(shape: ShapeDef, length: number): string[] {
  const broken: string[] = [];
  if (shape.min !== undefined && length < shape.min) broken.push(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) broken.push(`Member must have length less than or equal to ${shape.max}`);
  return broken;
}

/** The constraints a leaf value breaks; an empty list means it satisfies its shape. */
function checkScalar(shape: ShapeDef, value: unknown): string[] {
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") return ["Member must be a string"];
      if (shape.enum !== undefined) {
        return shape.enum.includes(value) ? [] : [`Member must satisfy enum value set: [${shape.enum.join(", ")}]`];
      }
      // Smithy measures string length in Unicode scalar values, so an emoji counts once, not as the
      // two UTF-16 code units `value.length` would count.
      const broken = lengthConstraints(shape, [...value].length);
      if (shape.pattern !== undefined && !compilePattern(shape.pattern).test(value)) {
        broken.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      }
      return broken;
    }
    case "integer":
    case "long": {
      if (typeof value !== "number" || !Number.isSafeInteger(value)) return ["Member must be an integer"];
      const broken: string[] = [];
      if (shape.min !== undefined && value < shape.min) broken.push(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) broken.push(`Member must have value less than or equal to ${shape.max}`);
      return broken;
    }
    case "boolean":
      return typeof value === "boolean" ? [] : ["Member must be a boolean"];
    case "blob":
      // A payload member arrives as the raw body; its length is counted in bytes.
      return Buffer.isBuffer(value) ? lengthConstraints(shape, value.length) : ["Member must be a blob"];
    case "timestamp":
      if (shape.timestampFormat === "iso8601") {
        return typeof value === "string" && ISO_8601.test(value) && !Number.isNaN(Date.parse(value))
          ? []
          : ["Member must be an ISO 8601 timestamp"];
      }
      return typeof value === "number" && Number.isFinite(value) ? [] : ["Member must be a timestamp in epoch seconds"];
    default:
      throw new Error(`The emulator cannot validate shapes of type ${shape.type}`);
  }
}

function walk(shapeName: string, value: unknown, at: Cursor, issues: ValidationIssue[]): void {
  const shape = at.lookup(shapeName);
  const here: Cursor = shape.sensitive === true ? { ...at, sensitive: true } : at;
  switch (shape.type) {
    case "structure":
      walkStructure(shapeName, shape, value, here, issues);
      return;
    case "list":
      walkList(shape, value, here, issues);
      return;
    case "map":
      walkMap(shape, value, here, issues);
      return;
    default:
      for (const constraint of checkScalar(shape, value)) issues.push(issueAt(here, value, constraint));
  }
}

function walkStructure(shapeName: string, shape: ShapeDef, value: unknown, at: Cursor, issues: ValidationIssue[]): void {
  if (!isRecord(value)) {
    issues.push(issueAt(at, value, "Member must be a structure"));
    return;
  }
  const members = shape.members ?? {};
  const required = new Set(shape.required ?? []);
  for (const [name, ref] of Object.entries(members)) {
    const memberValue = value[name];
    // restJson1 treats an explicit null like an absent member.
    if (memberValue === undefined || memberValue === null) {
      if (required.has(name)) issues.push(issueAt(child(at, name, name), null, "Member must not be null"));
      continue;
    }
    walk(ref.shape, memberValue, child(at, name, name), issues);
  }
  for (const name of Object.keys(value)) {
    // An unmodelled member's sensitivity is unknown, so its value is treated as a secret.
    if (!Object.hasOwn(members, name))
      issues.push(issueAt(child(at, name, name, true), value[name], `Member must be one of the members of ${shapeName}`));
  }
  if (shape.union === true) {
    const set = Object.keys(members).filter((name) => value[name] !== undefined && value[name] !== null);
    if (set.length !== 1) {
      issues.push(issueAt(at, value, `Member must have exactly one of [${Object.keys(members).join(", ")}] set, found ${set.length}`));
    }
  }
}

function walkList(shape: ShapeDef, value: unknown, at: Cursor, issues: ValidationIssue[]): void {
  if (!Array.isArray(value)) {
    issues.push(issueAt(at, value, "Member must be a list"));
    return;
  }
  for (const constraint of lengthConstraints(shape, value.length)) issues.push(issueAt(at, value, constraint));
  const memberShape = shape.member?.shape;
  if (memberShape === undefined) throw new Error("A list shape without a member shape");
  value.forEach((item: unknown, index) => {
    const itemAt = child(at, `${index + 1}.member`, index);
    if (item === null || item === undefined) issues.push(issueAt(itemAt, null, "Member must not be null"));
    else walk(memberShape, item, itemAt, issues);
  });
}

function walkMap(shape: ShapeDef, value: unknown, at: Cursor, issues: ValidationIssue[]): void {
  if (!isRecord(value)) {
    issues.push(issueAt(at, value, "Member must be a map"));
    return;
  }
  const entries = Object.entries(value);
  for (const constraint of lengthConstraints(shape, entries.length)) issues.push(issueAt(at, value, constraint));
  const keyShapeName = shape.key?.shape;
  const valueShapeName = shape.value?.shape;
  if (keyShapeName === undefined || valueShapeName === undefined) throw new Error("A map shape without key or value shape");
  const keyShape = at.lookup(keyShapeName);
  const valueShape = at.lookup(valueShapeName);
  for (const [key, entryValue] of entries) {
    const segments = [...at.segments, key];
    const keyBroken = checkScalar(keyShape, key);
    if (keyBroken.length > 0) {
      const keyAt: Cursor = { lookup: at.lookup, path: at.path, segments, sensitive: at.sensitive || keyShape.sensitive === true };
      issues.push(issueAt(keyAt, key, `Map keys must satisfy constraint: [${keyBroken.join(", ")}]`));
    }
    const valueAt: Cursor = { lookup: at.lookup, path: at.path, segments, sensitive: at.sensitive || valueShape.sensitive === true };
    if (entryValue === null || entryValue === undefined) {
      issues.push(issueAt(valueAt, null, "Map value must satisfy constraint: [Member must not be null]"));
    } else if (isScalarShape(valueShape)) {
      const valueBroken = checkScalar(valueShape, entryValue);
      if (valueBroken.length > 0)
        issues.push(issueAt(valueAt, entryValue, `Map value must satisfy constraint: [${valueBroken.join(", ")}]`));
    } else {
      walk(valueShapeName, entryValue, child(at, at.sensitive ? "***" : key, key), issues);
    }
  }
}

// The service requires a VPC configuration in VPC mode, which the model cannot express.
function requireVpcConfig(request: Record<string, unknown>): ValidationIssue[] {
  const network = request["networkConfiguration"];
  if (!isRecord(network) || network["networkMode"] !== "VPC") return [];
  if (network["networkModeConfig"] !== undefined && network["networkModeConfig"] !== null) return [];
  const at: Cursor = {
    lookup: getShape,
    path: "networkConfiguration.networkModeConfig",
    segments: ["networkConfiguration", "networkModeConfig"],
    sensitive: false,
  };
  return [issueAt(at, null, "Member must not be null when networkMode is VPC")];
}

// Rules the service enforces beyond what the model can say, keyed by the shape they apply to.
// UpdateAgentRuntime replaces the whole network configuration, so the same rule holds there.
const SERVICE_RULES: ReadonlyMap<string, (value: Record<string, unknown>) => ValidationIssue[]> = new Map([
  ["CreateAgentRuntimeRequest", requireVpcConfig],
  ["UpdateAgentRuntimeRequest", requireVpcConfig],
]);

/**
 * Validates `value` against the model shape `shapeName` the way the service's front end does:
 * required members, whole-string patterns, lengths in code points, list/map sizes, map keys and
 * values, integer ranges, enums, booleans, unions with exactly one member, unknown members and JSON
 * types, plus the service's cross-field rules (VPC mode needs `networkModeConfig`). Works for any
 * shape of the closure, so tests can hold responses against output shapes too.
 */
export function validateRequest(shapeName: string, value: unknown, lookup: ShapeLookup = getShape): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  walk(shapeName, value, { lookup, path: "", segments: [], sensitive: false }, issues);
  const rule = SERVICE_RULES.get(shapeName);
  if (rule !== undefined && isRecord(value)) issues.push(...rule(value));
  return issues;
}

/** Joins issues into the message AWS sends: `N validation error(s) detected: a; b`. */
export function formatValidationMessage(issues: readonly ValidationIssue[]): string {
  const count = issues.length;
  return `${count} validation error${count === 1 ? "" : "s"} detected: ${issues.map((issue) => issue.message).join("; ")}`;
}
