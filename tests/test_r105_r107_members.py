"""R105 (read, never assigned), R106 (called, never defined), R107 (result of a None method)."""

from __future__ import annotations

from conftest import Check, codes


def test_r105_typo_with_suggestion(check: Check) -> None:
    found = check("""
    class Account:
        def __init__(self):
            self.balance = 0

        def withdraw(self, amount):
            if amount > self.balnce:
                raise ValueError("insufficient funds")
            self.balance -= amount
    """)
    assert codes(found) == ["R105"]
    assert "did you mean `balance`?" in found[0].message
    assert found[0].related[0].span.line == 2


def test_r105_augmented_assignment_without_init(check: Check) -> None:
    found = check("""
    class Counter:
        def __init__(self):
            self.name = "c"

        def hit(self):
            self.hits += 1
    """)
    assert codes(found) == ["R105"]


def test_r106_typo_with_suggestion(check: Check) -> None:
    found = check("""
    class Account:
        def __init__(self):
            self.balance = 0

        def validate(self, amount):
            return amount > 0

        def deposit(self, amount):
            if self.validat(amount):
                self.balance += amount
    """)
    assert codes(found) == ["R106"]
    assert "did you mean `validate`?" in found[0].message


def test_r106_method_of_another_class(check: Check) -> None:
    found = check("""
    class Owner:
        def __init__(self):
            self.x = 1

        def calc(self):
            return 2


    class Worker:
        def __init__(self):
            self.y = 1

        def run(self):
            return self.calc()
    """)
    assert codes(found) == ["R106"]
    assert found[0].span.line == 13


def test_r107_unpacking_a_method_that_returns_none(check: Check) -> None:
    found = check("""
    class Store:
        def __init__(self):
            self.rows = []

        def load(self):
            self.rows = [1, 2]

        def run(self):
            first, rest = self.load()
            return first
    """)
    assert codes(found) == ["R107"]
    assert "never returns a value" in found[0].message
    assert found[0].related[0].span.line == 4


def test_r107_indexing_and_iterating(check: Check) -> None:
    found = check("""
    class Store:
        def __init__(self):
            self.rows = []

        def refresh(self):
            print("refreshing")

        def first(self):
            return self.refresh()[0]

        def all(self):
            return [r for r in self.refresh()]
    """)
    assert codes(found) == ["R107", "R107"]


def test_r107_a_sequence_result_indexed_by_a_str_key(check: Check) -> None:
    """Issue 19, class 7: a method that returns a tuple (or list, or str), its result
    indexed by a str key: a TypeError every time."""
    found = check("""
    class Scores:
        def __init__(self):
            self.best = 0
            self.name = ""

        def leader(self):
            if self.best:
                return (self.name, self.best)
            return ("", 0)

        def rows(self) -> list[str]:
            return [self.name]

        def headline(self):
            return f"{self.leader()['name']} leads; {self.rows()['first']}"
    """)
    assert codes(found) == ["R107", "R107"]
    leader = next(f for f in found if "leader" in f.message)
    assert "returns a tuple (line 8)" in leader.message and "TypeError" in leader.message
    assert leader.related[0].span.line == 7
    assert "annotated `-> list[str]`" in next(f for f in found if "rows" in f.message).message


def test_r107_str_keys_on_results_that_take_them_are_silent(check: Check) -> None:
    found = check("""
    class Report:
        def totals(self):
            return {"name": "x", "n": 1}

        def pair(self):
            return ("a", 1)

        def mixed(self, flag):
            if flag:
                return ("a", 1)
            return {"a": 1}

        def unknown(self):
            return load()

        def title(self):
            return (
                self.totals()["name"] + str(self.pair()[0]) + str(self.mixed(1)["a"])
                + str(self.unknown()["a"]) + str(self.pair()[b"k"])
            )


    class Base:
        def row(self):
            return ("a", 1)

        def label(self):
            return self.row()["a"]


    class Sub(Base):
        def row(self):
            return {"a": 1}
    """)
    assert codes(found) == []


# -- silent ---------------------------------------------------------------------------------


def test_assigned_in_base_or_class_body_is_silent(check: Check) -> None:
    assert (
        check("""
    class Base:
        limit = 10

        def __init__(self):
            self.items = []

        def helper(self):
            return 1


    class Child(Base):
        def size(self):
            return len(self.items) + self.limit + self.helper()
    """)
        == []
    )


def test_provided_by_subclass_is_silent(check: Check) -> None:
    assert (
        check("""
    class Shape:
        def __init__(self):
            self.scale = 1

        def area(self):
            return self.compute() * self.scale * self.unit


    class Square(Shape):
        unit = 1

        def compute(self):
            return 4
    """)
        == []
    )


def test_unresolved_base_is_silent(check: Check) -> None:
    assert (
        check("""
    import threading

    class Worker(threading.Thread):
        def __init__(self):
            super().__init__()
            self.n = 0

        def go(self):
            self.start()
            return self.name
    """)
        == []
    )


def test_mixin_without_init_is_silent(check: Check) -> None:
    assert (
        check("""
    class JsonMixin:
        def to_json(self):
            return self.serialize(self.fields)
    """)
        == []
    )


def test_dynamic_attributes_are_silent(check: Check) -> None:
    assert (
        check("""
    class Record:
        def __init__(self, **kw):
            for k, v in kw.items():
                setattr(self, k, v)

        def show(self):
            return self.title


    class Lazy:
        def __init__(self):
            self.a = 1

        def __getattr__(self, name):
            return 0

        def total(self):
            return self.a + self.b + self.compute()
    """)
        == []
    )


def test_attributes_from_a_base_filling_its_dict_are_silent(check: Check) -> None:
    # pydantic.v1.errors: the base's `self.__dict__ = ctx` gives every subclass its names
    assert (
        check("""
    class ErrorMixin:
        def __init__(self, **ctx):
            self.__dict__ = ctx


    class ConstantError(ErrorMixin, ValueError):
        def __str__(self):
            return ", ".join(repr(v) for v in self.permitted)


    class Options:
        def __init__(self, **kw):
            self.__dict__.update(kw)


    class Verbose(Options):
        def show(self):
            return self.verbose
    """)
        == []
    )


def test_a_base_reading_the_class_dict_keeps_its_subclasses_checked(check: Check) -> None:
    # sqlalchemy's TypingOnly: `cls.__dict__` in `__init_subclass__` sets nothing on instances
    found = check("""
    class TypingOnly:
        def __init_subclass__(cls):
            assert not [n for n in cls.__dict__ if not n.startswith("__")]

        @classmethod
        def names(cls):
            return list(cls.__dict__)


    class Proxy(TypingOnly):
        def __init__(self):
            self.key = "k"

        def delete(self, obj):
            self._calc_owner(obj)
    """)
    assert codes(found) == ["R106"]


def test_functions_the_class_body_uses_are_not_methods(check: Check) -> None:
    # docutils' Figure: `def figwidth_value(argument)`, stored in `option_spec` as the
    # class is built; its parameter is a str, not an instance
    found = check("""
    class Image:
        option_spec = {}

        def __init__(self):
            self.options = {}


    class Figure(Image):
        def figwidth_value(argument):
            if argument.lower() == "image":
                return "image"
            return argument.strip()

        option_spec = Image.option_spec.copy()
        option_spec["figwidth"] = figwidth_value

        def _get_width(this):
            return this.widht

        width = property(_get_width)
    """)
    assert codes(found) == ["R105"]  # (a method under another name than `self` still is one)


def test_guarded_reads_are_silent(check: Check) -> None:
    assert (
        check("""
    class Conn:
        def __init__(self):
            self.host = "h"

        def close(self):
            if hasattr(self, "sock"):
                self.sock.close()
    """)
        == []
    )


def test_attribute_set_from_outside_is_silent(check: Check) -> None:
    assert (
        check("""
    class Handler:
        def __init__(self):
            self.n = 0

        def handle(self):
            return self.server.name


    def make():
        h = Handler()
        h.server = object()
        return h
    """)
        == []
    )


def test_callable_attribute_is_silent(check: Check) -> None:
    assert (
        check("""
    class Button:
        def __init__(self, callback):
            self.on_click = callback

        def click(self):
            return self.on_click()
    """)
        == []
    )


def test_dataclass_fields_are_silent(check: Check) -> None:
    assert (
        check("""
    from dataclasses import dataclass

    @dataclass
    class Point:
        x: int
        y: int = 0

        def norm(self):
            return self.x + self.y
    """)
        == []
    )


def test_results_that_exist_are_silent(check: Check) -> None:
    assert (
        check("""
    class Store:
        def __init__(self):
            self.rows = []

        def load(self):
            return self.rows, len(self.rows)

        def stub(self):
            raise NotImplementedError

        def gen(self):
            yield 1

        def noop(self):
            pass

        def run(self):
            a, b = self.load()
            c, d = self.stub()
            e = [x for x in self.gen()]
            self.noop()
            return a, b, c, d, e
    """)
        == []
    )


def test_result_of_overridden_method_is_silent(check: Check) -> None:
    assert (
        check("""
    class Base:
        def __init__(self):
            self.x = 1

        def parts(self):
            print("base")

        def run(self):
            a, b = self.parts()
            return a


    class Impl(Base):
        def parts(self):
            return 1, 2
    """)
        == []
    )


def test_private_names_are_mangled(check: Check) -> None:
    assert (
        check("""
    class Vault:
        def __init__(self):
            self.__secret = 1

        def peek(self):
            return self.__secret + self.__hidden()

        def __hidden(self):
            return 2
    """)
        == []
    )


def test_r107_result_kept_in_a_local(check: Check) -> None:
    found = check("""
    class Reader:
        def __init__(self, text):
            self.text = text
            self.values = {}

        def parse(self):
            self.values["name"] = self.text

        def load(self):
            values = self.parse()
            return values["name"]
    """)
    assert codes(found) == ["R107"]
    assert "stored in `values` and indexed" in found[0].message


def test_r107_local_tested_or_method_that_raises_is_silent(check: Check) -> None:
    assert (
        check("""
    from typing import NoReturn

    class Reader:
        def __init__(self):
            self.values = {}

        def parse(self):
            self.values["a"] = 1

        def fail(self, key):
            raise KeyError(key)

        def never(self) -> NoReturn:
            self.values.clear()

        def load(self):
            values = self.parse()
            if values is None:
                values = self.values
            rec = self.fail("k")
            other = self.never()
            return values["a"], rec[0], other.x
    """)
        == []
    )


def test_r108_too_many_arguments(check: Check) -> None:
    found = check("""
    class Worker:
        def __init__(self):
            self.done = []

        def record(self, item):
            self.done.append(item)

        def run(self, items):
            for item in items:
                self.record(item, True)
    """)
    assert codes(found) == ["R108"]
    assert "passes 2 positional arguments, but it takes 1" in found[0].message
    assert "`Worker.record(self, item)` (line 5)" in found[0].message


def test_r108_missing_and_unknown_keyword(check: Check) -> None:
    found = check("""
    class Mailer:
        def __init__(self):
            self.sent = 0

        def send(self, to, subject, *, urgent=False):
            self.sent += 1

        def notify(self, user):
            self.send(user)

        def alert(self, user):
            self.send(user, "alert", urgnet=True)

        def twice(self, user):
            self.send(user, "x", to=user)
    """)
    assert [f.message.split(":")[0] for f in found] == [
        "`self.send(...)` in `notify` does not pass the required argument `subject`",
        "`self.send(...)` in `alert` passes `urgnet=`, which is not a parameter "
        "(did you mean `urgent`?)",
        "`self.send(...)` in `twice` passes `to` twice (by position and by keyword)",
    ]


def test_r108_matching_calls_are_silent(check: Check) -> None:
    assert (
        check("""
    class Api:
        def __init__(self):
            self.calls = []

        def get(self, path, /, params=None, *args, timeout=5, **extra):
            self.calls.append(path)

        @staticmethod
        def join(a, b):
            return a + b

        @classmethod
        def make(cls, n):
            return cls()

        def size(self, items):
            return len(items)

        size_of = staticmethod(len)

        def run(self, opts):
            self.get("/a")
            self.get("/b", {"q": 1}, 1, 2, timeout=1, verbose=True)
            self.get(*opts)
            self.join(1, 2)
            self.make(3)
            self.size(items=[1])
            return self.size_of([1])
    """)
        == []
    )


def test_r108_overridden_or_decorated_methods_are_silent(check: Check) -> None:
    assert (
        check("""
    import functools

    class Base:
        def __init__(self):
            self.n = 0

        def step(self):
            self.n += 1

        @functools.lru_cache
        def cached(self, x):
            return x

        def legacy(name):
            return name
        legacy = staticmethod(legacy)

        def run(self):
            self.step(1)
            self.cached(1, 2)
            return self.legacy("x")


    class Impl(Base):
        def step(self, k):
            self.n += k
    """)
        == []
    )


def test_r105_names_stored_through_other_objects_are_silent(check: Check) -> None:
    assert (
        check("""
    class Policy:
        def __init__(self):
            self.strict = True

        def expired(self, t):
            return t < self._now


    class Jar:
        def __init__(self):
            self._policy = Policy()

        def stamp(self, t):
            self._policy._now = self._now = t
    """)
        == []
    )


def test_r105_names_a_file_sets_from_passed_dicts_are_silent(check: Check) -> None:
    # docutils' states.py: `nested_list_parse(..., extra_settings={"format": f})` applies
    # the dict with `setattr(state, key, value)` on another state than `self`
    assert (
        check("""
    class State:
        def __init__(self, machine):
            self.machine = machine

        def nested_parse(self, initial, extra_settings={}):
            for key, value in extra_settings.items():
                setattr(self.machine.states[initial], key, value)


    class Body(State):
        def enumerator(self, fmt):
            self.nested_parse("EnumeratedList", extra_settings={"format": fmt})


    class EnumeratedList(Body):
        def enumerator(self, fmt):
            return fmt != self.format
    """)
        == []
    )


def test_r105_a_set_by_name_keeps_other_names_judged(check: Check) -> None:
    found = check("""
    class State:
        def __init__(self, machine):
            self.machine = machine

        def apply(self, other, settings):
            for key, value in settings.items():
                setattr(other, key, value)
            self.apply(other, {"format": 1})

        def show(self):
            return self.formta
    """)
    assert codes(found) == ["R105"]


def test_r107_local_use_is_found_past_longer_names_strings_and_other_scopes(check: Check) -> None:
    found = check("""
    class Reader:
        def __init__(self):
            self.values = {}

        def parse(self):
            self.values["name"] = 1

        def load(self):
            vals = self.parse()
            valsx = "vals"  # vals
            def later():
                if vals is None:  # in another function: not a test before the use below
                    return None
            return vals["name"], valsx, later

        def inner(self):
            def helper():
                got = self.parse()
                return got[0]
            return helper
    """)
    assert codes(found) == ["R107", "R107"]
    assert "stored in `vals` and indexed" in found[0].message
    assert "stored in `got` and indexed" in found[1].message
