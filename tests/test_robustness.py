"""No input crashes the engine: random edits of real code, random spec files."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specls.config import Settings
from specls.engine import Workspace
from specls.extract import ChunkCache, extract
from specls.spec.load import parse_spec

EXAMPLE = (Path(__file__).parents[1] / "examples" / "shop" / "shop" / "inventory.py").read_bytes()
KINDS = Path(__file__).parents[1] / "server" / "specls" / "kinds.py"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edits_of_real_code_never_raise(data: st.DataObject) -> None:
    source = KINDS.read_bytes() if data.draw(st.booleans()) else EXAMPLE
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, min(len(source), start + 40)))
    insert = data.draw(
        st.binary(max_size=12)
        | st.sampled_from(
            [b"(", b":", b"self.", b"[", b'"', b"\n    ", b"class X:", b"# spec: ignore[", b"\xff"]
        )
    )
    edited = source[:start] + insert + source[end:]
    try:
        edited.decode("utf-8")
    except UnicodeDecodeError:
        edited = edited.decode("utf-8", "replace").encode("utf-8")
    ws = Workspace(Settings(root=Path("/nonexistent")))
    ws.files["m.py"] = extract(edited, "m.py", "m")
    ws.findings()
    assert not [n for n in ws.notes if "internal error" in n]


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([*list('[]."=\n decisionkindtype#{}\'"'), "\x00"]), max_size=200
    )
)
def test_random_spec_text_never_raises(text: str) -> None:
    spec = parse_spec(text)
    for p in spec.problems:
        assert p.code in ("S001", "S002") and p.span.line >= 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_incremental_extraction_equals_fresh(data: st.DataObject) -> None:
    """Edits through the editor path (incremental parse, per-statement cache) give exactly the
    facts an uncached extraction gives."""
    from specls.lsp.documents import Change, Document

    source = KINDS.read_bytes() + b"\n" + EXAMPLE
    doc = Document("file:///m.py", Path("m.py"), 1, source)
    doc.apply([], "utf-16")
    cache = ChunkCache()
    extract(doc.data, "m.py", "m", doc.tree, cache)
    for _ in range(data.draw(st.integers(1, 4))):
        lines = doc.text.split("\n")
        row = data.draw(st.integers(0, len(lines) - 1))
        col = data.draw(st.integers(0, len(lines[row])))
        end_col = data.draw(st.integers(col, len(lines[row])))
        text = data.draw(
            st.sampled_from(
                [
                    "x",
                    "",
                    "\n",
                    "\n\n    ",
                    "(",
                    "self.items = []",
                    "# spec: ignore[R101]",
                    "é",
                    "class Z:\n  pass\n",
                ]
            )
        )
        doc.apply([Change(text, (row, col), (row, end_col))], "utf-32")
        incremental = extract(doc.data, "m.py", "m", doc.tree, cache)
    assert incremental == extract(doc.data, "m.py", "m", doc.tree)
    if not doc.tree.root_node.has_error:
        # with errors, tree-sitter's recovery may depend on the parse history; without,
        # the incremental tree and a fresh parse agree
        assert incremental == extract(doc.data, "m.py", "m")


def test_a_failing_rule_is_reported_and_the_others_still_run(monkeypatch, tmp_path) -> None:
    from specls import engine as engine_module

    def broken(ctx, ref):
        raise RuntimeError("boom")

    real = engine_module.class_rules
    monkeypatch.setattr(engine_module, "class_rules", lambda: [broken, *real()])
    ws = Workspace(Settings(root=tmp_path))
    ws.files["m.py"] = extract(EXAMPLE, "m.py", "m")
    found = ws.findings()
    assert [f.code for f in found] == ["R101", "R101"]
    assert any("internal error" in n and "boom" in n for n in ws.notes)
