"""E999: a syntax error, reported where it is (the rest of the file is still analysed)."""

from __future__ import annotations

from collections.abc import Iterator

from specls.findings import Finding, Severity
from specls.rules import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    """One E999 per syntax error tree-sitter found (its outermost error nodes, at most 50
    a file): everything it recovered around them is checked as usual."""
    files = ctx.index.files
    paths = sorted(files) if ctx.only is None else sorted(p for p in ctx.only if p in files)
    for path in paths:
        for span in files[path].syntax_errors:
            missing = span.line == span.end_line and span.col == span.end_col
            what = "something is missing here" if missing else "this does not parse"
            yield Finding(
                "E999",
                Severity.ERROR,
                f"Syntax error: {what}; the rest of the file is checked as the parser recovers it",
                path,
                span,
            )
