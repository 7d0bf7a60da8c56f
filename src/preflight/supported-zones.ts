/**
 * Availability Zone IDs where AgentCore Runtime can place VPC network interfaces, by region. From
 * the "Supported Availability Zones" table of the AgentCore developer guide's VPC page (docs/preflight.md,
 * "Pre-flight checks", cites it). Zone IDs, not names: `us-east-1a` maps to different zones in
 * different accounts. A region missing here makes vpc-zones `unknown`, never `fail`, since the
 * service adds regions faster than this list is updated.
 */
export const SUPPORTED_ZONE_IDS: Readonly<Record<string, readonly string[]>> = {
  "us-east-1": ["use1-az1", "use1-az2", "use1-az4"],
  "us-east-2": ["use2-az1", "use2-az2", "use2-az3"],
  "us-west-2": ["usw2-az1", "usw2-az2", "usw2-az3"],
  "ap-south-1": ["aps1-az1", "aps1-az2", "aps1-az3"],
  "ap-southeast-1": ["apse1-az1", "apse1-az2", "apse1-az3"],
  "ap-southeast-2": ["apse2-az1", "apse2-az2", "apse2-az3"],
  "ap-northeast-1": ["apne1-az1", "apne1-az2", "apne1-az4"],
  "eu-west-1": ["euw1-az1", "euw1-az2", "euw1-az3"],
  "eu-central-1": ["euc1-az1", "euc1-az2", "euc1-az3"],
};
