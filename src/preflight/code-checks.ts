import type { CheckEnv } from "./check-env.js";
import { errorName, errorStatus, fail, pass, unknownFromError } from "./outcome.js";
import type { CheckOutcome } from "./outcome.js";

/**
 * The largest zipped package direct code deployment takes: 250 MB per the AgentCore quotas page
 * (docs/preflight.md), read as MiB since S3 reports bytes.
 */
export const MAX_CODE_ARCHIVE_BYTES = 250 * 1024 * 1024;

/** Where the code archive lives. */
export interface CodeLocation {
  readonly bucket: string;
  readonly prefix: string;
  readonly versionId?: string;
}

function describe(location: CodeLocation): string {
  return `s3://${location.bucket}/${location.prefix}${location.versionId === undefined ? "" : ` (version ${location.versionId})`}`;
}

/** code-archive: s3:HeadObject on the archive (and version), and its size against the service's limit. */
export async function codeArchiveCheck(location: CodeLocation, env: CheckEnv): Promise<CheckOutcome> {
  const where = describe(location);
  try {
    const [{ HeadObjectCommand }, client] = await Promise.all([env.clients.modules.s3(), env.clients.s3(env.region)]);
    const answer = await client.send(
      new HeadObjectCommand({
        Bucket: location.bucket,
        Key: location.prefix,
        ...(location.versionId === undefined ? {} : { VersionId: location.versionId }),
      }),
      { abortSignal: env.signal },
    );
    const size = answer.ContentLength ?? 0;
    if (size > MAX_CODE_ARCHIVE_BYTES) {
      return fail(
        "code-archive",
        `${where} is ${size} bytes; direct code deployment takes at most ${MAX_CODE_ARCHIVE_BYTES} bytes (250 MB) zipped.`,
        "Shrink the archive (leave out tests, caches and packages the runtime provides) or deploy a container image instead.",
      );
    }
    return pass("code-archive", `${where} exists (${size} bytes, within the 250 MB limit).`);
  } catch (error) {
    const name = errorName(error);
    if (name === "NotFound" || name === "NoSuchKey" || name === "NoSuchBucket" || name === "NoSuchVersion" || errorStatus(error) === 404) {
      return fail(
        "code-archive",
        `${where} does not exist.`,
        `Upload the zipped code: aws s3 cp agent.zip s3://${location.bucket}/${location.prefix}; or correct bucket, prefix and versionId.`,
      );
    }
    // Without s3:ListBucket, S3 answers 403 for a missing object too, so a refusal may hide a typo.
    return unknownFromError(
      "code-archive",
      error,
      location.versionId === undefined ? "s3:GetObject" : "s3:GetObjectVersion",
      `read ${where}`,
      env.budgetMs,
    );
  }
}
