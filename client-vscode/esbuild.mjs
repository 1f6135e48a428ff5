import * as esbuild from "esbuild";

await esbuild.build({
  entryPoints: ["src/extension.ts"],
  bundle: true,
  outfile: "dist/extension.js",
  external: ["vscode"],
  format: "cjs",
  platform: "node",
  target: "node20",
  sourcemap: true,
  minify: true,
});
await esbuild.build({
  entryPoints: ["src/logic.ts"],
  bundle: true,
  outfile: "dist/logic.mjs",
  format: "esm",
  platform: "node",
  target: "node20",
});
