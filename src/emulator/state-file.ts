// The file an emulator's state is kept in (`--sandbox-state`, the emulator's `--state`), so that a
// runtime created by one process is there for the next. Written whole after every change, through a
// temporary file renamed over the old one, so a reader or a crash never sees half a state; held by
// one process at a time through a lock file beside it. Synchronous on purpose: the write must be on
// disk before the answer that reports the change leaves (hand-written rather than a dependency for
// the same reason, and because it is these few calls).
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { decodeData, encodeData } from "./persisted-data.js";

const FORMAT = "agentcore-runtime-mcp/emulator-state";
const VERSION = 1;

/** A state file that cannot be used; its message is one line naming the file. */
export class StateFileError extends Error {
  override readonly name = "StateFileError";
}

/** An opened, locked state file. */
export interface StateFile {
  readonly path: string;
  /** What the file held (decoded), or undefined when it did not exist yet. */
  readonly initial: unknown;
  /** Writes `state` (atomically) unless it equals what the file already holds. */
  save(state: unknown): void;
  /** Releases the lock; the file stays. */
  close(): void;
}

/** How the lock tells a live holder from one that ended without releasing it. */
export interface LockOptions {
  /** This process's id, written into the lock file. */
  readonly pid: number;
  /** Whether the process with this id still runs; default: assume it does (never take over a lock). */
  readonly isAlive?: (pid: number) => boolean;
  /** Why the decoded state cannot be restored, or undefined when it can. */
  readonly check?: (state: unknown) => string | undefined;
}

function codeOf(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : "";
}

function reason(error: unknown): string {
  const code = codeOf(error);
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "ENOENT") return "its directory does not exist";
  return code === "" ? String(error) : code;
}

function lock(path: string, options: LockOptions): string {
  const lockPath = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, `${options.pid}\n`);
      closeSync(fd);
      return lockPath;
    } catch (error) {
      if (codeOf(error) !== "EEXIST")
        throw new StateFileError(`cannot use the sandbox state file ${path}: cannot create its lock ${lockPath} (${reason(error)})`);
    }
    let holder = Number.NaN;
    try {
      holder = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
    } catch {
      // Released between our attempt and this read: try once more.
    }
    const alive = options.isAlive ?? (() => true);
    if (Number.isInteger(holder) && (holder === options.pid || alive(holder))) {
      throw new StateFileError(
        `the sandbox state file ${path} is in use by process ${holder} (its lock is ${lockPath}); stop that server or use another file`,
      );
    }
    // The holder ended without releasing it: the lock is stale.
    try {
      unlinkSync(lockPath);
    } catch {
      // Someone else removed it first; the next attempt decides.
    }
  }
  throw new StateFileError(`the sandbox state file ${path} is being locked by another process (${lockPath}); try again`);
}

function readState(path: string, check: LockOptions["check"]): { initial: unknown; text: string | undefined } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (codeOf(error) === "ENOENT") return { initial: undefined, text: undefined };
    throw new StateFileError(`cannot read the sandbox state file ${path} (${reason(error)}); it was left as it is`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StateFileError(`the sandbox state file ${path} is not valid JSON; it was left as it is (move it away to start empty)`);
  }
  const document = parsed as { format?: unknown; version?: unknown; state?: unknown } | null;
  if (document?.format !== FORMAT || document.version !== VERSION) {
    throw new StateFileError(
      `the sandbox state file ${path} is not a state file of this version (format ${FORMAT} ${VERSION}); it was left as it is`,
    );
  }
  const initial = decodeData(document.state);
  const misfit = check?.(initial);
  if (misfit !== undefined) throw new StateFileError(`the sandbox state file ${path} cannot be restored: ${misfit}; it was left as it is`);
  return { initial, text };
}

function writeAtomically(path: string, text: string, pid: number): void {
  // Beside the file, so that the rename stays on one file system and is atomic.
  const temporary = `${path}.${pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/**
 * Opens the state file at `path`: takes its lock, then reads and checks what it holds (a missing
 * file is an empty state, created on the first save). Throws {@link StateFileError}, with the file
 * untouched and the lock released, when it cannot be read, parsed or restored, or is locked.
 */
export function openStateFile(path: string, options: LockOptions): StateFile {
  const lockPath = lock(path, options);
  let read: { initial: unknown; text: string | undefined };
  try {
    read = readState(path, options.check);
  } catch (error) {
    unlinkSync(lockPath);
    throw error;
  }
  let saved = read.text;
  let locked = true;
  return {
    path,
    initial: read.initial,
    save(state) {
      const text = `${JSON.stringify({ format: FORMAT, version: VERSION, state: encodeData(state) })}\n`;
      if (text === saved) return;
      writeAtomically(path, text, options.pid);
      saved = text;
    },
    close() {
      if (!locked) return;
      locked = false;
      try {
        unlinkSync(lockPath);
      } catch {
        // Already gone (removed by hand): nothing to release.
      }
    },
  };
}
