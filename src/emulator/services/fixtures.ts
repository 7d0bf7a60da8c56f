import { createHash } from "node:crypto";
import type { EmulatorCredential } from "../credentials.js";

// The sandbox's AWS account as seen by the pre-flight checks: the same account the control plane
// writes into runtime ARNs by default, so the demo's requests find their role, image and code here.
// Strict (the emulator's default, for tests that need not-found) it holds only the fixtures below;
// open (the sandbox's), every other well-formed name exists as a good resource, so a request with
// made-up names goes through while the fault fixtures keep failing their checks.

/** The account every fixture belongs to. */
export const FIXTURE_ACCOUNT = "123456789012";

/**
 * A second sandbox key whose principal is refused every pre-flight operation except
 * sts:GetCallerIdentity (which AWS never refuses). Pass it in the emulator's `credentials` to see
 * each check end `unknown` with the permission it needs.
 */
export const RESTRICTED_CREDENTIALS: EmulatorCredential = {
  accessKeyId: "AKIDRESTRICTEDEXAMPLE",
  secretAccessKey: "restricted/secret/EXAMPLEKEY/not-a-real-aws-key",
};

/** The IAM user a request's access key stands for. */
export interface FixturePrincipal {
  readonly arn: string;
  readonly userId: string;
  /** Refused everything but GetCallerIdentity. */
  readonly denied: boolean;
}

const OPERATOR: FixturePrincipal = {
  arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:user/sandbox-operator`,
  userId: "AIDASANDBOXOPERATOR01",
  denied: false,
};
const RESTRICTED: FixturePrincipal = {
  arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:user/restricted-operator`,
  userId: "AIDASANDBOXRESTRICTED",
  denied: true,
};

/** Every accepted key but the restricted one acts as the sandbox operator. */
export function principalFor(accessKeyId: string): FixturePrincipal {
  return accessKeyId === RESTRICTED_CREDENTIALS.accessKeyId ? RESTRICTED : OPERATOR;
}

/** Whether `arn` is a principal SimulatePrincipalPolicy can simulate. */
export function isKnownPrincipal(arn: string): boolean {
  return arn === OPERATOR.arn || arn === RESTRICTED.arn;
}

const TRUSTS_AGENTCORE = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "bedrock-agentcore.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": FIXTURE_ACCOUNT } },
    },
  ],
};

const TRUSTS_LAMBDA_ONLY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/** A role: its trust policy, and whether the sandbox operator may pass it. */
export interface FixtureRole {
  readonly name: string;
  readonly roleId: string;
  readonly trustPolicy: unknown;
  readonly passable: boolean;
}

/** The roles, by name. */
export const FIXTURE_ROLES: ReadonlyMap<string, FixtureRole> = new Map(
  [
    { name: "AgentRuntimeRole", roleId: "AROASANDBOXGOODROLE01", trustPolicy: TRUSTS_AGENTCORE, passable: true },
    { name: "LambdaOnlyRole", roleId: "AROASANDBOXLAMBDAONLY", trustPolicy: TRUSTS_LAMBDA_ONLY, passable: true },
    { name: "NotPassableRole", roleId: "AROASANDBOXNOTPASSABL", trustPolicy: TRUSTS_AGENTCORE, passable: false },
  ].map((role) => [role.name, role]),
);

/** A stored image: its manifest (or index) exactly as pushed, and that document's media type. */
export interface FixtureImage {
  readonly manifest: string;
  readonly mediaType: string;
}

function platformManifest(architecture: string, os = "linux"): Record<string, unknown> {
  return {
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    digest: `sha256:${createHash("sha256").update(`${os}/${architecture}`).digest("hex")}`,
    size: 1024,
    platform: { architecture, os },
  };
}

function imageIndex(platforms: readonly Record<string, unknown>[]): FixtureImage {
  return {
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifest: JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: platforms }),
  };
}

const SINGLE_MANIFEST: FixtureImage = {
  mediaType: "application/vnd.docker.distribution.manifest.v2+json",
  manifest: JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.docker.distribution.manifest.v2+json",
    config: { mediaType: "application/vnd.docker.container.image.v1+json", size: 1500, digest: `sha256:${"c".repeat(64)}` },
    layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", size: 30_000_000, digest: `sha256:${"d".repeat(64)}` }],
  }),
};

/** Repositories of the fixture registry, each with its tags. */
export const FIXTURE_REPOSITORIES: ReadonlyMap<string, ReadonlyMap<string, FixtureImage>> = new Map([
  // buildx's usual output: both platforms plus an attestation manifest (platform unknown/unknown).
  [
    "agent",
    new Map([["latest", imageIndex([platformManifest("arm64"), platformManifest("amd64"), platformManifest("unknown", "unknown")])]]),
  ],
  ["amd64-agent", new Map([["latest", imageIndex([platformManifest("amd64")])]])],
  ["seed-agent", new Map([["1.0.0", SINGLE_MANIFEST]])],
]);

/** An object of the fixture bucket: its size and the version ids it has (the first is current). */
export interface FixtureObject {
  readonly size: number;
  readonly versions: readonly string[];
}

/** Buckets, each with its objects by key. */
export const FIXTURE_BUCKETS: ReadonlyMap<string, ReadonlyMap<string, FixtureObject>> = new Map([
  [
    "agent-code-bucket",
    new Map([
      ["agents/demo.zip", { size: 1_048_576, versions: ["v1"] }],
      ["agents/code.zip", { size: 2_097_152, versions: ["v123", "v100"] }],
      ["agents/newest.zip", { size: 524_288, versions: ["v123"] }],
      ["agents/too-large.zip", { size: 300 * 1024 * 1024, versions: ["v1"] }],
    ]),
  ],
]);

/** A subnet: its VPC and zone (us-east-1 zone ids). */
export interface FixtureSubnet {
  readonly vpcId: string;
  readonly zone: string;
  readonly zoneId: string;
  readonly cidr: string;
}

/** The subnets, by id: two in the main VPC's supported zones, one in an unsupported zone, one in another VPC. */
export const FIXTURE_SUBNETS: ReadonlyMap<string, FixtureSubnet> = new Map([
  ["subnet-0123456789abcdef0", { vpcId: "vpc-0123456789abcdef0", zone: "us-east-1a", zoneId: "use1-az1", cidr: "10.0.1.0/24" }],
  ["subnet-0fedcba9876543210", { vpcId: "vpc-0123456789abcdef0", zone: "us-east-1b", zoneId: "use1-az2", cidr: "10.0.2.0/24" }],
  ["subnet-0a1b2c3d4e5f60708", { vpcId: "vpc-0123456789abcdef0", zone: "us-east-1e", zoneId: "use1-az3", cidr: "10.0.3.0/24" }],
  ["subnet-0aaaabbbbccccdddd", { vpcId: "vpc-0fedcba9876543210", zone: "us-east-1a", zoneId: "use1-az1", cidr: "10.1.1.0/24" }],
]);

/** Security groups, by id, with their VPC. */
export const FIXTURE_SECURITY_GROUPS: ReadonlyMap<string, { readonly vpcId: string; readonly name: string }> = new Map([
  ["sg-0123456789abcdef0", { vpcId: "vpc-0123456789abcdef0", name: "agent-runtime" }],
  ["sg-0fedcba9876543210", { vpcId: "vpc-0fedcba9876543210", name: "other-vpc" }],
]);

/** The main VPC, where made-up subnets and security groups of the open account lie. */
export const MAIN_VPC = "vpc-0123456789abcdef0";

const OPEN_IMAGE = imageIndex([platformManifest("arm64")]);
const OPEN_OBJECT_BYTES = 512 * 1024;
const MAX_UPLOADS = 16;

function madeUpId(prefix: string, name: string, length: number): string {
  return `${prefix}${createHash("sha256").update(name).digest("hex").toUpperCase()}`.slice(0, length);
}

/** How AWS shortens a region in zone ids: us-east-1 → use1, ap-southeast-2 → apse2, us-gov-west-1 → usgw1. */
function zoneIdPrefix(region: string): string {
  return region
    .split("-")
    .map((word, index) => {
      if (index === 0 || /^\d+$/.test(word)) return word;
      const short = word.replace(/north|south|east|west|central/g, (compass) => compass.charAt(0));
      return short === word ? word.charAt(0) : short;
    })
    .join("");
}

/** The resources of the sandbox account, as the pre-flight services look them up. */
export interface SandboxAccount {
  role(name: string): FixtureRole | undefined;
  /** A repository's tagged images (a made-up repository of the open account has none, see fallbackImage). */
  repository(name: string): ReadonlyMap<string, FixtureImage> | undefined;
  /** For a reference the repository does not hold: the image the open account answers with. */
  fallbackImage(repository: string): FixtureImage | undefined;
  bucketExists(bucket: string): boolean;
  object(bucket: string, key: string, versionId: string | undefined): FixtureObject | undefined;
  /** Stores an uploaded object as a new version of its key (bucket checked by the caller); returns the version id. */
  putObject(bucket: string, key: string, data: Uint8Array): string;
  /** The bytes of an uploaded object (current version when `versionId` is absent); fixtures have none. */
  objectBytes(bucket: string, key: string, versionId: string | undefined): Uint8Array | undefined;
  subnet(id: string, region: string): FixtureSubnet | undefined;
  securityGroup(id: string): { readonly vpcId: string; readonly name: string } | undefined;
}

/** The account the services answer for: the fixtures alone, or (open) the fixtures plus a good resource for every other name. */
export function createSandboxAccount(open: boolean): SandboxAccount {
  // Uploaded objects, "bucket/key/version" → bytes; the oldest go first, so uploads stay bounded in memory.
  const uploads = new Map<string, Uint8Array>();
  const versionsOf = new Map<string, string[]>();
  let uploaded = 0;
  const uploadedObject = (bucket: string, key: string): FixtureObject | undefined => {
    const versions = versionsOf.get(`${bucket}/${key}`)?.filter((version) => uploads.has(`${bucket}/${key}/${version}`));
    if (versions === undefined || versions.length === 0) return undefined;
    return { size: uploads.get(`${bucket}/${key}/${versions[0] ?? ""}`)?.length ?? 0, versions };
  };
  return {
    role: (name) =>
      FIXTURE_ROLES.get(name) ??
      (open ? { name, roleId: madeUpId("AROA", name, 21), trustPolicy: TRUSTS_AGENTCORE, passable: true } : undefined),
    repository: (name) => FIXTURE_REPOSITORIES.get(name) ?? (open ? new Map() : undefined),
    // A fault fixture stays what it is under any tag; a made-up repository holds an arm64 image.
    fallbackImage: (repository) => (open ? ([...(FIXTURE_REPOSITORIES.get(repository)?.values() ?? [])][0] ?? OPEN_IMAGE) : undefined),
    bucketExists: (bucket) => open || FIXTURE_BUCKETS.has(bucket),
    object: (bucket, key, versionId) =>
      uploadedObject(bucket, key) ??
      FIXTURE_BUCKETS.get(bucket)?.get(key) ??
      (open ? { size: OPEN_OBJECT_BYTES, versions: [versionId ?? "v1"] } : undefined),
    putObject: (bucket, key, data) => {
      uploaded += 1;
      const versionId = `upload-${uploaded}`;
      uploads.set(`${bucket}/${key}/${versionId}`, data);
      versionsOf.set(`${bucket}/${key}`, [versionId, ...(versionsOf.get(`${bucket}/${key}`) ?? [])]);
      if (uploads.size > MAX_UPLOADS) {
        const oldest = uploads.keys().next().value;
        if (oldest !== undefined) uploads.delete(oldest);
      }
      return versionId;
    },
    objectBytes: (bucket, key, versionId) => {
      const version = versionId ?? uploadedObject(bucket, key)?.versions[0];
      return version === undefined ? undefined : uploads.get(`${bucket}/${key}/${version}`);
    },
    subnet: (id, region) => {
      const fixture = FIXTURE_SUBNETS.get(id);
      if (fixture !== undefined || !open) return fixture;
      // Two supported zones, picked by the id, so that a pair of made-up subnets usually spans both.
      const second = (createHash("sha256").update(id).digest()[0] ?? 0) % 2 === 1;
      return {
        vpcId: MAIN_VPC,
        zone: `${region}${second ? "b" : "a"}`,
        zoneId: `${zoneIdPrefix(region)}-az${second ? 2 : 1}`,
        cidr: second ? "10.0.12.0/24" : "10.0.11.0/24",
      };
    },
    securityGroup: (id) => FIXTURE_SECURITY_GROUPS.get(id) ?? (open ? { vpcId: MAIN_VPC, name: "made-up" } : undefined),
  };
}
