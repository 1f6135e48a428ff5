"""A check after a change finds exactly what a fresh full check finds (issue 21).

``specls check`` keeps each class's findings for the next run (:mod:`specls.incremental`)
and checks again only the classes whose inputs changed. Each edit of the table below is made
to a workspace whose cache holds the previous run, then the check is compared, finding by
finding, with a check without a cache; a hypothesis test does the same for sequences of
edits in any order.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specls import incremental
from specls.cache import Cache
from specls.config import load_settings
from specls.findings import Finding
from specls.run import check_edited, check_paths

ROOT = Path(__file__).parents[1]

BASE = '''"""Bases of the zoo."""

from enum import Enum


class Status(Enum):
    OPEN = "open"
    SHUT = "shut"


class Animal:
    def __init__(self):
        self.legs = 4
        self.tags = []
        self.beak = 1

    def tag(self, t):
        self.tags.append(t)


class Keeper:
    def __init__(self, animal: "Animal"):
        self.animal = animal

    def feed(self, other: "Animal"):
        return other.food


def weigh(animal):
    return animal.weight + animal.legs
'''

ZOO = '''"""Animals."""

from zoo.base import Animal, weigh


class Bird(Animal):
    def fly(self):
        return self.legs + 1

    def mass(self):
        return weigh(self)

    def sing(self):
        self.tags["song"] = 1


class Penguin(Bird):
    def swim(self):
        return self.wings
'''

USES = '''"""Uses of the animals elsewhere."""

from zoo.base import Status
from zoo.birds import Penguin


def describe(pen):
    return pen.colour


class Pen:
    def __init__(self):
        self.birds = Penguin()

    def show(self):
        return describe(self)

    def count(self):
        self.birds.tags.append(1)
        return self.birds.legs + self.birds.beak


class Gate:
    def __init__(self):
        self.status = Status.OPEN

    def is_open(self):
        return self.status == "open"


class Aviary:
    def __init__(self):
        self.birds = Penguin()

    def count(self):
        return self.birds.beak


class Sign:
    def __init__(self):
        self.status = Status.SHUT

    def label(self):
        return self.status.title()
'''

#: ``Nest``'s descendant ``Crate`` derives from ``Padding`` too, which gives what ``Nest``
#: reads (R105 judges ``Nest`` by what ``Padding``'s file holds).
NESTS = '''"""A hierarchy whose descendant has another base, in a file of its own."""

from zoo.padding import Padding


class Nest:
    def __init__(self):
        self.size = 1

    def soft(self):
        return self.lining


class Box(Nest):
    pass


class Crate(Box, Padding):
    pass
'''

PADDING = '''"""The other base of a descendant of ``Nest``."""


class Padding:
    lining = "straw"
'''


@pytest.fixture(autouse=True)
def private_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECLS_KEY_FILE", str(tmp_path_factory.mktemp("key") / "key"))


def workspace(into: Path) -> Path:
    """The example shop, a hierarchy across files, and the recall fixtures (many findings)."""
    shutil.copytree(ROOT / "examples" / "shop", into)
    (into / "zoo").mkdir()
    (into / "zoo" / "__init__.py").write_text("")
    (into / "zoo" / "base.py").write_text(BASE)
    (into / "zoo" / "birds.py").write_text(ZOO)
    (into / "zoo" / "uses.py").write_text(USES)
    (into / "zoo" / "nests.py").write_text(NESTS)
    (into / "zoo" / "padding.py").write_text(PADDING)
    pairs = into / "pairs"
    pairs.mkdir()
    for path in sorted((ROOT / "benchmarks" / "pairs").glob("bug_*.py"))[:12]:
        shutil.copyfile(path, pairs / path.name)
    return into


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(work: Path) -> None:
        path = work / rel
        if path.exists():
            text = path.read_text()
            path.write_text(text.replace(old, new, 1))

    return edit


def _append(rel: str, text: str) -> Callable[[Path], None]:
    def edit(work: Path) -> None:
        path = work / rel
        if path.exists():
            path.write_text(path.read_text() + text)

    return edit


def _delete(rel: str) -> Callable[[Path], None]:
    def edit(work: Path) -> None:
        (work / rel).unlink(missing_ok=True)

    return edit


def _write(rel: str, text: str) -> Callable[[Path], None]:
    def edit(work: Path) -> None:
        (work / rel).write_text(text)

    return edit


EDITS: dict[str, Callable[[Path], None]] = {
    "an attribute's kind, in a base class": _replace(
        "zoo/base.py", "self.tags = []", "self.tags = {}"
    ),
    "an attribute's kind, back": _replace("zoo/base.py", "self.tags = {}", "self.tags = []"),
    "an attribute a subclass reads, assigned in the base": _replace(
        "zoo/base.py", "self.legs = 4", "self.legs = 4\n        self.wings = 2"
    ),
    "an attribute a function passed self reads, assigned": _replace(
        "zoo/base.py", "self.legs = 4", "self.legs = 4\n        self.weight = 3"
    ),
    "a member two holders read, no longer given by a base of the class they hold": _replace(
        "zoo/base.py", "        self.beak = 1\n", ""
    ),
    "that member given again": _replace(
        "zoo/base.py", "self.legs = 4", "self.legs = 4\n        self.beak = 1"
    ),
    "an enum of another module whose members become its values": _replace(
        "zoo/base.py", "class Status(Enum):", "class Status(str, Enum):"
    ),
    "a method given to an enum of another module": _replace(
        "zoo/base.py",
        '    SHUT = "shut"\n',
        '    SHUT = "shut"\n\n    def title(self):\n        return self.name.title()\n',
    ),
    "that method taken away": _replace(
        "zoo/base.py", "\n    def title(self):\n        return self.name.title()\n", ""
    ),
    "a member a descendant's other base gives, taken away": _replace(
        "zoo/padding.py", 'lining = "straw"', 'filling = "straw"'
    ),
    "that member of the other base given again": _replace(
        "zoo/padding.py", 'filling = "straw"', 'lining = "straw"'
    ),
    "self no longer passed": _replace("zoo/birds.py", "return weigh(self)", "return 0"),
    "self passed again": _replace("zoo/birds.py", "return 0", "return weigh(self)"),
    "a second class passing self": _append(
        "zoo/uses.py", "\n\nclass Other:\n    def go(self):\n        return describe(self)\n"
    ),
    "a base class": _replace("zoo/birds.py", "class Penguin(Bird):", "class Penguin(Animal):"),
    "a base class outside the workspace": _replace(
        "zoo/birds.py", "class Bird(Animal):", "class Bird(Unknown):"
    ),
    "an import": _replace(
        "zoo/birds.py", "from zoo.base import Animal", "from zoo.other import Animal"
    ),
    "a method's body in a class used elsewhere": _replace(
        "zoo/birds.py", "return self.legs + 1", "self.legs = 'two'\n        return 1"
    ),
    "lines inserted at the top": _replace("zoo/base.py", '"""Bases', '# one\n# two\n"""Bases'),
    "a comment at the end": _append("shop/cart.py", "\n# touched\n"),
    "a suppression": _replace(
        "shop/orders.py", "self.items = {}", "self.items = {}  # spec: ignore[R101]"
    ),
    "an unused suppression": _append("shop/cart.py", "\nX = 1  # spec: ignore[R101]\n"),
    "a spec decision": _replace("spec.toml", 'type = "list[tuple[str, int]]"', 'type = "dict"'),
    "a spec decision removed": _replace("spec.toml", 'status = "proposed"', 'status = "rejected"'),
    "a class renamed": _replace("shop/inventory.py", "class Inventory:", "class Stock:"),
    "a second class of the same name": _write(
        "zoo/more.py", "class Bird:\n    def __init__(self):\n        self.legs = []\n"
    ),
    "an attribute stored from outside its class": _write(
        "zoo/outside.py", "def reset(a):\n    a.tags = None\n    a.items = None\n"
    ),
    "no longer stored from outside": _delete("zoo/outside.py"),
    "a syntax error": _replace("zoo/uses.py", "def count(self):", "def count(self:"),
    "a syntax error mended": _replace("zoo/uses.py", "def count(self:", "def count(self):"),
    "a deleted file with a base class": _delete("zoo/base.py"),
    "the file restored": _write("zoo/base.py", BASE),
    "a deleted file with subclasses": _delete("zoo/birds.py"),
    "a new file": _write("zoo/birds.py", ZOO),
    "the spec deleted": _delete("spec.toml"),
}


def findings(work: Path, cache: Cache | None) -> list[Finding]:
    """Every finding, whole (its fixes, related places and severity compared too)."""
    return check_paths([work], load_settings(work), cache, 1).findings


def check_after(work: Path, cache_dir: Path, edit: Callable[[Path], None]) -> None:
    edit(work)
    cache = Cache(cache_dir, workspace=work)
    try:
        again = findings(work, cache)
    finally:
        cache.close()
    assert again == findings(work, None)


def test_the_cache_reuses_class_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a comment is added to one file, the other classes' findings come from the last
    run, and are the same."""
    work = workspace(tmp_path / "ws")
    reused: list[int] = []
    real = incremental.ClassFindings.get

    def counting(self: incremental.ClassFindings, key: bytes):
        found = real(self, key)
        reused.append(found is not None)
        return found

    monkeypatch.setattr(incremental.ClassFindings, "get", counting)
    cache_dir = tmp_path / "cache"
    cache = Cache(cache_dir, workspace=work)
    first = findings(work, cache)
    cache.close()
    assert first and not any(reused)
    reused.clear()
    check_after(work, cache_dir, EDITS["a comment at the end"])
    assert sum(reused) >= len(reused) - 2 > 10  # (the cart's own class is checked again)


@pytest.mark.parametrize("name", list(EDITS))
def test_one_edit(name: str, tmp_path: Path) -> None:
    work = workspace(tmp_path / "ws")
    cache_dir = tmp_path / "cache"
    cache = Cache(cache_dir, workspace=work)
    findings(work, cache)
    cache.close()
    check_after(work, cache_dir, EDITS[name])


def test_edits_in_sequence(tmp_path: Path) -> None:
    """Every edit of the table in turn, on one cache."""
    work = workspace(tmp_path / "ws")
    cache_dir = tmp_path / "cache"
    for edit in EDITS.values():
        check_after(work, cache_dir, edit)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=6))
def test_edits_in_any_order(tmp_path_factory: pytest.TempPathFactory, names: list[str]) -> None:
    base = tmp_path_factory.mktemp("seq")
    work = workspace(base / "ws")
    cache_dir = base / "cache"
    for name in names:
        check_after(work, cache_dir, EDITS[name])


@pytest.mark.parametrize(
    "name, edited",
    [
        ("an attribute's kind, in a base class", "zoo/base.py"),
        ("a base class", "zoo/birds.py"),
        ("self no longer passed", "zoo/birds.py"),
        ("an attribute stored from outside its class", "zoo/outside.py"),
        ("a comment at the end", "shop/cart.py"),
    ],
)
def test_an_agents_hook_takes_what_the_check_kept(name: str, edited: str, tmp_path: Path) -> None:
    """The check after an edit that an agent's hook makes (the files edited and what depends
    on them) finds with the cache of the last ``specls check`` what it finds without one."""
    work = workspace(tmp_path / "ws")
    cache_dir = tmp_path / "cache"
    cache = Cache(cache_dir, workspace=work)
    findings(work, cache)
    cache.close()
    EDITS[name](work)
    settings_of = load_settings(work)
    for _ in range(2):  # (the second time, with what the first kept)
        cache = Cache(cache_dir, workspace=work)
        try:
            kept = check_edited([work / edited], settings_of, cache).findings
        finally:
            cache.close()
        assert kept == check_edited([work / edited], settings_of, None).findings
