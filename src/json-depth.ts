/**
 * How deeply a JSON text nests, found by one pass over its characters (no parse, no recursion), so
 * that a body nested thousands of levels deep is refused as bad input before any recursive walk
 * (validation, redaction) could overflow the stack and turn it into an internal error.
 */

/** Deepest nesting of objects and arrays accepted in a request body: far above any real one. */
export const MAX_JSON_DEPTH = 64;

/** Whether `text` nests objects and arrays deeper than `maxDepth`. Strings are skipped, escapes included. */
export function nestsDeeperThan(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
  }
  return false;
}
