"""The facts of a file just edited, extracted by a forked child while the hook's check reads
the rest of the workspace (``specls.run._Early``): taken when the file still has the
content the child read, stored in the cache as the check's own, and never in place of the
file's facts when it changed meanwhile or the child failed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import specls.extract
from specls import run, workers
from specls.cache import Cache
from specls.config import load_settings
from specls.run import _Early, check_edited, check_paths

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")


@pytest.fixture(autouse=True)
def private_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECLS_KEY_FILE", str(tmp_path_factory.mktemp("key") / "key"))


@pytest.fixture(autouse=True)
def free_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CPU free for the child, however busy the machine running the tests is."""
    monkeypatch.setattr(workers, "choose_jobs", lambda: workers.Choice(2, "2 (a test)"))


@pytest.fixture
def work(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".specls_cache"))
    cache = Cache(root / ".specls_cache", workspace=root)
    try:
        check_paths([root], load_settings(root), cache, 1)
    finally:
        cache.close()
    return root


class Spy:
    """What the cache was handed by the children, and what the check extracted itself."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.arrived: list[str] = []
        self.extracted: list[str] = []
        real_arrived, real_here = Cache._arrived, run._extract_here

        def arrived(cache: Cache, path: str, digest: str, module: str):
            facts = real_arrived(cache, path, digest, module)
            if facts is not None:
                self.arrived.append(path)
            return facts

        def here(items, *args, **kwargs):
            self.extracted.extend(path for path, _, _ in items)
            return real_here(items, *args, **kwargs)

        monkeypatch.setattr(Cache, "_arrived", arrived)
        monkeypatch.setattr(run, "_extract_here", here)


def edited_check(work: Path, *files: str, spy: Spy | None = None) -> list:
    """The hook's check with the cache, against one without (which ``spy`` does not see)."""
    settings = load_settings(work)
    paths = [work / f for f in files]
    cache = Cache(work / ".specls_cache", workspace=work)
    try:
        found = check_edited(paths, settings, cache).findings
    finally:
        cache.close()
    seen = (list(spy.arrived), list(spy.extracted)) if spy is not None else None
    assert found == check_edited(paths, settings, None).findings
    if spy is not None and seen is not None:
        spy.arrived, spy.extracted = seen
    return found


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_childs_facts_are_taken_and_kept(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cart = work / "shop" / "cart.py"
    cart.write_text(cart.read_text().replace("return self.lines.get(sku, 0)", "return 0"))
    spy = Spy(monkeypatch)
    edited_check(work, "shop/cart.py", spy=spy)
    assert spy.arrived == [str(cart.resolve())] and spy.extracted == []
    assert no_children_left()
    settings = load_settings(work)
    digest = run.content_digest(cart.read_bytes())
    cache = Cache(work / ".specls_cache", workspace=work)
    try:  # (stored: found by a check without the child)
        assert cache.get_facts(str(cart.resolve()), digest, "shop.cart") is not None
        assert (
            check_paths([work], settings, cache, 1).findings
            == check_paths([work], settings, None, 1).findings
        )
    finally:
        cache.close()


def test_a_file_changed_after_the_child_read_it_is_extracted_again(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cart = work / "shop" / "cart.py"
    text = cart.read_text()
    cart.write_text(text.replace("return self.lines.get(sku, 0)", "return 0"))
    real = _Early.start

    def start(self: _Early, paths, settings, cache) -> None:
        real(self, paths, settings, cache)
        cart.write_text(text + "\n# changed again\n")  # (after the child read it)

    monkeypatch.setattr(_Early, "start", start)
    spy = Spy(monkeypatch)
    found = edited_check(work, "shop/cart.py", spy=spy)
    assert any(f.code == "R102" for f in found)
    assert spy.arrived == [] and spy.extracted == [str(cart.resolve())]
    assert no_children_left()


def test_a_child_that_fails_leaves_the_file_to_the_check(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cart = work / "shop" / "cart.py"
    cart.write_text(cart.read_text() + "\n# edited\n")

    def broken(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("broken in the child")
        return real(*args, **kwargs)

    parent, real = os.getpid(), specls.extract.extract
    monkeypatch.setattr(specls.extract, "extract", broken)
    spy = Spy(monkeypatch)
    assert any(f.code == "R102" for f in edited_check(work, "shop/cart.py", spy=spy))
    assert spy.arrived == [] and spy.extracted == [str(cart.resolve())]
    assert no_children_left()


def test_no_child_for_facts_the_cache_holds(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hook after an edit that left the file as the last check read it."""
    spy = Spy(monkeypatch)
    forks: list[str] = []
    real = _Early._fork

    def fork(self: _Early, key: str, *args):
        forks.append(key)
        return real(self, key, *args)

    monkeypatch.setattr(_Early, "_fork", fork)
    edited_check(work, "shop/cart.py", spy=spy)
    assert forks == [] and spy.arrived == [] and spy.extracted == []


def test_a_child_whose_facts_are_not_taken_is_stopped(work: Path) -> None:
    cart = work / "shop" / "cart.py"
    cart.write_text(cart.read_text() + "\n# edited\n")
    early = _Early()
    cache = Cache(work / ".specls_cache", workspace=work)
    try:
        early.start([cart], load_settings(work), cache)
        assert len(early._children) == 1
    finally:
        early.close()
        cache.close()
    assert early._children == [] and no_children_left()


def test_no_child_when_no_cpu_is_free(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a machine busy with other jobs the child slowed the check more than it saved."""
    monkeypatch.setattr(workers, "choose_jobs", lambda: workers.Choice(1, "1 (a test)"))
    cart = work / "shop" / "cart.py"
    cart.write_text(cart.read_text() + "\n# edited\n")
    forks: list[str] = []
    monkeypatch.setattr(_Early, "_fork", lambda self, key, *args: forks.append(key))
    spy = Spy(monkeypatch)
    edited_check(work, "shop/cart.py", spy=spy)
    # (extracted here when the check looks its facts up, with its statements kept)
    assert forks == [] and spy.arrived == [str(cart.resolve())] and spy.extracted == []
