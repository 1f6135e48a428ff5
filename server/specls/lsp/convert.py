"""Engine findings and spans as LSP diagnostics and ranges."""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types as lsp

from specls.facts import Span
from specls.findings import Finding, Severity
from specls.lsp.positions import to_client
from specls.report.formats import rule_url

SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
    Severity.HINT: lsp.DiagnosticSeverity.Hint,
}

#: Returns line ``n`` of a file, for column conversion.
LineSource = Callable[[str, int], str]


def to_range(span: Span, line_of: Callable[[int], str], encoding: str) -> lsp.Range:
    """A span (code points) as an LSP range (client units)."""
    return lsp.Range(
        start=lsp.Position(span.line, to_client(line_of(span.line), span.col, encoding)),
        end=lsp.Position(span.end_line, to_client(line_of(span.end_line), span.end_col, encoding)),
    )


def to_diagnostic(
    f: Finding, lines: LineSource, encoding: str, uri_of: Callable[[str], str]
) -> lsp.Diagnostic:
    """A finding as a diagnostic; its fixes travel in ``data`` for code actions.
    ``uri_of`` names a related file as the client knows it."""
    related = [
        lsp.DiagnosticRelatedInformation(
            location=lsp.Location(
                uri=uri_of(r.path),
                range=to_range(r.span, lambda n, p=r.path: lines(p, n), encoding),
            ),
            message=r.message,
        )
        for r in f.related
        if r.path
    ]
    return lsp.Diagnostic(
        range=to_range(f.span, lambda n: lines(f.path, n), encoding),
        severity=SEVERITY[f.severity],
        code=f.code,
        code_description=lsp.CodeDescription(href=rule_url(f.code)),
        source="specls",
        message=f.message,
        related_information=related or None,
        data={"fixes": [x.to_json() for x in f.fixes], "decision": f.decision},
    )
