"""Directory listings kept from one walk to the next (``specls.discovery.Listings``): a
directory is listed again whenever its stamp changed, so what a walk finds with them is
what a walk without them finds, and the checks that take them find the same."""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path

import pytest

from specls import discovery
from specls.cache import Cache
from specls.config import load_settings
from specls.discovery import Listings, discover
from specls.run import check_edited, check_paths


@pytest.fixture(autouse=True)
def private_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECLS_KEY_FILE", str(tmp_path_factory.mktemp("key") / "key"))


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every directory counts as settled (its listing is kept however recent its times)."""
    monkeypatch.setattr(discovery, "SETTLED_NS", -(10**12))


def tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def tick() -> None:
    """Past the file system clock's tick (times are coarse: a change in the same tick as a
    listing would leave its directory's times as they were)."""
    time.sleep(0.03)


class Walks:
    """Walks of one tree, each with the listings the last one kept."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.known: dict = {}
        self.made = 0

    def files(self, exclude: list[str] | None = None) -> list[str]:
        listings = Listings(self.known)
        found, errors = discover([self.root], self.root, exclude or [], listings)
        fresh, _ = discover([self.root], self.root, exclude or [])
        assert found == fresh and not errors
        self.known = listings.kept() or self.known
        self.made = listings.made
        tick()
        return [p.relative_to(self.root.resolve()).as_posix() for p in found]


def test_an_unchanged_tree_is_not_listed_again(tmp_path: Path, settled: None) -> None:
    tree(tmp_path, {"a/b.py": "", "a/c/d.py": "", "e.py": "", "f/g.txt": ""})
    walks = Walks(tmp_path)
    assert walks.files() == ["a/b.py", "a/c/d.py", "e.py"]
    assert walks.made == 4
    assert walks.files() == ["a/b.py", "a/c/d.py", "e.py"]
    assert walks.made == 0


def test_added_removed_and_renamed_entries_are_seen(tmp_path: Path, settled: None) -> None:
    tree(tmp_path, {"a/b.py": "", "a/c/d.py": "", "e.py": ""})
    walks = Walks(tmp_path)
    walks.files()
    tick()
    (tmp_path / "a" / "new.py").write_text("")
    assert walks.files() == ["a/b.py", "a/c/d.py", "a/new.py", "e.py"]
    assert walks.made == 1
    (tmp_path / "a" / "c" / "d.py").unlink()
    assert walks.files() == ["a/b.py", "a/new.py", "e.py"]
    (tmp_path / "a" / "b.py").rename(tmp_path / "a" / "z.py")
    assert walks.files() == ["a/new.py", "a/z.py", "e.py"]
    tree(tmp_path, {"a/c/x/y/deep.py": ""})
    assert walks.files() == ["a/c/x/y/deep.py", "a/new.py", "a/z.py", "e.py"]
    (tmp_path / "a" / "c" / "x" / "y" / "deep.py").rename(tmp_path / "a" / "c" / "deep.py")
    assert walks.files() == ["a/c/deep.py", "a/new.py", "a/z.py", "e.py"]
    (tmp_path / "e.py").unlink()
    (tmp_path / "e.py").mkdir()  # (a file become a directory)
    (tmp_path / "e.py" / "f.py").write_text("")
    assert walks.files() == ["a/c/deep.py", "a/new.py", "a/z.py", "e.py/f.py"]


def test_a_changed_gitignore_or_exclude_applies_to_kept_listings(
    tmp_path: Path, settled: None
) -> None:
    """A ``.gitignore`` rewritten in place leaves its directory's times as they were: the
    patterns are read again by every walk and applied to the kept names."""
    tree(tmp_path, {".gitignore": "gen/\n", "gen/a.py": "", "pkg/b.py": "", "pkg/c.py": ""})
    walks = Walks(tmp_path)
    assert walks.files() == ["pkg/b.py", "pkg/c.py"]
    stamp = os.stat(tmp_path).st_mtime_ns
    (tmp_path / ".gitignore").write_text("c.py\n")
    assert os.stat(tmp_path).st_mtime_ns == stamp
    assert walks.files() == ["gen/a.py", "pkg/b.py"]
    assert walks.made == 1  # (gen/, never listed before)
    assert walks.files(exclude=["pkg/"]) == ["gen/a.py"]
    (tmp_path / ".gitignore").unlink()
    assert walks.files() == ["gen/a.py", "pkg/b.py", "pkg/c.py"]


def test_directories_holding_links_or_recently_changed_are_listed_each_time(
    tmp_path: Path,
) -> None:
    tree(tmp_path, {"a/b.py": "", "target/t.py": "", "files/f.py": ""})
    (tmp_path / "a" / "link.py").symlink_to(tmp_path / "files" / "f.py")
    walks = Walks(tmp_path)
    assert walks.files() == ["a/b.py", "a/link.py", "files/f.py", "target/t.py"]
    assert walks.known == {}  # (every directory changed within the last 2 s)
    discovery_settled = discovery.SETTLED_NS
    try:
        discovery.SETTLED_NS = -(10**12)
        walks.files()
        assert str(tmp_path.resolve() / "a") not in walks.known  # (it holds a link)
        assert walks.files() == ["a/b.py", "a/link.py", "files/f.py", "target/t.py"]
        assert walks.made == 1
        (tmp_path / "files" / "f.py").unlink()
        (tmp_path / "files" / "f.py").mkdir()  # (the link's target, now a directory)
        assert walks.files() == ["a/b.py", "target/t.py"]
    finally:
        discovery.SETTLED_NS = discovery_settled


def test_the_cache_keeps_listings_a_walk_of_a_subdirectory_keeps_the_rest(
    tmp_path: Path, settled: None
) -> None:
    root = tree(tmp_path / "ws", {"a/b.py": "", "c/d.py": ""})
    cache = Cache(tmp_path / "cache", workspace=root)
    try:
        listings = Listings(cache.get_listings())
        discover([root], root, [], listings)
        cache.put_listings(listings.kept())
        kept = cache.get_listings()
        assert set(kept) == {str(root.resolve()), *(str(root.resolve() / d) for d in "ac")}
        listings = Listings(kept)
        discover([root / "a"], root, [], listings)
        assert listings.made == 0 and listings.kept() is None
    finally:
        cache.close()


BASE = "class Animal:\n    def __init__(self):\n        self.tags = []\n"
SUB = (
    "from zoo.base import Animal\n\n\nclass Dog(Animal):\n"
    "    def add(self, tag):\n        self.tags[tag] = 1\n"
)


def test_checks_with_kept_listings_find_what_fresh_ones_do(tmp_path: Path, settled: None) -> None:
    """A new file with a subclass in a new directory, a deleted base class, a file restored:
    ``specls check`` and the hook's check, with the cache, against both without it."""
    work = tree(tmp_path / "ws", {"zoo/__init__.py": "", "zoo/base.py": BASE, "zoo/x.py": ""})
    cache_dir = tmp_path / "cache"
    settings = load_settings(work)

    def same(edited: str) -> None:
        tick()
        for _ in range(2):
            cache = Cache(cache_dir, workspace=work)
            try:
                hooked = check_edited([work / edited], settings, cache).findings
                checked = check_paths([work], settings, cache, 1).findings
            finally:
                cache.close()
            assert hooked == check_edited([work / edited], settings, None).findings
            assert checked == check_paths([work], settings, None, 1).findings

    same("zoo/base.py")
    tree(work, {"zoo/dogs/__init__.py": "", "zoo/dogs/dog.py": SUB})
    same("zoo/dogs/dog.py")
    base = work / "zoo" / "base.py"
    base.unlink()
    same("zoo/dogs/dog.py")
    base.write_text(BASE.replace("[]", "{}"))
    same("zoo/base.py")
    (work / "zoo" / "dogs" / "dog.py").unlink()
    same("zoo/base.py")


def test_a_forged_listing_is_never_loaded(tmp_path: Path, settled: None) -> None:
    """A row whose MAC fails (planted, or made by another user's key) is not unmarshalled:
    the cache is distrusted and the walk lists every directory."""
    root = tree(tmp_path / "ws", {"a/b.py": ""})
    cache = Cache(tmp_path / "cache", workspace=root)
    try:
        listings = Listings(cache.get_listings())
        discover([root], root, [], listings)
        cache.put_listings(listings.kept())
        assert cache.db is not None
        forged = {str(root.resolve() / "a"): ((0, 0, 0, 0), (), ("evil.py",), False, False)}
        cache.db.execute("UPDATE listings SET data = ?", (marshal.dumps(forged),))
        assert cache.get_listings() == {}
        listings = Listings(cache.get_listings())
        assert discover([root], root, [], listings)[0] == [root.resolve() / "a" / "b.py"]
        assert listings.made == 2
    finally:
        cache.close()
