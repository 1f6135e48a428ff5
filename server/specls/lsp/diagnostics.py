"""Pull diagnostics: ``textDocument/diagnostic`` and ``workspace/diagnostic`` (pushed
diagnostics are :meth:`SpeclsServer.publish`)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

if TYPE_CHECKING:
    from specls.lsp.server import SpeclsServer


def document_diagnostic(
    ls: SpeclsServer, params: lsp.DocumentDiagnosticParams
) -> lsp.RelatedFullDocumentDiagnosticReport:
    path = ls.path_of(params.text_document.uri)
    # (the spec's, once indexing ends: a target in a file not read yet is not missing; the
    # client is told to pull again then)
    if path is None or (ls.indexer is not None and ls.is_spec(path)):
        return lsp.RelatedFullDocumentDiagnosticReport(items=[])
    findings = ls.findings_for({str(path)})
    return lsp.RelatedFullDocumentDiagnosticReport(items=ls.diagnostics(findings, str(path)))


async def workspace_diagnostic(
    ls: SpeclsServer, params: lsp.WorkspaceDiagnosticParams
) -> lsp.WorkspaceDiagnosticReport:
    """Every file's findings. Yields between files, so `$/cancelRequest` stops it."""
    items: list[lsp.WorkspaceDocumentDiagnosticReport] = []
    await ls.whole_workspace()
    if ls.engine is None:
        return lsp.WorkspaceDiagnosticReport(items=items)
    for i, path in enumerate(sorted(ls.engine.files)):
        found = [f for f in ls.findings_for({path}) if f.path == path]
        if found:
            doc = ls.docs.get(path)
            items.append(
                lsp.WorkspaceFullDocumentDiagnosticReport(
                    uri=ls.uri_for(path),
                    version=doc.version if doc else None,
                    items=ls.diagnostics(found, path),
                )
            )
        if i % 20 == 19:
            await asyncio.sleep(0)  # a cancellation lands here
    spec = ls.spec_path()
    if spec is not None and ls.indexer is None:
        found = [f for f in ls.findings_for(set()) if f.path == str(spec)]
        if found:
            items.append(
                lsp.WorkspaceFullDocumentDiagnosticReport(
                    uri=ls.uri_for(spec), version=None, items=ls.diagnostics(found, str(spec))
                )
            )
    return lsp.WorkspaceDiagnosticReport(items=items)
