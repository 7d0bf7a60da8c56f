/** What an operation produced: the output members, or the modelled error to answer with (and its modelled members, e.g. a ValidationException's reason). */
export type StoreOutcome =
  | { readonly output: Record<string, unknown> }
  | { readonly error: { readonly type: string; readonly message: string; readonly members?: Readonly<Record<string, unknown>> } };

/** The first answer given for a client token, with the request it answered. */
export interface IdempotentAnswer {
  readonly fingerprint: string;
  readonly output: Record<string, unknown>;
}

/** JSON with keys sorted at every level, so two equal requests give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A ConflictException outcome. */
export function conflict(message: string): StoreOutcome {
  return { error: { type: "ConflictException", message } };
}

/**
 * The idempotency rule: a token seen before with the same request gets the first answer again;
 * with a different request it is a ValidationException whose reason is the model's
 * `IdempotentParameterMismatchException` (the model's ValidationExceptionReason names it; the
 * operations list no separate error for it).
 */
export function replay(
  answers: ReadonlyMap<string, IdempotentAnswer>,
  clientToken: string | undefined,
  fingerprint: string,
): StoreOutcome | undefined {
  const earlier = clientToken === undefined ? undefined : answers.get(clientToken);
  if (earlier === undefined) return undefined;
  return earlier.fingerprint === fingerprint
    ? { output: earlier.output }
    : {
        error: {
          type: "ValidationException",
          message: `The client token ${String(clientToken)} was already used with different parameters.`,
          members: { reason: "IdempotentParameterMismatchException" },
        },
      };
}
