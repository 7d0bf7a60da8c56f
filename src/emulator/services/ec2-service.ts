import type { WireResponse } from "../errors.js";
import { FIXTURE_ACCOUNT, FIXTURE_SECURITY_GROUPS, FIXTURE_SUBNETS } from "./fixtures.js";
import type { FixturePrincipal, SandboxAccount } from "./fixtures.js";
import { queryList, xmlFields, xmlResponse } from "./wire.js";

// EC2 speaks its own query protocol: lists as `Name.N`, lower-camel XML members, `item` list
// entries, a `requestId` element, and errors as <Response><Errors><Error> with `RequestID`.

const EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

/** An EC2 error answer. */
export function ec2Error(status: number, code: string, message: string, requestId: string): WireResponse {
  return xmlResponse(
    status,
    `<Response><Errors><Error>${xmlFields({ Code: code, Message: message })}</Error></Errors>${xmlFields({ RequestID: requestId })}</Response>`,
  );
}

function ec2Result(action: string, inner: string, requestId: string): WireResponse {
  return xmlResponse(200, `<${action}Response xmlns="${EC2_NS}">${xmlFields({ requestId })}${inner}</${action}Response>`);
}

function describeSubnets(params: URLSearchParams, account: SandboxAccount, region: string, requestId: string): WireResponse {
  const ids = queryList(params, "SubnetId");
  const wanted = ids.length === 0 ? [...FIXTURE_SUBNETS.keys()] : ids;
  const missing = wanted.filter((id) => account.subnet(id, region) === undefined);
  if (missing.length > 0) {
    const quoted = missing.map((id) => `'${id}'`).join(", ");
    return ec2Error(
      400,
      "InvalidSubnetID.NotFound",
      `The subnet ID${missing.length > 1 ? "s" : ""} ${quoted} ${missing.length > 1 ? "do" : "does"} not exist`,
      requestId,
    );
  }
  const items = wanted.map((id) => {
    const subnet = account.subnet(id, region);
    return `<item>${xmlFields({
      subnetId: id,
      subnetArn: `arn:aws:ec2:${region}:${FIXTURE_ACCOUNT}:subnet/${id}`,
      state: "available",
      vpcId: subnet?.vpcId,
      ownerId: FIXTURE_ACCOUNT,
      cidrBlock: subnet?.cidr,
      availableIpAddressCount: "251",
      availabilityZone: subnet?.zone,
      availabilityZoneId: subnet?.zoneId,
      defaultForAz: "false",
      mapPublicIpOnLaunch: "false",
    })}</item>`;
  });
  return ec2Result("DescribeSubnets", `<subnetSet>${items.join("")}</subnetSet>`, requestId);
}

function describeSecurityGroups(params: URLSearchParams, account: SandboxAccount, requestId: string): WireResponse {
  const ids = queryList(params, "GroupId");
  const wanted = ids.length === 0 ? [...FIXTURE_SECURITY_GROUPS.keys()] : ids;
  const missing = wanted.filter((id) => account.securityGroup(id) === undefined);
  if (missing.length > 0) {
    return ec2Error(
      400,
      "InvalidGroup.NotFound",
      `The security group${missing.length > 1 ? "s" : ""} ${missing.map((id) => `'${id}'`).join(", ")} ${missing.length > 1 ? "do" : "does"} not exist`,
      requestId,
    );
  }
  const items = wanted.map((id) => {
    const group = account.securityGroup(id);
    return `<item>${xmlFields({ ownerId: FIXTURE_ACCOUNT, groupId: id, groupName: group?.name, groupDescription: "sandbox fixture", vpcId: group?.vpcId })}<ipPermissions/><ipPermissionsEgress/></item>`;
  });
  return ec2Result("DescribeSecurityGroups", `<securityGroupInfo>${items.join("")}</securityGroupInfo>`, requestId);
}

/** Answers an EC2 request. */
export function handleEc2(
  params: URLSearchParams,
  principal: FixturePrincipal,
  account: SandboxAccount,
  region: string,
  requestId: string,
): { readonly action: string; readonly response: WireResponse } {
  const action = params.get("Action") ?? "";
  if (principal.denied && (action === "DescribeSubnets" || action === "DescribeSecurityGroups")) {
    return { action, response: ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.", requestId) };
  }
  switch (action) {
    case "DescribeSubnets":
      return { action, response: describeSubnets(params, account, region, requestId) };
    case "DescribeSecurityGroups":
      return { action, response: describeSecurityGroups(params, account, requestId) };
    default:
      return { action, response: ec2Error(400, "InvalidAction", `The action ${action} is not valid for this web service.`, requestId) };
  }
}
