import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type * as z from "zod";
import {
  GenerationError,
  MEMBER_MODELS,
  MODEL_PATH,
  OUTPUT_DIR,
  generate,
  loadMemberClosures,
  type Model,
} from "../../scripts/generate-schemas.mjs";
import * as words from "../../src/agentcore/descriptions.js";
import emulatorModel from "../../src/emulator/model/bedrock-agentcore-control.closure.json" with { type: "json" };
import { createToolCatalog, createServer, createLazyJsonSchemaValidator } from "../../src/server.js";
import { createConfirmations } from "../../src/confirmation.js";
import { createSilentLogger } from "../../src/log.js";
import { connectInMemory } from "../helpers/in-memory.js";

const carried = (): Model => JSON.parse(readFileSync(MODEL_PATH, "utf8")) as Model;

/** The carried model plus one request member the overlay has never heard of. */
function modelWithNewMember(): Model {
  const model = structuredClone(carried());
  const request = model.shapes.CreateAgentRuntimeRequest as { members: Record<string, { shape: string }> };
  request.members.warmPoolSize = { shape: "WarmPoolSize" };
  model.shapes.WarmPoolSize = { type: "integer", min: 0, max: 10 };
  return model;
}

describe("the schema generator", () => {
  it("produced exactly the committed files from the carried model and src/agentcore/descriptions.ts (run npm run generate)", () => {
    const files = generate(carried(), words);
    expect(Object.keys(files).sort()).toEqual(["metadata.ts", "schemas.ts"]);
    for (const [name, text] of Object.entries(files)) expect(readFileSync(`${OUTPUT_DIR}${name}`, "utf8"), name).toBe(text);
  });

  it("fails naming the path of a model member that has no description", () => {
    const attempt = () => generate(modelWithNewMember(), words);
    expect(attempt).toThrow(GenerationError);
    expect(attempt).toThrow(/CreateAgentRuntimeRequest\.warmPoolSize has no description/);
  });

  it("takes the data-plane and Logs members from the model: a bound or description missing there shows", () => {
    const members = loadMemberClosures();
    const session = members["bedrock-agentcore.closure.json"]?.shapes.SessionType as Record<string, unknown>;
    expect(session).toMatchObject({ min: 33, max: 256 });
    expect(generate(carried(), words, members)["schemas.ts"]).toContain('runtimeSessionId: inString({"min":33,"max":256}');
    const undescribed = {
      ...words,
      MEMBER_DESCRIPTIONS: { ...words.MEMBER_DESCRIPTIONS, "FilterLogEventsRequest.filterPattern": undefined },
    };
    expect(() => generate(carried(), undescribed as never, members)).toThrow(/FilterLogEventsRequest\.filterPattern has no description/);
  });

  it("carries the data-plane and Logs closures equal to the emulator's copies (both from npm run sync-model)", () => {
    for (const [file, closure] of Object.entries(loadMemberClosures())) {
      expect(closure, file).toEqual(JSON.parse(readFileSync(new URL(`../../src/emulator/model/${file}`, import.meta.url), "utf8")));
    }
    expect(Object.keys(loadMemberClosures()).sort()).toEqual(Object.keys(MEMBER_MODELS).sort());
  });

  it("fails naming a request pattern that has no plain words", () => {
    const model = structuredClone(carried());
    (model.shapes.S3LocationPrefixString as Record<string, unknown>).pattern = "[a-z/]+";
    expect(() => generate(model, words)).toThrow(/S3LocationPrefixString \(a request pattern\) has no plain-words pattern/);
  });

  it("offers a new member in tools/list, with our description, once the description exists", async () => {
    const described = {
      ...words,
      MEMBER_DESCRIPTIONS: { ...words.MEMBER_DESCRIPTIONS, "CreateAgentRuntimeRequest.warmPoolSize": "Instances kept warm (0-10)." },
    };
    const files = generate(modelWithNewMember(), described);
    // Next to the committed output, so its relative imports resolve the same way.
    const directory = new URL(`../../src/agentcore/generated-test-${process.pid}/`, import.meta.url);
    mkdirSync(directory, { recursive: true });
    try {
      for (const [name, text] of Object.entries(files)) writeFileSync(new URL(name, directory), text);
      const generated = (await import(new URL("schemas.ts", directory).href)) as { CreateAgentRuntimeRequestSchema: z.ZodType };
      const catalog = createToolCatalog([
        {
          name: "create_agent_runtime",
          title: "Create",
          description: "test tool",
          inputSchema: generated.CreateAgentRuntimeRequestSchema,
          outputSchema: generated.CreateAgentRuntimeRequestSchema,
          annotations: {},
          handler: () => Promise.resolve({ content: [] }),
        },
      ]);
      const server = createServer({
        catalog,
        version: "0.0.0",
        log: createSilentLogger(),
        validator: createLazyJsonSchemaValidator(),
        confirmations: createConfirmations({ now: Date.now }),
        calls: { budgetMs: 1000, now: Date.now, sleep: () => Promise.resolve() },
      });
      const client = await connectInMemory(server);
      const { tools } = await client.listTools();
      await client.close();
      const properties = tools[0]?.inputSchema.properties as Record<string, Record<string, unknown>>;
      expect(properties.warmPoolSize).toEqual({ type: "integer", minimum: 0, maximum: 10, description: "Instances kept warm (0-10)." });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("carries the same shapes as the emulator's own copy of the model (both come from npm run sync-model)", () => {
    const ours = carried().shapes;
    const theirs = emulatorModel.shapes as Record<string, unknown>;
    const differing = Object.keys(ours).filter((name) => JSON.stringify(ours[name]) !== JSON.stringify(theirs[name]));
    expect(differing).toEqual([]);
  });
});
