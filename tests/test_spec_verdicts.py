"""A spec text validated before is read again without its models (pydantic): the valid
decisions from the fields they were given, the invalid ones validated again, so that every
problem is said in the same words."""

from __future__ import annotations

import pytest

from specls.spec.load import Validated, parse_spec

SPEC = """[spec]
version = 1

[decision.cart-lines]
kind = "representation"
target = "shop.cart.Cart.lines"
type = "list[tuple[str, int]]"
summary = "Cart lines in order."

[decision.say-quantity]
kind = "naming"
prefer = "quantity"
avoid = ["qty"]
applies_to = ["parameter", "attribute"]

[decision.amount]
kind = "value"
field = "amount"
unit = "cents"
absent = 0

[decision.pop-empty]
kind = "behaviour"
target = "Stack.pop"
when = "the stack is empty"
raises = "IndexError"
returns = "None"

[decision.broken]
kind = "representation"
target = "A.x"

[decision.positive]
kind = "invariant"
target = "Account"
expr = "self.balance >= 0"
status = "proposed"
"""


class Store:
    """Verdicts in a dict (the cache keeps them the same way, MAC-verified)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], dict] = {}
        self.puts = 0

    def get_spec(self, path: str, digest: str) -> dict | None:
        return self.rows.get((path, digest))

    def put_spec(self, path: str, digest: str, found: dict) -> None:
        self.puts += 1
        self.rows[(path, digest)] = found


def _problems(spec) -> list[tuple]:
    return [(p.code, p.message, p.span, p.decision_id) for p in spec.problems]


@pytest.mark.parametrize(
    "text",
    [SPEC, SPEC.replace("version = 1", "version = 2"), SPEC + "\n[decision.x\n", SPEC + "[x]\n"],
    ids=["valid-and-invalid", "bad-meta", "toml-error", "unknown-table"],
)
def test_a_second_read_is_the_same_spec(text: str) -> None:
    store = Store()
    fresh = parse_spec(text)
    first = parse_spec(text, verdicts=store)
    second = parse_spec(text, verdicts=store)
    assert store.puts == 1  # (the second read found what it knew: nothing written)
    for spec in (first, second):
        assert _problems(spec) == _problems(fresh)
        assert spec.declared == fresh.declared
        assert list(spec.decisions) == list(fresh.decisions)
    for ident, entry in fresh.decisions.items():
        again = second.decisions[ident]
        assert isinstance(again.decision, Validated)
        assert (again.span, again.end_line, again.places) == (
            entry.span,
            entry.end_line,
            entry.places,
        )
        assert again.decision == entry.decision and entry.decision == again.decision
        assert again.decision.model_dump() == entry.decision.model_dump()
        assert again.decision.model_dump(exclude_none=True) == entry.decision.model_dump(
            exclude_none=True
        )
        keys = {"kind", "target", "when", "applies_to"}
        assert again.decision.model_dump(exclude_none=True, include=keys) == (
            entry.decision.model_dump(exclude_none=True, include=keys)
        )
        for defaults in (True, False):
            assert again.decision.model_dump(exclude_defaults=defaults) == (
                entry.decision.model_dump(exclude_defaults=defaults)
            )
        for name in entry.decision.model_dump():
            assert getattr(again.decision, name) == getattr(entry.decision, name)
        assert again.decision.target == entry.decision.target  # (None for a value decision)
        assert repr(again.decision) == repr(entry.decision)


def test_another_text_is_validated_again() -> None:
    store = Store()
    parse_spec(SPEC, verdicts=store)
    changed = parse_spec(SPEC.replace('unit = "cents"', 'unit = "euros"'), verdicts=store)
    assert changed.decisions["amount"].decision.unit == "euros"
    assert not isinstance(changed.decisions["amount"].decision, Validated)
    assert store.puts == 2


def test_what_the_store_holds_is_only_a_shortcut() -> None:
    """A verdict of the wrong shape (never written by specls, but read from a row) is no
    verdict."""
    store = Store()
    parse_spec(SPEC, verdicts=store)
    for key in store.rows:
        store.rows[key] = {"meta": True, "decisions": "nonsense"}
    spec = parse_spec(SPEC, verdicts=store)
    assert _problems(spec) == _problems(parse_spec(SPEC))
