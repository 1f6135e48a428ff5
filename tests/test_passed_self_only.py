"""R105 on ``self`` passed to a function, when the findings of some files only are asked
(an editor's open documents, the hook's changed files): the classes that cannot pass
``self`` to a function in those files are not read, and the findings there are a whole
check's (issue 21: an editor's first check after indexing had loaded every class of the
workspace that passes ``self`` anywhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_workspace
from specls.config import load_settings
from specls.engine import Workspace
from specls.rules import crossclass

FILES = {
    "shop/__init__.py": "",
    # a function of its own module, called with self from a class in another file
    "shop/fmt.py": """
    def render(order, width=10):
        return str(order.total_costs).rjust(width)
    """,
    "shop/order.py": """
    from shop.fmt import render


    class Order:
        def __init__(self, lines):
            self.total_cost = sum(lines)

        def __str__(self):
            return render(self)
    """,
    # a function given self by two classes of two files: generic, never judged (the one
    # from `b.py` alone would make a finding)
    "shop/label.py": """
    def label(obj):
        return obj.name
    """,
    "shop/a.py": """
    from shop.label import label


    class A:
        def __init__(self):
            self.name = "a"

        def show(self):
            return label(self)
    """,
    "shop/b.py": """
    from shop.label import label


    class B:
        def __init__(self):
            self.title = "b"

        def show(self):
            return label(self)
    """,
    # a base's static method, given self by a subclass in another file (which imports the
    # module, not a name from it)
    "shop/base.py": """
    class Base:
        @staticmethod
        def paint(obj):
            return obj.colour
    """,
    "shop/sub.py": """
    import shop.base


    class Sub(shop.base.Base):
        def __init__(self):
            self.color = "red"

        def draw(self):
            return self.paint(self)
    """,
    # a class passing self to a function of its own file, which reaches none of the others
    "shop/alone.py": """
    def weigh(box):
        return box.weight


    class Box:
        def __init__(self):
            self.mass = 1

        def scale(self):
            return weigh(self)
    """,
}


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    write_workspace(tmp_path, FILES)
    settings = load_settings(tmp_path)
    settings.select = ["R105"]
    ws = Workspace(settings)
    ws.load_spec()
    for rel in FILES:
        ws.update_file(tmp_path / rel)
    return ws


def _where(found: list) -> list[tuple[str, int]]:
    return sorted((f.path.rsplit("/", 1)[-1], f.span.line) for f in found)


def test_the_whole_check_judges_the_three_functions(workspace: Workspace) -> None:
    assert _where(workspace.findings()) == [("alone.py", 1), ("base.py", 3), ("fmt.py", 1)]


@pytest.mark.parametrize("rel", sorted(FILES))
def test_each_file_alone_has_the_whole_checks_findings(workspace: Workspace, rel: str) -> None:
    path = str(workspace.settings.root / rel)
    whole = [f for f in workspace.findings() if f.path == path]
    fresh = Workspace(workspace.settings)
    fresh.load_spec()
    fresh.files.update(workspace.files)
    assert [(f, f.related) for f in fresh.findings(only=frozenset({path}))] == [
        (f, f.related) for f in whole
    ]


#: Per file asked alone: the classes whose passing of ``self`` is read (file, class).
READ = {
    "shop/fmt.py": [("order.py", "Order")],  # (imports `render` from `shop.fmt`)
    "shop/label.py": [("a.py", "A"), ("b.py", "B")],
    "shop/base.py": [("sub.py", "Sub")],  # (a subclass of its `Base`)
    "shop/alone.py": [("alone.py", "Box")],
    "shop/order.py": [("order.py", "Order")],  # (its own)
}


@pytest.mark.parametrize("rel", sorted(READ))
def test_only_the_classes_that_may_reach_the_file_are_read(
    workspace: Workspace, rel: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[tuple[str, str]] = []
    passes = crossclass._passes

    def spy(ctx, owner):  # type: ignore[no-untyped-def]
        read.append((owner.file.path.rsplit("/", 1)[-1], owner.cls.name))
        return passes(ctx, owner)

    monkeypatch.setattr(crossclass, "_passes", spy)
    fresh = Workspace(workspace.settings)
    fresh.load_spec()
    fresh.files.update(workspace.files)
    fresh.findings(only=frozenset({str(workspace.settings.root / rel)}))
    assert sorted(read) == READ[rel]
