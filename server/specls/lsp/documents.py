"""Open documents as the server sees them: the editor's exact text, its lines as LSP counts
them, and an incremental parse tree.

The text is the client's, byte for byte: changes are applied here with LSP's rules and
nowhere else (pygls keeps no copy of its own; see :mod:`specls.lsp.protocol`). LSP breaks
lines at ``\\n``, ``\\r\\n`` and ``\\r`` only (not at form feed, ``\\x85``, U+2028 or
U+2029, where ``str.splitlines`` would), and a position past the end of a line or of the
document stands for that end.

What is parsed is :attr:`Document.source`: the text with each lone ``\\r`` made ``\\n``
(one byte for one, so offsets agree). Python reads a lone ``\\r`` as a line break, and
tree-sitter's rows then count exactly LSP's lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Point, Tree

from specls.extract import parse
from specls.lsp.positions import from_client
from specls.text import line_starts, normalized

_SURROGATE = re.compile("[\ud800-\udfff]")


def encode(text: str) -> tuple[bytes, bool]:
    """``text`` as UTF-8, and whether it held lone surrogates (each made U+FFFD, which
    counts as one unit in UTF-16 and UTF-32 alike, so later positions still agree)."""
    try:
        return text.encode("utf-8"), False
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8"), True


@dataclass(slots=True)
class Change:
    """One content change: a range in client units (``None`` for the whole text)."""

    text: str
    start: tuple[int, int] | None = None
    end: tuple[int, int] | None = None


@dataclass(slots=True)
class Document:
    """A document's content; Python documents also keep a tree-sitter tree."""

    uri: str
    path: Path
    version: int | None
    data: bytes
    python: bool = True
    tree: Tree | None = None
    #: Set when a change held text that is not Unicode (lone surrogates): logged once.
    bad_text: bool = False
    _source: bytes | None = field(default=None, repr=False)
    _starts: list[int] | None = field(default=None, repr=False)
    #: Lines after row ``_shift_row`` start ``_shift`` bytes later than ``_starts`` says:
    #: typing on one line moves every later line, and the list is not rewritten per key.
    _shift_row: int = field(default=-1, repr=False)
    _shift: int = field(default=0, repr=False)
    _lines: dict[int, str] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")

    @property
    def source(self) -> bytes:
        """What is parsed: :attr:`data` with lone ``\\r`` made ``\\n``."""
        if self._source is None:
            self._source = normalized(self.data)
        return self._source

    def line_starts(self) -> list[int]:
        """Byte offset of each line's start."""
        starts = self._base_starts()
        if self._shift_row >= 0:  # (the moves typing left pending, made now)
            row, shift = self._shift_row, self._shift
            starts[row + 1 :] = [start + shift for start in starts[row + 1 :]]
            self._shift_row, self._shift = -1, 0
        return starts

    def _base_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = line_starts(self.source)
            self._shift_row, self._shift = -1, 0
        return self._starts

    def _start(self, row: int) -> int:
        """Where line ``row`` (an index of :meth:`line_starts`) starts."""
        start = self._base_starts()[row]
        return start + self._shift if 0 <= self._shift_row < row else start

    def line_count(self) -> int:
        return len(self._base_starts())

    def line(self, n: int) -> str:
        """Line ``n`` without its line break ("" past the end)."""
        text = self._lines.get(n)
        if text is None:
            count = self.line_count()
            if not 0 <= n < count:
                return ""
            start = self._start(n)
            end = self._start(n + 1) - 1 if n + 1 < count else len(self.data)
            if end > start and self.data[end - 1] == 0x0D:  # the \r of \r\n
                end -= 1
            text = self.data[start:end].decode("utf-8", "replace")
            self._lines[n] = text
        return text

    def byte_offset(self, line: int, units: int, encoding: str) -> tuple[int, int]:
        """``(offset, column in bytes)`` of a client position, clamped to the document."""
        count = self.line_count()
        if line >= count:
            return len(self.data), len(self.data) - self._start(count - 1)
        line = max(line, 0)
        text = self.line(line)
        cp = from_client(text, units, encoding)
        col = cp if text.isascii() else len(text[:cp].encode("utf-8"))
        return self._start(line) + col, col

    def point(self, offset: int) -> Point:
        """The tree-sitter point (row, byte column) of a byte offset."""
        starts = self._base_starts()
        after = self._shift_row + 1  # (the first line whose start is pending a move)
        if 0 < after < len(starts) and offset >= starts[after] + self._shift:
            row = bisect_right(starts, offset - self._shift, after) - 1
        else:
            row = bisect_right(starts, offset, 0, after if after > 0 else len(starts)) - 1
        return Point(row, offset - self._start(row))

    def apply(self, changes: list[Change], encoding: str) -> None:
        """Apply content changes in order, editing the tree so the next parse is incremental."""
        for ch in changes:
            new, bad = encode(ch.text)
            self.bad_text = self.bad_text or bad
            if ch.start is None or ch.end is None:
                self._set(new)
                self.tree = None
                continue
            start, _ = self.byte_offset(*ch.start, encoding)
            end, _ = self.byte_offset(*ch.end, encoding)
            end = max(end, start)
            data = self.data
            # what a lone \r before the change parses as depends on what follows it
            edit_start = start - 1 if start and data[start - 1] == 0x0D else start
            old_start, old_end = self.point(edit_start), self.point(end)
            # Text typed within one line (no line break in or around it) moves the later
            # lines only: their starts are moved when next needed, not recomputed now.
            same_lines = (
                old_start.row == old_end.row
                and b"\n" not in new
                and b"\r" not in new
                and b"\r" not in data[edit_start:end]
                and b"\n" not in data[edit_start:end]
                and (self._shift_row < 0 or self._shift_row == old_start.row)
            )
            self._set(data[:start] + new + data[end:], keep_lines=same_lines)
            if same_lines:
                self._shift_row = old_start.row
                self._shift += len(new) - (end - start)
                self._lines.pop(old_start.row, None)
            if self.tree is not None:
                new_end = start + len(new)
                self.tree.edit(
                    start_byte=edit_start,
                    old_end_byte=end,
                    new_end_byte=new_end,
                    start_point=old_start,
                    old_end_point=old_end,
                    new_end_point=self.point(new_end),
                )
        if self.python:
            self.tree = parse(self.source, self.tree)

    def _set(self, data: bytes, keep_lines: bool = False) -> None:
        self.data = data
        self._source = None
        if not keep_lines:
            self._starts = None
            self._shift_row, self._shift = -1, 0
            self._lines.clear()
