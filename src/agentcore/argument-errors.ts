import type { z } from "zod";
import { SENSITIVE_MAP_MEMBER_NAMES } from "./generated/metadata.js";

/** One offending field: where it is and which constraint it breaks. Never the value itself. */
export interface ArgumentProblem {
  path: string;
  constraint: string;
}

// Map members the model marks sensitive keys included: a path names the entry's position, never
// its key.
const SENSITIVE_MAPS: ReadonlySet<string> = new Set(SENSITIVE_MAP_MEMBER_NAMES);

// A key the caller chose is echoed in the problem's path: cut to a bound, so a 900 kB key gives a
// line, not a result several times its size.
const MAX_ECHOED_KEY = 64;

function echoedKey(key: string): string {
  return key.length <= MAX_ECHOED_KEY ? key : `${key.slice(0, MAX_ECHOED_KEY)}… (${key.length} characters)`;
}

function joinPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const [index, segment] of path.entries()) {
    if (index > 0 && typeof path[index - 1] === "string" && SENSITIVE_MAPS.has(String(path[index - 1]))) {
      out += ".(an entry)";
      continue;
    }
    if (typeof segment === "number") out += `[${segment}]`;
    // Map keys come from the caller and may hold spaces, dots or newlines: quote them so every
    // problem stays one readable line.
    else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(segment))) out += `[${JSON.stringify(echoedKey(String(segment)))}]`;
    else out += out === "" ? echoedKey(String(segment)) : `.${echoedKey(String(segment))}`;
  }
  return out === "" ? "(arguments)" : out;
}

// Our schemas (src/agentcore/schema-builders.ts) word every message as "must ..." or "is ...";
// zod's defaults start otherwise and are reworded below.
function isOurs(message: string): boolean {
  return message.startsWith("must ") || message.startsWith("is ");
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
};

function describeBound(issue: { origin?: string; minimum?: unknown; maximum?: unknown }, side: "min" | "max"): string {
  const limit = String(side === "min" ? issue.minimum : issue.maximum);
  const word = side === "min" ? "at least" : "at most";
  switch (issue.origin) {
    case "string":
      return `must be ${word} ${limit} characters long`;
    case "array":
      return `must have ${word} ${limit} items`;
    case "number":
    case "int":
      return `must be ${word} ${limit}`;
    default:
      return `must have ${word} ${limit} entries`;
  }
}

// zod reports a pattern as a regex literal (/^...$/ with "/" escaped); show it as the tool's
// schema advertises it, so the model can compare the two.
function asJsonSchemaPattern(literal: string): string {
  return literal.replace(/^\/|\/[a-z]*$/g, "").replaceAll("\\/", "/");
}

/** The constraint of a member that is absent but must be given. */
const REQUIRED = "is required";

const isMissing = (issue: z.core.$ZodIssue): boolean =>
  issue.code === "invalid_type" && (issue.message.startsWith(REQUIRED) || issue.message.endsWith("undefined"));

// A branch of a one-of union "fits" when the only complaints are below the member it names: then
// the caller picked that member and wants to hear what is wrong inside it.
function fittingBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const fits = branches.filter((issues) =>
    issues.every((issue) => issue.path.length > 0 && !(issue.path.length === 1 && isMissing(issue))),
  );
  return fits.length === 1 ? fits[0] : undefined;
}

/** A problem plus whether it is about the value's JSON type, which makes every other complaint about that value moot. */
interface Found extends ArgumentProblem {
  segments: readonly PropertyKey[];
  wrongType: boolean;
  /** Set for a member the schema does not have. */
  unknown?: true;
}

function constraintOf(issue: z.core.$ZodIssue): string {
  if (isOurs(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.message.endsWith("undefined") ? REQUIRED : `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "too_small":
      return describeBound(issue, "min");
    case "too_big":
      return describeBound(issue, "max");
    case "invalid_format":
      return "pattern" in issue && typeof issue.pattern === "string"
        ? `must match the pattern ${asJsonSchemaPattern(issue.pattern)}`
        : `must be a valid ${issue.format}`;
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    default:
      return issue.message;
  }
}

/** A union given the members of one of its arms directly (`{"containerUri": …}`): the nesting that fixes it, or undefined. */
function unionNesting(
  issue: Extract<z.core.$ZodIssue, { code: "invalid_union" }>,
  at: readonly PropertyKey[],
  index: MemberIndex | undefined,
): string | undefined {
  if (index === undefined) return undefined;
  const strays = new Set(
    issue.errors.flatMap((branch) =>
      branch.flatMap((inner) => (inner.code === "unrecognized_keys" && inner.path.length === 0 ? inner.keys : [])),
    ),
  );
  const fixes = [...strays].map((name) => {
    const home = homeOf(name, at, index);
    const under = home !== undefined && home.length > at.length && at.every((segment, position) => home[position] === segment);
    return under ? `put ${name} inside ${home.slice(at.length).join(".")}, as ${nestedExample(home, at.length, name)}` : undefined;
  });
  if (fixes.length === 0 || fixes.some((fix) => fix === undefined)) return undefined;
  return `needs one more level: ${fixes.join("; ")}`;
}

function collect(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[], out: Found[], index?: MemberIndex): void {
  const segments = [...prefix, ...issue.path];
  const push = (constraint: string, wrongType: boolean, at: readonly PropertyKey[] = segments, unknown = false): void => {
    out.push({ path: joinPath(at), constraint, segments: at, wrongType, ...(unknown ? { unknown } : {}) });
  };
  switch (issue.code) {
    case "invalid_union": {
      const branch = fittingBranch(issue.errors);
      const nesting = branch ? undefined : unionNesting(issue, segments, index);
      if (branch) for (const inner of branch) collect(inner, segments, out, index);
      else if (nesting !== undefined) push(nesting, false);
      else {
        const wrongType = issue.errors.every((branchIssues) =>
          branchIssues.every((inner) => inner.path.length === 0 && inner.code === "invalid_type"),
        );
        push(
          isOurs(issue.message) ? issue.message : "must match exactly one of the allowed forms",
          wrongType && !issue.message.startsWith(REQUIRED),
        );
      }
      return;
    }
    case "unrecognized_keys":
      for (const key of issue.keys)
        push("is not a member here; remove it or check its spelling (the input schema lists the members)", false, [...segments, key], true);
      return;
    case "invalid_key":
    case "invalid_element":
      for (const inner of issue.issues) collect(inner, segments, out, index);
      return;
    case "invalid_type":
      push(constraintOf(issue), !isMissing(issue));
      return;
    default:
      push(constraintOf(issue), false);
  }
}

const parentOf = (found: Found): string => joinPath(found.segments.slice(0, -1));
const lastOf = (found: Found): string => String(found.segments[found.segments.length - 1] ?? "");

/** Whether two member names look like one meant for the other: one holds the other, or they start alike. */
function alike(given: string, wanted: string): boolean {
  const [a, b] = [given.toLowerCase(), wanted.toLowerCase()];
  let common = 0;
  while (common < a.length && a[common] === b[common]) common += 1;
  return a.includes(b) || b.includes(a) || common >= 5;
}

/**
 * One unknown member beside one missing required member of the same object, with a name like it,
 * is the required member under another name (`name` for `agentRuntimeName`): say so as one problem.
 */
function pairRenames(found: readonly Found[]): Found[] {
  const out = [...found];
  const parents = new Set(found.filter((problem) => problem.unknown).map(parentOf));
  for (const parent of parents) {
    const unknown = out.filter((problem) => problem.unknown && parentOf(problem) === parent);
    const missing = out.filter(
      (problem) => problem.constraint.startsWith(REQUIRED) && problem.segments.length > 0 && parentOf(problem) === parent,
    );
    const [stray] = unknown;
    const [wanted] = missing;
    if (unknown.length !== 1 || missing.length !== 1 || stray === undefined || wanted === undefined) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(lastOf(stray)) || !alike(lastOf(stray), lastOf(wanted))) continue;
    out.splice(out.indexOf(stray), 1);
    out.splice(out.indexOf(wanted), 1, {
      ...wanted,
      constraint: `is required: rename ${lastOf(stray)} to ${lastOf(wanted)} (${lastOf(stray)} is not a member here)`,
    });
  }
  return out;
}

/** Where each member name may appear in a tool's input: the paths of the objects that have it. */
type MemberIndex = ReadonlyMap<string, readonly (readonly string[])[]>;

interface SchemaDef {
  type?: string;
  shape?: Record<string, { _zod?: { def?: SchemaDef } }>;
  innerType?: { _zod?: { def?: SchemaDef } };
  options?: readonly { _zod?: { def?: SchemaDef } }[];
  in?: { _zod?: { def?: SchemaDef } };
  element?: { _zod?: { def?: SchemaDef } };
}

const WRAPPERS: ReadonlySet<string> = new Set(["optional", "nullable", "default", "prefault", "readonly", "nonoptional", "catch"]);
const indexes = new WeakMap<z.ZodType, MemberIndex>();

/**
 * The member index of a schema, from the schema itself (so it follows the model): object members
 * by name, through optional wrappers, unions (an arm's members live in the union's object) and
 * lists; map values are data and are not entered.
 */
function memberIndex(schema: z.ZodType): MemberIndex {
  const known = indexes.get(schema);
  if (known !== undefined) return known;
  const index = new Map<string, string[][]>();
  const visit = (def: SchemaDef | undefined, at: readonly string[], depth: number): void => {
    if (def === undefined || depth > 12) return;
    if (def.type === "object" && def.shape !== undefined) {
      for (const [name, member] of Object.entries(def.shape)) {
        index.set(name, [...(index.get(name) ?? []), [...at]]);
        visit(member._zod?.def, [...at, name], depth + 1);
      }
    } else if (def.type === "union") for (const option of def.options ?? []) visit(option._zod?.def, at, depth + 1);
    else if (def.type === "pipe") visit(def.in?._zod?.def, at, depth + 1);
    else if (def.type === "array") visit(def.element?._zod?.def, at, depth + 1);
    else if (def.type !== undefined && WRAPPERS.has(def.type)) visit(def.innerType?._zod?.def, at, depth + 1);
  };
  visit((schema as unknown as { _zod?: { def?: SchemaDef } })._zod?.def, [], 0);
  indexes.set(schema, index);
  return index;
}

/** The one other place a member name belongs (an object path), or undefined when it has none or several. */
function homeOf(name: string, at: readonly PropertyKey[], index: MemberIndex): readonly string[] | undefined {
  const here = joinPath(at);
  const homes = (index.get(name) ?? []).filter((home) => joinPath(home) !== here);
  return homes.length === 1 ? homes[0] : undefined;
}

/** `{"a": {"b": "…"}}`: where a member goes, as the JSON to write, from `from` down. */
function nestedExample(home: readonly string[], from: number, name: string): string {
  return home.slice(from).reduceRight((inner, segment) => `{"${segment}": ${inner}}`, `{"${name}": "…"}`);
}

/**
 * A member given where it does not belong but named like one that belongs elsewhere (containerUri
 * at the top level, a flattened union): say where to move it instead of "remove it", and drop the
 * "is required" of the member that moving it creates.
 */
function placeMembers(found: readonly Found[], index: MemberIndex): Found[] {
  const out: Found[] = [];
  const created = new Set<string>();
  for (const problem of found) {
    if (problem.unknown !== true) {
      out.push(problem);
      continue;
    }
    const name = lastOf(problem);
    const home = homeOf(name, problem.segments.slice(0, -1), index);
    if (home === undefined || home.length === 0) {
      out.push(problem);
      continue;
    }
    for (let depth = 1; depth <= home.length; depth += 1) created.add(joinPath(home.slice(0, depth)));
    out.push({
      ...problem,
      constraint: `is not a member here; move it under ${joinPath(home)}, as ${nestedExample(home, 0, name)}`,
      unknown: undefined,
    });
  }
  return out.filter((problem) => !(problem.constraint.startsWith(REQUIRED) && created.has(problem.path)));
}

/** Lists short enough to read in one line: a tool with more members than this gets no list. */
const MAX_MEMBERS_LISTED = 8;

/**
 * An unknown top-level member left over after {@link pairRenames}: name the member it looks like,
 * or, for a small tool, every member it takes, so the model need not reread the schema.
 */
function suggestMembers(found: readonly Found[], members: readonly string[]): Found[] {
  return found.map((problem) => {
    if (problem.unknown !== true || problem.segments.length !== 1) return problem;
    const given = lastOf(problem);
    const like = members.find((member) => member !== given && alike(given, member));
    if (like !== undefined) return { ...problem, constraint: `is not a member here; did you mean ${like}?` };
    if (members.length === 0 || members.length > MAX_MEMBERS_LISTED) return problem;
    return { ...problem, constraint: `is not a member here; this tool takes: ${members.join(", ")}` };
  });
}

const within = (inner: readonly PropertyKey[], outer: readonly PropertyKey[]): boolean =>
  inner.length >= outer.length && outer.every((segment, index) => inner[index] === segment);

/**
 * Drops structure members whose value is JSON null, recursively: restJson1 services treat a null
 * member as absent, and models often send null for "not set". List items and the entries of the
 * members named in `maps` are kept as they are, so a null there still fails, as it does at AWS.
 */
export function dropNullMembers(value: unknown, maps: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => dropNullMembers(item, maps));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === null) continue;
    // defineProperty, not assignment: a "__proto__" key must stay an own key, never a prototype.
    Object.defineProperty(out, key, {
      value: maps.has(key) ? inner : dropNullMembers(inner, maps),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Turns zod issues into one problem per offending field, flattening one-of unions into the
 * member the caller chose, so a model sees every fix it has to make in one answer. A value of the
 * wrong JSON type gets one message, about its type: its other complaints (a string's length
 * against a list's bounds) would only mislead. `topLevelMembers`, the members the tool takes, let
 * an unknown member be answered with the one it looks like, or the whole list for a small tool;
 * `schema`, the tool's input schema, lets a member given at the wrong level be told where it goes.
 */
export function listArgumentProblems(error: z.ZodError, topLevelMembers: readonly string[] = [], schema?: z.ZodType): ArgumentProblem[] {
  const found: Found[] = [];
  const index = schema === undefined ? undefined : memberIndex(schema);
  for (const issue of error.issues) collect(issue, [], found, index);
  const placed = index === undefined ? found : placeMembers(found, index);
  const paired = suggestMembers(pairRenames(placed), topLevelMembers);
  const wrongTypes = paired.filter((problem) => problem.wrongType);
  const seen = new Set<string>();
  const out: ArgumentProblem[] = [];
  for (const problem of paired) {
    if (!problem.wrongType && wrongTypes.some((typed) => within(problem.segments, typed.segments))) continue;
    const key = `${problem.path}\u0000${problem.constraint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: problem.path, constraint: problem.constraint });
  }
  return out;
}
