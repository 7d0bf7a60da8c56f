// The house plan's import direction, checked in `npm run lint` (docs/design.md draws it):
//   index → transports → server → tools → (agentcore | preflight) → aws;  config, log, call-context,
//   lazy-start and version are leaves; the emulator stands apart and is reached only from the wiring.
// dependency-cruiser rather than eslint's no-restricted-imports: it follows resolved paths (so `../`
// depth does not matter), dynamic `import()` and type-only imports, and it finds cycles.
const TOOL_FILE = "^src/tools/(create|get|list|update|delete|invoke|stop)-[^/]+[.]ts$";
const LEAVES = "^src/(config|log|version|lazy-start|call-context)[.]ts$";
const WIRING = "^src/(index|app|startup|smithery|sandbox)[.]ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "A cycle has no direction; put the shared part (often an interface) in a module both import.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "aws-is-the-floor",
      severity: "error",
      comment: "src/aws/ wraps the SDK plumbing; it knows nothing of AgentCore, pre-flight, tools or above.",
      from: { path: "^src/aws/" },
      to: { path: ["^src/(agentcore|preflight|tools|transports|emulator)/", "^src/(server|confirmation)[.]ts$", WIRING] },
    },
    {
      name: "agentcore-and-preflight-below-tools",
      severity: "error",
      comment: "src/agentcore/ and src/preflight/ serve the tools; they never import tools, the server or the wiring.",
      from: { path: "^src/(agentcore|preflight)/" },
      to: { path: ["^src/(tools|transports|emulator)/", "^src/(server|confirmation)[.]ts$", WIRING] },
    },
    {
      name: "tools-below-server",
      severity: "error",
      comment: "A tool is data run by the pipeline; it never imports the server, the transports or the wiring.",
      from: { path: "^src/tools/" },
      to: { path: ["^src/(transports|emulator)/", "^src/server[.]ts$", WIRING] },
    },
    {
      name: "no-tool-imports-a-tool",
      severity: "error",
      comment: "What two tools share lives in a shared module of src/tools/, not in one of the tools.",
      from: { path: TOOL_FILE },
      to: { path: TOOL_FILE },
    },
    {
      name: "server-below-transports",
      severity: "error",
      comment: "The server factory is handed to a transport; it never imports one, nor the wiring.",
      from: { path: "^src/server[.]ts$" },
      to: { path: ["^src/(transports|emulator)/", WIRING] },
    },
    {
      name: "transports-below-index",
      severity: "error",
      comment: "A transport carries a server it is given; it reaches no tool, AWS client or emulator itself.",
      from: { path: "^src/transports/" },
      to: { path: ["^src/(tools|agentcore|preflight|aws|emulator)/", WIRING] },
    },
    {
      name: "leaves-stay-leaves",
      severity: "error",
      comment: "config, log, call-context, lazy-start and version are imported by all layers, so they import only each other.",
      from: { path: LEAVES },
      to: { path: "^src/", pathNot: LEAVES },
    },
    {
      name: "emulator-stands-apart",
      severity: "error",
      comment: "The emulator judges the client side; sharing its code would let one bug pass both.",
      from: { path: "^src/emulator/" },
      to: { path: "^src/", pathNot: "^src/emulator/" },
    },
    {
      name: "emulator-reached-only-from-the-wiring",
      severity: "error",
      comment: "Only the sandbox wiring and the emulator command start the emulator.",
      from: { path: "^src/", pathNot: ["^src/emulator/", WIRING] },
      to: { path: "^src/emulator/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/agentcore/generated/model/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".json"] },
  },
};
