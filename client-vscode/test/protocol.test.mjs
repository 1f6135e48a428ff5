// The packaged extension's server, as VS Code would run it: unpack the .vsix, start the
// bundled launcher with a bare interpreter (-I -S: nothing from site-packages), and talk to it
// through vscode-languageserver-protocol, the JSON-RPC layer vscode-languageclient uses.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";

const here = path.dirname(fileURLToPath(import.meta.url));
const vsix = path.join(here, "..", "specls-linux-x64.vsix");
const bundledExample = path.resolve(here, "..", "..", "examples", "shop");
// every interpreter given (scripts/test lists those on the machine) whose version the .vsix
// bundles the server for; each version once
const candidates = (process.env.SPECLS_TEST_PYTHONS || "python3").split(/\s+/).filter(Boolean);
const seen = new Set();
const pythons = candidates.filter((exe) => {
  try {
    const version = execFileSync(exe, ["-c", "import sys; print('%d%d' % sys.version_info[:2])"])
      .toString()
      .trim();
    if (seen.has(version) || !["311", "312", "313"].includes(version)) {
      return false;
    }
    seen.add(version);
    return true;
  } catch {
    return false;
  }
});
assert.ok(pythons.length > 0, `no usable interpreter among ${candidates.join(", ")}`);

function waitFor(check, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const value = check();
      if (value) {
        clearInterval(timer);
        resolve(value);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 50);
  });
}

for (const python of pythons) {
test(`the bundled server answers a VS Code session (${python})`, { timeout: 60000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "specls-vsix-"));
  execFileSync(python, ["-m", "zipfile", "-e", vsix, dir]);
  // a copy of the example: the quick fix writes its spec.toml
  const example = path.join(dir, "shop");
  cpSync(bundledExample, example, { recursive: true, filter: (src) => !src.includes(".specls_cache") });
  const launcher = path.join(dir, "extension", "bundled", "tool", "server.py");
  const server = spawn(python, ["-I", "-S", launcher], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  server.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => server.on("exit", (code) => resolve(code)));

  const connection = createProtocolConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const published = new Map();
  connection.onNotification("textDocument/publishDiagnostics", (params) => {
    published.set(params.uri, params.diagnostics);
  });
  connection.onRequest("workspace/configuration", (params) => params.items.map(() => null));
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.listen();

  const rootUri = pathToFileURL(example).href;
  const init = await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri,
    capabilities: {
      workspace: { configuration: true },
      textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ["edit"] } } },
    },
    workspaceFolders: [{ uri: rootUri, name: "shop" }],
  });
  assert.equal(init.serverInfo.name, "specls");
  assert.equal(init.capabilities.codeActionProvider.resolveProvider, true);
  await connection.sendNotification("initialized", {});

  const file = path.join(example, "shop", "inventory.py");
  const uri = pathToFileURL(file).href;
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "python", version: 1, text: readFileSync(file, "utf8") },
  });
  const shown = await waitFor(() => published.get(uri)?.length && published.get(uri), 30000, "diagnostics");
  assert.deepEqual(
    shown.map((d) => [d.code, d.range.start.line]),
    [["N102", 7], ["R101", 11], ["R101", 14]],
  );
  assert.match(shown[0].message, /rename it to `quantity`/);
  const diagnostics = shown.filter((d) => d.code === "R101");
  assert.match(diagnostics[0].message, /`Inventory.items` is used as a list of pairs/);

  const actions = await connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics: [diagnostics[0]] },
  });
  assert.equal(actions[0].title, "Record decision: `Inventory.items` is `dict` (2 methods)");
  // spec.toml is not open: the action is a command, and the server writes the file itself
  const resolved = await connection.sendRequest("codeAction/resolve", actions[0]);
  assert.equal(resolved.command.command, "specls.applyFix");
  await connection.sendRequest("workspace/executeCommand", resolved.command);
  assert.match(readFileSync(path.join(example, "spec.toml"), "utf8"), /\[decision\.inventory-items\]/);

  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  assert.equal(await exited, 0, stderr);
  connection.dispose();
});
}

test("the .vsix holds one copy of each package, no tests, no byte code, no mcp", () => {
  const listing = execFileSync(pythons[0], ["-m", "zipfile", "-l", vsix]).toString().split("\n");
  const names = listing.slice(1).map((line) => line.split(/\s+/)[0]).filter(Boolean);
  const libs = names.filter((n) => n.startsWith("extension/bundled/libs/"));
  assert.ok(libs.length > 0);
  assert.deepEqual(libs.filter((n) => /__pycache__|\.pyc$|\/tests\//.test(n)), []);
  // per version: only its packages' metadata; every package once, in libs/common
  const perVersion = libs.filter((n) => /^extension\/bundled\/libs\/cp\d+\//.test(n));
  assert.deepEqual(perVersion.filter((n) => !/^extension\/bundled\/libs\/cp\d+\/[^/]+\.dist-info\//.test(n)), []);
  assert.ok(libs.some((n) => n.startsWith("extension/bundled/libs/common/specls/")));
  assert.deepEqual(libs.filter((n) => /^extension\/bundled\/libs\/common\/mcp\//.test(n)), []);
});
