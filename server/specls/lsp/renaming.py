"""Rename in the editor: ``prepareRename``, ``rename``, the N101/N102 rename quick fix, and
the naming decisions shown on hover. The plan comes from :mod:`specls.rename`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

from specls.facts import Span
from specls.lsp.convert import to_range
from specls.lsp.edits import minimal_edit
from specls.lsp.positions import from_client
from specls.symbols import Symbol, symbol_at
from specls.text import lines as lsp_lines

if TYPE_CHECKING:
    from specls.lsp.server import SpeclsServer
    from specls.rename import RenamePlan
    from specls.rules.naming import NamingRule
    from specls.spec.load import DecisionEntry

#: LSP's RequestFailed: the client shows the message.
_REQUEST_FAILED = lsp.LSPErrorCodes.RequestFailed.value


def _symbol(ls: SpeclsServer, uri: str, pos: lsp.Position) -> tuple[Symbol, Span] | None:
    path_of = ls.path_of(uri)
    if ls.engine is None or path_of is None:
        return None
    path = str(path_of)
    line_text = ls.lines_of(path, pos.line)
    col = from_client(line_text, pos.character, ls.encoding)
    return symbol_at(ls.engine.index, path, pos.line, col)


def _range(ls: SpeclsServer, path: str, span: Span) -> lsp.Range:
    return to_range(span, lambda n: ls.lines_of(path, n), ls.encoding)


def prepare_rename(ls: SpeclsServer, uri: str, pos: lsp.Position) -> lsp.PrepareRenamePlaceholder:
    """The name under the cursor, if specls can rename it; else an error the client shows."""
    found = _symbol(ls, uri, pos)
    if found is None:
        raise JsonRpcException(
            "specls renames definitions and `self.name`; put the cursor on one", _REQUEST_FAILED
        )
    symbol, at = found
    return lsp.PrepareRenamePlaceholder(
        range=_range(ls, str(ls.path_of(uri)), at), placeholder=symbol.name
    )


def rename(ls: SpeclsServer, uri: str, pos: lsp.Position, new_name: str) -> lsp.WorkspaceEdit:
    """The workspace edit renaming the symbol at ``pos``; a clash is an error response."""
    found = _symbol(ls, uri, pos)
    if found is None:
        raise JsonRpcException("no name specls can rename here", _REQUEST_FAILED)
    return workspace_edit(ls, found[0], new_name)


def workspace_edit(ls: SpeclsServer, symbol: Symbol, new_name: str) -> lsp.WorkspaceEdit:
    """Every file's edit (open buffers at their version) and the spec's retargets."""
    from specls.rename import RenameError, plan_rename

    assert ls.engine is not None
    read = _Reader(ls)
    try:
        plan = plan_rename(ls.engine.index, symbol, new_name, read, ls.engine.spec)
    except RenameError as e:
        raise JsonRpcException(f"cannot rename `{symbol.name}`: {e}", _REQUEST_FAILED) from e
    outside = [p for p in sorted(plan.edits) if not ls.paths.inside(p)]
    if outside:
        raise JsonRpcException(
            f"cannot rename `{symbol.name}`: {outside[0]} is a link to a file outside the "
            "workspace; specls edits only inside it",
            _REQUEST_FAILED,
        )
    changes: list[Any] = []
    for path, edits in sorted(plan.edits.items()):
        file_uri = ls.uri_for(path)
        doc = ls.docs.get(path)
        changes.append(
            lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                    uri=file_uri, version=doc.version if doc else None
                ),
                edits=[
                    lsp.TextEdit(range=to_range(span, read.line_of(path), ls.encoding), new_text=t)
                    for span, t in sorted(edits, key=lambda e: (e[0].line, e[0].col))
                ],
            )
        )
    changes.extend(_retarget_change(ls, plan))
    _tell(ls, plan)
    return lsp.WorkspaceEdit(document_changes=changes)


class _Reader:
    """Workspace text as the editor sees it: open buffers first, then the disk."""

    def __init__(self, ls: SpeclsServer) -> None:
        self.ls = ls
        self.texts: dict[str, str | None] = {}

    def __call__(self, path: str) -> str | None:
        if path not in self.texts:
            doc = self.ls.docs.get(path)
            if doc is not None:
                self.texts[path] = doc.text
            else:
                try:
                    with open(path, encoding="utf-8", newline="") as f:
                        self.texts[path] = f.read()
                except (OSError, UnicodeDecodeError):
                    self.texts[path] = None
        return self.texts[path]

    def line_of(self, path: str) -> Callable[[int], str]:
        """Line ``n`` of a file as this reader sees it (LSP's line breaks)."""
        lines = lsp_lines((self(path) or "").encode("utf-8", "surrogateescape"))
        return lambda n: lines[n] if 0 <= n < len(lines) else ""


def _retarget_change(ls: SpeclsServer, plan: RenamePlan) -> list[lsp.TextDocumentEdit]:
    from specls.spec.write import SpecWriteError, retarget

    spec = ls.spec_path()
    if not plan.retargets or spec is None:
        return []
    text, version = ls.spec_text()
    if text is None:
        return []
    doc = ls.spec_doc()
    if doc is None and not ls.paths.inside(spec):
        ls.log(f"specls: {spec} is outside the workspace: decisions not retargeted")
        return []
    try:
        new = retarget(text, [(ident, target) for ident, _, target in plan.retargets])
    except SpecWriteError as e:
        ls.log(f"specls: spec decisions not retargeted: {e}", lsp.MessageType.Warning)
        return []
    return [
        lsp.TextDocumentEdit(
            text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                uri=doc.uri if doc is not None else ls.uri_for(spec), version=version
            ),
            edits=[minimal_edit(text, new, ls.encoding)],
        )
    ]


def _tell(ls: SpeclsServer, plan: RenamePlan) -> None:
    """What the edit leaves alone, as a warning the user sees."""
    notes = []
    if plan.unsure:
        where = ", ".join(f"{p.rsplit('/', 1)[-1]}:{s.line + 1}" for p, s in plan.unsure[:5])
        more = f" and {len(plan.unsure) - 5} more" if len(plan.unsure) > 5 else ""
        notes.append(
            f"{len(plan.unsure)} use(s) of `.{plan.symbol.name}` on values whose class specls "
            f"cannot tell were left unchanged ({where}{more}); check them by hand"
        )
    if plan.skipped:
        notes.append(f"{len(plan.skipped)} file(s) with syntax errors were not changed")
    if notes:
        ls.window_show_message(
            lsp.ShowMessageParams(
                type=lsp.MessageType.Warning, message="specls: " + "; ".join(notes)
            )
        )


def naming_decisions(ls: SpeclsServer, uri: str, pos: lsp.Position) -> list[DecisionEntry]:
    """The naming decisions that govern the name under the cursor (for hover)."""
    from specls.rules import RuleContext
    from specls.rules.naming import naming_rules

    if ls.engine is None:
        return []
    rules = naming_rules(RuleContext(ls.engine.index, ls.engine.spec))
    found = _symbol(ls, uri, pos) if rules else None  # no naming decisions: no lookup
    if not found:
        return []
    return [r.entry for r in rules if r.applies(found[0]) and _names(r, found[0].name)]


def _names(rule: NamingRule, name: str) -> bool:
    """Whether a naming decision is about ``name``: a pattern governs every name of its
    kinds; a glossary only the names that use one of its terms (else it would crowd out,
    on every attribute, the decision that governs it)."""
    from specls.naming import find_term

    if rule.pattern is not None:
        return True
    terms = [*rule.avoid, *([rule.prefer] if rule.prefer else [])]
    return any(find_term(name, term) is not None for term in terms)
