"""E101-E103: behaviour decisions on edge cases, for methods and module functions."""

from __future__ import annotations

import pytest

from conftest import Check, codes


def raises(target: str = "mod.Stack.pop", exc: str = "IndexError") -> str:
    return (
        f'[decision.pop-empty]\nkind = "behaviour"\ntarget = "{target}"\n'
        f'when = "the stack is empty"\nraises = "{exc}"\n'
    )


def returns(value: str = "None", target: str = "mod.Stack.pop") -> str:
    return (
        f'[decision.pop-empty]\nkind = "behaviour"\ntarget = "{target}"\n'
        f'when = "the stack is empty"\nreturns = "{value}"\n'
    )


def stack(body: str, doc: str = "") -> str:
    lines = body.strip("\n").splitlines()
    doc_lines = [f'        """{doc}"""'] if doc else []
    return "\n".join(
        [
            "class Stack:",
            "    def __init__(self):",
            "        self.items = []",
            "",
            "    def pop(self):",
            *doc_lines,
            *("        " + line for line in lines),
            "",
        ]
    )


# -- decision says raise ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "if not self.items:\n    raise IndexError('empty')\nreturn self.items.pop()",
        "return self.items.pop()",  # raises IndexError by nature
        "return self.items[-1]",
        "if not self.items:\n    raise EmptyStack()\nreturn self.items.pop()",
        "try:\n    return self.items.pop()\nexcept IndexError:\n    raise",
        "return self._take()",  # delegates to a method that raises
    ],
)
def test_raise_decision_honoured(check: Check, body: str) -> None:
    helpers = "\nclass EmptyStack(IndexError):\n    pass\n"
    src = stack(body) + "\n    def _take(self):\n        raise IndexError\n" + helpers
    assert check(src, raises()) == []


def test_e102_returns_sentinel_where_decision_says_raise(check: Check) -> None:
    src = stack("if not self.items:\n    return None\nreturn self.items.pop()")
    found = check(src, raises())
    assert codes(found) == ["E102"]
    f = found[0]
    assert "returns `None`" in f.message and "raises IndexError" in f.message
    assert f.span.line == 6 and f.decision == "pop-empty"


def test_e102_falls_off_the_end(check: Check) -> None:
    src = stack("if self.items:\n    return self.items.pop()")
    found = check(src, raises())
    assert codes(found) == ["E102"] and "without a `return`" in found[0].message


def test_e101_no_path_raises(check: Check) -> None:
    src = stack("while True:\n    return len(self.items)")
    found = check(src, raises())
    assert codes(found) == ["E101"]
    assert "no path that raises IndexError" in found[0].message


def test_e101_a_caught_operation_does_not_count(check: Check) -> None:
    src = stack("try:\n    return self.items.pop()\nexcept IndexError:\n    return -1")
    assert codes(check(src, raises())) == ["E102"]


def test_spec_comment_in_the_body_acknowledges(check: Check) -> None:
    src = stack("if not self.items:\n    return None  # spec: pop-empty\nreturn self.items.pop()")
    assert check(src, raises()) == []


def test_overrides_in_subclasses_are_checked(check: Check) -> None:
    src = stack("return self.items.pop()") + (
        "\nclass Safe(Stack):\n    def pop(self):\n        if not self.items:\n"
        "            return None\n        return self.items.pop()\n"
    )
    found = check(src, raises())
    assert codes(found) == ["E102"] and "Safe.pop" in found[0].message


# -- decision says return ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "if not self.items:\n    return None\nreturn self.items.pop()",
        "return self.items.pop() if self.items else None",
        "if self.items:\n    return self.items.pop()",  # falls through: None
        "try:\n    return self.items.pop()\nexcept IndexError:\n    return None",
    ],
)
def test_return_decision_honoured(check: Check, body: str) -> None:
    assert check(stack(body), returns()) == []


def test_e102_raises_where_decision_says_return(check: Check) -> None:
    src = stack("if not self.items:\n    raise IndexError('empty')\nreturn self.items.pop()")
    found = check(src, returns())
    assert codes(found) == ["E102"]
    assert "raises IndexError" in found[0].message and "returns None" in found[0].message
    assert found[0].span.line == 6


def test_e102_operation_raises_where_decision_says_return(check: Check) -> None:
    found = check(stack("return self.items.pop()"), returns())
    assert codes(found) == ["E102"] and "self.items.pop()" in found[0].message


def test_return_values_by_phrase(check: Check) -> None:
    src = stack("if not self.items:\n    return ''\nreturn ', '.join(self.items)")
    assert check(src, returns("an empty string")) == []
    src = stack("if not self.items:\n    raise LookupError('empty')\nreturn ', '.join(self.items)")
    assert codes(check(src, returns("an empty string"))) == ["E102"]


def test_unknown_returned_phrase_is_reported_not_guessed(check: Check) -> None:
    src = stack("return self.items.pop()")
    found = check(src, returns("the sentinel object"))
    assert codes(found) == ["S008"]


def test_other_exceptions_do_not_count_against_a_return_decision(check: Check) -> None:
    src = stack("if not isinstance(self.items, list):\n    raise TypeError\nreturn None")
    assert check(src, returns()) == []
    src = stack("if self.items is None:\n    raise ValueError('closed')\nreturn self.items.pop()")
    assert check(src, returns()) == []


# -- E103: docstrings ----------------------------------------------------------------------------


def test_e103_docstring_raises_section_without_the_exception(check: Check) -> None:
    doc = "Pop.\n\n        Raises:\n            ValueError: never.\n        "
    src = stack("return self.items.pop()", doc)
    found = check(src, raises())
    assert codes(found) == ["E103"] and "lists ValueError" in found[0].message
    assert found[0].span.line == 8


def test_e103_docstring_says_none_where_decision_says_raise(check: Check) -> None:
    doc = "Pop.\n\n        Returns:\n            The top item, or None if it is empty.\n        "
    found = check(stack("return self.items.pop()", doc), raises())
    assert codes(found) == ["E103"]


def test_e103_docstring_raises_where_decision_says_return(check: Check) -> None:
    doc = "Pop.\n\n        Raises:\n            IndexError: if empty.\n        "
    src = stack("return self.items.pop() if self.items else None", doc)
    assert codes(check(src, returns())) == ["E103"]


def test_docstrings_that_agree_are_silent(check: Check) -> None:
    doc = "Pop.\n\n        Raises:\n            IndexError: if the stack is empty.\n        "
    assert check(stack("return self.items.pop()", doc), raises()) == []
    doc = "Pop.\n\n        Returns:\n            The top item, or None if empty.\n        "
    src = stack("return self.items.pop() if self.items else None", doc)
    assert check(src, returns()) == []


# -- module functions ------------------------------------------------------------------------------


def test_module_functions(check: Check) -> None:
    files = {"util.py": "def first(xs):\n    if not xs:\n        return None\n    return xs[0]\n"}
    found = check(files, raises("util.first"))
    assert codes(found) == ["E102"] and found[0].path.endswith("util.py")
    files = {"util.py": "def first(xs):\n    return xs[0]\n"}
    assert check(files, raises("util.first")) == []


def test_raises_in_nested_helpers_count(check: Check) -> None:
    src = stack(
        "def convert(key):\n    if key is not None:\n        return self.items[key]\n"
        "return [convert(k) for k in range(3)]"
    )
    assert check(src, raises(exc="KeyError")) == []
