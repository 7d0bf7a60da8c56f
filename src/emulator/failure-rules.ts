import { asRecord } from "./records.js";

/** A validated CreateAgentRuntime request, as a failure rule sees it. */
export interface CreateRuntimeRequest {
  readonly agentRuntimeName: string;
  readonly clientToken?: string;
  readonly [member: string]: unknown;
}

/** A validated UpdateAgentRuntime request, with the name of the runtime it changes. */
export interface UpdateRuntimeRequest {
  readonly agentRuntimeId: string;
  readonly agentRuntimeName: string;
  readonly [member: string]: unknown;
}

/** The runtime a DeleteAgentRuntime request removes. */
export interface DeletedRuntime {
  readonly agentRuntimeId: string;
  readonly agentRuntimeName: string;
}

/**
 * Decides whether a creation ends in CREATE_FAILED: returns the `failureReason` to report once the
 * creation delay has passed, or undefined for a runtime that becomes READY.
 */
export type FailureRule = (request: CreateRuntimeRequest) => string | undefined;

/** Decides whether an update ends in UPDATE_FAILED: the `failureReason`, or undefined for READY. */
export type UpdateFailureRule = (request: UpdateRuntimeRequest) => string | undefined;

/** Decides whether a deletion ends in DELETE_FAILED: the `failureReason`, or undefined for gone. */
export type DeleteFailureRule = (runtime: DeletedRuntime) => string | undefined;

/** The artifact a request points at, in words, and the text whose last part the update rule reads. */
function artifactOf(request: Readonly<Record<string, unknown>>): { readonly words: string; readonly reference: string } {
  const artifact = asRecord(request["agentRuntimeArtifact"]);
  const containerUri = asRecord(artifact["containerConfiguration"])["containerUri"];
  if (typeof containerUri === "string") return { words: `Container image could not be pulled: ${containerUri}`, reference: containerUri };
  const s3 = asRecord(asRecord(asRecord(artifact["codeConfiguration"])["code"])["s3"]);
  const reference = `s3://${String(s3["bucket"])}/${String(s3["prefix"])}`;
  return { words: `Code artifact could not be fetched: ${reference}`, reference };
}

/**
 * The default creation rule: a runtime whose name starts with `fail` (any case) ends in CREATE_FAILED
 * with a reason naming its artifact, so a sandbox user can see the failure path without real AWS.
 */
export const failRuntimesNamedFail: FailureRule = (request) =>
  /^fail/i.test(request.agentRuntimeName)
    ? `${artifactOf(request).words}: not found (emulator rule: runtimes whose name starts with "fail" end in CREATE_FAILED).`
    : undefined;

// The image tag (after the last `:` of the last path part) or the last part of an S3 prefix.
const FAILING_REFERENCE = /(?:^|[/:])fail[^/:]*\/?$/i;

/**
 * The default update rule: an update to an artifact whose image tag or last S3 prefix part starts
 * with `fail` (`…/agent:fail-v2`, `s3://bucket/fail/`) ends in UPDATE_FAILED; the runtime's name
 * plays no part, since an update cannot change it.
 */
export const failUpdatesToFailingArtifacts: UpdateFailureRule = (request) => {
  const { words, reference } = artifactOf(request);
  return FAILING_REFERENCE.test(reference)
    ? `${words}: not found (emulator rule: updates to an image tag or S3 prefix part starting with "fail" end in UPDATE_FAILED).`
    : undefined;
};

/** The default deletion rule: a runtime whose name starts with `keep` (any case) ends in DELETE_FAILED. */
export const failDeletesNamedKeep: DeleteFailureRule = (runtime) =>
  /^keep/i.test(runtime.agentRuntimeName)
    ? `The runtime's resources could not be released (emulator rule: runtimes whose name starts with "keep" end in DELETE_FAILED).`
    : undefined;
