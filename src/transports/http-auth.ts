import { createHash, timingSafeEqual } from "node:crypto";
import { createRemoteJWKSet, errors, jwtVerify } from "jose";

/** How HTTP clients prove who they are; configuring neither means no authentication. */
export interface HttpAuthOptions {
  /** Static bearer tokens, already read from the environment or a file by the caller. */
  bearerTokens?: string[];
  /** Validation of JWT bearer tokens against an issuer's published keys. */
  jwt?: { issuer: string; audience: string; jwksUrl: string };
}

/**
 * The verdict on one request's credentials. `error` is the RFC 6750 error code to report, if any.
 * `caller` names who passed: a digest of the static token, or the JWT's issuer and subject (so a
 * refreshed token is the same caller); empty when no authentication is configured.
 */
export type AuthVerdict =
  { ok: true; caller: string } | { ok: false; error: "invalid_request" | "invalid_token" | undefined; reason: string };

/** Checks the `Authorization` header of a request. */
export type Authenticator = (authorization: string | undefined) => Promise<AuthVerdict>;

/** Whether `auth` configures at least one way to authenticate. */
export function hasAuthentication(auth: HttpAuthOptions): boolean {
  return configuredTokens(auth).length > 0 || auth.jwt !== undefined;
}

function configuredTokens(auth: HttpAuthOptions): string[] {
  // An empty token would make "Bearer " with nothing after it a valid credential.
  return (auth.bearerTokens ?? []).filter((token) => token.length > 0);
}

function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

function digestOf(token: string): string {
  return sha256(token).toString("base64url");
}

// Any visible ASCII rather than RFC 6750's narrower b64token: operators pick their own static
// tokens, and one with, say, "!" in it must still work.
const BEARER = /^Bearer +([\x21-\x7e]+)$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function tokenMatcher(tokens: readonly string[]): (presented: string) => boolean {
  // Comparing fixed-length digests keeps the comparison constant-time and hides token lengths.
  const digests = tokens.map(sha256);
  return (presented) => {
    const digest = sha256(presented);
    // No early exit: the time taken must not reveal which configured token matched.
    let matched = false;
    for (const candidate of digests) matched = timingSafeEqual(candidate, digest) || matched;
    return matched;
  };
}

function jwtValidator(jwt: NonNullable<HttpAuthOptions["jwt"]>): (token: string) => Promise<AuthVerdict> {
  const keys = createRemoteJWKSet(new URL(jwt.jwksUrl));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: jwt.issuer, audience: jwt.audience, requiredClaims: ["exp"] });
      // No subject, no person to tell apart: such tokens count as one caller per token.
      return { ok: true, caller: payload.sub === undefined ? `token:${digestOf(token)}` : `jwt:${jwt.issuer}\0${payload.sub}` };
    } catch (error: unknown) {
      // A jose code (ERR_JWT_EXPIRED, ERR_JWKS_TIMEOUT, ...) is safe to log; the token is not.
      const reason = error instanceof errors.JOSEError ? error.code : "ERR_JWKS_UNAVAILABLE";
      return { ok: false, error: "invalid_token", reason };
    }
  };
}

/**
 * Creates the check for `Authorization: Bearer` credentials: a request passes when its token
 * equals a configured static token or is a JWT that validates, whichever is configured. With no
 * authentication configured every request passes (the caller decided that is safe).
 */
export function createAuthenticator(auth: HttpAuthOptions): Authenticator {
  if (!hasAuthentication(auth)) return () => Promise.resolve({ ok: true, caller: "" });
  const tokens = configuredTokens(auth);
  const matchesToken = tokens.length > 0 ? tokenMatcher(tokens) : undefined;
  const validateJwt = auth.jwt === undefined ? undefined : jwtValidator(auth.jwt);

  return async (authorization) => {
    if (authorization === undefined) return { ok: false, error: undefined, reason: "missing credentials" };
    const token = BEARER.exec(authorization.trim())?.[1];
    if (token === undefined) return { ok: false, error: "invalid_request", reason: "malformed Authorization header" };
    if (matchesToken?.(token) === true) return { ok: true, caller: `token:${digestOf(token)}` };
    if (validateJwt !== undefined && JWT_SHAPE.test(token)) return validateJwt(token);
    return { ok: false, error: "invalid_token", reason: "unknown token" };
  };
}
