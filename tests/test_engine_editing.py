"""Findings after edits made through the editor's path equal a fresh check's (issue 21).

The language server applies each keystroke to its document (an incremental parse), gives
the engine the new source and tree (facts re-extracted per top-level statement) and asks
for findings: class findings and the crossclass rule's units are kept between keystrokes
and judged again only where their inputs changed. Each edit below is made that way to
open documents of a small workspace, and every finding (fixes and related places
included) is compared with those of a workspace built afresh from the same texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from specls.config import load_settings
from specls.engine import Workspace
from specls.facts import sites_of
from specls.findings import Finding
from specls.lsp.documents import Change, Document

INVENTORY = '''"""Stock of the shop."""


class Inventory:
    def __init__(self):
        self.stock = {}
        self.names = []

    def add(self, sku, quantity):
        self.stock[sku] = self.stock.get(sku, 0) + quantity


class Ledger(Inventory):
    def __init__(self):
        super().__init__()
        self.lines = []


def restock(store):
    return store.inventory.stock and store.budget
'''

BASE = '''"""A base class in another file."""


class Base:
    def __init__(self):
        self.tags = []
        self.size = 0

    def tag(self, t):
        self.tags.append(t)

    def spend(self):
        return self.budget
'''

STORE = '''"""The open document: classes holding and reading other classes."""

from shop.base import Base
from shop.inventory import Inventory, Ledger, restock
from shop.register import Drawer, Register, Safe


class Store(Base):
    def __init__(self):
        super().__init__()
        self.inventory = Inventory()
        self.ledger = Ledger()
        self.budget = 10

    def count(self):
        self.inventory.stock.append(1)
        return self.inventory.stok

    def names(self):
        return self.inventory.names.get("a")

    def refill(self):
        return restock(self)

    def merge(self, other: "Inventory"):
        return other.stock + other.total

    def tagged(self):
        return self.tags["x"] + self.size + self.depth


class Branch(Store):
    def lines(self):
        return self.ledger.lines.keys() + self.ledger.stok


class Kiosk:
    def __init__(self):
        self.inventory = Inventory()
        self.drawer = Drawer()
        self.register = Register()
        self.safe = Safe()

    def total(self):
        return len(self.inventory.stock) + self.inventory.names.count

    def pay(self):
        return self.drawer.slot, self.register.coins, self.safe.tags


class Counter:
    def __init__(self):
        self.hits = 0

    def bump(self):
        return self.hits + self.misses


class Queue:
    def __init__(self, source):
        self.waiting = source.make()

    def push(self, x):
        self.waiting.append(x)

    def keys(self):
        return self.waiting.keys()


def helper(inv: "Inventory"):
    return inv.stok
'''

REGISTER = '''"""Classes each read one way only by the open document's `Kiosk`."""

from shop.base import Base


class Drawer:
    def __init__(self):
        self.slots = []


class Register:
    def __init__(self):
        self.cash = 0

    def total(self):
        return self.coins


class Till(Register):
    def __init__(self):
        super().__init__()
        self.coins = []


class Safe(Base):
    def __init__(self):
        super().__init__()
        self.code = 0
'''

#: Files on disk, not open (edited there: ``Editor.rewrite``).
FILES = {"shop/__init__.py": "", "shop/base.py": BASE}
#: Open documents (edited through the editor's path: ``Editor.replace``, ``Editor.change``).
OPEN = {"shop/store.py": STORE, "shop/inventory.py": INVENTORY, "shop/register.py": REGISTER}


class Editor:
    """Open documents on an editor's workspace, changed as the language server does."""

    def __init__(
        self, root: Path, files: dict[str, str] = FILES, docs: dict[str, str] = OPEN
    ) -> None:
        self.root = root
        self.files = files
        for rel, text in {**files, **docs}.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        self.engine = Workspace(load_settings(root))
        self.engine.load_spec()
        for rel in files:
            self.engine.update_file(root / rel)
        self.docs: dict[str, Document] = {}
        for rel in docs:
            self.open(rel)

    def open(self, rel: str) -> None:
        path = self.root / rel
        doc = Document(path.as_uri(), path, 1, b"")
        doc.apply([Change(path.read_text())], "utf-16")
        self.docs[rel] = doc
        self.engine.update_file(path, doc.source, statements=doc.statements())

    def replace(self, rel: str, old: str, new: str) -> bool:
        """Replace the first ``old`` in an open document by ``new`` (one change)."""
        doc = self.docs[rel]
        text = doc.data.decode()
        at = text.find(old)
        if at < 0:
            return False
        self.change(rel, at, at + len(old), new)
        return True

    def rewrite(self, rel: str, old: str, new: str) -> bool:
        """Replace the first ``old`` in a file that is not open (on disk, read again)."""
        path = self.root / rel
        text = path.read_text()
        if old not in text:
            return False
        path.write_text(text.replace(old, new, 1))
        self.engine.update_file(path)
        return True

    def edit(self, rel: str, old: str, new: str) -> bool:
        return (self.replace if rel in self.docs else self.rewrite)(rel, old, new)

    def change(self, rel: str, start: int, end: int, new: str) -> None:
        """One change of an open document, from offset ``start`` to ``end`` of its text."""
        doc = self.docs[rel]
        text = doc.data.decode()
        doc.apply([Change(new, _position(text, start), _position(text, end))], "utf-16")
        self.engine.update_file(doc.path, doc.source, statements=doc.statements())

    def texts(self) -> dict[str, bytes]:
        out = {rel: (self.root / rel).read_bytes() for rel in self.files}
        out.update({rel: doc.data for rel, doc in self.docs.items()})
        return out

    def check(self) -> None:
        """The editor's findings (those of the open documents, then all) equal a fresh
        workspace's for the same texts."""
        fresh = Workspace(load_settings(self.root), reuse_findings=False)
        fresh.load_spec()
        for rel, data in self.texts().items():
            fresh.update_file(self.root / rel, data)
        only = frozenset(str(self.root / rel) for rel in self.docs)
        assert _whole(self.engine.findings(only=only)) == _whole(fresh.findings(only=only))
        assert _whole(self.engine.findings()) == _whole(fresh.findings())


def there_and_back(editor: Editor, rel: str, old: str, new: str) -> None:
    """No finding, then some once ``old`` is edited into ``new`` in ``rel``, then none once
    the edit is undone; each check the same as a fresh workspace's."""
    assert editor.engine.findings() == []
    editor.check()
    assert editor.edit(rel, old, new)
    assert editor.engine.findings()
    editor.check()
    assert editor.edit(rel, new, old)
    assert editor.engine.findings() == []
    editor.check()


def _position(text: str, offset: int) -> tuple[int, int]:
    """The LSP position (line, UTF-16 column) of an offset of ASCII ``text``."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def _whole(found: list[Finding]) -> list[tuple]:
    return [(f, f.related, f.fixes) for f in found]


#: (document, old text, new text): each made as one change.
EDITS: dict[str, tuple[str, str, str]] = {
    "a held class's member renamed": ("shop/inventory.py", "self.stock = {}", "self.stok = {}"),
    "that member renamed back": ("shop/inventory.py", "self.stok = {}", "self.stock = {}"),
    "a held class's member kind": ("shop/inventory.py", "self.names = []", "self.names = {}"),
    "that kind back": ("shop/inventory.py", "self.names = {}", "self.names = []"),
    "a member given to a subclass of the held class": (
        "shop/inventory.py",
        "self.lines = []",
        "self.lines = []\n        self.stok = 1",
    ),
    "a held attribute no longer one class": (
        "shop/store.py",
        "self.inventory = Inventory()",
        "self.inventory = Ledger()",
    ),
    "a held attribute back": (
        "shop/store.py",
        "self.inventory = Ledger()",
        "self.inventory = Inventory()",
    ),
    "a read in the class": ("shop/store.py", "return self.inventory.stok", "return 1"),
    "a read in the class back": ("shop/store.py", "return 1", "return self.inventory.stok"),
    "a base class changed": ("shop/store.py", "class Store(Base):", "class Store:"),
    "the base class back": ("shop/store.py", "class Store:", "class Store(Base):"),
    "a subclass's base changed": ("shop/store.py", "class Branch(Store):", "class Branch(Base):"),
    "an import changed": (
        "shop/store.py",
        "from shop.inventory import Inventory,",
        "from shop.other import Inventory,",
    ),
    "self no longer passed": ("shop/store.py", "return restock(self)", "return restock(0)"),
    "self passed again": ("shop/store.py", "return restock(0)", "return restock(self)"),
    "a function receiving self changed": (
        "shop/inventory.py",
        "and store.budget",
        "and store.budgit",
    ),
    "a module function's annotation": (
        "shop/store.py",
        'def helper(inv: "Inventory"):',
        'def helper(inv: "Ledger"):',
    ),
    "lines inserted above the classes": ("shop/store.py", '"""The open', '# a\n# b\n"""The open'),
    "a line removed above the classes": ("shop/store.py", "# a\n", ""),
    "lines inserted in the held class's file": (
        "shop/inventory.py",
        '"""Stock',
        '# moved\n"""Stock',
    ),
    "a class renamed": ("shop/store.py", "class Kiosk:", "class Stall:"),
    "a held class renamed": ("shop/inventory.py", "class Inventory:", "class Stock:"),
    "a held class named again": ("shop/inventory.py", "class Stock:", "class Inventory:"),
    "a class defined twice": (
        "shop/store.py",
        "\n\ndef helper",
        "\n\nclass Kiosk:\n    pass\n\n\ndef helper",
    ),
    "a syntax error": ("shop/store.py", "def count(self):", "def count(self:"),
    "the syntax error mended": ("shop/store.py", "def count(self:", "def count(self):"),
    "a syntax error in the held class's file": (
        "shop/inventory.py",
        "def add(self,",
        "def add(self",
    ),
    "that error mended": ("shop/inventory.py", "def add(self", "def add(self,"),
    "an attribute stored from outside": (
        "shop/inventory.py",
        "def restock(store):",
        "def restock(store):\n    store.inventory.stok = 1",
    ),
    "a held class's only member renamed": ("shop/register.py", "self.slots = []", "self.slot = []"),
    "that member back": ("shop/register.py", "self.slot = []", "self.slots = []"),
    "a member of a held class's subclass renamed": (
        "shop/register.py",
        "self.coins = []",
        "self.coin = []",
    ),
    "that subclass's member back": ("shop/register.py", "self.coin = []", "self.coins = []"),
    "a member of a held class's base renamed, in a closed file": (
        "shop/base.py",
        "self.tags = []",
        "self.labels = []",
    ),
    "that base's member back": ("shop/base.py", "self.labels = []", "self.tags = []"),
    "a base's file grown above its class": ("shop/base.py", '"""A base', '# one\n"""A base'),
    "a base's import from outside the workspace": (
        "shop/store.py",
        "from shop.base import Base",
        "from lib.base import Base",
    ),
    "a member a base reads renamed in its subclass": (
        "shop/store.py",
        "self.budget = 10",
        "self.budgit = 10",
    ),
    "a class handed to a module-level call": (
        "shop/store.py",
        "\n\ndef helper",
        "\n\nregister(Counter)\n\n\ndef helper",
    ),
    "a class given what builtins keep apart": (
        "shop/register.py",
        "        self.slots = []\n",
        "        self.slots = []\n\n    def append(self, x):\n        pass\n\n"
        "    def keys(self):\n        return []\n",
    ),
    "a class starts reaching into another": (
        "shop/store.py",
        "def bump(self):\n        return self.hits + self.misses",
        'def bump(self, inv: "Inventory"):\n        return self.hits + self.misses + inv.stok',
    ),
    "a suppression": (
        "shop/store.py",
        "return self.inventory.stok",
        "return self.inventory.stok  # spec: ignore[R105]",
    ),
}


#: The edits that undo an earlier one (which ``test_one_edit`` makes first).
UNDOES = {
    "that member renamed back": "a held class's member renamed",
    "that kind back": "a held class's member kind",
    "a held attribute back": "a held attribute no longer one class",
    "a read in the class back": "a read in the class",
    "the base class back": "a base class changed",
    "self passed again": "self no longer passed",
    "a line removed above the classes": "lines inserted above the classes",
    "a held class named again": "a held class renamed",
    "the syntax error mended": "a syntax error",
    "that error mended": "a syntax error in the held class's file",
    "that member back": "a held class's only member renamed",
    "that subclass's member back": "a member of a held class's subclass renamed",
    "that base's member back": "a member of a held class's base renamed, in a closed file",
}


@pytest.fixture
def editor(tmp_path: Path) -> Editor:
    return Editor(tmp_path)


def test_the_workspace_has_crossclass_findings(editor: Editor) -> None:
    """The fixture exercises the rule: held classes' members, annotated parameters, self
    passed to a function."""
    found = editor.engine.findings()
    messages = [f.message for f in found if f.code in ("R101", "R105")]
    assert any("`Inventory.stok` is read on `self.inventory`" in m for m in messages)
    assert any("`Inventory.stock` is used as a list" in m for m in messages)
    assert any("`Inventory.total` is read on `other`" in m for m in messages)
    assert any("`Drawer.slot` is read" in m for m in messages)
    assert not any("`Register.coins`" in m or "`Safe.tags`" in m for m in messages)
    editor.check()


@pytest.mark.parametrize("name", list(EDITS))
def test_one_edit(editor: Editor, name: str) -> None:
    editor.check()
    if name in UNDOES:  # (the edit it undoes first)
        assert editor.edit(*EDITS[UNDOES[name]])
        editor.check()
    assert editor.edit(*EDITS[name])
    editor.check()


def test_edits_in_sequence(editor: Editor) -> None:
    for edit in EDITS.values():
        editor.edit(*edit)
        editor.check()


def test_typing_one_key_at_a_time(editor: Editor) -> None:
    """A held class's member renamed key by key, then typed back, in another open file."""
    doc = editor.docs["shop/inventory.py"]
    at = doc.data.decode().find("self.stock = {}") + len("self.sto")
    editor.change("shop/inventory.py", at, at + 1, "")  # stock -> stok
    editor.check()
    editor.change("shop/inventory.py", at, at, "c")
    editor.check()
    text = editor.docs["shop/store.py"].data.decode()
    at = text.find("return self.inventory.stok") + len("return self.inventory.stok")
    for i, char in enumerate("_x"):
        editor.change("shop/store.py", at + i, at + i, char)
        editor.check()
    for _ in range(2):
        editor.change("shop/store.py", at, at + 1, "")
        editor.check()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(sorted(EDITS)),
            st.tuples(
                st.sampled_from(sorted(OPEN)),
                st.floats(0, 1),
                st.integers(0, 3),
                st.sampled_from(["", "x", "s", " ", "\n", "(", ":", "\n    ", "self.", "k"]),
            ),
        ),
        min_size=1,
        max_size=8,
    )
)
# (found by hypothesis: a base's member renamed, then its file grown above it; the kept
# findings of its subclass cited the base's method on its old line)
@example(
    [
        "a member of a held class's base renamed, in a closed file",
        "a base's file grown above its class",
    ]
)
def test_edits_in_any_order(tmp_path_factory: pytest.TempPathFactory, edits: list) -> None:
    """Edits of the table and keystrokes anywhere (deletions, insertions, syntax errors)."""
    editor = Editor(tmp_path_factory.mktemp("ws"))
    for edit in edits:
        if isinstance(edit, str):
            editor.edit(*EDITS[edit])
        else:
            rel, where, length, text = edit
            size = len(editor.docs[rel].data)
            start = int(where * size)
            editor.change(rel, start, min(start + length, size), text)
        editor.check()


SPEC = """[decision.counter-hits]
kind = "representation"
target = "Counter.hits"
type = "str"
"""


def test_the_spec_edited(tmp_path: Path) -> None:
    """A decision changed: the classes it targets are judged again (their facts and
    everything they depend on are the same)."""
    (tmp_path / "spec.toml").write_text(SPEC)
    editor = Editor(tmp_path)
    assert any(f.code == "R102" for f in editor.engine.findings())
    editor.check()
    (tmp_path / "spec.toml").write_text(SPEC.replace('"str"', '"int"'))
    editor.engine.load_spec()
    editor.check()


def test_the_spec_file_named_otherwise(tmp_path: Path) -> None:
    """The settings name another spec file (the same text, not read again): the findings
    that cite it are made again."""
    (tmp_path / "spec.toml").write_text(SPEC)
    editor = Editor(tmp_path)
    editor.check()
    (tmp_path / "decisions").mkdir()
    moved = tmp_path / "decisions" / "spec.toml"
    moved.write_text(SPEC)
    (tmp_path / "spec.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.specls]\nspec = "decisions/spec.toml"\n')
    editor.engine.settings = load_settings(tmp_path)
    assert editor.engine.settings.spec == moved
    editor.check()


def test_the_index_holds_few_classes_gone(editor: Editor) -> None:
    """Each index takes over what the one it replaces found of the classes still there
    (:meth:`WorkspaceIndex.sites`), not the classes an edit replaced, past a few."""
    text = editor.docs["shop/store.py"].data.decode()
    at = text.find("return self.hits") + len("return self.hits")
    for i in range(200):
        editor.change("shop/store.py", at, at + i % 2, "" if i % 2 else "x")
        editor.engine.findings()
    index = editor.engine.index
    assert len(index._sites) <= len(index.classes) + 64
    assert all(index.sites(ref.cls) == sites_of(ref.cls) for ref in index.classes)
    editor.check()


@pytest.mark.parametrize("name", list(EDITS))
def test_an_edit_then_a_check_of_another_file(editor: Editor, name: str) -> None:
    """What a check of other files only did not use is judged again by the next check of
    the file (its class findings and units were last held before the edit)."""
    if name in UNDOES:
        assert editor.edit(*EDITS[UNDOES[name]])
    editor.check()
    rel = EDITS[name][0]
    assert editor.edit(*EDITS[name])
    other = next(r for r in OPEN if r != rel)
    editor.engine.findings(only=frozenset({str(editor.root / other)}))
    editor.check()


#: A plain enum that defines ``upper`` (closed) and a class holding one of its members.
ENUM_FILES = {
    "pkg/__init__.py": "",
    "pkg/models.py": "from enum import Enum\n\n\nclass Status(Enum):\n    OPEN = 'open'\n",
}
ENUM_METHOD = "\n    def title(self):\n        return self.value.title()\n"
#: Each way a class's attribute is told to hold an imported enum's members (R101 reads
#: what the enum defines by the name each gives; the editor follows it by another means).
ENUM_HOLDERS = {
    "a member": "self.status = Status.OPEN",
    "a call": "self.status = Status(text)",
    "an annotated parameter": "self.status = text",
    "a documented parameter": "self.status = text",
}


@pytest.mark.parametrize("holder", list(ENUM_HOLDERS))
@pytest.mark.parametrize("where", ["closed", "open"])
def test_an_imported_enum_given_and_losing_a_method(
    tmp_path: Path, where: str, holder: str
) -> None:
    """What an imported plain enum defines decides whether using its member's ``.title()``
    is a str's use (R101): a method added to the enum in its own file, then taken away,
    judges the holding class again though neither it nor the enum's name changed."""
    signature = "text: Status" if holder == "an annotated parameter" else "text"
    doc = ""
    if holder == "a documented parameter":
        doc = '        """Args:\n            text (Status): the status.\n        """\n'
    ticket = (
        f"from pkg.models import Status\n\n\nclass Ticket:\n    def __init__(self, {signature}):\n"
        f"{doc}        {ENUM_HOLDERS[holder]}\n\n    def shout(self):\n"
        "        return self.status.title()\n"
    )
    models = ENUM_FILES["pkg/models.py"]
    files = {**ENUM_FILES, "pkg/models.py": models + ENUM_METHOD}
    docs = {"pkg/ticket.py": ticket}
    if where == "open":
        docs["pkg/models.py"] = files.pop("pkg/models.py")
    editor = Editor(tmp_path, files, docs)
    assert [f.code for f in editor.engine.findings()] == []
    editor.check()
    assert editor.edit("pkg/models.py", ENUM_METHOD, "\n")
    assert [f.code for f in editor.engine.findings()] == ["R101"]
    editor.check()
    assert editor.edit("pkg/models.py", "'open'\n\n", "'open'\n" + ENUM_METHOD)
    assert [f.code for f in editor.engine.findings()] == []
    editor.check()


#: A behaviour decision on ``Sub.remove``: it raises KeyError when the key is missing.
REMOVE_RAISES = (
    '[decision.remove-missing]\nkind = "behaviour"\ntarget = "pkg.sub.Sub.remove"\n'
    'when = "the key is missing"\nraises = "KeyError"\nstatus = "accepted"\n'
)
#: A subclass in ``pkg/sub.py`` (open) of ``Base`` in ``pkg/base.py``.
SUB = "from pkg.base import Base\n\n\nclass Sub(Base):\n"
#: What a class's findings read of a base's methods beyond their names: (the base's file,
#: the subclass's body, the spec, the edit of the base, as old and new text). Each edit keeps
#: the base's places (the same lengths), so only what the methods are tells it.
BASE_METHODS: dict[str, tuple[str, str, str, str, str]] = {
    "a parameter renamed (R108)": (
        "class Base:\n    def __init__(self):\n        self.x = 1\n\n"
        "    def run(self, a):\n        return a\n",
        "    def go(self):\n        return self.run(a=1)\n",
        "",
        "def run(self, a)",
        "def run(self, b)",
    ),
    "what a method returns (R107)": (
        "class Base:\n    def __init__(self):\n        self.x = 1\n\n"
        "    def pair(self):\n        return {'a': 1}\n",
        "    def go(self):\n        return self.pair()['x']\n",
        "",
        "return {'a': 1}",
        "return ('a', 1)",
    ),
    "what a method a decided one delegates to raises (E102)": (
        "class Base:\n    def __init__(self):\n        self.x = 1\n\n"
        "    def _fail(self, k):\n        raise KeyError(k)\n",
        "    def remove(self, k):\n        self._fail(k)\n",
        REMOVE_RAISES,
        "raise KeyError(k)",
        "raise EOFError(k)",
    ),
}


@pytest.mark.parametrize("where", ["closed", "open"])
@pytest.mark.parametrize("name", list(BASE_METHODS))
def test_a_base_method_changed_within_its_places(tmp_path: Path, name: str, where: str) -> None:
    """A subclass's findings read a base's methods' signatures (R108), results (R107) and
    raises (E101, E102): an edit of them that moves nothing judges the subclass again, and
    so does the edit undone."""
    base, body, spec, old, new = BASE_METHODS[name]
    files = {"pkg/__init__.py": "", "spec.toml": spec, "pkg/base.py": base}
    docs = {"pkg/sub.py": SUB + body}
    if where == "open":
        docs["pkg/base.py"] = files.pop("pkg/base.py")
    there_and_back(Editor(tmp_path, files, docs), "pkg/base.py", old, new)


#: ``A``'s descendant ``C`` derives from ``M`` too (``B`` alone is mixed in): what ``M`` is
#: decides what ``A`` may read (R105) and whether its methods' names are its own (N101).
KIN_A = (
    "class A:\n    def __init__(self):\n        self.x = 1\n\n"
    "    def f(self):\n        return self.foo\n"
)
KIN_B = (
    "from pkg.a import A\nfrom pkg.m import M\n\n\n"
    "class B(A):\n    pass\n\n\nclass C(B, M):\n    pass\n"
)
#: Methods named in snake case (N101 judges ``A``'s unless a subclass has a base unknown).
SNAKE = (
    '[decision.snake]\nkind = "naming"\npattern = "[a-z_]+"\napplies_to = ["method"]\n'
    'status = "accepted"\n'
)
#: (the spec, ``A``'s body, ``M``'s file, the edit of it as old and new text).
DESCENDANTS_BASES: dict[str, tuple[str, str, str, str, str]] = {
    "a member a descendant's other base gives (R105)": (
        "",
        KIN_A,
        "class M:\n    foo = 1\n",
        "foo = 1",
        "bar = 1",
    ),
    "a descendant's other base found in the workspace (N101)": (
        SNAKE,
        "class A:\n    def doIt(self):\n        pass\n",
        "class Other:\n    pass\n",
        "class Other:",
        "class M:",
    ),
}


@pytest.mark.parametrize("where", ["closed", "open"])
@pytest.mark.parametrize("name", list(DESCENDANTS_BASES))
def test_a_descendants_other_base_changed(tmp_path: Path, name: str, where: str) -> None:
    """A class's findings read the other bases of its descendants (what they give, R105 and
    R106; whether they are all found, N101): an edit of one of them, in a file of neither the
    class nor its descendants, judges the class again, and so does the edit undone."""
    spec, a, m, old, new = DESCENDANTS_BASES[name]
    files = {"pkg/__init__.py": "", "spec.toml": spec, "pkg/m.py": m}
    docs = {"pkg/a.py": a, "pkg/b.py": KIN_B}
    if where == "open":
        docs["pkg/m.py"] = files.pop("pkg/m.py")
    there_and_back(Editor(tmp_path, files, docs), "pkg/m.py", old, new)


@pytest.mark.parametrize("where", ["closed", "open"])
def test_a_raised_exceptions_base_changed(tmp_path: Path, where: str) -> None:
    """Whether a method raises what a behaviour decision names reads the bases of the
    workspace's exception it raises (E101): a base of that exception changed elsewhere
    judges the method's class again, and so does the edit undone."""
    files = {
        "pkg/__init__.py": "",
        "spec.toml": REMOVE_RAISES,
        "pkg/errors.py": "class CartError(KeyError):\n    pass\n",
    }
    docs = {
        "pkg/sub.py": "from pkg.errors import CartError\n\n\nclass Sub:\n"
        "    def remove(self, k):\n        raise CartError(k)\n"
    }
    if where == "open":
        docs["pkg/errors.py"] = files.pop("pkg/errors.py")
    editor = Editor(tmp_path, files, docs)
    assert editor.engine.findings() == []
    editor.check()
    assert editor.edit("pkg/errors.py", "(KeyError)", "(EOFError)")
    assert [f.code for f in editor.engine.findings()] == ["E101"]
    editor.check()
    assert editor.edit("pkg/errors.py", "(EOFError)", "(KeyError)")
    assert editor.engine.findings() == []
    editor.check()


@pytest.mark.parametrize("where", ["closed", "open"])
def test_a_decisions_target_comes_to_name_a_class(tmp_path: Path, where: str) -> None:
    """A decision on ``Cart.items`` is on the member of ``Cart`` while no class is named
    ``Cart.items`` (R102): a class ``items`` defined in a module ``Cart`` elsewhere takes the
    target from the member, and the edit undone gives it back."""
    spec = (
        '[decision.cart-items]\nkind = "representation"\ntarget = "Cart.items"\n'
        'type = "list[str]"\nstatus = "accepted"\n'
    )
    files = {
        "pkg/__init__.py": "",
        "spec.toml": spec,
        "lib/__init__.py": "",
        "lib/Cart.py": "class Other:\n    pass\n",
    }
    docs = {"pkg/cart.py": "class Cart:\n    def __init__(self):\n        self.items = {}\n"}
    if where == "open":
        docs["lib/Cart.py"] = files.pop("lib/Cart.py")
    editor = Editor(tmp_path, files, docs)
    assert [f.code for f in editor.engine.findings()] == ["R102"]
    editor.check()
    assert editor.edit("lib/Cart.py", "class Other:", "class items:")
    assert editor.engine.findings() == []
    editor.check()
    assert editor.edit("lib/Cart.py", "class items:", "class Other:")
    assert [f.code for f in editor.engine.findings()] == ["R102"]
    editor.check()


def test_a_class_defined_twice_holds_its_own_attributes(tmp_path: Path) -> None:
    """A class defined twice in a file: each definition's ``self.size`` holds what that
    definition assigns (found by tests/test_kept_fuzz.py: in a check without kept units,
    the second ``Base`` took what the first holds, a ``Store``: an R105 the editor did not
    find)."""
    first = (
        "from pkg.store import Store\n\n\nclass Base:\n    def __init__(self):\n"
        "        self.size = Store()\n\n    def get(self):\n        return self.size.pop()\n"
    )
    files = {
        "pkg/__init__.py": "",
        "pkg/store.py": "class Store:\n    def __init__(self):\n        self.state = 0\n",
    }
    editor = Editor(tmp_path, files, {"pkg/base.py": first})
    editor.check()
    second = first.split("\n\n\n")[1].replace("Store()", "None")
    assert editor.edit("pkg/base.py", "self.size.pop()\n", "self.size.pop()\n\n\n" + second)
    assert [f.span.line for f in editor.engine.findings() if f.code == "R105"] == [8]
    editor.check()


def test_a_statement_parsed_alone_after_another_documents(tmp_path: Path) -> None:
    """A statement parsed alone again (from its last parse alone) right after a statement
    of another document was: its lines are those of its own document (found by
    tests/test_kept_fuzz.py: tree-sitter's parser kept the line of the other document's
    range start, at the same byte, and ``Store`` came out a line too low)."""
    store = (
        '"""Module 2."""\n\nfrom pkg.m0 import Box\n\n\nclass Store(Box):\n    tags = 1\n'
        '    items = "x"\n\n    def show(self):\n        return 1\n\n\n'
        "def audit(obj):\n    return 1\n"
    )
    box = (
        '"""Module 0."""\n\nfrom enum import Enum\nfrom pkg.m1 import helper\n\n\n'
        "class Box:\n    size = 1\n\n\nclass Mode:\n    pass\n"
    )
    spec = '[decision.say-run]\nkind = "naming"\navoid = ["tags"]\napplies_to = ["attribute"]\n'
    files = {"pkg/__init__.py": "", "spec.toml": spec}
    editor = Editor(tmp_path, files, {"pkg/m2.py": store, "pkg/m0.py": box})
    editor.check()
    assert editor.edit("pkg/m2.py", "tags = 1", "tags = 12")
    editor.check()
    assert editor.edit("pkg/m0.py", "size = 1", "size = 1\n    label = None")
    assert editor.edit("pkg/m2.py", '    items = "x"\n', "")
    assert editor.docs["pkg/m2.py"].spliced == 2 and editor.docs["pkg/m0.py"].spliced == 1
    assert [(f.code, f.span.line) for f in editor.engine.findings()] == [("N102", 6)]
    editor.check()
