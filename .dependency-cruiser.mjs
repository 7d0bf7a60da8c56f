// The house plan's import direction, checked in `npm run lint` (docs/design.md draws it):
//   index → transports → server → tools → (agentcore | preflight) → aws;  config, log, call-context,
//   lazy-start and version are leaves; the emulator stands apart and is reached only from the wiring.
// dependency-cruiser rather than eslint's no-restricted-imports: it follows resolved paths (so `../`
// depth does not matter), dynamic `import()` and type-only imports, and it finds cycles.
const TOOL_FILE = "^src/tools/(create|get|list|update|delete|invoke|stop)-[^/]+[.]ts$";
const LEAVES = "^src/(config|log|version|lazy-start|call-context)[.]ts$";
const WIRING = "^src/(index|main|app|startup|smithery|sandbox)[.]ts$";

/** One rule: nothing matching `from` may import anything matching `to`; `why` is printed with a violation. */
const forbid = (name, from, to, why) => ({ name, severity: "error", comment: why, from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    forbid(
      "no-cycles",
      { path: "^src/" },
      { circular: true },
      "A cycle has no direction; put the shared part (often an interface) in a module both import.",
    ),
    forbid(
      "aws-is-the-floor",
      { path: "^src/aws/" },
      { path: ["^src/(agentcore|preflight|tools|transports|emulator)/", "^src/(server|confirmation)[.]ts$", WIRING] },
      "src/aws/ wraps the SDK plumbing; it knows nothing of AgentCore, pre-flight, tools or above.",
    ),
    forbid(
      "agentcore-and-preflight-below-tools",
      { path: "^src/(agentcore|preflight)/" },
      { path: ["^src/(tools|transports|emulator)/", "^src/(server|confirmation)[.]ts$", WIRING] },
      "src/agentcore/ and src/preflight/ serve the tools; they never import tools, the server or the wiring.",
    ),
    forbid(
      "tools-below-server",
      { path: "^src/tools/" },
      { path: ["^src/(transports|emulator)/", "^src/server[.]ts$", WIRING] },
      "A tool is data run by the pipeline; it never imports the server, the transports or the wiring.",
    ),
    forbid(
      "no-tool-imports-a-tool",
      { path: TOOL_FILE },
      { path: TOOL_FILE },
      "What two tools share lives in a shared module of src/tools/, not in one of the tools.",
    ),
    forbid(
      "server-below-transports",
      { path: "^src/server[.]ts$" },
      { path: ["^src/(transports|emulator)/", WIRING] },
      "The server factory is handed to a transport; it never imports one, nor the wiring.",
    ),
    forbid(
      "transports-below-index",
      { path: "^src/transports/" },
      { path: ["^src/(tools|agentcore|preflight|aws|emulator)/", WIRING] },
      "A transport carries a server it is given; it reaches no tool, AWS client or emulator itself.",
    ),
    forbid(
      "leaves-stay-leaves",
      { path: LEAVES },
      { path: "^src/", pathNot: LEAVES },
      "config, log, call-context, lazy-start and version are imported by all layers, so they import only each other.",
    ),
    forbid(
      "emulator-stands-apart",
      { path: "^src/emulator/" },
      { path: "^src/", pathNot: "^src/emulator/" },
      "The emulator judges the client side; sharing its code would let one bug pass both.",
    ),
    forbid(
      "emulator-reached-only-from-the-wiring",
      { path: "^src/", pathNot: ["^src/emulator/", WIRING] },
      { path: "^src/emulator/" },
      "Only the sandbox wiring and the emulator command start the emulator.",
    ),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/agentcore/generated/model/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".json"] },
  },
};
