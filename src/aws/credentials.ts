import type { AwsCredentials, CredentialSource } from "./sign.js";

/**
 * The default AWS provider chain (environment, SSO, shared files, process, web identity, container,
 * instance metadata), built once per process and imported lazily: start-up should not pay for
 * credential providers that only a tool call needs. The chain memoizes and refreshes by itself.
 */
export function createDefaultCredentialSource(options: { profile?: string }): CredentialSource {
  let provider: Promise<CredentialSource> | undefined;
  return async () => {
    provider ??= import("@aws-sdk/credential-providers").then(({ fromNodeProviderChain }) =>
      fromNodeProviderChain(options.profile === undefined ? {} : { profile: options.profile }),
    );
    const resolve = await provider;
    return resolve();
  };
}

/** A fixed key pair, for sandbox mode and tests. */
export function createStaticCredentialSource(credentials: AwsCredentials): CredentialSource {
  return () => Promise.resolve(credentials);
}
