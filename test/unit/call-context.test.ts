import { describe, expect, it } from "vitest";
import { type CallContext, createCallContext } from "../../src/call-context.js";

/** A context whose progress notifications are recorded; no real timer, no clock of its own. */
function recording(): { call: CallContext; sent: number[] } {
  const sent: number[] = [];
  const call = createCallContext({
    requestSignal: new AbortController().signal,
    budgetMs: 60_000,
    now: () => 0,
    sleep: () => Promise.resolve(),
    setTimer: () => ({ clear: () => undefined }),
    progress: (progress) => {
      sent.push(progress);
      return Promise.resolve();
    },
    confirm: () => Promise.resolve("unsupported"),
  });
  return { call, sent };
}

describe("a call's progress numbers", () => {
  it("pass through while they rise", async () => {
    const { call, sent } = recording();
    for (const value of [0.5, 1, 2.5]) await call.progress(value);
    expect(sent).toEqual([0.5, 1, 2.5]);
  });

  it("go on from just above the last one when a part of the call counts from lower again, keeping its steps", async () => {
    const { call, sent } = recording();
    // Role retries 1 and 2, then a wait reporting its seconds from 0.5, then one repeated value.
    for (const value of [1, 2, 0.5, 1, 1.5, 1.5]) await call.progress(value);
    expect(sent).toEqual([1, 2, 3, 3.5, 4, 5]);
  });
});
