// What the tools know of a failed AWS call: the failure itself, made by aws/sdk-call.ts.
export type { CallFailure, FieldProblem } from "../aws/call-failure.js";
