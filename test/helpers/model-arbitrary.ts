import fc from "fast-check";
import { type ModelShape, shapeNamed } from "./model.js";

// Generates values from the AWS model itself, independently of both validators under test (the
// server's zod schema and the emulator's model walker), so that agreement between them means
// something.

const SPECIAL: Record<string, fc.Arbitrary<unknown>> = {
  // A pattern generator rarely reaches the 33-character minimum; a UUID is what clients send.
  ClientToken: fc.uuid(),
};

function stringArbitrary(shape: ModelShape): fc.Arbitrary<string> {
  const min = shape.min ?? 0;
  const max = shape.max ?? Number.POSITIVE_INFINITY;
  const base =
    shape.pattern === undefined
      ? fc.string({ minLength: min, maxLength: Math.min(max, min + 30), unit: "binary" })
      : fc.stringMatching(new RegExp(`^(?:${shape.pattern})$`), { size: "small" });
  return base.filter((value) => value.length >= min && value.length <= max);
}

/** An arbitrary of valid values of a model shape. */
export function validValueOf(shapeName: string): fc.Arbitrary<unknown> {
  const special = SPECIAL[shapeName];
  if (special) return special;
  const shape = shapeNamed(shapeName);
  switch (shape.type) {
    case "string":
      return shape.enum ? fc.constantFrom(...shape.enum) : stringArbitrary(shape);
    case "integer":
      return fc.integer({ min: shape.min ?? 0, max: shape.max ?? 1_000_000 });
    case "boolean":
      return fc.boolean();
    case "list": {
      const min = shape.min ?? 0;
      return fc.array(validValueOf(shape.member?.shape ?? ""), { minLength: min, maxLength: Math.min(shape.max ?? min + 3, min + 3) });
    }
    case "map": {
      const min = shape.min ?? 0;
      return fc.dictionary(validValueOf(shape.key?.shape ?? "") as fc.Arbitrary<string>, validValueOf(shape.value?.shape ?? ""), {
        minKeys: min,
        maxKeys: Math.min(shape.max ?? min + 3, min + 3),
        noNullPrototype: true,
      });
    }
    case "structure": {
      const members = Object.entries(shape.members ?? {});
      if (shape.union) return fc.oneof(...members.map(([name, member]) => fc.record({ [name]: validValueOf(member.shape) })));
      return fc.record(Object.fromEntries(members.map(([name, member]) => [name, validValueOf(member.shape)])), {
        requiredKeys: shape.required ?? [],
      });
    }
    default:
      throw new Error(`no arbitrary for model type ${shape.type}`);
  }
}

/** Valid CreateAgentRuntime requests, including the service's cross-field rule for VPC mode. */
export const validCreateRequest: fc.Arbitrary<Record<string, unknown>> = validValueOf("CreateAgentRuntimeRequest").map((value) => {
  const request = value as Record<string, unknown>;
  const network = request.networkConfiguration as Record<string, unknown> | undefined;
  if (network?.networkMode === "VPC" && network.networkModeConfig === undefined) {
    return { ...request, networkConfiguration: { networkMode: "PUBLIC" } };
  }
  return request;
});

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => out.push(...pathsOf(item, [...prefix, index])));
  else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) out.push(...pathsOf(inner, [...prefix, key]));
  }
  return out;
}

const WRONG_VALUES: unknown[] = [
  null,
  42,
  -1,
  1.5,
  true,
  "",
  "x",
  "ü".repeat(300),
  "🚀".repeat(2600),
  "a".repeat(100_000),
  [],
  [1, 2, 3],
  {},
  { unexpected: 1 },
];

/** Replaces, removes or adds exactly one thing somewhere in a valid request. */
export function mutate(value: Record<string, unknown>, pick: (size: number) => number): Record<string, unknown> {
  const copy = structuredClone(value);
  const paths = pathsOf(copy);
  const path = paths[pick(paths.length)] ?? [];
  const operation = pick(3);
  if (path.length === 0 || operation === 2) {
    const parent = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy);
    if (parent !== null && typeof parent === "object" && !Array.isArray(parent)) {
      (parent as Record<string, unknown>)[`unexpectedMember${pick(100)}`] = "surprise";
      return copy;
    }
  }
  const parentPath = path.slice(0, -1);
  const key = path.at(-1) ?? "";
  const parent = parentPath.reduce<unknown>((node, segment) => (node as Record<string | number, unknown>)[segment], copy) as Record<
    string | number,
    unknown
  >;
  if (operation === 0 && !Array.isArray(parent)) Reflect.deleteProperty(parent, key);
  else parent[key] = WRONG_VALUES[pick(WRONG_VALUES.length)];
  return copy;
}
