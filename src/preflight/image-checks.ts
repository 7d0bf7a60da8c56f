import type { ImageIdentifier } from "@aws-sdk/client-ecr";
import type { CheckEnv } from "./check-env.js";
import { errorName, fail, pass, unknown, unknownFromError } from "./outcome.js";
import type { CheckOutcome } from "./outcome.js";

interface ImageRef {
  readonly uri: string;
  readonly registryId: string;
  readonly region: string;
  readonly repository: string;
  readonly imageId: ImageIdentifier;
}

type ImageLookup =
  | { readonly kind: "found"; readonly manifest: string; readonly mediaType: string | undefined }
  | { readonly kind: "missing"; readonly detail: string; readonly fix: string }
  | { readonly kind: "error"; readonly error: unknown };

const PRIVATE_ECR = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^:@]+))?(?:@(.+))?$/;

/** Multi-platform kinds first, so that ECR hands over an index as it is instead of picking one platform. */
const ACCEPTED_MEDIA_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
];
const INDEX_MEDIA_TYPES = new Set(ACCEPTED_MEDIA_TYPES.slice(0, 2));

function parseImageUri(uri: string): ImageRef | undefined {
  const match = PRIVATE_ECR.exec(uri);
  if (match === null) return undefined;
  const [, registryId = "", region = "", repository = "", tag, digest] = match;
  const imageId: ImageIdentifier = digest !== undefined ? { imageDigest: digest } : { imageTag: tag ?? "latest" };
  return { uri, registryId, region, repository, imageId };
}

function pushFix(image: ImageRef): string {
  return `Build and push the image for linux/arm64: docker buildx build --platform linux/arm64 -t ${image.uri} --push .`;
}

async function getManifest(image: ImageRef, env: CheckEnv): Promise<ImageLookup> {
  try {
    const [{ BatchGetImageCommand }, client] = await Promise.all([env.clients.modules.ecr(), env.clients.ecr(image.region)]);
    const answer = await client.send(
      new BatchGetImageCommand({
        registryId: image.registryId,
        repositoryName: image.repository,
        imageIds: [image.imageId],
        acceptedMediaTypes: ACCEPTED_MEDIA_TYPES,
      }),
      { abortSignal: env.signal },
    );
    const found = answer.images?.[0];
    if (found?.imageManifest !== undefined)
      return { kind: "found", manifest: found.imageManifest, mediaType: found.imageManifestMediaType };
    const failure = answer.failures?.[0];
    const reference = image.imageId.imageDigest ?? `tag ${image.imageId.imageTag ?? "latest"}`;
    return {
      kind: "missing",
      detail: `The repository ${image.repository} has no image with ${reference} (${failure?.failureCode ?? "not returned"}).`,
      fix: pushFix(image),
    };
  } catch (error) {
    if (errorName(error) === "RepositoryNotFoundException") {
      return {
        kind: "missing",
        detail: `The repository ${image.repository} does not exist in registry ${image.registryId} (${image.region}).`,
        fix: `Create the repository and push the image: aws ecr create-repository --repository-name ${image.repository} --region ${image.region}; then ${pushFix(image)}`,
      };
    }
    return { kind: "error", error };
  }
}

async function checkExists(image: ImageRef, lookup: Promise<ImageLookup>, env: CheckEnv): Promise<CheckOutcome> {
  const found = await lookup;
  if (found.kind === "error")
    return unknownFromError("image-exists", found.error, "ecr:BatchGetImage", `read the image ${image.repository}`, env.budgetMs);
  if (found.kind === "missing") return fail("image-exists", found.detail, found.fix);
  return pass("image-exists", `The image ${image.repository} exists in ${image.region}.`);
}

interface Platform {
  readonly os: string;
  readonly architecture: string;
}

function platformsOf(manifest: string): Platform[] | undefined {
  try {
    const parsed: unknown = JSON.parse(manifest);
    const entries = (parsed as { manifests?: unknown } | null)?.manifests;
    if (!Array.isArray(entries)) return undefined;
    return entries.flatMap((entry: unknown) => {
      const platform = (entry as { platform?: { os?: unknown; architecture?: unknown } } | null)?.platform;
      return typeof platform?.os === "string" && typeof platform.architecture === "string"
        ? [{ os: platform.os, architecture: platform.architecture }]
        : [];
    });
  } catch {
    return undefined;
  }
}

async function checkArchitecture(image: ImageRef, lookup: Promise<ImageLookup>, env: CheckEnv): Promise<CheckOutcome> {
  const found = await lookup;
  if (found.kind === "error")
    return unknownFromError(
      "image-architecture",
      found.error,
      "ecr:BatchGetImage",
      `read the manifest of ${image.repository}`,
      env.budgetMs,
    );
  if (found.kind === "missing") return unknown("image-architecture", "The image was not found, so its platforms were not read.");
  if (found.mediaType === undefined || !INDEX_MEDIA_TYPES.has(found.mediaType)) {
    // A single-platform manifest names its architecture only in the config blob, which would take
    // ecr:GetDownloadUrlForLayer and a download from S3; the check stops short of that.
    return unknown(
      "image-architecture",
      "The image is a single-platform manifest; its architecture is recorded in the image config, which this check does not download. Push a multi-platform image (docker buildx) to have it checked.",
    );
  }
  const platforms = platformsOf(found.manifest);
  if (platforms === undefined) return unknown("image-architecture", "The image index could not be read as JSON.");
  if (platforms.some((platform) => platform.os === "linux" && platform.architecture === "arm64")) {
    return pass("image-architecture", "The image index provides linux/arm64.");
  }
  const listed = platforms.filter((platform) => platform.os !== "unknown").map((platform) => `${platform.os}/${platform.architecture}`);
  return fail(
    "image-architecture",
    `The image provides ${listed.length === 0 ? "no platform" : listed.join(", ")}, but AgentCore Runtime runs linux/arm64 containers.`,
    pushFix(image),
  );
}

/** image-exists and image-architecture, from one ecr:BatchGetImage in the image URI's account and region. */
export function imageChecks(containerUri: string, env: CheckEnv): Promise<CheckOutcome>[] {
  const image = parseImageUri(containerUri);
  if (image === undefined) {
    const detail = `${containerUri} is not a private ECR image URI, so it was not looked up.`;
    return [Promise.resolve(unknown("image-exists", detail)), Promise.resolve(unknown("image-architecture", detail))];
  }
  const lookup = getManifest(image, env);
  return [checkExists(image, lookup, env), checkArchitecture(image, lookup, env)];
}
