import type { CheckEnv } from "./check-env.js";
import { fail, pass, unknown } from "./outcome.js";
import type { CheckOutcome } from "./outcome.js";
import { publicAddressOf, readCapped } from "./public-fetch.js";

const DISCOVERY_SUFFIX = "/.well-known/openid-configuration";
// A discovery document is a few kilobytes; a bigger answer is not one.
const MAX_DOCUMENT_BYTES = 64 * 1024;

function wellFormed(discoveryUrl: string): URL | string {
  let url: URL;
  try {
    url = new URL(discoveryUrl);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "https:") return "does not use https";
  if (!url.pathname.endsWith(DISCOVERY_SUFFIX)) return `does not end with ${DISCOVERY_SUFFIX}`;
  if (url.username !== "" || url.password !== "") return "carries credentials";
  return url;
}

const TOO_LARGE = fail(
  "jwt-discovery",
  "The discovery URL answers with more than 64 KiB, which is not a discovery document.",
  "Check the discoveryUrl.",
);

async function fetchDocument(url: URL, env: CheckEnv): Promise<CheckOutcome> {
  const target = await publicAddressOf(url, env.resolve);
  if (!target.ok) return unknown("jwt-discovery", `The discovery document was not fetched: ${target.reason}.`);
  let response: Response;
  try {
    response = await env.fetch(url, target.address, { signal: env.signal, headers: { accept: "application/json" } });
  } catch {
    return unknown("jwt-discovery", `The discovery document at ${url.host} could not be fetched from this server (network or TLS).`);
  }
  const declared = Number(response.headers.get("content-length"));
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    // Followed, a redirect could lead anywhere, the checked address included.
    return fail(
      "jwt-discovery",
      `The discovery URL redirects (HTTP ${response.status}); it is not followed.`,
      "Use the URL the identity provider's discovery document is served at, without redirects.",
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    return fail(
      "jwt-discovery",
      `The identity provider answered HTTP ${response.status} for the discovery document.`,
      "Check the discoveryUrl against your identity provider's OpenID Connect settings.",
    );
  }
  if (Number.isFinite(declared) && declared > MAX_DOCUMENT_BYTES) {
    await response.body?.cancel();
    return TOO_LARGE;
  }
  let document: unknown;
  try {
    const text = await readCapped(response, MAX_DOCUMENT_BYTES);
    if (text === undefined) return TOO_LARGE;
    document = JSON.parse(text);
  } catch {
    return fail(
      "jwt-discovery",
      "The discovery URL does not answer with JSON.",
      "Check the discoveryUrl against your identity provider's OpenID Connect settings.",
    );
  }
  const fields = document as { issuer?: unknown; jwks_uri?: unknown } | null;
  if (typeof fields?.issuer !== "string" || typeof fields.jwks_uri !== "string") {
    return fail(
      "jwt-discovery",
      "The discovery document lacks issuer or jwks_uri.",
      "Point discoveryUrl at the provider's OpenID Connect discovery document.",
    );
  }
  return pass("jwt-discovery", `The discovery document at ${url.host} names issuer ${fields.issuer}.`);
}

/** jwt-discovery: the URL's form always; the document itself only when the operator allows network checks. */
export async function jwtDiscoveryCheck(discoveryUrl: string, env: CheckEnv): Promise<CheckOutcome> {
  const url = wellFormed(discoveryUrl);
  if (typeof url === "string") {
    return fail(
      "jwt-discovery",
      `The discovery URL ${url}.`,
      `Use the https URL of your identity provider's discovery document, ending in ${DISCOVERY_SUFFIX}.`,
    );
  }
  if (!env.network)
    return pass(
      "jwt-discovery",
      "The discovery URL is well formed; it was not fetched (start the server with --preflight-network to fetch it).",
    );
  return fetchDocument(url, env);
}
