"""Work shared with a forked child (``specls.forked``), and the class rules of a first
check shared so (``Workspace.findings(parallel=True)``): the same findings, the same kept
class findings, whatever the child does."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from conftest import write_workspace
from specls import engine, forked
from specls.cache import Cache
from specls.config import load_settings
from specls.run import check_paths

needs_fork = pytest.mark.skipif(not forked.can_fork(), reason="no os.fork, or other threads")


def _wait_for(path: Path, seconds: float = 30.0) -> None:
    """Until a file is in ``path`` (a child's work has begun), at most ``seconds``."""
    end = time.monotonic() + seconds
    while not any(path.iterdir()) and time.monotonic() < end:
        time.sleep(0.01)


@needs_fork
def test_both_processes_take_chunks_and_the_results_come_in_order(tmp_path: Path) -> None:
    parent = os.getpid()

    def work(start: int, stop: int) -> tuple[list[int], int]:
        if os.getpid() != parent:
            (tmp_path / str(start)).touch()
        time.sleep(0.005)
        return [i * i for i in range(start, stop)], os.getpid()

    got = forked.shared(50, 3, work, first=lambda: _wait_for(tmp_path))
    assert [v for part, _ in got for v in part] == [i * i for i in range(50)]
    assert len(got) == 17  # (16 chunks of 3, the last of 2)
    pids = {pid for _, pid in got}
    assert parent in pids and len(pids) == 2  # (the child took some: a file says so)


@needs_fork
def test_first_runs_here_once(tmp_path: Path) -> None:
    ran: list[int] = []
    got = forked.shared(10, 2, lambda a, b: list(range(a, b)), first=lambda: ran.append(1))
    assert ran == [1]
    assert [v for part in got for v in part] == list(range(10))


@needs_fork
def test_a_child_that_dies_leaves_its_chunks_to_this_process(tmp_path: Path) -> None:
    parent = os.getpid()

    def work(start: int, stop: int) -> list[int]:
        if os.getpid() != parent:
            (tmp_path / "died").touch()
            os._exit(3)  # (as a crash would: nothing sent)
        return list(range(start, stop))

    got = forked.shared(40, 4, work, first=lambda: _wait_for(tmp_path))
    assert (tmp_path / "died").exists()
    assert [v for part in got for v in part] == list(range(40))


@needs_fork
def test_a_child_that_hangs_is_killed_and_its_chunks_are_done_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked, "MIN_WAIT", 0.3)
    monkeypatch.setattr(forked, "WAIT_FACTOR", 1.0)
    parent = os.getpid()

    def work(start: int, stop: int) -> list[int]:
        if os.getpid() != parent:
            (tmp_path / "hangs").touch()
            time.sleep(600)
        return list(range(start, stop))

    got = forked.shared(20, 5, work, first=lambda: _wait_for(tmp_path))
    assert [v for part in got for v in part] == list(range(20))


def test_with_another_thread_everything_is_done_here() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.can_fork()
        got = forked.shared(9, 2, lambda a, b: os.getpid())
        assert set(got) == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def test_nothing_to_share() -> None:
    ran: list[int] = []
    assert forked.shared(0, 4, lambda a, b: a, first=lambda: ran.append(1)) == []
    assert ran == [1]


# -- a first check's class rules on two processes ------------------------------------------

_MODELS = """
class Cart{n}:
    def __init__(self):
        self.items = []

    def add(self, key, value):
        self.items["k"] = value

    def total(self, order: "Order"):
        return order.total_cost
"""
_ORDER = """
class Order:
    def __init__(self):
        self.total = 0
"""


def _workspace(root: Path, classes: int) -> None:
    files = {f"shop/cart{n}.py": _MODELS.format(n=n) for n in range(classes)}
    files["shop/order.py"] = _ORDER
    files["shop/__init__.py"] = ""
    write_workspace(root, files)


def _rendered(findings: list) -> list[tuple]:
    return [(f.code, f.path, f.span.line, f.span.col, f.message) for f in findings]


@needs_fork
def test_a_first_check_on_two_processes_finds_what_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    _workspace(root, 12)
    marks = tmp_path / "marks"
    marks.mkdir()
    parent = os.getpid()
    checked = engine._check_class

    def noting(ctx, ref, rules, stored):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            (marks / ref.cls.name).touch()
        return checked(ctx, ref, rules, stored)

    monkeypatch.setattr(engine, "_check_class", noting)
    settings = load_settings(root)
    serial = check_paths([root], settings, Cache(tmp_path / "c1"), jobs=1)
    assert not list(marks.iterdir())  # (one process: no child)
    monkeypatch.setattr(engine, "PARALLEL_CLASSES", 2)
    monkeypatch.setattr(engine, "CLASS_CHUNK", 1)
    shared = check_paths([root], settings, Cache(tmp_path / "c2"), jobs=2)
    assert list(marks.iterdir())  # (the child checked some classes)
    assert {"R101", "R105"} <= {f.code for f in serial.findings}
    assert _rendered(shared.findings) == _rendered(serial.findings)
    assert not [n for n in shared.notes if "internal error" in n]
    # what the next check takes from the cache is the same too
    kept1 = Cache(tmp_path / "c1").get_classes(_build())
    kept2 = Cache(tmp_path / "c2").get_classes(_build())
    assert kept1 and kept1 == kept2


@needs_fork
def test_a_rule_that_fails_in_the_child_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    _workspace(root, 6)
    monkeypatch.setattr(engine, "PARALLEL_CLASSES", 2)
    monkeypatch.setattr(engine, "CLASS_CHUNK", 1)
    rules = engine.class_rules()

    def broken(ctx, ref):  # type: ignore[no-untyped-def]
        if ref.cls.name == "Cart3":
            raise RuntimeError("broken on purpose")
        return []

    monkeypatch.setattr(engine, "class_rules", lambda: [*rules, broken])
    result = check_paths([root], load_settings(root), Cache(tmp_path / "c"), jobs=2)
    errors = [n for n in result.notes if "internal error" in n]
    assert len(errors) == 1 and "Cart3" in errors[0] and "broken on purpose" in errors[0]
    assert "R101" in {f.code for f in result.findings}  # (the other rules still report)


def _build() -> str:
    from specls.cache import build_id

    return build_id()
