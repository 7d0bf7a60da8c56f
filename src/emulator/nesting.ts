import { isRecord } from "./records.js";

/**
 * Deepest nesting of objects and arrays the emulator accepts in a request body. AWS refuses such
 * bodies as invalid input; past it a recursive walk (validation, the recording's redaction, writing
 * it back) could overflow the stack and answer 500 instead.
 */
export const MAX_BODY_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than {@link MAX_BODY_DEPTH}, found without recursion. */
export function nestsTooDeep(value: unknown): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (!Array.isArray(item) && !isRecord(item)) continue;
    if (depth > MAX_BODY_DEPTH) return true;
    for (const inner of Array.isArray(item) ? item : Object.values(item)) pending.push([inner, depth + 1]);
  }
  return false;
}
