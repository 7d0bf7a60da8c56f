import model from "../../src/emulator/model/bedrock-agentcore-control.closure.json" with { type: "json" };

/** A shape of the botocore model, as far as the tests read it. */
export interface ModelShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  pattern?: string;
  min?: number;
  max?: number;
  enum?: string[];
  union?: boolean;
  sensitive?: boolean;
}

/** The model closure carried in the repo (a fresh clone has no ../shared). */
export const MODEL_SHAPES = model.shapes as unknown as Record<string, ModelShape>;

/** Looks a shape up, failing loudly on a name the model does not have. */
export function shapeNamed(name: string): ModelShape {
  const shape = MODEL_SHAPES[name];
  if (!shape) throw new Error(`no shape ${name} in the model`);
  return shape;
}
