import closure from "./model/bedrock-agentcore-control.closure.json" with { type: "json" };
import dataPlaneClosure from "./model/bedrock-agentcore.closure.json" with { type: "json" };
import logsClosure from "./model/logs.closure.json" with { type: "json" };

/** A reference from a structure member (or list/map slot) to a shape, with its HTTP binding. */
export interface MemberRef {
  readonly shape: string;
  readonly location?: string;
  readonly locationName?: string;
  readonly idempotencyToken?: boolean;
}

/** One shape of the botocore model, with the traits the emulator acts on. */
export interface ShapeDef {
  readonly type: string;
  readonly members?: Readonly<Record<string, MemberRef>>;
  readonly required?: readonly string[];
  readonly union?: boolean;
  readonly member?: MemberRef;
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly min?: number;
  readonly max?: number;
  readonly sensitive?: boolean;
  readonly timestampFormat?: string;
  readonly streaming?: boolean;
  readonly error?: { readonly httpStatusCode: number };
}

/** One operation of the botocore model. */
export interface OperationDef {
  readonly name: string;
  readonly http: { readonly method: string; readonly requestUri: string; readonly responseCode?: number };
  readonly input: MemberRef;
  readonly output: MemberRef;
  readonly errors: readonly MemberRef[];
}

/** Looks a shape up by name in one model (or two that share their common shapes). */
export type ShapeLookup = (name: string) => ShapeDef;

/** The slice of a botocore `service-2.json` the emulator serves. */
export interface ServiceModel {
  readonly metadata: { readonly signingName?: string; readonly serviceId: string; readonly targetPrefix?: string };
  readonly operations: Readonly<Record<string, OperationDef>>;
  readonly shapes: Readonly<Record<string, ShapeDef>>;
}

/** The control plane's model closure (runtimes and their endpoints), as shipped next to this file. */
export const SERVICE_MODEL: ServiceModel = closure;

/** The data plane's model closure (InvokeAgentRuntime, StopRuntimeSession). */
export const DATA_PLANE_MODEL: ServiceModel = dataPlaneClosure;

/** CloudWatch Logs' model closure (FilterLogEvents). */
export const LOGS_MODEL: ServiceModel = logsClosure;

/** The SigV4 signing name of the control plane and the data plane (`bedrock-agentcore`, not the endpoint prefix). */
export const SIGNING_NAME = SERVICE_MODEL.metadata.signingName ?? "bedrock-agentcore";

function lookupIn(models: readonly ServiceModel[]): ShapeLookup {
  return (name) => {
    const model = models.find((candidate) => Object.hasOwn(candidate.shapes, name));
    const shape = model?.shapes[name];
    if (shape === undefined) throw new Error(`The model has no shape named ${name}`);
    return shape;
  };
}

// Both AgentCore planes come from one Smithy model family: the shapes they share (errors, strings)
// are the same, which lets one lookup serve both; a disagreement would be a wrong carry.
for (const [name, shape] of Object.entries(DATA_PLANE_MODEL.shapes)) {
  const other = SERVICE_MODEL.shapes[name];
  if (other !== undefined && JSON.stringify(other) !== JSON.stringify(shape))
    throw new Error(`The AgentCore models disagree on shape ${name}`);
}

/** Looks a shape of either AgentCore plane up by name; a missing name is a bug in the emulator, not a client error. */
export const getShape: ShapeLookup = lookupIn([SERVICE_MODEL, DATA_PLANE_MODEL]);

/** Looks a CloudWatch Logs shape up by name. */
export const getLogsShape: ShapeLookup = lookupIn([LOGS_MODEL]);

/** Whether values of the shape are leaves of the JSON document rather than containers. */
export function isScalarShape(shape: ShapeDef): boolean {
  return shape.type !== "structure" && shape.type !== "list" && shape.type !== "map";
}

/**
 * Copies from `source` exactly the members the structure `shapeName` declares, skipping undefined
 * values, so responses carry what the model lists and nothing that happens to sit in the store.
 */
export function pickModelledMembers(
  shapeName: string,
  source: Readonly<Record<string, unknown>>,
  lookup: ShapeLookup = getShape,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of Object.keys(lookup(shapeName).members ?? {})) {
    const value = source[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
