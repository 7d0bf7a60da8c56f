// Preloaded with `node --expose-gc --import ./bench/gc-probe.mjs`: on SIGUSR2 the process runs a
// full garbage collection and writes process.memoryUsage() to $BENCH_MEMORY_FILE, so the bench
// can tell retained memory from heap the collector simply had not reclaimed yet.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_MEMORY_FILE;
if (file && typeof globalThis.gc === "function") {
  process.on("SIGUSR2", () => {
    globalThis.gc();
    writeFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
  });
}
