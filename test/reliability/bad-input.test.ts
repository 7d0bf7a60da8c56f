import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropNullMembers } from "../../src/agentcore/argument-errors.js";
import { CreateAgentRuntimeRequestSchema, MAP_MEMBERS } from "../../src/agentcore/schemas.js";
import { validateRequest } from "../../src/emulator/index.js";
import { mutate, validCreateRequest } from "../helpers/model-arbitrary.js";
import { type Stack, startStack, textOf } from "../helpers/stack.js";
import { SCALE, recordFigure } from "../helpers/figures.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

// The server drops null members before validating, as restJson1 services treat them as absent.
const zodAccepts = (value: unknown) => CreateAgentRuntimeRequestSchema.safeParse(dropNullMembers(value, MAP_MEMBERS)).success;
const emulatorAccepts = (value: unknown) => validateRequest("CreateAgentRuntimeRequest", value).length === 0;

/** Values shaped to break parsers rather than break rules. */
const HOSTILE_ARGUMENTS: string[] = [
  '{"__proto__":{"polluted":true},"agentRuntimeName":"x"}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"agentRuntimeName":"ok","tags":{"__proto__":"x"}}',
  '{"environmentVariables":{"__proto__":{"polluted":"yes"}}}',
  `{"tags":${'{"a":'.repeat(2000)}1${"}".repeat(2000)}}`,
  `{"agentRuntimeName":"${"a".repeat(100_000)}"}`,
  '{"agentRuntimeName":"\\u0000\\ud800","roleArn":"\\u202e"}',
  "{}",
];

describe("bad input never reaches the control plane", () => {
  it(
    `rejects ≥ ${5000 * SCALE} invalid argument objects with a well-formed isError naming a field, sending 0 requests`,
    async () => {
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const samples = fc.sample(fc.tuple(validCreateRequest, fc.array(fc.nat(), { minLength: 8, maxLength: 8 })), {
        numRuns: 6500 * SCALE,
        seed: 20261124,
      });
      let invalid = 0;
      for (const [valid, choices] of samples) {
        let index = 0;
        const mutated = mutate(valid, (size) => (choices[index++ % choices.length] ?? 0) % size);
        if (zodAccepts(mutated)) continue;
        invalid += 1;
        // Through JSON, as on the wire, so "__proto__" stays an own key.
        const result = await stack.call(JSON.parse(JSON.stringify(mutated)) as Record<string, unknown>);
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/^InvalidArguments: [^\n]+ (?:must|is) [^\n]+\nNothing was sent to AWS\.\n/);
      }
      for (const text of HOSTILE_ARGUMENTS) {
        const result = await stack.call(JSON.parse(text) as Record<string, unknown>);
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/^InvalidArguments: /);
        invalid += 1;
      }
      recordFigure("invalid argument objects rejected locally", invalid);
      recordFigure("requests that reached the emulator from them", stack.emulator.requests.length);
      expect(invalid).toBeGreaterThanOrEqual(5000 * SCALE);
      expect(stack.emulator.requests).toHaveLength(0);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // CPU-bound: about 20 s alone on 2 cores, and it may share them with the load test.
    },
    90_000 * SCALE,
  );
});

describe("agreement between the server's zod schema and the emulator's model-driven validator", () => {
  it(
    `accepts ≥ ${1000 * SCALE} generated valid requests on both sides`,
    () => {
      const samples = fc.sample(validCreateRequest, { numRuns: 1000 * SCALE, seed: 7 });
      const disagreements = samples.filter((value) => !zodAccepts(value) || !emulatorAccepts(value));
      recordFigure("valid generated requests (both accept)", samples.length - disagreements.length);
      expect(disagreements.slice(0, 3)).toEqual([]);
    },
    20_000 * SCALE,
  );

  it(
    `judges ≥ ${1000 * SCALE} single-field mutations the same way on both sides`,
    () => {
      const samples = fc.sample(fc.tuple(validCreateRequest, fc.array(fc.nat(), { minLength: 8, maxLength: 8 })), {
        numRuns: 1000 * SCALE,
        seed: 11,
      });
      const disagreements: unknown[] = [];
      let rejected = 0;
      for (const [valid, choices] of samples) {
        let index = 0;
        const mutated = mutate(valid, (size) => (choices[index++ % choices.length] ?? 0) % size);
        const zod = zodAccepts(mutated);
        if (!zod) rejected += 1;
        if (zod !== emulatorAccepts(mutated))
          disagreements.push({ mutated, zod, emulator: validateRequest("CreateAgentRuntimeRequest", mutated) });
      }
      recordFigure("single-field mutations judged alike (of which rejected)", `${samples.length - disagreements.length} (${rejected})`);
      if (disagreements.length > 0)
        process.stderr.write(
          `DISAGREE ${JSON.stringify(disagreements.slice(0, 10), (_k, v: unknown) => (typeof v === "string" && v.length > 80 ? `${v.slice(0, 40)}…(${v.length})` : v))}\n`,
        );
      expect(disagreements.slice(0, 2)).toEqual([]);
    },
    20_000 * SCALE,
  );
});
