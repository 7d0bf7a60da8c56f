/**
 * Approval of a change through MCP's multi-round-trip requests (2026-07-28 `input_required`).
 *
 * The first entry of a tool call that needs approval returns an elicitation request plus a signed
 * `requestState`; the client asks the person and calls again with the answer and the state echoed
 * back. The state is HMAC-signed (the SDK's codec), expires, names the tool and a digest of the
 * call's arguments, and carries a one-time nonce: a forged or tampered state fails the signature
 * check before the handler runs, and a valid state approves only the call it was minted for, once.
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
import type { ConfirmationAnswer } from "./call-context.js";
// The smallest HMAC key the SDK's codec accepts; the options table checks it at start-up.
import { MIN_STATE_KEY_BYTES } from "./config.js";

/** How long a person has to answer a confirmation prompt before its state expires. */
export const CONFIRMATION_TTL_SECONDS = 600;

/** Most approvals remembered as used at once; past it new prompts are refused rather than risk a replay. */
const MAX_REMEMBERED_NONCES = 10_000;

/** What a signed confirmation state says. Signed, not encrypted: nothing secret goes in. */
export interface ConfirmationState {
  /** The tool the approval is for. */
  tool: string;
  /** SHA-256 (base64url) of the call's arguments in canonical JSON. */
  args: string;
  /** One-time identifier: a second use of the same state is a replay. */
  nonce: string;
  /** Epoch milliseconds after which the nonce may be forgotten (the codec refuses the state by then). */
  expiresAt: number;
}

/** Thrown by a call's `confirm` when the person has not been asked yet; the server turns it into `input_required`. */
export class ConfirmationRequired extends Error {
  override readonly name = "ConfirmationRequired";
  constructor(readonly prompt: string) {
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
  confirmFor(tool: string, args: unknown, ctx: ServerContext, clientCapabilities: unknown): (message: string) => Promise<ConfirmationAnswer>;
  /** The `input_required` result asking for approval of this call, with a freshly signed state. */
  ask(tool: string, args: unknown, prompt: string): Promise<InputRequiredResult>;
}

/** Options for {@link createConfirmations}. */
export interface ConfirmationOptions {
  /** HMAC key, at least {@link MIN_STATE_KEY_BYTES} bytes; random per process when omitted. */
  key?: Uint8Array | string;
  now: () => number;
  newNonce?: () => string;
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
  return createHash("sha256").update(`${tool}\0${canonicalJson(args ?? {})}`, "utf8").digest("base64url");
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
  });
  const newNonce = options.newNonce ?? randomUUID;
  // Used nonces until their state would expire anyway; a bounded map, pruned as it is used.
  const used = new Map<string, number>();
  const consume = (state: ConfirmationState): boolean => {
    const now = options.now();
    for (const [nonce, expiresAt] of used) if (expiresAt <= now) used.delete(nonce);
    if (used.has(state.nonce)) return false;
    if (used.size >= MAX_REMEMBERED_NONCES) refuse("too many approvals in flight");
    used.set(state.nonce, state.expiresAt);
    return true;
  };

  return {
    verify: (state, ctx) => codec.verify(state, ctx),
    confirmFor(tool, args, ctx, clientCapabilities) {
      return async (prompt) => {
        const state = ctx.mcpReq.requestState<ConfirmationState>();
        if (state === undefined) {
          if (!canElicit(clientCapabilities)) return "unsupported";
          throw new ConfirmationRequired(prompt);
        }
        if (state.tool !== tool || state.args !== digestArguments(tool, args)) refuse("it was issued for other arguments");
        if (!consume(state)) refuse("it was already used");
        const answer = inputResponse(ctx.mcpReq.inputResponses, "confirm");
        if (answer.kind !== "elicit" || answer.action === "cancel") return "cancelled";
        if (answer.action === "decline") return "declined";
        return answer.content?.confirm === true ? "accepted" : "declined";
      };
    },
    async ask(tool, args, prompt) {
      const requestState = await codec.mint({
        tool,
        args: digestArguments(tool, args),
        nonce: newNonce(),
        expiresAt: options.now() + CONFIRMATION_TTL_SECONDS * 1000,
      });
      return inputRequired({
        inputRequests: { confirm: inputRequired.elicit({ message: prompt, requestedSchema: REQUESTED_SCHEMA }) },
        requestState,
      });
    },
  };
}
