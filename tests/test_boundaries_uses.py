"""Issue 19, classes 1, 2, 4 and 5: kinds through parameters' docstrings and defaults, a
workspace class read through the attribute holding it, use against use, list writes that
always fail. Each detection has cases that must fire and cases that must stay silent."""

from __future__ import annotations

import pytest

from conftest import Check, codes

# -- 1: parameters' docstring types, in every form ----------------------------------------------

_DOCS = {
    "sphinx-first-word": ":param path: str, the file to read",
    "sphinx-typed": ":param str path: the file to read",
    "sphinx-type-line": ":param path: the file to read\n        :type path: str",
    "sphinx-paren": ":param path: (str) the file to read",
    "google": "Args:\n            path (str): the file to read",
    "google-optional": "Args:\n            path (str, optional): the file",
    "google-role": "Args:\n            path (:obj:`str`): the file",
    "numpy": "Parameters\n        ----------\n        path : str\n            the file",
    "numpy-optional": "Parameters\n        ----------\n        path : str, optional\n            x",
    "numpy-or-none": "Parameters\n        ----------\n        path : str or None\n            x",
}


@pytest.mark.parametrize("doc", list(_DOCS.values()), ids=list(_DOCS))
def test_docstring_type_of_a_parameter_stored_in_an_attribute(check: Check, doc: str) -> None:
    found = check(
        f'''
class Reader:
    def __init__(self, path=None):
        """Make a reader.

        {doc}
        """
        self.path = path

    def more(self, x):
        self.path.append(x)
''',
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "as a str in `__init__`" in found[0].message
    assert "the docstring of `path` says" in found[0].message


@pytest.mark.parametrize(
    ("doc", "use"),
    [
        ("Parameters\n    ----------\n    names : list of str\n        the names", "items()"),
        ("Args:\n        names (dict): the names", "append(1)"),
        ("Args:\n        names (int or None): how many", "append(1)"),
    ],
)
def test_class_docstring_documents_the_constructor(check: Check, doc: str, use: str) -> None:
    found = check(
        f'''
class Names:
    """Names.

    {doc}
    """

    def __init__(self, names):
        self.names = names

    def more(self):
        return self.names.{use}
''',
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert found[0].related  # the docstring entry, in the class docstring


@pytest.mark.parametrize(
    "doc",
    [
        ":param path: string path to the file",  # prose, not a type
        ":param path: the str or list of names",
        ":param path: str or list, the names",
        "Parameters\n        ----------\n        path : str or list of str\n            x",
    ],
)
def test_docstrings_that_allow_both_or_say_no_type_are_silent(check: Check, doc: str) -> None:
    found = check(
        f'''
class Reader:
    def __init__(self, path):
        """Make a reader.

        {doc}
        """
        self.path = path

    def more(self, x):
        self.path.append(x)
''',
        select=["R101"],
    )
    assert found == []


def test_class_docstring_is_not_a_methods_docstring(check: Check) -> None:
    found = check(
        '''
class Names:
    """Names.

    Args:
        names (str): the names
    """

    def __init__(self):
        self.names = []

    def load(self, names):
        self.names = names

    def more(self):
        self.names.append(1)
''',
        select=["R101"],
    )
    assert found == []


@pytest.mark.parametrize(
    ("init", "use"),
    [
        ("def __init__(self, limit=10):\n        self.items = limit", "self.items.append(1)"),
        ('def __init__(self, name=""):\n        self.items = name', "self.items.append(1)"),
        ("def __init__(self, items=()):\n        self.items = items", "self.items.append(1)"),
        ("def __init__(self, *, n=0):\n        self.items = n", "self.items.append(1)"),
        (
            "def __init__(self, items=None):\n        self.items = items or []",
            "self.items.values()",
        ),
        (
            "def __init__(self, items=None):\n        self.items = list(items or ())",
            "self.items.values()",
        ),
        (
            "def __init__(self, items=None):\n"
            "        self.items = items if items is not None else {}",
            "self.items.append(1)",
        ),
    ],
)
def test_parameter_defaults_give_kinds(check: Check, init: str, use: str) -> None:
    found = check(
        f"""
class Box:
    {init}

    def more(self):
        return {use}
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]


@pytest.mark.parametrize(
    "body",
    [
        "return self.items + 1",  # a number used as one
        "if isinstance(self.items, list):\n            self.items.append(1)",
    ],
)
def test_parameter_defaults_used_consistently_are_silent(check: Check, body: str) -> None:
    found = check(
        f"""
class Box:
    def __init__(self, limit=10):
        self.items = limit

    def more(self):
        {body}
""",
        select=["R101"],
    )
    assert found == []


# -- 2: a workspace class's constructor, members read through it --------------------------------

INVENTORY = """
class Inventory:
    kind = "shop"

    def __init__(self):
        self.stock = {}

    @property
    def size(self):
        return len(self.stock)

    def total(self):
        return sum(self.stock.values())
"""


def test_misspelled_member_through_a_constructed_instance_across_files(check: Check) -> None:
    found = check(
        {
            "inv.py": INVENTORY,
            "shop.py": """
from inv import Inventory


class Shop:
    def __init__(self):
        self.inventory = Inventory()

    def count(self):
        return len(self.inventory.stok)
""",
        },
        select=["R105"],
    )
    assert codes(found) == ["R105"]
    f = found[0]
    assert f.path.endswith("shop.py") and f.span.line == 8
    assert "`Inventory.stok` is read on `self.inventory` (an `Inventory`" in f.message
    assert "did you mean `stock`?" in f.message
    paths = {r.path.rsplit("/", 1)[-1] for r in f.related}
    assert paths == {"shop.py", "inv.py"}  # where it is assigned, where `stock` is


@pytest.mark.parametrize(
    ("made", "extra"),
    [
        ("Inventory()", ""),
        ("make()", "\n\ndef make() -> Inventory:\n    return Inventory()\n"),
        ("make()", '\n\ndef make() -> "Inventory":\n    return Inventory()\n'),
        ("make()", "\n\ndef make() -> Optional[Inventory]:\n    return Inventory()\n"),
    ],
)
def test_reads_through_constructors_and_annotated_returns(
    check: Check, made: str, extra: str
) -> None:
    found = check(
        "from typing import Optional\n"
        + INVENTORY
        + extra
        + f"""

class Shop:
    def __init__(self):
        self.inventory = {made}

    def count(self):
        return self.inventory.totl()
""",
        select=["R105"],
    )
    assert codes(found) == ["R105"]
    assert "did you mean `total`?" in found[0].message


def test_read_through_an_annotated_parameter_stored(check: Check) -> None:
    found = check(
        INVENTORY
        + """

class Shop:
    def __init__(self, inventory: "Inventory"):
        self.inventory = inventory

    def count(self):
        return self.inventory.stok
""",
        select=["R105"],
    )
    assert codes(found) == ["R105"]


def test_factory_method_annotated_with_the_class(check: Check) -> None:
    found = check(
        INVENTORY
        + """

class Shop:
    def __init__(self):
        self.inventory = self.make()

    def make(self) -> Inventory:
        return Inventory()

    def count(self):
        return self.inventory.stok
""",
        select=["R105"],
    )
    assert codes(found) == ["R105"]


def test_chain_append_through_an_annotated_return(check: Check) -> None:
    found = check(
        INVENTORY
        + """

def make() -> Inventory:
    return Inventory()


class Shop:
    def __init__(self):
        self.inventory = make()

    def put(self, x):
        self.inventory.stock.append(x)
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "`Inventory.stock` is used as a list in `Shop.put`" in found[0].message


def test_dataclass_fields_provide_members(check: Check) -> None:
    src = """
from dataclasses import dataclass


@dataclass
class Inventory:
    stock: dict


class Shop:
    def __init__(self):
        self.inventory = Inventory({{}})

    def count(self):
        return self.inventory.{name}
"""
    assert codes(check(src.format(name="stok"), select=["R105"])) == ["R105"]
    assert check(src.format(name="stock"), select=["R105"]) == []


@pytest.mark.parametrize(
    ("inventory", "shop"),
    [
        # every name it provides: attributes, class attributes, properties, methods
        (
            INVENTORY,
            "return self.inventory.stock, self.inventory.kind, self.inventory.size, "
            "self.inventory.total()",
        ),
        # __getattr__
        (
            INVENTORY + "\n    def __getattr__(self, name):\n        return 0\n",
            "return self.inventory.stok",
        ),
        # __slots__
        (
            INVENTORY.replace('kind = "shop"', '__slots__ = ("stock", "stok")'),
            "return self.inventory.stok",
        ),
        # set in another method, or by a classmethod
        (
            INVENTORY + "\n    def load(self):\n        self.stok = {}\n",
            "return self.inventory.stok",
        ),
        (
            INVENTORY + "\n    @classmethod\n    def s(cls):\n        cls.stok = 1\n",
            "return self.inventory.stok",
        ),
        # setattr
        (
            INVENTORY.replace(
                "self.stock = {}", "self.stock = {}\n        setattr(self, 'stok', 1)"
            ),
            "return self.inventory.stok",
        ),
        # a subclass provides it
        (
            INVENTORY + "\n\nclass Big(Inventory):\n    def __init__(self):\n"
            "        self.stok = 1\n",
            "return self.inventory.stok",
        ),
        # stored from outside
        (INVENTORY + "\n\nInventory.stok = 3\n", "return self.inventory.stok"),
        # a base from outside the workspace
        (
            INVENTORY.replace("class Inventory:", "class Inventory(Base):"),
            "return self.inventory.stok",
        ),
    ],
)
def test_members_provided_or_unknowable_are_silent(check: Check, inventory: str, shop: str) -> None:
    found = check(
        "from lib import Base\n"
        + inventory
        + f"""

class Shop:
    def __init__(self):
        self.inventory = Inventory()

    def count(self):
        {shop}
""",
        select=["R105"],
    )
    assert [f.message for f in found if "`Shop." in f.message] == []
    assert found == [] or "setattr" in inventory


@pytest.mark.parametrize(
    ("init", "extra", "read"),
    [
        # reassigned another value elsewhere
        ("self.inventory = Inventory()", "def swap(self, x):\n        self.inventory = x", ""),
        # an unannotated factory
        ("self.inventory = make()", "", ""),
        # a factory method a subclass overrides
        ("self.inventory = self.make()", "def make(self) -> Inventory:\n        return 1", "sub"),
        # asked first, or guarded
        (
            "self.inventory = Inventory()",
            "",
            "if hasattr(self.inventory, 'stok'):\n            return self.inventory.stok",
        ),
        (
            "self.inventory = Inventory()",
            "",
            "try:\n            return self.inventory.stok\n        except AttributeError:\n"
            "            return 0",
        ),
    ],
)
def test_reads_through_unsure_holders_are_silent(
    check: Check, init: str, extra: str, read: str
) -> None:
    sub = "\n\nclass Other(Shop):\n    def make(self):\n        return object()\n"
    found = check(
        INVENTORY
        + "\n\ndef make():\n    return Inventory()\n"
        + f"""

class Shop:
    def __init__(self):
        {init}

    {extra or "pass"}

    def count(self):
        {read if read and read != "sub" else "return self.inventory.stok"}
"""
        + (sub if read == "sub" else ""),
        select=["R105"],
    )
    assert found == []


def test_enum_and_exception_holders_are_silent(check: Check) -> None:
    found = check(
        """
from enum import Enum


class Color(Enum):
    RED = 1


class Oops(Exception):
    def __init__(self):
        super().__init__("x")


class Shop:
    def __init__(self):
        self.color = Color(1)
        self.err = Oops()

    def count(self):
        return self.color.value, self.err.args, self.err.with_traceback
""",
        select=["R105"],
    )
    assert found == []


# -- 4: use against use -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "two", "labels"),
    [
        ("self.data.lower()", "self.data.items()", ("a dict", "a str")),
        ("self.data.get(x)", "self.data.split()", ("a str", "a dict")),
        ("self.data.items()", "self.data.sort()", ("a list", "a dict")),
        ("self.data.popleft()", "self.data.values()", ("a dict", "a `deque`")),
        ("self.data.discard(x)", "self.data.get(x)", ("a dict", "a set")),
        ("self.data += 1", "self.data.append(x)", ("a list", "a number")),
        ("self.data -= 1", "self.data.items()", ("a dict", "a number")),
        ("self.data += 1", "self.data.startswith('a')", ("a str", "a number")),
    ],
)
def test_strong_uses_newly_judged(check: Check, one: str, two: str, labels: tuple) -> None:
    found = check(
        f"""
class Box:
    def __init__(self, data):
        self.data = data

    def first(self, x):
        {one}

    def second(self, x):
        return {two}
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    msg = found[0].message
    assert f"is used as {labels[0]} in `second`" in msg
    assert f"but as {labels[1]} in `first`" in msg
    assert "no type supports both" in msg


def test_use_against_use_names_both_writers_places(check: Check) -> None:
    found = check(
        """
class Box:
    def __init__(self, data):
        self.data = data

    def count(self):
        self.data += 1

    def keys(self):
        return list(self.data.items())
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert found[0].span.line == 8  # (0-based)
    assert [r.span.line for r in found[0].related] == [5]


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("self.data.get(x)", "self.data.insert(0, x)"),  # an XML element has both
        ("self.data.get(x)", "self.data.add(x, 1)"),  # a cache has both
        ("self.data.popleft()", "self.data.appendleft(x)"),  # one deque
        ("self.data += 'x'", "self.data.lower()"),  # a str
        ("self.data += [x]", "self.data.append(x)"),  # a list
        ("self.data *= 2", "self.data.append(x)"),  # a list may be repeated
        ("self.data += 1", "self.data.real"),
        ("len(self.data)", "self.data.get(x)"),  # weak
        ("self.data.count(x)", "self.data.items()"),
        ("self.data.pop()", "self.data.popleft()"),
    ],
)
def test_new_strong_uses_stay_neutral_where_a_type_has_both(
    check: Check, one: str, two: str
) -> None:
    found = check(
        f"""
class Box:
    def __init__(self, data):
        self.data = data

    def first(self, x):
        {one}

    def second(self, x):
        return {two}
""",
        select=["R101"],
    )
    assert found == []


def test_workspace_class_with_iadd_and_append_is_silent(check: Check) -> None:
    found = check(
        """
class Bag:
    def __init__(self):
        self.parts = []

    def append(self, x):
        self.parts.append(x)

    def __iadd__(self, n):
        return self


class Box:
    def __init__(self, data):
        self.data = data

    def first(self):
        self.data += 1

    def second(self, x):
        self.data.append(x)
""",
        select=["R101"],
    )
    assert found == []


# -- 5: list writes that always fail ----------------------------------------------------------


@pytest.mark.parametrize(
    "put",
    [
        "self.items[str(n)] = v",
        "self.items[n.lower()] = v",
        "key = n.strip()\n        self.items[key] = v",
        "key = f'n{n}'\n        self.items[key] = v",
        "for k in ['a', 'b']:\n            self.items[k] = v",
        "for k in ('a', 'b'):\n            self.items[k] = v",
        "names = {'a': 1}\n        for k in names:\n            self.items[k] = v",
        "names = {'a': 1}\n        for k in names.keys():\n            self.items[k] = v",
    ],
)
def test_list_item_assigned_by_a_str_key(check: Check, put: str) -> None:
    found = check(
        f"""
class Table:
    def __init__(self):
        self.items = []

    def put(self, n, v):
        {put}
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "item-assigned by the str key" in found[0].message
    assert "but as a list in `__init__`" in found[0].message


@pytest.mark.parametrize(
    "put",
    [
        "for k in ['a', 1]:\n            self.items[k] = v",  # an int too
        "k = 'a'\n        if n:\n            k = n\n        self.items[k] = v",  # rebound
        "names = {'a': 1}\n        names = n\n        for k in names:\n"
        "            self.items[k] = v",
        "self.items[n.bit_length()] = v",
        "self.items[n.count('a')] = v",
        "for i, k in enumerate(['a']):\n            self.items[i] = v",
        "self.items[:] = [n.lower()]",
    ],
)
def test_list_item_assigned_by_keys_of_other_kinds_is_silent(check: Check, put: str) -> None:
    found = check(
        f"""
class Table:
    def __init__(self):
        self.items = []

    def put(self, n, v):
        {put}
""",
        select=["R101"],
    )
    assert found == []


def test_dict_written_by_str_keys_is_silent(check: Check) -> None:
    found = check(
        """
class Table:
    def __init__(self):
        self.items = {}

    def put(self, n, v):
        self.items[n.lower()] = v
        for k in ["a", "b"]:
            self.items[k] = v
""",
        select=["R101"],
    )
    assert found == []


def test_a_class_of_the_same_name_in_another_module_is_not_the_one_constructed(
    check: Check,
) -> None:
    """``queue.SimpleQueue()`` where the workspace's ``queue`` module defines no such class
    and ``multiprocessing/queues.py`` defines one (the standard library checked as a
    workspace): not that class."""
    found = check(
        {
            "queue.py": "try:\n    from _queue import SimpleQueue\nexcept ImportError:\n"
            "    SimpleQueue = None\n",
            "multiprocessing/__init__.py": "",
            "multiprocessing/queues.py": """
class SimpleQueue:
    def __init__(self):
        self._reader = None

    def get(self):
        return self._reader
""",
            "pool.py": """
import queue


class Pool:
    def __init__(self):
        self.work = queue.SimpleQueue()

    def drain(self):
        return self.work.get_nowait()
""",
        },
        select=["R105"],
    )
    assert found == []
