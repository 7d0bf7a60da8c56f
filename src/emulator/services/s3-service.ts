import type { FixturePrincipal, SandboxAccount } from "./fixtures.js";
import { xmlFields } from "./wire.js";

// S3 speaks restXml: the bucket and key in the path (path-style, as the sandbox's one endpoint
// needs), metadata in headers. A HEAD answer has no body, so its errors are bare statuses.

const LAST_MODIFIED = "Wed, 15 Jan 2025 10:00:00 GMT";

/** An S3 answer; `contentLength` is what a HEAD answer declares for the object it has no body for. */
export interface S3Answer {
  readonly action: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly contentLength?: number;
}

/** An S3 error: XML with Code and Message, or (for HEAD) the status alone. */
export function s3Error(method: string, status: number, code: string, message: string, requestId: string, action = "HeadObject"): S3Answer {
  if (method === "HEAD") return { action, status, headers: { "x-amz-request-id": requestId }, body: Buffer.alloc(0) };
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${xmlFields({ Code: code, Message: message, RequestId: requestId })}</Error>`;
  return { action, status, headers: { "Content-Type": "application/xml", "x-amz-request-id": requestId }, body: Buffer.from(xml, "utf8") };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function etagOf(bucket: string, key: string, versionId: string): string {
  return `"${Buffer.from(`${bucket}/${key}/${versionId}`).toString("hex").slice(0, 32)}"`;
}

/** Answers an S3 request: HeadObject, and PutObject (so that a code package can be uploaded and hosted). */
export function handleS3(
  method: string,
  path: string,
  query: URLSearchParams,
  principal: FixturePrincipal,
  account: SandboxAccount,
  requestId: string,
  body: Buffer = Buffer.alloc(0),
): S3Answer {
  const [bucketSegment = "", ...keySegments] = path.slice(1).split("/");
  const bucket = decodeSegment(bucketSegment);
  const key = decodeSegment(keySegments.join("/"));
  if ((method !== "HEAD" && method !== "PUT") || bucket === undefined || key === undefined || key === "") {
    return s3Error(method, 405, "MethodNotAllowed", "The sandbox S3 serves HeadObject and PutObject only.", requestId, "Unsupported");
  }
  const action = method === "PUT" ? "PutObject" : "HeadObject";
  if (principal.denied) return s3Error(method, 403, "AccessDenied", "Access Denied", requestId, action);
  if (method === "PUT") {
    if (!account.bucketExists(bucket))
      return s3Error(method, 404, "NoSuchBucket", "The specified bucket does not exist", requestId, action);
    const versionId = account.putObject(bucket, key, new Uint8Array(body));
    return {
      action,
      status: 200,
      headers: { ETag: etagOf(bucket, key, versionId), "x-amz-version-id": versionId, "x-amz-request-id": requestId },
      body: Buffer.alloc(0),
    };
  }
  const object = account.object(bucket, key, query.get("versionId") ?? undefined);
  if (!account.bucketExists(bucket)) return s3Error(method, 404, "NoSuchBucket", "The specified bucket does not exist", requestId);
  if (object === undefined) return s3Error(method, 404, "NoSuchKey", "The specified key does not exist.", requestId);
  const versionId = query.get("versionId") ?? object.versions[0] ?? "null";
  if (!object.versions.includes(versionId))
    return s3Error(method, 404, "NoSuchVersion", "The specified version does not exist.", requestId);
  return {
    action: "HeadObject",
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      ETag: etagOf(bucket, key, versionId),
      "Last-Modified": LAST_MODIFIED,
      "x-amz-version-id": versionId,
      "x-amz-request-id": requestId,
    },
    body: Buffer.alloc(0),
    contentLength: object.size,
  };
}
