"""R104: the items of a container are built in one shape and used in another."""

from __future__ import annotations

from conftest import Check, codes


def test_tuples_built_dict_keys_used(check: Check) -> None:
    found = check("""
    class Roster:
        def __init__(self):
            self.people = []

        def add(self, name, age):
            self.people.append((name, age))

        def names(self):
            return [p["name"] for p in self.people]
    """)
    assert codes(found) == ["R104"]
    assert "indexed by str keys" in found[0].message
    assert "tuples as built in `add`" in found[0].message
    assert found[0].related[0].span.line == 5


def test_dicts_built_tuples_unpacked(check: Check) -> None:
    found = check("""
    class Roster:
        def __init__(self):
            self.people = []

        def add(self, name, age):
            self.people.append({"name": name, "age": age})

        def report(self):
            for person in self.people:
                name, age = person
                print(name, age)
    """)
    assert codes(found) == ["R104"]
    assert "unpacked as pairs" in found[0].message


def test_dict_values_built_and_used_differently(check: Check) -> None:
    found = check("""
    class Catalog:
        def __init__(self):
            self.books = {}

        def add(self, isbn, title, year):
            self.books[isbn] = (title, year)

        def title(self, isbn):
            return self.books[isbn]["title"]
    """)
    assert codes(found) == ["R104"]


def test_mixed_constructions_across_methods(check: Check) -> None:
    found = check("""
    class Log:
        def __init__(self):
            self.events = []

        def info(self, msg):
            self.events.append(("info", msg))

        def error(self, msg):
            self.events.append({"level": "error", "msg": msg})
    """)
    assert codes(found) == ["R104"]
    assert found[0].span.line == 8


# -- silent ---------------------------------------------------------------------------------


def test_consistent_tuples_are_silent(check: Check) -> None:
    assert (
        check("""
    class Roster:
        def __init__(self):
            self.people = []

        def add(self, name, age):
            self.people.append((name, age))

        def names(self):
            return [p[0] for p in self.people]

        def pairs(self):
            for name, age in self.people:
                print(name, age)
    """)
        == []
    )


def test_objects_used_by_attribute_are_silent(check: Check) -> None:
    assert (
        check("""
    class Roster:
        def __init__(self):
            self.people = []

        def add(self, name, age):
            self.people.append(Person(name, age))

        def names(self):
            return [p.name for p in self.people]
    """)
        == []
    )


def test_unknown_items_keep_it_silent(check: Check) -> None:
    assert (
        check("""
    class Roster:
        def __init__(self):
            self.people = []

        def add(self, name):
            self.people.append((name, 0))

        def add_row(self, row):
            self.people.append(row)

        def names(self):
            return [p["name"] for p in self.people]
    """)
        == []
    )


def test_heterogeneous_literals_are_silent(check: Check) -> None:
    assert (
        check("""
    class Settings:
        defaults = {"strip": 1, "encoding": "utf-8", "paths": ["a"]}
        pair = (200, "OK")

        def __init__(self):
            self.options = {"verbose": False, "name": "x"}
    """)
        == []
    )


def test_placeholder_then_value_in_one_method_is_silent(check: Check) -> None:
    assert (
        check("""
    class Parser:
        def __init__(self):
            self.hosts = {}

        def parse(self, name, login, password):
            self.hosts[name] = {}
            self.hosts[name] = (login, password)
            return self.hosts[name][0]
    """)
        == []
    )
