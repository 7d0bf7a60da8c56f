import minimalCreateRequest from "../fixtures/minimal-create-request.json" with { type: "json" };

/**
 * The minimal valid create request, the one copy shared by tests, scripts and benches
 * (test/fixtures/minimal-create-request.json; the .mjs files read the same file).
 */
export const MINIMAL_REQUEST = minimalCreateRequest as typeof minimalCreateRequest & { networkConfiguration: { networkMode: "PUBLIC" } };
