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

A keystroke inside one top-level statement re-parses that statement alone, with its
neighbours (tree-sitter's ``included_ranges``: the file's true offsets), when what it gives
agrees with the file around it (see :meth:`Document._splice`): tree-sitter re-parses the
rest of the file after error recovery or a changed indentation, however little changed.
:meth:`Document.statements` are then the top-level statements of several trees; the whole
file's tree (:attr:`Document.tree`) is parsed when a feature asks for it, from the last
one, edited since.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path

from tree_sitter import Node, Parser, Point, Query, QueryCursor, Range, Tree

from specls.extract import parse, parser
from specls.grammar import LANGUAGE
from specls.lsp.positions import from_client
from specls.records import field, record
from specls.text import line_starts, normalized

_SURROGATE = re.compile("[\ud800-\udfff]")


def _range_parser() -> Parser:
    """A parser for part of a file (its included ranges set per parse), one per thread."""
    return parser("ranges")


def _reports(node: Node) -> bool:
    """Whether a top-level statement holds (or is) a syntax error."""
    return node.has_error or node.type == "ERROR" or node.is_missing


#: Where a string starts (a ``string``'s first child, or an ``ERROR``'s).
_STRING_STARTS = Query(LANGUAGE, "(string_start) @start")


def _open_string(node: Node, source: bytes) -> bool:
    """Whether ``node`` holds a string left open that may run on: parsed alone, the
    statement's string ran to the end of what was parsed, where the whole file's may run
    on (a ``\"\"\"`` typed). A plain string in quotes ends at its line's end however the
    file goes on (Python's lexer, and tree-sitter's, stop there), unless a backslash
    continues the line; an f-string's replacement fields may span lines. (What error
    recovery makes of the rest is checked apart: :meth:`Document._recovered_alike`.)"""
    for start in QueryCursor(_STRING_STARTS).captures(node).get("start", ()):
        string = start.parent
        end = string.children[-1] if string is not None and string.type == "string" else None
        closed = end is not None and end.type == "string_end" and not end.is_missing
        if not closed and _may_run_on(start, source):
            return True
    return False


def _may_run_on(start: Node, source: bytes) -> bool:
    """Whether a string opened at ``start`` (its ``string_start``) and not closed may end
    beyond its line."""
    opener = source[start.start_byte : start.end_byte]
    if opener.endswith((b'"""', b"'''")) or any(c in b"fFtT" for c in opener):
        return True
    before = source[start.start_byte - 1 : start.start_byte]
    if before.isalnum() or before == b"_":  # (a prefix the lexer may read with the quote)
        return True
    line_end = source.find(b"\n", start.end_byte)
    rest = source[start.end_byte : len(source) if line_end < 0 else line_end]
    return rest.rstrip(b"\r").endswith(b"\\")


def _broken_statements(tree: Tree) -> tuple[str, list[tuple[str, int, int, int]]]:
    """What a tree's errors are at the top level: the root's type, and each broken
    statement's type, extent and node count."""
    root = tree.root_node
    broken = [_shape(c) for c in root.children if _reports(c)]
    return (root.type if broken or not root.has_error else "hidden"), broken


#: What may stand between top-level statements and is never a neighbour parsed with the
#: changed one: a comment (read in any parser state), a line continuation (a ``\\`` line,
#: which joins the lines either side of it).
_BETWEEN = frozenset({"comment", "line_continuation"})


def _start_byte(node: Node) -> int:
    return node.start_byte


def _start_point(node: Node) -> Point:
    return node.start_point


def _run_at(runs: list[tuple[Tree, int, int]], k: int) -> tuple[Tree, int]:
    """The tree of statement ``k`` and its index among the tree root's children."""
    for tree, lo, hi in runs:
        if k < hi - lo:
            return tree, lo + k
        k -= hi - lo
    raise IndexError(k)


def _cut(runs: list[tuple[Tree, int, int]], a: int, b: int) -> list[tuple[Tree, int, int]]:
    """The runs of statements ``a`` to ``b`` (indices over all runs)."""
    out = []
    at = 0
    for tree, lo, hi in runs:
        size = hi - lo
        start, stop = max(a - at, 0), min(b - at, size)
        if start < stop:
            out.append((tree, lo + start, lo + stop))
        at += size
    return out


def _same(old: Node, new: Node, delta: int) -> bool:
    """``new`` is ``old`` moved by ``delta`` bytes, as parsed, and without error."""
    return (
        new.type == old.type
        and new.start_byte == old.start_byte + delta
        and new.end_byte == old.end_byte + delta
        and new.descendant_count == old.descendant_count
        and not _reports(new)
    )


def _shape(node: Node) -> tuple[str, int, int, int]:
    return node.type, node.start_byte, node.end_byte, node.descendant_count


def encode(text: str) -> tuple[bytes, bool]:
    """``text`` as UTF-8, and whether it held lone surrogates (each made U+FFFD, which
    counts as one unit in UTF-16 and UTF-32 alike, so later positions still agree)."""
    try:
        return text.encode("utf-8"), False
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8"), True


@record()
class Change:
    """One content change: a range in client units (``None`` for the whole text)."""

    text: str
    start: tuple[int, int] | None = None
    end: tuple[int, int] | None = None


@record()
class Document:
    """A document's content; Python documents also keep a tree-sitter tree."""

    uri: str
    path: Path
    version: int | None
    data: bytes
    python: bool = True
    #: Set when a change held text that is not Unicode (lone surrogates): logged once.
    bad_text: bool = False
    #: Changes whose statement was parsed alone (:meth:`_splice`), for the tests.
    spliced: int = 0
    #: The whole file's last parse, edited by every change since (the next one's old tree).
    _tree: Tree | None = field(default=None, repr=False)
    #: Whether :attr:`_tree` is the parse of the text as it is (no change since).
    _parsed: bool = field(default=False, repr=False)
    #: The top-level statements, in runs of the children of one tree's root: (tree, first
    #: index, end index). The trees are :attr:`_tree` and those of statements parsed alone
    #: since (``_patches``).
    _runs: list[tuple[Tree, int, int]] = field(default_factory=list, repr=False)
    _patches: list[Tree] = field(default_factory=list, repr=False)
    _stmts: list[Node] | None = field(default=None, repr=False)
    #: How many of the statements hold a syntax error.
    _broken: int = field(default=0, repr=False)
    #: The last whole parse has an error that no top-level statement holds: a statement is
    #: then never parsed alone (what the module's error state does elsewhere is unknown).
    _hidden: bool = field(default=False, repr=False)
    _source: bytes | None = field(default=None, repr=False)
    _starts: list[int] | None = field(default=None, repr=False)
    #: Lines after row ``_shift_row`` start ``_shift`` bytes later than ``_starts`` says:
    #: typing on one line moves every later line, and the list is not rewritten per key.
    _shift_row: int = field(default=-1, repr=False)
    _shift: int = field(default=0, repr=False)
    _lines: dict[int, str] = field(default_factory=dict, repr=False)

    @property
    def tree(self) -> Tree | None:
        """The whole file's tree (parsed now if statements were parsed alone since)."""
        if self.python and not self._parsed:
            self._parse()
        return self._tree

    def statements(self) -> list[Node]:
        """The file's top-level statements, as the whole file's parse gives them."""
        if not self.python:
            return []
        if self._tree is None:
            self._parse()
        if self._stmts is None:
            out: list[Node] = []
            for tree, lo, hi in self._runs:
                out += tree.root_node.children[lo:hi]
            self._stmts = out
        return self._stmts

    def node_at(self, point: Point) -> Node | None:
        """The smallest named node at ``point``, as the whole tree's root gives it: read in
        the statement that holds the point when statements were parsed alone since the last
        whole parse (hover needs no whole parse then), in the whole tree otherwise."""
        if not self.python:
            return None
        if not self._parsed:
            stmts = self.statements()
            i = bisect_right(stmts, point, key=_start_point) - 1
            if i >= 0 and stmts[i].end_point > point:
                return stmts[i].named_descendant_for_point_range(point, point)
        tree = self.tree
        return tree.root_node.named_descendant_for_point_range(point, point) if tree else None

    def _parse(self) -> None:
        """Parse the whole file, from the last parse (edited since) if there is one.

        Where errors are, tree-sitter's incremental parse can differ from a fresh one (it
        reuses what error recovery made of the old text: tree-sitter issues 1645 and 4001),
        and the facts would then differ from ``specls check``'s. So an incremental parse
        whose broken statements are not the old ones, moved as edited, is parsed afresh."""
        old = self._tree
        tree = parse(self.source, old)
        root = tree.root_node
        if old is not None and root.has_error:  # (the old tree is as edited, not re-parsed)
            after = _broken_statements(tree)
            if after != _broken_statements(old) or after[0] != "module":
                tree = parse(self.source)
                root = tree.root_node
        children = root.children
        self._tree, self._parsed, self._patches = tree, True, []
        self._runs = [(tree, 0, len(children))]
        self._stmts = children
        self._broken = sum(map(_reports, children))
        self._hidden = root.type != "module" or (root.has_error and not self._broken)

    def _splice(self, old: list[Node], start: int, end: int, delta: int) -> bool:
        """Parse only the top-level statement that the change of ``start``-``end`` (offsets
        before it; ``delta`` bytes longer after it) fell in, if it fell after the
        statement's first byte and before the next one's. The statements either side
        (comments and line continuations aside: :data:`_BETWEEN`) are parsed with it, and
        what it gives is kept only if they come out as the whole file's parse gave them
        (type, extent, node count, no error), every other statement is error-free, no
        error is left over at the top level, no broken statement holds a string left
        open (:func:`_open_string`), and broken statements come out alike with one more
        statement after them (:meth:`_recovered_alike`). Returns whether it was kept."""
        if self._hidden or not old:
            return False
        k = bisect_left(old, start, key=_start_byte) - 1
        if k < 0 or (k + 1 < len(old) and end >= old[k + 1].start_byte):
            return False
        if old[k].type == "line_continuation":
            return False
        p = k - 1 if old[k].type != "comment" else k
        while p >= 0 and old[p].type in _BETWEEN:
            p -= 1
        q = k + 1
        while q < len(old) and old[q].type in _BETWEEN:
            q += 1
        prev = old[p] if p >= 0 else None
        nxt = old[q] if q < len(old) else None
        if self._broken != sum(map(_reports, old[p + 1 : q])):  # (an error elsewhere)
            return False
        lo, lo_point = (prev.start_byte, prev.start_point) if prev else (0, Point(0, 0))
        hi = old[q + 1].start_byte + delta if q + 1 < len(old) else len(self.source)
        parser = self._range_parser(lo, lo_point, hi)
        # the statement's last parse alone, if it was parsed alone from the same place
        # (typing on: that parse, edited, is reused as the whole file's would be)
        before = _run_at(self._runs, k)[0]
        reuse = before is not self._tree and before.included_ranges[0].start_byte == lo
        tree = parser.parse(self.source, before) if reuse else parser.parse(self.source)
        root = tree.root_node
        children = root.children
        first, last = (1 if prev else 0), len(children) - (1 if nxt else 0)
        if root.type != "module" or last < first:
            return False
        if prev is not None and not _same(prev, children[0], 0):
            return False
        if nxt is not None and not _same(nxt, children[-1], delta):
            return False
        broken = [c for c in children[first:last] if _reports(c)]
        if root.has_error and not broken:
            return False
        if any(_open_string(c, self.source) for c in broken):
            return False
        if broken and not self._recovered_alike(old, lo, lo_point, q, delta, broken):
            return False
        runs = self._runs
        self._runs = [*_cut(runs, 0, p + 1), (tree, first, last), *_cut(runs, q, len(old))]
        whole = self._tree
        self._patches = list({id(t): t for t, _, _ in self._runs if t is not whole}.values())
        self._stmts = None
        self._broken = len(broken)
        self.spliced += 1
        return True

    def _range_parser(self, lo: int, lo_point: Point, hi: int) -> Parser:
        """The thread's range parser, set to parse bytes ``lo``-``hi`` of the source."""
        parser = _range_parser()
        parser.included_ranges = [Range(lo_point, self.point(hi), lo, hi)]
        # (tree-sitter's lexer keeps the last parse's position, by byte and point: a parse
        # with an old tree that reached the same byte took that point's line, another
        # document's; reset, it starts afresh)
        parser.reset()
        return parser

    def _recovered_alike(
        self,
        old: list[Node],
        lo: int,
        lo_point: Point,
        q: int,
        delta: int,
        broken: list[Node],
    ) -> bool:
        """Whether the broken statements come out alike when one more statement after the
        change is parsed with them (tree-sitter's error recovery weighs what follows: what
        it makes of an error can change with the text after the part parsed)."""
        after = q + 1
        while after < len(old) and old[after].type in _BETWEEN:
            after += 1
        if after >= len(old):
            return True  # (the part parsed ran to the end of the file)
        hi = old[after + 1].start_byte + delta if after + 1 < len(old) else len(self.source)
        children = self._range_parser(lo, lo_point, hi).parse(self.source).root_node.children
        if not children or not _same(old[after], children[-1], delta):
            return False
        if not any(_same(old[q], c, delta) for c in children[-1 - (after - q) :]):
            return False
        wide = [c for c in children if _reports(c)]
        return [_shape(c) for c in wide] == [_shape(c) for c in broken]

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
        """Apply content changes in order, editing the trees so the next parse is
        incremental; one change inside a statement parses that statement alone if it can."""
        splice: tuple[list[Node], int, int, int] | None = None
        for ch in changes:
            new, bad = encode(ch.text)
            self.bad_text = self.bad_text or bad
            if ch.start is None or ch.end is None:
                self._set(new)
                self._tree, self._parsed, self._runs, self._patches = None, False, [], []
                self._stmts = None
                continue
            start, _ = self.byte_offset(*ch.start, encoding)
            end, _ = self.byte_offset(*ch.end, encoding)
            end = max(end, start)
            data = self.data
            # what a lone \r before the change parses as depends on what follows it
            edit_start = start - 1 if start and data[start - 1] == 0x0D else start
            old_start, old_end = self.point(edit_start), self.point(end)
            alone = len(changes) == 1 and self.python and self._tree is not None
            old = self.statements() if alone else None
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
            if self._tree is not None:
                new_end = start + len(new)
                new_end_point = self.point(new_end)
                for tree in (self._tree, *self._patches):
                    tree.edit(
                        start_byte=edit_start,
                        old_end_byte=end,
                        new_end_byte=new_end,
                        start_point=old_start,
                        old_end_point=old_end,
                        new_end_point=new_end_point,
                    )
                self._parsed, self._stmts = False, None
                if old is not None:
                    splice = (old, edit_start, end, new_end - end)
        if self.python and (splice is None or not self._splice(*splice)):
            self._parse()

    def _set(self, data: bytes, keep_lines: bool = False) -> None:
        self.data = data
        self._source = None
        if not keep_lines:
            self._starts = None
            self._shift_row, self._shift = -1, 0
            self._lines.clear()
