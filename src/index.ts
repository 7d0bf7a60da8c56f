#!/usr/bin/env node
// The entry point: the only module that touches `process`; everything else gets it as a parameter.
import { main } from "./main.js";

main({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  nodeVersion: process.version,
  execPath: process.execPath,
  exit: (code) => process.exit(code),
  onSignal: (signal, handler) => process.once(signal, handler),
  pid: process.pid,
  isAlive: (pid) => {
    // Signal 0 tests without sending; a process of another user (EPERM) runs too.
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return error instanceof Error && "code" in error && error.code === "EPERM";
    }
  },
}).then(
  (code) => {
    // Set, not exit: a one-shot command's output must reach a pipe before the process ends.
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`agentcore-runtime-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
