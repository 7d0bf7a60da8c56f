// The tool's zod schemas, generated from the AWS model by scripts/generate-schemas.mjs (see
// src/agentcore/generated/). This file only re-exports them under the names the rest of the code
// uses; model knowledge lives in the generated files and src/agentcore/descriptions.ts.
import * as z from "zod";
import { MAP_MEMBER_NAMES, MODEL_PATTERNS, SENSITIVE_MAP_MEMBER_NAMES } from "./generated/metadata.js";
import { AgentRuntimeStatusOutputSchema } from "./generated/schemas.js";

export {
  CreateAgentRuntimeRequestSchema,
  type CreateAgentRuntimeRequest,
  CreateAgentRuntimeResponseSchema,
  type CreateAgentRuntimeResponse,
  GetAgentRuntimeRequestSchema,
  type GetAgentRuntimeRequest,
  GetAgentRuntimeResponseSchema,
  type GetAgentRuntimeResponse,
  UpdateAgentRuntimeRequestSchema,
  type UpdateAgentRuntimeRequest,
  UpdateAgentRuntimeResponseSchema,
  type UpdateAgentRuntimeResponse,
  ListAgentRuntimesRequestSchema,
  type ListAgentRuntimesRequest,
  ListAgentRuntimesResponseSchema,
  type ListAgentRuntimesResponse,
  ListAgentRuntimeVersionsRequestSchema,
  type ListAgentRuntimeVersionsRequest,
  ListAgentRuntimeVersionsResponseSchema,
  type ListAgentRuntimeVersionsResponse,
  DeleteAgentRuntimeRequestSchema,
  type DeleteAgentRuntimeRequest,
  DeleteAgentRuntimeResponseSchema,
  type DeleteAgentRuntimeResponse,
  CreateAgentRuntimeEndpointRequestSchema,
  type CreateAgentRuntimeEndpointRequest,
  CreateAgentRuntimeEndpointResponseSchema,
  type CreateAgentRuntimeEndpointResponse,
  GetAgentRuntimeEndpointRequestSchema,
  type GetAgentRuntimeEndpointRequest,
  GetAgentRuntimeEndpointResponseSchema,
  type GetAgentRuntimeEndpointResponse,
  UpdateAgentRuntimeEndpointRequestSchema,
  type UpdateAgentRuntimeEndpointRequest,
  UpdateAgentRuntimeEndpointResponseSchema,
  type UpdateAgentRuntimeEndpointResponse,
  ListAgentRuntimeEndpointsRequestSchema,
  type ListAgentRuntimeEndpointsRequest,
  ListAgentRuntimeEndpointsResponseSchema,
  type ListAgentRuntimeEndpointsResponse,
  DeleteAgentRuntimeEndpointRequestSchema,
  type DeleteAgentRuntimeEndpointRequest,
  DeleteAgentRuntimeEndpointResponseSchema,
  type DeleteAgentRuntimeEndpointResponse,
  InvokeAgentRuntimeRequestMembers,
  StopRuntimeSessionRequestMembers,
  FilterLogEventsRequestMembers,
} from "./generated/schemas.js";
export { OPERATION_SHAPES, SHAPE_OUTLINES, type ShapeOutline } from "./generated/metadata.js";
export { redactSensitive, sensitiveValuesOf } from "./sensitive.js";

/**
 * Lifecycle states of a runtime, as answers carry them: the known values are described, and a
 * value AWS adds later (DELETE_FAILED was one) passes through instead of failing the answer.
 */
export const AgentRuntimeStatusSchema = AgentRuntimeStatusOutputSchema;

/**
 * The status as tool results advertise it: a string whose description lists the known values.
 * The open enum's JSON Schema (a union of the values and any string) says the same at twice the
 * size, in every tool's output schema.
 */
export const AgentRuntimeStatusResultSchema = z.string().describe(AgentRuntimeStatusOutputSchema.description ?? "Runtime status.");

/** One runtime status: a known value or one AWS added later. */
export type AgentRuntimeStatus = string;

/** Members of a request (at any depth) whose value is a map: null entries in them are kept, not dropped. */
export const MAP_MEMBERS: ReadonlySet<string> = new Set(MAP_MEMBER_NAMES);

/** Map members that are sensitive keys included: argument errors name an entry's position, never its key. */
export const SENSITIVE_MAP_MEMBERS: ReadonlySet<string> = new Set(SENSITIVE_MAP_MEMBER_NAMES);

/** Pattern of a runtime id (the model's AgentRuntimeId): the name, a hyphen and a 10-character suffix. */
export const AGENT_RUNTIME_ID_PATTERN: string = MODEL_PATTERNS.AgentRuntimeId;
