import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "out", "node_modules", "bundled", "*.vsix"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["test/**/*.mjs", "*.mjs"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", setInterval: "readonly", clearInterval: "readonly" },
    },
  },
);
