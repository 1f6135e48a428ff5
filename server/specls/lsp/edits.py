"""Edits for quick fixes as text: a file's old content and its new one.

A fix is computed as whole texts (:func:`specls.text.with_comment`, the spec writer), then
sent as one minimal LSP edit (:func:`minimal_edit`) for a document the editor has open, or
written to disk by the server for one it has not (see :mod:`specls.lsp.fixes`).
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
