import { readFileSync } from "node:fs";

/**
 * The package version, read once from package.json next to dist/ (the bundler inlines it into the
 * shipped bin, so the bin reads no file for it).
 */
export const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
