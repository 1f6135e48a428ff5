"""Columns between the engine (code points) and the client (UTF-8, UTF-16 or UTF-32 units).

A client column that falls inside a character (half a surrogate pair, the middle of a UTF-8
sequence) stands for the start of that character, as VS Code validates positions; one past
the end of the line stands for its end (LSP: "defaults back to the line length"). Long
lines are converted by the codecs, in C: a 1 MB line costs a few milliseconds, not a
Python loop over its characters.
"""

from __future__ import annotations


def to_client(line: str, col: int, encoding: str) -> int:
    """A code-point column of ``line`` in the client's units."""
    if encoding == "utf-32" or line.isascii():
        return col
    head = line[:col]
    if encoding == "utf-8":
        return len(head.encode("utf-8", "surrogatepass"))
    return len(head.encode("utf-16-le", "surrogatepass")) // 2


def from_client(line: str, units: int, encoding: str) -> int:
    """A column in the client's units as a code-point column of ``line`` (clamped)."""
    if units <= 0:
        return 0
    if encoding == "utf-32" or line.isascii():
        return min(units, len(line))
    if encoding == "utf-8":
        head = line.encode("utf-8", "surrogatepass")[:units]
        return len(head.decode("utf-8", "ignore"))
    head = line.encode("utf-16-le", "surrogatepass")[: 2 * units]
    # a high surrogate cut from its low half is dropped by "ignore": the start of the pair
    return len(head.decode("utf-16-le", "ignore"))
