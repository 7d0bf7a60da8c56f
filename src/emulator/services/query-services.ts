import type { WireResponse } from "../errors.js";
import { FIXTURE_ACCOUNT, isKnownPrincipal } from "./fixtures.js";
import type { FixturePrincipal, SandboxAccount } from "./fixtures.js";
import { queryList, xmlFields, xmlResponse } from "./wire.js";

// IAM and STS speak the awsQuery protocol: a form body with Action and Version, XML answers
// wrapped in <Action>Response/<Action>Result, errors as <ErrorResponse><Error>.

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const ROLE_CREATED = "2025-01-15T10:00:00Z";

/** An awsQuery error, with the sender/receiver type the protocol carries. */
export function queryError(namespace: string, status: number, code: string, message: string, requestId: string): WireResponse {
  const type = status >= 500 ? "Receiver" : "Sender";
  return xmlResponse(
    status,
    `<ErrorResponse xmlns="${namespace}"><Error>${xmlFields({ Type: type, Code: code, Message: message })}</Error>${xmlFields({ RequestId: requestId })}</ErrorResponse>`,
  );
}

function queryResult(namespace: string, action: string, inner: string, requestId: string): WireResponse {
  return xmlResponse(
    200,
    `<${action}Response xmlns="${namespace}"><${action}Result>${inner}</${action}Result><ResponseMetadata>${xmlFields({ RequestId: requestId })}</ResponseMetadata></${action}Response>`,
  );
}

function denied(namespace: string, principal: FixturePrincipal, action: string, resource: string, requestId: string): WireResponse {
  return queryError(
    namespace,
    403,
    "AccessDenied",
    `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource}`,
    requestId,
  );
}

function getRole(params: URLSearchParams, principal: FixturePrincipal, account: SandboxAccount, requestId: string): WireResponse {
  const name = params.get("RoleName") ?? "";
  const arn = `arn:aws:iam::${FIXTURE_ACCOUNT}:role/${name}`;
  if (principal.denied) return denied(IAM_NS, principal, "iam:GetRole", arn, requestId);
  const role = account.role(name);
  if (role === undefined) return queryError(IAM_NS, 404, "NoSuchEntity", `The role with name ${name} cannot be found.`, requestId);
  const fields = xmlFields({
    Path: "/",
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: arn,
    CreateDate: ROLE_CREATED,
    // IAM returns the trust policy URL-encoded.
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(role.trustPolicy)),
    MaxSessionDuration: "3600",
  });
  return queryResult(IAM_NS, "GetRole", `<Role>${fields}</Role>`, requestId);
}

function passDecision(resource: string, account: SandboxAccount): string {
  const name = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(resource)?.[1];
  const role = name === undefined ? undefined : account.role(name);
  // The operator's policy allows iam:PassRole on the account's roles except NotPassableRole.
  return role === undefined || role.passable ? "allowed" : "implicitDeny";
}

function simulatePrincipalPolicy(
  params: URLSearchParams,
  principal: FixturePrincipal,
  account: SandboxAccount,
  requestId: string,
): WireResponse {
  const source = params.get("PolicySourceArn") ?? "";
  if (principal.denied) return denied(IAM_NS, principal, "iam:SimulatePrincipalPolicy", source, requestId);
  if (!isKnownPrincipal(source)) return queryError(IAM_NS, 404, "NoSuchEntity", `The principal ${source} cannot be found.`, requestId);
  const actions = queryList(params, "ActionNames.member");
  const resources = queryList(params, "ResourceArns.member");
  const members = actions.flatMap((action) =>
    (resources.length === 0 ? ["*"] : resources).map((resource) => {
      const decision =
        action.toLowerCase() === "iam:passrole" && !source.endsWith("/restricted-operator")
          ? passDecision(resource, account)
          : "implicitDeny";
      return `<member>${xmlFields({ EvalActionName: action, EvalResourceName: resource, EvalDecision: decision })}<MatchedStatements/><MissingContextValues/></member>`;
    }),
  );
  return queryResult(
    IAM_NS,
    "SimulatePrincipalPolicy",
    `<IsTruncated>false</IsTruncated><EvaluationResults>${members.join("")}</EvaluationResults>`,
    requestId,
  );
}

/** Answers an IAM request (awsQuery). */
export function handleIam(
  params: URLSearchParams,
  principal: FixturePrincipal,
  account: SandboxAccount,
  requestId: string,
): { readonly action: string; readonly response: WireResponse } {
  const action = params.get("Action") ?? "";
  switch (action) {
    case "GetRole":
      return { action, response: getRole(params, principal, account, requestId) };
    case "SimulatePrincipalPolicy":
      return { action, response: simulatePrincipalPolicy(params, principal, account, requestId) };
    default:
      return {
        action,
        response: queryError(IAM_NS, 400, "InvalidAction", `The action ${action} is not valid for this web service.`, requestId),
      };
  }
}

/** Answers an STS request (awsQuery); GetCallerIdentity needs no permission, as on AWS. */
export function handleSts(
  params: URLSearchParams,
  principal: FixturePrincipal,
  requestId: string,
): { readonly action: string; readonly response: WireResponse } {
  const action = params.get("Action") ?? "";
  if (action !== "GetCallerIdentity") {
    return {
      action,
      response: queryError(
        STS_NS,
        400,
        "InvalidAction",
        `Could not find operation ${action} for version ${params.get("Version") ?? ""}`,
        requestId,
      ),
    };
  }
  return {
    action,
    response: queryResult(STS_NS, action, xmlFields({ UserId: principal.userId, Account: FIXTURE_ACCOUNT, Arn: principal.arn }), requestId),
  };
}

/** The namespace awsQuery errors of a service carry. */
export function queryNamespace(service: "iam" | "sts"): string {
  return service === "iam" ? IAM_NS : STS_NS;
}
