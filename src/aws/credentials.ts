import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { createLazyStart } from "../lazy-start.js";

/** AWS credentials as the SDK signs with them. */
export type AwsCredentials = AwsCredentialIdentity;

/** Resolves the credentials to sign with: the SDK's identity provider, asked once per attempt. */
export type CredentialSource = AwsCredentialIdentityProvider;

/** Loads the provider chain; injected so a failed load can be tested. */
export type ProviderChainLoader = (options: { profile?: string }) => Promise<CredentialSource>;

const loadNodeProviderChain: ProviderChainLoader = async (options) => {
  const { fromNodeProviderChain } = await import("@aws-sdk/credential-providers");
  return fromNodeProviderChain(options.profile === undefined ? {} : { profile: options.profile });
};

/**
 * The default AWS provider chain (environment, SSO, shared files, process, web identity, container,
 * instance metadata), built once per process and imported lazily: start-up should not pay for
 * credential providers that only a tool call needs. The chain memoizes and refreshes by itself; a
 * failed load is retried on the next call instead of failing every later call the same way.
 */
export function createDefaultCredentialSource(
  options: { profile?: string },
  load: ProviderChainLoader = loadNodeProviderChain,
): CredentialSource {
  const provider = createLazyStart(() => load(options));
  return async (properties) => (await provider.get())(properties);
}

/** A fixed key pair, for sandbox mode and tests. */
export function createStaticCredentialSource(credentials: AwsCredentials): CredentialSource {
  return () => Promise.resolve(credentials);
}
