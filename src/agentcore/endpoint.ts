import { awsEndpointFunctions, resolveEndpoint } from "@aws-sdk/util-endpoints";
import { customEndpointFunctions, isValidHostLabel } from "@smithy/core/endpoints";
import type { RuleSetObject } from "@smithy/core/endpoints";
import ruleSet from "./endpoint-rule-set.json" with { type: "json" };

/** SigV4 signing name of the control plane (not the endpoint prefix, which adds `-control`). */
export const SIGNING_NAME = "bedrock-agentcore";

/** Inputs of endpoint resolution, in AWS's terms. */
export interface EndpointOptions {
  region: string;
  useFips: boolean;
  useDualStack: boolean;
  /** An explicit endpoint (flag or AWS_ENDPOINT_URL_*), which wins over everything else. */
  endpointUrl?: string;
}

/** A region is put into a host name, so it must be a valid host label before anything else. */
export function isValidRegion(region: string): boolean {
  return isValidHostLabel(region);
}

/**
 * Resolves the control-plane endpoint by evaluating the service's own endpoint rule set (copied
 * from the AWS model) with the AWS partition data, exactly as the official SDK does: China, GovCloud,
 * ISO partitions, FIPS and dual-stack come from the rules, not from code of ours.
 */
export function resolveControlPlaneEndpoint(options: EndpointOptions): URL {
  if (!isValidRegion(options.region)) throw new Error(`region "${options.region}" is not a valid region name`);
  customEndpointFunctions.aws = awsEndpointFunctions;
  const endpoint = resolveEndpoint(ruleSet as RuleSetObject, {
    endpointParams: {
      Region: options.region,
      UseFIPS: options.useFips,
      UseDualStack: options.useDualStack,
      ...(options.endpointUrl === undefined ? {} : { Endpoint: options.endpointUrl }),
    },
  });
  return new URL(endpoint.url.href);
}
