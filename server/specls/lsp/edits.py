"""Workspace edits for quick fixes: write a decision into the spec, reference it, suppress.

Edits are versioned ``documentChanges`` so the client applies them (undo works) and refuses
an edit computed against a version of the document that has changed since.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp

from specls.lsp.positions import to_client
from specls.spec.write import unique_id, upsert_decision


def minimal_edit(old: str, new: str, encoding: str) -> lsp.TextEdit:
    """One text edit turning ``old`` into ``new``: the span between common prefix and suffix."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return lsp.TextEdit(
        range=lsp.Range(
            start=_position(old, start, encoding), end=_position(old, end_old, encoding)
        ),
        new_text=new[start:end_new],
    )


def _position(text: str, offset: int, encoding: str) -> lsp.Position:
    line = text.count("\n", 0, offset)
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", line_start)
    line_text = text[line_start : line_end if line_end >= 0 else len(text)]
    return lsp.Position(line, to_client(line_text, offset - line_start, encoding))


def spec_change(
    spec_uri: str,
    spec_text: str | None,
    spec_version: int | None,
    fix: dict[str, Any],
    encoding: str,
) -> tuple[list[Any], str]:
    """Document changes writing ``fix``'s decision into the spec, and the id it got.

    ``spec_text`` is ``None`` when the spec file does not exist yet: it is created.
    """
    text = spec_text or ""
    ident = unique_id(text, fix["decision_id"]) if fix.get("decision_id") else "decision"
    new = upsert_decision(text, ident, fix["decision"], supersede=fix.get("supersedes"))
    changes: list[Any] = []
    if spec_text is None:
        changes.append(lsp.CreateFile(uri=spec_uri))
    changes.append(
        lsp.TextDocumentEdit(
            text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                uri=spec_uri, version=spec_version
            ),
            edits=[minimal_edit(text, new, encoding)],
        )
    )
    return changes, ident


def end_of_line_comment(
    uri: str, version: int | None, line: int, line_text: str, comment: str, encoding: str
) -> lsp.TextDocumentEdit:
    """Append ``# comment`` to a line, or merge into its ``# spec: ignore[...]``."""
    stripped = line_text.rstrip()
    col = to_client(line_text, len(stripped), encoding)
    new_text = f"  # {comment}"
    marker = "# spec: ignore["
    if comment.startswith("spec: ignore[") and marker in stripped and stripped.endswith("]"):
        code = comment[len("spec: ignore[") : -1]
        new_text = f", {code}]"
        col = to_client(line_text, len(stripped) - 1, encoding)
        end = to_client(line_text, len(stripped), encoding)
        rng = lsp.Range(start=lsp.Position(line, col), end=lsp.Position(line, end))
    else:
        rng = lsp.Range(start=lsp.Position(line, col), end=lsp.Position(line, col))
    return lsp.TextDocumentEdit(
        text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
        edits=[lsp.TextEdit(range=rng, new_text=new_text)],
    )
