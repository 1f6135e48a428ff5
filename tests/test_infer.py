"""specls infer: the decisions code already makes, proposed — and only those.

Per kind, the cases that must be inferred and (at least as many) that must not; the round
trip (after ``infer --write`` a check of the unchanged code finds nothing against an inferred
decision, and a diverging edit is reported against it) on the bundled example and on the
packages in ``tests/fixtures/infer``; stable ids; the spec file kept byte for byte.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from conftest import write_workspace
from specls.config import load_settings
from specls.infer import Proposal, Scope, infer
from specls.run import load_workspace

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "infer"


def proposals(
    tmp_path: Path, source: str, spec: str = "", kinds: set[str] | None = None
) -> list[Proposal]:
    write_workspace(tmp_path, {"mod.py": source})
    (tmp_path / "spec.toml").write_text(textwrap.dedent(spec).lstrip("\n"))
    ws = load_workspace(load_settings(tmp_path))
    return infer(ws, kinds=kinds)


def values(found: list[Proposal], kind: str) -> dict[str, object]:
    """``target -> the decided value`` of the proposals of one kind."""
    key = {"representation": "type", "invariant": "expr", "naming": "pattern"}
    out: dict[str, object] = {}
    for p in found:
        if p.kind != kind:
            continue
        if kind == "behaviour":
            outcome = p.fields.get("raises") or p.fields.get("returns")
            out[p.target or ""] = (outcome, p.fields["when"])
        else:
            out[p.target or ""] = p.fields[key[kind]]
    return out


def specls(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "specls", *args], cwd=cwd, capture_output=True, text=True
    )


def git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    return subprocess.run([*command, *args], check=True, capture_output=True, text=True).stdout


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


# -- representation -------------------------------------------------------------------------

MUST_INFER_REPRESENTATION = {
    "a dict in three methods": (
        """
        class Inventory:
            def __init__(self):
                self.items = {}

            def add(self, sku, qty):
                self.items[sku] = self.items.get(sku, 0) + qty

            def skus(self):
                return list(self.items.keys())
        """,
        {"Inventory.items": "dict"},
    ),
    "a list of pairs, built and unpacked": (
        """
        class Cart:
            def __init__(self):
                self.lines = []

            def add(self, sku, qty):
                self.lines.append((sku, qty))

            def skus(self):
                return [s for s, _ in self.lines]
        """,
        {"Cart.lines": "list[tuple]"},
    ),
    "a set": (
        """
        class Seen:
            def __init__(self):
                self.names = set()

            def mark(self, name):
                self.names.add(name)

            def forget(self, name):
                self.names.discard(name)
        """,
        {"Seen.names": "set"},
    ),
    "an annotation every use agrees with": (
        """
        class Stock:
            levels: dict[str, int]

            def __init__(self, levels):
                self.levels = levels

            def level(self, sku):
                return self.levels.get(sku, 0)
        """,
        {"Stock.levels": "dict[str, int]"},
    ),
    "a dict made lazily (None until then)": (
        """
        class Element:
            def __init__(self):
                self.attrs = None

            def ensure(self):
                if self.attrs is None:
                    self.attrs = {}

            def get(self, name):
                self.ensure()
                return self.attrs.get(name, "")
        """,
        {"Element.attrs": "Optional[dict]"},
    ),
    "a dict keyed by str with list values": (
        """
        class Index:
            def __init__(self):
                self.by_tag = {}

            def add(self, doc):
                self.by_tag["all"] = [doc]
                self.by_tag["recent"] = [doc]
        """,
        {"Index.by_tag": "dict[str, list]"},
    ),
}

MUST_NOT_INFER_REPRESENTATION = {
    "used in one method only": """
        class Box:
            def __init__(self):
                self.items = []
                self.items.append(1)
        """,
    "assigned from a parameter (kind unknown)": """
        class Box:
            def __init__(self, items):
                self.items = items

            def add(self, x):
                self.items.append(x)
        """,
    "a dict in one method, a list in another (R101)": """
        class Inventory:
            def __init__(self):
                self.items = {}

            def add(self, sku, qty):
                self.items[sku] = qty

            def reset(self):
                self.items = []
        """,
    "a dict iterated as pairs (the uses disagree)": """
        class Order:
            def __init__(self):
                self.items = {}

            def total(self):
                return sum(q for _, q in self.items)
        """,
    "a scalar": """
        class Counter:
            def __init__(self):
                self.count = 0

            def bump(self):
                self.count += 1
        """,
    "a subclass assigns it": """
        class Base:
            def __init__(self):
                self.items = []

            def add(self, x):
                self.items.append(x)

        class Child(Base):
            def reset(self):
                self.items = None
        """,
    "stored through another object": """
        class Box:
            def __init__(self):
                self.items = []

            def add(self, x):
                self.items.append(x)

        def empty(box):
            box.items = {}
        """,
    "checked with isinstance (polymorphic)": """
        class Box:
            def __init__(self):
                self.items = []

            def add(self, x):
                if isinstance(self.items, dict):
                    self.items[x] = 1
                else:
                    self.items.append(x)
        """,
    "a docstring the code contradicts": """
        class Order:
            \"\"\"An order.

            Attributes:
                items (list): the lines.
            \"\"\"

            def __init__(self):
                self.items = {}

            def add(self, sku):
                self.items[sku] = 1
        """,
    "built in two item shapes (R104)": """
        class Log:
            def __init__(self):
                self.events = []

            def add(self, name):
                self.events.append((name, 1))

            def note(self, name):
                self.events.append({"name": name})
        """,
}


@pytest.mark.parametrize("case", sorted(MUST_INFER_REPRESENTATION))
def test_representation_is_inferred(case: str, tmp_path: Path) -> None:
    source, expected = MUST_INFER_REPRESENTATION[case]
    found = proposals(tmp_path, source, kinds={"representation"})
    assert values(found, "representation") == expected


@pytest.mark.parametrize("case", sorted(MUST_NOT_INFER_REPRESENTATION))
def test_representation_is_not_inferred(case: str, tmp_path: Path) -> None:
    found = proposals(tmp_path, MUST_NOT_INFER_REPRESENTATION[case], kinds={"representation"})
    assert values(found, "representation") == {}


def test_element_shape_needs_two_observations(tmp_path: Path) -> None:
    source = """
        class Cart:
            def __init__(self):
                self.lines = []

            def add(self, sku, qty):
                self.lines.append((sku, qty))

            def count(self):
                return len(self.lines)
        """
    assert values(proposals(tmp_path, source), "representation") == {"Cart.lines": "list"}


def test_proposal_shape_and_describe(tmp_path: Path) -> None:
    source, _ = MUST_INFER_REPRESENTATION["a dict in three methods"]
    (p,) = proposals(tmp_path, source, kinds={"representation"})
    assert p.id == "inventory-items" and p.kind == "representation"
    assert p.fields["status"] == "proposed" and p.fields["target"] == "Inventory.items"
    assert p.fields["summary"] == p.summary and p.fields["rationale"] == p.rationale
    assert "uses in `__init__`, `add` and `skus`" in p.rationale
    assert p.describe() == (
        "`Inventory.items` is used as a dict in `__init__`, `add` and `skus` — no decision"
    )
    assert {what for _, _, what in p.evidence} >= {"assigned a dict", "calls `.get()`"}
    assert all(path.endswith("mod.py") for path, _, _ in p.evidence)


# -- behaviour ------------------------------------------------------------------------------

MUST_INFER_BEHAVIOUR = {
    "raises right after testing emptiness": (
        """
        class Stack:
            def __init__(self):
                self.items = []

            def pop(self):
                if not self.items:
                    raise IndexError("pop from an empty stack")
                return self.items.pop()
        """,
        {"Stack.pop": ("IndexError", "self.items is empty")},
    ),
    "returns None when the key is missing": (
        """
        class Cache:
            def __init__(self):
                self.data = {}

            def get(self, key):
                if key not in self.data:
                    return None
                return self.data[key]
        """,
        {"Cache.get": ("None", "key is not in self.data")},
    ),
    "len() == 0 on the same line": (
        """
        class Queue:
            def __init__(self):
                self.items = []

            def first(self):
                if len(self.items) == 0: return -1
                return self.items[0]
        """,
        {"Queue.first": ("-1", "self.items is empty")},
    ),
    "raises when a connection is None": (
        """
        class Client:
            def __init__(self):
                self.conn = None

            def send(self, data):
                if self.conn is None:
                    raise ConnectionError("not connected")
                self.conn.write(data)
        """,
        {"Client.send": ("ConnectionError", "self.conn is None")},
    ),
}

MUST_NOT_INFER_BEHAVIOUR = {
    "the raise is not the next statement": """
        class Stack:
            def __init__(self):
                self.items = []

            def pop(self):
                if not self.items:
                    self.misses = 1
                    self.log("empty")
                    raise IndexError("empty")
                return self.items.pop()
        """,
    "a test on a parameter only": """
        class Sum:
            def __init__(self):
                self.total = []

            def first(self, values):
                if not values:
                    raise ValueError("no values")
                return values[0]
        """,
    "a private method": """
        class Stack:
            def __init__(self):
                self.items = []

            def _pop(self):
                if not self.items:
                    raise IndexError("empty")
                return self.items.pop()
        """,
    "it always returns that value": """
        class Box:
            def __init__(self):
                self.items = []

            def get(self):
                if not self.items:
                    return None
                self.items.clear()
        """,
    "not an empty or missing case": """
        class Account:
            def __init__(self):
                self.balance = 0

            def withdraw(self, amount):
                if amount > self.balance:
                    raise ValueError("insufficient funds")
                self.balance -= amount
        """,
    "a bare re-raise": """
        class Stack:
            def __init__(self):
                self.items = []

            def pop(self):
                if not self.items:
                    raise
                return self.items.pop()
        """,
    "a computed value, not a literal": """
        class Cache:
            def __init__(self):
                self.data = {}

            def get(self, key):
                if key not in self.data:
                    return self.default(key)
                return self.data[key]
        """,
    "a flag, not a container": """
        class Door:
            def __init__(self):
                self.open = False

            def enter(self):
                if not self.open:
                    raise PermissionError("closed")
                return "in"
        """,
    "a nested test, and a later exit next to another use": """
        class Buffer:
            def __init__(self):
                self.lines = []
                self.closed = False

            def readline(self):
                if not self.lines:
                    if self.closed:
                        return ""
                    return None
                line = self.lines.pop()
                if line == "EOF":
                    self.lines.append(line)
                    return ""
                return line
        """,
    "the edge test is not the first": """
        class Stack:
            def __init__(self):
                self.items = []

            def pop(self, strict=False):
                if strict:
                    self.check()
                if not self.items:
                    raise IndexError("empty")
                return self.items.pop()
        """,
    "a sentinel next to a raise of the opposite kind": """
        class Cache:
            def __init__(self):
                self.data = {}

            def get(self, key):
                if key not in self.data:
                    return None
                if key.startswith("_"):
                    raise KeyError(key)
                return self.data[key]
        """,
}


@pytest.mark.parametrize("case", sorted(MUST_INFER_BEHAVIOUR))
def test_behaviour_is_inferred(case: str, tmp_path: Path) -> None:
    source, expected = MUST_INFER_BEHAVIOUR[case]
    found = proposals(tmp_path, source, kinds={"behaviour"})
    assert values(found, "behaviour") == expected


@pytest.mark.parametrize("case", sorted(MUST_NOT_INFER_BEHAVIOUR))
def test_behaviour_is_not_inferred(case: str, tmp_path: Path) -> None:
    found = proposals(tmp_path, MUST_NOT_INFER_BEHAVIOUR[case], kinds={"behaviour"})
    assert values(found, "behaviour") == {}


# -- invariants -----------------------------------------------------------------------------

MUST_INFER_INVARIANT = {
    "a balance checked before every withdrawal": (
        """
        class Account:
            def __init__(self):
                self.balance = 0

            def deposit(self, amount):
                self.balance += amount

            def withdraw(self, amount):
                if amount > self.balance:
                    raise ValueError("insufficient funds")
                self.balance -= amount

            def charge(self, fee):
                if self.balance < fee:
                    return False
                self.balance = self.balance - fee
                return True
        """,
        {"Account": "self.balance >= 0"},
    ),
    "a decrease inside the test that it fits": (
        """
        class Stock:
            def __init__(self):
                self.left = 10

            def take(self, n):
                if n <= self.left:
                    self.left -= n
        """,
        {"Stock": "self.left >= 0"},
    ),
    "tags added only when absent": (
        """
        class Post:
            def __init__(self):
                self.tags = []

            def tag(self, name):
                if name not in self.tags:
                    self.tags.append(name)
        """,
        {"Post": "unique(self.tags)"},
    ),
    "events inserted in order": (
        """
        import bisect

        class Timeline:
            def __init__(self):
                self.events = []

            def add(self, when):
                bisect.insort(self.events, when)
        """,
        {"Timeline": "sorted(self.events)"},
    ),
}

MUST_NOT_INFER_INVARIANT = {
    "a decrease without a test": """
        class Meter:
            def __init__(self):
                self.ticks = 10

            def tick(self):
                self.ticks -= 1
        """,
    "one decrease guarded, another not": """
        class Account:
            def __init__(self):
                self.balance = 0

            def withdraw(self, amount):
                if amount > self.balance:
                    raise ValueError("no")
                self.balance -= amount

            def fee(self):
                self.balance -= 5
        """,
    "assigned a negative literal": """
        class Account:
            def __init__(self):
                self.balance = -1

            def withdraw(self, amount):
                if amount > self.balance:
                    raise ValueError("no")
                self.balance -= amount
        """,
    "assigned a computed value": """
        class Account:
            def __init__(self, opening):
                self.balance = opening

            def withdraw(self, amount):
                if amount > self.balance:
                    raise ValueError("no")
                self.balance -= amount
        """,
    "multiplied": """
        class Account:
            def __init__(self):
                self.balance = 0

            def withdraw(self, amount):
                if amount > self.balance:
                    raise ValueError("no")
                self.balance -= amount

            def scale(self, k):
                self.balance *= k
        """,
    "set from outside the class": """
        class Account:
            def __init__(self):
                self.balance = 0

            def withdraw(self, amount):
                if amount > self.balance:
                    raise ValueError("no")
                self.balance -= amount

        def overdraw(account):
            account.balance = -100
        """,
    "the test compares something else": """
        class Account:
            def __init__(self):
                self.balance = 0
                self.limit = 5

            def withdraw(self, amount):
                if amount > self.limit:
                    raise ValueError("over the limit")
                self.balance -= amount
        """,
    "an append without a membership test": """
        class Post:
            def __init__(self):
                self.tags = []

            def tag(self, name):
                if name not in self.tags:
                    self.tags.append(name)

            def force(self, name):
                self.tags.append(name)
        """,
    "an append never re-sorted": """
        import bisect

        class Timeline:
            def __init__(self):
                self.events = []

            def add(self, when):
                bisect.insort(self.events, when)

            def add_last(self, when):
                self.events.append(when)
        """,
}


@pytest.mark.parametrize("case", sorted(MUST_INFER_INVARIANT))
def test_invariant_is_inferred(case: str, tmp_path: Path) -> None:
    source, expected = MUST_INFER_INVARIANT[case]
    found = proposals(tmp_path, source, kinds={"invariant"})
    assert values(found, "invariant") == expected


@pytest.mark.parametrize("case", sorted(MUST_NOT_INFER_INVARIANT))
def test_invariant_is_not_inferred(case: str, tmp_path: Path) -> None:
    found = proposals(tmp_path, MUST_NOT_INFER_INVARIANT[case], kinds={"invariant"})
    assert values(found, "invariant") == {}


# -- naming -----------------------------------------------------------------------------------


def _methods(names: list[str]) -> str:
    body = "".join(f"    def {n}(self):\n        return 1\n\n" for n in names)
    return f"class Thing:\n{body}"


SNAKE = [f"get_item_{n}" for n in range(200)]


def test_naming_is_inferred_when_every_name_agrees(tmp_path: Path) -> None:
    (p,) = proposals(tmp_path, _methods(SNAKE[:12]), kinds={"naming"})
    assert p.id == "snake-case-names" and p.target is None
    assert p.fields["applies_to"] == ["method"] and p.fields["pattern"] == r"_{0,2}[a-z][a-z0-9_]*"
    assert "12 of 12" in p.describe()


def test_naming_exceptions_are_reported_and_kept_allowed(tmp_path: Path) -> None:
    names = [*SNAKE[:39], "fetchURL"]
    (p,) = proposals(tmp_path, _methods(names), kinds={"naming"})
    assert p.fields["pattern"] == r"_{0,2}[a-z][a-z0-9_]*|fetchURL"
    assert "39 of 40 (98%); exceptions `fetchURL`" in p.describe()
    assert any("fetchURL" in what for _, _, what in p.evidence)


MUST_NOT_INFER_NAMING = {
    "too few names": _methods(SNAKE[:9]),
    "no style dominates": _methods(SNAKE[:14] + [f"getItem{c}" for c in "ABCDEF"]),
    "more than five exceptions (97% agree)": _methods(SNAKE + [f"get{c}Item" for c in "ABCDEF"]),
}


@pytest.mark.parametrize("case", sorted(MUST_NOT_INFER_NAMING))
def test_naming_is_not_inferred(case: str, tmp_path: Path) -> None:
    assert proposals(tmp_path, MUST_NOT_INFER_NAMING[case], kinds={"naming"}) == []


def test_naming_already_decided_is_not_proposed(tmp_path: Path) -> None:
    spec = """
        [decision.methods]
        kind = "naming"
        pattern = "[a-z_]+"
        applies_to = ["method"]
        """
    assert proposals(tmp_path, _methods(SNAKE[:12]), spec, kinds={"naming"}) == []


def test_naming_is_not_proposed_for_one_class(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"mod.py": _methods(SNAKE[:12])})
    ws = load_workspace(load_settings(tmp_path))
    assert infer(ws, scope=Scope.of_class(ws.index.classes[0]), kinds={"naming"}) == []


# -- what the spec already decides, ids, scope ------------------------------------------------


def test_decided_targets_are_skipped_in_any_status(tmp_path: Path) -> None:
    source, _ = MUST_INFER_REPRESENTATION["a dict in three methods"]
    for status in ("accepted", "proposed", "rejected"):
        spec = f"""
            [decision.stock]
            kind = "representation"
            target = "mod.Inventory.items"
            type = "dict"
            status = "{status}"
            """
        assert proposals(tmp_path, source, spec, kinds={"representation"}) == [], status


def test_an_id_the_spec_uses_for_something_else_is_not_taken(tmp_path: Path) -> None:
    source, _ = MUST_INFER_REPRESENTATION["a dict in three methods"]
    spec = """
        [decision.inventory-items]
        kind = "naming"
        avoid = ["stuff"]
        """
    (p,) = proposals(tmp_path, source, spec, kinds={"representation"})
    assert p.id == "mod-inventory-items"


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "library", tmp_path / "lib")
    (tmp_path / "lib" / "spec.toml").write_text("")
    runs = []
    for _ in range(2):
        ws = load_workspace(load_settings(tmp_path / "lib"))
        runs.append([(p.id, p.fields) for p in infer(ws)])
    assert runs[0] == runs[1] and len(runs[0]) > 10


def test_scope_of_paths(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "library", tmp_path / "lib")
    ws = load_workspace(load_settings(tmp_path / "lib"))
    scope = Scope.of_paths(ws, [tmp_path / "lib" / "library" / "members.py"])
    targets = {p.target for p in infer(ws, scope=scope) if p.kind != "naming"}
    assert targets and all(t.startswith("Member") for t in targets)


# -- the round trip ---------------------------------------------------------------------------

#: Per package: edits that diverge from an inferred decision (file, old text, new text),
#: and the id of the decision each diverges from.
DIVERGING = {
    "shop": [("shop/cart.py", "    def add(self", "    def addLine(self", "snake-case-names")],
    "library": [
        (
            "library/catalog.py",
            "self.removed.add(isbn)",
            "self.removed.append(isbn)",
            "catalog-removed",
        ),
        (
            "library/catalog.py",
            "raise KeyError(isbn)",
            "return None",
            "catalog-get-raises",
        ),
        (
            "library/members.py",
            "    def forgive(",
            "    def waive(self, amount: int) -> None:\n"
            "        self.fines -= amount\n\n"
            "    def forgive(",
            "member-fines-non-negative",
        ),
        (
            "library/members.py",
            "    def unfollow(",
            "    def adopt(self, topic: str) -> None:\n"
            "        self.topics.append(topic)\n\n"
            "    def unfollow(",
            "member-topics-unique",
        ),
    ],
    "tasks": [
        (
            "tasks/registry.py",
            "self.aliases[alias] = name",
            "self.aliases = [(alias, name)]",
            "registry-aliases",
        ),
        (
            "tasks/queue.py",
            "            return None\n",
            "            raise IndexError('empty')\n",
            "task-queue-peek-returns",
        ),
        (
            "tasks/budget.py",
            "    def reset(self) -> None:\n        self.left = 100",
            "    def reset(self) -> None:\n        self.left = -1",
            "budget-left-non-negative",
        ),
    ],
}


def _package(name: str, tmp_path: Path) -> Path:
    if name == "shop":
        shutil.copytree(ROOT / "examples" / "shop", tmp_path / name)
    else:
        shutil.copytree(FIXTURES / name, tmp_path / name)
    return tmp_path / name


def _against(root: Path, ids: set[str]) -> list[dict]:
    out = specls("check", "--no-cache", "--format", "json", ".", cwd=root)
    assert out.returncode in (0, 1), out.stderr
    return [f for f in json.loads(out.stdout) if f["decision"] in ids]


@needs_git
@pytest.mark.parametrize("name", sorted(DIVERGING))
def test_round_trip(name: str, tmp_path: Path) -> None:
    root = _package(name, tmp_path)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    head = git(root, "rev-parse", "--short=7", "HEAD").strip()
    before = specls("check", "--no-cache", "--format", "json", ".", cwd=root)
    listed = specls("infer", "--format", "json", ".", cwd=root)
    ids = {p["id"] for p in json.loads(listed.stdout)}
    assert ids, listed.stderr
    wrote = specls("infer", "--write", ".", cwd=root)
    assert wrote.returncode == 0, wrote.stderr
    decisions = tomllib.loads((root / "spec.toml").read_text())["decision"]
    assert ids <= set(decisions)
    assert {decisions[i]["status"] for i in ids} == {"proposed"}
    assert {decisions[i]["since"] for i in ids} == {head}
    # the unchanged code: nothing against an inferred decision, and nothing else new
    assert _against(root, ids) == []
    after = specls("check", "--no-cache", "--format", "json", ".", cwd=root)
    assert len(json.loads(after.stdout)) == len(json.loads(before.stdout))
    assert specls("infer", "--format", "json", ".", cwd=root).stdout.strip() == "[]"
    # each diverging edit is reported against the decision it diverges from
    for path, old, new, ident in DIVERGING[name]:
        assert ident in ids, ident
        file = root / path
        text = file.read_text()
        assert old in text, old
        file.write_text(text.replace(old, new, 1))
        found = _against(root, {ident})
        assert found, f"{ident}: the edit {new!r} is not reported"
        assert {f["severity"] for f in found} == {"hint"}  # proposed: hints, exit 0
        file.write_text(text)


def test_what_the_fixtures_propose(tmp_path: Path) -> None:
    """Every proposal on the fixture packages, read and judged right (precision)."""
    got = {}
    for name in ("library", "tasks"):
        root = _package(name, tmp_path)
        (root / "spec.toml").write_text("")
        ws = load_workspace(load_settings(root))
        got[name] = {p.id for p in infer(ws)}
    assert got["library"] == {
        "catalog-books",
        "catalog-by-author",
        "catalog-removed",
        "loans-active",
        "loans-returned",
        "member-topics",
        "member-visits",
        "snake-case-names",
        "catalog-get-raises",
        "catalog-find-returns",
        "loans-latest-returns",
        "member-last-visit-raises",
        "member-first-visit-returns",
        "member-topics-unique",
        "member-fines-non-negative",
        "member-visits-sorted",
    }
    assert got["tasks"] == {
        "budget-log",
        "task-queue-heap",
        "task-queue-names",
        "registry-handlers",
        "registry-aliases",
        "snake-case-names",
        "task-queue-pop-raises",
        "task-queue-peek-returns",
        "registry-handler-returns",
        "budget-left-non-negative",
    }


# -- the command ------------------------------------------------------------------------------

HAND = """\
# Decisions of the shop — hand-formatted; keep this comment.
[spec]
version = 1

[decision.cart-lines]   # aligned by hand
kind   = "representation"
target = "Cart.lines"
type   = "list[tuple[str, int]]"
"""


def test_write_keeps_every_byte_and_default_output_is_what_it_appends(tmp_path: Path) -> None:
    root = _package("library", tmp_path)
    (root / "spec.toml").write_text(HAND)
    shown = specls("infer", ".", cwd=root)
    assert shown.returncode == 0 and shown.stdout.startswith("[decision.")
    assert (root / "spec.toml").read_text() == HAND  # the default writes nothing
    diff = specls("infer", "--diff", ".", cwd=root)
    assert diff.stdout.startswith("--- a/spec.toml\n+++ b/spec.toml\n")
    assert (root / "spec.toml").read_text() == HAND
    wrote = specls("infer", "--write", ".", cwd=root)
    assert wrote.returncode == 0 and "Recorded 16 proposed decisions in spec.toml" in wrote.stdout
    text = (root / "spec.toml").read_text()
    assert text.startswith(HAND)
    assert shown.stdout.strip() in text and tomllib.loads(text)


def test_select_and_formats(tmp_path: Path) -> None:
    root = _package("tasks", tmp_path)
    out = specls("infer", "--select", "behaviour", "--format", "json", ".", cwd=root)
    data = json.loads(out.stdout)
    assert {p["kind"] for p in data} == {"behaviour"} and len(data) == 3
    first = data[0]
    assert set(first) >= {"id", "kind", "target", "describe", "fields", "evidence", "rationale"}
    assert first["evidence"][0]["path"].endswith(".py") and first["evidence"][0]["line"] > 0
    text = specls("infer", "--select", "invariant", "--format", "text", ".", cwd=root)
    assert text.stdout.startswith("budget-left-non-negative: `self.left >= 0` holds in `Budget`")
    bad = specls("infer", "--select", "colour", ".", cwd=root)
    assert bad.returncode == 2 and "unknown kind colour" in bad.stderr
    missing = specls("infer", "no/such/dir", cwd=root)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_a_path_limits_the_proposals(tmp_path: Path) -> None:
    root = _package("tasks", tmp_path)
    out = specls("infer", "--format", "json", "tasks/budget.py", cwd=root)
    targets = {p["target"] for p in json.loads(out.stdout)}
    assert targets == {"Budget.log", "Budget"}
