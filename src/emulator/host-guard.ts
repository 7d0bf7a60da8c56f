/**
 * The Host check that keeps web pages out (DNS rebinding): a browser tricked into sending a request
 * to the emulator still writes the attacker's name in `Host`, so only names that can only mean this
 * machine — or the name the emulator was bound to, or ones the operator lists — are answered.
 */
export interface HostGuard {
  allows(hostHeader: string | undefined): boolean;
}

const LOOPBACK_NAMES = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;
const LOOPBACK_BIND = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Whether a bind address only accepts connections from this machine. */
export function isLoopbackBind(host: string): boolean {
  return LOOPBACK_BIND.test(host);
}

function bracketed(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** `name:port` in lower case; a name given without a port gets the emulator's port. */
function withPort(name: string, port: number): string {
  const lower = name.toLowerCase();
  return /:\d+$/.test(lower) && !/^[^[]*:.*:/.test(lower) ? lower : `${bracketed(lower)}:${port}`;
}

/** Builds the guard for an emulator bound to `host:port`, with extra names (`name` or `name:port`) allowed. */
export function createHostGuard(host: string, port: number, extra: readonly string[] = []): HostGuard {
  const allowed = new Set([withPort(host, port), ...extra.map((name) => withPort(name, port))]);
  return {
    allows(hostHeader) {
      if (hostHeader === undefined) return false;
      const lower = hostHeader.trim().toLowerCase();
      if (allowed.has(lower)) return true;
      const at = lower.lastIndexOf(":");
      if (at < 0 || lower.endsWith("]")) return false;
      return lower.slice(at + 1) === String(port) && LOOPBACK_NAMES.test(lower.slice(0, at));
    },
  };
}
