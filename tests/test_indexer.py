"""The language server's indexing thread (:class:`specls.lsp.indexing.Indexer`), without
the server: the files read as the walk finds them, and an open document's bases read first
even when the walk finds their file late (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_workspace
from specls.discovery import iter_rooted, module_name
from specls.lsp.indexing import Indexer, Message

FILLER = """
class Part{n}:
    def __init__(self):
        self.items = {{}}

    def add(self, sku, qty):
        self.items[sku] = qty
"""

FILES = {f"parts/p{n // 50}/m{n}.py": FILLER.format(n=n) for n in range(300)}
FILES["zz/shop/__init__.py"] = ""
FILES["zz/shop/base.py"] = "class Base:\n    pass\n"
FILES["zz/shop/child.py"] = "from zz.shop.base import Base\n\n\nclass Child(Base):\n    pass\n"


def run(root: Path, cache: Path | None, wanted: set[str] = frozenset()) -> list[Message]:
    """One indexing of ``root``, its messages in order."""
    messages: list[Message] = []
    indexer = Indexer(root, [], cache, 1, messages.append)
    indexer.want(set(wanted))
    indexer.start()
    indexer.thread.join(120)
    assert not indexer.thread.is_alive()
    return messages


def _files(messages: list[Message]) -> list[str]:
    return [f.path for kind, payload in messages if kind == "facts" for f in payload[0]]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write_workspace(tmp_path / "ws", FILES)
    return tmp_path / "ws"


def test_every_file_once_and_the_count_once_the_walk_has_ended(tree: Path, tmp_path: Path):
    messages = run(tree, tmp_path / "cache")
    kinds = [kind for kind, _ in messages]
    assert kinds[0] == "begin" and kinds[-1] == "end"
    assert kinds.count("total") == 1
    assert messages[kinds.index("total")][1] == len(FILES)
    found = _files(messages)
    assert sorted(found) == sorted(str(tree / rel) for rel in FILES)


def test_facts_from_the_cache_come_while_the_walk_goes_on(tree: Path, tmp_path: Path):
    run(tree, tmp_path / "cache")  # (fills it)
    messages = run(tree, tmp_path / "cache")
    kinds = [kind for kind, _ in messages]
    total = kinds.index("total")
    before = [f for kind, payload in messages[:total] if kind == "facts" for f in payload[0]]
    assert len(before) >= 64  # (a chunk of files known by their stamps, looked up at once)
    assert sorted(_files(messages)) == sorted(str(tree / rel) for rel in FILES)


@pytest.mark.parametrize("cached", [False, True])
def test_a_wanted_base_is_read_first_though_the_walk_finds_it_last(
    tree: Path, tmp_path: Path, cached: bool
):
    if cached:
        run(tree, tmp_path / "cache")
    # the file the walk finds last (the order is the file system's), wanted before the walk
    # has found any: looked up again once it has found them all
    last = [key for key, _ in iter_rooted([tree], tree, [], [])][-1]
    module = module_name(last, tree)
    cls = next(line for line in Path(last).read_text().splitlines() if line.startswith("class "))
    name = cls.removeprefix("class ").split("(")[0].split(":")[0]
    messages = run(tree, tmp_path / "cache", {f"{module}.{name}"})
    urgent = [f.path for kind, payload in messages if kind == "facts" and payload[1]
              for f in payload[0]]  # fmt: skip
    assert last in urgent
    assert _files(messages).count(last) == 1
