// Cold start: spawn → `initialize` answer → `tools/list` answer, for the shipped bundle, the
// unbundled tsc output, a minimal one-tool server on the same SDK, and two bare-Node references.
import { readCpuMs, startStdioServer, timeSpawnToExit } from "./stdio-client.mjs";
import { summarize } from "./stats.mjs";

// A Node process that loads nothing and answers every JSON-RPC line at once: the floor for
// "spawn → first response" over the same pipes.
const ECHO_SCRIPT = `let b="";process.stdin.setEncoding("utf8");process.stdin.on("data",(c)=>{b+=c;let i;while((i=b.indexOf("\\n"))!==-1){const l=b.slice(0,i);b=b.slice(i+1);const m=JSON.parse(l);if(m.id!==undefined)process.stdout.write(JSON.stringify({jsonrpc:"2.0",id:m.id,result:{}})+"\\n");}});`;

async function measureSession(args, env) {
  const server = startStdioServer(process.execPath, args, { env });
  try {
    const init = await server.initialize();
    const list = await server.request("tools/list", {});
    const cpu = await readCpuMs(server.pid);
    return {
      initMs: init.receivedAt - server.spawnedAt,
      listMs: list.receivedAt - server.spawnedAt,
      cpuMs: cpu,
      listResult: list.message.result,
      listLineBytes: list.bytes,
    };
  } finally {
    await server.close();
  }
}

/**
 * Runs `rounds` rounds (after `warmup` discarded ones); each round starts every variant once, in
 * a rotated order, so load drift on a shared machine hits all of them alike.
 */
export async function measureColdStart({ variants, env, rounds, warmup, onProgress }) {
  const samples = {
    bareExit: [],
    echo: { initMs: [], listMs: [] },
  };
  for (const name of Object.keys(variants)) samples[name] = { initMs: [], listMs: [], cpuMs: [] };
  let toolsList;
  const tasks = [
    ["bareExit", () => timeSpawnToExit(process.execPath, ["-e", ""], { env })],
    ["echo", () => measureSession(["-e", ECHO_SCRIPT], env)],
    ...Object.entries(variants).map(([name, args]) => [name, () => measureSession(args, env)]),
  ];
  for (let round = 0; round < warmup + rounds; round++) {
    const offset = round % tasks.length;
    const order = [...tasks.slice(offset), ...tasks.slice(0, offset)];
    for (const [name, run] of order) {
      const result = await run();
      if (round < warmup) continue;
      if (name === "bareExit") {
        samples.bareExit.push(result);
        continue;
      }
      samples[name].initMs.push(result.initMs);
      samples[name].listMs.push(result.listMs);
      if (result.cpuMs !== undefined && samples[name].cpuMs) samples[name].cpuMs.push(result.cpuMs);
      if (name === "bundle" && toolsList === undefined) toolsList = { result: result.listResult, lineBytes: result.listLineBytes };
    }
    onProgress?.(round + 1, warmup + rounds);
  }
  const summary = { bareExit: summarize(samples.bareExit) };
  for (const [name, series] of Object.entries(samples)) {
    if (name === "bareExit") continue;
    summary[name] = Object.fromEntries(
      Object.entries(series)
        .filter(([, v]) => v.length > 0)
        .map(([k, v]) => [k, summarize(v)]),
    );
  }
  return { summary, toolsList };
}
