import { existsSync, readFileSync, rmSync } from "node:fs";
import { FIGURES_FILE } from "./figures.js";

/** vitest global setup: starts each run with no figures and prints the table at the end. */
export function setup(): () => void {
  rmSync(FIGURES_FILE, { force: true });
  return () => {
    if (!existsSync(FIGURES_FILE)) return;
    const rows = readFileSync(FIGURES_FILE, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { name: string; value: number | string; unit: string });
    const width = Math.max(...rows.map((row) => row.name.length));
    const lines = rows.map((row) => `  ${row.name.padEnd(width)}  ${row.value}${row.unit ? ` ${row.unit}` : ""}`);
    process.stderr.write(`\nReliability figures:\n${lines.join("\n")}\n`);
  };
}
