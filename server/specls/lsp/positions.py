"""Columns between the engine (code points) and the client (UTF-8, UTF-16 or UTF-32 units)."""

from __future__ import annotations


def to_client(line: str, col: int, encoding: str) -> int:
    """A code-point column of ``line`` in the client's units."""
    if encoding == "utf-32" or line.isascii():
        return col
    head = line[:col]
    if encoding == "utf-8":
        return len(head.encode("utf-8"))
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def from_client(line: str, units: int, encoding: str) -> int:
    """A column in the client's units as a code-point column of ``line``."""
    if encoding == "utf-32" or line.isascii():
        return min(units, len(line))
    if encoding == "utf-8":
        return len(line.encode("utf-8")[:units].decode("utf-8", "ignore"))
    count = 0
    for i, ch in enumerate(line):
        if count >= units:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(line)
