"""An index built to replace another (an editor's keystroke) takes over how the classes'
bases resolve when the files are the same and the facts that changed keep their outline:
it must then answer as an index built afresh, with the changed files' classes as they are
now; and resolve everything again when an outline did change."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from specls.extract import extract
from specls.facts import FileFacts
from specls.index import WorkspaceIndex

BASE = """
class Base:
    def __init__(self):
        self.items = {}

class Other:
    pass
"""
CHILD = """
from pkg.base import Base
import pkg.base as b

class Child(Base):
    def add(self, k):
        self.items[k] = 1

class Grand(Child, b.Other):
    pass

class Loose(Missing):
    pass
"""
MIXIN = """
from pkg.child import Child

class Mixin:
    def extra(self):
        return 1

class Both(Mixin, Child):
    pass
"""


def facts(path: str, source: str) -> FileFacts:
    module = path.removesuffix(".py").replace("/", ".")
    return extract(source.encode(), path, module)


def workspace(**changes: str) -> list[FileFacts]:
    sources = {"pkg/base.py": BASE, "pkg/child.py": CHILD, "pkg/mixin.py": MIXIN}
    sources.update({k.replace("__", "/") + ".py": v for k, v in changes.items()})
    return [facts(p, s) for p, s in sources.items()]


def answers(index: WorkspaceIndex) -> dict:
    """All the index answers about bases and subclasses, by keys; and that every class
    it gives is the class of the facts it holds now."""
    out = {}
    for ref in index.classes:
        assert ref.file is index.files[ref.file.path]
        assert any(c is ref.cls for c in ref.file.classes)
        bases = index.bases(ref)
        for b in [*bases.classes, *index.subclasses(ref)]:
            assert b.file is index.files[b.file.path]
            assert any(c is b.cls for c in b.file.classes)
        out[ref.key] = (
            [b.key for b in index._direct_bases(ref)[0]],
            [b.key for b in bases.classes],
            bases.complete,
            sorted(bases.builtin_names),
            [s.key for s in index.subclasses(ref)],
            [k.key for k in index.descendants_bases(ref).classes],
            index.is_mixed_in(ref),
        )
    out["by_name"] = {n: [r.key for r in refs] for n, refs in index.by_name.items()}
    out["by_path"] = {p: [r.key for r in refs] for p, refs in index.by_path.items()}
    out["classes"] = [r.key for r in index.classes]
    out["owners"] = {n: sorted(keys) for n, keys in index.distinctive_owners.items() if keys}
    out["stored"] = sorted(index.foreign_stores)
    out["packages"] = sorted(index.top_packages)
    out["digest"] = index._foreign_digest
    return out


@pytest.fixture
def resolutions(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many classes' bases were resolved since the last call."""
    calls = [0]
    real = WorkspaceIndex._find_direct_bases

    def counted(self: WorkspaceIndex, ref: object) -> object:
        calls[0] += 1
        return real(self, ref)  # type: ignore[arg-type]

    monkeypatch.setattr(WorkspaceIndex, "_find_direct_bases", counted)

    def taken() -> int:
        n, calls[0] = calls[0], 0
        return n

    return taken


def test_an_edit_inside_a_method_keeps_the_resolution(resolutions: Callable[[], int]) -> None:
    before = WorkspaceIndex(workspace())
    assert resolutions() == 7
    edited = BASE.replace("self.items = {}", "self.items = []\n        self.count = 0")
    files = workspace(pkg__base=edited)
    files[1], files[2] = before.files["pkg/child.py"], before.files["pkg/mixin.py"]
    after = WorkspaceIndex(files, before)
    assert resolutions() == 0
    assert answers(after) == answers(WorkspaceIndex(files))
    # (the subclasses' bases are the edited file's classes as they are now)
    child = next(r for r in after.classes if r.cls.name == "Child")
    assert after.bases(child).classes[0].cls.writes.keys() >= {"items", "count"}
    # the classes of the files not edited are the same objects
    old = {r.key: r for r in before.classes}
    assert all(old[r.key] is r for r in after.classes if r.file.path != "pkg/base.py")
    assert all(old[r.key] is not r for r in after.classes if r.file.path == "pkg/base.py")


def test_every_file_edited_alike_keeps_the_resolution(resolutions: Callable[[], int]) -> None:
    before = WorkspaceIndex(workspace())
    resolutions()
    files = workspace(pkg__child=CHILD + "\n# a comment\n", pkg__mixin=MIXIN.replace("1", "2"))
    after = WorkspaceIndex(files, before)
    assert resolutions() == 0
    assert answers(after) == answers(WorkspaceIndex(files))


IMPORTED = "from pkg.mixin import Mixin as Base"
DEFINED = "class Missing:\n    pass\n\nclass Loose(Missing)"


@pytest.mark.parametrize(
    "edit",
    [
        ("pkg__base", "    pass", "    def __getitem__(self, k):\n        return k"),
        ("pkg__mixin", "    def extra(self):", "    def append(self, x):"),
        ("pkg__child", "self.items[k] = 1", "self.items[k] = 1\n        k.flag = True"),
        ("pkg__base", "self.items = {}", "self.items = {}\n        other.seen = 1"),
    ],
    ids=["distinctive method added", "one renamed distinctive", "stored from outside", "again"],
)  # fmt: skip
def test_what_a_body_edit_changes_beyond_the_outline_is_read_again(
    edit: tuple[str, str, str], resolutions: Callable[[], int]
) -> None:
    """A method added (the owners of distinctive methods), a name stored on another
    object (names stored from outside): not the outline, read again from the facts."""
    name, old, new = edit
    sources = {"pkg__base": BASE, "pkg__child": CHILD, "pkg__mixin": MIXIN}
    assert old in sources[name]
    before = WorkspaceIndex(workspace())
    resolutions()
    files = workspace(**{name: sources[name].replace(old, new)})
    after = WorkspaceIndex(files, before)
    assert resolutions() == 0
    assert answers(after) == answers(WorkspaceIndex(files))
    assert answers(after) != answers(before)
    resolutions()
    back = WorkspaceIndex(workspace(), after)  # (and undone)
    assert resolutions() == 0
    assert answers(back) == answers(before)


@pytest.mark.parametrize(
    "change",
    [
        {"pkg__child": CHILD.replace("class Child(Base)", "class Child(Other)")},
        {"pkg__child": CHILD.replace("from pkg.base import Base", IMPORTED)},
        {"pkg__child": CHILD.replace("class Loose(Missing)", DEFINED)},
        {"pkg__base": BASE.replace("class Other:", "class Another:")},
        {"pkg__base": BASE.replace("class Other:", "class Other(Base):")},
        {"pkg__base": BASE + "\nclass Child:\n    pass\n"},
        {"pkg__mixin": MIXIN.replace("class Both(Mixin, Child)", "class Both(Child)")},
        {"pkg__extra": "from pkg.base import Base\n\nclass Extra(Base):\n    pass\n"},
    ],
    ids=["base", "import", "class added", "class renamed", "base added", "name twice",
         "bases dropped", "file added"],
)  # fmt: skip
def test_an_outline_changed_resolves_again(
    change: dict[str, str], resolutions: Callable[[], int]
) -> None:
    before = WorkspaceIndex(workspace())
    resolutions()
    files = workspace(**change)
    after = WorkspaceIndex(files, before)
    assert resolutions() > 0
    assert answers(after) == answers(WorkspaceIndex(files))


def test_a_file_gone_or_moved_resolves_again(resolutions: Callable[[], int]) -> None:
    before = WorkspaceIndex(workspace())
    resolutions()
    files = workspace()
    for changed in (files[:2], [files[1], files[0], files[2]]):
        after = WorkspaceIndex(changed, before)
        assert resolutions() > 0
        assert answers(after) == answers(WorkspaceIndex(changed))


def reached(index: WorkspaceIndex, names: set[str]) -> set[str]:
    """:meth:`WorkspaceIndex.names_reached`, class by class."""
    out = set(names)
    for ref in index.classes:
        if ref.cls.name in names or not names.isdisjoint(index.base_names(ref)):
            out.add(ref.cls.name)
            out.update(sub.cls.name for sub in index.subclasses(ref))
    return out


def test_the_names_a_class_reaches_are_kept_with_the_outline() -> None:
    before = WorkspaceIndex(workspace())
    everything = {"Base", "Other", "Child", "Grand", "Loose", "Mixin", "Both", "Missing", "b"}
    for names in ({"Base"}, {"Other"}, {"Mixin", "Missing"}, {"Nothing"}, everything):
        assert before.names_reached(names) == reached(before, names)
    assert before.names_reached({"Base"}) == {"Base", "Child", "Grand", "Both"}
    edited = WorkspaceIndex(workspace(pkg__base=BASE.replace("{}", "[]")), before)
    assert edited.outline_memo is before.outline_memo  # (taken over with the outline)
    moved = WorkspaceIndex(workspace(pkg__mixin=MIXIN.replace("(Mixin, Child)", "(Mixin)")), edited)
    assert moved.outline_memo is not edited.outline_memo
    for index in (edited, moved):
        for names in ({"Base"}, {"Child"}, {"Mixin"}, everything):
            assert index.names_reached(names) == reached(index, names)
    assert moved.names_reached({"Base"}) == {"Base", "Child", "Grand"}


def holding(index: WorkspaceIndex) -> list[list[tuple]]:
    """:meth:`WorkspaceIndex.holders` by keys, after checking each is this index's own."""
    out = []
    for which in (0, 1):
        found = index.holders(which)
        for file, ref in found:
            assert file is index.files[file.path]
            assert ref is None or any(ref is r for r in index.classes)
        out.append([(file.path, ref.key if ref else None) for file, ref in found])
    return out


REACHING = """
from pkg.base import Base

def helper(cart: Base):
    return cart.items

class User:
    def __init__(self, base: Base):
        self.base = base

    def peek(self):
        return self.base.items

    def give(self):
        return helper(self)
"""


def test_the_holders_of_reaches_are_kept_by_file() -> None:
    """The classes and functions the cross-class rule visits, from an index replaced: the
    files not changed keep what they held, those changed are read again."""
    before = WorkspaceIndex(workspace(pkg__user=REACHING))
    assert holding(before) == holding(WorkspaceIndex(workspace(pkg__user=REACHING)))
    assert ("pkg/user.py", None) in holding(before)[0]
    assert ("pkg/user.py", ("pkg/user.py", "User")) in holding(before)[1]
    for source in (
        REACHING.replace("return self.base.items", "return 1"),
        REACHING.replace("return helper(self)", "return 2"),
        REACHING.replace("return cart.items", "return 3"),
        REACHING,
    ):
        files = workspace(pkg__user=source)
        files[:3] = [before.files[f.path] for f in files[:3]]  # (those not edited)
        after = WorkspaceIndex(files, before)
        assert holding(after) == holding(WorkspaceIndex(files))
        before = after
