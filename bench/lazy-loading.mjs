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
  return [...new Set(text.split("\n").filter((line) => line !== "").map((url) => fileURLToPath(url)))]
    .filter((path) => path.startsWith(prefix))
    .map((path) => path.slice(prefix.length));
}

const minus = (a, b) => a.filter((item) => !b.includes(item));

export async function checkLazyLoading({ bin, env, sandboxEnv, createArguments }) {
  const dir = mkdtempSync(join(tmpdir(), "agentcore-bench-trace-"));
  const distDir = dirname(bin);
  const nodeArgs = ["--import", TRACE_HOOK];
  try {
    const plainTrace = join(dir, "plain.txt");
    const plain = startStdioServer(process.execPath, [...nodeArgs, bin, "--log-level", "warn"], { env: { ...env, IMPORT_TRACE_FILE: plainTrace } });
    let atStart;
    let afterCall;
    try {
      await plain.initialize();
      await plain.request("tools/list", {});
      atStart = readTrace(plainTrace, distDir);
      await callTool(plain, "create_agent_runtime", createArguments("lazy_trace"));
      afterCall = readTrace(plainTrace, distDir);
    } finally {
      await plain.close();
    }

    const sandboxTrace = join(dir, "sandbox.txt");
    const sandbox = startStdioServer(process.execPath, [...nodeArgs, bin, "--sandbox", "--log-level", "warn"], {
      env: { ...sandboxEnv, IMPORT_TRACE_FILE: sandboxTrace },
    });
    let sandboxStart;
    let sandboxAfterCall;
    try {
      await sandbox.initialize();
      await sandbox.request("tools/list", {});
      sandboxStart = readTrace(sandboxTrace, distDir);
      // The emulator starts on the first tool call, not at start-up.
      await callTool(sandbox, "create_agent_runtime", createArguments("lazy_sandbox"));
      sandboxAfterCall = readTrace(sandboxTrace, distDir);
    } finally {
      await sandbox.close();
    }

    const httpTrace = join(dir, "http.txt");
    const http = await startHttpServer(bin, ["--transport", "http", "--port", "0", "--log-level", "warn"], { ...env, IMPORT_TRACE_FILE: httpTrace }, { nodeArgs });
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
