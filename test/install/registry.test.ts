// The files that list the server elsewhere: server.json (MCP Registry) and mcpb/manifest.json (MCP
// Bundle for Claude Desktop). Their versions follow package.json, and every setting they pass is one
// the server reads.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPTIONS } from "../../src/config.js";

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"));

interface PackageJson {
  name: string;
  version: string;
  mcpName: string;
  engines: { node: string };
  repository: { url: string };
}
interface RegistryPackage {
  registryType: string;
  identifier: string;
  version?: string;
  transport: { type: string };
  environmentVariables?: { name: string }[];
}
interface ServerJson {
  $schema: string;
  name: string;
  description: string;
  version: string;
  repository?: { url: string; source: string };
  packages: RegistryPackage[];
}
interface Manifest {
  manifest_version: string;
  description: string;
  name: string;
  version: string;
  server: { entry_point: string; mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  user_config: Record<string, { type: string; title: string; description: string }>;
  compatibility: { runtimes: { node: string } };
}

const pkg = readJson("package.json") as PackageJson;
const READ_VARIABLES = new Set(OPTIONS.flatMap((option) => option.env));

describe("server.json for the MCP Registry", () => {
  const server = readJson("server.json") as ServerJson;

  it("names the 2025-12-11 schema and has every field that schema requires", () => {
    expect(server.$schema).toBe("https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json");
    // Required by the schema's ServerDetail: name (reverse-DNS, one slash), description (1-100), version.
    expect(server.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
    expect(server.description.length).toBeGreaterThan(0);
    expect(server.description.length).toBeLessThanOrEqual(100);
    expect(server.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    // Required by Repository: url and source.
    expect(server.repository).toEqual({ url: expect.stringMatching(/^https:\/\//), source: "github" });
    // Required by Package: registryType, identifier, transport (and, for npm, a version that is no range).
    for (const entry of server.packages) {
      expect(entry).toMatchObject({
        registryType: expect.any(String),
        identifier: expect.any(String),
        transport: { type: expect.any(String) },
      });
      for (const variable of entry.environmentVariables ?? []) expect(variable.name).toEqual(expect.any(String));
    }
  });

  it("follows package.json: registry name, version, npm package and repository", () => {
    expect(server.name).toBe(pkg.mcpName);
    expect(server.version).toBe(pkg.version);
    expect(server.packages).toContainEqual(
      expect.objectContaining({ registryType: "npm", identifier: pkg.name, version: pkg.version, transport: { type: "stdio" } }),
    );
    expect(pkg.repository.url).toContain(server.repository?.url.replace(/^https:\/\//, "") ?? "missing");
  });

  it("passes only variables the server reads", () => {
    for (const entry of server.packages)
      for (const variable of entry.environmentVariables ?? []) expect(READ_VARIABLES).toContain(variable.name);
  });
});

describe("the MCP Bundle manifest", () => {
  const manifest = readJson("mcpb/manifest.json") as Manifest;

  it("follows package.json: name, version and the oldest Node.js claimed", () => {
    expect(manifest).toMatchObject({ manifest_version: "0.3", name: pkg.name, version: pkg.version });
    expect(manifest.compatibility.runtimes.node).toBe(pkg.engines.node);
  });

  it("describes only what it offers: update and delete are named as needing the Tools option", () => {
    expect(manifest.description).toMatch(/update and delete too, when the Tools option includes them/);
    expect(manifest.server.mcp_config.env["AGENTCORE_MCP_TOOLS"]).toBe("${user_config.tools}");
    expect(manifest.user_config["tools"]).toMatchObject({ type: "string", title: "Tools" });
  });

  it("starts the bundled bin and offers profile, region, sandbox, tools, read-only and confirmation", () => {
    expect(manifest.server.entry_point).toBe("server/agentcore-runtime-mcp.mjs");
    expect(manifest.server.mcp_config).toMatchObject({ command: "node", args: ["${__dirname}/server/agentcore-runtime-mcp.mjs"] });
    expect(Object.keys(manifest.user_config).sort()).toEqual(["aws_profile", "aws_region", "confirm", "read_only", "sandbox", "tools"]);
    for (const [name, value] of Object.entries(manifest.server.mcp_config.env)) {
      expect(READ_VARIABLES).toContain(name);
      expect(value).toMatch(/^\$\{user_config\.[a-z_]+\}$/);
      expect(Object.keys(manifest.user_config)).toContain(/^\$\{user_config\.([a-z_]+)\}$/.exec(value)?.[1]);
    }
  });
});
