#!/usr/bin/env node
// Bundles the server and its dependencies into the two files the package ships as entry points,
// so installing it pulls no runtime dependency at all:
// - dist/agentcore-runtime-mcp.mjs, the bin;
// - dist/smithery.mjs, the library entry (package.json `exports`: Smithery's createServer and
//   configSchema, for embedding), typed by tsc's dist/smithery.d.ts;
// plus chunks in dist/chunks/: shared chunks the entries import statically, and lazy chunks for
// what src/ reaches only through dynamic import() (the emulator, the HTTP transport, the AWS
// credential providers, the shared config file loader), so a plain stdio start never reads them;
// a guard at the end fails the build if one of those becomes part of every start of the bin.
// It also writes dist/THIRD_PARTY_NOTICES.md: the licenses of every bundled package.
// Run after `tsc -p tsconfig.build.json`; `npm run build` does both.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { bundledPackageDirs, renderNotices } from "./third-party-notices.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}dist`;
const BUNDLE_NAME = "agentcore-runtime-mcp";
const LIBRARY_NAME = "smithery";
const { name: productName, version } = JSON.parse(readFileSync(`${root}package.json`, "utf8"));

// src/version.ts reads the version from ../package.json at start-up. The bundle sits in dist/ like
// dist/index.js, so that would still resolve, but inlining the literal saves a file read and a
// JSON parse and keeps the bundle working when copied without package.json.
const VERSION_READ =
  /JSON\.parse\(readFileSync\(new URL\("\.\.\/package\.json", import\.meta\.url\), "utf8"\)\) as \{ version: string \}\)\.version/;

/** @type {import("esbuild").Plugin} */
const inlineVersion = {
  name: "inline-version",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!VERSION_READ.test(source)) {
        return {
          contents: source,
          loader: "ts",
          warnings: [{ text: "version read from ../package.json not found; the bundle will read package.json at run time" }],
        };
      }
      return { contents: source.replace(VERSION_READ, `${JSON.stringify(version)})`), loader: "ts" };
    });
  },
};

// The unbundled build (tsc, run just before) computes the tools' JSON Schemas for the default
// configuration; the bundle carries them as data, so the shipped bin skips zod's conversion at
// start-up. test/e2e/stdio.test.ts holds the bundle's tools/list equal to the unbundled one.
const { createApp } = await import(`${root}dist/app.js`);
const { parseCommandLine } = await import(`${root}dist/config.js`);
const { createSilentLogger } = await import(`${root}dist/log.js`);
// Every tool group, so whichever groups an operator offers are precomputed.
const defaults = parseCommandLine(["--tools", "all"], {}).config;
const app = createApp({ config: defaults, version, log: createSilentLogger() });
const precomputed = {
  maxWaitSeconds: defaults.maxWaitSeconds,
  tools: Object.fromEntries(
    app.catalog.listed.map((tool) => [tool.name, { inputSchema: tool.inputSchema, outputSchema: tool.outputSchema }]),
  ),
};
await app.close();

/** @type {import("esbuild").Plugin} */
const inlineSchemas = {
  name: "inline-schemas",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]src[\\/]tools[\\/]precomputed-schemas\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const declaration = "export const PRECOMPUTED_SCHEMAS: PrecomputedSchemas | undefined = undefined;";
      if (!source.includes(declaration)) throw new Error(`${args.path} no longer declares PRECOMPUTED_SCHEMAS as expected`);
      return {
        contents: source.replace(
          declaration,
          `export const PRECOMPUTED_SCHEMAS: PrecomputedSchemas | undefined = ${JSON.stringify(precomputed)};`,
        ),
        loader: "ts",
      };
    });
  },
};

// Some bundled dependencies are CommonJS (ajv, for one) and may call require() for Node built-ins;
// ESM has no require, so each output file gets one. The hashbang comes from src/index.ts itself.
const banner =
  'import { createRequire as __bundleCreateRequire } from "node:module";\nconst require = __bundleCreateRequire(import.meta.url);';

rmSync(`${outdir}/chunks`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: [
    { in: "src/index.ts", out: BUNDLE_NAME },
    { in: "src/smithery.ts", out: LIBRARY_NAME },
  ],
  outdir,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Prefer the ES module builds of the AWS SDK and Smithy packages: they tree-shake, and their
  // dynamic import()s stay dynamic (the CommonJS builds turn them into eager require()s).
  mainFields: ["module", "main"],
  minifyWhitespace: true,
  minifySyntax: true,
  // Identifiers keep their names, so stack traces stay readable without a source map.
  minifyIdentifiers: false,
  legalComments: "eof",
  banner: { js: banner },
  plugins: [inlineVersion, inlineSchemas],
  metafile: true,
  logLevel: "warning",
});

// Guard: the modules that must stay lazy are not in the start-up set (the entry file plus every
// chunk it imports statically). A static import of one of them would slow every start.
const MUST_STAY_LAZY = [
  ["the emulator", /^src\/emulator\//],
  ["the HTTP transport", /^src\/transports\/http\.ts$/],
  ["the AWS credential providers", /node_modules\/@aws-sdk\/credential-provider/],
  ["the shared config file loader", /node_modules\/@smithy\/shared-ini-file-loader\//],
];
const outputs = result.metafile.outputs;
const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === "src/index.ts");
const startup = new Set();
const queue = [entry];
while (queue.length > 0) {
  const file = queue.pop();
  if (startup.has(file)) continue;
  startup.add(file);
  for (const item of outputs[file].imports) if (item.kind === "import-statement" && !item.external) queue.push(item.path);
}
const startupInputs = [...startup].flatMap((file) => Object.keys(outputs[file].inputs));
const eager = MUST_STAY_LAZY.filter(([, pattern]) => startupInputs.some((input) => pattern.test(input))).map(([name]) => name);
const bytesOf = (files) => files.reduce((sum, file) => sum + outputs[file].bytes, 0);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const lazy = Object.keys(outputs).filter((file) => !startup.has(file));
process.stdout.write(
  `bundle: ${entry} ${kib(outputs[entry].bytes)}; start-up ${kib(bytesOf([...startup]))} in ${startup.size} files; ` +
    `${lazy.length} lazy chunks ${kib(bytesOf(lazy))}\n`,
);
writeFileSync(`${outdir}/THIRD_PARTY_NOTICES.md`, renderNotices(root, bundledPackageDirs(result.metafile), productName));
if (eager.length > 0) {
  process.stderr.write(`bundle: error: now loaded at every start although src/ imports it lazily: ${eager.join(", ")}\n`);
  process.exitCode = 1;
}
