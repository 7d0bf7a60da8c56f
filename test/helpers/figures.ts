import { appendFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where the reliability tests leave their figures for the summary printed at the end of the run. */
export const FIGURES_FILE = fileURLToPath(new URL("../../.reliability/figures.jsonl", import.meta.url));

/** How much larger the long mode (`npm run test:reliability`) makes every count. */
export const SCALE = Math.max(1, Number(process.env.RELIABILITY_SCALE ?? "1"));

/** Records one measured figure for the summary table. */
export function recordFigure(name: string, value: number | string, unit = ""): void {
  mkdirSync(new URL("../../.reliability/", import.meta.url), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify({ name, value, unit })}\n`);
}
