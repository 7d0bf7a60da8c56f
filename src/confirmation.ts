/**
 * Approval of a change through MCP's multi-round-trip requests (2026-07-28 `input_required`).
 *
 * The first entry of a tool call that needs approval returns an elicitation request plus a signed
 * `requestState`; the client asks the person and calls again with the answer and the state echoed
 * back. The state is HMAC-signed (the SDK's codec), expires, names the tool and a digest of the
 * call's arguments, and carries a one-time nonce: a forged or tampered state fails the signature
 * check before the handler runs, and a valid state approves only the call it was minted for, once.
 *
 * Replay is harmless by construction, not only by memory, because replicas and restarts do not
 * share the memory of used nonces: a state also names what the person saw (the runtime's id,
 * version and lastUpdatedAt for a delete or an update; the clientToken for every change), and the
 * retry re-reads the runtime and compares. A runtime replaced under the same name, or changed since,
 * is not what was approved; a replayed create repeats its clientToken, which AWS answers with the
 * same runtime. With authentication on, a state is also bound to the caller that was asked.
 * 2025-era clients get the same flow through the SDK's legacy shim, which sends a real
 * `elicitation/create` over the session and re-enters the handler with the answer.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import {
  CLIENT_CAPABILITIES_META_KEY,
  type InputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  type ServerContext,
  createRequestStateCodec,
  inputRequired,
  inputResponse,
} from "@modelcontextprotocol/server";
import type { ConfirmOptions, ConfirmationAnswer } from "./call-context.js";
// The smallest HMAC key the SDK's codec accepts; the options table checks it at start-up.
import { MIN_STATE_KEY_BYTES } from "./config.js";

/** How long a person has to answer a confirmation prompt before its state expires. */
export const CONFIRMATION_TTL_SECONDS = 600;

/**
 * Most used approvals remembered per caller; past it that caller's retries are refused until some
 * expire. Per caller, so one caller declining in a loop cannot lock the others out.
 */
export const MAX_REMEMBERED_PER_CALLER = 1_000;

/** Most callers whose used approvals are remembered; past it the least recently seen is forgotten. */
const MAX_REMEMBERED_CALLERS = 1_000;

/** What a signed confirmation state says. Signed, not encrypted: nothing secret goes in. */
export interface ConfirmationState {
  /** The tool the approval is for. */
  tool: string;
  /** SHA-256 (base64url) of the call's arguments in canonical JSON. */
  args: string;
  /** One-time identifier: a second use of the same state is a replay. */
  nonce: string;
  /**
   * Epoch milliseconds (injected clock) from which the state is refused and its nonce forgotten:
   * one instant for both, so there is no moment where a state is valid and already forgotten.
   */
  expiresAt: number;
  /** What the person saw: the runtime's id, version and lastUpdatedAt, the clientToken. */
  binding?: ConfirmationBinding;
}

/** The facts an approval is bound to; a retry whose facts differ is not approved. */
export type ConfirmationBinding = Readonly<Record<string, string>>;

/** Thrown by a call's `confirm` when the person has not been asked yet; the server turns it into `input_required`. */
export class ConfirmationRequired extends Error {
  override readonly name = "ConfirmationRequired";
  constructor(
    readonly prompt: string,
    readonly binding: ConfirmationBinding = {},
  ) {
    super("the call needs the person's approval");
  }
}

/** Signs, checks and remembers confirmation states for every server of the process. */
export interface Confirmations {
  /** The SDK's `requestState.verify` hook: refuses a state with a bad signature or past its expiry. */
  verify(state: string, ctx: ServerContext): Promise<ConfirmationState>;
  /**
   * The `confirm` function of one tool call: the answer carried by a retried call with a valid
   * state, "unsupported" when the client cannot show a prompt, and otherwise a thrown
   * {@link ConfirmationRequired}.
   */
  confirmFor(tool: string, args: unknown, ctx: ServerContext, clientCapabilities: unknown): ConfirmFunction;
  /** The `input_required` result asking for approval of this call, with a freshly signed state. */
  ask(tool: string, args: unknown, required: ConfirmationRequired, ctx: ServerContext): Promise<InputRequiredResult>;
}

/** A call's `confirm`: the prompt, and the facts the approval must still match when it is used. */
export type ConfirmFunction = (message: string, options?: ConfirmOptions) => Promise<ConfirmationAnswer>;

/** Options for {@link createConfirmations}. */
export interface ConfirmationOptions {
  /** HMAC key, at least {@link MIN_STATE_KEY_BYTES} bytes; random per process when omitted. */
  key?: Uint8Array | string;
  now: () => number;
  newNonce?: () => string;
  /** Default {@link MAX_REMEMBERED_PER_CALLER}. */
  maxRememberedPerCaller?: number;
}

// Sorted keys make the digest independent of the order a client serialises members in. A few lines
// here rather than a dependency: only JSON values arrive, so there are no cycles, dates or undefined.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The digest a confirmation state binds to: the tool's name and its arguments. */
export function digestArguments(tool: string, args: unknown): string {
  return createHash("sha256")
    .update(`${tool}\0${canonicalJson(args ?? {})}`, "utf8")
    .digest("base64url");
}

const REQUESTED_SCHEMA = {
  type: "object" as const,
  properties: { confirm: { type: "boolean" as const, title: "Approve", description: "Check to let this change go ahead in AWS." } },
  required: ["confirm"],
};

function canElicit(clientCapabilities: unknown): boolean {
  if (clientCapabilities === null || typeof clientCapabilities !== "object") return false;
  return (clientCapabilities as Record<string, unknown>).elicitation !== undefined;
}

/** The client capabilities a request declared: its own envelope (2026-07-28) or the session's (2025). */
export function declaredClientCapabilities(ctx: ServerContext, session: unknown): unknown {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  return envelope?.[CLIENT_CAPABILITIES_META_KEY] ?? session;
}

/**
 * Who is asking, as the HTTP transport authenticated it (a digest of the bearer token, or the
 * JWT's issuer and subject); empty without authentication (stdio, or HTTP left open).
 */
export function callerOf(ctx: ServerContext): string {
  return ctx.http?.authInfo?.clientId ?? "";
}

function definedBinding(binding: Readonly<Record<string, string | undefined>> | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(binding ?? {})) if (value !== undefined) kept[key] = value;
  return kept;
}

/** The first fact that differs between what was approved and what the retry found, if any. */
function changedFact(approved: ConfirmationBinding, found: ConfirmationBinding): string | undefined {
  for (const key of new Set([...Object.keys(approved), ...Object.keys(found)])) {
    if (approved[key] !== found[key]) return key;
  }
  return undefined;
}

/**
 * The clientToken an approval was minted with, for a retry that gave none: the approved change
 * and the one sent share one token, so a replay anywhere is the same idempotent request.
 */
export function approvedArguments(args: unknown, ctx: ServerContext): unknown {
  const token = ctx.mcpReq.requestState<ConfirmationState>()?.binding?.clientToken;
  if (token === undefined || args === null || typeof args !== "object" || Array.isArray(args)) return args;
  const given = args as Record<string, unknown>;
  return given.clientToken === undefined ? { ...given, clientToken: token } : args;
}

function refuse(reason: string): never {
  throw new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    `requestState does not approve this call (${reason}): call the tool again without requestState to be asked afresh`,
  );
}

/** Creates the process's confirmation signer; one per process so every per-request server shares the nonce ledger. */
export function createConfirmations(options: ConfirmationOptions): Confirmations {
  const codec = createRequestStateCodec<ConfirmationState>({
    key: options.key ?? randomBytes(MIN_STATE_KEY_BYTES),
    ttlSeconds: CONFIRMATION_TTL_SECONDS,
    bind: callerOf,
  });
  const newNonce = options.newNonce ?? randomUUID;
  const perCaller = options.maxRememberedPerCaller ?? MAX_REMEMBERED_PER_CALLER;
  // Used nonces by caller until their state expires; a Map iterates in insertion order, so
  // re-inserting a caller on use keeps the least recently seen first.
  const used = new Map<string, Map<string, number>>();
  const consume = (caller: string, state: ConfirmationState): boolean => {
    const now = options.now();
    const mine = used.get(caller) ?? new Map<string, number>();
    for (const [nonce, expiresAt] of mine) if (expiresAt <= now) mine.delete(nonce);
    used.delete(caller);
    used.set(caller, mine);
    if (used.size > MAX_REMEMBERED_CALLERS) {
      const oldest = used.keys().next();
      if (oldest.done !== true) used.delete(oldest.value);
    }
    if (mine.has(state.nonce)) return false;
    if (mine.size >= perCaller) refuse("this caller has too many approvals in use; wait a few minutes");
    mine.set(state.nonce, state.expiresAt);
    return true;
  };

  return {
    async verify(wire, ctx) {
      const state = await codec.verify(wire, ctx);
      // The codec's own expiry has one-second resolution; ours is the one rule, shared with the ledger.
      if (!(state.expiresAt > options.now())) throw new Error("expired");
      return state;
    },
    confirmFor(tool, args, ctx, clientCapabilities) {
      return async (prompt, confirmOptions) => {
        const binding = definedBinding(confirmOptions?.binding);
        const state = ctx.mcpReq.requestState<ConfirmationState>();
        if (state === undefined) {
          if (!canElicit(clientCapabilities)) return "unsupported";
          throw new ConfirmationRequired(prompt, binding);
        }
        if (state.tool !== tool || state.args !== digestArguments(tool, args)) refuse("it was issued for other arguments");
        const changed = changedFact(state.binding ?? {}, binding);
        if (changed !== undefined) refuse(`the runtime is not the one the person approved: its ${changed} is different now`);
        if (!consume(callerOf(ctx), state)) refuse("it was already used");
        const answer = inputResponse(ctx.mcpReq.inputResponses, "confirm");
        if (answer.kind !== "elicit" || answer.action === "cancel") return "cancelled";
        if (answer.action === "decline") return "declined";
        return answer.content?.confirm === true ? "accepted" : "declined";
      };
    },
    async ask(tool, args, required, ctx) {
      const requestState = await codec.mint(
        {
          tool,
          args: digestArguments(tool, args),
          nonce: newNonce(),
          expiresAt: options.now() + CONFIRMATION_TTL_SECONDS * 1000,
          binding: required.binding,
        },
        ctx,
      );
      return inputRequired({
        inputRequests: { confirm: inputRequired.elicit({ message: required.prompt, requestedSchema: REQUESTED_SCHEMA }) },
        requestState,
      });
    },
  };
}
