import type { ServerResponse } from "node:http";
import { PROTOCOL_VERSION_META_KEY } from "@modelcontextprotocol/server";

/**
 * Cancellation for 2025-era clients over stateless HTTP.
 *
 * A 2025 client cancels by POSTing `notifications/cancelled` naming the request's JSON-RPC id; with
 * no session, that POST reaches a fresh server that knows nothing of the call. So the transport
 * remembers its in-flight 2025 requests by caller and id, and a matching cancellation ends that
 * request's response, which aborts the call through its signal. (A 2026-07-28 client cancels by
 * closing the response itself, which needs none of this.) Only the caller that sent a request can
 * cancel it: the caller is who authentication says it is (the JWT's subject, or the static token),
 * so with no authentication every client on the allowed hosts counts as one caller, and so do
 * people who share one static token. An id in flight twice for one caller is ambiguous and
 * cancels neither.
 */
export interface LegacyCancellation {
  /** Remembers `res` as the answer to `body` while it is open, when `body` is a 2025-era request. */
  track(caller: string, body: unknown, res: ServerResponse): void;
  /** Ends the response of the request a 2025-era `notifications/cancelled` names; true when one was ended. */
  cancel(caller: string, body: unknown): boolean;
}

interface RpcMessage {
  id?: unknown;
  method?: unknown;
  params?: { requestId?: unknown; _meta?: Record<string, unknown> };
}

function legacyMessage(body: unknown): RpcMessage | undefined {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return undefined;
  const message = body as RpcMessage;
  return message.params?._meta?.[PROTOCOL_VERSION_META_KEY] === undefined ? message : undefined;
}

function keyOf(caller: string, id: unknown): string | undefined {
  if (typeof id !== "string" && typeof id !== "number") return undefined;
  return `${caller}\0${JSON.stringify(id)}`;
}

/** Creates the registry of one HTTP transport. */
export function createLegacyCancellation(): LegacyCancellation {
  const inFlight = new Map<string, Set<ServerResponse>>();
  return {
    track(caller, body, res) {
      const message = legacyMessage(body);
      if (message === undefined || typeof message.method !== "string") return;
      const key = keyOf(caller, message.id);
      if (key === undefined) return;
      const open = inFlight.get(key) ?? new Set();
      open.add(res);
      inFlight.set(key, open);
      res.once("close", () => {
        open.delete(res);
        if (open.size === 0 && inFlight.get(key) === open) inFlight.delete(key);
      });
    },
    cancel(caller, body) {
      const message = legacyMessage(body);
      if (message?.method !== "notifications/cancelled") return false;
      const key = keyOf(caller, message.params?.requestId);
      const open = key === undefined ? undefined : inFlight.get(key);
      if (open?.size !== 1) return false;
      for (const res of open) res.destroy();
      return true;
    },
  };
}
