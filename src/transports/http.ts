import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler, type NodeMcpRequestHandler } from "@modelcontextprotocol/node";
import {
  type AuthInfo,
  type McpHttpHandler,
  type McpServerFactory,
  createMcpHandler,
  isJsonContentType,
} from "@modelcontextprotocol/server";
import type { Logger } from "../log.js";
import { type DrainReport, createHttpDrain } from "./http-drain.js";
import { createAuthenticator, hasAuthentication, type Authenticator, type HttpAuthOptions } from "./http-auth.js";
import { readJsonBody } from "./http-body.js";
import { type CallGate, DEFAULT_HTTP_LIMITS, type HttpLimits, applyServerLimits, createBurstLog, createCallGate } from "./http-limits.js";
import { type LegacyCancellation, createLegacyCancellation } from "./http-legacy-cancel.js";
import { checkRequestOrigin, createOriginPolicy, isLoopbackHost, type OriginPolicy } from "./http-origin-guard.js";
import { MAX_JSON_DEPTH } from "../json-depth.js";
import { HTTP_LAYER_ERROR, INTERNAL_ERROR, INVALID_REQUEST, PARSE_ERROR, sendJson, sendJsonRpcError } from "./http-responses.js";

export type { HttpAuthOptions } from "./http-auth.js";
export type { DrainReport } from "./http-drain.js";
export { DEFAULT_HTTP_LIMITS, type HttpLimits, connectionLimitFor } from "./http-limits.js";

/** Options for {@link startHttpTransport}. */
export interface HttpTransportOptions {
  /**
   * Builds a fresh MCP server; called once per POST (the transport keeps no session state), with
   * the era the request speaks: 2026-07-28 natively, 2025-era clients through the SDK's stateless fallback.
   */
  createServer: McpServerFactory;
  /** Address to bind, e.g. `127.0.0.1`, `::1` or `0.0.0.0`. */
  host: string;
  /** Port to bind; 0 picks a free one (read it back from the handle). */
  port: number;
  /** How clients authenticate; see {@link checkBindSafety} for when some is required. */
  auth: HttpAuthOptions;
  /** Extra `Host` names accepted (port ignored); on a non-loopback bind, the only ones accepted. */
  allowedHosts?: string[];
  /** Extra `Origin`s accepted (`scheme://host[:port]`); on a non-loopback bind, the only ones accepted. */
  allowedOrigins?: string[];
  /** Serve a non-loopback address with no authentication (e.g. behind an authenticating proxy). */
  allowUnauthenticated: boolean;
  /** Largest request body accepted, in bytes; default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** Connection, call and time limits; each defaults to {@link DEFAULT_HTTP_LIMITS}. */
  limits?: Partial<HttpLimits>;
  /** Destination for diagnostics. */
  log: Logger;
  /** Product version, reported by `/healthz`. */
  version: string;
}

/** A running HTTP transport. */
export interface HttpTransportHandle {
  /** The MCP endpoint, `http://HOST:PORT/mcp`, with the port actually bound. */
  url: string;
  /** The port actually bound. */
  port: number;
  /**
   * Stops accepting connections and requests, lets calls in flight finish for up to `graceMs`
   * (default 0: abort them at once), then ends every connection left and resolves once closed.
   */
  close(graceMs?: number): Promise<DrainReport>;
}

/** Default for {@link HttpTransportOptions.maxBodyBytes}: far above any real tool call. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

const MCP_PATH = "/mcp";
// Our health check, and AgentCore Runtime's (its service contract: GET /ping, {"status":"Healthy"}).
const HEALTH_ANSWERS: ReadonlyMap<string, (version: string) => unknown> = new Map<string, (version: string) => unknown>([
  ["/healthz", (version: string) => ({ status: "ok", version })],
  ["/ping", () => ({ status: "Healthy", time_of_last_update: Math.floor(Date.now() / 1000) })],
]);
const REALM = 'Bearer realm="agentcore-runtime-mcp"';

// Query parameter names that look like credentials. A URL ends up in proxy and access logs and
// browser history, so a credential there is refused outright rather than ignored.
const CREDENTIAL_QUERY_PARAM = /token|auth|api[-_]?key|bearer|jwt|secret|passw|credential/i;

/**
 * Tells why serving `host` with `auth` is unsafe, or returns undefined when it is fine: a
 * non-loopback address needs some authentication unless `allowUnauthenticated` says otherwise
 * (for instance when an authenticating proxy or AgentCore Runtime's own inbound auth sits in front).
 */
export function checkBindSafety(host: string, auth: HttpAuthOptions, allowUnauthenticated: boolean): string | undefined {
  if (isLoopbackHost(host) || hasAuthentication(auth) || allowUnauthenticated) return undefined;
  return (
    `refusing to serve HTTP on non-loopback address ${host} without authentication: ` +
    "set MCP_AUTH_TOKEN or --auth-token-file, configure JWT validation (--jwt-issuer, --jwt-audience, " +
    "--jwt-jwks-url), or pass --allow-unauthenticated if something in front already authenticates"
  );
}

function formatUrl(host: string, port: number): string {
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${bracketed}:${port}${MCP_PATH}`;
}

function hasCredentialInQuery(url: URL): boolean {
  for (const name of url.searchParams.keys()) if (CREDENTIAL_QUERY_PARAM.test(name)) return true;
  return false;
}

// Handlers receive the request (ctx.http.req); the bearer credential is for this layer alone, so it
// is removed before the MCP server sees the request. Both views are rewritten so that no adapter,
// whichever it reads, passes it on.
function removeCredentials(req: IncomingMessage): void {
  delete req.headers.authorization;
  const kept: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? "";
    if (name.toLowerCase() !== "authorization") kept.push(name, req.rawHeaders[i + 1] ?? "");
  }
  req.rawHeaders = kept;
}

interface RequestContext {
  readonly options: HttpTransportOptions;
  readonly policy: OriginPolicy;
  readonly authenticate: Authenticator;
  readonly maxBodyBytes: number;
  /** The SDK's Streamable HTTP entry, reached only once every check above has passed. */
  readonly serveMcp: NodeMcpRequestHandler;
  readonly legacyCancellation: LegacyCancellation;
  readonly calls: CallGate;
  readonly maxCallsInFlight: number;
  readonly logBusy: (fields?: Record<string, unknown>) => void;
}

function isToolCall(body: unknown): body is { method: "tools/call"; id?: unknown } {
  return body !== null && typeof body === "object" && !Array.isArray(body) && (body as { method?: unknown }).method === "tools/call";
}

async function handlePost(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, caller: string): Promise<void> {
  if (!isJsonContentType(req.headers["content-type"])) {
    sendJsonRpcError(res, 415, HTTP_LAYER_ERROR, "Unsupported Media Type: Content-Type must be application/json");
    return;
  }
  const body = await readJsonBody(req, ctx.maxBodyBytes);
  switch (body.kind) {
    case "too-large":
      sendJsonRpcError(res, 413, HTTP_LAYER_ERROR, `Payload Too Large: request body must not exceed ${ctx.maxBodyBytes} bytes`);
      return;
    case "invalid-json":
      sendJsonRpcError(res, 400, PARSE_ERROR, "Parse error: Invalid JSON");
      return;
    case "too-deep":
      sendJsonRpcError(res, 400, INVALID_REQUEST, `Invalid Request: JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
      return;
    case "aborted":
      ctx.options.log.debug("client went away while sending the request body");
      return;
    case "json": {
      if (isToolCall(body.value)) {
        const release = ctx.calls.admit();
        if (release === undefined) {
          ctx.logBusy({ maxCallsInFlight: ctx.maxCallsInFlight });
          const id = typeof body.value.id === "string" || typeof body.value.id === "number" ? body.value.id : null;
          sendJson(
            res,
            503,
            {
              jsonrpc: "2.0",
              error: {
                code: HTTP_LAYER_ERROR,
                message: `Server busy: ${ctx.maxCallsInFlight} tool calls are in progress; retry in a second`,
              },
              id,
            },
            { "retry-after": "1" },
          );
          return;
        }
        res.once("close", release);
      }
      if (ctx.legacyCancellation.cancel(caller, body.value)) ctx.options.log.debug("cancelled a 2025-era request");
      ctx.legacyCancellation.track(caller, body.value, res);
      removeCredentials(req);
      // The SDK hands this to every handler as ctx.http.authInfo: approvals are bound to the caller.
      if (caller !== "") (req as IncomingMessage & { auth?: AuthInfo }).auth = { token: "", clientId: caller, scopes: [] };
      // The body is handed over already read and bounded; the client going away aborts the call.
      await ctx.serveMcp(req, res, body.value);
    }
  }
}

async function handleMcp(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (hasCredentialInQuery(url)) {
    sendJsonRpcError(res, 400, HTTP_LAYER_ERROR, "Bad Request: credentials belong in the Authorization header, not the URL");
    return;
  }
  const verdict = await ctx.authenticate(req.headers.authorization);
  if (!verdict.ok) {
    const level = verdict.error === undefined ? "debug" : "warn";
    ctx.options.log[level]("rejected request: authentication failed", { reason: verdict.reason });
    const challenge = verdict.error === undefined ? REALM : `${REALM}, error="${verdict.error}"`;
    sendJsonRpcError(res, 401, HTTP_LAYER_ERROR, "Unauthorized", { "www-authenticate": challenge });
    return;
  }
  if (req.method !== "POST") {
    // Stateless: no standalone SSE stream to GET and no session to DELETE.
    sendJsonRpcError(res, 405, HTTP_LAYER_ERROR, "Method Not Allowed: this stateless endpoint accepts POST only", {
      allow: "POST",
    });
    return;
  }
  await handlePost(ctx, req, res, verdict.caller);
}

async function handleRequest(ctx: RequestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://request.invalid");
  } catch {
    sendJsonRpcError(res, 400, HTTP_LAYER_ERROR, "Bad Request: malformed URL");
    return;
  }
  // Checked before anything else so a rebound request has no effect at all.
  const refusal = checkRequestOrigin(ctx.policy, req.headers.host, req.headers.origin);
  if (refusal !== undefined) {
    ctx.options.log.warn("rejected request: DNS rebinding protection", { reason: refusal });
    sendJsonRpcError(res, 403, HTTP_LAYER_ERROR, refusal);
    return;
  }
  const health = HEALTH_ANSWERS.get(url.pathname);
  if (health !== undefined) {
    if (req.method === "GET" || req.method === "HEAD") sendJson(res, 200, health(ctx.options.version));
    else sendJsonRpcError(res, 405, HTTP_LAYER_ERROR, "Method Not Allowed", { allow: "GET, HEAD" });
    return;
  }
  if (url.pathname !== MCP_PATH) {
    sendJsonRpcError(res, 404, HTTP_LAYER_ERROR, "Not Found");
    return;
  }
  await handleMcp(ctx, req, res, url);
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port }, () => {
      server.off("error", reject);
      const address = server.address();
      // Only a pipe or a Windows named pipe gives a string; a TCP listen always has an AddressInfo.
      if (address === null || typeof address === "string") reject(new Error(`unexpected listen address for ${host}`));
      else resolve(address);
    });
  });
}

/**
 * Serves MCP Streamable HTTP at `/mcp` through the SDK's handler (stateless: a fresh server per
 * POST; 2026-07-28 requests natively, 2025-era ones through its stateless fallback; a response
 * becomes an SSE stream when progress is sent before the result), a health check at `/healthz`
 * and AgentCore Runtime's `/ping`.
 *
 * Every request passes, in order: DNS-rebinding protection (403), routing (404), a ban on
 * credentials in the URL (400), authentication (401), method (405), content type (415) and a
 * bounded body read (413, 400) before any MCP server is created. Throws when
 * {@link checkBindSafety} refuses the configuration, an allowed host or origin is malformed, or
 * the address cannot be bound.
 */
export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransportHandle> {
  const refusal = checkBindSafety(options.host, options.auth, options.allowUnauthenticated);
  if (refusal !== undefined) throw new Error(refusal);
  const { log } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const onerror = (error: Error): void => log.debug("MCP HTTP handler error", { error: error.message });
  const mcp: McpHttpHandler = createMcpHandler(options.createServer, { legacy: "stateless", maxRequestBodySize: maxBodyBytes, onerror });
  const ctx: RequestContext = {
    options,
    policy: createOriginPolicy(options.host, options.allowedHosts, options.allowedOrigins),
    authenticate: createAuthenticator(options.auth),
    maxBodyBytes,
    serveMcp: toNodeHandler(mcp, { onerror, maxRequestBodySize: maxBodyBytes }),
    legacyCancellation: createLegacyCancellation(),
    calls: createCallGate(limits.maxCallsInFlight),
    maxCallsInFlight: limits.maxCallsInFlight,
    logBusy: createBurstLog(log, "refusing tool calls: the limit of calls in progress is reached"),
  };
  if (!isLoopbackHost(options.host) && !hasAuthentication(options.auth) && options.allowedHosts === undefined) {
    log.warn("serving without authentication or allowed hosts on a non-loopback address", { host: options.host });
  }

  // Header and request timeouts are enforced by a periodic sweep; Node's default 30 s period would
  // let half-sent requests hold their connections three times longer than the timeout says.
  const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    if (!drain.admit(res)) {
      log.debug("refused a request: shutting down", { method: req.method });
      sendJsonRpcError(res, 503, HTTP_LAYER_ERROR, "Service Unavailable: the server is shutting down", {
        connection: "close",
        "retry-after": "1",
      });
      return;
    }
    // A client that disconnects mid-request surfaces here; it must never become an uncaught error.
    req.on("error", (error) => log.debug("request stream error", { error: error.message }));
    res.on("error", (error) => log.debug("response stream error", { error: error.message }));
    res.once("finish", () => log.debug("http request", { method: req.method, status: res.statusCode }));
    handleRequest(ctx, req, res).catch((error: unknown) => {
      log.error("unhandled error serving HTTP request", { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJsonRpcError(res, 500, INTERNAL_ERROR, "Internal error");
      else res.destroy();
    });
  });

  applyServerLimits(server, limits, log);
  const drain = createHttpDrain(server, log);
  const address = await listen(server, options.host, options.port);
  server.on("error", (error) => log.error("HTTP server error", { error: error.message }));

  return {
    url: formatUrl(options.host, address.port),
    port: address.port,
    close: async (graceMs = 0) => {
      const report = await drain.drain(graceMs);
      // Every connection is closed by now, which aborted what was still running; this releases the
      // SDK handler's per-request servers.
      await mcp.close();
      return report;
    },
  };
}
