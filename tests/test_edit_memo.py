"""What the checks after an edit found, kept by everything they depend on
(``specls.run.check_edited`` with a cache): an edit that leaves every file and the spec as
a recent check found them is answered from the cache, and any other change (a base class in
another file, a deleted file, the spec, the files edited, the settings) is checked again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from specls import records, run
from specls.cache import EDITS_KEPT, Cache
from specls.config import load_settings
from specls.run import check_edited

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"
BIG = """from shop.cart import Cart


class BigCart(Cart):
    def first(self):
        return self.lines[0]
"""


@pytest.fixture(autouse=True)
def private_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECLS_KEY_FILE", str(tmp_path_factory.mktemp("key") / "key"))


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """The example shop, with a subclass of its cart in another file."""
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".specls_cache"))
    (root / "shop" / "big.py").write_text(BIG)
    return root


class Hook:
    """Checks after an edit with one cache, each against a check without it."""

    def __init__(self, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.work = work
        self.loads = 0
        real = run.load_workspace

        def counting(*args, **kwargs):
            self.loads += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(run, "load_workspace", counting)

    def check(self, *edited: str, answered: bool, select: list[str] | None = None) -> list:
        """The findings after an edit of ``edited``; ``answered``: from the kept ones."""
        settings = load_settings(self.work)
        if select is not None:
            settings = records.replace(settings, select=select)
        paths = [self.work / e for e in edited]
        self.loads = 0
        cache = Cache(self.work / ".specls_cache", workspace=self.work)
        try:
            got = check_edited(paths, settings, cache)
        finally:
            cache.close()
        assert (got.workspace is None) == answered
        assert self.loads == (0 if answered else 1)
        fresh = check_edited(paths, settings, None)
        assert got.findings == fresh.findings
        assert got.files == fresh.files
        return got.findings


def test_an_edit_undone_is_answered_from_the_cache(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = Hook(work, monkeypatch)
    first = hook.check("shop/cart.py", answered=False)
    assert any(f.code == "R102" for f in first)
    assert hook.check("shop/cart.py", answered=True) == first
    cart = work / "shop" / "cart.py"
    text = cart.read_text()
    cart.write_text(text.replace("return self.lines.get(sku, 0)", "return 0"))
    assert not any(f.code == "R102" for f in hook.check("shop/cart.py", answered=False))
    cart.write_text(text)  # (undone: as the first check found it)
    assert hook.check("shop/cart.py", answered=True) == first


def test_a_base_class_changed_in_another_file_is_checked_again(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = Hook(work, monkeypatch)
    first = hook.check("shop/big.py", answered=False)
    cart = work / "shop" / "cart.py"
    text = cart.read_text()
    cart.write_text(text.replace("self.lines = []", "self.lines = {}"))
    hook.check("shop/big.py", answered=False)
    cart.write_text(text)
    assert hook.check("shop/big.py", answered=True) == first


def test_a_deleted_or_new_file_is_checked_again(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = Hook(work, monkeypatch)
    first = hook.check("shop/big.py", answered=False)
    cart = work / "shop" / "cart.py"
    text = cart.read_text()
    cart.unlink()
    hook.check("shop/big.py", answered=False)
    (work / "shop" / "more.py").write_text("class Cart:\n    pass\n")
    hook.check("shop/big.py", answered=False)
    (work / "shop" / "more.py").unlink()
    hook.check("shop/big.py", answered=True)  # (as after the deletion)
    cart.write_text(text)
    assert hook.check("shop/big.py", answered=True) == first


def test_a_changed_spec_other_files_edited_or_other_settings_are_checked_again(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = Hook(work, monkeypatch)
    first = hook.check("shop/cart.py", answered=False)
    spec = work / "spec.toml"
    text = spec.read_text()
    spec.write_text(text.replace('type = "list[tuple[str, int]]"', 'type = "dict[str, int]"'))
    assert hook.check("shop/cart.py", answered=False) != first
    spec.write_text(text)
    hook.check("shop/cart.py", answered=True)
    hook.check("shop/big.py", answered=False)
    hook.check("shop/big.py", "shop/cart.py", answered=False)
    hook.check("shop/cart.py", answered=False, select=["R1"])
    hook.check("shop/cart.py", answered=True, select=["R1"])
    for select in (["D"], ["ALL"]):  # (D101 reads git's history: never kept)
        hook.check("shop/cart.py", answered=False, select=select)
        hook.check("shop/cart.py", answered=False, select=select)


def test_only_the_latest_checks_are_kept(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hook = Hook(work, monkeypatch)
    hook.check("shop/cart.py", answered=False)
    cart = work / "shop" / "cart.py"
    text = cart.read_text()
    for i in range(EDITS_KEPT):
        cart.write_text(f"{text}\n# edit {i}\n")
        hook.check("shop/cart.py", answered=False)
    cart.write_text(text)
    hook.check("shop/cart.py", answered=False)  # (pushed out by the eight after it)
    cart.write_text(f"{text}\n# edit {EDITS_KEPT - 1}\n")
    hook.check("shop/cart.py", answered=True)
