// The sandbox S3's PutObject (the upload a hosted code package starts from), judged by the official SDK.
import { HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { type Emulator, SANDBOX_CREDENTIALS, startEmulator } from "../../src/emulator/index.js";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function s3Client(): Promise<S3Client> {
  emulator = await startEmulator({ port: 0 });
  return new S3Client({
    endpoint: emulator.url,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: SANDBOX_CREDENTIALS.accessKeyId, secretAccessKey: SANDBOX_CREDENTIALS.secretAccessKey },
  });
}

describe("the sandbox S3's PutObject", () => {
  it("stores each upload as a new current version that HeadObject then describes", async () => {
    const s3 = await s3Client();
    const Key = "agents/uploaded.zip";
    const first = await s3.send(new PutObjectCommand({ Bucket: "agent-code-bucket", Key, Body: new Uint8Array(10) }));
    const second = await s3.send(new PutObjectCommand({ Bucket: "agent-code-bucket", Key, Body: new Uint8Array(25) }));
    expect(first.VersionId).toBeDefined();
    expect(second.VersionId).not.toBe(first.VersionId);
    expect(await s3.send(new HeadObjectCommand({ Bucket: "agent-code-bucket", Key }))).toMatchObject({
      ContentLength: 25,
      VersionId: second.VersionId,
    });
    expect(await s3.send(new HeadObjectCommand({ Bucket: "agent-code-bucket", Key, VersionId: first.VersionId }))).toMatchObject({
      VersionId: first.VersionId,
    });
    expect(emulator?.requests.map((request) => request.operation)).toEqual([
      "s3:PutObject",
      "s3:PutObject",
      "s3:HeadObject",
      "s3:HeadObject",
    ]);
    s3.destroy();
  });

  it("refuses an upload to a bucket the account does not have", async () => {
    const s3 = await s3Client();
    await expect(s3.send(new PutObjectCommand({ Bucket: "no-such-bucket", Key: "a.zip", Body: "x" }))).rejects.toMatchObject({
      name: "NoSuchBucket",
      $metadata: { httpStatusCode: 404 },
    });
    s3.destroy();
  });
});
