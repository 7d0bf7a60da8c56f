export type { CallFailure, FieldProblem } from "../aws/call-failure.js";
export { redact } from "../aws/call-failure.js";

const REMEDIES: Record<string, string> = {
  ValidationException:
    "Fix the fields named above and call again. The arguments passed the local schema, so the service applied a rule it cannot express (for example an image or role in another account or region).",
  ConflictException:
    "A runtime with this agentRuntimeName already exists, or this clientToken was used with different arguments: choose another name, or repeat the original call unchanged with the same clientToken to get its result.",
  AccessDeniedException:
    "The AWS identity lacks permission: allow bedrock-agentcore:CreateAgentRuntime (and bedrock-agentcore:GetAgentRuntime to read it back) plus iam:PassRole on the roleArn, with iam:PassedToService bedrock-agentcore.amazonaws.com.",
  ServiceQuotaExceededException:
    "The account reached its AgentCore runtime quota in this region: delete runtimes it no longer needs, or request a higher quota in Service Quotas.",
  ThrottlingException: "The service is rate-limiting this account: wait a little, then repeat the same call with the same clientToken.",
  InternalServerException:
    "The service failed on its side: repeat the same call later with the same clientToken; it will not create a second runtime.",
  CREATE_FAILED:
    "Read the reason above: usually the role cannot be assumed by bedrock-agentcore.amazonaws.com, or the image or code cannot be fetched with that role. Fix it, then create again under a new name (or delete this runtime first).",
  UPDATE_FAILED: "Read the reason above, fix the configuration it names, and update the runtime again.",
  ConfirmationUnavailable:
    "Use a client that supports MCP elicitation, or have the operator restart the server without --confirm (AGENTCORE_MCP_CONFIRM).",
  NotCreated: "The person did not approve the creation. Ask them what to change before trying again.",
  ResourceNotFoundException:
    "No runtime with that id exists in this region and account: check the id (create_agent_runtime returns it) and the region.",
  NetworkError: "The control plane could not be reached: check the network, proxy and endpoint, then repeat the call with the same clientToken.",
  TimeoutError: "The control plane did not answer in time: repeat the call with the same clientToken; it will not create a second runtime.",
  DeadlineExceeded: "The call ran out of its total time budget: repeat it with the same clientToken, or raise the deadline.",
  Cancelled: "The client cancelled the call. If it was sent, repeating it with the same clientToken returns the runtime it created.",
  CredentialsError:
    "No usable AWS credentials: set AWS_PROFILE (and run `aws sso login` for SSO profiles) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the server's environment, or start it with --sandbox to try it without AWS.",
  InvalidSignatureException: "The request signature was rejected: check the system clock and that the credentials are current.",
  UnrecognizedClientException: "The access key is not known to AWS: refresh the credentials the server runs with.",
  ExpiredTokenException: "The session token has expired: refresh the credentials (for SSO, `aws sso login`).",
  MalformedResponse: "The service answered with something that is not the documented response: repeat the call with the same clientToken.",
  ResponseTooLarge: "The answer was larger than any valid response: check the endpoint URL points at the AgentCore control plane.",
};

/** A one-line next step for a failure, written for a model to act on. */
export function remedyFor(code: string): string {
  return REMEDIES[code] ?? "Check the message above; if it names a field, fix it and call again with the same clientToken.";
}
