#!/usr/bin/env node
// Regenerates the model closures the emulator validates against and the conformance tests compare
// with. A fresh clone has no ../shared, so the closures are committed; run this after updating the
// models (or pass other service-2.json paths).
//
//   node scripts/sync-model.mjs [control.json] [--data-plane service-2.json[.gz]] [--logs service-2.json[.gz]]
//
// The data plane (bedrock-agentcore) and CloudWatch Logs models default to the installed botocore's.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const CONTROL_OPERATIONS = [
  "CreateAgentRuntime",
  "GetAgentRuntime",
  "UpdateAgentRuntime",
  "ListAgentRuntimes",
  "ListAgentRuntimeVersions",
  "DeleteAgentRuntime",
  "CreateAgentRuntimeEndpoint",
  "GetAgentRuntimeEndpoint",
  "UpdateAgentRuntimeEndpoint",
  "ListAgentRuntimeEndpoints",
  "DeleteAgentRuntimeEndpoint",
];
const DATA_PLANE_OPERATIONS = ["InvokeAgentRuntime", "StopRuntimeSession"];
const LOGS_OPERATIONS = ["FilterLogEvents"];

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [value] = args.splice(at, 2).slice(1);
  return value;
};
const botocoreData = () =>
  join(
    execFileSync("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"], { encoding: "utf8" }).trim(),
    "data",
  );
const dataPlaneSource = option("--data-plane") ?? join(botocoreData(), "bedrock-agentcore/2024-02-28/service-2.json.gz");
const logsSource = option("--logs") ?? join(botocoreData(), "logs/2014-03-28/service-2.json.gz");
const controlSource =
  args[0] ?? fileURLToPath(new URL("../../shared/aws-models/bedrock-agentcore-control/service-2.json", import.meta.url));
const emulatorModel = (file) => fileURLToPath(new URL(`../src/emulator/model/${file}`, import.meta.url));
// The generator's own copies of the data-plane and Logs closures (its MEMBER_MODELS), apart from the emulator's.
const generatorModel = (file) => fileURLToPath(new URL(`../src/agentcore/generated/model/${file}`, import.meta.url));

const readModel = (path) => {
  const bytes = readFileSync(path);
  return JSON.parse((path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8"));
};

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

/** The operations with every shape they reach (errors included), documentation stripped. */
function closureOf(model, names, source) {
  const shapes = {};
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
  for (const name of names) {
    const op = model.operations[name];
    if (!op) throw new Error(`operation ${name} is missing from the model`);
    operations[name] = strip(op);
    visit(op.input.shape);
    visit(op.output.shape);
    for (const error of op.errors ?? []) visit(error.shape);
  }
  const sorted = Object.fromEntries(
    Object.keys(shapes)
      .sort()
      .map((key) => [key, shapes[key]]),
  );
  return {
    source: `${source} (Apache-2.0); documentation stripped, closure of the operations below`,
    version: model.version,
    metadata: model.metadata,
    operations,
    shapes: sorted,
  };
}

const carried = [
  [
    controlSource,
    CONTROL_OPERATIONS,
    "boto/botocore botocore/data/bedrock-agentcore-control/2023-06-05/service-2.json",
    "bedrock-agentcore-control.closure.json",
  ],
  [
    dataPlaneSource,
    DATA_PLANE_OPERATIONS,
    "boto/botocore botocore/data/bedrock-agentcore/2024-02-28/service-2.json",
    "bedrock-agentcore.closure.json",
  ],
  [logsSource, LOGS_OPERATIONS, "boto/botocore botocore/data/logs/2014-03-28/service-2.json", "logs.closure.json"],
];
for (const [path, operations, source, file] of carried) {
  const closure = closureOf(readModel(path), operations, source);
  writeFileSync(emulatorModel(file), `${JSON.stringify(closure, null, 1)}\n`);
  if (file !== "bedrock-agentcore-control.closure.json") writeFileSync(generatorModel(file), `${JSON.stringify(closure, null, 1)}\n`);
  process.stderr.write(
    `wrote ${Object.keys(closure.shapes).length} shapes for ${operations.length} operations to ${emulatorModel(file)}\n`,
  );
}

// The tool's side: carry its own copy of the control-plane model from the same source and regenerate
// the zod schemas (scripts/generate-schemas.mjs), so one command moves both sides to a newer model.
const { syncAndGenerate } = await import("./generate-schemas.mjs");
await syncAndGenerate(controlSource);
