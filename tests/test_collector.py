"""The garbage collector's settings (``specls.collector``): raised while facts are built in
bulk, and the language server's facts frozen, out of the collector's scans, once its
start-up (imports, ``initialize``, indexing, the first diagnostics) ends."""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import pytest_lsp
from pytest_lsp import ClientServerConfig, LanguageClient

import test_lsp
from specls import collector


class Held:
    """An object the collector tracks (a class instance with a dict)."""


@pytest.fixture(autouse=True)
def _collector_as_it_was() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)
    gc.unfreeze()  # (what a test froze goes back to the oldest generation)


def _tracked(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects())  # (frozen objects are not listed)


def test_a_build_raises_the_thresholds_and_sets_them_back():
    gc.set_threshold(700, 10, 10)
    collector.begin()
    assert gc.get_threshold() == collector.BULK
    collector.end()
    assert gc.get_threshold() == (700, 10, 10)


def test_what_was_built_is_frozen_and_what_comes_after_is_not():
    gc.unfreeze()
    collector.begin()
    built = Held()
    assert _tracked(built)  # (until the build ends, the collector sees it)
    collector.end()
    assert not _tracked(built)
    assert gc.get_freeze_count() > 0
    after = Held()
    assert _tracked(after)


def test_a_frozen_object_let_go_is_still_freed():
    import weakref

    collector.begin()
    built = Held()
    collector.end()
    gone = weakref.ref(built)
    del built
    assert gone() is None  # (by its reference count: no collection ran)


def test_overlapping_builds_set_the_thresholds_back_when_the_last_ends():
    gc.set_threshold(500, 5, 5)
    collector.begin()  # (as `specls serve` does, ended when its indexing is)
    collector.begin()
    collector.end()
    assert gc.get_threshold() == collector.BULK
    collector.end()
    assert gc.get_threshold() == (500, 5, 5)


def test_an_end_without_a_beginning_changes_nothing():
    gc.set_threshold(700, 10, 10)
    collector.end()
    assert gc.get_threshold() == (700, 10, 10)
    collector.begin()  # (and the next build is counted from nothing)
    assert gc.get_threshold() == collector.BULK
    collector.end()
    assert gc.get_threshold() == (700, 10, 10)


def test_a_one_shot_run_freezes_its_imports_and_keeps_the_thresholds_raised():
    made = Held()
    collector.for_a_run()
    assert gc.get_threshold() == collector.BULK
    assert not _tracked(made)


#: ``specls serve``, logging once ``initialized`` is handled (its indexing done) how many of
#: the workspace's class facts the collector still tracks, of how many, and its thresholds
#: then and when the process started.
SERVER = r"""
import gc
started = list(gc.get_threshold())
from specls.facts import ClassFacts
from specls.lsp import lifecycle

handled = lifecycle.initialized

async def initialized(ls, params):
    await handled(ls, params)
    held = sum(len(f.classes) for f in ls.engine.files.values())
    tracked = sum(isinstance(o, ClassFacts) for o in gc.get_objects())
    now = list(gc.get_threshold())
    ls.log(f"specls: collector {tracked} of {held} {now == started} {now}")

lifecycle.initialized = initialized
from specls.cli.main import main
main(["serve"])
"""


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-c", SERVER], client_factory=test_lsp.make_client
    )
)
async def client(lsp_client: LanguageClient):
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_the_servers_indexed_facts_are_out_of_the_collectors_scans(
    client: LanguageClient, tmp_path: Path
):
    store = "class Store{n}:\n    def __init__(self):\n        self.items = {{}}\n"
    files = {f"pkg/m{n}.py": store.format(n=n) for n in range(5)}
    await test_lsp.start(client, tmp_path, files)

    async def indexed() -> str:
        while True:
            for m in client.log_messages:
                if m.message.startswith("specls: collector"):
                    return m.message
            await asyncio.sleep(0.05)

    line = await asyncio.wait_for(indexed(), 30)
    counts = line.removeprefix("specls: collector ")
    assert counts.startswith("0 of 5 "), line  # all five frozen
    assert "5 True" in counts, line  # the thresholds set back to those it started with
