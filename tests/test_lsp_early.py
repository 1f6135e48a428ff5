"""Indexing begun from the ``initialize`` message, before pygls is imported
(:mod:`specls.lsp.early`): the first message read and replayed byte for byte, the plan it
gives, and, over stdio with the real server, the run taken, refused when the client's
settings change it, and files changed before the client could say so read again."""

from __future__ import annotations

import asyncio
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

import test_lsp
from conftest import write_workspace
from lspwire import Wire
from specls.lsp import early
from specls.lsp.session import IndexPlan
from test_lsp_indexing import as_tuples, fresh_check

client = test_lsp.client  # (the real server over stdio)


def framed(body: dict | bytes) -> bytes:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


INIT = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"rootUri": None, "capabilities": {}, "initializationOptions": {}},
}
NEXT = framed({"jsonrpc": "2.0", "method": "initialized", "params": {}})


# -- the first message --------------------------------------------------------------------------


def test_the_first_message_is_read_whole_and_replayed_as_sent():
    stream = io.BytesIO(framed(INIT) + NEXT)
    first, message = early.read_first(stream)
    assert message == INIT
    assert first == framed(INIT)
    assert stream.tell() == len(first)  # (nothing of the next message read)
    assert early.Replay(first, stream).read() == framed(INIT) + NEXT


@pytest.mark.parametrize(
    "head",
    [
        b"Content-Type: x\r\n\r\n{}",  # no length
        b"Content-Length: ten\r\n\r\n{}",
        b"Content-Length: 0\r\n\r\n",
        b"Content-Length: 99999999999\r\n\r\n{}",  # over MAX_BODY
        b"Content-Length: 40\r\n\r\n{}",  # the stream ends inside the body
        b"X-" + b"a" * 5000 + b": 1\r\nContent-Length: 2\r\n\r\n{}",  # a line too long
        b"A: 1\r\n" * 20 + b"Content-Length: 2\r\n\r\n{}",  # too many lines
        b"Content-Length: 3\r\n\r\n{x}",  # not JSON
        b"Content-Length: 2\r\n\r\n[]",  # not an object
        b"Content-Length: 2\r\n\r\n\xff\xfe",  # not UTF-8
    ],
)
def test_a_first_message_that_is_not_well_formed_gives_none_and_is_replayed(head: bytes):
    whole = head + NEXT
    stream = io.BytesIO(whole)
    first, message = early.read_first(stream)
    assert message is None
    assert whole.startswith(first)
    assert early.Replay(first, stream).read() == whole


@pytest.mark.parametrize("whole", [b"Content-Length: 2\r\n", b"Content-Len", b""])
def test_a_stream_that_ends_inside_the_header_gives_none_and_is_replayed(whole: bytes):
    stream = io.BytesIO(whole)
    first, message = early.read_first(stream)
    assert message is None and first == whole
    assert early.Replay(first, stream).read() == whole


#: A read: ("line", size) or ("read", size); -1 for no limit.
reads = st.lists(
    st.tuples(st.sampled_from(["line", "read"]), st.integers(min_value=-1, max_value=12)),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=80), cut=st.integers(min_value=0, max_value=80), ops=reads)
def test_a_replay_reads_as_the_stream_it_was_cut_from(data: bytes, cut: int, ops: list):
    cut = min(cut, len(data))
    plain, replay = io.BytesIO(data), early.Replay(data[:cut], io.BytesIO(data[cut:]))
    for op, size in ops:
        if op == "line":
            assert replay.readline(size) == plain.readline(size)
        else:
            assert replay.read(size) == plain.read(size)
    assert replay.read() == plain.read()


# -- the plan -----------------------------------------------------------------------------------


def init(root: Path | None, options: object, **params: object) -> dict:
    return {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {
            "rootUri": root.as_uri() if root else None,
            "capabilities": {},
            "initializationOptions": options,
            **params,
        },
    }


def test_a_plan_comes_only_from_an_initialize_that_carries_its_options(tmp_path: Path):
    assert early.plan_of({"jsonrpc": "2.0", "method": "initialized", "params": {}}) is None
    assert early.plan_of({"method": "initialize", "params": []}) is None
    # (a client that sends no options may send its settings only when asked for them)
    assert early.plan_of(init(tmp_path, None)) is None
    assert early.begin(None) is None
    assert early.begin(init(tmp_path, None)) is None


def test_the_plan_is_the_sessions(tmp_path: Path):
    (tmp_path / "spec.toml").write_text("", "utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.specls]\nexclude = ["gen/*"]\n', "utf-8")
    plan = early.plan_of(init(tmp_path, {"cacheDir": "c", "jobs": 3}))
    assert plan == IndexPlan(
        root=tmp_path.resolve(),
        exclude=plan.exclude,
        cache_dir=(tmp_path / "c").resolve(),
        jobs=3,
    )
    assert "gen/*" in plan.exclude
    # Restricted Mode: no cache, and the options that name paths are not taken
    restricted = early.plan_of(init(tmp_path, {"restricted": True, "cacheDir": "c"}))
    assert restricted is not None and restricted.cache_dir is None
    assert early.plan_of(init(tmp_path, {"cache": False})).cache_dir is None
    # the first workspace folder, without a root URI
    folders = init(None, {}, workspaceFolders=[{"uri": tmp_path.as_uri(), "name": "w"}])
    assert early.plan_of(folders).root == tmp_path.resolve()


def test_a_relay_keeps_what_comes_before_it_is_attached_in_order():
    relay = early.Relay()
    relay(("begin", 3))
    relay(("facts", ([], False)))
    got: list = []
    relay.attach(got.append)
    relay(("end", None))
    assert got == [("begin", 3), ("facts", ([], False)), ("end", None)]


# -- the server ---------------------------------------------------------------------------------

BASE = """
class Base:
    def __init__(self):
        self.items = {}
"""
#: `Base` as it is on disk once the client has initialized: it assigns `count`.
BASE_LATER = BASE + "        self.count = 0\n"
CHILD = """
from shop.base import Base


class Child(Base):
    def total(self):
        return self.count
"""


def indexed(client: LanguageClient) -> list[str]:
    return [m.message for m in client.log_messages if m.message.startswith("specls: index")]


async def index_end(client: LanguageClient) -> lsp.WorkDoneProgressEnd:
    async def wait() -> lsp.WorkDoneProgressEnd:
        while True:
            for values in client.progress_reports.values():
                for value in values:
                    if isinstance(value, lsp.WorkDoneProgressEnd):
                        return value
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(wait(), 120)


async def initialize(client: LanguageClient, root: Path, options: dict | None) -> None:
    """``initialize`` alone (``initialize_session`` sends ``initialized`` at once)."""
    client.capabilities = test_lsp.vscode_caps()  # (what initialize_session sets first)
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=client.capabilities,
            process_id=os.getpid(),
            root_uri=root.as_uri(),
            initialization_options=options,
        )
    )


@pytest.mark.asyncio
async def test_files_changed_before_the_client_initialized_are_read_again(
    client: LanguageClient, tmp_path: Path
):
    files = {"shop/__init__.py": "", "shop/base.py": BASE, "shop/child.py": CHILD}
    write_workspace(tmp_path, {**files, "gone.py": "X = 1\n"})
    await initialize(client, tmp_path, {"jobs": 1})
    # (the server answered once pygls was imported: by then it has read this small workspace)
    (tmp_path / "shop/base.py").write_text(BASE_LATER, "utf-8")
    (tmp_path / "gone.py").unlink()
    (tmp_path / "new.py").write_text("Y = 2\n", "utf-8")
    (tmp_path / "newer.py").write_text("Z = 3\n", "utf-8")
    client.initialized(lsp.InitializedParams())
    end = await index_end(client)
    assert end.message == "5 files, 0 decisions"  # (gone.py gone, new.py and newer.py there)
    assert any("(begun with initialize)" in m for m in indexed(client))
    # `count` is assigned by the base as it is now: no R105 on `self.count`
    expected = fresh_check(tmp_path, "shop/child.py")
    assert "R105" not in [code for code, *_ in expected]
    uri = test_lsp.open_doc(client, tmp_path / "shop/child.py")
    await test_lsp.diagnostics(client, uri, lambda d: as_tuples(d) == expected)


@pytest.mark.asyncio
async def test_without_the_change_the_child_is_flagged(client: LanguageClient, tmp_path: Path):
    """The case above with nothing changed: `count` is assigned nowhere, R105 fires (so the
    test above sees the change, not a rule that never fires)."""
    files = {"shop/__init__.py": "", "shop/base.py": BASE, "shop/child.py": CHILD}
    await test_lsp.start(client, tmp_path, files, options={"jobs": 1})
    await index_end(client)
    uri = test_lsp.open_doc(client, tmp_path / "shop/child.py")
    await test_lsp.diagnostics(client, uri, lambda d: "R105" in [str(x.code) for x in d])


@pytest.mark.asyncio
async def test_a_run_whose_plan_the_settings_change_is_not_taken(
    client: LanguageClient, tmp_path: Path
):
    client.set_configuration({"jobs": 1}, section="specls")
    await test_lsp.start(client, tmp_path, {"a.py": "class A:\n    pass\n"}, options={"jobs": 2})
    end = await index_end(client)
    assert end.message == "1 file, 0 decisions"
    assert indexed(client)[0].startswith("specls: indexing with 1 worker process: 1 as asked")
    assert not any("begun" in m for m in indexed(client))


@pytest.mark.asyncio
async def test_a_client_without_options_gets_no_early_start(client: LanguageClient, tmp_path: Path):
    write_workspace(tmp_path, {"a.py": "class A:\n    pass\n"})
    await client.initialize_session(
        lsp.InitializeParams(capabilities=test_lsp.vscode_caps(), root_uri=tmp_path.as_uri())
    )
    end = await index_end(client)
    assert end.message == "1 file, 0 decisions"
    assert indexed(client) and not any("begun" in m for m in indexed(client))


def test_a_first_message_that_is_not_initialize_is_answered_as_before(tmp_path: Path):
    write_workspace(tmp_path, {"a.py": "class A:\n    pass\n"})
    wire = Wire(tmp_path)
    try:
        wire.notify("$/setTrace", {"value": "off"})
        result = wire.initialize({})
        assert result["result"]["serverInfo"]["name"] == "specls"
        wire.settle()
        assert wire.proc.poll() is None
    finally:
        assert wire.close() == 0
