"""Findings for people: ``concise`` (one line each, as ruff's) and ``full`` (with the source
line and a caret under the range), coloured on a terminal, and the summary line."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import IO

from specls.findings import Finding, Severity
from specls.report.formats import display_path

#: ANSI styles: bold, and a colour per severity.
_BOLD, _RESET, _DIM, _BLUE = "\x1b[1m", "\x1b[0m", "\x1b[2m", "\x1b[34m"
_SEVERITY_STYLE = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
    Severity.HINT: "\x1b[2m",
}
#: How many columns a tab takes in a snippet.
_TAB = 4

#: The lines of a file as the findings count them, or None when it cannot be read.
SourceLines = Callable[[str], "list[str] | None"]


def use_colour(stream: IO[str]) -> bool:
    """Colour for ``stream``: never with ``NO_COLOR`` set (no-color.org), always with
    ``FORCE_COLOR`` set, else on a terminal that is not ``TERM=dumb`` (as Python 3.13)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Style:
    """Paints text when colour is on; returns it unchanged otherwise."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if self.colour and text else text

    def severity(self, f: Finding) -> str:
        """``R101 warning:``: the code in bold (right after the position, where ruff's
        readers expect it), the severity in its colour."""
        return f"{self(f.code, _BOLD)} {self(f'{f.severity}:', _SEVERITY_STYLE[f.severity])}"


PLAIN = Style(False)


def concise(f: Finding, style: Style = PLAIN) -> str:
    """``path:line:col: CODE severity: message``."""
    where = f"{display_path(f.path)}:{f.span.line + 1}:{f.span.col + 1}:"
    return f"{style(where, _BOLD)} {style.severity(f)} {f.message}"


def concise_lines(findings: list[Finding], style: Style = PLAIN) -> Iterator[str]:
    """One line per finding, made as they are written."""
    for f in findings:
        yield concise(f, style)


def full_lines(
    findings: list[Finding], lines_of: SourceLines, style: Style = PLAIN
) -> Iterator[str]:
    """Each finding as its concise line, then its source line with the line before and
    after, a caret under its range, where else it points to, and its fixes."""
    for f in findings:
        yield concise(f, style)
        yield from _snippet(f, lines_of(f.path), style)
        for r in f.related:
            where = f"{display_path(r.path)}:{r.span.line + 1}:{r.span.col + 1}"
            yield f"  {style('=', _BLUE)} note: {r.message} ({where})"
        for fix in f.fixes:
            yield f"  {style('=', _BLUE)} help: {fix.title}"
        yield ""


def _snippet(f: Finding, lines: list[str] | None, style: Style) -> Iterator[str]:
    row = f.span.line
    if lines is None or not 0 <= row < len(lines):
        return
    first, last = max(row - 1, 0), min(row + 1, len(lines) - 1)
    width = len(str(last + 1))
    bar = style(f"{' ' * width} |", _BLUE)
    yield bar
    text = lines[row]
    start = min(f.span.col, len(text))
    end = f.span.end_col if f.span.end_line == row else len(text)
    end = min(max(end, start + 1), max(len(text), start + 1))
    for n in range(first, last + 1):
        shown = _expand(lines[n])
        yield f"{style(f'{n + 1:>{width}} |', _BLUE)} {shown}".rstrip()
        if n == row:
            pad = " " * _columns(text[:start])
            marks = "^" * max(_columns(text[start:end]), 1)
            yield f"{bar} {pad}{style(marks, _SEVERITY_STYLE[f.severity])}"
    yield bar


def _expand(text: str) -> str:
    return text.replace("\t", " " * _TAB)


def _columns(text: str) -> int:
    """The terminal columns ``text`` takes (tabs as in the snippet, wide characters two)."""
    import unicodedata  # (only for a snippet)

    n = 0
    for ch in text:
        if ch == "\t":
            n += _TAB
        elif ch.isascii():
            n += 1
        elif unicodedata.combining(ch):
            continue
        else:
            n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def summary(findings: list[Finding], checked: int) -> str:
    """``Found 3 findings in 2 files (5 files checked).``, or ``All checks passed …``."""
    files = f"{checked} {_plural(checked, 'file')} checked"
    if not findings:
        return f"All checks passed ({files})."
    where = len({f.path for f in findings})
    return (
        f"Found {len(findings)} {_plural(len(findings), 'finding')} "
        f"in {where} {_plural(where, 'file')} ({files})."
    )


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"
