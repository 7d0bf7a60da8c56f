import { DATA_PLANE_MODEL, SERVICE_MODEL } from "./model.js";
import type { OperationDef } from "./model.js";

/** An operation of the model matched to a request, with its decoded `{label}` values. */
export interface RouteMatch {
  readonly operation: OperationDef;
  readonly labels: Readonly<Record<string, string>>;
}

/** Path segments without the leading slash and without one trailing slash. */
function splitPath(path: string): string[] {
  const segments = path.split("/").slice(1);
  if (segments.length > 1 && segments[segments.length - 1] === "") segments.pop();
  return segments;
}

// The control plane and the data plane share the signing name and, here, the endpoint: their paths tell them apart.
const ROUTES = [...Object.values(SERVICE_MODEL.operations), ...Object.values(DATA_PLANE_MODEL.operations)].map((operation) => ({
  operation,
  segments: splitPath(operation.http.requestUri),
}));

function decodeLabel(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Finds the operation whose `http` binding in the model matches the method and raw path. The
 * trailing slash is optional: the model writes `/runtimes/`, the JavaScript SDK sends `/runtimes`.
 */
export function matchRoute(method: string, rawPath: string): RouteMatch | undefined {
  const segments = splitPath(rawPath);
  for (const route of ROUTES) {
    if (route.operation.http.method !== method || route.segments.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    const matches = route.segments.every((pattern, index) => {
      const segment = segments[index] ?? "";
      const label = /^\{(\w+)\}$/.exec(pattern)?.[1];
      if (label === undefined) return pattern === segment;
      const decoded = decodeLabel(segment);
      if (decoded === undefined) return false;
      labels[label] = decoded;
      return true;
    });
    if (matches) return { operation: route.operation, labels };
  }
  return undefined;
}
