import { asRecord } from "./records.js";

/** An opaque page token: where the next page starts, as a position the list understands. */
export function encodePageToken(after: number): string {
  return Buffer.from(JSON.stringify({ after }), "utf8").toString("base64url");
}

/** The position a page token carries, or undefined for a token the emulator did not make. */
export function decodePageToken(token: string): number | undefined {
  try {
    const after: unknown = asRecord(JSON.parse(Buffer.from(token, "base64url").toString("utf8")))["after"];
    return typeof after === "number" && Number.isSafeInteger(after) && after >= 0 ? after : undefined;
  } catch {
    return undefined;
  }
}
