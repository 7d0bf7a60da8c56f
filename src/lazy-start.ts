/** A part started on first use; see {@link createLazyStart}. */
export interface LazyStart<T> {
  /** The started value; starts it on the first call, and again after a failed start. */
  get(): Promise<T>;
  /** The value if a start succeeded (or is under way), for closing; never starts anything. */
  peek(): Promise<T> | undefined;
}

/**
 * Starts something once, on first use, and shares the start between concurrent callers. A failed
 * start is forgotten, so the next call tries again: caching the rejected promise would turn one
 * passing problem (a credentials file being written, a port race) into a failure of every later call.
 */
export function createLazyStart<T>(start: () => Promise<T>): LazyStart<T> {
  let started: Promise<T> | undefined;
  return {
    get() {
      if (started === undefined) {
        const attempt = start();
        started = attempt;
        attempt.catch(() => {
          if (started === attempt) started = undefined;
        });
      }
      return started;
    },
    peek: () => started,
  };
}
