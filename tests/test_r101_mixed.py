"""R101: one attribute used as different kinds within one class."""

from __future__ import annotations

from conftest import Check, codes

INVENTORY = """
class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty

    def remove(self, sku):
        self.items = [(s, q) for s, q in self.items if s != sku]

    def total(self):
        return sum(q for _, q in self.items)
"""


def test_design_example_fires_on_the_minority_side(check: Check) -> None:
    found = check(INVENTORY, select=["R101"])
    assert [(f.code, f.span.line + 1) for f in found] == [("R101", 9), ("R101", 12)]
    msg = found[0].message
    assert "`Inventory.items` is used as a list of pairs in `remove`, `total` (lines 9, 12)" in msg
    assert "as a dict in `__init__`, `add` (lines 3, 6)" in msg
    assert "no decision records which" in msg
    related_lines = sorted(r.span.line + 1 for r in found[0].related)
    assert related_lines == [3, 6]
    titles = [fix.title for fix in found[0].fixes]
    assert titles == [
        "Record decision: `Inventory.items` is `dict` (2 methods)",
        "Record decision: `Inventory.items` is `list[tuple]` (2 methods)",
    ]
    assert found[0].fixes[0].decision == {
        "kind": "representation",
        "target": "Inventory.items",
        "type": "dict",
        "status": "accepted",
    }
    assert found[0].fixes[0].decision_id == "inventory-items"


def test_set_used_with_list_method(check: Check) -> None:
    found = check("""
    class Tags:
        def __init__(self):
            self.tags = set()

        def tag(self, t):
            self.tags.append(t)
    """)
    assert codes(found) == ["R101"]
    assert "calls `.append()`" in found[0].message
    assert found[0].span.line == 5


def test_annotated_parameter_flows_into_attribute(check: Check) -> None:
    found = check("""
    class Config:
        def __init__(self, path: str):
            self.path = path

        def exists(self):
            return self.path.exists()
    """)
    assert codes(found) == ["R101"]
    assert "used as a `Path`" in found[0].message  # (the class is named, not "an object")
    assert "as a str in `__init__`" in found[0].message


def test_documented_parameter_flows_into_attribute(check: Check) -> None:
    found = check('''
    class Registry:
        def __init__(self, entries):
            """Make a registry.

            Args:
                entries (list): the initial entries.
            """
            self.entries = entries

        def names(self):
            return list(self.entries.keys())
    ''')
    assert codes(found) == ["R101"]


def test_str_key_on_a_list(check: Check) -> None:
    found = check("""
    class Scores:
        def __init__(self):
            self.scores = []

        def record(self, name, value):
            self.scores["alice"] = value
    """)
    assert codes(found) == ["R101"]
    assert "str key" in found[0].message


def test_counter_against_list_when_it_is_also_updated(check: Check) -> None:
    found = check("""
    class Tally:
        def __init__(self):
            self.total = 0

        def add(self, amount):
            self.total += amount + 1

        def bump(self):
            self.total += 1

        def reset(self):
            self.total = []
    """)
    assert codes(found) == ["R101"]
    assert found[0].span.line == 11


# -- silent ---------------------------------------------------------------------------------


def test_consistent_dict_is_silent(check: Check) -> None:
    assert (
        check("""
    class Inventory:
        def __init__(self):
            self.items = {}

        def add(self, sku, qty):
            self.items[sku] = self.items.get(sku, 0) + qty

        def has(self, sku):
            return sku in self.items and len(self.items) > 0

        def skus(self):
            return [s for s in self.items]

        def total(self):
            return sum(self.items.values())
    """)
        == []
    )


def test_none_placeholder_later_filled_is_silent(check: Check) -> None:
    assert (
        check("""
    class Cache:
        def __init__(self):
            self.data = None

        def load(self):
            self.data = {}
            self.data["k"] = 1

        def get(self, k):
            return self.data.get(k)
    """)
        == []
    )


def test_isinstance_marks_deliberate_polymorphism(check: Check) -> None:
    assert (
        check("""
    class Value:
        def __init__(self):
            self.v = []

        def set_map(self):
            self.v = {}

        def size(self):
            if isinstance(self.v, dict):
                return len(self.v.keys())
            return len(self.v)
    """)
        == []
    )


def test_type_predicates_mark_deliberate_polymorphism(check: Check) -> None:
    # networkx's FancyArrowFactory: `linewidth=1.0`, or one width per edge
    assert (
        check("""
    import numpy as np
    from pandas.api.types import is_list_like


    class Arrows:
        def __init__(self, linewidth=1.0, size=10):
            self.linewidth = linewidth
            self.size = size

        def width(self, i):
            if np.iterable(self.linewidth):
                return self.linewidth[i % len(self.linewidth)]
            return self.linewidth

        def head(self, i):
            return self.size[i] if is_list_like(self.size) else self.size
    """)
        == []
    )


def test_a_test_of_a_value_that_is_no_type_keeps_the_attribute_judged(check: Check) -> None:
    found = check("""
    import os


    class Arrows:
        def __init__(self, linewidth=1.0):
            self.linewidth = linewidth

        def width(self, i):
            if os.path.isfile(self.linewidth) or is_iterable_ready(self.linewidth):
                return self.linewidth[i]
            return self.linewidth
    """)
    assert codes(found) == ["R101"]


def test_unknown_assignment_keeps_method_evidence_silent(check: Check) -> None:
    assert (
        check("""
    class Store:
        def __init__(self, backend):
            self.backend = backend

        def put(self, x):
            self.backend.append(x)

        def pairs(self, x):
            return self.backend.get(x)  # (`.items()` against `.append()` is judged)
    """)
        == []
    )


def test_same_family_reassignment_is_silent(check: Check) -> None:
    assert (
        check("""
    class Queue:
        def __init__(self):
            self.items = ()

        def reset(self, xs):
            self.items = list(xs)

        def push(self, x):
            self.items.append(x)
    """)
        == []
    )


def test_mode_switch_within_one_method_is_silent(check: Check) -> None:
    assert (
        check("""
    class Channel:
        def __init__(self, binary):
            if binary:
                self.sep = b"\\n"
            else:
                self.sep = "\\n"
    """)
        == []
    )


def test_falsy_placeholder_is_silent(check: Check) -> None:
    assert (
        check("""
    class Stats:
        def __init__(self):
            self.rows = 0

        def load(self, data):
            self.rows = [r for r in data]

        def first(self):
            return self.rows[0]
    """)
        == []
    )


def test_dict_with_tuple_keys_iterated_as_pairs_is_silent(check: Check) -> None:
    assert (
        check("""
    class Graph:
        def __init__(self):
            self.edges = {}

        def connect(self, a, b, w):
            self.edges[(a, b)] = w

        def nodes(self):
            return {a for a, b in self.edges}
    """)
        == []
    )


def test_list_specific_operations_on_a_list_are_silent(check: Check) -> None:
    assert (
        check("""
    class History:
        def __init__(self):
            self.entries = []

        def add(self, e):
            self.entries.append(e)
            self.entries.sort()

        def last(self):
            return self.entries[-1], self.entries[1:]
    """)
        == []
    )


def test_union_annotation_is_silent(check: Check) -> None:
    assert (
        check("""
    class Cell:
        value: int | str

        def __init__(self):
            self.value = 0

        def label(self, text):
            self.value = "x" + text
    """)
        == []
    )


def test_interface_annotation_admitting_every_side_is_silent(check: Check) -> None:
    # sphinx's LaTeXBuilder: `self.docnames: Iterable[str] = {}`, later a set, only tested
    # with `in`: the annotation says any container will do
    assert (
        check("""
    from typing import Collection, Iterable


    class Builder:
        def init(self):
            self.docnames: Iterable[str] = {}
            self.pending: Collection[str] | None = []

        def wanted(self, name):
            return name in self.docnames or name in self.pending

        def assemble(self, index, appendices):
            self.docnames = {index, *appendices}
            self.pending = {index}
    """)
        == []
    )


def test_interface_annotation_with_a_use_of_one_side_fires(check: Check) -> None:
    found = check("""
    from typing import Iterable


    class Builder:
        def init(self):
            self.docnames: Iterable[str] = []

        def assemble(self, index):
            self.docnames = {index}

        def more(self, name):
            self.docnames.add(name)
    """)
    assert codes(found) == ["R101"]


def test_different_attribute_per_class_is_silent(check: Check) -> None:
    assert (
        check("""
    class A:
        def __init__(self):
            self.items = {}

        def get(self, k):
            return self.items.get(k)


    class B:
        def __init__(self):
            self.items = []

        def add(self, x):
            self.items.append(x)
    """)
        == []
    )
