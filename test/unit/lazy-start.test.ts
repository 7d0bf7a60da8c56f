import { describe, expect, it } from "vitest";
import type { ControlPlane } from "../../src/agentcore/control-plane.js";
import { createSandboxControlPlane } from "../../src/sandbox.js";
import { createDefaultCredentialSource } from "../../src/aws/credentials.js";
import { createLazyStart } from "../../src/lazy-start.js";
import { createSilentLogger } from "../../src/log.js";

const KEYS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

describe("lazily started parts", () => {
  it("share one start between concurrent callers", async () => {
    let starts = 0;
    const lazy = createLazyStart(async () => ++starts);
    expect(await Promise.all([lazy.get(), lazy.get()])).toEqual([1, 1]);
    expect(await lazy.get()).toBe(1);
  });

  it("start again on the next call after a failed start", async () => {
    let starts = 0;
    const lazy = createLazyStart(async () => {
      starts += 1;
      if (starts === 1) throw new Error("first start fails");
      return starts;
    });
    await expect(lazy.get()).rejects.toThrow("first start fails");
    expect(await lazy.get()).toBe(2);
  });

  it("credentials: a provider chain that failed to load is loaded again on the next call", async () => {
    let loads = 0;
    const source = createDefaultCredentialSource({}, async () => {
      loads += 1;
      if (loads === 1) throw new Error("could not import the provider chain");
      return () => Promise.resolve(KEYS);
    });
    await expect(source()).rejects.toThrow("could not import");
    expect(await source()).toEqual(KEYS);
    expect(loads).toBe(2);
  });

  it("sandbox: an emulator that failed to start is started again on the next call", async () => {
    let starts = 0;
    const connected: ControlPlane = {
      connect: () => Promise.resolve({ ok: false, failure: { code: "Reached", message: "reached", retryable: false, attempts: 0 } }),
    };
    const sandbox = createSandboxControlPlane(
      () => connected,
      "us-east-1",
      createSilentLogger(),
      async () => {
        starts += 1;
        if (starts === 1) throw new Error("EADDRINUSE");
        return { url: "http://127.0.0.1:1", credentials: KEYS, close: () => Promise.resolve() };
      },
    );
    await expect(sandbox.controlPlane.connect()).rejects.toThrow("EADDRINUSE");
    expect(await sandbox.controlPlane.connect()).toMatchObject({ ok: false, failure: { code: "Reached" } });
    expect(starts).toBe(2);
    await sandbox.close();
  });
});
