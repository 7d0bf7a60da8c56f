/** Severity levels, lowest first; a logger drops messages below its configured level. */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured fields attached to a log line; values must already be free of secrets. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** The only writer of diagnostics in the product. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

// Field names whose values are never written, whatever a caller passes: a second line of defence
// behind callers that already avoid logging request bodies and credentials.
const REDACTED_FIELDS = /secret|token|password|authorization|signature|credential|description|environment/i;

/**
 * Creates a logger that writes one line per message to `write` (stderr in production: in stdio
 * mode stdout belongs to JSON-RPC).
 */
export function createLogger(options: { level: LogLevel; write: (line: string) => void; now?: () => Date }): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    let line = `${now().toISOString()} ${level} ${message}`;
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value === undefined) continue;
      line += ` ${key}=${REDACTED_FIELDS.test(key) ? "[redacted]" : JSON.stringify(value)}`;
    }
    options.write(`${line}\n`);
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
  };
}

/** A logger that discards everything; for tests and embedded use. */
export function createSilentLogger(): Logger {
  return createLogger({ level: "silent", write: () => undefined });
}
