// Lazy loading: which of the bundle's files a plain start reads, and which only the first tool
// call (credential providers), --sandbox (the emulator) or --transport http add. Traced at run
// time through an ESM loader hook, so it holds whatever the bundler decided.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { callTool } from "./call-overhead.mjs";
import { startHttpServer } from "./http-throughput.mjs";
import { startStdioServer } from "./stdio-client.mjs";

const TRACE_HOOK = fileURLToPath(new URL("./import-trace.mjs", import.meta.url));

function readTrace(file, distDir) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const prefix = `${distDir}/`;
  return [
    ...new Set(
      text
        .split("\n")
        .filter((line) => line !== "")
        .map((url) => fileURLToPath(url)),
    ),
  ]
    .filter((path) => path.startsWith(prefix))
    .map((path) => path.slice(prefix.length));
}

const minus = (a, b) => a.filter((item) => !b.includes(item));

export async function checkLazyLoading({ bin, env, sandboxEnv, createArguments }) {
  const dir = mkdtempSync(join(tmpdir(), "agentcore-bench-trace-"));
  const distDir = dirname(bin);
  const nodeArgs = ["--import", TRACE_HOOK];
  try {
    // Which bundle files a stdio server has read after tools/list, and after its first tool call.
    const traceStdio = async (name, flags, serverEnv) => {
      const trace = join(dir, `${name}.txt`);
      const server = startStdioServer(process.execPath, [...nodeArgs, bin, ...flags, "--log-level", "warn"], {
        env: { ...serverEnv, IMPORT_TRACE_FILE: trace },
      });
      try {
        await server.initialize();
        await server.request("tools/list", {});
        const started = readTrace(trace, distDir);
        await callTool(server, "create_agent_runtime", createArguments(`lazy_${name}`));
        return { started, afterCall: readTrace(trace, distDir) };
      } finally {
        await server.close();
      }
    };
    const { started: atStart, afterCall } = await traceStdio("plain", [], env);
    // In sandbox mode the emulator starts on the first tool call, not at start-up.
    const { started: sandboxStart, afterCall: sandboxAfterCall } = await traceStdio("sandbox", ["--sandbox"], sandboxEnv);

    const httpTrace = join(dir, "http.txt");
    const http = await startHttpServer(
      bin,
      ["--transport", "http", "--port", "0", "--log-level", "warn"],
      { ...env, IMPORT_TRACE_FILE: httpTrace },
      { nodeArgs },
    );
    const httpStart = readTrace(httpTrace, distDir);
    await http.close();

    const firstCallAdds = minus(afterCall, atStart);
    const sandboxAdds = minus(sandboxAfterCall, sandboxStart);
    const httpAdds = minus(httpStart, atStart);
    const pass =
      atStart.length > 0 &&
      firstCallAdds.length > 0 &&
      sandboxAdds.length > 0 &&
      httpAdds.length > 0 &&
      minus(sandboxStart, atStart).length === 0 &&
      minus(atStart, sandboxStart).length === 0 &&
      minus(atStart, httpStart).length === 0;
    return { atStart, firstCallAdds, sandboxAdds, httpAdds, pass };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
