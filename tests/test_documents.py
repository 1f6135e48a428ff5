"""The server's copy of a buffer stays the editor's, under LSP's rules for edits (the
model of those rules, written from the specification alone, is in ``lspmodel``)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lspmodel import PIECES, as_server_sees, model_apply, model_lines
from specls.extract import parse
from specls.lsp.documents import Change, Document
from specls.lsp.positions import from_client, to_client
from specls.text import line_starts, normalized
from specls.text import lines as lsp_lines

texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    texts,
    st.sampled_from(["utf-16", "utf-8", "utf-32"]),
    st.booleans(),
)
def test_buffer_equals_the_editors_after_any_edits(
    data: st.DataObject, initial: str, encoding: str, python: bool
) -> None:
    editor = initial
    doc = Document("file:///m.py", Path("m.py"), 1, b"", python=python)
    doc.apply([Change(initial)], encoding)
    for _ in range(data.draw(st.integers(1, 6))):
        lines = model_lines(editor)
        width = max(e - s for s, e in lines) * 2 + 3

        def pos(lines: list = lines, width: int = width) -> tuple[int, int]:
            return (
                data.draw(st.integers(0, len(lines) + 1)),
                data.draw(st.integers(0, width)),
            )

        bad = ["\ud800", "a\udfffb"] if encoding != "utf-8" else []
        new = data.draw(texts | st.sampled_from(bad or [""]))
        if data.draw(st.integers(0, 9)) == 0:
            change: tuple = (new, None, None)
        else:
            start, end = pos(), pos()
            change = (new, start, end)
        editor = model_apply(editor, change, encoding)
        doc.apply([Change(*change)], encoding)
        # what the server holds is what the editor holds
        assert doc.data.decode("utf-8") == as_server_sees(editor)
        # its lines are LSP's
        assert [doc.line(n) for n in range(doc.line_count())] == [
            as_server_sees(editor[s:e]) for s, e in model_lines(editor)
        ]
    if python:
        # the incremental tree is the tree of the text as parsed: lone \r read as a break
        fresh = parse(doc.source)
        assert str(doc.tree.root_node) == str(fresh.root_node) or doc.tree.root_node.has_error


@given(texts, st.sampled_from(["utf-16", "utf-8", "utf-32"]))
def test_columns_round_trip(text: str, encoding: str) -> None:
    line = text.replace("\n", "").replace("\r", "")
    for col in range(len(line) + 1):
        assert from_client(line, to_client(line, col, encoding), encoding) == col


def test_form_feed_and_separators_are_not_line_breaks() -> None:
    text = "a = 1\x0c\nb = 2\u2028c\r\nd\re"
    doc = Document("file:///m.py", Path("m.py"), 1, text.encode())
    doc.apply([], "utf-16")
    assert [doc.line(n) for n in range(doc.line_count())] == [
        "a = 1\x0c",
        "b = 2\u2028c",
        "d",
        "e",
    ]
    assert lsp_lines(text.encode()) == ["a = 1\x0c", "b = 2\u2028c", "d", "e"]
    # pygls's copy split at the form feed and U+2028: an edit on line 2 landed on line 1
    doc.apply([Change("X", (2, 0), (2, 1))], "utf-16")
    assert doc.text == "a = 1\x0c\nb = 2\u2028c\r\nX\re"


def test_a_lone_carriage_return_is_a_line_break_for_the_parser_too() -> None:
    doc = Document("file:///m.py", Path("m.py"), 1, b"")
    doc.apply([Change("class A:\r    def f(self):\r        self.a = 1\r")], "utf-16")
    assert not doc.tree.root_node.has_error
    assert doc.tree.root_node.children[0].type == "class_definition"
    # and its rows are LSP's lines
    assert doc.tree.root_node.children[0].end_point.row == 2


@given(st.binary(max_size=60) | st.text(alphabet="ab\r\n\x0b\x0c\x1c\x85\u2028é", max_size=40))
def test_line_starts_are_where_a_newline_ends(data: bytes | str) -> None:
    """Lines start after each ``\\n`` of the normalized source, and only there (not at form
    feed, ``\\x85`` or U+2028, nor at ``\\r`` once lone ones are made ``\\n``)."""
    source = normalized(data.encode() if isinstance(data, str) else data)
    expected = [0] + [i + 1 for i, byte in enumerate(source) if byte == 0x0A]
    assert line_starts(source) == expected


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), texts.filter(lambda t: "\n" in t))
def test_typing_on_one_line_keeps_every_position_right(data: st.DataObject, initial: str) -> None:
    """Keystrokes on one line move the later lines' starts lazily: positions, lines and the
    tree stay those of the text as it is, whatever mix of lines is typed on."""
    editor = initial
    doc = Document("file:///m.py", Path("m.py"), 1, b"")
    doc.apply([Change(initial)], "utf-16")
    row = 0
    for _ in range(data.draw(st.integers(1, 12))):
        lines = model_lines(editor)
        if data.draw(st.integers(0, 3)) == 0:  # now and then, another line
            row = data.draw(st.integers(0, len(lines) - 1))
        row = min(row, len(lines) - 1)
        width = lines[row][1] - lines[row][0]
        col = data.draw(st.integers(0, width))
        end = data.draw(st.integers(col, width))
        new = data.draw(st.sampled_from(["x", "", "é", "ab", "\n", "\r", "(", " "]))
        change = (new, (row, col), (row, end))
        editor = model_apply(editor, change, "utf-16")
        doc.apply([Change(*change)], "utf-16")
        assert doc.data.decode("utf-8") == as_server_sees(editor)
        starts = line_starts(doc.source)  # (the module's: computed afresh)
        for offset in range(0, len(doc.source) + 1, max(1, len(doc.source) // 7)):
            r = max(i for i, s in enumerate(starts) if s <= offset)
            assert tuple(doc.point(offset)) == (r, offset - starts[r])
        assert [doc.line(n) for n in range(doc.line_count())] == [
            as_server_sees(editor[s:e]) for s, e in model_lines(editor)
        ]
    assert doc.line_starts() == line_starts(doc.source)
    fresh = parse(doc.source)
    assert str(doc.tree.root_node) == str(fresh.root_node) or doc.tree.root_node.has_error
