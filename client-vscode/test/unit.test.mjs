// The extension's logic under `node --test`, with configuration objects standing in for
// VS Code's (the logic module does not import `vscode`).
import assert from "node:assert/strict";
import { test } from "node:test";
import * as path from "node:path";

import {
  initializationOptions,
  isSupportedPython,
  parsePythonVersion,
  resolveInterpreter,
  serverCommand,
  statusText,
} from "../dist/logic.mjs";

/** A stand-in for vscode.WorkspaceConfiguration. */
function config(values) {
  return { get: (key, fallback) => (key in values ? values[key] : fallback) };
}

test("the specls.interpreter setting wins", () => {
  const got = resolveInterpreter({
    setting: ["/opt/py/bin/python", "-X", "utf8"],
    pythonExtension: ["/ws/.venv/bin/python"],
    trusted: true,
    fallback: "python3",
  });
  assert.deepEqual(got, { command: ["/opt/py/bin/python", "-X", "utf8"], source: "setting" });
});

test("the Python extension's interpreter is used in a trusted workspace", () => {
  const got = resolveInterpreter({
    setting: [" "],
    pythonExtension: ["/ws/.venv/bin/python"],
    trusted: true,
    fallback: "python3",
  });
  assert.deepEqual(got, { command: ["/ws/.venv/bin/python"], source: "python-extension" });
});

test("an untrusted workspace never runs the workspace's interpreter", () => {
  const got = resolveInterpreter({
    setting: [],
    pythonExtension: ["/ws/.venv/bin/python"],
    trusted: false,
    fallback: "python3",
  });
  assert.deepEqual(got, { command: ["python3"], source: "default" });
});

test("server command runs the bundled launcher isolated", () => {
  const got = serverCommand(["/usr/bin/python3", "-X", "utf8"], "/ext");
  assert.equal(got.command, "/usr/bin/python3");
  assert.deepEqual(got.args, ["-X", "utf8", "-I", "-S", path.join("/ext", "bundled", "tool", "server.py")]);
  assert.throws(() => serverCommand([], "/ext"), /no Python interpreter/);
});

test("python versions", () => {
  assert.deepEqual(parsePythonVersion("Python 3.11.7\n"), [3, 11]);
  assert.equal(parsePythonVersion("command not found"), undefined);
  assert.equal(isSupportedPython([3, 11]), true);
  assert.equal(isSupportedPython([3, 13]), true);
  assert.equal(isSupportedPython([3, 10]), false);
  assert.equal(isSupportedPython([2, 7]), false);
  assert.equal(isSupportedPython(undefined), false);
});

test("an untrusted workspace makes the server read only, with no workspace spec path", () => {
  const got = initializationOptions(config({ spec: "../elsewhere.toml", ignore: ["R104"] }), false);
  assert.deepEqual(got, { restricted: true, ignore: ["R104"] });
  assert.equal(statusText({ indexing: false, files: 3, decisions: 1, restricted: true }), "$(checklist) specls: 1 decision (restricted)");
});

test("settings become initializationOptions, empty values left out", () => {
  assert.deepEqual(initializationOptions(config({})), {});
  const got = initializationOptions(
    config({
      spec: " docs/spec.toml ",
      select: ["r1", ""],
      ignore: ["R104"],
      severity: { r101: "error", R102: "loud" },
    }),
  );
  assert.deepEqual(got, {
    spec: "docs/spec.toml",
    select: ["R1"],
    ignore: ["R104"],
    severity: { R101: "error" },
  });
});

test("status bar text", () => {
  assert.equal(statusText({ indexing: true, files: 0, decisions: 0 }), "$(sync~spin) specls");
  assert.equal(statusText({ indexing: false, files: 3, decisions: 1 }), "$(checklist) specls: 1 decision");
  assert.equal(statusText({ indexing: false, files: 3, decisions: 4 }), "$(checklist) specls: 4 decisions");
});
