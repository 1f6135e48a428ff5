"""Issue 19, the kinds and uses still missed: use against use within the list/deque family
and between dicts and lists (class 4), list writes that always fail (class 5), value kinds
(bytes, timedelta, Decimal, enum members: class 6) and class types in Google, NumPy and Sphinx
docstrings (class 1). Each detection has cases that must fire and cases that must stay silent."""

from __future__ import annotations

import pytest

from conftest import Check, codes

# -- 4: use against use, when the assignment says nothing --------------------------------------

_LIST_USES = {
    "sort": ("self.data.sort()", "a list"),
    "append": ("self.data.append(x)", "a list"),
    "insert": ("self.data.insert(0, x)", "a list"),
    "extend": ("self.data.extend([x])", "a list"),
    "reverse": ("self.data.reverse()", "a list"),
    "slice": ("self.data[1:]", "a list or a str"),
}
_DICT_USES = {
    "keys": "self.data.keys()",
    "values": "self.data.values()",
    "items": "self.data.items()",
}


def _box(one: str, two: str, source: str = "data", head: str = "") -> str:
    return f"""{head}
class Box:
    def __init__(self, data, fh=None):
        self.data = {source}

    def first(self, x):
        return {one}

    def second(self, x):
        return {two}
"""


_PAIRS = [(d, u, "data") for d in _DICT_USES.values() for u in _LIST_USES] + [
    (_DICT_USES["values"], "sort", "load()"),
    (_DICT_USES["items"], "slice", "json.load(fh)"),
    (_DICT_USES["keys"], "append", "self.read(data)"),
]


@pytest.mark.parametrize(("dict_use", "list_use", "source"), _PAIRS)
def test_dict_uses_against_list_uses_in_both_orders(
    check: Check, dict_use: str, list_use: str, source: str
) -> None:
    code, label = _LIST_USES[list_use]
    orders = ((dict_use, code, label, "a dict"), (code, dict_use, "a dict", label))
    for one, two, second, first in orders:
        found = check(_box(one, two, source), select=["R101"])
        assert codes(found) == ["R101"], (one, two)
        msg = found[0].message
        assert f"is used as {second} in `second`" in msg
        assert f"but as {first} in `first`" in msg
        assert "no type supports both" in msg
        assert [r.span.line for r in found[0].related] == [5]


@pytest.mark.parametrize(
    ("deque_use", "list_use", "labels"),
    [
        ("self.data.popleft()", "self.data[1:]", ("a list or a str", "a `deque`")),
        ("self.data.appendleft(x)", "self.data.sort()", ("a list", "a `deque`")),
        ("self.data.rotate(1)", "self.data[:2]", ("a list or a str", "a `deque`")),
        ("self.data.extendleft([x])", "self.data.sort()", ("a list", "a `deque`")),
    ],
)
@pytest.mark.parametrize("source", ["data", "load()"])
def test_deque_uses_against_list_uses(
    check: Check, deque_use: str, list_use: str, labels: tuple, source: str
) -> None:
    found = check(_box(deque_use, list_use, source), select=["R101"])
    assert codes(found) == ["R101"]
    msg = found[0].message
    assert f"is used as {labels[0]} in `second`" in msg
    assert f"but as {labels[1]} in `first`" in msg
    assert "a list in `first`" not in msg  # a deque is not called a list
    record = [f.title for f in found[0].fixes]
    assert any("is `deque`" in t for t in record), record


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("self.data.popleft()", "self.data.append(x)"),  # one deque
        ("self.data.appendleft(x)", "self.data.insert(0, x)"),  # a deque has insert
        ("self.data.rotate(1)", "self.data.reverse()"),
        ("self.data.popleft()", "self.data[0]"),  # indexing is weak
        ("self.data.popleft()", "len(self.data)"),
        ("self.data.sort()", "self.data[1:]"),  # one list
        ("self.data.sort()", "self.data.append(x)"),
        ("self.data.keys()", "self.data.update(x)"),  # one dict
        ("self.data.items()", "self.data.copy()"),
        ("self.data.values()", "self.data.pop()"),
        ("self.data.keys()", "self.data.clear()"),
        ("self.data.items()", "self.data.count(x)"),
        ("self.data.values()", "self.data.index(x)"),
        ("self.data.items()", "x in self.data"),
        ("self.data.keys()", "[y for y in self.data]"),
        ("self.data.keys()", "self.data[x]"),
    ],
)
def test_uses_one_type_has_stay_silent(check: Check, one: str, two: str) -> None:
    assert check(_box(one, two), select=["R101"]) == []
    assert check(_box(one, two, "load()"), select=["R101"]) == []


@pytest.mark.parametrize(
    ("head", "one", "two"),
    [
        ("import xml.etree.ElementTree as ET", "self.data.items()", "self.data.extend(x)"),
        ("from lxml import etree", "self.data.items()", "self.data.append(x)"),
        ("import pandas as pd", "self.data.items()", "self.data[1:]"),
        ("import pandas as pd", "self.data.keys()", "self.data[1:]"),
    ],
)
def test_packages_whose_types_have_both_stay_silent(
    check: Check, head: str, one: str, two: str
) -> None:
    assert check(_box(one, two, head=head), select=["R101"]) == []


def test_workspace_class_with_keys_and_sort_is_silent(check: Check) -> None:
    found = check(
        _box("self.data.keys()", "self.data.sort()")
        + """

class Table:
    def keys(self):
        return []

    def sort(self):
        pass
""",
        select=["R101"],
    )
    assert found == []


def test_use_against_use_of_a_constructed_class_is_silent(check: Check) -> None:
    found = check(
        _box("self.data.keys()", "self.data.append(x)", "Registry()")
        + """

class Registry(list):
    def keys(self):
        return list(range(len(self)))
""",
        select=["R101"],
    )
    assert found == []


def test_use_against_use_within_one_method_or_assigned_twice_is_silent(check: Check) -> None:
    found = check(
        """
class Box:
    def __init__(self, data):
        self.data = data

    def first(self):
        self.data.popleft()
        return self.data[1:]

    def reset(self, other):
        self.data = other
""",
        select=["R101"],
    )
    assert found == []


# -- 5: list writes that always fail ------------------------------------------------------------


def _table(init: str, put: str) -> str:
    return f"""
class Table:
    def __init__(self):
        self.items = {init}

    def put(self, v, k=0, r=0, c=0):
        {put}
"""


@pytest.mark.parametrize(
    "put",
    [
        "self.items[len(self.items) + 1] = v",
        "self.items[len(self.items) + 0] = v",
        "self.items[2 + len(self.items)] = v",
        "n = len(self.items)\n        self.items[n] = v",
        "n = len(self.items) + 1\n        print(n)\n        self.items[n] = v",
    ],
)
def test_list_written_past_its_end(check: Check, put: str) -> None:
    found = check(_table("[]", put), select=["R101"])
    assert codes(found) == ["R101"]
    assert "past its end (on a list this raises IndexError: use `.append()`)" in found[0].message
    assert "but as a list in `__init__`" in found[0].message


@pytest.mark.parametrize(
    ("init", "put"),
    [
        ("[]", "self.items[len(self.items) - 1] = v"),
        ("[]", "n = len(self.items) - 1\n        self.items[n] = v"),
        ("[]", "n = len(self.items)\n        self.items.append(None)\n        self.items[n] = v"),
        ("[]", "n = len(self.items)\n        n = k\n        self.items[n] = v"),
        ("[]", "self.items[n] = v\n        n = len(self.items)"),  # bound after
        ("[]", "for n in range(len(self.items)):\n            self.items[n] = v"),
        ("[]", "self.items[len(self.items) + k] = v"),  # k may be negative
        ("[]", "self.items[len(other) + 1] = v"),
        ("{}", "self.items[len(self.items) + 1] = v"),  # a dict takes any key
        ("{}", "n = len(self.items)\n        self.items[n] = v"),
    ],
)
def test_writes_within_a_list_or_to_a_dict_are_silent(check: Check, init: str, put: str) -> None:
    assert check(_table(init, put), select=["R101"]) == []


@pytest.mark.parametrize("key", ["r, c", "(r, c)"])
@pytest.mark.parametrize("store", [True, False])
def test_list_indexed_by_a_tuple(check: Check, key: str, store: bool) -> None:
    put = f"self.items[{key}] = v" if store else f"return self.items[{key}]"
    found = check(_table("[[0] * 3 for _ in range(3)]", put), select=["R101"])
    assert codes(found) == ["R101"]
    assert f"by the tuple key `{key}` (a list or a str raises TypeError)" in found[0].message
    assert "but as a list in `__init__`" in found[0].message


@pytest.mark.parametrize(
    ("head", "init", "put"),
    [
        ("", "{}", "self.items[r, c] = v"),  # a dict keyed by tuples
        ("", "{}", "return self.items[(r, c)]"),
        ("", "dict()", "self.items[r, c] = v"),
        ("import numpy as np", "np.zeros((3, 3))", "self.items[r, c] = v"),  # unknown kind
        ("", "make()", "self.items[r, c] = v"),
        ("", "[[0]]", "self.items[r][c] = v"),  # a list of lists, indexed twice
        ("", "[]", "self.items[r:c] = [v]"),
    ],
)
def test_tuple_keys_on_what_takes_them_are_silent(
    check: Check, head: str, init: str, put: str
) -> None:
    assert check(head + "\n" + _table(init, put), select=["R101"]) == []


def test_list_reassigned_an_array_indexed_by_a_tuple_is_silent(check: Check) -> None:
    found = check(
        """
import numpy as np


class Grid:
    def __init__(self):
        self.cells = []

    def load(self, n):
        self.cells = np.zeros((n, n))

    def put(self, r, c, v):
        self.cells[r, c] = v
""",
        select=["R101"],
    )
    assert found == []


def test_annotated_list_indexed_by_a_tuple_is_r103(check: Check) -> None:
    found = check(
        """
class Grid:
    def __init__(self, cells: list[list[int]]):
        self.cells: list[list[int]] = cells

    def put(self, r, c, v):
        self.cells[r, c] = v
""",
        select=["R103"],
    )
    assert codes(found) == ["R103"]
    assert "by the tuple key `r, c`" in found[0].message


# -- 6: value kinds ------------------------------------------------------------------------------


def _two(init: str, use: str, head: str = "") -> str:
    return f"""{head}
class Box:
    def __init__(self, p=None, enc=None):
        self.v = {init}

    def use(self, other=None):
        return {use}
"""


@pytest.mark.parametrize(
    ("init", "use", "labels"),
    [
        ('b"abc"', "self.v.encode()", ("a str", "bytes")),
        ('b"abc"', "self.v.format(1)", ("a str", "bytes")),
        ('b"abc"', "self.v.casefold()", ("a str", "bytes")),
        ("bytes(p)", "self.v.encode()", ("a str", "bytes")),
        ('open(p, "rb").read()', "self.v.format(1)", ("a str", "bytes")),
        ('open(p, mode="rb").read()', "self.v.encode()", ("a str", "bytes")),
        ('p.encode("utf-8")', "self.v.casefold()", ("a str", "bytes")),
        ("p.encode()", "self.v.format()", ("a str", "bytes")),
        ('"abc"', "self.v.decode()", ("bytes", "a str")),
        ("open(p).read()", "self.v.decode()", ("bytes", "a str")),
        ('p.decode("utf-8", errors="replace")', "self.v.decode()", ("bytes", "a str")),
        ('"abc"', "self.v.hex()", ("", "a str")),
    ],
)
def test_bytes_against_str(check: Check, init: str, use: str, labels: tuple) -> None:
    found = check(_two(init, use), select=["R101"])
    assert codes(found) == ["R101"]
    msg = found[0].message
    assert f"is used as {labels[0]}" in msg
    assert f"but as {labels[1]} in `__init__`" in msg


@pytest.mark.parametrize(
    ("init", "use"),
    [
        ('b"abc"', "self.v.decode(), self.v + b'x', self.v.hex()"),
        ('"abc"', "self.v.encode(), self.v.format(1), self.v.casefold()"),
        ('open(p, "rb").read()', "self.v.decode()"),
        ('open(p, "r").read()', "self.v.encode()"),
        ("open(p, other).read()", "self.v.decode(), self.v.encode()"),  # a mode of no kind
        ("jwt.encode(p, 'key')", "self.v.format()"),  # a module's function
        ("enc.encode(p)", "self.v.format()"),  # an argument: an encoder's method
        ("Codec.encode('x')", "self.v.format()"),
    ],
)
def test_bytes_and_str_used_as_they_are_stay_silent(check: Check, init: str, use: str) -> None:
    assert check(_two(init, use, "import jwt"), select=["R101"]) == []


def test_str_and_bytes_assigned_by_mode_stay_silent(check: Check) -> None:
    found = check(
        """
class Buffer:
    def __init__(self):
        self.data = ""

    def binary(self):
        self.data = b""

    def show(self):
        return self.data.decode(), self.data.encode()
""",
        select=["R101"],
    )
    assert found == []


_TD = "from datetime import timedelta, datetime\nimport time\nimport asyncio"


@pytest.mark.parametrize(
    ("use", "what"),
    [
        ("self.v + 1", "combined with `+ 1` (an int)"),
        ("self.v - 2", "combined with `- 2` (an int)"),
        ("1 + self.v", "combined with `+ 1` (an int)"),
        ("self.v > 3", "compared as `> 3` (a number)"),
        ("self.v <= 0.5", "compared as `<= 0.5` (a number)"),
        ("time.sleep(self.v)", "passed to `time.sleep()` (a number of seconds)"),
        ("asyncio.sleep(self.v)", "passed to `asyncio.sleep()`"),
    ],
)
def test_timedelta_used_as_a_number(check: Check, use: str, what: str) -> None:
    found = check(_two("timedelta(seconds=5)", use, _TD), select=["R101"])
    assert codes(found) == ["R101"]
    assert "but as a `timedelta` in `__init__`" in found[0].message
    assert what in found[0].message


def test_number_used_as_a_timedelta(check: Check) -> None:
    found = check(_two("30", "self.v.total_seconds()"), select=["R101"])
    assert codes(found) == ["R101"]
    assert "is used as a `timedelta` in `use`" in found[0].message
    assert "but as an int in `__init__`" in found[0].message


@pytest.mark.parametrize(
    ("init", "use"),
    [
        ("timedelta(seconds=5)", "self.v * 2.5, self.v * 2, self.v / 2, self.v // 3"),
        ("timedelta(seconds=5)", "self.v > timedelta(0), self.v == other, self.v + other"),
        ("timedelta(seconds=5)", "self.v.total_seconds() + 1, time.sleep(self.v.seconds)"),
        ("datetime.now()", "self.v + timedelta(1), self.v > other, self.v - other"),
        ("0", "self.v + 1, self.v > 3, -1 + self.v, time.sleep(self.v)"),
        ("0.5", "self.v - 1, self.v < 1, asyncio.sleep(self.v)"),
        ("Decimal(0)", "self.v + 1, self.v > 0, self.v > 0.5"),
        ("''", "self.v + 'x', self.v * 2"),
        ("[]", "self.v + [1], self.v * 2"),
        ("make()", "self.v + 1, self.v > 3, self.v + '.x', time.sleep(self.v)"),
        ("p", "self.v + 1, self.v.total_seconds()"),  # unknown: duck typed
    ],
)
def test_numbers_and_dates_used_as_they_are_stay_silent(check: Check, init: str, use: str) -> None:
    head = _TD + "\nfrom decimal import Decimal"
    assert check(_two(init, use, head), select=["R101"]) == []


def test_timedelta_set_later_compared_with_a_number(check: Check) -> None:
    found = check(
        """
from datetime import timedelta


class Job:
    def __init__(self):
        self.timeout = None

    def configure(self):
        self.timeout = timedelta(seconds=5)

    def expired(self, waited):
        return self.timeout is not None and self.timeout < 5
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "but as a `timedelta` in `configure`" in found[0].message


@pytest.mark.parametrize(
    ("other", "what"),
    [
        ("self.price = 9.99", "assigned a float"),
        ("return self.price + 0.5", "combined with `+ 0.5` (a float)"),
        ("self.price = p", "where `p` is annotated `float`"),
    ],
)
def test_decimal_against_float(check: Check, other: str, what: str) -> None:
    found = check(
        f"""
from decimal import Decimal


class Item:
    def __init__(self):
        self.price = Decimal("1.10")

    def change(self, p: float):
        {other}
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "is used as a float in `change`" in found[0].message
    assert "but as a `Decimal` in `__init__`" in found[0].message
    assert what in found[0].message


def test_decimal_parameter_against_float_parameter(check: Check) -> None:
    found = check(
        """
from decimal import Decimal


class Item:
    def __init__(self, price: Decimal):
        self.price = price

    def change(self, p: float):
        self.price = p
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "is used as a float in `change`" in found[0].message
    assert "where `price` is annotated `Decimal`" in found[0].message


@pytest.mark.parametrize(
    "other",
    [
        "self.price = Decimal(p)",
        "self.price = self.price + 1",
        "self.price = p",  # an int mixes with a `Decimal`
        "return self.price * 2",
    ],
)
def test_decimal_with_ints_and_decimals_stays_silent(check: Check, other: str) -> None:
    found = check(
        f"""
from decimal import Decimal


class Item:
    def __init__(self):
        self.price = Decimal("1.10")

    def change(self, p: int):
        {other}
""",
        select=["R101"],
    )
    assert found == []


_STATUS = """
from enum import Enum


class Status(Enum):
    OPEN = "open"
    CLOSED = "closed"
"""


@pytest.mark.parametrize(
    ("init", "use", "what"),
    [
        ("Status.OPEN", 'return self.status == "open"', "never equals its value"),
        ("Status.OPEN", 'self.status = "open"', "assigned a str literal"),
        ("Status.OPEN", "return self.status.upper()", "calls `.upper()`"),
        ("Status(s)", 'return self.status.split("-")', "calls `.split()`"),
        ("s", "return self.status.lower()", "calls `.lower()`"),  # annotated `Status`
    ],
)
def test_enum_member_against_its_value(check: Check, init: str, use: str, what: str) -> None:
    found = check(
        _STATUS
        + f"""

class Ticket:
    def __init__(self, s: Status):
        self.status = {init}

    def other(self):
        {use}
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "a `Status` member in `__init__`" in found[0].message
    assert what in found[0].message


def test_enum_value_read_of_a_str(check: Check) -> None:
    found = check(
        _STATUS
        + """

class Ticket:
    def __init__(self):
        self.status = "open"

    def label(self):
        return self.status.value
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "uses `.value`" in found[0].message
    assert "used as an enum member or another object" in found[0].message


@pytest.mark.parametrize(
    ("enum", "use"),
    [
        # an enum that defines the method
        (
            _STATUS + "\n    def upper(self):\n        return self.value.upper()\n",
            "self.status.upper(), self.status.value.upper(), self.status.name",
        ),
        (
            _STATUS + "\n    @property\n    def label(self):\n        return self.name\n",
            "self.status.label, self.status.value.split('-')",
        ),
        # mixins equal their values
        (_STATUS.replace("(Enum)", "(str, Enum)"), 'self.status.upper(), self.status == "open"'),
        (
            _STATUS.replace("from enum import Enum", "from enum import StrEnum").replace(
                "(Enum)", "(StrEnum)"
            ),
            'self.status.upper(), self.status == "open"',
        ),
    ],
)
def test_enum_members_used_as_they_are_stay_silent(check: Check, enum: str, use: str) -> None:
    found = check(
        enum
        + f"""

class Ticket:
    def __init__(self):
        self.status = Status.OPEN

    def other(self):
        return {use}
""",
        select=["R101"],
    )
    assert found == []


def test_enum_of_another_module_without_the_method(check: Check) -> None:
    found = check(
        {
            "status.py": _STATUS,
            "ticket.py": """
from status import Status


class Ticket:
    def __init__(self):
        self.status = Status.OPEN

    def shout(self):
        return self.status.upper()
""",
        },
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "a `Status` member in `__init__`" in found[0].message


# -- 1: class types in docstrings ---------------------------------------------------------------

_CLASS_DOCS = {
    "google": "Args:\n            v ({t}): the value",
    "google-optional": "Args:\n            v ({t}, optional): the value",
    "google-role": "Args:\n            v (:class:`~{t}`): the value",
    "numpy": "Parameters\n        ----------\n        v : {t}\n            the value",
    "sphinx-typed": ":param {t} v: the value",
    "sphinx-type-line": ":param v: the value\n        :type v: {t}",
    "sphinx-first-word": ":param v: {t}, the value",
}
_CLASS_TYPES = [
    ("Path", 'self.v.split("/")', "a `Path`"),
    ("pathlib.Path", 'self.v + ".bak"', "a `Path`"),
    ("datetime", 'self.v.split("-")', "a `datetime`"),
    ("datetime.timedelta", "self.v + 1", "a `timedelta`"),
    ("Decimal", "self.v + 0.5", "a `Decimal`"),
    ("uuid.UUID", 'self.v.split("-")', "a `UUID`"),
    ("collections.deque", "self.v.sort()", "a `deque`"),
    ("bytes", "self.v.encode()", "bytes"),
]


def _documented(doc: str, use: str, param: str = "v=None") -> str:
    return f'''
class Holder:
    def __init__(self, {param}):
        """Hold a value.

        {doc}
        """
        self.v = v

    def use(self):
        return {use}
'''


@pytest.mark.parametrize("form", list(_CLASS_DOCS))
@pytest.mark.parametrize(
    ("type_text", "use", "noun"), _CLASS_TYPES, ids=[t for t, *_ in _CLASS_TYPES]
)
def test_docstring_class_types_give_kinds(
    check: Check, form: str, type_text: str, use: str, noun: str
) -> None:
    doc = _CLASS_DOCS[form].format(t=type_text)
    found = check(_documented(doc, use), select=["R101"])
    assert codes(found) == ["R101"]
    assert f"as {noun} in `__init__`" in found[0].message
    assert "the docstring of `v` says" in found[0].message


@pytest.mark.parametrize(
    "type_text",
    ["str | Path", "str or Path", "Union[str, Path]", "os.PathLike", "PathLike | str", "Any"],
)
@pytest.mark.parametrize("form", ["google", "numpy", "sphinx-type-line"])
def test_docstring_unions_with_str_stay_silent(check: Check, type_text: str, form: str) -> None:
    doc = _CLASS_DOCS[form].format(t=type_text)
    found = check(_documented(doc, 'self.v.split("/") + [self.v + ".bak"]'), select=["R101"])
    assert found == []


@pytest.mark.parametrize("form", ["google", "numpy", "sphinx-type-line"])
def test_docstring_workspace_class_read_through_the_attribute(check: Check, form: str) -> None:
    doc = _CLASS_DOCS[form].format(t="Inventory")
    found = check(
        """
class Inventory:
    def __init__(self):
        self.stock = {}
"""
        + _documented(doc, "self.v.stok, self.v.stock"),
        select=["R105"],
    )
    assert codes(found) == ["R105"]
    assert "`Inventory.stok` is read on `self.v` (an `Inventory`" in found[0].message


@pytest.mark.parametrize("form", ["google", "numpy", "sphinx-typed"])
def test_docstring_enum_parameter_is_a_member(check: Check, form: str) -> None:
    doc = _CLASS_DOCS[form].format(t="Status")
    found = check(_STATUS + _documented(doc, 'self.v == "open"'), select=["R101"])
    assert codes(found) == ["R101"]
    assert "a `Status` member in `__init__`" in found[0].message


def test_docstring_type_next_to_an_annotation_is_the_annotations(check: Check) -> None:
    doc = _CLASS_DOCS["google"].format(t="Path")
    found = check(_documented(doc, 'self.v.split("/")', "v: str = ''"), select=["R101"])
    assert found == []


# -- the R101 page's examples, each ---------------------------------------------------------------


def _r101_examples() -> list[tuple[str, str]]:
    import re
    from pathlib import Path

    page = (Path(__file__).parents[1] / "docs" / "rules" / "R101.md").read_text("utf-8")
    block = re.compile(r"^## (?P<title>[^\n]+)\n+```python\n(?P<body>.*?)^```", re.M | re.S)
    return [(m.group("title"), m.group("body")) for m in block.finditer(page)]


@pytest.mark.parametrize(("title", "body"), _r101_examples(), ids=[t for t, _ in _r101_examples()])
def test_r101_page_examples(check: Check, title: str, body: str) -> None:
    found = check(body, select=["R101", "R105"])
    if title.startswith("Fires"):
        assert "R101" in codes(found), title
    else:
        assert title.startswith("Silent")
        assert found == [], [f.message for f in found]
