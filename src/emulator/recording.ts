import type { IncomingHttpHeaders } from "node:http";

/** One API request as the emulator received it, kept for assertions. */
export interface RecordedRequest {
  readonly method: string;
  /** The raw path, without the query. */
  readonly path: string;
  /** Query parameters, decoded; a repeated parameter keeps its last value. */
  readonly query: Readonly<Record<string, string>>;
  /** Node's header object: lower-case names, repeated values joined. */
  readonly headers: IncomingHttpHeaders;
  /** The body bytes; for a body over the size limit, only the prefix read before reading stopped. */
  readonly rawBody: Buffer;
  readonly bodyText: string;
  readonly signatureValid: boolean;
  /** Why the signature was refused, as `<ErrorType>: <message>`. */
  readonly signatureError?: string;
  /** The region of the signature's credential scope, when the header could be parsed. */
  readonly signingRegion?: string;
  /** The model operation the method and path route to, if any. */
  readonly operation?: string;
  /** Epoch milliseconds on the emulator's clock when the request was received. */
  readonly time: number;
}

/** The JSON form the control endpoint serves: the body as base64 instead of a Buffer. */
export function recordedRequestToJson(request: RecordedRequest): Record<string, unknown> {
  return { ...request, rawBody: request.rawBody.toString("base64") };
}

/** The header carrying the control token; named here because a recording must never hold it. */
export const CONTROL_TOKEN_HEADER = "x-emulator-control-token";

// Headers that carry secrets or replayable proofs; a recording served over HTTP must not hold them.
const SECRET_HEADERS: ReadonlySet<string> = new Set(["authorization", "proxy-authorization", "x-amz-security-token", "cookie"]);
// The same proofs in a presigned URL's query.
const SECRET_QUERY = /^x-amz-(signature|credential|security-token)$/i;
const MASK = "***";

/** Headers fit for a recording others may read: every credential, token and signature left out. */
export function redactedHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !SECRET_HEADERS.has(name) && name !== CONTROL_TOKEN_HEADER));
}

/** Query parameters fit for a recording: a presigned request's signature, credential and token masked. */
export function redactedQuery(query: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, SECRET_QUERY.test(name) ? MASK : value]));
}
