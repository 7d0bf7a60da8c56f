import * as z from "zod";

// The building blocks the generated schemas (src/agentcore/generated/schemas.ts) are made of. The
// generator decides what each model shape becomes; these functions hold how, so the generated file
// stays a readable list of declarations. Every message starts with "must" or "is": that is how
// src/agentcore/argument-errors.ts tells our plain words from zod's default wording.

/** Plain-words messages of one input shape, written by the generator from the overlay. */
export interface ShapeMessages {
  /** What a value of the wrong JSON type is told, e.g. "must be a list of strings, e.g. [\"main.py\"]". */
  type: string;
  /** Appended to size and length messages: ", e.g. <example>" or "". */
  hint?: string;
}

/** Anchors a model pattern: the model's patterns are whole-string matches, JSON Schema's are not. */
export function wholeMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

type IssueInput = { code?: string; input?: unknown };

/** The error function of a shape: "is required" (with its example, if any) when absent, its type message for a wrong type. */
function typeError(message: string, hint = "") {
  return (issue: IssueInput): string | undefined => {
    if (issue.input === undefined) return `is required${hint}`;
    return issue.code === "invalid_type" ? message : undefined;
  };
}

function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/**
 * A model string. Length bounds count Unicode code points, as Smithy (and JSON Schema) define
 * length; zod's own min/max count UTF-16 units and would refuse valid emoji-heavy values. The
 * bounds are advertised as minLength/maxLength.
 */
export function inString(
  spec: { min?: number; max?: number; pattern?: string; patternMessage?: string },
  messages: ShapeMessages,
): z.ZodString {
  const hint = messages.hint ?? "";
  let schema = z.string({ error: typeError(messages.type, hint) });
  const { min, max } = spec;
  if (min !== undefined && min > 0) {
    schema = schema.refine((value) => codePoints(value) >= min, {
      message: min === 1 ? "must not be empty" : `must be at least ${min} characters long${hint}`,
    });
  }
  if (max !== undefined) {
    schema = schema.refine((value) => codePoints(value) <= max, { message: `must be at most ${max} characters long${hint}` });
  }
  // A minimum of 0 is JSON Schema's default: advertising it would only cost tools/list bytes.
  const least = min === undefined || min === 0 ? undefined : min;
  if (least !== undefined || max !== undefined) {
    schema = schema.meta({ ...(least === undefined ? {} : { minLength: least }), ...(max === undefined ? {} : { maxLength: max }) });
  }
  if (spec.pattern !== undefined) schema = schema.regex(wholeMatch(spec.pattern), { error: spec.patternMessage ?? messages.type });
  return schema;
}

/** A closed model enum, for input. */
export function inEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const message = `must be one of: ${values.join(", ")}`;
  return z.enum(values, { error: (issue: IssueInput) => (issue.input === undefined ? "is required" : message) });
}

/** A model integer with its range, and what it counts when that helps; every failure states the whole range. */
export function inInteger(spec: { min?: number; max?: number; unit?: string }): z.ZodNumber {
  const { min, max, unit } = spec;
  const range =
    min !== undefined && max !== undefined
      ? `from ${min} to ${max}`
      : min !== undefined
        ? `of at least ${min}`
        : max !== undefined
          ? `of at most ${max}`
          : "";
  const message = `must be a whole number${unit === undefined ? "" : ` of ${unit}`}${range === "" ? "" : ` ${range}`}`;
  let schema = z.number({ error: typeError(message) }).int({ error: message });
  if (min !== undefined) schema = schema.min(min, { error: message });
  if (max !== undefined) schema = schema.max(max, { error: message });
  return schema;
}

/** A model boolean. */
export function inBoolean(): z.ZodBoolean {
  return z.boolean({ error: typeError("must be true or false") });
}

/** A model list with its size bounds. */
export function inList<T extends z.ZodType>(item: T, spec: { min?: number; max?: number }, messages: ShapeMessages): z.ZodArray<T> {
  const hint = messages.hint ?? "";
  let schema = z.array(item, { error: typeError(messages.type) });
  if (spec.min !== undefined)
    schema = schema.min(spec.min, { error: `must have at least ${spec.min} item${spec.min === 1 ? "" : "s"}${hint}` });
  if (spec.max !== undefined) schema = schema.max(spec.max, { error: `must have at most ${spec.max} items${hint}` });
  return schema;
}

/**
 * A model map: key and value schemas plus the model's size bounds, advertised as
 * min/maxProperties and enforced by a refinement because zod records carry no size checks.
 */
export function inMap<K extends z.ZodString, V extends z.ZodType>(
  key: K,
  value: V,
  spec: { min?: number; max?: number },
  messages: ShapeMessages,
) {
  // An example says little about how many entries are allowed; the bound says it all.
  const hint = "";
  const min = spec.min ?? 0;
  const { max } = spec;
  let schema = z.record(key, value, { error: typeError(messages.type) });
  if (min > 0)
    schema = schema.refine((map) => Object.keys(map).length >= min, {
      message: `must have at least ${min} entr${min === 1 ? "y" : "ies"}${hint}`,
    });
  if (max !== undefined)
    schema = schema.refine((map) => Object.keys(map).length <= max, { message: `must have at most ${max} entries${hint}` });
  return schema.meta({ ...(min > 0 ? { minProperties: min } : {}), ...(max === undefined ? {} : { maxProperties: max }) });
}

/** A model structure, for input: unknown members are refused. */
export function inStructure<T extends z.ZodRawShape>(members: T, messages: ShapeMessages) {
  return z.strictObject(members, { error: typeError(messages.type) });
}

/**
 * A model union, for input: exactly one of the members may be set. Advertised as `oneOf` of
 * single-member objects so a client model sees the rule in the schema itself.
 */
export function inUnion<T extends Record<string, z.ZodType>>(members: T) {
  const names = Object.keys(members);
  const arms = names.map((name) => z.strictObject({ [name]: members[name] as z.ZodType }));
  const choice = names.join(", ");
  return z.xor(arms as [z.ZodObject, z.ZodObject, ...z.ZodObject[]], {
    error: (issue: IssueInput) => {
      if (issue.input === undefined) return "is required";
      const input = issue.input;
      const isObject = input !== null && typeof input === "object" && !Array.isArray(input);
      return isObject ? `must set exactly one of: ${choice}` : `must be an object with exactly one of: ${choice}`;
    },
  }) as unknown as z.ZodType<{ [K in keyof T]: { [P in K]: z.infer<T[P]> } }[keyof T]>;
}

/**
 * A rule across members that the model states only in words: when `member` equals `value`,
 * `required` must be set. Advertised as JSON Schema if/then.
 */
export function requireWhen<T extends z.ZodObject>(
  schema: T,
  rule: { member: string; value: string; required: string; message: string },
): T {
  return schema
    .superRefine((object: Record<string, unknown>, context) => {
      if (object[rule.member] === rule.value && object[rule.required] === undefined) {
        context.addIssue({ code: "custom", path: [rule.required], message: rule.message });
      }
    })
    .meta({
      if: { properties: { [rule.member]: { const: rule.value } }, required: [rule.member] },
      then: { required: [rule.required] },
    }) as T;
}

// Output shapes are open where AWS grows: an answer is checked for what the code reads (types and
// required members), while values and members the model does not know yet pass through.

/** A model enum, for output: the known values are described, any other string is accepted. */
export function outEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.enum(values), z.string()])
    .describe(`One of ${values.join(", ")}; values AWS adds later are passed through as they are.`) as z.ZodType<T[number] | (string & {})>;
}

/**
 * A timestamp as ISO-8601, the one form the tools show: restJson1 sends ISO strings, some services
 * epoch seconds, and the SDK parses either into a Date. Text that is no date is kept as it came.
 */
export function isoTimestamp(value: string | number | Date): string {
  const date = value instanceof Date ? value : typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/** A model timestamp, for output: whatever form it came in, read as ISO-8601 text. */
export function outTimestamp() {
  return z.union([z.string().min(1), z.number(), z.date()]).transform(isoTimestamp);
}

/** A model union, for output: any of the members (and members AWS adds later) may be set. */
export function outUnion<T extends z.ZodRawShape>(members: T) {
  return z.looseObject(members);
}
