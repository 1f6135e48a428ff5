"""LSP's rules for edits, written from the specification alone, independently of
``specls.lsp.documents``: lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (nothing else); a
position's character counts units of the negotiated encoding; a character past the end of a
line means the end of the line, a line past the end of the document means its end; a
position inside a character (half a surrogate pair) means the start of that character.
"""

from __future__ import annotations

import re

BREAK = re.compile(r"\r\n|\r|\n")
PIECES = ["a", "b", "é", "😀", " ", "\n", "\r", "\r\n", "\x0c", "\x0b", "\x85", "\u2028"]
PIECES += ["\u2029", "x = 1", "(", "self.a", "class A:\n", "    "]


def model_lines(text: str) -> list[tuple[int, int]]:
    """(start, end of content) of each line, by the specification."""
    out, start = [], 0
    for m in BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def units(ch: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(ch.encode("utf-8", "surrogatepass"))
    if encoding == "utf-16":
        return 2 if ord(ch) > 0xFFFF else 1
    return 1


def model_offset(text: str, line: int, character: int, encoding: str) -> int:
    lines = model_lines(text)
    if line >= len(lines):
        return len(text)
    start, end = lines[line]
    count = 0
    for i in range(start, end):
        step = units(text[i], encoding)
        if count + step > character:
            return i
        count += step
    return end


def model_apply(text: str, change: tuple, encoding: str) -> str:
    new, start, end = change
    if start is None:
        return new
    a = model_offset(text, *start, encoding)
    b = max(model_offset(text, *end, encoding), a)
    return text[:a] + new + text[b:]


def as_server_sees(text: str) -> str:
    """Lone surrogates (which no UTF-8 text can hold) are read as U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def model_position(text: str, offset: int, encoding: str) -> tuple[int, int] | None:
    """The position of ``offset`` in ``text`` (for an edit that undoes another); None
    between the ``\r`` and the ``\n`` of a line break, where no position is."""
    for n, (start, end) in enumerate(model_lines(text)):
        if start <= offset <= end:
            return n, sum(units(c, encoding) for c in text[start:offset])
    return None
