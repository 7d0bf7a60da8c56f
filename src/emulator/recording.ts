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
