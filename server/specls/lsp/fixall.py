"""Fixes that are text edits of the code (R105's respelling, S009's removal of an unused
suppression), and ``source.fixAll.specls``: the fixes safe to apply unattended.

Only S009's is safe unattended: taking an unused code out of a ``# spec: ignore[...]``
changes no finding and no behaviour (ruff's RUF100 fix is safe for the same reason). Every
other fix is a choice a person makes: which side of a conflict becomes the decision, whether
the decision or the code is wrong, whether `payed` meant `paid`, whether a public name is
renamed across the workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from specls.findings import Edit, apply_edits
from specls.span import Span
from specls.text import line_bounds

if TYPE_CHECKING:
    from specls.lsp.fixes import FileEdit
    from specls.lsp.server import SpeclsServer

SOURCE_FIX_ALL = "source.fixAll.specls"
#: The kinds of fix :func:`text_fix` makes.
TEXT_KINDS = ("edit", "unsuppress")


def valid(fix: dict[str, Any]) -> bool:
    """Whether a fix's text edits are as specls makes them (from a client's action data)."""
    edits = fix.get("edits")
    codes = fix.get("codes")
    ok_edits = edits is None or (
        isinstance(edits, list)
        and all(
            isinstance(e, dict)
            and all(isinstance(e.get(k), str) for k in ("path", "old", "new"))
            and all(type(e.get(k)) is int and e[k] >= 1 for k in _POSITION)
            for e in edits
        )
    )
    ok_codes = codes is None or (isinstance(codes, list) and all(isinstance(c, str) for c in codes))
    return ok_edits and ok_codes


_POSITION = ("line", "column", "end_line", "end_column")


def text_fix(ls: SpeclsServer, fix: dict[str, Any], path: str | None) -> list[FileEdit] | None:
    """The file texts an ``edit`` or ``unsuppress`` fix makes (from what is open or on disk
    now; empty when the text moved on); None for a fix of another kind."""
    from specls.lsp.fixes import _current

    kind = fix.get("kind")
    if kind not in TEXT_KINDS:
        return None
    if kind == "unsuppress":
        line = fix.get("reference_line")
        if path is None or type(line) is not int:
            return []
        current = _current(ls, path)
        new = unsuppress(current.old, line - 1, fix.get("codes"))
        if new is None:
            return []
        current.new = new
        return [current]
    edits = [
        Edit(
            e["path"],
            Span(e["line"] - 1, e["column"] - 1, e["end_line"] - 1, e["end_column"] - 1),
            e["old"],
            e["new"],
        )
        for e in fix.get("edits") or []
    ]
    out = []
    for target in sorted({e.path for e in edits}):
        current = _current(ls, target)
        new = apply_edits(current.old, [e for e in edits if e.path == target])
        if new is None:
            return []  # (changed since the finding: offered again once re-checked)
        current.new = new
        out.append(current)
    return out


def unsuppress(text: str, line: int, codes: list[str] | None) -> str | None:
    """``text`` with ``codes`` taken out of the suppression on ``line`` (0-based)."""
    from specls.rules.suppressions import unsuppressed

    bounds = line_bounds(text, line)
    if bounds is None:
        return None
    start, end = bounds
    new_line = unsuppressed(text[start:end], codes)
    return None if new_line is None else text[:start] + new_line + text[end:]


def wanted(params: lsp.CodeActionParams) -> bool:
    """Whether the client asks for ``source.fixAll.specls`` (or a kind above it) by name:
    an unattended fix is never offered among the quick fixes."""
    only = params.context.only or []
    return any(o == SOURCE_FIX_ALL or SOURCE_FIX_ALL.startswith(f"{o}.") for o in only)


def fix_all(ls: SpeclsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """``source.fixAll.specls`` on an open Python document: every S009 of it fixed."""
    from specls.lsp.fixes import workspace_edit

    if ls.restricted or ls.engine is None or not wanted(params):
        return []
    uri = params.text_document.uri
    path = ls.path_of(uri)
    doc = ls.doc(uri)
    if path is None or doc is None or ls.is_spec(path):
        return []
    lines: dict[int, list[str] | None] = {}
    for f in ls.findings_for({str(path)}):
        if f.path == str(path) and f.code == "S009":
            for fix in f.fixes:
                if fix.kind == "unsuppress" and fix.reference_line is not None:
                    lines[fix.reference_line] = fix.codes
    text = doc.text
    for line, codes in sorted(lines.items(), reverse=True):
        text = unsuppress(text, line, codes) or text
    if text == doc.text:
        return []
    from specls.lsp.fixes import FileEdit

    edit = FileEdit(str(path), doc.text, text, True, doc.version)
    n = len(lines)
    return [
        lsp.CodeAction(
            title=f"specls: remove {n} unused suppression{'s' if n != 1 else ''}",
            kind=SOURCE_FIX_ALL,
            edit=workspace_edit(ls, [edit]),
        )
    ]
