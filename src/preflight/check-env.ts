import type { Logger } from "../log.js";
import type { PreflightClients } from "./aws-clients.js";
import type { PinnedFetch, Resolve } from "./public-fetch.js";

/** Who is calling, from sts:GetCallerIdentity, or the error that call ended with. */
export type CallerIdentity =
  { readonly ok: true; readonly arn: string; readonly account: string } | { readonly ok: false; readonly error: unknown };

/** What every check group works with during one run. */
export interface CheckEnv {
  readonly clients: PreflightClients;
  /** The region the runtime is created in. */
  readonly region: string;
  /** Aborts every SDK call and fetch of the run: the call's cancel, or the run's budget ending. */
  readonly signal: AbortSignal;
  /** The run's budget, for the words of an unknown outcome. */
  readonly budgetMs: number;
  /** The caller's identity, fetched once per run however many checks ask. */
  readonly identity: () => Promise<CallerIdentity>;
  /** Whether checks may contact hosts outside AWS (the JWT discovery document). */
  readonly network: boolean;
  /** Resolves the discovery URL's host, whose every address must be public. */
  readonly resolve: Resolve;
  /** Fetches from the address that was checked. */
  readonly fetch: PinnedFetch;
  readonly log: Logger;
}
