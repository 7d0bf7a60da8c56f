import type { z } from "zod";

/** One offending field: where it is and which constraint it breaks. Never the value itself. */
export interface ArgumentProblem {
  path: string;
  constraint: string;
}

// Members marked sensitive in the model whose map keys are private too: a path names the entry's
// position, never its key.
const SENSITIVE_MAPS = new Set(["environmentVariables"]);

function joinPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const [index, segment] of path.entries()) {
    if (index === 1 && SENSITIVE_MAPS.has(String(path[0]))) {
      out += ".(an entry)";
      continue;
    }
    if (typeof segment === "number") out += `[${segment}]`;
    // Map keys come from the caller and may hold spaces, dots or newlines: quote them so every
    // problem stays one readable line.
    else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(segment))) out += `[${JSON.stringify(String(segment))}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "(arguments)" : out;
}

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
      return `must be ${side === "min" ? ">=" : "<="} ${limit}`;
    default:
      return `must have ${word} ${limit} entries`;
  }
}

// zod reports a pattern as a regex literal (/^...$/ with "/" escaped); show it as the tool's
// schema advertises it, so the model can compare the two.
function asJsonSchemaPattern(literal: string): string {
  return literal.replace(/^\/|\/[a-z]*$/g, "").replaceAll("\\/", "/");
}

// A branch of a one-of union "fits" when the only complaints are below the member it names: then
// the caller picked that member and wants to hear what is wrong inside it.
function fittingBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const fits = branches.filter((issues) =>
    issues.every(
      (issue) =>
        issue.path.length > 0 && !(issue.path.length === 1 && issue.code === "invalid_type" && issue.message.endsWith("undefined")),
    ),
  );
  return fits.length === 1 ? fits[0] : undefined;
}

function collect(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[], out: ArgumentProblem[]): void {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case "invalid_union": {
      const branch = fittingBranch(issue.errors);
      if (branch) for (const inner of branch) collect(inner, path, out);
      else out.push({ path: joinPath(path), constraint: issue.message });
      return;
    }
    case "unrecognized_keys":
      for (const key of issue.keys) out.push({ path: joinPath([...path, key]), constraint: "is not a member of this structure" });
      return;
    case "invalid_key":
      for (const inner of issue.issues) collect(inner, path, out);
      return;
    case "invalid_element":
      for (const inner of issue.issues) collect(inner, path, out);
      return;
    case "invalid_type":
      out.push({
        path: joinPath(path),
        constraint: issue.message.endsWith("undefined") ? "is required" : `must be ${issue.expected === "int" ? "an integer" : `of type ${issue.expected}`}`,
      });
      return;
    case "too_small":
      out.push({ path: joinPath(path), constraint: describeBound(issue, "min") });
      return;
    case "too_big":
      out.push({ path: joinPath(path), constraint: describeBound(issue, "max") });
      return;
    case "invalid_format":
      out.push({
        path: joinPath(path),
        constraint:
          "pattern" in issue && typeof issue.pattern === "string"
            ? `must match ${asJsonSchemaPattern(issue.pattern)}`
            : `must be a valid ${issue.format}`,
      });
      return;
    case "invalid_value":
      out.push({ path: joinPath(path), constraint: `must be one of: ${issue.values.map(String).join(", ")}` });
      return;
    default:
      out.push({ path: joinPath(path), constraint: issue.message });
  }
}

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
 * member the caller chose, so a model sees every fix it has to make in one answer.
 */
export function listArgumentProblems(error: z.ZodError): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  for (const issue of error.issues) collect(issue, [], out);
  const seen = new Set<string>();
  return out.filter((problem) => {
    const key = `${problem.path}\u0000${problem.constraint}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
