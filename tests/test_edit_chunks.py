"""The facts of a file's top-level statements kept after an edit (``Cache.put_chunks``), so
that the hook's next extraction of the file re-reads only the statements the edit touched
(``specls.run._Early``), and the quick shift of the facts of statements that moved
(``specls.facts.shifted``): every check equals one without the cache, whatever changed
besides (a base class in another file, a deleted file, the spec), and a kept entry is
believed only when this user's key vouches for it."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from specls import run, workers
from specls.cache import CHUNKS_KEPT, Cache
from specls.config import load_settings
from specls.extract import ChunkCache, extract
from specls.facts import open_classes, shift_lines, shifted
from specls.run import check_edited, check_paths

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"
BIG = """from shop.cart import Cart


class BigCart(Cart):
    def first(self):
        return self.lines[0]

    def count(self, sku):
        return self.lines.get(sku, 0)
"""


@pytest.fixture(autouse=True)
def private_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECLS_KEY_FILE", str(tmp_path_factory.mktemp("key") / "key"))


@pytest.fixture(autouse=True, params=[1, 2], ids=["here", "child"])
def cpus(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """No CPU free (the file extracted here) or one (by a child), whatever the machine's load."""
    if request.param == 2 and not hasattr(os, "fork"):
        pytest.skip("no os.fork here")
    jobs = request.param
    monkeypatch.setattr(workers, "choose_jobs", lambda: workers.Choice(jobs, "(a test)"))
    return jobs


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """The example shop with a subclass of its cart in another file, checked once."""
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".specls_cache"))
    (root / "shop" / "big.py").write_text(BIG)
    cache = Cache(root / ".specls_cache", workspace=root)
    try:
        check_paths([root], load_settings(root), cache, 1)
    finally:
        cache.close()
    return root


class Hook:
    """Checks after an edit with one cache, each against a check without it, and whether
    the edited file's extraction had its statements' facts from the last edit."""

    def __init__(self, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.work = work
        self.given: list[bool] = []  # per extraction of an edited file: chunks given
        real, real_fork, parent = run._extract_chunked, run._Early._fork, os.getpid()

        def spy(data: bytes, key: str, module: str, chunks: tuple | None):
            if os.getpid() == parent:  # (a child's are told by ``fork``)
                self.given.append(chunks is not None)
            return real(data, key, module, chunks)

        def fork(early: run._Early, key: str, data: bytes, module: str, chunks: tuple | None):
            self.given.append(chunks is not None)
            return real_fork(early, key, data, module, chunks)

        monkeypatch.setattr(run, "_extract_chunked", spy)
        monkeypatch.setattr(run._Early, "_fork", fork)

    def check(self, edited: str) -> list:
        settings = load_settings(self.work)
        paths = [self.work / edited]
        cache = Cache(self.work / ".specls_cache", workspace=self.work)
        try:
            got = check_edited(paths, settings, cache)
        finally:
            cache.close()
        fresh = check_edited(paths, settings, None)
        assert got.findings == fresh.findings
        assert got.files == fresh.files
        return got.findings

    def kept(self, edited: str) -> tuple | None:
        cache = Cache(self.work / ".specls_cache", workspace=self.work)
        try:
            return cache.get_chunks(str((self.work / edited).resolve()))
        finally:
            cache.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_an_edited_files_statements_are_kept_and_used(
    work: Path, monkeypatch: pytest.MonkeyPatch, cpus: int
) -> None:
    hook = Hook(work, monkeypatch)
    cart = work / "shop" / "cart.py"
    cart.write_text(cart.read_text() + "\n# edited\n")
    hook.check("shop/cart.py")
    assert hook.given == [False] and hook.kept("shop/cart.py") is not None
    # lines added above the class (its facts moved), then a method changed, then undone
    edit(cart, '"""A cart.', '"""A cart.\n\nTAX = 0.2\n\n\n')
    hook.check("shop/cart.py")
    edit(cart, "return self.lines.get(sku, 0)", "return 0")
    assert not any(f.code == "R102" for f in hook.check("shop/cart.py"))
    edit(cart, "return 0", "return self.lines.get(sku, 0)")
    assert any(f.code == "R102" for f in hook.check("shop/cart.py"))
    # (the edit undone is answered by the check kept: a child is started all the same)
    assert hook.given == [False, True, True, True][: 3 if cpus == 1 else 4]


def test_a_check_after_a_change_keeps_and_uses_the_changed_files_statements(
    work: Path, monkeypatch: pytest.MonkeyPatch, cpus: int
) -> None:
    """``specls check`` after a few files changed extracts each as the hook does: with the
    facts of its statements from its last extraction, and keeps this one's; past
    :data:`specls.run.CHUNKED_FILES` changed files, as a cold check does."""
    if cpus == 2:
        pytest.skip("(one process is enough)")
    hook = Hook(work, monkeypatch)
    settings = load_settings(work)
    cart = work / "shop" / "cart.py"

    def check() -> list:
        cache = Cache(work / ".specls_cache", workspace=work)
        try:
            got = check_paths([work], settings, cache, 1)
        finally:
            cache.close()
        assert got.findings == check_paths([work], settings, None, 1).findings
        return got.findings

    cart.write_text(cart.read_text() + "\n# edited\n")
    check()
    assert hook.given == [False] and hook.kept("shop/cart.py") is not None
    edit(cart, '"""A cart.', '"""A cart.\n\nTAX = 0.2\n\n\n')  # (its class moved)
    check()
    edit(cart, "return self.lines.get(sku, 0)", "return 0")
    assert not any(f.code == "R102" for f in check())
    edit(cart, "return 0", "return self.lines.get(sku, 0)")
    assert any(f.code == "R102" for f in check())
    assert hook.given == [False, True, True, True]
    many = sorted((work / "shop").glob("*.py"))
    assert len(many) > run.CHUNKED_FILES
    for path in many:
        path.write_text(path.read_text() + "# all\n")
    check()
    assert hook.given == [False, True, True, True]


def test_a_base_class_changed_in_another_file_is_seen(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = Hook(work, monkeypatch)
    big, cart = work / "shop" / "big.py", work / "shop" / "cart.py"
    big.write_text(big.read_text() + "\n# edited\n")
    hook.check("shop/big.py")
    edit(cart, "self.lines = []", "self.lines = {}")  # (not the file edited)
    big.write_text(big.read_text() + "# again\n")
    hook.check("shop/big.py")  # (as a check without the cache finds)
    assert hook.given == [False, True]


def test_a_deleted_file_is_seen(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hook = Hook(work, monkeypatch)
    big = work / "shop" / "big.py"
    big.write_text(big.read_text() + "\n# edited\n")
    hook.check("shop/big.py")
    (work / "shop" / "cart.py").unlink()  # (its base class)
    big.write_text(big.read_text() + "# again\n")
    hook.check("shop/big.py")  # (as a check without the cache finds)
    assert hook.given == [False, True]


def test_a_changed_spec_is_seen(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hook = Hook(work, monkeypatch)
    cart = work / "shop" / "cart.py"
    cart.write_text(cart.read_text() + "\n# edited\n")
    before = hook.check("shop/cart.py")
    edit(work / "spec.toml", 'type = "list[tuple[str, int]]"', 'type = "dict[str, int]"')
    cart.write_text(cart.read_text() + "# again\n")
    after = hook.check("shop/cart.py")
    assert hook.given == [False, True] and before != after


def test_kept_statements_another_key_made_are_not_believed(
    work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = Hook(work, monkeypatch)
    cart = work / "shop" / "cart.py"
    cart.write_text(cart.read_text() + "\n# edited\n")
    hook.check("shop/cart.py")
    monkeypatch.setenv("SPECLS_KEY_FILE", str(tmp_path / "another key"))
    cart.write_text(cart.read_text() + "# again\n")
    hook.check("shop/cart.py")
    assert hook.given == [False, False]


class Plant:
    """Unpickled, it creates ``marker``: what a planted pickle could do, harmlessly."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (Path.touch, (Path(self.marker),))


def test_forged_kept_statements_are_never_unpickled(work: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    cache = Cache(work / ".specls_cache", workspace=work)
    try:
        cache.put_chunks("a.py", pickle.dumps(()))
        key = cache._chunks_key("a.py")
    finally:
        cache.close()
    with closing(sqlite3.connect(work / ".specls_cache" / "cache.sqlite3")) as db, db:
        db.execute("UPDATE chunks SET data = ? WHERE key = ?", (pickle.dumps(Plant(marker)), key))
    cache = Cache(work / ".specls_cache", workspace=work)
    try:
        assert cache.get_chunks("a.py") is None
        assert cache.db.execute("SELECT COUNT(*) FROM facts").fetchone()[0] == 0  # distrusted
    finally:
        cache.close()
    assert not marker.exists()


def test_kept_statements_are_of_this_build_and_few(work: Path) -> None:
    cache = Cache(work / ".specls_cache", workspace=work)
    try:
        for i in range(CHUNKS_KEPT + 4):
            cache.put_chunks(f"f{i}.py", pickle.dumps(({}, {}, frozenset())))
        assert cache.get_chunks("f0.py") is None  # (the oldest went)
        assert cache.get_chunks(f"f{CHUNKS_KEPT + 3}.py") == ({}, {}, frozenset())
        assert cache.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0] == CHUNKS_KEPT
        cache.build = "another build"
        assert cache.get_chunks(f"f{CHUNKS_KEPT + 3}.py") is None
    finally:
        cache.close()


SOURCE = '''"""A module."""
import os
from dataclasses import dataclass

LIMIT = 3


def make(n: int = 0) -> list[int]:
    """Returns:
        list: the items."""
    if n < 0:
        raise ValueError("n")
    return [n]


@dataclass
class Point:
    x: int
    y: int = 0

    def moved(self, dx: int, *, dy: int = 0) -> "Point":
        """Raises:
            ValueError: never."""
        return Point(self.x + dx, self.y + dy)


class Box(Point):  # spec: box-items
    def __init__(self, items=None):
        self.items = items or []  # spec: ignore[R101]
        self.made = make()
        self.count = 0

    def add(self, item):
        self.items.append((item, 1))
        self.count += 1
        if not self.items:
            raise KeyError(item)
        return self.items[-1][0]

    def total(self, other):
        return other.count + len(self.items)
'''


@pytest.mark.parametrize("delta", [1, 7, -2])
def test_shifted_facts_are_those_shift_lines_makes(delta: int, cpus: int) -> None:
    if cpus != 1:
        pytest.skip("(one process is enough)")
    chunks = ChunkCache()
    extract(SOURCE.encode(), "m.py", "m", None, chunks)
    parts = [part for _, part, _ in chunks.parts.values()]
    assert sum(len(p.classes) for p in parts) == 2
    for part in parts:
        for loaded in (part, pickle.loads(pickle.dumps(part, protocol=5))):  # (bodies pickled)
            assert _whole(shifted(loaded, delta)) == _whole(shift_lines(_whole(part), delta))


def _whole(facts):
    """The facts with every body loaded (bodies still pickled compare as unread)."""
    facts = pickle.loads(pickle.dumps(facts, protocol=5))
    open_classes(facts)
    _ = facts.function_facts
    return facts


def test_facts_from_kept_statements_are_those_of_an_extraction(cpus: int) -> None:
    """Every edit of every line of a file (a line added there, or removed), extracted with
    the statements of the content before (pickled, as kept), equals a fresh extraction."""
    if cpus != 1:
        pytest.skip("(one process is enough)")
    lines = SOURCE.splitlines(keepends=True)
    for i in range(len(lines) + 1):
        for edited in ([*lines[:i], "# new\n", *lines[i:]], lines[:i] + lines[i + 1 :]):
            chunks = ChunkCache()
            extract(SOURCE.encode(), "m.py", "m", None, chunks)
            kept = pickle.loads(pickle.dumps((chunks.names, chunks.parts, chunks.shadowed)))
            chunks.names, chunks.parts, chunks.shadowed = kept
            data = "".join(edited).encode()
            assert _whole(extract(data, "m.py", "m", None, chunks)) == _whole(
                extract(data, "m.py", "m")
            )


def test_a_renamed_file_is_seen(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The base class's file renamed twice (its module with it), then edited under its new
    name: the walk's kept listings, the files' order and the kept statements follow it."""
    hook = Hook(work, monkeypatch)
    big, cart = work / "shop" / "big.py", work / "shop" / "cart.py"
    big.write_text(big.read_text() + "\n# edited\n")
    hook.check("shop/big.py")
    cart.rename(work / "shop" / "basket.py")  # (big.py's import no longer finds it)
    big.write_text(big.read_text() + "# again\n")
    hook.check("shop/big.py")
    edit(big, "from shop.cart import Cart", "from shop.basket import Cart")
    hook.check("shop/big.py")
    (work / "shop" / "basket.py").rename(work / "shop" / "a_cart.py")  # (sorted first now)
    edit(big, "from shop.basket import Cart", "from shop.a_cart import Cart")
    hook.check("shop/big.py")
    moved = work / "shop" / "a_cart.py"
    moved.write_text(moved.read_text() + "# edited\n")
    found = hook.check("shop/a_cart.py")  # (no longer the decided ``shop.cart.Cart``)
    assert {f.code for f in found} == {"N102", "R101"}
    assert {f.path for f in found} == {str(moved.resolve())}
    assert hook.given == [False, True, True, True, False]


SETS_BY_NAME = """def configure(state, settings):
    for key, value in settings.items():
        setattr(state, key, value)


configure(STATE, {"colour": 1, "size": 2})


def later():
    configure(STATE, settings={"depth": 3})
"""


def test_the_keys_a_file_passes_are_kept_by_statement(
    cpus: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a file that sets attributes by computed names, the str keys of the dicts it passes
    to calls are names set from outside (``foreign_stores``): after an edit, those of the
    statements left alone come from the editor's ``ChunkCache``, and the facts equal a fresh
    extraction's whichever statement changed."""
    if cpus != 1:
        pytest.skip("(one process is enough)")
    from specls.extract import module

    queried: list[bytes] = []
    real = module._dict_keys

    def counted(statement: object) -> frozenset[str]:
        queried.append(statement.text)  # type: ignore[attr-defined]
        return real(statement)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "_dict_keys", counted)
    chunks = ChunkCache()
    first = extract(SETS_BY_NAME.encode(), "m.py", "m", None, chunks)
    assert first.foreign_stores >= {"colour", "size", "depth"}
    assert len(queried) == 3
    for edited in (
        SETS_BY_NAME.replace('"size"', '"width"'),
        SETS_BY_NAME.replace('"depth": 3', '"depth": 4, "mode": 5'),
        SETS_BY_NAME + '\nconfigure(STATE, {"extra": 6})\n',
        SETS_BY_NAME.replace('configure(STATE, {"colour": 1, "size": 2})\n', ""),
    ):
        queried.clear()
        data = edited.encode()
        facts = extract(data, "m.py", "m", None, chunks)
        assert len(queried) <= 1  # (the statement changed, if it passes a dict)
        assert _whole(facts) == _whole(extract(data, "m.py", "m"))
        extract(SETS_BY_NAME.encode(), "m.py", "m", None, chunks)  # (back, for the next)
    assert (
        "width"
        in extract(SETS_BY_NAME.replace('"size"', '"width"').encode(), "m.py", "m").foreign_stores
    )
