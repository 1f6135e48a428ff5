"""Indexing a large workspace (issue 21): off the event loop, with worker processes, the open
documents first, requests answered meanwhile, and nothing left behind when the client goes.

Every assertion here is about the order of events (what the client had received when an
answer came), never about how long something took."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

import test_lsp
from conftest import write_workspace
from test_lsp import diagnostics, open_doc, start

client = test_lsp.client  # (the same fixture: the real server over stdio)


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "specls", "serve"],
        client_factory=test_lsp.make_client,
    )
)
async def leaving(lsp_client: LanguageClient):
    """:data:`client` for the tests that end the server themselves."""
    yield lsp_client
    if not lsp_client.stopped:
        await lsp_client.shutdown_session()


#: Files in the generated workspace: enough that indexing lasts well past the first answers.
FILES = 2500

FILLER = '''
class Part{n}:
    """Part {n}."""

    def __init__(self):
        self.items = {{}}
        self.log = []

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty
        self.log.append((sku, qty))

    def total(self):
        return sum(self.items.values())

    def history(self):
        return [entry[0] for entry in self.log]
'''

BASE = """
class Base:
    def __init__(self):
        self.items = {}

    def add(self, sku, qty):
        self.items[sku] = qty
"""

#: R105 on `self.count` only once `Base` (another file) is indexed: with its base unknown,
#: the rule cannot tell that nothing assigns it.
CHILD = """
from shop.base import Base


class Child(Base):
    def remove(self, sku):
        self.items = [s for s in self.items if s != sku]

    def total(self):
        return self.count
"""


def large(with_child: bool = True) -> dict[str, str]:
    files = {f"parts/p{n // 100}/m{n}.py": FILLER.format(n=n) for n in range(FILES)}
    # (read last: the open document's base must come first because it is needed)
    files["zz/shop/base.py"] = BASE
    if with_child:
        files["zz/shop/child.py"] = CHILD
    files["zz/shop/__init__.py"] = ""
    return files


async def started(client: LanguageClient, root: Path, **options) -> None:
    """Start on the large workspace; return once indexing is under way (files reported)."""
    await start(client, root, large(), options={"jobs": 2, **options})
    await asyncio.wait_for(_reported(client, lsp.WorkDoneProgressReport), 120)


async def _reported(client: LanguageClient, kind: type) -> None:
    while not any(isinstance(v, kind) for vs in client.progress_reports.values() for v in vs):
        await asyncio.sleep(0.01)


def indexing_ended(client: LanguageClient) -> bool:
    return any(
        isinstance(v, lsp.WorkDoneProgressEnd)
        for vs in client.progress_reports.values()
        for v in vs
    )


def fresh_check(root: Path, name: str) -> list[tuple]:
    cli = subprocess.run(
        [sys.executable, "-m", "specls", "check", "--format", "json", "--no-cache", "."],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return sorted(
        (x["code"], x["line"] - 1, x["column"] - 1, x["message"])
        for x in json.loads(cli.stdout)
        if x["path"] == name
    )


def as_tuples(diags: Sequence[lsp.Diagnostic]) -> list[tuple]:
    return sorted(
        (str(d.code), d.range.start.line, d.range.start.character, d.message) for d in diags
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("restricted", [False, True])
async def test_a_document_opened_while_indexing_gets_its_diagnostics_first(
    client: LanguageClient, tmp_path: Path, restricted: bool
):
    await started(client, tmp_path, restricted=restricted)
    uri = open_doc(client, tmp_path / "zz/shop/child.py")
    # its base's file is read before the thousands of others: R105 comes while indexing goes on
    await diagnostics(client, uri, lambda d: "R105" in [str(x.code) for x in d], timeout=120)
    assert not indexing_ended(client)
    await asyncio.wait_for(_reported(client, lsp.WorkDoneProgressEnd), 300)
    end = [v for vs in client.progress_reports.values() for v in vs][-1]
    assert end.message == f"{FILES + 3} files, 0 decisions"
    expected = fresh_check(tmp_path, "zz/shop/child.py")
    assert [code for code, *_ in expected] == ["R105"]
    await diagnostics(client, uri, lambda d: as_tuples(d) == expected)


@pytest.mark.asyncio
async def test_requests_on_an_open_document_are_answered_while_indexing(
    client: LanguageClient, tmp_path: Path
):
    await started(client, tmp_path)
    uri = open_doc(client, tmp_path / "zz/shop/child.py")
    doc = lsp.TextDocumentIdentifier(uri=uri)
    at = lsp.Position(5, 14)  # `self.items = [...]` in `remove`
    hover = await client.text_document_hover_async(lsp.HoverParams(text_document=doc, position=at))
    # (symbols are the spec's decisions, none in a Python file: answered all the same)
    await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(text_document=doc))
    await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc, position=at)
    )
    completion = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=doc, position=lsp.Position(8, 0))
    )
    assert not indexing_ended(client)  # every answer came while indexing went on
    assert hover is not None and "`Child.items`" in hover.contents.value
    assert completion is None or isinstance(completion, lsp.CompletionList)
    await asyncio.wait_for(_reported(client, lsp.WorkDoneProgressEnd), 300)


def _descendants(pid: int) -> set[int]:
    """The processes under ``pid`` (its children, theirs ...), from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = set(), [pid]
    while todo:
        here = todo.pop()
        for child, parent in parents.items():
            if parent == here and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


async def _gone(pids: set[int]) -> set[int]:
    for _ in range(600):  # (not a timing assertion: only how long to wait before failing)
        left = {p for p in pids if _alive(p)}
        if not left:
            return left
        await asyncio.sleep(0.1)
    return left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.asyncio
async def test_no_worker_is_left_when_the_client_exits_mid_index(
    leaving: LanguageClient, tmp_path: Path
):
    client = leaving
    await started(client, tmp_path)
    server = client._server
    assert server is not None
    workers = _descendants(server.pid)
    assert workers  # indexing with worker processes
    assert not indexing_ended(client)
    await client.shutdown_session()  # shutdown, exit
    await asyncio.wait_for(server.wait(), 120)
    assert await _gone(workers) == set()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.asyncio
async def test_no_worker_is_left_when_the_server_is_killed_mid_index(
    leaving: LanguageClient, tmp_path: Path
):
    client = leaving
    await started(client, tmp_path)
    server = client._server
    assert server is not None
    workers = _descendants(server.pid)
    assert workers
    server.kill()  # (no shutdown: the editor crashed, or killed it)
    await server.wait()
    assert await _gone(workers) == set()


def _fork_servers(pid: int) -> set[int]:
    """The workers' fork servers under ``pid`` (by their command lines)."""
    found = set()
    for child in _descendants(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing.forkserver" in command:
            found.add(child)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.asyncio
@pytest.mark.parametrize("filled", [False, True])
async def test_the_fork_server_starts_with_initialize_only_when_files_must_be_parsed(
    client: LanguageClient, tmp_path: Path, filled: bool
):
    root, cache = tmp_path / "ws", tmp_path / "cache"
    files = {"shop/__init__.py": "", "shop/base.py": BASE, "shop/child.py": CHILD}
    if filled:  # (every file's facts in the cache: nothing to parse)
        write_workspace(root, files)
        cli = [sys.executable, "-m", "specls", "check", "--cache-dir", str(cache), str(root)]
        subprocess.run(cli, capture_output=True, timeout=120)
    await start(client, root, files, options={"cacheDir": str(cache)})
    server = client._server
    assert server is not None
    if not filled:  # (started while initialize was answered, before the walk)
        assert _fork_servers(server.pid)
        return
    await asyncio.wait_for(_reported(client, lsp.WorkDoneProgressEnd), 120)
    assert _fork_servers(server.pid) == set()
