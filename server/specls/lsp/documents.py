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
        if self._starts is None:
            self._starts = line_starts(self.source)
        return self._starts

    def line_count(self) -> int:
        return len(self.line_starts())

    def line(self, n: int) -> str:
        """Line ``n`` without its line break ("" past the end)."""
        text = self._lines.get(n)
        if text is None:
            starts = self.line_starts()
            if not 0 <= n < len(starts):
                return ""
            end = starts[n + 1] - 1 if n + 1 < len(starts) else len(self.data)
            if end > starts[n] and self.data[end - 1] == 0x0D:  # the \r of \r\n
                end -= 1
            text = self.data[starts[n] : end].decode("utf-8", "replace")
            self._lines[n] = text
        return text

    def byte_offset(self, line: int, units: int, encoding: str) -> tuple[int, int]:
        """``(offset, column in bytes)`` of a client position, clamped to the document."""
        starts = self.line_starts()
        if line >= len(starts):
            return len(self.data), len(self.data) - starts[-1]
        line = max(line, 0)
        text = self.line(line)
        cp = from_client(text, units, encoding)
        col = cp if text.isascii() else len(text[:cp].encode("utf-8"))
        return starts[line] + col, col

    def point(self, offset: int) -> Point:
        """The tree-sitter point (row, byte column) of a byte offset."""
        starts = self.line_starts()
        row = bisect_right(starts, offset) - 1
        return Point(row, offset - starts[row])

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
            self._set(data[:start] + new + data[end:])
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

    def _set(self, data: bytes) -> None:
        self.data = data
        self._source = None
        self._starts = None
        self._lines.clear()
