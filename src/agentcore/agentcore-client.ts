// The operations interface the tools call, apart from the SDK client that implements it
// (sdk-client.ts, loaded on first use), so neither module needs the other's code.
import type { CallOutcome } from "../aws/call-failure.js";
import type { CredentialSource } from "../aws/credentials.js";
import type { AwsTransport } from "../aws/transport.js";
import type { Logger } from "../log.js";
import type {
  CreateAgentRuntimeEndpointRequest,
  CreateAgentRuntimeEndpointResponse,
  DeleteAgentRuntimeEndpointRequest,
  DeleteAgentRuntimeEndpointResponse,
  GetAgentRuntimeEndpointRequest,
  GetAgentRuntimeEndpointResponse,
  ListAgentRuntimeEndpointsRequest,
  ListAgentRuntimeEndpointsResponse,
  UpdateAgentRuntimeEndpointRequest,
  UpdateAgentRuntimeEndpointResponse,
  CreateAgentRuntimeRequest,
  CreateAgentRuntimeResponse,
  DeleteAgentRuntimeRequest,
  DeleteAgentRuntimeResponse,
  GetAgentRuntimeResponse,
  ListAgentRuntimeVersionsRequest,
  ListAgentRuntimeVersionsResponse,
  ListAgentRuntimesRequest,
  ListAgentRuntimesResponse,
  UpdateAgentRuntimeRequest,
  UpdateAgentRuntimeResponse,
} from "./schemas.js";

export type { CallOutcome } from "../aws/call-failure.js";

/** Per-call options. */
export interface CallOptions {
  /** The call's signal (cancellation and time budget): stops the attempt in flight and any backoff. */
  signal?: AbortSignal;
  /**
   * Update only: members the model does not know (a sparse tree from splitUnknownMembers), put
   * into the request body unchanged after the SDK serialized the rest.
   */
  unknownMembers?: unknown;
}

/** The control-plane operations the tools use, one method per operation. */
export interface AgentCoreClient {
  createAgentRuntime(
    request: CreateAgentRuntimeRequest & { clientToken: string },
    options?: CallOptions,
  ): Promise<CallOutcome<CreateAgentRuntimeResponse>>;
  getAgentRuntime(agentRuntimeId: string, version?: string, options?: CallOptions): Promise<CallOutcome<GetAgentRuntimeResponse>>;
  updateAgentRuntime(
    request: UpdateAgentRuntimeRequest & { clientToken: string },
    options?: CallOptions,
  ): Promise<CallOutcome<UpdateAgentRuntimeResponse>>;
  listAgentRuntimes(request: ListAgentRuntimesRequest, options?: CallOptions): Promise<CallOutcome<ListAgentRuntimesResponse>>;
  listAgentRuntimeVersions(
    request: ListAgentRuntimeVersionsRequest,
    options?: CallOptions,
  ): Promise<CallOutcome<ListAgentRuntimeVersionsResponse>>;
  deleteAgentRuntime(
    request: DeleteAgentRuntimeRequest & { clientToken: string },
    options?: CallOptions,
  ): Promise<CallOutcome<DeleteAgentRuntimeResponse>>;
  createAgentRuntimeEndpoint(
    request: CreateAgentRuntimeEndpointRequest & { clientToken: string },
    options?: CallOptions,
  ): Promise<CallOutcome<CreateAgentRuntimeEndpointResponse>>;
  getAgentRuntimeEndpoint(
    request: GetAgentRuntimeEndpointRequest,
    options?: CallOptions,
  ): Promise<CallOutcome<GetAgentRuntimeEndpointResponse>>;
  updateAgentRuntimeEndpoint(
    request: UpdateAgentRuntimeEndpointRequest & { clientToken: string },
    options?: CallOptions,
  ): Promise<CallOutcome<UpdateAgentRuntimeEndpointResponse>>;
  listAgentRuntimeEndpoints(
    request: ListAgentRuntimeEndpointsRequest,
    options?: CallOptions,
  ): Promise<CallOutcome<ListAgentRuntimeEndpointsResponse>>;
  deleteAgentRuntimeEndpoint(
    request: DeleteAgentRuntimeEndpointRequest & { clientToken: string },
    options?: CallOptions,
  ): Promise<CallOutcome<DeleteAgentRuntimeEndpointResponse>>;
}

/** Everything one regional client needs, injected; nothing here reads the environment. */
export interface AgentCoreClientDeps {
  region: string;
  /** An explicit endpoint (flag, sandbox emulator); otherwise the SDK's endpoint rules decide. */
  endpointUrl?: string;
  /** One endpoint for the data plane and CloudWatch Logs too (the sandbox's emulator); otherwise each finds its own by the SDK's rules. */
  servicesEndpointUrl?: string;
  useFips: boolean;
  useDualStack: boolean;
  credentials: CredentialSource;
  transport: AwsTransport;
  maxAttempts: number;
  userAgent: string;
  log: Logger;
}
