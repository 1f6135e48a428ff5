/**
 * The extension's decisions, free of the `vscode` module so they can be unit tested:
 * which interpreter runs the server, the server's command line, the settings it receives.
 */
import * as path from "node:path";

export const MIN_PYTHON: readonly [number, number] = [3, 11];

export type InterpreterSource = "setting" | "python-extension" | "default";

export interface Interpreter {
  command: string[];
  source: InterpreterSource;
}

export interface InterpreterInputs {
  /** `specls.interpreter` (VS Code drops workspace values of it in untrusted workspaces). */
  setting: readonly string[];
  /** The interpreter the Python extension selected for the workspace, if any. */
  pythonExtension?: readonly string[];
  /** Whether the workspace is trusted. */
  trusted: boolean;
  /** The interpreter to fall back to (python3 on the PATH, python on Windows). */
  fallback: string;
}

/**
 * Choose the interpreter: the `specls.interpreter` setting wins, then the Python extension's
 * choice — but only in a trusted workspace, since it may be the workspace's own virtual
 * environment — then the system Python.
 */
export function resolveInterpreter(inputs: InterpreterInputs): Interpreter {
  const setting = inputs.setting.filter((part) => part.trim() !== "");
  if (setting.length > 0) {
    return { command: [...setting], source: "setting" };
  }
  if (inputs.trusted && inputs.pythonExtension && inputs.pythonExtension.length > 0) {
    return { command: [...inputs.pythonExtension], source: "python-extension" };
  }
  return { command: [inputs.fallback], source: "default" };
}

export interface ServerCommand {
  command: string;
  args: string[];
}

/**
 * The server's command line: the bundled launcher, run isolated (`-I`: no user site, no
 * PYTHONPATH) and without site-packages (`-S`), so only the bundled libraries are used.
 */
export function serverCommand(interpreter: readonly string[], extensionPath: string): ServerCommand {
  const [command, ...rest] = interpreter;
  if (command === undefined) {
    throw new Error("no Python interpreter configured");
  }
  const launcher = path.join(extensionPath, "bundled", "tool", "server.py");
  return { command, args: [...rest, "-I", "-S", launcher] };
}

/** Parse `python --version` style output ("Python 3.11.7") into [major, minor]. */
export function parsePythonVersion(output: string): [number, number] | undefined {
  const match = /(\d+)\.(\d+)/.exec(output);
  if (!match) {
    return undefined;
  }
  return [Number(match[1]), Number(match[2])];
}

export function isSupportedPython(version: readonly [number, number] | undefined): boolean {
  if (!version) {
    return false;
  }
  const [major, minor] = version;
  return major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]);
}

/** The part of a configuration object the extension reads (vscode.WorkspaceConfiguration). */
export interface ConfigurationLike {
  get<T>(section: string, defaultValue: T): T;
}

export interface InitializationOptions {
  spec?: string;
  select?: string[];
  ignore?: string[];
  severity?: Record<string, string>;
  restricted?: boolean;
}

const SEVERITIES = new Set(["error", "warning", "info", "hint"]);

/**
 * `specls.*` settings as the server's initializationOptions (empty values left out). In an
 * untrusted workspace the server is told so (`restricted`: it then only reads), and no spec
 * path is passed (a workspace's own settings could have chosen it).
 */
export function initializationOptions(config: ConfigurationLike, trusted = true): InitializationOptions {
  const options: InitializationOptions = {};
  if (!trusted) {
    options.restricted = true;
  }
  const spec = config.get<string>("spec", "").trim();
  if (spec && trusted) {
    options.spec = spec;
  }
  const select = config.get<string[]>("select", []).map((c) => c.trim().toUpperCase());
  if (select.some(Boolean)) {
    options.select = select.filter(Boolean);
  }
  const ignore = config.get<string[]>("ignore", []).map((c) => c.trim().toUpperCase());
  if (ignore.some(Boolean)) {
    options.ignore = ignore.filter(Boolean);
  }
  const severity: Record<string, string> = {};
  for (const [code, level] of Object.entries(config.get<Record<string, string>>("severity", {}))) {
    if (SEVERITIES.has(level)) {
      severity[code.toUpperCase()] = level;
    }
  }
  if (Object.keys(severity).length > 0) {
    options.severity = severity;
  }
  return options;
}

/** Text of the status bar item. */
export function statusText(status: {
  indexing: boolean;
  files: number;
  decisions: number;
  restricted?: boolean;
}): string {
  if (status.indexing) {
    return "$(sync~spin) specls";
  }
  const text = `$(checklist) specls: ${status.decisions} decision${status.decisions === 1 ? "" : "s"}`;
  return status.restricted ? `${text} (restricted)` : text;
}

/** The bundled-libraries directory name for a Python version ("cp311"). */
export function bundleTag(version: readonly [number, number]): string {
  return `cp${version[0]}${version[1]}`;
}
