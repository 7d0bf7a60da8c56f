import closure from "./model/bedrock-agentcore-control.closure.json" with { type: "json" };

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
  readonly error?: { readonly httpStatusCode: number };
}

/** One operation of the botocore model. */
export interface OperationDef {
  readonly name: string;
  readonly http: { readonly method: string; readonly requestUri: string; readonly responseCode: number };
  readonly input: MemberRef;
  readonly output: MemberRef;
  readonly errors: readonly MemberRef[];
}

/** The slice of a botocore `service-2.json` the emulator serves. */
export interface ServiceModel {
  readonly metadata: { readonly signingName: string; readonly serviceId: string };
  readonly operations: Readonly<Record<string, OperationDef>>;
  readonly shapes: Readonly<Record<string, ShapeDef>>;
}

/** The API model closure of the four runtime operations, as shipped next to this file. */
export const SERVICE_MODEL: ServiceModel = closure;

/** The SigV4 signing name of the control plane (`bedrock-agentcore`, not the endpoint prefix). */
export const SIGNING_NAME = SERVICE_MODEL.metadata.signingName;

/** Looks a shape up by name; a missing name is a bug in the emulator, not a client error. */
export function getShape(name: string): ShapeDef {
  const shape = Object.hasOwn(SERVICE_MODEL.shapes, name) ? SERVICE_MODEL.shapes[name] : undefined;
  if (shape === undefined) throw new Error(`The model has no shape named ${name}`);
  return shape;
}

/** Whether values of the shape are leaves of the JSON document rather than containers. */
export function isScalarShape(shape: ShapeDef): boolean {
  return shape.type !== "structure" && shape.type !== "list" && shape.type !== "map";
}

/**
 * Copies from `source` exactly the members the structure `shapeName` declares, skipping undefined
 * values, so responses carry what the model lists and nothing that happens to sit in the store.
 */
export function pickModelledMembers(shapeName: string, source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of Object.keys(getShape(shapeName).members ?? {})) {
    const value = source[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
