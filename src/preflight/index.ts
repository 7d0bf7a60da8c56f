// Pre-flight checks for create and update: catch before the request what AWS would report only
// after the runtime exists. The tools import this module; it imports nothing from tools/.
export { decidePreflight } from "./decide.js";
export { formatPreflightReport } from "./format.js";
export type { PreflightInput } from "./input.js";
export { createPreflight } from "./runner.js";
export type { Preflight, PreflightContext, PreflightDeps } from "./runner.js";
export { PREFLIGHT_CHECK_IDS, PreflightCheckSchema, PreflightDecisionSchema, PreflightReportSchema } from "./schemas.js";
export type { PreflightCheck, PreflightCheckId, PreflightDecision, PreflightReport } from "./schemas.js";
export { MAX_CODE_ARCHIVE_BYTES } from "./code-checks.js";
export { SUPPORTED_ZONE_IDS } from "./supported-zones.js";
