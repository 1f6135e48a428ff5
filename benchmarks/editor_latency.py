"""Editor latency: from a ``didChange`` on a 5,000-line file to its diagnostics, and hover and
definition round trips, over stdio against the real server (debounce set to 0 and so excluded).

    python benchmarks/editor_latency.py [--edits 200] [--long-line] [--profile FILE]

Prints median and p95 in milliseconds. Targets: edit → diagnostics under 30 ms, hover and
definition under 10 ms (median). ``--long-line`` also types in a file whose one statement
is a line of 1 MB (non-ASCII, so that columns convert): at its end, in its middle, and on
the line after it; and in one whose long line holds 2,000 findings. ``--profile`` runs the
server under cProfile and writes its profile to FILE when it exits.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

# the client warns about every server notification it has no handler for (specls/status)
logging.getLogger("pygls").setLevel(logging.ERROR)

CLASS = '''
class Store{n}:
    """Store number {n}."""

    def __init__(self):
        self.items = {{}}  # spec: store-items
        self.log = []
        self.count = 0

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty
        self.log.append(("add", sku, qty))
        self.count += 1

    def remove(self, sku):
        if sku in self.items:
            del self.items[sku]
            self.log.append(("remove", sku, 0))

    def total(self):
        return sum(self.items.values())

    def history(self):
        return [entry[0] for entry in self.log]

    def report(self):
        lines = []
        for sku, qty in self.items.items():
            lines.append(f"{{sku}}: {{qty}}")
        return "\\n".join(lines)

    def reset(self):
        self.items = {{}}
        self.log = []
        self.count = 0

    def busiest(self):
        if not self.items:
            return None
        return max(self.items, key=self.items.get)

    def snapshot(self):
        return dict(self.items), list(self.log)
'''

SPEC = """[decision.store-items]
kind = "representation"
target = "Store0.items"
type = "dict[str, int]"
"""


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))]


#: One statement on one line of about 1 MB: ``self.a`` read 130,000 times after an ``é``.
LONG = (
    "class Long:\n    def __init__(self):\n        self.a = 1\n\n    def m(self):\n"
    "        x = ('é', " + ", ".join(["self.a"] * 130_000) + ")\n        return x\n"
)
#: A long line with a finding per attribute (R105: read, never assigned): 2,000 of them.
FINDINGS = (
    "class Many:\n    def m(self):\n        x = ('é', "
    + ", ".join(f"self.a{i}" for i in range(2_000))
    + ", "
    + ", ".join(["self.m"] * 120_000)
    + ")\n        return x\n"
)


async def run(edits: int, long_line: bool, profile: str | None) -> None:
    root = Path(tempfile.mkdtemp(prefix="specls-latency-"))
    per_class = CLASS.count("\n")
    text = "".join(CLASS.format(n=i) for i in range(5000 // per_class + 1))
    path = root / "big.py"
    path.write_text(text, "utf-8")
    (root / "spec.toml").write_text(SPEC, "utf-8")
    lines = text.split("\n")
    print(f"file: {len(lines)} lines, {len(text) // 1024} KiB", file=sys.stderr)

    client = LanguageClient("latency", "1")
    got: dict[tuple[str, int], float] = {}
    waiting: dict[tuple[str, int], asyncio.Future] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            key = (params.uri, params.version)
            got[key] = time.perf_counter()
            fut = waiting.pop(key, None)
            if fut is not None and not fut.done():
                fut.set_result(None)

    if profile:  # (main() returns where the command line's entry would exit the process)
        code = (
            "import cProfile, sys; from specls.cli.main import main; "
            f"cProfile.run('main([\"serve\"])', {profile!r})"
        )
        await client.start_io(sys.executable, "-c", code)
    else:
        await client.start_io(sys.executable, "-m", "specls", "serve")
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=root.as_uri(),
            initialization_options={"debounceMs": 0},
        )
    )
    client.initialized(lsp.InitializedParams())
    uri = path.as_uri()
    loop = asyncio.get_running_loop()
    versions: dict[str, int] = {}

    async def open_document(uri: str, text: str) -> None:
        versions[uri] = 1
        waiting[uri, 1] = loop.create_future()
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=uri, language_id="python", version=1, text=text
                )
            )
        )
        await asyncio.wait_for(waiting[uri, 1], 120)

    await open_document(uri, text)
    target = next(i for i, line in enumerate(lines) if "def total" in line) + 1

    async def typing(col: int, char: str, where: str = uri, line: int = target) -> list[float]:
        """Insert ``char`` at ``col`` of ``line``, then delete it, ``edits`` times."""
        times = []
        for i in range(edits):
            version = versions[where] = versions[where] + 1
            insert = i % 2 == 0
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(
                    start=lsp.Position(line, col),
                    end=lsp.Position(line, col if insert else col + 1),
                ),
                text=char if insert else "",
            )
            waiting[where, version] = loop.create_future()
            start = time.perf_counter()
            client.text_document_did_change(
                lsp.DidChangeTextDocumentParams(
                    text_document=lsp.VersionedTextDocumentIdentifier(uri=where, version=version),
                    content_changes=[change],
                )
            )
            await asyncio.wait_for(waiting[where, version], 120)
            times.append((got[where, version] - start) * 1000)
        return times

    # `return sum(self.items.values())`: typing inside a name keeps the file valid;
    # typing before `return` makes a syntax error, which tree-sitter re-parses in full
    valid_ms = await typing(col=len("        return su"), char="m")
    broken_ms = await typing(col=8, char="x")
    long_ms: list[tuple[str, list[float]]] = []
    if long_line:
        for name, body in (("long.py", LONG), ("findings.py", FINDINGS)):
            (root / name).write_text(body, "utf-8")
            where = (root / name).as_uri()
            await open_document(where, body)
            row = next(i for i, line in enumerate(body.split("\n")) if len(line) > 100_000)
            # (UTF-16 columns: the é is one unit, as every other character of the line)
            width = len(body.split("\n")[row])
            label = f"1 MB line{', 2,000 findings' if name == 'findings.py' else ''}:"
            long_ms.append((label, []))
            long_ms.append(("  at its end", await typing(width - 1, "x", where, row)))
            long_ms.append(("  in its middle", await typing(width // 2, " ", where, row)))
            long_ms.append(("  on the next line", await typing(8, "x", where, row + 1)))

    attr_line = next(i for i, line in enumerate(lines) if "self.items[sku] = " in line)
    where = {
        "text_document": lsp.TextDocumentIdentifier(uri=uri),
        "position": lsp.Position(attr_line, 14),
    }

    async def timed(request, params) -> list[float]:
        times = []
        for _ in range(100):
            start = time.perf_counter()
            await request(params)
            times.append((time.perf_counter() - start) * 1000)
        return times

    hover_ms = await timed(client.text_document_hover_async, lsp.HoverParams(**where))
    definition_ms = await timed(
        client.text_document_definition_async, lsp.DefinitionParams(**where)
    )
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    print(f"{'measure':<30} {'median ms':>10} {'p95 ms':>8} {'n':>5}")
    for name, values in (
        ("edit -> diagnostics", valid_ms),
        ("  ... syntax error", broken_ms),
        ("hover", hover_ms),
        ("definition", definition_ms),
        *long_ms,
    ):
        if not values:
            print(name)
            continue
        print(
            f"{name:<30} {statistics.median(values):>10.1f} "
            f"{percentile(values, 0.95):>8.1f} {len(values):>5}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--long-line", action="store_true", help="also a 1 MB line")
    parser.add_argument("--profile", metavar="FILE", help="profile the server into FILE")
    args = parser.parse_args()
    asyncio.run(run(args.edits, args.long_line, args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
