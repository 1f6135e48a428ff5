// The bundled extension (dist/extension.js) activated against a stubbed `vscode` module.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import Module from "node:module";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function stubVscode(settings) {
  const calls = { commands: [], errors: [], executed: [], statusTexts: [] };
  const disposable = { dispose() {} };
  const proxy = () =>
    new Proxy(function () {}, {
      get: (_t, prop) => (prop === "then" ? undefined : proxy()),
      apply: () => proxy(),
      construct: () => proxy(),
    });
  const status = {
    show() {},
    dispose() {},
    set text(value) {
      calls.statusTexts.push(value);
    },
  };
  const vscode = new Proxy(
    {
      window: {
        createOutputChannel: () => ({ info() {}, warn() {}, error() {}, show() {}, dispose() {}, appendLine() {} }),
        createStatusBarItem: () => status,
        showErrorMessage: async (message, ...actions) => {
          calls.errors.push({ message, actions });
          return "Select Interpreter";
        },
      },
      commands: {
        registerCommand: (name) => {
          calls.commands.push(name);
          return disposable;
        },
        executeCommand: async (name) => {
          calls.executed.push(name);
        },
      },
      workspace: {
        isTrusted: true,
        workspaceFolders: [],
        getConfiguration: () => ({ get: (key, fallback) => (key in settings ? settings[key] : fallback) }),
        onDidChangeConfiguration: () => disposable,
        onDidGrantWorkspaceTrust: () => disposable,
      },
      extensions: { getExtension: () => undefined },
      StatusBarAlignment: { Left: 1, Right: 2 },
    },
    { get: (target, prop) => (prop in target ? target[prop] : proxy()) },
  );
  return { vscode, calls };
}

function loadExtension(vscode) {
  const original = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === "vscode") {
      return vscode;
    }
    return original.call(this, request, parent, isMain);
  };
  try {
    const file = path.join(here, "..", "dist", "extension.js");
    return require(file);
  } finally {
    Module._load = original;
  }
}

test("activation registers the commands and asks for an interpreter when none is usable", async () => {
  const { vscode, calls } = stubVscode({ interpreter: ["/nonexistent/python3"] });
  const extension = loadExtension(vscode);
  const subscriptions = [];
  await extension.activate({ subscriptions, extensionPath: path.join(here, "..") });
  assert.deepEqual(calls.commands, [
    "specls.restart",
    "specls.showOutput",
    "specls.openSpec",
    "specls.recordDecision",
  ]);
  assert.equal(calls.errors.length, 1);
  assert.match(calls.errors[0].message, /specls needs Python .*\/nonexistent\/python3 is not a usable Python/);
  assert.deepEqual(calls.errors[0].actions, ["Select Interpreter", "Show Output"]);
  assert.deepEqual(calls.executed, ["python.setInterpreter"]);
  assert.equal(calls.statusTexts.at(-1), "$(error) specls");
  assert.ok(subscriptions.length >= 6);
});
