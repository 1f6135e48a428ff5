"""Source text as every face of specls reads it: LSP's line breaks, Python's too.

LSP breaks lines at ``\\n``, ``\\r\\n`` and ``\\r`` only (not at form feed, ``\\x85``,
U+2028 or U+2029, where ``str.splitlines`` would); so does Python's tokenizer. tree-sitter's
grammar knows only ``\\n``: a lone ``\\r`` is made ``\\n`` before parsing — one byte for one,
so every offset stays — and its rows then count the lines that editors and Python count.
"""

from __future__ import annotations

import re

_LONE_CR = re.compile(rb"\r(?!\n)")


def normalized(data: bytes) -> bytes:
    """``data`` with every lone ``\\r`` made ``\\n``: the same length, LSP's lines as rows."""
    return _LONE_CR.sub(b"\n", data) if b"\r" in data else data


def line_starts(source: bytes) -> list[int]:
    """Byte offset of each line's start in :func:`normalized` ``source``."""
    starts = [0]
    find = source.find
    i = find(b"\n")
    while i >= 0:
        starts.append(i + 1)
        i = find(b"\n", i + 1)
    return starts


def lines(data: bytes) -> list[str]:
    """The lines of a file without their line breaks (decoded, bad bytes replaced)."""
    out = normalized(data).decode("utf-8", "replace").split("\n")
    return [line[:-1] if line.endswith("\r") else line for line in out]
