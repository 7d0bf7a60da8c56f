// Setup file of the unit project: a unit test is pure, so opening a socket or starting a process
// throws there. A test that needs either belongs to integration (in-process, emulator on loopback)
// or e2e (the bin). Patched on the CommonJS objects and synced, so ESM named imports see it too.
import { createRequire, syncBuiltinESMExports } from "node:module";
import type * as Net from "node:net";

const require = createRequire(import.meta.url);

function refuse(what: string): () => never {
  return () => {
    throw new Error(`${what} in a unit test: move the test to test/integration (sockets) or test/e2e (processes)`);
  };
}

const childProcess = require("node:child_process") as Record<string, unknown>;
for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"])
  childProcess[name] = refuse(`child_process.${name}`);
const net = require("node:net") as typeof Net;
net.Server.prototype.listen = refuse("listening on a socket");
net.Socket.prototype.connect = refuse("connecting a socket");
syncBuiltinESMExports();
