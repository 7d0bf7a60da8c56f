// The emulator's public surface: a local stand-in for the AgentCore control plane. It imports
// nothing from the rest of the product, so it can judge the product's requests independently.
export { parseEmulatorArgs, EMULATOR_USAGE } from "./cli.js";
export type { EmulatorArgs } from "./cli.js";
export { SANDBOX_CREDENTIALS } from "./credentials.js";
export type { EmulatorCredential } from "./credentials.js";
export { describeControlToken, describeListening, startEmulator } from "./emulator.js";
export type { Emulator, EmulatorOptions, HostCodeOptions } from "./emulator.js";
export type { Fault, FaultContext, FaultRule } from "./faults.js";
export { DATA_PLANE_MODEL, LOGS_MODEL, SERVICE_MODEL, getShape } from "./model.js";
export type { MemberRef, OperationDef, ServiceModel, ShapeDef } from "./model.js";
export { formatValidationMessage, validateRequest } from "./model-validator.js";
export type { ValidationIssue } from "./model-validator.js";
export type { RecordedRequest } from "./recording.js";
export { buildCanonicalRequest, verifySigV4 } from "./sigv4-verify.js";
export type { ReceivedRequest, SigV4ErrorType, VerifyOptions, VerifyResult } from "./sigv4-verify.js";
export { CONTROL_TOKEN_HEADER } from "./control.js";
export { failDeletesNamedKeep, failRuntimesNamedFail, failUpdatesToFailingArtifacts } from "./failure-rules.js";
export type {
  CreateRuntimeRequest,
  DeletedRuntime,
  DeleteFailureRule,
  FailureRule,
  UpdateFailureRule,
  UpdateRuntimeRequest,
} from "./failure-rules.js";
export type { ServedRegions } from "./regional-stores.js";
export type { RuntimeStatus, RuntimeView } from "./state.js";
