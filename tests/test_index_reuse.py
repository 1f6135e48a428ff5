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
