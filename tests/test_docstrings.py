"""Docstring sections: what each style yields, and the prose shortcut that must lose nothing."""

from __future__ import annotations

import pytest

from specls import docstrings
from specls.docstrings import entries, invariants, raises, returns_text

GOOGLE = """Load a thing.

Args:
    path (str): where it is.
    retries (int): how often to try.

Attributes:
    items (list[str]): what was read.

Raises:
    KeyError: when it is missing.
    ValueError

Returns:
    The thing,
    loaded.

Invariants:
    self.size >= 0
"""

NUMPY = """Load a thing.

Parameters
----------
path : str
    Where it is.

Raises
------
OSError
    When it cannot be read.

Returns
-------
dict
"""

REST = """Load a thing.

:param path: where it is.
:type path: str
:param int retries: how often to try.
:ivar items: what was read.
:vartype items: list[str]
:raises KeyError: when it is missing.
:returns: the thing.
"""

PROSE = [
    "",
    "Return the thing.",
    "Return the thing.\n\n    It is made once; the caller keeps it (see load() - or save()).\n",
    "Dashes -- two of them -- are prose too.",
]

#: Docstrings at the edges of the shortcut: each has a colon or three dashes, so each is read.
EDGES = [
    "Note: a colon in prose.",
    "Args:\n    x (int): only one.",
    "One line :param x: inline field.",
    "Raises\n---\nKeyError",
    "Returns\n   ---   \nint",
    "Args:\f\n    x (int): form feed after the header.",
    "Raises:\r\n    KeyError: CRLF line ends.\r\n",
    "Returns:\u2028    int",
]


def _all(doc: str) -> tuple:
    return (
        entries(doc, "params"),
        entries(doc, "attributes"),
        raises(doc),
        returns_text(doc),
        invariants(doc),
    )


def _searched(doc: str) -> tuple:
    """What the line-by-line searches find, without the prose shortcut."""
    lines = doc.splitlines()

    def typed(section: str) -> list:
        found: dict = {}
        for e in (
            docstrings._google(lines, section)
            + docstrings._numpy(lines, section)
            + docstrings._rest(lines, section)
        ):
            found.setdefault(e.name, e)
        return list(found.values())

    section = docstrings._section_lines(lines, docstrings._RETURNS_HEADERS)
    rest_raises = [
        (m.group(1), i)
        for i, line in enumerate(lines)
        for m in docstrings._REST_RAISES.finditer(line)
    ]
    return (
        typed("params"),
        typed("attributes"),
        bool(docstrings._section_lines(lines, docstrings._RAISES_HEADERS) or rest_raises),
        bool(section) or any(docstrings._REST_RETURNS.search(line) for line in lines),
        docstrings._section_lines(lines, docstrings._INVARIANT_HEADERS),
    )


def test_google_sections_are_read() -> None:
    params, attributes, raised, returned, kept = _all(GOOGLE)
    assert [(e.name, e.type_text, e.line) for e in params] == [
        ("path", "str", 3),
        ("retries", "int", 4),
    ]
    assert [(e.name, e.type_text) for e in attributes] == [("items", "list[str]")]
    assert [(e.text, e.line) for e in raised] == [("KeyError", 10), ("ValueError", 11)]
    assert returned is not None and returned.text == "The thing, loaded."
    assert [e.text for e in kept] == ["self.size >= 0"]


def test_numpy_sections_are_read() -> None:
    params, _, raised, returned, _ = _all(NUMPY)
    assert [(e.name, e.type_text) for e in params] == [("path", "str")]
    assert [e.text for e in raised] == ["OSError"]
    assert returned is not None and returned.text == "dict"


def test_rest_fields_are_read() -> None:
    params, attributes, raised, returned, _ = _all(REST)
    assert [(e.name, e.type_text) for e in params] == [("path", "str"), ("retries", "int")]
    assert [(e.name, e.type_text) for e in attributes] == [("items", "list[str]")]
    assert [e.text for e in raised] == ["KeyError"]
    assert returned is not None and returned.text == "the thing."


@pytest.mark.parametrize("doc", PROSE + EDGES + [GOOGLE, NUMPY, REST])
def test_the_prose_shortcut_finds_what_the_full_search_finds(doc: str) -> None:
    params, attributes, raised, returned, kept = _all(doc)
    searched = _searched(doc)
    assert (params, attributes, bool(raised), returned is not None, kept) == searched


@pytest.mark.parametrize("doc", PROSE)
def test_prose_is_not_searched_line_by_line(doc: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def searched(*args: object) -> list:
        raise AssertionError("a docstring without a colon or dashes was searched")

    for name in ("_google", "_numpy", "_rest", "_section_lines"):
        monkeypatch.setattr(docstrings, name, searched)
    assert _all(doc) == ([], [], [], None, [])
