"""Where things are: code-point columns, the statements skipped as too deep, nested scopes."""

from __future__ import annotations

from bisect import bisect_right

from tree_sitter import Node

from specls.facts import (
    Span,
)
from specls.span import (
    _new,
    _set_col,
    _set_end_col,
    _set_end_line,
    _set_line,
    shared_ints,
    shared_span,
)

INTS = shared_ints()
_SHARED = len(INTS)

#: How deep a statement's syntax tree may nest (tree levels below the module) before the
#: innermost statement holding the deep part is skipped, with a note. tree-sitter finds a
#: node's parent by walking down from the root, so each step up from a node costs its depth,
#: and the facts of a node take a few steps up: the bound keeps extraction linear in the file
#: (and the extractor's few recursions, one frame a level, far from Python's limit). Python
#: itself refuses more than 200 nested brackets or 100 indented blocks; Django's deepest file
#: nests 32 levels, and of 13,000 files of the standard library and site-packages 7 pass 100
#: (generated tables of expressions, and tests of deep nesting).
MAX_DEPTH = 100


#: Why a part of a file was skipped (the notes of :attr:`FileFacts.notes`).
TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels"


TOO_COMPLEX = "too complex to analyse"


#: Lines longer than this (bytes) have their code-point columns counted from a table built
#: once per line (see :meth:`Positions.col`) rather than by decoding the line up to each
#: node: each node of a 1 MB line would otherwise decode up to a megabyte.
_LONG_LINE = 1024


_BLOCK = 256  # bytes per entry of that table


#: Every byte but UTF-8 continuation bytes (0x80-0xBF): deleting them leaves one byte per
#: code point after the first byte of each.
_NOT_CONTINUATION = bytes(b for b in range(256) if not 0x80 <= b < 0xC0)


class Scopes:
    """The functions, lambdas and classes nested in a body (byte ranges: nested or apart),
    each with a flag: which one holds an offset is a binary search, not a scan of them all
    (a body of a thousand lambdas made every node cost a thousand tests)."""

    def __init__(self, ranges: list[tuple[int, int, bool]]) -> None:
        if not ranges:  # (most bodies nest nothing)
            self.starts = self.ends = self.parents = []
            self.flagged = []
            return
        ranges.sort(key=lambda r: (r[0], -r[1]))
        self.starts = [r[0] for r in ranges]
        self.ends = [r[1] for r in ranges]
        #: the scope around each (-1 for none), and whether it or one around it is flagged
        self.parents: list[int] = []
        self.flagged: list[bool] = []
        around: list[int] = []
        for i, (start, _, flag) in enumerate(ranges):
            while around and self.ends[around[-1]] <= start:
                around.pop()
            parent = around[-1] if around else -1
            self.parents.append(parent)
            self.flagged.append(flag or (parent >= 0 and self.flagged[parent]))
            around.append(i)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def innermost(self, offset: int) -> int:
        """The index of the innermost scope holding ``offset``, or -1."""
        i = bisect_right(self.starts, offset) - 1
        while i >= 0 and self.ends[i] <= offset:  # ended before: one around it may hold it
            i = self.parents[i]
        return i

    def apart(self, node: Node, anchor: Node) -> bool:
        """Whether ``node`` is in a scope that does not also hold ``anchor``."""
        i = self.innermost(node.start_byte)
        return i >= 0 and not (
            self.starts[i] <= anchor.start_byte and anchor.end_byte <= self.ends[i]
        )


class Skips:
    """The byte ranges of the statements skipped in a file (disjoint, in source order)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.starts)

    def add(self, node: Node) -> None:
        """Skip ``node`` (which follows every range already added)."""
        self.starts.append(node.start_byte)
        self.ends.append(node.end_byte)

    def holds(self, node: Node) -> bool:
        """Whether ``node`` starts in a skipped statement."""
        return self.holds_byte(node.start_byte)

    def holds_byte(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


class Positions:
    """Converts tree-sitter byte columns to code-point columns; holds the skipped ranges."""

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.ascii = source.isascii()
        self.lines = [] if self.ascii else source.split(b"\n")
        #: One span object per node range: many facts point at the same node.
        self.spans: dict[tuple[int, int], Span] = {}
        #: Statements too deep to analyse (see :data:`MAX_DEPTH`).
        self.skips = Skips()
        #: Per long line: continuation bytes before each block of it (see :meth:`col`).
        self._blocks: dict[int, list[int]] = {}

    def col(self, row: int, byte_col: int) -> int:
        if self.ascii or row >= len(self.lines):
            return byte_col
        line = self.lines[row]
        if len(line) <= _LONG_LINE:
            return len(line[:byte_col].decode("utf-8", "replace"))
        # code points = bytes less continuation bytes (the source is valid UTF-8)
        conts = self._blocks.get(row)
        if conts is None:
            conts = self._blocks[row] = _continuations(line)
        byte_col = min(byte_col, len(line))
        i = byte_col // _BLOCK
        rest = line[i * _BLOCK : byte_col].translate(None, _NOT_CONTINUATION)
        return byte_col - conts[i] - len(rest)

    def span(self, node: Node) -> Span:
        key = node.byte_range
        span = self.spans.get(key)
        if span is None:
            (r0, c0), (r1, c1) = node.start_point, node.end_point
            if not self.ascii:
                c0, c1 = self.col(r0, c0), self.col(r1, c1)
            if (r0 | c0 | r1 | c1) >= 0 and r1 < _SHARED and c0 < _SHARED and c1 < _SHARED:
                # (shared_span, written out: spans are the most common facts)
                span = _new(Span)
                _set_line(span, INTS[r0])
                _set_col(span, INTS[c0])
                _set_end_line(span, INTS[r1])
                _set_end_col(span, INTS[c1])
                self.spans[key] = span
            else:
                span = self.spans[key] = shared_span(r0, c0, r1, c1)
        return span


def _continuations(line: bytes) -> list[int]:
    """UTF-8 continuation bytes in ``line`` before each multiple of ``_BLOCK``."""
    out = [0]
    total = 0
    for start in range(0, len(line), _BLOCK):
        total += len(line[start : start + _BLOCK].translate(None, _NOT_CONTINUATION))
        out.append(total)
    return out
