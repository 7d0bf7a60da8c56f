// Start-up refuses what every call would refuse later, with one line naming the setting and its
// origin: a token file that cannot serve as one. (The region is checked with the rest of the
// configuration, in config.ts; an address that does not resolve, when the bind fails.)
import { readFile } from "node:fs/promises";

/** The shortest bearer token accepted, from a flag, a variable or a file. */
export const MIN_TOKEN_LENGTH = 16;

/** The token a file holds, or the one line saying why it cannot serve (never quoting its content). */
export async function readTokenFile(path: string, source: string): Promise<{ ok: true; token: string } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES"
          ? "cannot be read by this process"
          : code === "EISDIR"
            ? "is a directory"
            : `cannot be read (${code || "error"})`;
    return { ok: false, message: `the auth token file ${path} (from ${source}) ${why}` };
  }
  const token = text.trim();
  if (token === "")
    return {
      ok: false,
      message: `the auth token file ${path} (from ${source}) is empty; put a token of at least ${MIN_TOKEN_LENGTH} characters in it`,
    };
  if (token.length < MIN_TOKEN_LENGTH) {
    return {
      ok: false,
      message: `the auth token file ${path} (from ${source}) holds a token shorter than ${MIN_TOKEN_LENGTH} characters (it is not shown)`,
    };
  }
  return { ok: true, token };
}
