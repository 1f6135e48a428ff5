"""A raw JSON-RPC client for the real server over stdio: sends any message, even one no
typed client would (a negative line, ``null`` params), and records everything that comes
back. Used by the robustness and fuzz tests; ``pytest-lsp`` drives the well-formed ones."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


class Wire:
    """``python -m specls serve`` with a reader thread; messages as plain dicts."""

    def __init__(self, root: Path, env: dict[str, str] | None = None) -> None:
        self.root = root
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "specls", "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=root,
            env={**os.environ, **(env or {})},
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []  # from the server (answered with null)
        self.responses: dict[Any, dict[str, Any]] = {}
        self._next = 0
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # -- transport --------------------------------------------------------------------------

    def send(self, message: dict[str, Any] | bytes) -> None:
        body = message if isinstance(message, bytes) else json.dumps(message).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line.startswith(b"Content-Length:"):
                    length = int(line.split(b":")[1])
                elif line in (b"\r\n", b"\n"):
                    break
            if length is None:
                continue
            self.inbox.put(json.loads(out.read(length)))

    def _drain_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self._stderr.append(line)

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")

    def _pump(self, timeout: float) -> bool:
        try:
            message = self.inbox.get(timeout=timeout)
        except queue.Empty:
            return False
        if "method" in message and "id" in message:  # a request from the server
            self.requests.append(message)
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif "method" in message:
            self.notifications.append(message)
        else:
            self.responses[message.get("id")] = message
        return True

    # -- messages ---------------------------------------------------------------------------

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 10) -> dict[str, Any]:
        """Send a request and wait for its response (the whole response message)."""
        self._next += 1
        ident = self._next
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return self.wait_response(ident, timeout)

    def wait_response(self, ident: Any, timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while ident not in self.responses:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no response to request {ident}")
            self._pump(left)
        return self.responses.pop(ident)

    def settle(self, quiet: float = 0.4, timeout: float = 20) -> None:
        """Read until the server has been quiet for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._pump(quiet):
            pass

    def diagnostics(self, uri: str) -> list[dict[str, Any]] | None:
        """The last diagnostics published for ``uri``."""
        found = None
        for n in self.notifications:
            if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri:
                found = n["params"]["diagnostics"]
        return found

    def initialize(self, options: dict[str, Any] | None = None, encoding: str = "utf-16") -> dict:
        caps = {
            "general": {"positionEncodings": [encoding]},
            "workspace": {"configuration": False, "workspaceFolders": True},
            "textDocument": {"codeAction": {"dataSupport": True}},
        }
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": self.root.as_uri(),
                "capabilities": caps,
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str | None = None, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "python" if path.suffix == ".py" else "toml",
                    "version": version,
                    "text": path.read_text("utf-8") if text is None else text,
                }
            },
        )
        return uri

    def close(self) -> int:
        """Shut the server down; returns its exit code."""
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            return self.proc.wait(10)
        except (TimeoutError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            return self.proc.wait()
