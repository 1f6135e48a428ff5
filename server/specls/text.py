"""Source text as every face of specls reads it: LSP's line breaks, Python's too.

LSP breaks lines at ``\\n``, ``\\r\\n`` and ``\\r`` only (not at form feed, ``\\x85``,
U+2028 or U+2029, where ``str.splitlines`` would); so does Python's tokenizer. tree-sitter's
grammar knows only ``\\n``: a lone ``\\r`` is made ``\\n`` before parsing — one byte for one,
so every offset stays — and its rows then count the lines that editors and Python count.
"""

from __future__ import annotations

import re
from itertools import accumulate

_LONE_CR = re.compile(rb"\r(?!\n)")


def normalized(data: bytes) -> bytes:
    """``data`` with every lone ``\\r`` made ``\\n``: the same length, LSP's lines as rows."""
    return _LONE_CR.sub(b"\n", data) if b"\r" in data else data


def line_starts(source: bytes) -> list[int]:
    """Byte offset of each line's start in :func:`normalized` ``source``."""
    # (in C: a normalized source breaks lines at \n and \r\n only, as bytes.splitlines)
    starts = [0, *accumulate(map(len, source.splitlines(keepends=True)))]
    if source and source[-1] != 0x0A:
        starts.pop()  # (the end of a last line without a break starts no line)
    return starts


def lines(data: bytes) -> list[str]:
    """The lines of a file without their line breaks (decoded, bad bytes replaced)."""
    out = normalized(data).decode("utf-8", "replace").split("\n")
    return [line[:-1] if line.endswith("\r") else line for line in out]


_LONE_CR_TEXT = re.compile(r"\r(?!\n)")


def line_bounds(text: str, line: int) -> tuple[int, int] | None:
    """``(start, end)`` offsets of line ``line`` (0-based) in ``text``, without its break."""
    flat = _LONE_CR_TEXT.sub("\n", text) if "\r" in text else text  # (same offsets)
    start = 0
    for _ in range(line):
        found = flat.find("\n", start)
        if found < 0:
            return None
        start = found + 1
    end = flat.find("\n", start)
    end = len(text) if end < 0 else end
    if end > start and text[end - 1] == "\r" and end < len(text) and text[end] == "\n":
        end -= 1
    return start, end


def with_comment(text: str, line: int, comment: str) -> str | None:
    """``text`` with ``# comment`` at the end of line ``line``, merged into the line's
    ``# spec: ignore[...]`` when both are suppressions (as the editor's quick fix writes
    it); None when there is no such line."""
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
