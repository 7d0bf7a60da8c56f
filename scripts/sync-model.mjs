#!/usr/bin/env node
// Regenerates the model closure the emulator validates against and the conformance tests compare
// with. A fresh clone has no ../shared, so the closure is committed; run this after updating the
// model in ../shared (or pass another service-2.json path).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const OPERATIONS = [
  "CreateAgentRuntime",
  "GetAgentRuntime",
  "UpdateAgentRuntime",
  "ListAgentRuntimes",
  "ListAgentRuntimeVersions",
  "DeleteAgentRuntime",
];
const source =
  process.argv[2] ??
  fileURLToPath(new URL("../../shared/aws-models/bedrock-agentcore-control/service-2.json", import.meta.url));
const target = fileURLToPath(new URL("../src/emulator/model/bedrock-agentcore-control.closure.json", import.meta.url));

const model = JSON.parse(readFileSync(source, "utf8"));
const shapes = {};
const strip = (value) => {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "documentation")
        .map(([key, inner]) => [key, strip(inner)]),
    );
  }
  return value;
};
const visit = (name) => {
  if (shapes[name]) return;
  const shape = model.shapes[name];
  if (!shape) throw new Error(`shape ${name} is missing from the model`);
  shapes[name] = strip(shape);
  for (const member of Object.values(shape.members ?? {})) visit(member.shape);
  if (shape.member) visit(shape.member.shape);
  if (shape.key) visit(shape.key.shape);
  if (shape.value) visit(shape.value.shape);
};
const operations = {};
for (const name of OPERATIONS) {
  const op = model.operations[name];
  operations[name] = strip(op);
  visit(op.input.shape);
  visit(op.output.shape);
  for (const error of op.errors ?? []) visit(error.shape);
}
const sorted = Object.fromEntries(Object.keys(shapes).sort().map((key) => [key, shapes[key]]));
const closure = {
  source: "boto/botocore botocore/data/bedrock-agentcore-control/2023-06-05/service-2.json (Apache-2.0); documentation stripped, closure of the operations below",
  version: model.version,
  metadata: model.metadata,
  operations,
  shapes: sorted,
};
writeFileSync(target, `${JSON.stringify(closure, null, 1)}\n`);
process.stderr.write(`wrote ${Object.keys(sorted).length} shapes for ${OPERATIONS.length} operations to ${target}\n`);

// The tool's side: carry its own copy of the model from the same source and regenerate the zod
// schemas (scripts/generate-schemas.mjs), so one command moves both sides to a newer model.
const { syncAndGenerate } = await import("./generate-schemas.mjs");
await syncAndGenerate(source);
