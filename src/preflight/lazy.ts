import { createLazyStart } from "../lazy-start.js";
import type { PreflightDeps } from "./runner.js";
import type { PreflightInput } from "./input.js";
import type { PreflightReport } from "./schemas.js";

/** The pre-flight checks, loaded on first use. */
export interface LazyPreflight {
  run(input: PreflightInput, context: { region: string; signal: AbortSignal }): Promise<PreflightReport>;
}

/**
 * The checks' code loads on the first create or update that runs them, not at start-up; their
 * dependencies are resolved then too (in sandbox mode, once the emulator is up).
 */
export function createLazyPreflight(deps: () => Promise<PreflightDeps>): LazyPreflight {
  const preflight = createLazyStart(async () => {
    const [{ createPreflight }, resolved] = await Promise.all([import("./runner.js"), deps()]);
    return createPreflight(resolved);
  });
  return { run: async (input, context) => (await preflight.get()).run(input, context) };
}
