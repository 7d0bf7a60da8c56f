/** The service principal AgentCore Runtime assumes execution roles as. */
export const AGENTCORE_SERVICE_PRINCIPAL = "bedrock-agentcore.amazonaws.com";

/** What the trust evaluation knows about the runtime that would assume the role. */
export interface TrustContext {
  readonly partition: string;
  readonly region: string;
  /** The caller's account (from sts:GetCallerIdentity), which owns the runtime; undefined when unknown. */
  readonly account: string | undefined;
  /** The runtime's name, when the request gives one. */
  readonly runtimeName: string | undefined;
}

/** The verdict on a trust policy: allowed, not allowed (why), or not decidable (why). */
export type TrustVerdict =
  | { readonly kind: "allowed"; readonly reason: string }
  | { readonly kind: "denied"; readonly reason: string }
  | { readonly kind: "undecided"; readonly reason: string };

type ConditionVerdict =
  { readonly kind: "true" } | { readonly kind: "false"; readonly reason: string } | { readonly kind: "undecided"; readonly reason: string };

interface Statement {
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Condition?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** IAM's `*` and `?` wildcards, anchored, case-sensitive unless asked otherwise. */
function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s").test(value);
}

function namesService(principal: unknown): boolean {
  if (principal === "*") return true;
  if (!isRecord(principal)) return false;
  return strings(principal["Service"]).includes(AGENTCORE_SERVICE_PRINCIPAL) || strings(principal["AWS"]).includes("*");
}

function namesAssumeRole(action: unknown): boolean {
  return strings(action).some((pattern) => wildcardMatch(pattern, "sts:AssumeRole", true));
}

// Two made-up runtime ids: a SourceArn pattern that matches both does not depend on the id the
// service will assign, so it can be judged before the runtime exists.
const SAMPLE_IDS = ["aaaaaaaaaa", "Z9Z9Z9Z9Z9"];

function runtimeArns(context: TrustContext): string[] | undefined {
  if (context.account === undefined) return undefined;
  const name = context.runtimeName ?? "agent";
  return SAMPLE_IDS.map(
    (id) => `arn:${context.partition}:bedrock-agentcore:${context.region}:${context.account ?? ""}:runtime/${name}-${id}`,
  );
}

function keyValues(key: string, context: TrustContext): string[] | string {
  switch (key.toLowerCase()) {
    case "aws:sourceaccount":
      return context.account === undefined ? "the caller's account is unknown (sts:GetCallerIdentity failed)" : [context.account];
    case "aws:sourcearn":
      return runtimeArns(context) ?? "the caller's account is unknown (sts:GetCallerIdentity failed)";
    default:
      return `the condition key ${key} is not known before the runtime exists`;
  }
}

const MATCHERS: Readonly<Record<string, (pattern: string, value: string) => boolean>> = {
  StringEquals: (pattern, value) => pattern === value,
  StringEqualsIgnoreCase: (pattern, value) => pattern.toLowerCase() === value.toLowerCase(),
  StringLike: (pattern, value) => wildcardMatch(pattern, value),
  ArnEquals: (pattern, value) => pattern === value,
  ArnLike: (pattern, value) => wildcardMatch(pattern, value),
};

function evaluateCondition(condition: unknown, context: TrustContext): ConditionVerdict {
  if (condition === undefined) return { kind: "true" };
  if (!isRecord(condition)) return { kind: "undecided", reason: "its Condition block is not an object" };
  for (const [operator, clauses] of Object.entries(condition)) {
    const matcher = MATCHERS[operator];
    if (matcher === undefined)
      return { kind: "undecided", reason: `the condition operator ${operator} is not evaluated before the runtime exists` };
    if (!isRecord(clauses)) return { kind: "undecided", reason: `the ${operator} condition is not an object` };
    for (const [key, expected] of Object.entries(clauses)) {
      const actual = keyValues(key, context);
      if (typeof actual === "string") return { kind: "undecided", reason: actual };
      const patterns = strings(expected);
      // Every sample value must match for "true" (SourceArn samples stand for any id the service picks).
      const matches = actual.map((value) => patterns.some((pattern) => matcher(pattern, value)));
      if (matches.every(Boolean)) continue;
      if (matches.some(Boolean))
        return { kind: "undecided", reason: `${operator} on ${key} depends on the runtime id the service assigns` };
      return {
        kind: "false",
        reason: `${operator} on ${key} expects ${patterns.join(" or ")}, but the runtime would present ${actual[0] ?? ""}`,
      };
    }
  }
  return { kind: "true" };
}

/** Decodes the URL-encoded policy document IAM returns with a role. */
export function decodePolicyDocument(encoded: string): unknown {
  return JSON.parse(decodeURIComponent(encoded));
}

/**
 * Decides whether the trust policy lets AgentCore assume the role. Simple string and ARN
 * conditions on `aws:SourceAccount` and `aws:SourceArn` are evaluated; anything else makes an
 * otherwise matching statement undecided, never allowed.
 */
export function evaluateTrustPolicy(document: unknown, context: TrustContext): TrustVerdict {
  if (!isRecord(document)) return { kind: "undecided", reason: "the trust policy is not a JSON object" };
  const raw = document["Statement"];
  const statements = (Array.isArray(raw) ? raw : [raw]).filter(isRecord) as Statement[];
  let allowed: string | undefined;
  let undecided: string | undefined;
  let undecidedDeny: string | undefined;
  let refused: string | undefined;
  for (const statement of statements) {
    if (statement.NotPrincipal !== undefined || statement.NotAction !== undefined) {
      undecided ??= "a statement uses NotPrincipal or NotAction, which this check does not evaluate";
      continue;
    }
    if (!namesService(statement.Principal) || !namesAssumeRole(statement.Action)) continue;
    const condition = evaluateCondition(statement.Condition, context);
    if (statement.Effect === "Deny") {
      if (condition.kind === "true") return { kind: "denied", reason: `a Deny statement refuses ${AGENTCORE_SERVICE_PRINCIPAL}` };
      if (condition.kind === "undecided") undecidedDeny ??= `a Deny statement may apply: ${condition.reason}`;
      continue;
    }
    if (statement.Effect !== "Allow") continue;
    if (condition.kind === "true") allowed ??= `a statement allows ${AGENTCORE_SERVICE_PRINCIPAL} to call sts:AssumeRole`;
    else if (condition.kind === "undecided") undecided ??= condition.reason;
    else refused ??= condition.reason;
  }
  // One allowing statement is enough, unless a Deny might also apply.
  if (undecidedDeny !== undefined) return { kind: "undecided", reason: undecidedDeny };
  if (allowed !== undefined) return { kind: "allowed", reason: allowed };
  if (undecided !== undefined) return { kind: "undecided", reason: undecided };
  return { kind: "denied", reason: refused ?? `no statement allows ${AGENTCORE_SERVICE_PRINCIPAL} to call sts:AssumeRole` };
}

/** The statement to add to a trust policy, scoped to the caller's account and region. */
export function trustStatementFix(context: { readonly partition: string; readonly region: string; readonly account: string }): string {
  return JSON.stringify(
    {
      Effect: "Allow",
      Principal: { Service: AGENTCORE_SERVICE_PRINCIPAL },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": context.account },
        ArnLike: { "aws:SourceArn": `arn:${context.partition}:bedrock-agentcore:${context.region}:${context.account}:*` },
      },
    },
    null,
    2,
  );
}
