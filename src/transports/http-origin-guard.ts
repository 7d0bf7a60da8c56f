import { isIP } from "node:net";

// Written here rather than taken from the SDK: its hostHeaderValidation() is Express middleware
// (it answers through res.status().json()), and the transport's own allowedHosts/allowedOrigins
// options match raw header values exactly (so every port of localhost would have to be listed) and
// only run once a server and transport exist, while a rebound request must have no effect at all.

// Hostnames as WHATWG URL parsing spells them (IPv6 in brackets), so a Host header parsed the
// same way compares equal.
const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a bind address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === "localhost" || lower === "::1") return true;
  const v4 = lower.startsWith("::ffff:") ? lower.slice("::ffff:".length) : lower;
  return isIP(v4) === 4 && v4.startsWith("127.");
}

/**
 * Which `Host` and `Origin` header values a server accepts, the defence against DNS rebinding: a
 * browser tricked into sending a page's requests to this server still names the attacker's site in
 * both headers.
 */
export interface OriginPolicy {
  /** Hostnames (port ignored) a `Host` header may name; undefined accepts any. */
  readonly hostnames: ReadonlySet<string> | undefined;
  /** Whether an `Origin` header, when present, must match {@link originHostnames} or {@link origins}. */
  readonly checkOrigin: boolean;
  /** Hostnames accepted in an http(s) `Origin` on any port. */
  readonly originHostnames: ReadonlySet<string>;
  /** Exact origins (scheme, host, port) accepted in an `Origin` header. */
  readonly origins: ReadonlySet<string>;
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
}

function normaliseAllowedHost(entry: string): string {
  const hostname = hostnameOf(isIP(entry) === 6 ? `[${entry}]` : entry);
  if (hostname === undefined || hostname === "") throw new Error(`invalid allowed host: ${entry}`);
  return hostname;
}

function normaliseAllowedOrigin(entry: string): string {
  let origin: string;
  try {
    origin = new URL(entry).origin;
  } catch {
    throw new Error(`invalid allowed origin: ${entry}`);
  }
  // URL gives "null" for schemes without an origin (file:, data:); such an entry would match nothing.
  if (origin === "null") throw new Error(`invalid allowed origin: ${entry}`);
  return origin;
}

/**
 * Builds the policy for a server bound to `bindHost`. A loopback bind always checks both headers
 * against localhost names (plus any configured extras), because a local server is exactly what DNS
 * rebinding targets; any other bind checks only what was configured. Throws on a malformed entry.
 */
export function createOriginPolicy(
  bindHost: string,
  allowedHosts: readonly string[] | undefined,
  allowedOrigins: readonly string[] | undefined,
): OriginPolicy {
  const extraHosts = (allowedHosts ?? []).map(normaliseAllowedHost);
  const origins = new Set((allowedOrigins ?? []).map(normaliseAllowedOrigin));
  if (isLoopbackHost(bindHost)) {
    return {
      hostnames: new Set([...LOOPBACK_HOSTNAMES, ...extraHosts]),
      checkOrigin: true,
      originHostnames: LOOPBACK_HOSTNAMES,
      origins,
    };
  }
  return {
    hostnames: allowedHosts === undefined ? undefined : new Set(extraHosts),
    checkOrigin: allowedOrigins !== undefined,
    originHostnames: new Set(),
    origins,
  };
}

function originAllowed(policy: OriginPolicy, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (policy.origins.has(url.origin)) return true;
  return (url.protocol === "http:" || url.protocol === "https:") && policy.originHostnames.has(url.hostname);
}

/**
 * Checks a request's `Host` and `Origin` headers against `policy`; returns why it is refused, or
 * undefined when it may proceed. The reason names the offending header, never its full value list.
 */
export function checkRequestOrigin(policy: OriginPolicy, host: string | undefined, origin: string | undefined): string | undefined {
  if (policy.hostnames !== undefined) {
    const hostname = host === undefined ? undefined : hostnameOf(host);
    if (hostname === undefined || !policy.hostnames.has(hostname)) return "Forbidden: Host header not allowed";
  }
  if (policy.checkOrigin && origin !== undefined && !originAllowed(policy, origin)) {
    return "Forbidden: Origin header not allowed";
  }
  return undefined;
}
