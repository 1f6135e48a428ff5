"""Kinds that cross a boundary into an attribute (issue 19, classes 1 and 2): a parameter's
kind read from its docstring or its default (``self.path = path``), and a call's kind read
from what the callee returns (``self.board = self.make_board()``, ``self.grid = helper()``).

Every case is its own package of one workspace, checked once: the cases that must fire
each give one finding at a known line, and the consistent ones none.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from conftest import Check, write_workspace
from specls.cli import rule_doc
from specls.config import load_settings
from specls.docstrings import entries, leading_type
from specls.findings import Finding
from specls.run import check_paths

#: name -> (files, (code, line, fragments of the message)); `mod.py` when one source.
FIRES: dict[str, tuple[dict[str, str] | str, tuple[str, int, tuple[str, ...]]]] = {
    "sphinx_first_word": (
        '''
        class Source:
            def __init__(self, path):
                """A source.

                :param path: str, the file to read
                """
                self.path = path

            def read(self):
                return self.path.read_text()
        ''',
        ("R101", 10, ("as a str in `__init__` (line 7)", "the docstring of `path` says `str`")),
    ),
    "sphinx_typed_field": (
        '''
        class Source:
            def __init__(self, path):
                """:param str path: the file to read"""
                self.path = path

            def read(self):
                return self.path.read_text()
        ''',
        ("R101", 7, ("(line 3)", "the docstring of `path` says `str`")),
    ),
    "sphinx_type_field": (
        '''
        class Source:
            def __init__(self, path):
                """A source.

                :param path: the file to read
                :type path: str
                """
                self.path = path

            def read(self):
                return self.path.read_text()
        ''',
        ("R101", 11, ("calls `.read_text()`", "says `str` (line 5)")),
    ),
    "sphinx_parenthesised": (
        '''
        class Source:
            def __init__(self, path):
                """:param path: (str) the file to read"""
                self.path = path

            def read(self):
                return self.path.read_text()
        ''',
        ("R101", 7, ("says `str`",)),
    ),
    "google_args": (
        '''
        class Source:
            def __init__(self, path):
                """A source.

                Args:
                    path (str): the file to read.
                """
                self.path = path

            def read(self):
                return self.path.read_bytes()
        ''',
        ("R101", 11, ("says `str` (line 6)",)),
    ),
    "numpy_parameters": (
        '''
        class Source:
            def __init__(self, path):
                """A source.

                Parameters
                ----------
                path : str
                    The file to read.
                """
                self.path = path

            def read(self):
                return self.path.open()
        ''',
        ("R101", 13, ("says `str` (line 7)",)),
    ),
    "doc_list_then_str_key": (
        '''
        class Names:
            def __init__(self, names):
                """:param names: list of str, the names known"""
                self.names = names

            def rename(self, old, new):
                self.names["old"] = new
        ''',
        ("R101", 7, ("used as a dict", "as a list in `__init__`")),
    ),
    "default_int": (
        """
        class Waiter:
            def __init__(self, timeout=30):
                self.timeout = timeout

            def wait(self):
                return self.timeout.total_seconds()
        """,
        ("R101", 6, ("as a number in `__init__`", "`timeout` defaults to `30` (line 2)")),
    ),
    "default_empty_str": (
        """
        class Tagged:
            def __init__(self, tags=""):
                self.tags = tags

            def tag(self, t):
                self.tags.add(t)
        """,
        ("R101", 6, ("as a str in `__init__`", 'defaults to `""`')),
    ),
    "default_tuple_appended": (
        """
        class Flags:
            def __init__(self, flags=()):
                self.flags = flags

            def set(self, f):
                self.flags.append(f)
        """,
        ("R101", 6, ("as a tuple in `__init__`", "defaults to `()`")),
    ),
    "none_default_or_list": (
        """
        class Bag:
            def __init__(self, items=None):
                self.items = items or []

            def put(self, key, value):
                self.items["k"] = value
        """,
        ("R101", 6, ("used as a dict", "as a list in `__init__`")),
    ),
    "none_default_conditional": (
        """
        class Bag:
            def __init__(self, items=None):
                self.items = items if items is not None else []

            def put(self, value):
                self.items["k"] = value
        """,
        ("R101", 6, ("used as a dict", "as a list in `__init__`")),
    ),
    "none_default_conditional_reversed": (
        """
        class Bag:
            def __init__(self, items=None):
                self.items = {} if items is None else items

            def put(self, value):
                self.items.append(value)
        """,
        ("R101", 6, ("as a dict in `__init__`",)),
    ),
    "param_doc_against_class_doc": (
        '''
        class Roster:
            """A roster.

            Attributes:
                names (dict): name -> person.
            """

            def __init__(self, names):
                """:param names: list of str"""
                self.names = names
        ''',
        ("R103", 10, ("assigned the parameter `names` (a list)", "says `dict`")),
    ),
    "method_returns_comprehension": (
        """
        class Game:
            def __init__(self):
                self.board = self.make_board()

            def make_board(self):
                return [[" "] * 3 for _ in range(3)]

            def mark(self, cell, player):
                self.board["cell"] = player
        """,
        (
            "R101",
            9,
            ("as a list in `__init__` (line 3)", "`make_board` returns a list comprehension"),
        ),
    ),
    "method_returns_literal": (
        """
        class Cache:
            def __init__(self):
                self.entries = self.empty()

            def empty(self):
                return []

            def lookup(self, key):
                return self.entries.get(key)
        """,
        ("R101", 9, ("`empty` returns a list (line 6)",)),
    ),
    "method_returns_attribute": (
        """
        class Grid:
            def __init__(self):
                self._cells = []
                self.view = self.cells()

            def cells(self):
                return self._cells

            def label(self, name, value):
                self.view["name"] = value
        """,
        ("R101", 10, ("`cells` returns `self._cells`, a list",)),
    ),
    "method_annotated": (
        """
        class Game:
            def __init__(self):
                self.board = self.make_board()

            def make_board(self) -> list[list[str]]:
                return build(3)

            def mark(self, player):
                self.board["cell"] = player
        """,
        ("R101", 9, ("`make_board` is annotated `-> list[list[str]]` (line 5)",)),
    ),
    "static_method_returns_list": (
        """
        class Deck:
            def __init__(self):
                self.cards = self.fresh()

            @staticmethod
            def fresh():
                return [(r, s) for r in range(13) for s in range(4)]

            def top(self):
                return self.cards.popitem()
        """,
        ("R101", 10, ("`fresh` returns a list comprehension",)),
    ),
    "base_method_in_file": (
        """
        class Base:
            def make_store(self):
                return {}

        class Store(Base):
            def __init__(self):
                self.store = self.make_store()

            def add(self, item):
                self.store.append(item)
        """,
        ("R101", 10, ("as a dict in `__init__`", "`make_store` returns a dict (line 3)")),
    ),
    "module_function_returns": (
        """
        def load_rows(path):
            if not path:
                return {}
            return {row: None for row in open(path)}

        class Table:
            def __init__(self, path):
                self.rows = load_rows(path)

            def add(self, row):
                self.rows.append(row)
        """,
        ("R101", 11, ("as a dict in `__init__`", "`load_rows` returns a dict (line 3)")),
    ),
    "module_function_returns_local": (
        """
        def parse(text):
            rows = []
            for line in text.splitlines():
                rows.append(line.split(","))
            return rows

        class Sheet:
            def __init__(self, text):
                self.rows = parse(text)

            def cell(self, name):
                return self.rows.get(name)
        """,
        ("R101", 12, ("`parse` returns `rows` (a list) (line 5)",)),
    ),
    "module_function_annotated": (
        """
        class Table:
            def __init__(self):
                self.rows = read_rows()

            def first(self):
                return self.rows.popleft()

        def read_rows() -> dict[str, int]:
            return parse()
        """,
        ("R101", 6, ("`read_rows` is annotated `-> dict[str, int]` (line 8)",)),
    ),
    "call_is_the_odd_side": (
        """
        class Feed:
            def __init__(self):
                self.items = []

            def add(self, item):
                self.items.append(item)

            def reload(self):
                self.items = self.load()

            def load(self):
                return {i: i for i in range(3)}
        """,
        ("R101", 9, ("(assigned `self.load(...)` (a dict), where `load` returns a dict",)),
    ),
}

SILENT: dict[str, dict[str, str] | str] = {
    "default_narrowed_by_isinstance": """
        class DateTime:
            def __init__(self, value=0):
                if isinstance(value, str):
                    self.value = value
                else:
                    self.value = format_time(value)

            def decode(self, data):
                self.value = str(data).strip()
        """,  # (xmlrpc.client.DateTime: `0` is one kind the value may have, not the kind)
    "doc_type_not_first_word": '''
        class Source:
            def __init__(self, path):
                """:param path: the str naming the file"""
                self.path = path

            def read(self):
                return self.path.read_text()
        ''',
    "doc_verb_set": '''
        class Seen:
            def __init__(self, seen):
                """:param seen: set to None to start empty"""
                self.seen = seen

            def mark(self, x):
                self.seen.append(x)
        ''',
    "doc_prose_word": '''
        class Waiter:
            def __init__(self, time):
                """:param time: time to wait, as a timedelta"""
                self.time = time

            def wait(self):
                return self.time.total_seconds()
        ''',
    "doc_type_consistent": '''
        class Names:
            def __init__(self, names):
                """:param names: list of str, the names known"""
                self.names = names

            def add(self, name):
                self.names.append(name)

            def first(self):
                return self.names[0]
        ''',
    "doc_union": '''
        class Data:
            def __init__(self, data):
                """:param data: dict or list, the payload"""
                self.data = data

            def keys(self):
                return self.data.keys()

            def add(self, x):
                self.data.append(x)
        ''',
    "none_default_only": """
        class Source:
            def __init__(self, path=None):
                self.path = path

            def read(self):
                return self.path.read_text()
        """,
    "default_converted": """
        class Flags:
            def __init__(self, flags=()):
                self.flags = list(flags)

            def set(self, f):
                self.flags.append(f)
        """,
    "default_rebound_to_list": """
        class Flags:
            def __init__(self, flags=()):
                flags = list(flags)
                self.flags = flags

            def set(self, f):
                self.flags.append(f)
        """,
    "default_rebound_to_unknown": """
        class Source:
            def __init__(self, path=""):
                path = make_path(path)
                self.path = path

            def read(self):
                return self.path.read_text()
        """,
    "default_number_used_as_number": """
        class Rate:
            def __init__(self, rate=1):
                self.rate = rate

            def bump(self):
                self.rate += 0.5
                return self.rate.real, self.rate.conjugate()
        """,
    "default_tested_with_isinstance": """
        class Source:
            def __init__(self, path=""):
                self.path = path

            def read(self):
                if isinstance(self.path, str):
                    return open(self.path).read()
                return self.path.read_text()
        """,
    "conditional_on_another_name": """
        class Bag:
            def __init__(self, items=None, fresh=False):
                self.items = items if fresh else []

            def put(self, value):
                self.items["k"] = value
        """,
    "conditional_fallback_unknown": """
        class Bag:
            def __init__(self, items=None):
                self.items = items if items is not None else default_items()

            def put(self, value):
                self.items["k"] = value
        """,
    "returns_disagree": """
        class Game:
            def __init__(self):
                self.board = self.make_board()

            def make_board(self):
                if SMALL:
                    return []
                return {}

            def mark(self, player):
                self.board["cell"] = player
        """,
    "one_return_unknown": """
        class Game:
            def __init__(self):
                self.board = self.make_board()

            def make_board(self):
                if SAVED:
                    return self.restore()
                return []

            def mark(self, player):
                self.board["cell"] = player
        """,
    "generator": """
        class Feed:
            def __init__(self):
                self.items = self.fetch()

            def fetch(self):
                yield []

            def first(self):
                return self.items.send(None)
        """,
    "decorated_other": """
        import contextlib

        class Session:
            def __init__(self):
                self.scope = self.opened()

            @contextlib.contextmanager
            def opened(self):
                return []

            def close(self):
                self.scope.__exit__(None, None, None)
                return self.scope.gen
        """,
    "async_method": """
        class Client:
            def __init__(self):
                self.pending = self.fetch()

            async def fetch(self):
                return []

            def cancel(self):
                self.pending.close()
        """,
    "returned_attribute_mixed": """
        class Grid:
            def __init__(self):
                self._cells = [] if LISTS else {}
                self.view = self.cells()

            def cells(self):
                return self._cells

            def label(self, value):
                self.view["name"] = value
        """,
    "subclass_overrides_in_file": """
        class Store:
            def __init__(self):
                self.store = self.make_store()

            def make_store(self):
                return []

            def find(self, key):
                return self.store.get(key)

        class KeyedStore(Store):
            def make_store(self):
                return {}
        """,
    "subclass_overrides_in_other_file": {
        "base.py": """
            class Shelf:
                def __init__(self):
                    self.store = self.make_store()

                def make_store(self):
                    return []

                def find(self, key):
                    return self.store.get(key)
            """,
        "keyed.py": """
            from subclass_overrides_in_other_file.base import Shelf

            class KeyedShelf(Shelf):
                def make_store(self):
                    return {}
            """,
    },
    "method_is_an_attribute_too": """
        class Game:
            def __init__(self, factory):
                self.make_board = factory
                self.board = self.make_board()

            def make_board(self):
                return []

            def mark(self, player):
                self.board["cell"] = player
        """,
    "base_outside_the_file_first": """
        from lib import Loader

        class Base:
            def make_store(self):
                return {}

        class Store(Loader, Base):
            def __init__(self):
                self.store = self.make_store()

            def add(self, item):
                self.store.append(item)
        """,
    "diamond_of_bases": """
        class Base:
            def make_store(self):
                return []

        class Left(Base):
            pass

        class Right(Base):
            def make_store(self):
                return {}

        class Shop(Left, Right):
            def __init__(self):
                self.store = self.make_store()

            def put(self, value):
                self.store["k"] = value
        """,
    "method_not_found": """
        class Store:
            def __init__(self):
                self.store = self.make_store()

            def add(self, item):
                self.store.append(item)
        """,
    "function_local_rebound_unknown": """
        def parse(text):
            rows = []
            rows = transform(rows, text)
            return rows

        class Sheet:
            def __init__(self, text):
                self.rows = parse(text)

            def cell(self, name):
                return self.rows.get(name)
        """,
    "function_rebound": """
        def load_rows():
            return {}

        load_rows = cached(load_rows)

        class Table:
            def __init__(self):
                self.rows = load_rows()

            def add(self, row):
                self.rows.append(row)
        """,
    "function_imported_and_local": """
        def load_rows():
            return {}

        class Table:
            def __init__(self):
                def load_rows():
                    return []
                self.rows = load_rows()

            def add(self, row):
                self.rows.append(row)
        """,
    "function_decorated": """
        import functools

        @functools.wraps(other)
        def load_rows():
            return {}

        class Table:
            def __init__(self):
                self.rows = load_rows()

            def add(self, row):
                self.rows.append(row)
        """,
    "returns_consistent_with_use": """
        class Game:
            def __init__(self):
                self.board = self.make_board()
                self.cache = self.empty_cache()

            def make_board(self):
                return [[" "] * 3 for _ in range(3)]

            def empty_cache(self):
                if NONE:
                    return None
                if NOTHING:
                    return
                return []

            def mark(self, row, col, player):
                self.board[row][col] = player
                self.board.append([])
                if self.cache is not None:
                    self.cache.append((row, col))
        """,
    "returns_only_none": """
        class Game:
            def __init__(self):
                self.board = self.reset()

            def reset(self):
                self.moves = 0
                return None

            def mark(self, player):
                self.board["cell"] = player
        """,
    "cycle": """
        class Loop:
            def __init__(self):
                self.a = self.get_a()

            def get_a(self):
                return self.a

            def use(self):
                self.a["k"] = 1
        """,
}


def _package(name: str, files: dict[str, str] | str) -> dict[str, str]:
    if isinstance(files, str):
        files = {"mod.py": files}
    out = {f"{name}/__init__.py": ""}
    for path, text in files.items():
        out[f"{name}/{path}"] = textwrap.dedent(text)
    return out


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Finding]]:
    """Findings of every case, by case name (one check of one workspace holding them all)."""
    root: Path = tmp_path_factory.mktemp("boundaries")
    files: dict[str, str] = {}
    for name, (source, _) in FIRES.items():
        files.update(_package(name, source))
    for name, source in SILENT.items():
        files.update(_package(name, source))
    write_workspace(root, files)
    settings = load_settings(root)
    settings.select = ["R101", "R102", "R103", "R104"]
    result = check_paths([root], settings)
    assert not [n for n in result.notes if "internal error" in n]
    out: dict[str, list[Finding]] = {name: [] for name in [*FIRES, *SILENT]}
    for f in result.findings:
        out[Path(f.path).relative_to(root).parts[0]].append(f)
    return out


@pytest.mark.parametrize("name", list(FIRES))
def test_kind_across_the_boundary_fires(name: str, found: dict[str, list[Finding]]) -> None:
    code, line, fragments = FIRES[name][1]
    assert [(f.code, f.span.line + 1) for f in found[name]] == [(code, line)], [
        f.message for f in found[name]
    ]
    message = found[name][0].message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize("name", list(SILENT))
def test_consistent_or_unknown_stays_silent(name: str, found: dict[str, list[Finding]]) -> None:
    assert [f.message for f in found[name]] == []


def test_related_locations_name_where_the_kind_was_read(found: dict[str, list[Finding]]) -> None:
    """The docstring line of the parameter, the return of the function: the user sees why
    specls thinks the attribute is a str or a list."""
    doc = found["sphinx_first_word"][0]
    assert (5, "used as a str: the docstring of `path` says `str`") in [
        (r.span.line + 1, r.message) for r in doc.related
    ]
    ret = found["method_returns_comprehension"][0]
    assert (6, "used as a list: `make_board` returns a list comprehension") in [
        (r.span.line + 1, r.message) for r in ret.related
    ]
    odd = found["call_is_the_odd_side"][0]  # the finding's own side: its origin comes first
    assert (odd.related[0].span.line + 1, odd.related[0].message) == (
        12,
        "`load` returns a dict comprehension",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("str, the file", "str"),
        ("str", "str"),
        ("(str) the file", "str"),
        ("int or None. How often", "int or None"),
        ("list of str, the names", "list of str"),
        ("dict[str, int]: name -> count", "dict[str, int]"),
        ("Path - where it is", "Path"),
        ("set to True to enable", None),
        ("time to wait", None),
        ("string to search", None),
        ("the str to read", None),
        ("None", None),
        ("list[str", None),
    ],
)
def test_leading_type_of_a_description(text: str, expected: str | None) -> None:
    assert leading_type(text) == expected


def test_leading_type_is_read_for_params_only() -> None:
    doc = ":param path: str, the file\n:ivar items: list, what was read\n"
    assert [(e.name, e.type_text) for e in entries(doc, "params")] == [("path", "str")]
    assert entries(doc, "attributes") == []


@pytest.mark.parametrize(
    "title", ["Fires through a parameter's docstring", "Fires through a return"]
)
def test_documented_boundary_examples_fire(title: str, check: Check) -> None:
    blocks = _rule_doc_blocks("R101")
    assert [f.code for f in check(blocks[title], select=["R101"])] == ["R101"]


def _rule_doc_blocks(code: str) -> dict[str, str]:
    doc = rule_doc(code) or ""
    block = re.compile(r"^## (?P<title>[^\n]+)\n+```python\n(?P<body>.*?)^```", re.M | re.S)
    return {m.group("title").strip(): m.group("body") for m in block.finditer(doc)}


def test_an_edit_of_the_callee_alone_changes_the_kind() -> None:
    """An editor reuses the facts of the statements an edit left alone: the class below is
    one of them when only the function changes, and still gets the function's new kind
    (the facts given for the edit before keep theirs)."""
    from specls.extract import ChunkCache, extract, parse

    def kinds(facts: object) -> object:
        (cls,) = facts.classes  # type: ignore[attr-defined]
        return [(e.attr, e.kinds and sorted(e.kinds)) for e in cls.evidence if e.role == "held"]

    chunks = ChunkCache()
    source = (
        b"def load():\n    return {}\n\n"
        b"class T:\n    def __init__(self):\n        self.rows = load()\n"
    )
    first = extract(source, "m.py", "m", parse(source), chunks)
    assert kinds(first) == [("rows", ["dict"])]
    for returned, expected in ((b"[]", ["list"]), (b"fetch()", None), (b"{}", ["dict"])):
        edited = source.replace(b"{}", returned, 1)
        assert kinds(extract(edited, "m.py", "m", parse(edited), chunks)) == [("rows", expected)]
    assert kinds(first) == [("rows", ["dict"])]
