"""Editor latency: from a ``didChange`` on a 5,000-line file to its diagnostics, and hover and
definition round trips, over stdio against the real server (debounce set to 0 and so excluded).

    python benchmarks/editor_latency.py [--edits 200]

Prints median and p95 in milliseconds. Targets: edit → diagnostics under 30 ms, hover and
definition under 10 ms (median).
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


async def run(edits: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="specls-latency-"))
    per_class = CLASS.count("\n")
    text = "".join(CLASS.format(n=i) for i in range(5000 // per_class + 1))
    path = root / "big.py"
    path.write_text(text, "utf-8")
    (root / "spec.toml").write_text(SPEC, "utf-8")
    lines = text.split("\n")
    print(f"file: {len(lines)} lines, {len(text) // 1024} KiB", file=sys.stderr)

    client = LanguageClient("latency", "1")
    got: dict[int, float] = {}
    waiting: dict[int, asyncio.Future] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.uri == uri and params.version is not None:
            got[params.version] = time.perf_counter()
            fut = waiting.pop(params.version, None)
            if fut is not None and not fut.done():
                fut.set_result(None)

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
    waiting[1] = loop.create_future()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
        )
    )
    await asyncio.wait_for(waiting[1], 60)

    target = next(i for i, line in enumerate(lines) if "def total" in line) + 1
    version = 1

    async def typing(col: int, char: str) -> list[float]:
        """Insert ``char`` at ``col`` of the target line, then delete it, ``edits`` times."""
        nonlocal version
        times = []
        for i in range(edits):
            version += 1
            insert = i % 2 == 0
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(
                    start=lsp.Position(target, col),
                    end=lsp.Position(target, col if insert else col + 1),
                ),
                text=char if insert else "",
            )
            waiting[version] = loop.create_future()
            start = time.perf_counter()
            client.text_document_did_change(
                lsp.DidChangeTextDocumentParams(
                    text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[change],
                )
            )
            await asyncio.wait_for(waiting[version], 30)
            times.append((got[version] - start) * 1000)
        return times

    # `return sum(self.items.values())`: typing inside a name keeps the file valid;
    # typing before `return` makes a syntax error, which tree-sitter re-parses in full
    valid_ms = await typing(col=len("        return su"), char="m")
    broken_ms = await typing(col=8, char="x")

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

    print(f"{'measure':<22} {'median ms':>10} {'p95 ms':>8} {'n':>5}")
    for name, values in (
        ("edit -> diagnostics", valid_ms),
        ("  ... syntax error", broken_ms),
        ("hover", hover_ms),
        ("definition", definition_ms),
    ):
        print(
            f"{name:<22} {statistics.median(values):>10.1f} "
            f"{percentile(values, 0.95):>8.1f} {len(values):>5}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    asyncio.run(run(parser.parse_args().edits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
