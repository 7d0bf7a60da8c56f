// The emulator's state as data: each part of it (the runtime stores today, more tomorrow) keeps what
// it holds in one object of Maps, Sets and plain values, and these helpers save, restore and reset
// such an object whole. Nothing here names a member, so a member a part adds is kept with it.

/** What a part of the emulator's state holds: Maps, Sets, and JSON values (objects, arrays, text, numbers). */
export type PartData = Record<string, unknown>;

const MAP_TAG = "$map";
const SET_TAG = "$set";

/** JSON-ready form of a value: Maps and Sets become tagged arrays, everything else stays itself. */
export function encodeData(value: unknown): unknown {
  if (value instanceof Map) return { [MAP_TAG]: [...value].map(([key, item]) => [encodeData(key), encodeData(item)]) };
  if (value instanceof Set) return { [SET_TAG]: [...value].map(encodeData) };
  if (Array.isArray(value)) return value.map(encodeData);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encodeData(item)]));
  return value;
}

/** The inverse of {@link encodeData}. */
export function decodeData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeData);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only !== undefined && Array.isArray(only[1])) {
    if (only[0] === MAP_TAG)
      return new Map(
        (only[1] as unknown[]).map((pair) => (Array.isArray(pair) ? [decodeData(pair[0]), decodeData(pair[1])] : [pair, undefined])),
      );
    if (only[0] === SET_TAG) return new Set((only[1] as unknown[]).map(decodeData));
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, decodeData(item)]));
}

function kindOf(value: unknown): string {
  if (value instanceof Map) return "map";
  if (value instanceof Set) return "set";
  return Array.isArray(value) ? "array" : typeof value;
}

/** Why `loaded` cannot stand in for `target` (a member missing or of another kind), or undefined when it can. */
export function shapeMismatch(target: PartData, loaded: unknown): string | undefined {
  if (kindOf(loaded) !== "object" || loaded === null) return "it is not an object";
  const source = loaded as Record<string, unknown>;
  for (const [key, value] of Object.entries(target)) {
    if (kindOf(source[key]) !== kindOf(value)) return `its member ${key} is ${kindOf(source[key])}, not ${kindOf(value)}`;
  }
  return undefined;
}

/**
 * Puts `source`'s contents into `target` in place (Maps and Sets emptied and refilled, other members
 * replaced), so that everything holding `target` or its collections sees the new contents.
 */
export function replaceContents(target: PartData, source: PartData): void {
  for (const [key, value] of Object.entries(target)) {
    const incoming = source[key];
    if (value instanceof Map && incoming instanceof Map) {
      value.clear();
      for (const [entryKey, entry] of incoming) value.set(entryKey, entry);
    } else if (value instanceof Set && incoming instanceof Set) {
      value.clear();
      for (const entry of incoming) value.add(entry);
    } else {
      target[key] = incoming;
    }
  }
}
