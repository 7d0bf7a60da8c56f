// Memory: resident set of the stdio server idle after start, then after 1,000 and 10,000 tool
// calls. The server talks to the bench's own emulator (not --sandbox), so the emulator's stored
// runtimes and request log live in this process and do not count against the server.
//
// At each checkpoint: VmRSS as it is (the figure the target is about), then, through a preloaded
// probe (bench/gc-probe.mjs), a forced full GC and process.memoryUsage() plus VmRSS again: retained
// growth shows in heapUsed after GC, while raw RSS also moves with when the collector last ran.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { callTool, createArguments } from "./call-overhead.mjs";
import { readRssKiB, startStdioServer } from "./stdio-client.mjs";

const SETTLE_MS = 1000;
const GC_PROBE = fileURLToPath(new URL("./gc-probe.mjs", import.meta.url));

/** Runs calls `call(from)` … `call(from + count - 1)` with `inFlight` outstanding at a time. */
async function runCalls(from, count, inFlight, call) {
  let next = from;
  const end = from + count;
  async function lane() {
    while (next < end) await call(next++);
  }
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/** Asks the probe for a full GC and its memoryUsage(); undefined if it does not answer in time. */
async function forceGc(pid, file) {
  const before = Date.now();
  process.kill(pid, "SIGUSR2");
  for (let waited = 0; waited < 3000; waited += 50) {
    await sleep(50);
    try {
      const usage = JSON.parse(readFileSync(file, "utf8"));
      if (usage.at >= before) return usage;
    } catch {
      // not written yet
    }
  }
  return undefined;
}

export async function measureMemory({ bin, env, emulator, checkpoints, inFlight, onProgress }) {
  const dir = mkdtempSync(join(tmpdir(), "agentcore-bench-memory-"));
  const usageFile = join(dir, "usage.json");
  const server = startStdioServer(process.execPath, ["--expose-gc", "--import", GC_PROBE, bin, "--log-level", "warn"], {
    env: { ...env, BENCH_MEMORY_FILE: usageFile },
  });
  const samples = {};
  let errors = 0;
  let firstError;
  const call = async (n) => {
    try {
      await callTool(server, "create_agent_runtime", createArguments(`mem_${n}`));
    } catch (error) {
      errors++;
      firstError ??= error.message;
    }
  };
  const sample = async (label) => {
    await sleep(SETTLE_MS);
    const rssKiB = await readRssKiB(server.pid);
    const usage = await forceGc(server.pid, usageFile);
    samples[label] = {
      rssKiB,
      afterGc: usage && {
        rssKiB: await readRssKiB(server.pid),
        heapUsedKiB: Math.round(usage.heapUsed / 1024),
        externalKiB: Math.round(usage.external / 1024),
      },
    };
  };
  try {
    await server.initialize();
    await server.request("tools/list", {});
    await sample("idle");
    let done = 0;
    for (const checkpoint of checkpoints) {
      while (done < checkpoint) {
        const step = Math.min(1000, checkpoint - done);
        await runCalls(done, step, inFlight, call);
        done += step;
        emulator.clearRequests();
        onProgress?.(done, checkpoints.at(-1));
      }
      await sample(String(checkpoint));
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { samples, errors, firstError, operation: "create_agent_runtime (real creates, unique names, emulator quota raised)", inFlight };
}
