// Pre-flight concurrency: the checks of one create run side by side, so a full run should cost
// about its slowest check group, not the sum of all groups. Each group (role, image, code, vpc) is
// timed alone and then all together, through the built createPreflight and the official SDK
// clients, against the emulator's IAM, STS, ECR, S3 and EC2 fixtures.
//
// Network time must dominate, as it does against AWS, or the figures would measure the CPU. The
// emulator's fault plan covers only the control plane (the services pre-flight calls are answered
// apart from it), so a loopback proxy in front of the emulator holds every request for a fixed
// latency before passing it on untouched: the signed Host header included, which the emulator is
// told to accept.
import { performance } from "node:perf_hooks";
import { startLatencyProxy } from "./latency-proxy.mjs";
import { summarize } from "./stats.mjs";
import { MINIMAL_REQUEST } from "../scripts/minimal-create-request.mjs";

/** One input per check group, on the sandbox fixtures where every check passes. */
export const GROUP_INPUTS = {
  role: { roleArn: MINIMAL_REQUEST.roleArn },
  image: { agentRuntimeArtifact: MINIMAL_REQUEST.agentRuntimeArtifact },
  code: { agentRuntimeArtifact: { codeConfiguration: { code: { s3: { bucket: "agent-code-bucket", prefix: "agents/code.zip" } } } } },
  vpc: {
    networkConfiguration: {
      networkMode: "VPC",
      networkModeConfig: { subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"], securityGroups: ["sg-0123456789abcdef0"] },
    },
  },
};

/** Whole runs: a container-image create (role, image, vpc) and one touching all four groups. */
export const FULL_INPUTS = {
  container: { ...GROUP_INPUTS.role, ...GROUP_INPUTS.image, ...GROUP_INPUTS.vpc },
  allGroups: {
    ...GROUP_INPUTS.role,
    ...GROUP_INPUTS.vpc,
    agentRuntimeArtifact: { ...GROUP_INPUTS.image.agentRuntimeArtifact, ...GROUP_INPUTS.code.agentRuntimeArtifact },
  },
};

/**
 * Times every group alone and the full runs, interleaved round by round so all see the same load;
 * returns the medians and the ratios the issue bounds.
 */
export async function measurePreflight({ distUrl, rounds, warmup, latencyMs, onProgress }) {
  const { SANDBOX_CREDENTIALS, startEmulator } = await import(new URL("emulator/index.js", distUrl).href);
  const { createPreflight } = await import(new URL("preflight/index.js", distUrl).href);
  const { createSilentLogger } = await import(new URL("log.js", distUrl).href);
  const proxy = await startLatencyProxy(latencyMs);
  const emulator = await startEmulator({ port: 0, allowedHosts: [`127.0.0.1:${proxy.port}`] });
  proxy.target(emulator.port);
  const preflight = createPreflight({
    credentials: () =>
      Promise.resolve({ accessKeyId: SANDBOX_CREDENTIALS.accessKeyId, secretAccessKey: SANDBOX_CREDENTIALS.secretAccessKey }),
    endpointUrl: `http://127.0.0.1:${proxy.port}`,
    network: false,
    log: createSilentLogger(),
  });
  const inputs = { ...GROUP_INPUTS, ...Object.fromEntries(Object.entries(FULL_INPUTS).map(([name, input]) => [`full:${name}`, input])) };
  const samples = Object.fromEntries(Object.keys(inputs).map((name) => [name, []]));
  const requests = {};
  const problems = [];
  try {
    for (let round = 0; round < warmup + rounds; round++) {
      // Rotate the order so no run always goes first (warm connections) or last.
      const names = Object.keys(inputs);
      const order = names.map((_, index) => names[(index + round) % names.length]);
      for (const name of order) {
        emulator.clearRequests();
        const start = performance.now();
        const report = await preflight.run(inputs[name], { region: "us-east-1", signal: new globalThis.AbortController().signal });
        const elapsed = performance.now() - start;
        const notPassed = report.checks.filter((check) => check.status !== "pass");
        if (notPassed.length > 0 && problems.length < 5)
          problems.push(`${name}: ${notPassed.map((check) => `${check.id} ${check.status}`).join(", ")}`);
        if (round >= warmup) {
          samples[name].push(elapsed);
          requests[name] = { requests: emulator.requests.length, checks: report.checks.map((check) => check.id) };
        }
      }
      onProgress?.(round + 1, warmup + rounds);
    }
  } finally {
    await emulator.close();
    await proxy.close();
  }
  const summary = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarize(list)]));
  const groups = Object.keys(GROUP_INPUTS);
  const ratios = {};
  for (const full of Object.keys(FULL_INPUTS)) {
    const members = full === "container" ? ["role", "image", "vpc"] : groups;
    const slowest = Math.max(...members.map((name) => summary[name].median));
    const sum = members.reduce((total, name) => total + summary[name].median, 0);
    const median = summary[`full:${full}`].median;
    ratios[full] = {
      groups: members,
      fullMs: median,
      slowestSingleMs: slowest,
      sequentialSumMs: sum,
      vsSlowest: median / slowest,
      vsSum: median / sum,
    };
  }
  return { latencyMs, rounds, summary, requests, ratios, problems };
}
