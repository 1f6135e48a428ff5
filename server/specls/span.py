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


_new = object.__new__
#: The slots' own setters: a frozen dataclass's ``__init__`` goes through
#: ``object.__setattr__`` for each field, which made a span twice as slow to build.
_set_line, _set_col, _set_end_line, _set_end_col = (
    vars(Span)[name].__set__ for name in ("line", "col", "end_line", "end_col")
)


def shared_span(line: int, col: int, end_line: int, end_col: int) -> Span:
    """A span made of the shared int objects (for extraction and unpickling)."""
    # (a negative index would pick a wrong shared int: the or-ed numbers are negative when
    # any one is; one past the shared ints raises, and is kept as it is)
    if (line | col | end_line | end_col) >= 0:
        try:  # noqa: SIM105 (a `with suppress()` costs more than the span in this hot path)
            line, col, end_line, end_col = INTS[line], INTS[col], INTS[end_line], INTS[end_col]
        except IndexError:
            pass
    span = _new(Span)
    _set_line(span, line)
    _set_col(span, col)
    _set_end_line(span, end_line)
    _set_end_col(span, end_col)
    return span


def _span_reduce(self: Span) -> tuple:
    return (shared_span, (self.line, self.col, self.end_line, self.end_col))


Span.__reduce__ = _span_reduce  # type: ignore[method-assign,assignment]
