"""Edits for quick fixes as text: a file's old content and its new one.

A fix is computed as whole texts (:func:`with_comment`, the spec writer), then sent as one
minimal LSP edit (:func:`minimal_edit`) for a document the editor has open, or written to
disk by the server for one it has not (see :mod:`specls.lsp.fixes`).
"""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from specls.lsp.positions import to_client

_LONE_CR = re.compile(r"\r(?!\n)")


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix (slices compared in C, halving the range)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def minimal_edit(old: str, new: str, encoding: str) -> lsp.TextEdit:
    """One text edit turning ``old`` into ``new``: the span between common prefix and suffix."""
    start = _common_prefix(old, new)
    suffix = _common_prefix(old[start:][::-1], new[start:][::-1])
    end_old, end_new = len(old) - suffix, len(new) - suffix
    lines = _LONE_CR.sub("\n", old) if "\r" in old else old  # LSP's line breaks, same offsets
    return lsp.TextEdit(
        range=lsp.Range(
            start=_position(old, lines, start, encoding),
            end=_position(old, lines, end_old, encoding),
        ),
        new_text=new[start:end_new],
    )


def _position(text: str, lines: str, offset: int, encoding: str) -> lsp.Position:
    line = lines.count("\n", 0, offset)
    line_start = lines.rfind("\n", 0, offset) + 1
    return lsp.Position(line, to_client(text[line_start:offset], offset - line_start, encoding))


def line_bounds(text: str, line: int) -> tuple[int, int] | None:
    """``(start, end)`` offsets of LSP line ``line`` in ``text`` (without its break)."""
    lines = _LONE_CR.sub("\n", text) if "\r" in text else text
    start = 0
    for _ in range(line):
        found = lines.find("\n", start)
        if found < 0:
            return None
        start = found + 1
    end = lines.find("\n", start)
    end = len(text) if end < 0 else end
    if end > start and text[end - 1] == "\r" and end < len(text) and text[end] == "\n":
        end -= 1
    return start, end


def with_comment(text: str, line: int, comment: str) -> str | None:
    """``text`` with ``# comment`` at the end of line ``line``, merged into the line's
    ``# spec: ignore[...]`` when both are suppressions; None when there is no such line."""
    bounds = line_bounds(text, line)
    if bounds is None:
        return None
    start, end = bounds
    line_text = text[start:end]
    stripped = line_text.rstrip()
    marker = "# spec: ignore["
    if comment.startswith("spec: ignore[") and marker in stripped and stripped.endswith("]"):
        code = comment[len("spec: ignore[") : -1]
        new_line = f"{stripped[:-1]}, {code}]"
    else:
        new_line = f"{stripped}  # {comment}"
    return text[:start] + new_line + line_text[len(stripped) :] + text[end:]
