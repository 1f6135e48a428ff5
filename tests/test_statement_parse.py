"""A change inside one top-level statement parses that statement alone (issue 21).

:meth:`Document.apply` parses the statement a change fell in, with its neighbours, instead
of the whole file, when the neighbours come out as they were (see ``Document._splice``).
Here random edits of real files (the project's own, the standard library's) are made that
way, and the statements, the facts and the findings (related places and fixes too) are
compared with those of the whole file parsed afresh.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from tree_sitter import Node, Point

from randomedits import PIECES, sources
from specls.config import load_settings
from specls.engine import Workspace
from specls.extract import ChunkCache, extract, parse
from specls.facts import FileFacts, interface_of
from specls.findings import Finding
from specls.lsp.documents import Change, Document

SOURCES = sources(40_000)
SMALL = sources(12_000)


def _whole(found: list[Finding]) -> list[tuple]:
    return [(f, f.related, f.fixes) for f in found]


def _known(facts: FileFacts | None) -> FileFacts | None:
    """``facts`` with every class's interface digest made (a memo kept on the facts: made
    for the editor's classes once the rules asked for it, 0 on fresh ones)."""
    for cls in facts.classes if facts is not None else []:
        interface_of(cls)
    return facts


def _signature(nodes: list) -> list[tuple]:
    """The nodes as parsed: their trees and positions."""
    return [(str(n), n.start_point, n.end_point, n.start_byte, n.end_byte) for n in nodes]


def _ancestry(node: Node | None) -> list[tuple]:
    """A node and those above it: their types and extents (the module's type only: above a
    statement parsed alone is the module of the part parsed, which nothing reads but its
    type)."""
    out = []
    while node is not None:
        parent = node.parent
        out.append((node.type,) if parent is None else (node.type, node.start_byte, node.end_byte))
        node = parent
    return out


def _edit(data: st.DataObject, doc: Document) -> Change:
    """A random change of ``doc``: within a line mostly, across lines now and then."""
    lines = doc.data.split(b"\n")
    row = data.draw(st.integers(0, len(lines) - 1))
    width = len(lines[row])
    col = data.draw(st.integers(0, width))
    end_row, end_col = row, data.draw(st.integers(col, min(width, col + 3)))
    if data.draw(st.integers(0, 9)) == 0:
        end_row = min(len(lines) - 1, row + data.draw(st.integers(0, 3)))
        end_col = data.draw(st.integers(col if end_row == row else 0, len(lines[end_row])))
    return Change(data.draw(st.sampled_from(PIECES)), (row, col), (end_row, end_col))


def _open(path: Path, text: str) -> Document:
    doc = Document(path.as_uri(), path, 1, b"")
    doc.apply([Change(text)], "utf-8")
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(SOURCES))
def test_statements_parsed_alone_are_the_whole_parses(data: st.DataObject, path: Path) -> None:
    """After each change whose statement was parsed alone, every top-level statement is the
    whole file's, parsed afresh: its nodes and their positions."""
    doc = _open(path, path.read_text("utf-8"))
    for _ in range(data.draw(st.integers(1, 8))):
        before = doc.spliced
        doc.apply([_edit(data, doc)], "utf-8")
        event(f"parsed alone: {doc.spliced > before}")
        if doc.spliced > before:
            fresh = parse(doc.source).root_node
            assert _signature(doc.statements()) == _signature(fresh.children)
            # what hover and definition read: the node at a point, and the nodes above it
            for _ in range(3):
                point = doc.point(data.draw(st.integers(0, len(doc.source))))
                found = fresh.named_descendant_for_point_range(point, point)
                assert _ancestry(doc.node_at(point)) == _ancestry(found)
    # the whole tree, for the features that read it, is the text's
    whole = doc.tree.root_node
    assert str(whole) == str(parse(doc.source).root_node) or whole.has_error


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data(), st.sampled_from(SMALL))
def test_facts_and_findings_equal_a_whole_parses(data: st.DataObject, path: Path) -> None:
    """The facts and findings of a file edited through the editor's path (statements parsed
    alone where they can be, facts kept per statement) equal a fresh workspace's."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        file = root / "m.py"
        text = path.read_text("utf-8")
        file.write_text(text, "utf-8")
        engine = Workspace(load_settings(root))
        engine.load_spec()
        doc = _open(file, text)
        engine.update_file(file, doc.source, statements=doc.statements())
        engine.findings()
        for _ in range(data.draw(st.integers(1, 4))):
            before = doc.spliced
            doc.apply([_edit(data, doc)], "utf-8")
            event(f"parsed alone: {doc.spliced > before}")
            facts = engine.update_file(file, doc.source, statements=doc.statements())
            assert _known(facts) == _known(extract(doc.source, str(file), "m"))
            fresh = Workspace(load_settings(root), reuse_findings=False)
            fresh.load_spec()
            fresh.update_file(file, doc.source)
            assert _whole(engine.findings()) == _whole(fresh.findings())


CLASSES = "".join(
    f'''
class Store{n}:
    """Store number {n}."""

    def __init__(self):
        self.items = {{}}
        self.count = 0

    def total(self):
        return sum(self.items.values())
'''
    for n in range(3)
)


def _change(doc: Document, line: int, col: int, new: str, end: int | None = None) -> bool:
    """Make one change on one line; returns whether its statement was parsed alone."""
    before = doc.spliced
    doc.apply([Change(new, (line, col), (line, col if end is None else end))], "utf-8")
    assert _signature(doc.statements()) == _signature(parse(doc.source).root_node.children)
    return doc.spliced > before


def test_a_syntax_error_typed_and_deleted_parses_one_statement() -> None:
    """The keystroke of ``keystroke_instructions.py --mode error``: ``x`` typed before
    ``return`` (a syntax error) and deleted, both parsed alone; the error reported is the
    whole parse's."""
    doc = _open(Path("/m.py"), CLASSES)
    row = CLASSES.split("\n").index("        return sum(self.items.values())", 20)
    cache = ChunkCache()
    assert _change(doc, row, 8, "x")
    facts = extract(doc.source, "m.py", "m", cache=cache, statements=doc.statements())
    assert facts.syntax_errors and facts == extract(doc.source, "m.py", "m")
    assert _change(doc, row, 8, "", 9)
    facts = extract(doc.source, "m.py", "m", cache=cache, statements=doc.statements())
    assert not facts.syntax_errors and facts == extract(doc.source, "m.py", "m")
    assert str(doc.tree.root_node) == str(parse(doc.source).root_node)


def test_what_is_not_parsed_alone() -> None:
    """A change at a statement's first byte, a string left open (it may run on past the
    next statement), or an error elsewhere in the file: the whole file is parsed."""
    doc = _open(Path("/m.py"), CLASSES)
    lines = CLASSES.split("\n")
    header = lines.index("class Store1:")
    assert not _change(doc, header, 0, "x")  # (the statement's first byte)
    assert not _change(doc, header, 0, "", 1)
    docstring = lines.index('    """Store number 1."""')
    assert not _change(doc, docstring + 1, 0, '"""')  # (runs on to the next docstring)
    _change(doc, docstring + 1, 0, "", 3)
    assert _change(doc, header + 5, 14, "(")  # (an error in Store1 ...)
    assert not _change(doc, lines.index("class Store2:") + 5, 14, "y")  # (... and in Store2)
    assert _change(doc, header + 5, 14, "", 15)  # (mended: the only error was there)
    assert _change(doc, lines.index("class Store2:") + 5, 14, "", 15)


def test_a_plain_string_left_open_on_its_line_is_parsed_alone() -> None:
    """A quote typed in a line (as one types a string, before its closing quote) leaves a
    string open that ends at the line's end however the file goes on: its statement is
    parsed alone. One that may run on is not: three quotes, an f-string (its replacement
    fields may span lines), a line continued by a backslash."""
    doc = _open(Path("/m.py"), CLASSES)
    row = CLASSES.split("\n").index("        return sum(self.items.values())", 20)
    for typed, alone in [('"', True), ("'it", True), ('"""', False), ("f'", False)]:
        assert _change(doc, row, 15, typed) is alone, typed
        facts = extract(doc.source, "m.py", "m", statements=doc.statements())
        assert facts.syntax_errors and facts == extract(doc.source, "m.py", "m")
        assert _change(doc, row, 15, "", 15 + len(typed)), typed
    end = len("        return sum(self.items.values())")
    assert not _change(doc, row, end, ' "a \\')  # (a backslash: the line goes on)
    assert doc.source.count(b'"a \\\n') == 1


def test_a_line_continuation_between_statements_is_no_neighbour() -> None:
    """A ``\\`` line between two statements joins them once the one before it breaks (here
    a ``\\`` typed in an import: the import then runs on to the call's name), so it is
    not taken for the statement after the change: that is the call, parsed with it."""
    text = '"""Doc."""\n\nfrom m import entry\n\\\n\nentry()\nx = 1\n'
    doc = _open(Path("/m.py"), text)
    assert [s.type for s in doc.statements()][1:3] == ["import_from_statement", "line_continuation"]
    _change(doc, 2, 14, "\\", 16)  # (checks the statements are a whole parse's)
    assert doc.statements()[1].end_point.row == 5


#: What the fuzz found (a module's docstring, quotes typed through the code after it), made
#: small; a ``'`` typed after the docstring's closing quotes.
QUOTES_AFTER = "\n".join(
    [
        '"""Infer the decisions code already',
        "Targets a decision of the spec already governs (in any status: a rejected proposal is not",
        "proposed again) are skipped. Ids are made from the names involved, so the same code gives",
        "the same ids on every run.",
        '"""',
        "f",
        "",
        '    "',
        '    workspace."',
        '        """',
        '        decision"."""',
        '    "',
        '    another module); the scope only says which targets to propose."',
        "def infer(",
        ") -> list[Proposal]:",
        '    "',
        '    proposals (of ``kinds`` only, when given), in a stable order."',
        "    modules = {",
        "    }",
        "",
    ]
)


def test_an_error_whose_recovery_weighs_the_text_after_is_parsed_whole() -> None:
    """Parsed with the statement after it only, the quote typed after the docstring is an
    error of the docstring's statement; parsed with more after it (as the whole file is),
    tree-sitter's error recovery makes it a statement of its own that takes in the next
    line. The statement is not parsed alone: the statements are the whole parse's."""
    doc = _open(Path("/m.py"), QUOTES_AFTER)
    assert not _change(doc, 4, 3, "'")


def test_statements_kept_from_several_parses() -> None:
    """Statements parsed alone in turn, with the lines of those after them moved: each
    keeps its tree, and the next change and the whole tree read them where they are."""
    doc = _open(Path("/m.py"), CLASSES)
    lines = CLASSES.split("\n")
    rows = [lines.index(f"class Store{n}:") + 5 for n in range(3)]
    for n in (2, 0, 1, 0):
        assert _change(doc, rows[n], 22, "\n        self.x = 1")
        rows[n + 1 :] = [r + 1 for r in rows[n + 1 :]]
    for n in (1, 2):
        assert _change(doc, rows[n] + 1, 13, "y", 14)
    assert doc.text.count("self.x = 1") == 2 and doc.text.count("self.y = 1") == 2
    # the node under the cursor is read in its statement: no whole parse for it
    node = doc.node_at(Point(rows[2] + 1, 13))
    assert node is not None and node.type == "identifier" and node.parent.type == "attribute"
    assert doc.spliced and not doc._parsed
    assert str(doc.tree.root_node) == str(parse(doc.source).root_node)
    assert _change(doc, rows[2] + 1, 13, "", 14)  # (from the whole tree again)


LOOKUP = '''"""A store."""


class Store:
    def __init__(self):
        self.rows = {}

    def row(self, key):
        return self.rows[key]

    def price(self, key):
        found = self.row(key)
        return found.price
'''


def test_statements_kept_from_an_earlier_parse_are_read_in_the_new_source() -> None:
    """A function typed above a class makes every class's facts be extracted again (the
    module's names changed) from statements of the earlier parse: what a call's result is
    used for (``found = self.row(key)`` then ``found.price``) is read in the new source,
    where those statements now are, as a whole parse reads it."""
    doc = _open(Path("/m.py"), LOOKUP)
    cache = ChunkCache()
    extract(doc.source, "m.py", "m", cache=cache, statements=doc.statements())
    assert _change(doc, 1, 0, "def f():\n    pass\n")
    facts = extract(doc.source, "m.py", "m", cache=cache, statements=doc.statements())
    whole = extract(doc.source, "m.py", "m")
    (call,) = [c for c in whole.classes[0].self_calls if c.name == "row"]
    assert call.result_use == "stored in `found` and used with `.price`"
    assert facts == whole
    # and the node under the cursor, read in such a statement, has its text in the source
    node = doc.node_at(doc.point(doc.data.index(b"found.price")))
    assert node is not None and node.type == "identifier" and not doc._parsed
    assert doc.source[node.start_byte : node.end_byte] == b"found"


#: What the fuzz found (a ``"""`` typed in a class body, then another at a ``def``), made
#: small: the file already holds errors, and the second ``"""`` closes the first's string.
TWO_QUOTES = (
    '"\n(\n@dataclass(frozen=True, slots=True)\nclass Span:\n    ""\n    """l\ndef f(): pass\n'
)


def test_a_quote_that_closes_an_earlier_broken_string_is_parsed_as_a_fresh_parse() -> None:
    """Where errors are, tree-sitter's incremental parse of the whole file can differ from a
    fresh one (it keeps what error recovery made of the old text): here it kept the string
    open at ``\"\"\"l`` as an error and read the new ``\"\"\"`` apart, where a fresh parse
    reads one string from one to the other. The editor's statements and facts are the
    fresh parse's, as ``specls check`` reads the file."""
    doc = _open(Path("/m.py"), TWO_QUOTES)
    row = TWO_QUOTES.split("\n").index("def f(): pass")
    _change(doc, row, 1, '"""')
    assert extract(doc.source, "m.py", "m", statements=doc.statements()) == extract(
        doc.source, "m.py", "m"
    )
