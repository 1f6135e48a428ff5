"""A fuzz campaign against the real server over stdio: random edits (with form feeds,
U+2028, lone ``\\r``, CRLF, astral characters, positions past the end) and random requests
(valid and not). Checked all along:

- every request is answered within a second, never with an internal error;
- the server's copy of the buffer (``specls/viewFileText``) is the editor's (the model);
- its diagnostics are those of a fresh ``specls check`` of the same text (when the text
  parses without errors: tree-sitter's recovery from an error may depend on the edits that
  led to it);
- the server is alive at the end and exits cleanly.

``tests/test_fuzz_server.py`` runs a short campaign in the suite;
``benchmarks/fuzz_server.py`` a long one.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from lspmodel import model_apply, model_lines, model_offset, model_position
from lspwire import Wire
from specls.config import load_settings
from specls.run import check_paths

FILES = {
    "shop/__init__.py": "",
    "shop/inventory.py": '''\
class Inventory:
    """Stock.

    Attributes:
        items (dict[str, int]): stock by SKU.
    """

    def __init__(self):
        self.items = {}

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty

    def remove(self, sku):
        self.items = [(s, q) for s, q in self.items if s != sku]

    def total(self):
        return sum(q for _, q in self.items)
''',
    "shop/cart.py": """\
from shop.inventory import Inventory


class Cart:
    def __init__(self, inventory: Inventory):
        self.inventory = inventory
        self.lines = []  # spec: cart-lines

    def add(self, sku, qty):
        self.lines.append((sku, qty))
        return self.inventory.items
""",
    "spec.toml": """\
[spec]
version = 1

[decision.cart-lines]
kind = "representation"
target = "shop.cart.Cart.lines"
type = "list[tuple[str, int]]"
""",
}

PIECES = [
    "a", "é", "😀", " ", "\n", "\r", "\r\n", "\x0c", "\u2028", "\x85", "(", ")", ":", "\t",
    "self.items = []\n", "self.items = {}\n", "        self.items.append(x)\n",
    "    def f(self):\n        return self.lines[0]\n", "# spec: ignore[R101]",
    "# spec: cart-lines",
    "class Z:\n    pass\n", "self.payed", "\\", '"""', "'", "\ud800",
]  # fmt: skip
REQUESTS = [
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/completion",
    "textDocument/codeAction",
    "textDocument/prepareRename",
    "textDocument/documentSymbol",
]
#: Error codes a request may get: InvalidParams (a position past the end) and RequestFailed
#: (nothing to rename there). InternalError never.
ALLOWED_ERRORS = {-32602, -32803}


@dataclass
class Stats:
    edits: int = 0
    requests: int = 0
    error_responses: int = 0
    internal_errors: list[str] = field(default_factory=list)
    slow: list[str] = field(default_factory=list)  # answered after more than a second
    text_mismatches: list[str] = field(default_factory=list)
    diagnostic_mismatches: list[str] = field(default_factory=list)
    compared: int = 0
    crashed: bool = False
    exit_code: int | None = None

    def failures(self) -> list[str]:
        out = [*self.internal_errors, *self.slow, *self.text_mismatches]
        out += self.diagnostic_mismatches
        if self.crashed or self.exit_code not in (0, None):
            out.append(f"server crashed or exited {self.exit_code}")
        return out


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 3)))


def _position(rng: random.Random, text: str) -> tuple[int, int]:
    lines = model_lines(text)
    line = rng.randint(0, len(lines) + (1 if rng.random() < 0.05 else 0))
    width = lines[min(line, len(lines) - 1)][1] - lines[min(line, len(lines) - 1)][0]
    return line, rng.randint(0, width + (5 if rng.random() < 0.1 else 0))


STATEMENTS = [
    "self.items = []", "self.items = {}", "self.payed = 1", "pass", "return self.lines[0]",
    "self.items.append((sku, 1))", "x = self.items.get(sku)  # spec: cart-lines",
    "self.lines = {}", "# spec: ignore[R101]", "self.total()",
]  # fmt: skip


def _edit(rng: random.Random, text: str) -> tuple[str, dict, tuple | None]:
    """A random edit: the new text, the change sent, and maybe the change undoing it."""
    roll = rng.random()
    if roll < 0.01:
        new = FILES["shop/inventory.py"] if rng.random() < 0.5 else _random_text(rng)
        return model_apply(text, (new, None, None), "utf-16"), {"text": new}, None
    if roll < 0.35:  # a statement at the start of a line, at that line's indentation
        starts = [(n, s, e) for n, (s, e) in enumerate(model_lines(text)) if text[s:e].strip()]
        if starts:
            n, s, e = rng.choice(starts)
            indent = text[s:e][: len(text[s:e]) - len(text[s:e].lstrip())]
            new = indent + rng.choice(STATEMENTS) + rng.choice(["\n", "\r\n", "\n", "\r"])
            return _incremental(text, new, (n, 0), (n, 0))
    start, end = _position(rng, text), _position(rng, text)
    if rng.random() < 0.5:
        end = start
    elif end < start:
        start, end = end, start
    new = _random_text(rng)
    after, change, _ = _incremental(text, new, start, end)
    undo = None
    if rng.random() < 0.99:
        a = model_offset(text, *start, "utf-16")
        b = max(model_offset(text, *end, "utf-16"), a)
        stop = model_position(after, a + len(new), "utf-16")
        if stop is not None:
            undo = _incremental(after, text[a:b], start, stop)
    return after, change, undo


def _incremental(text: str, new: str, start, end) -> tuple[str, dict, None]:
    change = {
        "range": {
            "start": {"line": start[0], "character": start[1]},
            "end": {"line": end[0], "character": end[1]},
        },
        "text": new,
    }
    return model_apply(text, (new, start, end), "utf-16"), change, None


def _fresh_diagnostics(root: Path, rel: str, text: str) -> set[tuple[str, int, str]]:
    """``specls check`` of the workspace with ``text`` as ``rel``: (code, line, message)."""
    with tempfile.TemporaryDirectory() as d:
        copy = Path(d) / "ws"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".specls_cache"))
        (copy / rel).write_bytes(text.encode("utf-8", "surrogatepass"))
        result = check_paths([copy], load_settings(copy))
        path = str((copy / rel).resolve())
        return {(f.code, f.span.line, f.message) for f in result.findings if f.path == path}


def _syntax_ok(text: str) -> bool:
    from specls.extract import parse
    from specls.text import normalized

    return not parse(normalized(text.encode("utf-8", "replace"))).root_node.has_error


def campaign(root: Path, edits: int, seed: int = 0, compare_every: int = 50, log=None) -> Stats:
    """Run ``edits`` random edits (and about as many requests) against a server on a
    workspace written at ``root``."""
    rng = random.Random(seed)
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    rel = "shop/inventory.py"
    stats = Stats()
    wire = Wire(root)
    try:
        wire.initialize({"debounceMs": 0, "cache": False})
        text = FILES[rel]
        uri = wire.open(root / rel, text)
        version = 1
        for i in range(edits):
            version += 1
            text, change, undo = _edit(rng, text)
            wire.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
            )
            if undo is not None:  # noise, then taken back (the text parses again)
                version += 1
                text, change, _ = undo
                wire.notify(
                    "textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
                )
            stats.edits += 1
            if rng.random() < 0.7:
                _request(wire, rng, uri, text, stats)
            if (i + 1) % compare_every == 0 or i == edits - 1:
                if not _compare(wire, root, rel, uri, text, stats):  # start again from a text
                    version += 1  # that parses, for the next comparison
                    text = FILES[rel]
                    wire.notify(
                        "textDocument/didChange",
                        {
                            "textDocument": {"uri": uri, "version": version},
                            "contentChanges": [{"text": text}],
                        },
                    )
                if log:
                    failed = len(stats.failures())
                    log(f"{i + 1} edits, {stats.requests} requests, {failed} failures")
        stats.exit_code = wire.close()
    except (TimeoutError, BrokenPipeError, OSError) as e:
        stats.crashed = True
        stats.internal_errors.append(f"{type(e).__name__}: {e}\n{wire.stderr[-2000:]}")
        wire.proc.kill()
    return stats


def _request(wire: Wire, rng: random.Random, uri: str, text: str, stats: Stats) -> None:
    method = rng.choice(REQUESTS)
    line, character = _position(rng, text)
    pos = {"line": line, "character": character}
    doc = {"uri": uri}
    if method == "textDocument/documentSymbol":
        params: dict = {"textDocument": doc}
    elif method == "textDocument/codeAction":
        params = {
            "textDocument": doc,
            "range": {"start": pos, "end": pos},
            "context": {"diagnostics": wire.diagnostics(uri) or []},
        }
    elif method == "textDocument/references":
        params = {"textDocument": doc, "position": pos, "context": {"includeDeclaration": True}}
    else:
        params = {"textDocument": doc, "position": pos}
    started = time.monotonic()
    response = wire.request(method, params, timeout=30)
    took = time.monotonic() - started
    stats.requests += 1
    if took > 1:
        stats.slow.append(f"{method} took {took:.1f} s")
    if "error" in response:
        stats.error_responses += 1
        if response["error"]["code"] not in ALLOWED_ERRORS:
            stats.internal_errors.append(f"{method} {params}: {response['error']}")
    elif method == "textDocument/codeAction":
        for action in (response.get("result") or [])[:2]:
            resolved = wire.request("codeAction/resolve", action, timeout=30)
            stats.requests += 1
            if "error" in resolved:
                stats.internal_errors.append(f"resolve {action['title']}: {resolved['error']}")


def _compare(wire: Wire, root: Path, rel: str, uri: str, text: str, stats: Stats) -> bool:
    """Compare the server's text and diagnostics with the model's; False when the text did
    not parse (its diagnostics were not compared)."""
    got = wire.request("specls/viewFileText", {"textDocument": {"uri": uri}}, timeout=30)
    seen = got.get("result")
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    if seen != expected:
        stats.text_mismatches.append(f"after {stats.edits} edits: {seen!r} != {expected!r}")
        return True
    if not _syntax_ok(expected):
        return False
    wire.settle(quiet=0.3)
    published = wire.diagnostics(uri) or []
    server = {(d["code"], d["range"]["start"]["line"], d["message"]) for d in published}
    fresh = _fresh_diagnostics(root, rel, expected)
    stats.compared += 1
    if server != fresh:
        stats.diagnostic_mismatches.append(
            f"after {stats.edits} edits: server only {sorted(server - fresh)}, "
            f"check only {sorted(fresh - server)}\n--- text ---\n{expected}"
        )
    return True
