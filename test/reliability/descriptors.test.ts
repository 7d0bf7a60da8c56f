// The built bin over HTTP in a process allowed 512 open files, against 700 half-sent requests (the
// headers started, never finished): the server must keep serving a legitimate client, and say
// once that it is refusing connections. Loopback only; the flood is sent once, not in a loop.
import { request } from "node:http";
import { type Socket, connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type HttpBin, spawnHttpBin } from "../helpers/harness.js";
import { testEnv } from "../helpers/stdio-session.js";
import { recordFigure } from "../helpers/figures.js";

const DESCRIPTORS = 512;
const HALF_SENT = 700;
const SERVED_WITHIN_MS = 20_000;

let bin: HttpBin | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await bin?.proc.kill();
  bin = undefined;
});

function halfSend(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl");
      resolve();
    });
    socket.on("error", () => resolve());
    sockets.push(socket);
  });
}

/** A request on a connection of its own (no keep-alive reuse of one opened before the flood). */
function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/healthz", agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}

describe("bounded connections", () => {
  it(
    `serves a legitimate request within 20 s while ${HALF_SENT} half-sent requests hold a server limited to ${DESCRIPTORS} descriptors`,
    { timeout: 40_000 },
    async () => {
      bin = await spawnHttpBin(["--transport", "http", "--host", "127.0.0.1", "--port", "0", "--sandbox"], testEnv({ LOG_LEVEL: "warn" }), [
        "prlimit",
        `--nofile=${DESCRIPTORS}:${DESCRIPTORS}`,
        "--",
      ]);
      const port = bin.port;
      expect(await healthy(port)).toBe(true);
      for (let start = 0; start < HALF_SENT; start += 100) {
        await Promise.all(Array.from({ length: Math.min(100, HALF_SENT - start) }, () => halfSend(port)));
      }
      const started = performance.now();
      let served = false;
      while (!served && performance.now() - started < SERVED_WITHIN_MS) {
        served = await healthy(port);
        if (!served) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const ms = performance.now() - started;
      recordFigure(`http: first request served after ${HALF_SENT} half-sent ones (${DESCRIPTORS} descriptors)`, Math.round(ms), "ms");
      expect(served).toBe(true);
      expect(ms).toBeLessThan(SERVED_WITHIN_MS);
      // Said once per burst, not once per refused connection.
      const said = bin.proc.stderr.split("\n").filter((line) => line.includes("refusing connections"));
      expect(said.length).toBeGreaterThanOrEqual(1);
      expect(said.length).toBeLessThanOrEqual(3);
    },
  );
});
