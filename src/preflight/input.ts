/**
 * The parts of a CreateAgentRuntime or UpdateAgentRuntime request body the checks read. Both
 * request types fit it (create_agent_runtime passes its request as it is, so the typecheck holds
 * that); every part is optional, so a check group runs only when its part is present.
 */
export interface PreflightInput {
  readonly agentRuntimeName?: string;
  readonly roleArn?: string;
  readonly agentRuntimeArtifact?: {
    readonly containerConfiguration?: { readonly containerUri: string };
    readonly codeConfiguration?: {
      readonly code: { readonly s3?: { readonly bucket: string; readonly prefix: string; readonly versionId?: string } };
    };
  };
  readonly networkConfiguration?: {
    readonly networkMode?: string;
    readonly networkModeConfig?: { readonly subnets: readonly string[]; readonly securityGroups: readonly string[] };
  };
  readonly authorizerConfiguration?: { readonly customJWTAuthorizer?: { readonly discoveryUrl: string } };
}
