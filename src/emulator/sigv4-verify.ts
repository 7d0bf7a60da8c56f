import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { EmulatorCredential } from "./credentials.js";

/** A request as it arrived on the wire: nothing decoded, nothing merged. */
export interface ReceivedRequest {
  readonly method: string;
  /** The request target exactly as received: the raw (percent-encoded) path plus an optional `?query`. */
  readonly target: string;
  /** Header name/value pairs in arrival order (node's `rawHeaders`, paired), names in any case. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
}

/** What the verifier checks a request against. */
export interface VerifyOptions {
  /** The signing name the credential scope must carry (`bedrock-agentcore`; `service` for the AWS test vectors). */
  readonly service: string;
  /** The verifier's clock, in epoch milliseconds. */
  readonly now: number;
  /** Accepted keys by access key id. */
  readonly credentials: ReadonlyMap<string, EmulatorCredential>;
  /** Whether the endpoint answers for the scope's region; absent means every region. */
  readonly servesRegion?: (region: string) => boolean;
}

/** The error types AWS front ends answer authentication failures with. */
export type SigV4ErrorType =
  "MissingAuthenticationTokenException" | "IncompleteSignatureException" | "InvalidSignatureException" | "UnrecognizedClientException";

/** The verdict on one request; `region` is the scope's region whenever the header could be parsed. */
export type VerifyResult =
  | { readonly valid: true; readonly accessKeyId: string; readonly region: string }
  | { readonly valid: false; readonly errorType: SigV4ErrorType; readonly message: string; readonly region?: string };

const ALGORITHM = "AWS4-HMAC-SHA256";
const TERMINATOR = "aws4_request";
const MAX_SKEW_MS = 5 * 60 * 1000;
const AMZ_DATE = /^(\d{8})T\d{6}Z$/;
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;
const INVALID_TOKEN = "The security token included in the request is invalid.";
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 requires. */
function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function headerValues(request: ReceivedRequest, lowerName: string): string[] {
  return request.headers.filter(([name]) => name.toLowerCase() === lowerName).map(([, value]) => value);
}

function firstHeader(request: ReceivedRequest, lowerName: string): string | undefined {
  return headerValues(request, lowerName)[0];
}

/** Formats epoch milliseconds the way SigV4 writes times: `20150830T123600Z`. */
function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function parseAmzDate(value: string): number {
  return Date.parse(
    `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`,
  );
}

/**
 * The canonical URI of a non-S3 service: the raw path with `.`/`..`/empty segments removed, then each
 * segment percent-encoded again. The raw path is already encoded once by the client, so the result
 * is the double encoding the SigV4 specification asks of every service but S3.
 */
function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  return `/${segments.map(uriEscape).join("/")}${trailing}`;
}

function canonicalQuery(rawQuery: string): string {
  return rawQuery
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair): [string, string] => {
      const eq = pair.indexOf("=");
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? "" : pair.slice(eq + 1);
      return [uriEscape(decodeOrKeep(key)), uriEscape(decodeOrKeep(value))];
    })
    .sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

/**
 * Builds the SigV4 canonical request from the raw request: method, canonical URI, canonical query
 * string, the signed headers' values (repeated headers joined with `,`, whitespace trimmed and
 * collapsed), the signed header list and the payload hash.
 */
export function buildCanonicalRequest(request: ReceivedRequest, signedHeaders: readonly string[], payloadHash: string): string {
  const queryAt = request.target.indexOf("?");
  const rawPath = queryAt < 0 ? request.target : request.target.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? "" : request.target.slice(queryAt + 1);
  const headerLines = signedHeaders.map(
    (name) =>
      `${name}:${headerValues(request, name)
        .map((value) => value.trim().replace(/\s+/g, " "))
        .join(",")}\n`,
  );
  return [request.method, canonicalUri(rawPath), canonicalQuery(rawQuery), headerLines.join(""), signedHeaders.join(";"), payloadHash].join(
    "\n",
  );
}

function parseAuthorization(header: string): ParsedAuthorization | string {
  if (!header.startsWith(`${ALGORITHM} `)) return `Authorization header must use the ${ALGORITHM} algorithm.`;
  const params = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ["Credential", "Signature", "SignedHeaders"].filter((name) => (params.get(name) ?? "") === "");
  if (missing.length > 0) return missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" ");
  const credential = params.get("Credential") ?? "";
  const signedHeaders = params.get("SignedHeaders") ?? "";
  const signature = params.get("Signature") ?? "";
  const [accessKeyId, date, region, service, terminator, ...extra] = credential.split("/");
  if (
    accessKeyId === undefined ||
    date === undefined ||
    region === undefined ||
    service === undefined ||
    terminator === undefined ||
    extra.length > 0
  ) {
    return "Credential must have the form <access key id>/<date>/<region>/<service>/aws4_request.";
  }
  return { accessKeyId, date, region, service, terminator, signedHeaders: signedHeaders.split(";"), signature };
}

function fail(errorType: SigV4ErrorType, message: string, region?: string): VerifyResult {
  return region === undefined ? { valid: false, errorType, message } : { valid: false, errorType, message, region };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

function checkClock(amzDate: string, now: number): string | undefined {
  const signedAt = parseAmzDate(amzDate);
  if (signedAt < now - MAX_SKEW_MS) {
    return `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${formatAmzDate(now)} - 5 min.)`;
  }
  if (signedAt > now + MAX_SKEW_MS) {
    return `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${formatAmzDate(now)} + 5 min.)`;
  }
  return undefined;
}

function checkSessionToken(request: ReceivedRequest, auth: ParsedAuthorization, expected: string | undefined): boolean {
  const sent = firstHeader(request, "x-amz-security-token");
  if (expected === undefined) return sent === undefined;
  return sent !== undefined && auth.signedHeaders.includes("x-amz-security-token") && sameSecret(sent, expected);
}

/**
 * Verifies a SigV4 `Authorization` header against the raw request, in the order an AWS front end
 * reports problems: header syntax, scope (date, terminator, region, service), clock (±5 minutes), key, session token, payload hash, and
 * finally the signature itself (compared in constant time).
 */
export function verifySigV4(request: ReceivedRequest, options: VerifyOptions): VerifyResult {
  const header = firstHeader(request, "authorization");
  if (header === undefined) return fail("MissingAuthenticationTokenException", "Missing Authentication Token");
  const auth = parseAuthorization(header);
  if (typeof auth === "string") return fail("IncompleteSignatureException", auth);
  const { region } = auth;
  const amzDate = firstHeader(request, "x-amz-date");
  const dateMatch = amzDate === undefined ? null : AMZ_DATE.exec(amzDate);
  if (amzDate === undefined || dateMatch === null) {
    return fail("IncompleteSignatureException", "Authorization header requires existence of a valid 'X-Amz-Date' header.", region);
  }
  if (dateMatch[1] !== auth.date) {
    return fail(
      "InvalidSignatureException",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${dateMatch[1] ?? ""}', from '${amzDate}'.`,
      region,
    );
  }
  if (auth.terminator !== TERMINATOR) {
    return fail(
      "InvalidSignatureException",
      `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${auth.terminator}'.`,
      region,
    );
  }
  // A regional AWS endpoint refuses a scope for any other region this way (403, before the key is looked at).
  if (options.servesRegion !== undefined && !options.servesRegion(region)) {
    return fail("InvalidSignatureException", `Credential should be scoped to a valid region, not '${region}'.`, region);
  }
  if (auth.service !== options.service) {
    return fail("InvalidSignatureException", `Credential should be scoped to correct service: '${options.service}'.`, region);
  }
  const clockProblem = checkClock(amzDate, options.now);
  if (clockProblem !== undefined) return fail("InvalidSignatureException", clockProblem, region);
  const credential = options.credentials.get(auth.accessKeyId);
  if (credential === undefined || !checkSessionToken(request, auth, credential.sessionToken)) {
    return fail("UnrecognizedClientException", INVALID_TOKEN, region);
  }
  if (!auth.signedHeaders.includes("host")) {
    return fail("InvalidSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", region);
  }
  const payloadHash = sha256Hex(request.body);
  const declaredHash = firstHeader(request, "x-amz-content-sha256");
  // A declared hash goes into the canonical request in place of the body, so it must be the body's:
  // otherwise the body could be swapped under a valid signature. Unsigned payloads are an S3 feature.
  if (declaredHash !== undefined && declaredHash !== payloadHash) {
    return fail("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.", region);
  }
  const scope = `${auth.date}/${auth.region}/${auth.service}/${TERMINATOR}`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(buildCanonicalRequest(request, auth.signedHeaders, payloadHash))].join("\n");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${credential.secretAccessKey}`, auth.date), auth.region), auth.service), TERMINATOR);
  const expected = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest();
  const provided = HEX_SIGNATURE.test(auth.signature) ? Buffer.from(auth.signature, "hex") : Buffer.alloc(0);
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return fail("InvalidSignatureException", SIGNATURE_MISMATCH, region);
  }
  return { valid: true, accessKeyId: auth.accessKeyId, region };
}
