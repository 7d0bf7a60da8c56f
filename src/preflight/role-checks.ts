import type { CallerIdentity, CheckEnv } from "./check-env.js";
import type { PreflightInput } from "./input.js";
import { errorName, fail, pass, unknown, unknownFromError } from "./outcome.js";
import type { CheckOutcome } from "./outcome.js";
import { AGENTCORE_SERVICE_PRINCIPAL, decodePolicyDocument, evaluateTrustPolicy, trustStatementFix } from "./trust-policy.js";

interface RoleArn {
  readonly arn: string;
  readonly partition: string;
  readonly account: string;
  readonly name: string;
}

type RoleLookup =
  | { readonly kind: "found"; readonly arn: string; readonly document: string | undefined }
  | { readonly kind: "missing" }
  | { readonly kind: "error"; readonly error: unknown };

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

function parseRoleArn(arn: string): RoleArn | undefined {
  const match = ROLE_ARN.exec(arn);
  if (match === null) return undefined;
  const [, partition = "aws", account = "", name = ""] = match;
  return { arn, partition, account, name };
}

async function getRole(role: RoleArn, env: CheckEnv): Promise<RoleLookup> {
  try {
    const [{ GetRoleCommand }, client] = await Promise.all([env.clients.modules.iam(), env.clients.iam(env.region)]);
    const answer = await client.send(new GetRoleCommand({ RoleName: role.name }), { abortSignal: env.signal });
    return { kind: "found", arn: answer.Role?.Arn ?? "", document: answer.Role?.AssumeRolePolicyDocument };
  } catch (error) {
    if (errorName(error) === "NoSuchEntity" || errorName(error) === "NoSuchEntityException") return { kind: "missing" };
    return { kind: "error", error };
  }
}

function createRoleFix(role: RoleArn, region: string, account: string): string {
  return `Create the role ${role.name} (or correct roleArn) with this statement in its trust policy:\n${trustStatementFix({ partition: role.partition, region, account })}`;
}

async function checkExists(role: RoleArn, lookup: Promise<RoleLookup>, env: CheckEnv): Promise<CheckOutcome> {
  const found = await lookup;
  if (found.kind === "error")
    return unknownFromError("role-exists", found.error, "iam:GetRole", `read the role ${role.name}`, env.budgetMs);
  if (found.kind === "missing") {
    const identity = await env.identity();
    if (identity.ok && identity.account !== role.account) {
      return unknown(
        "role-exists",
        `The role is in account ${role.account}, not the caller's ${identity.account}; it cannot be read from here.`,
      );
    }
    return fail(
      "role-exists",
      `No role named ${role.name} exists in account ${role.account}.`,
      createRoleFix(role, env.region, role.account),
    );
  }
  if (found.arn !== role.arn) {
    return fail(
      "role-exists",
      `A role named ${role.name} exists, but its ARN is ${found.arn}, not ${role.arn}.`,
      `Set roleArn to ${found.arn}.`,
    );
  }
  return pass("role-exists", `The role ${role.name} exists.`);
}

async function checkTrust(role: RoleArn, input: PreflightInput, lookup: Promise<RoleLookup>, env: CheckEnv): Promise<CheckOutcome> {
  const [found, identity] = await Promise.all([lookup, env.identity()]);
  if (found.kind === "error")
    return unknownFromError("role-trust", found.error, "iam:GetRole", `read the trust policy of ${role.name}`, env.budgetMs);
  if (found.kind === "missing" || found.document === undefined)
    return unknown("role-trust", `The role ${role.name} could not be found, so its trust policy was not read.`);
  let document: unknown;
  try {
    document = decodePolicyDocument(found.document);
  } catch {
    return unknown("role-trust", "The role's trust policy is not URL-encoded JSON.");
  }
  const account = identity.ok ? identity.account : undefined;
  const verdict = evaluateTrustPolicy(document, {
    partition: role.partition,
    region: env.region,
    account,
    runtimeName: input.agentRuntimeName,
  });
  switch (verdict.kind) {
    case "allowed":
      return pass("role-trust", `The trust policy of ${role.name}: ${verdict.reason}.`);
    case "undecided":
      return unknown("role-trust", `The trust policy of ${role.name} could not be judged: ${verdict.reason}.`);
    case "denied":
      return fail(
        "role-trust",
        `The trust policy of ${role.name} does not let ${AGENTCORE_SERVICE_PRINCIPAL} assume it: ${verdict.reason}.`,
        `Add this statement to the trust policy of ${role.name} (aws iam update-assume-role-policy):\n${trustStatementFix({ partition: role.partition, region: env.region, account: account ?? role.account })}`,
      );
  }
}

/**
 * The ARN SimulatePrincipalPolicy takes for the caller: a role session is simulated as its role
 * (without the role's path, which the session ARN does not carry).
 */
function simulationArn(callerArn: string): string | undefined {
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  if (session !== null) return `arn:${session[1] ?? "aws"}:iam::${session[2] ?? ""}:role/${session[3] ?? ""}`;
  return /^arn:aws[a-z-]*:iam::\d{12}:(user|role)\//.test(callerArn) ? callerArn : undefined;
}

function passRoleFix(roleArn: string): string {
  return `Allow the caller iam:PassRole on the role, e.g. with this identity-policy statement:\n${JSON.stringify(
    {
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: roleArn,
      Condition: { StringEquals: { "iam:PassedToService": AGENTCORE_SERVICE_PRINCIPAL } },
    },
    null,
    2,
  )}`;
}

async function checkPass(role: RoleArn, env: CheckEnv): Promise<CheckOutcome> {
  const identity: CallerIdentity = await env.identity();
  if (!identity.ok) return unknownFromError("role-pass", identity.error, "sts:GetCallerIdentity", "tell who the caller is", env.budgetMs);
  if (/^arn:aws[a-z-]*:iam::\d{12}:root$/.test(identity.arn))
    return pass("role-pass", "The caller is the account root, which may pass any role of its account.");
  const source = simulationArn(identity.arn);
  if (source === undefined)
    return unknown("role-pass", "The caller is neither an IAM user nor a role session, so its policies cannot be simulated.");
  try {
    const [{ SimulatePrincipalPolicyCommand }, client] = await Promise.all([env.clients.modules.iam(), env.clients.iam(env.region)]);
    const answer = await client.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: source,
        ActionNames: ["iam:PassRole"],
        ResourceArns: [role.arn],
        ContextEntries: [
          { ContextKeyName: "iam:PassedToService", ContextKeyValues: [AGENTCORE_SERVICE_PRINCIPAL], ContextKeyType: "string" },
        ],
      }),
      { abortSignal: env.signal },
    );
    const decision = answer.EvaluationResults?.[0]?.EvalDecision;
    if (decision === "allowed") return pass("role-pass", `The caller may pass ${role.name} to ${AGENTCORE_SERVICE_PRINCIPAL}.`);
    if (decision === undefined) return unknown("role-pass", "The policy simulation returned no result.");
    return fail("role-pass", `The caller may not pass ${role.name} (simulated decision: ${decision}).`, passRoleFix(role.arn));
  } catch (error) {
    return unknownFromError("role-pass", error, "iam:SimulatePrincipalPolicy", "simulate iam:PassRole for the caller", env.budgetMs);
  }
}

/** role-exists, role-trust and role-pass; GetRole and GetCallerIdentity run side by side. */
export function roleChecks(roleArn: string, input: PreflightInput, env: CheckEnv): Promise<CheckOutcome>[] {
  const role = parseRoleArn(roleArn);
  if (role === undefined) {
    const detail = `${roleArn} is not an IAM role ARN.`;
    const fix = "Give roleArn as arn:aws:iam::ACCOUNT:role/NAME.";
    return [
      Promise.resolve(fail("role-exists", detail, fix)),
      Promise.resolve(unknown("role-trust", detail)),
      Promise.resolve(unknown("role-pass", detail)),
    ];
  }
  const lookup = getRole(role, env);
  return [checkExists(role, lookup, env), checkTrust(role, input, lookup, env), checkPass(role, env)];
}
