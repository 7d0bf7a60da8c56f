// Preloaded with `node --import ./bench/import-trace.mjs`: appends the URL of every file the ESM
// loader loads to $IMPORT_TRACE_FILE, so the bench can tell which bundle chunks a run reads.
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

// The hooks run on the loader's own thread, which imports this file again.
if (isMainThread) register(import.meta.url);

export async function load(url, context, nextLoad) {
  const traceFile = process.env.IMPORT_TRACE_FILE;
  if (traceFile && url.startsWith("file:")) appendFileSync(traceFile, `${url}\n`);
  return nextLoad(url, context);
}
