import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * JSON-RPC error code for failures of the HTTP layer itself (status 4xx/5xx with no JSON-RPC
 * meaning), the same one the MCP SDK's transport uses so clients see one convention.
 */
export const HTTP_LAYER_ERROR = -32000;

/** JSON-RPC "Parse error": the body is not JSON. */
export const PARSE_ERROR = -32700;

/** JSON-RPC "Invalid Request": JSON, but not a request this server reads. */
export const INVALID_REQUEST = -32600;

/** JSON-RPC "Internal error". */
export const INTERNAL_ERROR = -32603;

function hasUnreadBody(req: IncomingMessage): boolean {
  const declared = req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0";
  return (declared || req.headers["transfer-encoding"] !== undefined) && !req.readableEnded;
}

/**
 * How long the connection of a request refused with its body unread stays open after the answer,
 * discarding what still arrives, before it is closed regardless.
 */
const LINGER_MS = 2000;

/**
 * Closes the connection in stages once the answer is written (RFC 9112 §9.6). Node would close it
 * at once with request bytes still unread; the kernel then answers the client's next bytes with a
 * reset, and a client still sending its body (fetch, node:http) fails with EPIPE or ECONNRESET
 * instead of reading the answer. Instead: half-close, discard (never buffer) what still arrives,
 * and close when the client does or after {@link LINGER_MS}, whichever comes first.
 */
function closeAfterLingering(req: IncomingMessage): void {
  const socket: Socket = req.socket;
  // Node's server ends the connection of a `Connection: close` response through destroySoon().
  socket.destroySoon = () => {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
    socket.end();
    req.resume();
  };
}

/**
 * Writes a JSON response. A rejected request whose body was not read is answered with
 * `Connection: close`: otherwise Node drains (reads and discards) the rest of the body to keep the
 * connection alive, so an unauthenticated or oversized upload would still be read to its end. The
 * connection then lingers briefly (see {@link closeAfterLingering}) so the client can read the answer.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  const unread = hasUnreadBody(res.req);
  const connection: OutgoingHttpHeaders = unread ? { connection: "close" } : {};
  if (unread) closeAfterLingering(res.req);
  res.writeHead(status, {
    ...headers,
    ...connection,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  // Node itself leaves the body out of a response to HEAD.
  res.end(text);
}

/** Writes a JSON-RPC error response with `id: null` (the request's id is unknown or unread). */
export function sendJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: OutgoingHttpHeaders = {},
): void {
  sendJson(res, status, { jsonrpc: "2.0", error: { code, message }, id: null }, headers);
}
