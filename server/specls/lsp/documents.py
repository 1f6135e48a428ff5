"""Open documents as the server sees them: bytes, line index and an incremental parse tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Point, Tree

from specls.extract import parse
from specls.lsp.positions import from_client


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
    _starts: list[int] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")

    def line_starts(self) -> list[int]:
        """Byte offset of each line's start."""
        if self._starts is None:
            starts = [0]
            find = self.data.find
            i = find(b"\n")
            while i >= 0:
                starts.append(i + 1)
                i = find(b"\n", i + 1)
            self._starts = starts
        return self._starts

    def line(self, n: int) -> str:
        """Line ``n`` without its line break ("" past the end)."""
        starts = self.line_starts()
        if n >= len(starts):
            return ""
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(self.data)
        return self.data[starts[n] : end].decode("utf-8", "replace").rstrip("\r")

    def byte_offset(self, line: int, units: int, encoding: str) -> tuple[int, int]:
        """``(offset, column in bytes)`` of a client position."""
        starts = self.line_starts()
        if line >= len(starts):
            return len(self.data), 0
        text = self.line(line)
        cp = from_client(text, units, encoding)
        col = len(text[:cp].encode("utf-8"))
        return starts[line] + col, col

    def apply(self, changes: list[Change], encoding: str) -> None:
        """Apply content changes in order, editing the tree so the next parse is incremental."""
        for ch in changes:
            new = ch.text.encode("utf-8")
            if ch.start is None or ch.end is None:
                self.data, self.tree, self._starts = new, None, None
                continue
            start, start_col = self.byte_offset(*ch.start, encoding)
            end, end_col = self.byte_offset(*ch.end, encoding)
            end = max(end, start)
            self.data = self.data[:start] + new + self.data[end:]
            self._starts = None
            if self.tree is not None:
                rows = new.count(b"\n")
                last = len(new) - (new.rfind(b"\n") + 1) if rows else start_col + len(new)
                self.tree.edit(
                    start_byte=start,
                    old_end_byte=end,
                    new_end_byte=start + len(new),
                    start_point=Point(ch.start[0], start_col),
                    old_end_point=Point(ch.end[0], end_col),
                    new_end_point=Point(ch.start[0] + rows, last),
                )
        if self.python:
            self.tree = parse(self.data, self.tree)
