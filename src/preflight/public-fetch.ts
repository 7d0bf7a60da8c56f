/**
 * The one fetch a pre-flight check makes outside AWS (`--preflight-network`): a discovery URL a
 * caller names. It must never become a way to reach the server's own neighbourhood, so the host
 * is resolved first and every address it resolves to must be public; the connection then goes to
 * the address that was checked (no second lookup a rebinding DNS could answer differently), with
 * no redirects followed and a small cap on what is read.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { request } from "node:https";
import { BlockList, isIP } from "node:net";
import { Readable } from "node:stream";

/** One resolved address, as `dns.lookup` with `all: true` gives them. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

/** Fetches a URL from an address already checked; injected by tests that serve it locally. */
export type PinnedFetch = (
  url: URL,
  address: ResolvedAddress,
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<Response>;

// Loopback, private, link-local (cloud metadata lives there), carrier-grade NAT, benchmarking,
// documentation, multicast and reserved ranges: none of them is an identity provider on the internet.
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 3],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");
}

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** Whether an IP address is one on the public internet. */
export function isPublicAddress(address: string): boolean {
  // An IPv4-mapped IPv6 address reaches the IPv4 one: judge that.
  const mapped = MAPPED_IPV4.exec(address)?.[1];
  if (mapped !== undefined) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  // The block list also matches IPv4 addresses against IPv4-mapped IPv6 rules; there are none.
  return !NOT_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** The system resolver, every address. */
export const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Connects to `address` for `url`'s host (TLS checks the certificate against the host name). */
export const pinnedHttpsFetch: PinnedFetch = (url, address, init) =>
  new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: "GET",
        headers: init.headers,
        signal: init.signal,
        servername: isIP(url.hostname) === 0 ? url.hostname : undefined,
        // The address checked above, whatever a second lookup would say now.
        lookup: (_host, options, callback) => {
          if ((options as { all?: boolean }).all === true) callback(null, [address]);
          else callback(null, address.address, address.family);
        },
      },
      (incoming) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (typeof value === "string") headers.set(name, value);
          else if (Array.isArray(value)) headers.set(name, value.join(", "));
        }
        const status = incoming.statusCode ?? 502;
        // A body on a redirect or a no-content status is never read.
        const body = status === 204 || status === 304 ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status, headers }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });

/** Why a URL may not be fetched, or the address to fetch it from. */
export async function publicAddressOf(
  url: URL,
  resolve: Resolve,
): Promise<{ ok: true; address: ResolvedAddress } | { ok: false; reason: string }> {
  // URL keeps IPv6 literals in brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: ResolvedAddress[];
  if (isIP(host) !== 0) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      return { ok: false, reason: `${host} could not be resolved${typeof code === "string" ? `: ${code}` : ""}` };
    }
  }
  const first = addresses[0];
  if (first === undefined) return { ok: false, reason: `${host} has no address` };
  // Every address, not only the first: a name resolving to a public and a private one is refused.
  if (!addresses.every((resolved) => isPublicAddress(resolved.address))) {
    return {
      ok: false,
      reason: `${host} resolves to an address that is not public (loopback, private or link-local), which this server never fetches`,
    };
  }
  return { ok: true, address: first };
}

/** Reads at most `maxBytes` of a body as text; undefined when it is longer. */
export async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
