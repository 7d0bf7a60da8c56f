import type { SecurityGroup, Subnet } from "@aws-sdk/client-ec2";
import type { CheckEnv } from "./check-env.js";
import { errorName, fail, pass, unknown, unknownFromError } from "./outcome.js";
import type { CheckOutcome } from "./outcome.js";
import { SUPPORTED_ZONE_IDS } from "./supported-zones.js";

/** The VPC placement the request asks for. */
export interface VpcPlacement {
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
}

type Lookup<T> =
  | { readonly kind: "found"; readonly items: readonly T[] }
  | { readonly kind: "missing"; readonly ids: readonly string[] }
  | { readonly kind: "error"; readonly error: unknown };

/** The requested ids an EC2 NotFound message names; EC2 only ever quotes ids it was sent. */
function missingIds(error: unknown, requested: readonly string[]): string[] {
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === "string" ? message : "";
  const named = requested.filter((id) => text.includes(id));
  return named.length > 0 ? named : [...requested];
}

async function describeSubnets(ids: readonly string[], env: CheckEnv): Promise<Lookup<Subnet>> {
  try {
    const [{ DescribeSubnetsCommand }, client] = await Promise.all([env.clients.modules.ec2(), env.clients.ec2(env.region)]);
    const answer = await client.send(new DescribeSubnetsCommand({ SubnetIds: [...ids] }), { abortSignal: env.signal });
    return { kind: "found", items: answer.Subnets ?? [] };
  } catch (error) {
    if (errorName(error) === "InvalidSubnetID.NotFound") return { kind: "missing", ids: missingIds(error, ids) };
    return { kind: "error", error };
  }
}

async function describeGroups(ids: readonly string[], env: CheckEnv): Promise<Lookup<SecurityGroup>> {
  try {
    const [{ DescribeSecurityGroupsCommand }, client] = await Promise.all([env.clients.modules.ec2(), env.clients.ec2(env.region)]);
    const answer = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: [...ids] }), { abortSignal: env.signal });
    return { kind: "found", items: answer.SecurityGroups ?? [] };
  } catch (error) {
    if (errorName(error) === "InvalidGroup.NotFound" || errorName(error) === "InvalidGroupId.Malformed")
      return { kind: "missing", ids: missingIds(error, ids) };
    return { kind: "error", error };
  }
}

function vpcsOf(items: readonly { readonly VpcId?: string | undefined }[]): string[] {
  return [...new Set(items.map((item) => item.VpcId ?? "?"))];
}

async function checkSubnets(placement: VpcPlacement, subnets: Promise<Lookup<Subnet>>, env: CheckEnv): Promise<CheckOutcome> {
  const found = await subnets;
  if (found.kind === "error")
    return unknownFromError("vpc-subnets", found.error, "ec2:DescribeSubnets", "describe the subnets", env.budgetMs);
  if (found.kind === "missing") {
    return fail(
      "vpc-subnets",
      `These subnets do not exist in ${env.region}: ${found.ids.join(", ")}.`,
      "Correct networkModeConfig.subnets to subnets of your VPC in the runtime's region.",
    );
  }
  const vpcs = vpcsOf(found.items);
  if (vpcs.length > 1) {
    const byVpc = vpcs.map(
      (vpc) =>
        `${vpc}: ${found.items
          .filter((subnet) => (subnet.VpcId ?? "?") === vpc)
          .map((subnet) => subnet.SubnetId ?? "?")
          .join(", ")}`,
    );
    return fail(
      "vpc-subnets",
      `The subnets lie in ${vpcs.length} VPCs (${byVpc.join("; ")}); they must all be in one.`,
      "Keep only the subnets of one VPC in networkModeConfig.subnets.",
    );
  }
  return pass("vpc-subnets", `All ${placement.subnets.length} subnets exist in ${vpcs[0] ?? "one VPC"}.`);
}

async function checkGroups(
  placement: VpcPlacement,
  groups: Promise<Lookup<SecurityGroup>>,
  subnets: Promise<Lookup<Subnet>>,
  env: CheckEnv,
): Promise<CheckOutcome> {
  const [found, subnetLookup] = await Promise.all([groups, subnets]);
  if (found.kind === "error")
    return unknownFromError("vpc-security-groups", found.error, "ec2:DescribeSecurityGroups", "describe the security groups", env.budgetMs);
  if (found.kind === "missing") {
    return fail(
      "vpc-security-groups",
      `These security groups do not exist in ${env.region}: ${found.ids.join(", ")}.`,
      "Correct networkModeConfig.securityGroups to groups of the subnets' VPC.",
    );
  }
  const subnetVpcs = subnetLookup.kind === "found" ? vpcsOf(subnetLookup.items) : [];
  const expected = subnetVpcs.length === 1 ? subnetVpcs[0] : undefined;
  const strays = found.items.filter((group) => (expected === undefined ? false : group.VpcId !== expected));
  if (strays.length > 0) {
    return fail(
      "vpc-security-groups",
      `Security groups ${strays.map((group) => `${group.GroupId ?? "?"} (${group.VpcId ?? "?"})`).join(", ")} are not in the subnets' VPC ${expected ?? ""}.`,
      `Use security groups of ${expected ?? "the subnets' VPC"}.`,
    );
  }
  const vpcs = vpcsOf(found.items);
  if (vpcs.length > 1)
    return fail(
      "vpc-security-groups",
      `The security groups lie in ${vpcs.length} VPCs (${vpcs.join(", ")}).`,
      "Use security groups of one VPC.",
    );
  return pass("vpc-security-groups", `All ${placement.securityGroups.length} security groups exist in ${vpcs[0] ?? "one VPC"}.`);
}

async function checkZones(subnets: Promise<Lookup<Subnet>>, env: CheckEnv): Promise<CheckOutcome> {
  const supported = SUPPORTED_ZONE_IDS[env.region];
  if (supported === undefined) return unknown("vpc-zones", `No list of supported zones is known for ${env.region}.`);
  const found = await subnets;
  if (found.kind === "error")
    return unknownFromError("vpc-zones", found.error, "ec2:DescribeSubnets", "describe the subnets", env.budgetMs);
  if (found.kind === "missing") return unknown("vpc-zones", "Some subnets do not exist, so their zones were not read.");
  const outside = found.items.filter((subnet) => subnet.AvailabilityZoneId === undefined || !supported.includes(subnet.AvailabilityZoneId));
  if (outside.length > 0) {
    return fail(
      "vpc-zones",
      `Subnets ${outside.map((subnet) => `${subnet.SubnetId ?? "?"} (${subnet.AvailabilityZoneId ?? "no zone id"})`).join(", ")} lie outside the zones AgentCore supports in ${env.region} (${supported.join(", ")}).`,
      `Use subnets in ${supported.join(", ")}; find a subnet's zone id with aws ec2 describe-subnets --subnet-ids ID --query 'Subnets[].AvailabilityZoneId'.`,
    );
  }
  return pass("vpc-zones", `Every subnet lies in a supported zone of ${env.region}.`);
}

/** vpc-subnets, vpc-security-groups and vpc-zones; the two EC2 calls run side by side. */
export function vpcChecks(placement: VpcPlacement, env: CheckEnv): Promise<CheckOutcome>[] {
  const subnets = describeSubnets(placement.subnets, env);
  const groups = describeGroups(placement.securityGroups, env);
  return [checkSubnets(placement, subnets, env), checkGroups(placement, groups, subnets, env), checkZones(subnets, env)];
}
