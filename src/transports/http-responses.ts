import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/**
 * JSON-RPC error code for failures of the HTTP layer itself (status 4xx/5xx with no JSON-RPC
 * meaning), the same one the MCP SDK's transport uses so clients see one convention.
 */
export const HTTP_LAYER_ERROR = -32000;

/** JSON-RPC "Parse error": the body is not JSON. */
export const PARSE_ERROR = -32700;

/** JSON-RPC "Internal error". */
export const INTERNAL_ERROR = -32603;

function hasUnreadBody(req: IncomingMessage): boolean {
  const declared = req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0";
  return (declared || req.headers["transfer-encoding"] !== undefined) && !req.readableEnded;
}

/**
 * Writes a JSON response. A rejected request whose body was not read is answered with
 * `Connection: close`: otherwise Node drains (reads and discards) the rest of the body to keep the
 * connection alive, so an unauthenticated or oversized upload would still be read to its end.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(body);
  const connection: OutgoingHttpHeaders = hasUnreadBody(res.req) ? { connection: "close" } : {};
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
