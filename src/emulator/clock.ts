/** The emulator's sense of time: an injected base clock plus an adjustable skew. */
export interface EmulatorClock {
  /** Epoch milliseconds: the base clock shifted by the current skew. */
  now(): number;
  setSkew(ms: number): void;
}

/** Creates a clock; the skew moves everything the emulator dates (signature checks, `Date`, timestamps) together. */
export function createClock(base: () => number, initialSkewMs: number): EmulatorClock {
  let skewMs = initialSkewMs;
  return {
    now: () => base() + skewMs,
    setSkew(ms) {
      skewMs = ms;
    },
  };
}
