// 2,000 concurrent tool calls that each wait for a runtime to become READY, against the built bin
// over HTTP: the cap on calls in progress answers the surplus at once with 503 + Retry-After, so the
// bin's memory and its requests to the control plane stay bounded. Sent once, loopback only.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type HttpBin, spawnHttpBin } from "../helpers/harness.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { emulatorEnv } from "../helpers/stdio-session.js";
import { recordFigure } from "../helpers/figures.js";
import { postCall } from "../helpers/load-client.js";

const CALLS = 2000;
const WAIT_SECONDS = 6;

let emulator: Emulator | undefined;
let bin: HttpBin | undefined;
afterEach(async () => {
  await bin?.proc.kill();
  await emulator?.close();
  bin = undefined;
  emulator = undefined;
});

function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? "0") / 1024;
}

describe("concurrent waits", () => {
  it(`keeps memory bounded under ${CALLS} concurrent waiting calls`, { timeout: 60_000 }, async () => {
    // Runtimes stay CREATING longer than any wait: every admitted call waits its full time.
    emulator = await startEmulator({ port: 0, createDelayMs: 120_000, maxRuntimes: 1_000_000, regions: "all" });
    bin = await spawnHttpBin(
      ["--transport", "http", "--host", "127.0.0.1", "--port", "0"],
      emulatorEnv(emulator.url, { LOG_LEVEL: "warn" }),
    );
    const pid = bin.proc.child.pid ?? 0;
    const port = bin.port;
    await postCall(false, port, "warm", "list_agent_runtimes", {});
    const baseline = rssMiB(pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(pid));
    }, 200);
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        postCall(false, port, `w${i}`, "create_agent_runtime", {
          ...MINIMAL_REQUEST,
          agentRuntimeName: `wait_${i}`,
          waitForReadySeconds: WAIT_SECONDS,
        }).catch(() => ({ status: 0, text: "" })),
      ),
    );
    clearInterval(sampler);
    const ms = performance.now() - started;
    const busy = answers.filter((answer) => answer.status === 503).length;
    const served = answers.filter((answer) => answer.status === 200).length;
    const controlPlane = emulator.requests.length;
    recordFigure(`waits: bin RSS before ${CALLS} concurrent waits`, Math.round(baseline), "MiB");
    recordFigure(`waits: bin RSS peak under ${CALLS} concurrent waits`, Math.round(peak), "MiB");
    recordFigure("waits: answered 503 + Retry-After (over the cap)", busy);
    recordFigure("waits: control-plane requests", controlPlane);
    recordFigure("waits: duration", Math.round(ms), "ms");
    expect(served + busy).toBe(CALLS);
    expect(busy).toBeGreaterThan(0);
    expect(peak - baseline).toBeLessThan(200);
  });
});
