// package.json as npm and a newcomer read it: nothing to install beside the package, only files
// that run, entry points that exist, an engines floor CI checks, and where to find the project.
// scripts/ci-package.sh then installs the real tarball offline and drives it.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), "utf8");

interface PackageJson {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  engines: { node: string };
  scripts: Record<string, string>;
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
  mcpName: string;
}

const pkg = JSON.parse(read("package.json")) as PackageJson;

describe("package.json", () => {
  it("has no runtime dependencies: the bin and the library entry are bundled", () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.devDependencies).toHaveProperty("esbuild");
    expect(pkg.scripts.prepack).toBe("npm run build");
  });

  it("ships only what runs: the two bundled entries, their chunks, types and notices", () => {
    expect(pkg.files).toEqual([
      "dist/agentcore-runtime-mcp.mjs",
      "dist/smithery.mjs",
      "dist/smithery.d.ts",
      "dist/chunks/",
      "dist/THIRD_PARTY_NOTICES.md",
      "NOTICE",
    ]);
    expect(Object.values(pkg.bin)).toEqual(["dist/agentcore-runtime-mcp.mjs"]);
  });

  it("claims the Node.js floor that CI drives the installed package on", () => {
    const oldest = /^NODE_OLDEST_VERSION="([^"]+)"$/m.exec(read("scripts/ci-node.sh"))?.[1];
    expect(pkg.engines.node).toBe(`>=${oldest ?? "unset"}`);
  });

  it("says where the project lives", () => {
    expect(pkg.repository).toEqual({ type: "git", url: "git+https://github.com/agentcore-runtime-mcp/agentcore-runtime-mcp.git" });
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/agentcore-runtime-mcp\/agentcore-runtime-mcp/);
    expect(pkg.bugs.url).toBe("https://github.com/agentcore-runtime-mcp/agentcore-runtime-mcp/issues");
    expect(pkg.mcpName).toBe("io.github.agentcore-runtime-mcp/agentcore-runtime-mcp");
  });

  // Needs a build (npm test builds first); a build without the notice file fails here.
  it.skipIf(!existsSync(new URL("dist/agentcore-runtime-mcp.mjs", root)))(
    "builds a notice file naming the bundled packages and their licenses",
    () => {
      const notices = read("dist/THIRD_PARTY_NOTICES.md");
      for (const name of ["@modelcontextprotocol/server", "zod", "jose", "@aws-sdk/client-bedrock-agentcore-control"]) {
        expect(notices).toMatch(new RegExp(`^- ${name.replace("/", "\\/")} \\d+\\.\\d+\\.\\d+ \\(\\S+\\)$`, "m"));
      }
      expect(notices).toContain("Apache License");
      expect(notices).toContain("MIT License");
    },
  );
});

describe("the README for a newcomer", () => {
  const readme = read("README.md");

  it("says plainly that the package is not published yet, and what to run meanwhile", () => {
    expect(readme).toContain("### Publication status");
    expect(readme).toMatch(/not published yet[\s\S]{0,200}404/);
    expect(readme).toContain("npx -y @modelcontextprotocol/inspector npx -y agentcore-runtime-mcp --sandbox");
    expect(readme).toContain('"args": ["/path/to/agentcore-runtime-mcp/dist/agentcore-runtime-mcp.mjs", "--sandbox"]');
  });

  it("shows a curl session with every header the HTTP transport needs (docs/http.md)", () => {
    const http = read("docs/http.md");
    for (const header of [
      "Authorization: Bearer",
      "Content-Type: application/json",
      "Accept: application/json, text/event-stream",
      "MCP-Protocol-Version:",
    ]) {
      expect(http).toContain(header);
    }
  });
});
