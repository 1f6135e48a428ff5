/** The specls extension: starts `specls serve` and wires it into VS Code. */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

import {
  bundleTag,
  initializationOptions,
  isSupportedPython,
  parsePythonVersion,
  resolveInterpreter,
  serverCommand,
  statusText,
} from "./logic";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;

interface PythonExtensionApi {
  environments: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(env: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
}

async function pythonExtensionInterpreter(): Promise<string[] | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>("ms-python.python");
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
    const env = await api.environments.resolveEnvironment(api.environments.getActiveEnvironmentPath(resource));
    const executable = env?.executable.uri?.fsPath;
    return executable ? [executable] : undefined;
  } catch (error) {
    output.warn(`could not ask the Python extension for its interpreter: ${String(error)}`);
    return undefined;
  }
}

function pythonVersion(command: string[]): Promise<[number, number] | undefined> {
  const [exe, ...args] = command;
  return new Promise((resolve) => {
    if (!exe) {
      resolve(undefined);
      return;
    }
    execFile(exe, [...args, "--version"], { timeout: 10000 }, (error, stdout, stderr) => {
      resolve(error ? undefined : parsePythonVersion(`${stdout}${stderr}`));
    });
  });
}

/** The Python versions the server is bundled for (directories bundled/libs/cpXY). */
function bundledTags(extensionPath: string): string[] {
  try {
    return readdirSync(path.join(extensionPath, "bundled", "libs")).filter((d) => /^cp\d+$/.test(d));
  } catch {
    return [];
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("specls");
  const interpreter = resolveInterpreter({
    setting: config.get<string[]>("interpreter", []),
    pythonExtension: vscode.workspace.isTrusted ? await pythonExtensionInterpreter() : undefined,
    trusted: vscode.workspace.isTrusted,
    fallback: process.platform === "win32" ? "python" : "python3",
  });
  const version = await pythonVersion(interpreter.command);
  const bundled = bundledTags(context.extensionPath);
  const usable = isSupportedPython(version) && version !== undefined && bundled.includes(bundleTag(version));
  if (!usable) {
    const found = version ? `Python ${version.join(".")}` : "not a usable Python";
    const wanted = bundled.map((tag) => `${tag.slice(2, 3)}.${tag.slice(3)}`).join(", ") || "3.11+";
    output.error(`${interpreter.command.join(" ")} (${interpreter.source}) is ${found}; need ${wanted}`);
    const choice = await vscode.window.showErrorMessage(
      `specls needs Python ${wanted}; ${interpreter.command.join(" ")} is ${found}.`,
      "Select Interpreter",
      "Show Output",
    );
    if (choice === "Select Interpreter") {
      await vscode.commands.executeCommand("python.setInterpreter");
    } else if (choice === "Show Output") {
      output.show();
    }
    status.text = "$(error) specls";
    return;
  }
  const { command, args } = serverCommand(interpreter.command, context.extensionPath);
  output.info(`starting: ${command} ${args.join(" ")} (interpreter from ${interpreter.source})`);
  const serverOptions: ServerOptions = { command, args, options: { cwd: context.extensionPath } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "file", pattern: "**/spec.toml" },
    ],
    outputChannel: output,
    initializationOptions: initializationOptions(config, vscode.workspace.isTrusted),
    synchronize: { configurationSection: "specls" },
  };
  client = new LanguageClient("specls", "specls", serverOptions, clientOptions);
  client.onNotification(
    "specls/status",
    (params: { indexing: boolean; files: number; decisions: number; restricted?: boolean }) => {
      status.text = statusText(params);
      status.tooltip =
        `${params.files} files indexed, ${params.decisions} decisions in the spec` +
        (params.restricted ? " (Restricted Mode: read only)" : "");
    },
  );
  await client.start();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
  await start(context);
}

async function openSpec(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    return;
  }
  const configured = vscode.workspace.getConfiguration("specls").get<string>("spec", "");
  const uri = vscode.Uri.file(path.join(folder.uri.fsPath, configured || "spec.toml"));
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    const create = await vscode.window.showInformationMessage(`${uri.fsPath} does not exist.`, "Create");
    if (create !== "Create") {
      return;
    }
    await vscode.workspace.fs.writeFile(uri, Buffer.from("[spec]\nversion = 1\n", "utf8"));
  }
  await vscode.window.showTextDocument(uri);
}

async function recordDecision(): Promise<void> {
  if (!client) {
    return;
  }
  const target = await vscode.window.showInputBox({ prompt: "Target (Class.attribute)", placeHolder: "Inventory.items" });
  if (!target) {
    return;
  }
  const type = await vscode.window.showInputBox({ prompt: `Representation of ${target}`, placeHolder: "dict[str, int]" });
  if (!type) {
    return;
  }
  const summary = await vscode.window.showInputBox({ prompt: "Summary (optional)" });
  await client.sendRequest("workspace/executeCommand", {
    command: "specls.recordDecision",
    arguments: [{ kind: "representation", target, type, summary: summary || undefined }],
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("specls", { log: true });
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
  status.text = "$(sync~spin) specls";
  status.command = "specls.showOutput";
  status.show();
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("specls.restart", () => restart(context)),
    vscode.commands.registerCommand("specls.showOutput", () => output.show()),
    vscode.commands.registerCommand("specls.openSpec", openSpec),
    vscode.commands.registerCommand("specls.recordDecision", recordDecision),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("specls.interpreter")) {
        void restart(context);
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
