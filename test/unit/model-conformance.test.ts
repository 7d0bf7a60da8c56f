import { describe, expect, it } from "vitest";
import * as z from "zod";
import closure from "../../src/agentcore/generated/model/bedrock-agentcore-control.closure.json" with { type: "json" };
import * as schemas from "../../src/agentcore/schemas.js";
import { CREATE_TOOL_ONLY_MEMBERS } from "../../src/tools/create-agent-runtime.js";
import { listedTools } from "../helpers/listed-tools.js";
import type { ModelShape } from "../helpers/model.js";

const { MAP_MEMBERS } = schemas;

// The model the generator read (the tool's own carried copy): the comparison checks the
// generator's translation, constraint by constraint.
const SHAPES = closure.shapes as unknown as Record<string, ModelShape>;
function shapeNamed(name: string): ModelShape {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`no shape ${name} in the model`);
  return shape;
}

type JsonSchema = Record<string, unknown>;

async function advertisedInputSchema(): Promise<JsonSchema> {
  const tool = (await listedTools()).find((candidate) => candidate.name === "create_agent_runtime");
  if (!tool) throw new Error("create_agent_runtime is not advertised");
  return tool.inputSchema as JsonSchema;
}

/** The advertised schema less the documented tool-only members, i.e. what must equal the API. */
function apiPart(schema: JsonSchema): JsonSchema {
  const properties = Object.entries(schema.properties as Record<string, JsonSchema>).filter(
    ([name]) => !CREATE_TOOL_ONLY_MEMBERS.includes(name),
  );
  return { ...schema, properties: Object.fromEntries(properties) };
}

function resolver(root: JsonSchema): (node: JsonSchema) => JsonSchema {
  return (node) => {
    const ref = node.$ref;
    if (typeof ref !== "string") return node;
    const name = ref.replace(/^#\/\$defs\//, "");
    const target = (root.$defs as Record<string, JsonSchema> | undefined)?.[name];
    if (!target) throw new Error(`unresolvable ${ref}`);
    return target;
  };
}

/** Compares one model shape with the JSON Schema node advertised for it; returns every difference. */
function compare(shapeName: string, nodeIn: JsonSchema, path: string, resolve: (node: JsonSchema) => JsonSchema, out: string[]): void {
  const shape: ModelShape = shapeNamed(shapeName);
  const node = resolve(nodeIn);
  const expectEqual = (what: string, actual: unknown, expected: unknown): void => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      out.push(`${path}: ${what} is ${JSON.stringify(actual)}, model says ${JSON.stringify(expected)}`);
    }
  };
  switch (shape.type) {
    case "structure": {
      const members = shape.members ?? {};
      if (shape.union) {
        const arms = (node.oneOf as JsonSchema[] | undefined) ?? [];
        expectEqual("oneOf arm count", arms.length, Object.keys(members).length);
        for (const arm of arms.map(resolve)) {
          const keys = Object.keys((arm.properties as JsonSchema | undefined) ?? {});
          expectEqual("arm members", keys.length, 1);
          const key = keys[0] ?? "";
          expectEqual(`arm ${key} required`, arm.required, [key]);
          expectEqual(`arm ${key} additionalProperties`, arm.additionalProperties, false);
          const member = members[key];
          if (!member) out.push(`${path}: arm ${key} is not a model member`);
          else compare(member.shape, (arm.properties as Record<string, JsonSchema>)[key] ?? {}, `${path}.${key}`, resolve, out);
        }
        return;
      }
      expectEqual("type", node.type, "object");
      expectEqual("additionalProperties", node.additionalProperties, false);
      const properties = (node.properties as Record<string, JsonSchema> | undefined) ?? {};
      expectEqual("members", Object.keys(properties).sort(), Object.keys(members).sort());
      expectEqual("required", [...((node.required as string[] | undefined) ?? [])].sort(), [...(shape.required ?? [])].sort());
      for (const [name, member] of Object.entries(members)) {
        const property = properties[name];
        if (property) compare(member.shape, property, `${path}.${name}`, resolve, out);
      }
      return;
    }
    case "string": {
      expectEqual("type", node.type, "string");
      if (shape.enum) {
        expectEqual("enum", [...((node.enum as string[] | undefined) ?? [])].sort(), [...shape.enum].sort());
        return;
      }
      expectEqual("pattern", node.pattern, shape.pattern === undefined ? undefined : `^(?:${shape.pattern})$`);
      expectEqual("minLength", node.minLength ?? 0, shape.min ?? 0);
      expectEqual("maxLength", node.maxLength, shape.max);
      return;
    }
    case "integer":
      expectEqual("type", node.type, "integer");
      expectEqual("minimum", node.minimum, shape.min);
      expectEqual("maximum", node.maximum, shape.max);
      return;
    case "boolean":
      expectEqual("type", node.type, "boolean");
      return;
    case "list":
      expectEqual("type", node.type, "array");
      expectEqual("minItems", node.minItems ?? 0, shape.min ?? 0);
      expectEqual("maxItems", node.maxItems, shape.max);
      compare(shape.member?.shape ?? "", (node.items as JsonSchema | undefined) ?? {}, `${path}[]`, resolve, out);
      return;
    case "map":
      expectEqual("type", node.type, "object");
      expectEqual("minProperties", node.minProperties ?? 0, shape.min ?? 0);
      expectEqual("maxProperties", node.maxProperties, shape.max);
      compare(shape.key?.shape ?? "", (node.propertyNames as JsonSchema | undefined) ?? {}, `${path}{key}`, resolve, out);
      compare(shape.value?.shape ?? "", (node.additionalProperties as JsonSchema | undefined) ?? {}, `${path}{value}`, resolve, out);
      return;
    default:
      out.push(`${path}: model type ${shape.type} is not handled by the conformance test`);
  }
}

function undescribed(node: JsonSchema, path: string, resolve: (node: JsonSchema) => JsonSchema, out: string[]): void {
  const resolved = resolve(node);
  for (const [name, property] of Object.entries((resolved.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    const target = resolve(property);
    if (typeof property.description !== "string" && typeof target.description !== "string") out.push(`${path}.${name}`);
    undescribed(target, `${path}.${name}`, resolve, out);
    if (target.items) undescribed(target.items as JsonSchema, `${path}.${name}[]`, resolve, out);
  }
  for (const arm of (resolved.oneOf as JsonSchema[] | undefined) ?? []) undescribed(arm, path, resolve, out);
}

describe("the advertised input schema of create_agent_runtime", () => {
  it("matches every member, required flag, pattern, length, size, range and enum of the model's CreateAgentRuntimeRequest", async () => {
    const schema = await advertisedInputSchema();
    const differences: string[] = [];
    compare("CreateAgentRuntimeRequest", apiPart(schema), "CreateAgentRuntimeRequest", resolver(schema), differences);
    expect(differences).toEqual([]);
  });

  it.each(Object.keys(closure.operations))("matches the model in %sRequestSchema too", (operation) => {
    const schema = (schemas as unknown as Record<string, z.ZodType>)[`${operation}RequestSchema`];
    if (!schema) throw new Error(`no ${operation}RequestSchema`);
    // As src/server.ts advertises it: RegExp.source escapes "/", the model does not.
    const json = z.toJSONSchema(schema, {
      io: "input",
      unrepresentable: "throw",
      override: ({ jsonSchema }) => {
        if (typeof jsonSchema.pattern === "string") jsonSchema.pattern = jsonSchema.pattern.replaceAll("\\/", "/");
      },
    }) as JsonSchema;
    const differences: string[] = [];
    const input = (closure.operations as Record<string, { input: { shape: string } }>)[operation]?.input.shape ?? "";
    compare(input, json, input, resolver(json), differences);
    expect(differences).toEqual([]);
  });

  it("adds only the documented tool-only members, none of them required", async () => {
    const schema = await advertisedInputSchema();
    const model = Object.keys(shapeNamed("CreateAgentRuntimeRequest").members ?? {});
    const extra = Object.keys(schema.properties as JsonSchema).filter((name) => !model.includes(name));
    expect(extra.sort()).toEqual([...CREATE_TOOL_ONLY_MEMBERS].sort());
    expect(schema.required).not.toEqual(expect.arrayContaining([...CREATE_TOOL_ONLY_MEMBERS]));
  });

  it("describes every member so a model knows what to put there", async () => {
    const schema = await advertisedInputSchema();
    const missing: string[] = [];
    undescribed(schema, "", resolver(schema), missing);
    expect(missing).toEqual([]);
  });

  it("knows every map-valued member of the request (null entries in maps are kept, not dropped)", () => {
    const found = new Set<string>();
    const visit = (shapeName: string, seen: Set<string>): void => {
      if (seen.has(shapeName)) return;
      seen.add(shapeName);
      const shape = shapeNamed(shapeName);
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (shapeNamed(member.shape).type === "map") found.add(name);
        visit(member.shape, seen);
      }
      if (shape.member) visit(shape.member.shape, seen);
    };
    visit("CreateAgentRuntimeRequest", new Set());
    expect([...MAP_MEMBERS].sort()).toEqual([...found].sort());
  });

  it("advertises that VPC mode requires networkModeConfig", async () => {
    const schema = await advertisedInputSchema();
    const network = resolver(schema)((schema.properties as Record<string, JsonSchema>).networkConfiguration ?? {});
    expect(network.if).toEqual({ properties: { networkMode: { const: "VPC" } }, required: ["networkMode"] });
    expect(network.then).toEqual({ required: ["networkModeConfig"] });
  });

  it("fails the comparison when a constraint drifts (the checker can see differences)", () => {
    const drifted: JsonSchema = {
      type: "object",
      additionalProperties: false,
      properties: { matchValueString: { type: "string", pattern: "^(?:[A-Za-z0-9_.-]+)$", minLength: 1, maxLength: 254 } },
      required: [],
    };
    const differences: string[] = [];
    compare("ClaimMatchValueType", { oneOf: [drifted] }, "x", (node) => node, differences);
    expect(differences.join("\n")).toContain("arm count");
    expect(differences.join("\n")).toContain("maxLength is 254, model says 255");
  });
});
