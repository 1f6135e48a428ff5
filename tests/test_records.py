"""Records (:mod:`specls.records`): specls's data classes, made without ``dataclasses``,
behave as the dataclasses they replace."""

from __future__ import annotations

import copy
import pickle

import pytest

from specls.findings import Finding, Fix, Severity
from specls.records import FrozenInstanceError, field, record, replace
from specls.span import Span, shared_span


@record(frozen=True)
class Point:
    """A frozen record."""

    x: int
    y: int = 0


@record()
class Bag:
    """A record that is not frozen, with a factory and a field left out of its repr."""

    name: str
    items: list[int] = field(default_factory=list)
    secret: object = field(default=None, repr=False)

    def size(self) -> int:
        return len(self.items)


def test_a_record_is_made_as_a_dataclass_would_be() -> None:
    assert Point(1) == Point(1, 0) == Point(x=1, y=0) and Point(1) != Point(2)
    assert repr(Point(1, 2)) == "Point(x=1, y=2)"
    assert repr(Bag("b", [1], secret="s")) == "Bag(name='b', items=[1])"
    assert Point.__match_args__ == ("x", "y") and Point.__slots__ == ("x", "y")
    assert Bag("b").size() == 0 and Bag.size.__qualname__ == "Bag.size"
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, 3)  # type: ignore[call-arg]
    with pytest.raises(AttributeError):  # (slots: no other attribute)
        Bag("b").other = 1  # type: ignore[attr-defined]
    assert Point(1) != (1, 0) and Point(1).__eq__((1, 0)) is NotImplemented


def test_a_default_factory_makes_a_value_per_instance() -> None:
    a, b = Bag("a"), Bag("b")
    a.items.append(1)
    assert b.items == [] and Bag("c", [5]).items == [5]


def test_a_frozen_record_is_hashable_and_refuses_assignment() -> None:
    p = Point(1, 2)
    assert hash(p) == hash((1, 2)) == hash(Point(1, 2))  # (as a frozen dataclass's)
    with pytest.raises(FrozenInstanceError):
        p.x = 3  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del p.y  # type: ignore[misc]
    assert isinstance(FrozenInstanceError(), AttributeError)
    with pytest.raises(TypeError):  # (not frozen: unhashable, as a dataclass with eq)
        hash(Bag("b"))


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))  # (slots: from 2)
def test_records_pickle_and_copy(protocol: int) -> None:
    for obj in (Point(1, 2), Bag("b", [1, 2], secret=3)):
        back = pickle.loads(pickle.dumps(obj, protocol=protocol))
        assert back == obj and back.__class__ is obj.__class__
        assert copy.copy(obj) == obj and copy.deepcopy(obj) == obj
    assert pickle.loads(pickle.dumps(Bag("b", secret=3), protocol=protocol)).secret == 3


def test_replace_copies_with_changes_and_refuses_unknown_fields() -> None:
    bag = Bag("b", [1])
    other = replace(bag, name="c")
    assert other == Bag("c", [1]) and other.items is bag.items and bag.name == "b"
    assert replace(Point(1, 2), y=5) == Point(1, 5)
    with pytest.raises(TypeError):
        replace(bag, colour="red")


def test_a_field_without_a_default_cannot_follow_one() -> None:
    with pytest.raises(TypeError):

        @record()
        class Wrong:
            a: int = 1
            b: int

    with pytest.raises(ValueError):
        field(default=[], default_factory=list)


@record()
class Keyed:
    """A field made by ``__post_init__``, one left out of ``==``, a method of its own."""

    name: str
    note: str = field(default="", compare=False)
    key: tuple[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.key = ("k", self.name)

    def __repr__(self) -> str:
        return f"<{self.name}>"


def test_post_init_fields_left_out_and_methods_of_the_class_itself() -> None:
    a = Keyed("a", note="x")
    assert a.key == ("k", "a") and Keyed.__match_args__ == ("name", "note")
    assert a == Keyed("a", note="y")  # (``note`` is not compared)
    assert repr(a) == "<a>"  # (the class's own ``__repr__`` is kept)
    with pytest.raises(TypeError):
        Keyed("a", key=("x", "y"))  # type: ignore[call-arg]
    moved = replace(a, name="b")
    assert moved.key == ("k", "b") and moved.note == "x"  # (made again, not copied)


def test_the_facts_are_records_that_pickle_and_move() -> None:
    from specls.extract import extract
    from specls.facts import shift_lines
    from specls.records import fields, is_record

    facts = extract(b"class A:\n    def f(self):\n        self.x = 1\n", "a.py", "a")
    assert is_record(facts) and is_record(type(facts)) and not is_record(1)
    assert "classes" in fields(facts)
    assert pickle.loads(pickle.dumps(facts, protocol=5)) == facts
    moved = shift_lines(facts.classes[0], 2)
    assert moved.span.line == facts.classes[0].span.line + 2 and moved.name == "A"


def test_findings_and_spans_are_records() -> None:
    span = Span(1, 2, 3, 4)
    assert span == shared_span(1, 2, 3, 4) and hash(span) == hash((1, 2, 3, 4))
    finding = Finding("R101", Severity.WARNING, "m", "a.py", span)
    assert finding.related == [] and finding.fixes == [] and finding.decision is None
    assert finding.related is not Finding("R101", Severity.WARNING, "m", "a.py", span).related
    moved = replace(finding, severity=Severity.ERROR)
    assert moved.severity is Severity.ERROR and moved.span is span
    assert pickle.loads(pickle.dumps([finding, Fix("t", "edit")])) == [finding, Fix("t", "edit")]
