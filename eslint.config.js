import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", ".tools/**", "bench/results/**", ".reliability/**"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // stdout carries JSON-RPC in stdio mode: nothing in src/ may write to it through console.
    files: ["src/**/*.ts"],
    rules: {
      "no-console": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use named exports." },
        { selector: "ExportAllDeclaration", message: "Re-export names explicitly." },
      ],
      "no-restricted-globals": ["error", { name: "process", message: "Only src/index.ts touches process." }],
    },
  },
  {
    files: ["src/index.ts"],
    rules: { "no-restricted-globals": "off" },
  },
  {
    // Smithery's TypeScript runtime requires a default-exported createServer, and loads this file
    // instead of src/index.ts: it is the other entry point, so it reads its operator's environment.
    files: ["src/smithery.ts"],
    rules: { "no-restricted-syntax": "off", "no-restricted-globals": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
