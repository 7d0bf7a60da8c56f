import { createHash } from "node:crypto";
import type { WireResponse } from "../errors.js";
import { FIXTURE_ACCOUNT } from "./fixtures.js";
import type { FixtureImage, FixturePrincipal, SandboxAccount } from "./fixtures.js";

// ECR speaks awsJson1_1: POST / with `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Op>`,
// JSON both ways, errors as `{"__type": …, "message": …}`.

const TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
const CONTENT_TYPE = "application/x-amz-json-1.1";

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { "Content-Type": CONTENT_TYPE }, body: Buffer.from(JSON.stringify(value), "utf8") };
}

/** An awsJson1_1 error answer. */
export function ecrError(status: number, type: string, message: string): WireResponse {
  return json(status, { __type: type, message });
}

function digestOf(image: FixtureImage): string {
  return `sha256:${createHash("sha256").update(image.manifest).digest("hex")}`;
}

interface ImageId {
  readonly imageTag?: unknown;
  readonly imageDigest?: unknown;
}

function findImage(
  tags: ReadonlyMap<string, FixtureImage>,
  id: ImageId,
  fallback: FixtureImage | undefined,
): { tag: string; image: FixtureImage } | undefined {
  for (const [tag, image] of tags) {
    if (typeof id.imageDigest === "string" ? digestOf(image) === id.imageDigest : id.imageTag === tag) return { tag, image };
  }
  return fallback === undefined ? undefined : { tag: typeof id.imageTag === "string" ? id.imageTag : "latest", image: fallback };
}

function batchGetImage(body: Record<string, unknown>, account: SandboxAccount): WireResponse {
  const registryId = typeof body["registryId"] === "string" ? body["registryId"] : FIXTURE_ACCOUNT;
  const repositoryName = typeof body["repositoryName"] === "string" ? body["repositoryName"] : "";
  const tags = registryId === FIXTURE_ACCOUNT ? account.repository(repositoryName) : undefined;
  if (tags === undefined) {
    return ecrError(
      400,
      "RepositoryNotFoundException",
      `The repository with name '${repositoryName}' does not exist in the registry with id '${registryId}'`,
    );
  }
  const accepted = Array.isArray(body["acceptedMediaTypes"])
    ? body["acceptedMediaTypes"].filter((type): type is string => typeof type === "string")
    : undefined;
  const ids = Array.isArray(body["imageIds"]) ? (body["imageIds"] as ImageId[]) : [];
  const images: unknown[] = [];
  const failures: unknown[] = [];
  for (const id of ids) {
    const found = findImage(tags, id, account.fallbackImage(repositoryName));
    if (found === undefined) {
      failures.push({ imageId: id, failureCode: "ImageNotFound", failureReason: "Requested image not found" });
    } else if (accepted !== undefined && !accepted.includes(found.image.mediaType)) {
      failures.push({
        imageId: id,
        failureCode: "UnsupportedImageType",
        failureReason: "The image's media type is not among the accepted media types",
      });
    } else {
      images.push({
        registryId,
        repositoryName,
        imageId: { imageDigest: digestOf(found.image), imageTag: found.tag },
        imageManifest: found.image.manifest,
        imageManifestMediaType: found.image.mediaType,
      });
    }
  }
  return json(200, { images, failures });
}

/** Answers an ECR request; `target` is the X-Amz-Target header. */
export function handleEcr(
  target: string | undefined,
  bodyText: string,
  principal: FixturePrincipal,
  account: SandboxAccount,
): { readonly action: string; readonly response: WireResponse } {
  const action = target?.startsWith(TARGET_PREFIX) === true ? target.slice(TARGET_PREFIX.length) : "";
  if (action !== "BatchGetImage")
    return { action, response: ecrError(400, "UnknownOperationException", `Unknown operation ${target ?? "(no X-Amz-Target)"}`) };
  let body: unknown;
  try {
    body = JSON.parse(bodyText === "" ? "{}" : bodyText);
  } catch {
    return { action, response: ecrError(400, "SerializationException", "The request body is not JSON.") };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { action, response: ecrError(400, "SerializationException", "The request body is not a JSON object.") };
  if (principal.denied) {
    const repository = String((body as Record<string, unknown>)["repositoryName"] ?? "");
    return {
      action,
      response: ecrError(
        400,
        "AccessDeniedException",
        `User: ${principal.arn} is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:${FIXTURE_ACCOUNT}:repository/${repository}`,
      ),
    };
  }
  return { action, response: batchGetImage(body as Record<string, unknown>, account) };
}
