/** An access key the emulator accepts, with the secret it verifies signatures against. */
export interface EmulatorCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests signed with this key must carry exactly this `x-amz-security-token`, signed. */
  readonly sessionToken?: string;
}

/**
 * The documented sandbox key pair the emulator accepts by default. It is public on purpose: it
 * opens nothing but a local emulator, and no real AWS key looks like it.
 */
export const SANDBOX_CREDENTIALS: EmulatorCredential = {
  accessKeyId: "AKIDSANDBOXEXAMPLE",
  secretAccessKey: "sandbox/secret/EXAMPLEKEY/not-a-real-aws-key",
};

// The shape of real long-term (AKIA) and temporary (ASIA) AWS access key ids.
const REAL_ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;

/** Why the key cannot be used with the emulator, or undefined when it can. */
export function refuseRealLookingKey(accessKeyId: string): string | undefined {
  return REAL_ACCESS_KEY_ID.test(accessKeyId)
    ? `Access key id ${accessKeyId.slice(0, 4)}… looks like a real AWS key; the emulator only takes made-up sandbox keys.`
    : undefined;
}

/**
 * Indexes the accepted keys by access key id; throws when one looks like a real AWS key, so that a
 * real secret is never typed into (and held by) a test double.
 */
export function indexCredentials(credentials: readonly EmulatorCredential[]): ReadonlyMap<string, EmulatorCredential> {
  const byId = new Map<string, EmulatorCredential>();
  for (const credential of credentials) {
    const refusal = refuseRealLookingKey(credential.accessKeyId);
    if (refusal !== undefined) throw new Error(refusal);
    byId.set(credential.accessKeyId, credential);
  }
  return byId;
}
