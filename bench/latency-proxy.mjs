// A loopback proxy that holds every request for a fixed time before passing it on untouched (the
// signed Host header included, which the emulator must be told to accept): network time as AWS
// has it, in front of an emulator that answers in a millisecond.
import { Buffer } from "node:buffer";
import { Agent, createServer, request as httpRequest } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/** A proxy that holds each request `latencyMs` before forwarding it to `targetPort`, unchanged. */
export async function startLatencyProxy(latencyMs) {
  let targetPort = 0;
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", async () => {
      await sleep(latencyMs);
      const upstream = httpRequest(
        { host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers: req.headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: server.address().port,
    target(port) {
      targetPort = port;
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
