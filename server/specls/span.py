"""A range in one file, the smallest fact; in a module of its own so that reading findings
(a warm run answered from the cache) does not import the rest of the facts."""

from __future__ import annotations

from specls.records import record


@record(frozen=True)
class Span:
    """A range in one file."""

    line: int
    col: int
    end_line: int
    end_col: int


#: One int object per line or column number: spans are the most common facts. Made on
#: first use (:func:`shared_ints`): the 65,536 ints cost 12M instructions, and a check
#: answered from the cache with no finding makes no span.
INTS: tuple[int, ...] = ()


def shared_ints() -> tuple[int, ...]:
    """:data:`INTS`, made if it was not yet (for a module that reads it at its import)."""
    global INTS
    if not INTS:
        INTS = tuple(range(1 << 16))
    return INTS


_new = object.__new__
#: The slots' own setters, which a frozen record's ``__init__`` calls: here without the call
#: (a dataclass's went through ``object.__setattr__``, which made a span twice as slow).
_set_line, _set_col, _set_end_line, _set_end_col = (
    vars(Span)[name].__set__ for name in ("line", "col", "end_line", "end_col")
)


def shared_span(line: int, col: int, end_line: int, end_col: int) -> Span:
    """A span made of the shared int objects (for extraction and unpickling)."""
    # (a negative index would pick a wrong shared int: the or-ed numbers are negative when
    # any one is; one past the shared ints raises, and is kept as it is)
    if (line | col | end_line | end_col) >= 0:
        ints = INTS or shared_ints()
        try:  # noqa: SIM105 (a `with suppress()` costs more than the span in this hot path)
            line, col, end_line, end_col = ints[line], ints[col], ints[end_line], ints[end_col]
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
