import { performance } from "node:perf_hooks";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { Logger } from "../log.js";
import { createPreflightClients } from "./aws-clients.js";
import type { PreflightClients, SdkModules } from "./aws-clients.js";
import type { CallerIdentity, CheckEnv } from "./check-env.js";
import { codeArchiveCheck } from "./code-checks.js";
import { imageChecks } from "./image-checks.js";
import type { PreflightInput } from "./input.js";
import { jwtDiscoveryCheck } from "./jwt-checks.js";
import type { CheckOutcome } from "./outcome.js";
import { roleChecks } from "./role-checks.js";
import { type PinnedFetch, type Resolve, pinnedHttpsFetch, systemResolve } from "./public-fetch.js";
import { PREFLIGHT_CHECK_IDS } from "./schemas.js";
import type { PreflightCheck, PreflightReport } from "./schemas.js";
import { vpcChecks } from "./vpc-checks.js";

/** What the pre-flight step is built with. */
export interface PreflightDeps {
  readonly credentials: AwsCredentialIdentityProvider;
  /** One endpoint for every service (the sandbox emulator); otherwise the SDK's own resolution applies. */
  readonly endpointUrl?: string;
  /** Whether jwt-discovery may fetch the discovery document (the operator's `--preflight-network`). */
  readonly network: boolean;
  /**
   * Time limit of one run's checks (`--preflight-budget-ms`): every SDK call and fetch of the run
   * is aborted by then, and what has not answered is reported unknown. Default {@link DEFAULT_PREFLIGHT_BUDGET_MS}.
   */
  readonly budgetMs?: number;
  /** Used only for that fetch, from the address checked to be public; default HTTPS to that address. */
  readonly fetch?: PinnedFetch;
  /** Resolves the discovery URL's host; default the system resolver. */
  readonly resolve?: Resolve;
  readonly log: Logger;
  /** Milliseconds clock for check durations; default `performance.now`. */
  readonly now?: () => number;
  /** The SDK modules; default imported on first use. */
  readonly modules?: SdkModules;
}

/** Default of {@link PreflightDeps.budgetMs}. */
export const DEFAULT_PREFLIGHT_BUDGET_MS = 3_000;

/** The call a run belongs to. */
export interface PreflightContext {
  readonly region: string;
  readonly signal: AbortSignal;
}

/** Runs the pre-flight checks that apply to a request. */
export interface Preflight {
  run(input: PreflightInput, ctx: PreflightContext): Promise<PreflightReport>;
}

function callerIdentity(clients: PreflightClients, ctx: PreflightContext): () => Promise<CallerIdentity> {
  let identity: Promise<CallerIdentity> | undefined;
  return () => {
    identity ??= (async (): Promise<CallerIdentity> => {
      try {
        const [{ GetCallerIdentityCommand }, client] = await Promise.all([clients.modules.sts(), clients.sts(ctx.region)]);
        const answer = await client.send(new GetCallerIdentityCommand({}), { abortSignal: ctx.signal });
        return { ok: true, arn: answer.Arn ?? "", account: answer.Account ?? "" };
      } catch (error) {
        return { ok: false, error };
      }
    })();
    return identity;
  };
}

function startChecks(input: PreflightInput, env: CheckEnv): Promise<CheckOutcome>[] {
  const started: Promise<CheckOutcome>[] = [];
  if (input.roleArn !== undefined) started.push(...roleChecks(input.roleArn, input, env));
  const artifact = input.agentRuntimeArtifact;
  if (artifact?.containerConfiguration !== undefined) started.push(...imageChecks(artifact.containerConfiguration.containerUri, env));
  const s3 = artifact?.codeConfiguration?.code.s3;
  if (s3 !== undefined) started.push(codeArchiveCheck(s3, env));
  const vpc = input.networkConfiguration?.networkModeConfig;
  if (vpc !== undefined) started.push(...vpcChecks(vpc, env));
  const jwt = input.authorizerConfiguration?.customJWTAuthorizer;
  if (jwt !== undefined) started.push(jwtDiscoveryCheck(jwt.discoveryUrl, env));
  return started;
}

/**
 * Creates the pre-flight step. Every check of a run starts at once; checks that share an AWS
 * call share its answer. SDK clients are built on the first run and kept (bounded, by region).
 */
export function createPreflight(deps: PreflightDeps): Preflight {
  const budgetMs = deps.budgetMs ?? DEFAULT_PREFLIGHT_BUDGET_MS;
  const clients = createPreflightClients(
    { credentials: deps.credentials, budgetMs, ...(deps.endpointUrl === undefined ? {} : { endpointUrl: deps.endpointUrl }) },
    deps.modules,
  );
  const now = deps.now ?? (() => performance.now());
  const fetchImpl = deps.fetch ?? pinnedHttpsFetch;
  const resolve = deps.resolve ?? systemResolve;
  return {
    async run(input, ctx) {
      const startedAt = now();
      // The checks only inform: an unreachable service must cost this run its budget, not the call's.
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(budgetMs)]);
      const runCtx = { region: ctx.region, signal };
      const env: CheckEnv = {
        clients,
        region: ctx.region,
        signal,
        budgetMs,
        identity: callerIdentity(clients, runCtx),
        network: deps.network,
        resolve,
        fetch: fetchImpl,
        log: deps.log,
      };
      const timed = startChecks(input, env).map(async (check): Promise<PreflightCheck> => ({
        ...(await check),
        durationMs: Math.max(0, now() - startedAt),
      }));
      const checks = await Promise.all(timed);
      // A cancelled call ends here rather than reporting the aborts as unknown checks.
      ctx.signal.throwIfAborted();
      checks.sort((a, b) => PREFLIGHT_CHECK_IDS.indexOf(a.id) - PREFLIGHT_CHECK_IDS.indexOf(b.id));
      const report: PreflightReport = { checks, durationMs: Math.max(0, now() - startedAt) };
      deps.log.debug("pre-flight checks done", {
        checks: checks.length,
        failed: checks.filter((check) => check.status === "fail").length,
        unknown: checks.filter((check) => check.status === "unknown").length,
        ms: Math.round(report.durationMs),
      });
      return report;
    },
  };
}
