// Types of scripts/generate-schemas.mjs, for the tests that drive the generator.

/** A botocore model, or the closure of it the repo carries. */
export interface Model {
  operations: Record<string, { input: { shape: string }; output: { shape: string }; http: { method: string; requestUri: string } }>;
  shapes: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** Our words: the exports of src/agentcore/descriptions.ts. */
export interface Words {
  MEMBER_DESCRIPTIONS: Readonly<Record<string, string>>;
  SHAPE_WORDS: Readonly<Record<string, unknown>>;
  CROSS_MEMBER_RULES: Readonly<Record<string, unknown>>;
}

export const OPERATIONS: readonly string[];
export const MODEL_PATH: string;
export const DESCRIPTIONS_PATH: string;
export const OUTPUT_DIR: string;

/** Generation stopped; `problems` names each model path that needs attention. */
export class GenerationError extends Error {
  problems: string[];
}

export function carryModel(model: Model): Model;
/** Per carried closure file, the requests and their members the tools take from another service. */
export const MEMBER_MODELS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
export function loadMemberClosures(): Record<string, Model>;
export function generate(closure: Model, words: Words, memberClosures?: Record<string, Model>): Record<string, string>;
export function loadWords(path?: string): Promise<Words>;
export function syncAndGenerate(source?: string): Promise<void>;
