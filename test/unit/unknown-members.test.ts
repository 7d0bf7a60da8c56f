import { describe, expect, it } from "vitest";
import {
  mergeUnknownMembers,
  restoreDroppedMembers,
  splitUnknownMembers,
  unknownMemberPaths,
} from "../../src/agentcore/unknown-members.js";

describe("members the model does not know", () => {
  const current = {
    roleArn: "arn:aws:iam::123456789012:role/R",
    filesystemConfigurations: [{ sessionStorage: { mountPath: "/mnt/a" } }, { sessionStorage: { mountPath: "/mnt/b", sizeInGiB: 8 } }],
    environmentVariables: { MODE: "x" },
    hooksConfiguration: { build: {} },
  };

  it("are found at any depth, list positions and map keys kept apart", () => {
    expect(unknownMemberPaths("UpdateAgentRuntimeRequest", current)).toEqual([
      "filesystemConfigurations[1].sessionStorage.sizeInGiB",
      "hooksConfiguration",
    ]);
  });

  it("split off and merged back give the body they came from, never overwriting what the body has", () => {
    const { known, unknown } = splitUnknownMembers("UpdateAgentRuntimeRequest", current);
    expect(known).toEqual({
      ...current,
      hooksConfiguration: undefined,
      filesystemConfigurations: [current.filesystemConfigurations[0], { sessionStorage: { mountPath: "/mnt/b" } }],
    });
    expect(unknown).toEqual({ filesystemConfigurations: [{}, { sessionStorage: { sizeInGiB: 8 } }], hooksConfiguration: { build: {} } });
    expect(mergeUnknownMembers(JSON.parse(JSON.stringify(known)), unknown)).toEqual(current);
    expect(mergeUnknownMembers({ hooksConfiguration: "mine" }, unknown)).toMatchObject({ hooksConfiguration: "mine" });
    expect(splitUnknownMembers("UpdateAgentRuntimeRequest", { roleArn: "r" }).unknown).toBeUndefined();
  });

  it("dropped by the SDK are put back from the raw answer, a __proto__ key staying an own key", () => {
    const raw = JSON.parse(
      '{"status":"READY","protocolConfiguration":{"serverProtocol":"HTTP","port":8080},"__proto__":{"polluted":true},"gone":null}',
    ) as unknown;
    const restored = restoreDroppedMembers({ status: "READY", protocolConfiguration: { serverProtocol: "HTTP" } }, raw) as Record<
      string,
      unknown
    >;
    expect(restored["protocolConfiguration"]).toEqual({ serverProtocol: "HTTP", port: 8080 });
    expect(Object.hasOwn(restored, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(restored).not.toHaveProperty("gone");
  });
});
