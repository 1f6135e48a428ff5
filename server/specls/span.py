"""A range in one file, the smallest fact; in a module of its own so that reading findings
(a warm run answered from the cache) does not import the rest of the facts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A range in one file."""

    line: int
    col: int
    end_line: int
    end_col: int


#: One int object per line or column number: spans are the most common facts.
INTS: tuple[int, ...] = tuple(range(1 << 16))


def shared_span(line: int, col: int, end_line: int, end_col: int) -> Span:
    """A span made of the shared int objects (for extraction and unpickling)."""
    try:
        return Span(INTS[line], INTS[col], INTS[end_line], INTS[end_col])
    except IndexError:
        return Span(line, col, end_line, end_col)


def _span_reduce(self: Span) -> tuple:
    return (shared_span, (self.line, self.col, self.end_line, self.end_col))


Span.__reduce__ = _span_reduce  # type: ignore[method-assign,assignment]
