"""Language server start-up on Django: from ``initialize`` to the end of indexing, cold and
with the cache filled, each beside a cold ``specls check`` of the same tree.

    python benchmarks/server_startup.py [--pairs 5] [--jobs 2] [--tree DIR]

Each pair is a cold server start (an empty cache directory) and a cold ``specls check``
(another empty one), in alternating order, then a server start on the cache the cold start
filled: the machine's speed drifts, so each start is compared with the check beside it.
Every start spawns ``python -m specls serve`` and sends ``initialize`` at once, as an editor
does; the times are from the spawn (so they include the server's imports) to the log line
that ends indexing. A document (Django's ``db/models/base.py``) is opened as soon as the
server is initialized: the time of its first diagnostics is reported too. Both faces use
``--jobs`` processes (``jobs`` in the server's options).

``--base REV`` times starts with the cache filled instead, for this tree and for ``REV``
(from a temporary git worktree), each with a cache of its own that one cold start filled:
``--pairs`` pairs, alternating which goes first, and the ratio of each pair's times from the
``initialize`` answer to the end of indexing (with each side's median time from the spawn to
that answer).

Each specls is first made as an installed one that started once: byte-compiled, and the
methods attrs generates for lsprotocol kept (``specls.lsp.codecache``), which a first start
writes but not where ``PYTHONDONTWRITEBYTECODE`` is set.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
DJANGO = HERE / ".cache" / "django-5.1.4"
PY = sys.executable

logging.getLogger("pygls").setLevel(logging.ERROR)


async def server_start(
    tree: Path, cache: Path, jobs: int, doc: Path, server: Path | None = None
) -> dict[str, float]:
    """Seconds from the spawn to: the ``initialize`` answer, the open document's first
    diagnostics, and the end of indexing. ``server``: the ``server`` folder to run."""
    client = LanguageClient("startup", "1")
    marks: dict[str, float] = {}
    ended = asyncio.get_running_loop().create_future()

    @client.feature(lsp.WINDOW_LOG_MESSAGE)
    def on_log(params: lsp.LogMessageParams) -> None:
        if params.message.startswith("specls: indexed") and not ended.done():
            marks["indexed"] = time.perf_counter()
            ended.set_result(None)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.uri == doc.as_uri():
            marks.setdefault("diagnostics", time.perf_counter())

    @client.feature("specls/status")
    def on_status(params: object) -> None:
        pass

    start = time.perf_counter()
    env = None if server is None else {**os.environ, "PYTHONPATH": str(server)}
    await client.start_io(PY, "-m", "specls", "serve", env=env)
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=tree.as_uri(),
            initialization_options={"cacheDir": str(cache), "jobs": jobs, "debounceMs": 0},
        )
    )
    marks["initialize"] = time.perf_counter()
    client.initialized(lsp.InitializedParams())
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=doc.as_uri(), language_id="python", version=1, text=doc.read_text("utf-8")
            )
        )
    )
    # hovers on the open document while indexing goes on, one at a time: their round trips
    hovers: list[float] = []
    line = next(
        i for i, text in enumerate(doc.read_text("utf-8").split("\n")) if "self._state = " in text
    )
    at = lsp.Position(line, 14)
    while not ended.done():
        sent = time.perf_counter()
        await client.text_document_hover_async(
            lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=doc.as_uri()), position=at)
        )
        if not ended.done():
            hovers.append(time.perf_counter() - sent)
        await asyncio.wait([ended], timeout=0.05)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    out = {k: v - start for k, v in marks.items()}
    if hovers:
        out["hovers"] = len(hovers)
        out["hover_median"] = statistics.median(hovers)
        out["hover_max"] = max(hovers)
    return out


def check(tree: Path, cache: Path, jobs: int) -> float:
    start = time.perf_counter()
    cmd = [PY, "-m", "specls", "check", str(tree), "--cache-dir", str(cache), "--jobs", str(jobs)]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def installed(server: Path) -> None:
    """``server``'s specls as installed and started once: byte-compiled, and attrs's methods
    for lsprotocol kept (``specls.lsp.codecache``; written at a first start, but not where
    ``PYTHONDONTWRITEBYTECODE`` is set, as on the benchmark machines)."""
    subprocess.run([PY, "-m", "compileall", "-q", str(server / "specls")])
    if (server / "specls" / "lsp" / "codecache.py").exists():
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        keep = "from specls.lsp.codecache import kept\nwith kept():\n    import lsprotocol.types"
        subprocess.run([PY, "-c", keep], env={**env, "PYTHONPATH": str(server)}, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--tree", type=Path, default=DJANGO)
    parser.add_argument("--base", help="a git revision: cached starts of both, in pairs")
    parser.add_argument("--cold", action="store_true", help="with --base: cold starts")
    args = parser.parse_args()
    if args.base:
        return against(args.base, args.pairs, args.jobs, args.tree, args.cold)
    installed(HERE.parent / "server")
    rows: list[tuple[float, dict[str, float], dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        # (a copy outside any repository: in benchmarks/.cache the workspace root the server
        # finds is this repository's, whose .gitignore leaves the tree out)
        tree = Path(tmp) / "tree"
        shutil.copytree(args.tree, tree, ignore=shutil.ignore_patterns(".specls_cache"))
        doc = tree / "django" / "db" / "models" / "base.py"
        check(tree, Path(tmp) / "warm-up", args.jobs)  # (the file system's cache)
        for k in range(args.pairs):
            server_cache, check_cache = Path(tmp) / f"server{k}", Path(tmp) / f"check{k}"
            if k % 2 == 0:
                cli = check(tree, check_cache, args.jobs)
                cold = asyncio.run(server_start(tree, server_cache, args.jobs, doc))
            else:
                cold = asyncio.run(server_start(tree, server_cache, args.jobs, doc))
                cli = check(tree, check_cache, args.jobs)
            warm = asyncio.run(server_start(tree, server_cache, args.jobs, doc))
            rows.append((cli, cold, warm))
            print(
                f"pair {k + 1}: check {cli:.2f} s; server cold {cold['indexed']:.2f} s "
                f"(initialize {cold['initialize']:.2f} s, first diagnostics "
                f"{cold.get('diagnostics', float('nan')):.2f} s) = "
                f"{cold['indexed'] / cli:.2f}x; cached {warm['indexed']:.2f} s "
                f"(initialize {warm['initialize']:.2f} s, from it "
                f"{warm['indexed'] - warm['initialize']:.2f} s); hover while indexing: "
                f"{cold.get('hover_median', float('nan')) * 1000:.1f} ms median, "
                f"{cold.get('hover_max', float('nan')) * 1000:.1f} ms at most "
                f"({cold.get('hovers', 0):.0f} hovers)",
                file=sys.stderr,
            )
    ratios = sorted(cold["indexed"] / cli for cli, cold, _ in rows)

    def med(values: list[float]) -> float:
        return statistics.median(values)

    print(f"Django, {args.jobs} processes, {args.pairs} pairs (median, then range)")
    print(f"specls check, cold:                 {med([r[0] for r in rows]):.2f} s")
    print(
        f"server, cold, spawn to indexed:     {med([r[1]['indexed'] for r in rows]):.2f} s; "
        f"{med(ratios):.2f}x the check beside it ({ratios[0]:.2f}x to {ratios[-1]:.2f}x)"
    )
    print(
        "server, cold, first diagnostics:    "
        f"{med([r[1].get('diagnostics', float('nan')) for r in rows]):.2f} s"
    )
    print(f"server, cached, spawn to indexed:   {med([r[2]['indexed'] for r in rows]):.2f} s")
    print(
        "server, cached, initialize to end:  "
        f"{med([r[2]['indexed'] - r[2]['initialize'] for r in rows]):.2f} s"
    )
    print(f"server, spawn to initialize answer: {med([r[2]['initialize'] for r in rows]):.2f} s")
    hovers = [r[1]["hover_median"] * 1000 for r in rows if "hover_median" in r[1]]
    if hovers:
        print(f"hover while indexing (cold), median: {med(hovers):.1f} ms")
    return 0


def against(base: str, pairs: int, jobs: int, source: Path, cold: bool = False) -> int:
    """Starts of this tree and of ``base``, in pairs: cached ones, timed from the
    ``initialize`` answer to the end of indexing; or (``cold``) each with an empty cache,
    timed from the spawn (see the module's docstring)."""
    sys.path.insert(0, str(HERE))
    from run import revision

    with tempfile.TemporaryDirectory() as tmp, revision(base) as old:
        tree = Path(tmp) / "tree"
        shutil.copytree(source, tree, ignore=shutil.ignore_patterns(".specls_cache"))
        doc = tree / "django" / "db" / "models" / "base.py"
        servers = {"this tree": HERE.parent / "server", f"`{base}`": old}
        for server in servers.values():
            installed(server)
        caches = {name: Path(tmp) / f"cache-{k}" for k, name in enumerate(servers)}
        for name, server in servers.items():  # (each cache filled by a cold start)
            asyncio.run(server_start(tree, caches[name], jobs, doc, server))
        took: dict[str, list[float]] = {name: [] for name in servers}
        answers: dict[str, list[float]] = {name: [] for name in servers}
        for k in range(pairs):
            order = list(servers) if k % 2 == 0 else list(reversed(servers))
            for name in order:
                cache = Path(tmp) / f"cold-{k}-{name}" if cold else caches[name]
                got = asyncio.run(server_start(tree, cache, jobs, doc, servers[name]))
                took[name].append(got["indexed"] - (0 if cold else got["initialize"]))
                answers[name].append(got["initialize"])
        new, old_times = took["this tree"], took[f"`{base}`"]
        ratios = sorted(n / o for n, o in zip(new, old_times, strict=True))
        what = "cold, spawn" if cold else "cache filled, initialize answer"
        print(f"Django, {what} to end, {jobs} processes, {pairs} pairs")
        for name, times in took.items():
            print(
                f"  {name}: median {statistics.median(times):.2f} s (best {min(times):.2f} s);"
                f" spawn to the initialize answer {statistics.median(answers[name]):.2f} s"
            )
        print(
            f"  this tree / `{base}`, pair by pair: median {statistics.median(ratios):.3f} "
            f"(middle half {ratios[len(ratios) // 4]:.3f} to {ratios[(3 * len(ratios)) // 4]:.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
