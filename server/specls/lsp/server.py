"""``specls serve``: diagnostics, hover, navigation and quick fixes over the engine.

Everything specls knows comes from :mod:`specls.engine`; this module only translates
between the protocol and the engine, keeps the editor's buffers, and decides when to
re-check.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from specls import __version__
from specls.cache import Cache
from specls.config import ConfigError, Settings, find_root, load_settings
from specls.discovery import discover, read_source
from specls.engine import Workspace
from specls.findings import Finding, Severity
from specls.lsp import features, renaming
from specls.lsp.convert import to_diagnostic, to_uri
from specls.lsp.documents import Change, Document
from specls.lsp.edits import end_of_line_comment, spec_change

log = logging.getLogger("specls.lsp")

DEBOUNCE_SECONDS = 0.15


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def uri_to_path(uri: str) -> Path:
    """A ``file://`` URI as a path."""
    parsed = urlparse(uri)
    return Path(unquote(parsed.path))


class SpeclsServer(LanguageServer):
    """The language server: the engine's workspace plus the editor's open buffers."""

    def __init__(self) -> None:
        super().__init__("specls", __version__)
        self.engine: Workspace | None = None
        self.docs: dict[str, Document] = {}
        self.options: dict[str, Any] = {}
        self.pull = False
        self.debounce = DEBOUNCE_SECONDS
        self._pending: asyncio.TimerHandle | None = None
        self._published: set[str] = set()
        self.disk_lines: dict[str, list[str]] = {}
        self.cache: Cache | None = None

    # -- state --------------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding if self.protocol._workspace else None
        return str(enc.value if hasattr(enc, "value") else enc or "utf-16")

    def settings_for(self, root: Path) -> Settings:
        """Settings from pyproject.toml, overridden by the client's options."""
        try:
            settings = load_settings(root)
        except ConfigError as e:
            self.log(f"specls: {e}; using defaults", lsp.MessageType.Warning)
            settings = Settings(root=root, spec=root / "spec.toml")
        opts = self.options
        if isinstance(opts.get("spec"), str) and opts["spec"]:
            settings.spec = (root / opts["spec"]).resolve()
        for key in ("select", "ignore"):
            if isinstance(opts.get(key), list) and opts[key]:
                setattr(settings, key, [str(c).upper() for c in opts[key]])
        if isinstance(opts.get("severity"), dict):
            for code, sev in opts["severity"].items():
                try:
                    settings.severity[str(code).upper()] = Severity(sev)
                except ValueError:
                    self.log(
                        f"specls: unknown severity {sev!r} for {code}", lsp.MessageType.Warning
                    )
        return settings

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Info) -> None:
        log.info(message)
        with contextlib.suppress(Exception):  # no client yet
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    def spec_path(self) -> Path | None:
        return self.engine.settings.spec if self.engine else None

    def is_spec(self, path: Path) -> bool:
        spec = self.spec_path()
        return spec is not None and path.resolve() == spec.resolve()

    def lines_of(self, path: str, n: int) -> str:
        """Line ``n`` of a file: from its open buffer, else from disk (cached)."""
        uri = to_uri(path)
        doc = self.docs.get(uri)
        if doc is not None:
            return doc.line(n)
        lines = self.disk_lines.get(path)
        if lines is None:
            try:
                lines = Path(path).read_text("utf-8", "replace").splitlines()
            except OSError:
                lines = []
            self.disk_lines[path] = lines
        return lines[n] if n < len(lines) else ""

    def spec_text(self) -> tuple[str | None, int | None]:
        """The spec file's current text (the open buffer wins) and buffer version."""
        path = self.spec_path()
        if path is None:
            return None, None
        doc = self.docs.get(to_uri(path))
        if doc is not None:
            return doc.text, doc.version
        try:
            return path.read_text("utf-8"), None
        except (OSError, UnicodeDecodeError):
            return None, None

    # -- indexing -----------------------------------------------------------------------------

    async def index_workspace(self) -> None:
        """Read every file of the workspace, reporting progress."""
        engine = self.engine
        if engine is None:
            return
        files, errors = discover(
            [engine.settings.root], engine.settings.root, engine.settings.exclude
        )
        for err in errors:
            self.log(f"specls: {err}", lsp.MessageType.Warning)
        self.send_status(indexing=True)
        token = str(uuid.uuid4())
        progress = self._progress_supported()
        if progress:
            try:
                await self.work_done_progress.create_async(token)
                self.work_done_progress.begin(
                    token,
                    lsp.WorkDoneProgressBegin(
                        title="specls: indexing",
                        message=f"0/{len(files)} files",
                        percentage=0,
                        cancellable=False,
                    ),
                )
            except Exception as e:  # the client refused a progress token
                self.log(f"specls: no progress reporting ({e})")
                progress = False
        for i, path in enumerate(files, 1):
            if to_uri(path) not in self.docs:
                try:
                    engine.update_file(path, cache=self.cache)
                except Exception as e:  # one bad file must not stop indexing
                    self.log(f"specls: cannot analyse {path}: {e}", lsp.MessageType.Warning)
            if i % 25 == 0:
                if progress:
                    self.work_done_progress.report(
                        token,
                        lsp.WorkDoneProgressReport(
                            message=f"{i}/{len(files)} files", percentage=int(100 * i / len(files))
                        ),
                    )
                await asyncio.sleep(0)
        for note in engine.notes:
            self.log(f"specls: {note}", lsp.MessageType.Warning)
        engine.notes.clear()
        summary = (
            _plural(len(engine.files), "file")
            + ", "
            + _plural(len(engine.spec.decisions), "decision")
        )
        if progress:
            self.work_done_progress.end(token, lsp.WorkDoneProgressEnd(message=summary))
        self.log(f"specls: indexed {summary}")

    def send_status(self, indexing: bool = False) -> None:
        """``specls/status``: what the VS Code client shows in its status bar."""
        if self.engine is None:
            return
        with contextlib.suppress(Exception):
            self.protocol.notify(
                "specls/status",
                {
                    "indexing": indexing,
                    "files": len(self.engine.files),
                    "decisions": len(self.engine.spec.decisions),
                },
            )

    def _progress_supported(self) -> bool:
        window = self.client_capabilities.window
        return bool(window and window.work_done_progress)

    # -- diagnostics --------------------------------------------------------------------------

    def findings_for(self, paths: set[str]) -> list[Finding]:
        if self.engine is None:
            return []
        findings = self.engine.findings(only=frozenset(paths))
        for note in self.engine.notes:
            self.log(f"specls: {note}", lsp.MessageType.Error)
        self.engine.notes.clear()
        return findings

    def diagnostics(self, findings: list[Finding], path: str) -> list[lsp.Diagnostic]:
        return [to_diagnostic(f, self.lines_of, self.encoding) for f in findings if f.path == path]

    def schedule(self) -> None:
        """Re-check after a quiet moment (typing produces many changes)."""
        if self._pending is not None:
            self._pending.cancel()
        loop = asyncio.get_event_loop()
        self._pending = loop.call_later(self.debounce, self.publish)

    def publish(self) -> None:
        """Compute and push diagnostics for open documents and the spec file.

        Runs synchronously on the event loop, so no newer edit can interleave: what is
        published always matches the versions recorded with it.
        """
        self._pending = None
        if self.engine is None:
            return
        open_paths = {str(d.path) for d in self.docs.values() if d.python}
        findings = self.findings_for(open_paths)
        targets: dict[str, int | None] = {}
        spec = self.spec_path()
        if spec is not None and (spec.exists() or to_uri(spec) in self.docs):
            doc = self.docs.get(to_uri(spec))
            targets[str(spec)] = doc.version if doc else None
        if not self.pull:
            for d in self.docs.values():
                if d.python:
                    targets[str(d.path)] = d.version
        published = set()
        for path, version in targets.items():
            uri = to_uri(path)
            published.add(uri)
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(
                    uri=uri, diagnostics=self.diagnostics(findings, path), version=version
                )
            )
        for uri in self._published - published:
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )
        self._published = published
        self.send_status()
        if self.pull:
            with contextlib.suppress(Exception):
                self.workspace_diagnostic_refresh(None)

    # -- documents ----------------------------------------------------------------------------

    def open_document(self, uri: str, version: int | None, text: str) -> Document | None:
        path = uri_to_path(uri)
        python = path.suffix in (".py", ".pyi")
        if not python and not self.is_spec(path):
            return None
        doc = Document(uri, path, version, text.encode("utf-8"), python=python)
        if python:
            doc.apply([], self.encoding)  # parse
        self.docs[uri] = doc
        self.sync(doc)
        return doc

    def sync(self, doc: Document) -> None:
        """Give the engine a document's current content."""
        if self.engine is None:
            return
        if doc.python:
            self.engine.update_file(doc.path, doc.data, doc.tree)
        else:
            self.engine.set_spec_text(doc.text)

    def reconfigure(self) -> None:
        """Apply changed settings (client options, pyproject.toml) without re-reading files."""
        if self.engine is None:
            return
        settings = self.settings_for(self.engine.settings.root)
        spec_moved = settings.spec != self.engine.settings.spec
        self.engine.settings = settings
        if spec_moved:
            doc = self.docs.get(to_uri(settings.spec)) if settings.spec else None
            if doc is not None:
                self.sync(doc)
            else:
                self.engine.load_spec()

    def reload_from_disk(self, path: Path) -> None:
        """A file changed outside the editor (or was closed): read it again."""
        if self.engine is None:
            return
        self.disk_lines.pop(str(path), None)
        if to_uri(path) in self.docs:
            return
        if self.is_spec(path):
            self.engine.load_spec()
            return
        if path.suffix not in (".py", ".pyi"):
            return
        if not path.exists():
            self.engine.remove_file(path)
            return
        source = read_source(path)
        if source.data is None:
            self.log(f"specls: {path}: {source.note}", lsp.MessageType.Warning)
            self.engine.remove_file(path)
        else:
            self.engine.update_file(path, source.data)


server = SpeclsServer()


# -- lifecycle -------------------------------------------------------------------------------


@server.feature(lsp.INITIALIZE)
def initialize(ls: SpeclsServer, params: lsp.InitializeParams) -> None:
    if isinstance(params.initialization_options, dict):
        ls.options = dict(params.initialization_options)
    root_uri = params.root_uri or (
        params.workspace_folders[0].uri if params.workspace_folders else None
    )
    root = uri_to_path(root_uri) if root_uri else Path.cwd()
    root = find_root(root) if not (root / "spec.toml").exists() else root
    ls.engine = Workspace(ls.settings_for(root))
    ls.engine.load_spec()
    cache_dir = ls.engine.settings.cache_dir
    ls.cache = Cache(cache_dir) if cache_dir is not None and ls.options.get("cache", True) else None
    debounce = ls.options.get("debounceMs")
    if isinstance(debounce, int | float) and debounce >= 0:
        ls.debounce = debounce / 1000
    text_doc = params.capabilities.text_document
    ls.pull = bool(text_doc and text_doc.diagnostic)
    if not ls.pull:  # advertise pull diagnostics only to clients that use them
        ls.protocol.fm.features.pop(lsp.TEXT_DOCUMENT_DIAGNOSTIC, None)
        ls.protocol.fm.features.pop(lsp.WORKSPACE_DIAGNOSTIC, None)


@server.feature(lsp.INITIALIZED)
async def initialized(ls: SpeclsServer, params: lsp.InitializedParams) -> None:
    await _fetch_configuration(ls)
    await _watch_files(ls)
    await ls.index_workspace()
    ls.publish()


async def _watch_files(ls: SpeclsServer) -> None:
    ws = ls.client_capabilities.workspace
    watched = ws.did_change_watched_files if ws else None
    if not (watched and watched.dynamic_registration):
        return
    watchers = [
        lsp.FileSystemWatcher(glob_pattern="**/*.py"),
        lsp.FileSystemWatcher(glob_pattern="**/spec.toml"),
        lsp.FileSystemWatcher(glob_pattern="**/pyproject.toml"),
    ]
    try:
        await ls.client_register_capability_async(
            lsp.RegistrationParams(
                registrations=[
                    lsp.Registration(
                        id=str(uuid.uuid4()),
                        method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                            watchers=watchers
                        ),
                    )
                ]
            )
        )
    except Exception as e:
        ls.log(f"specls: cannot watch files ({e})", lsp.MessageType.Warning)


async def _fetch_configuration(ls: SpeclsServer) -> bool:
    """Read ``specls.*`` settings from the client; True when they changed."""
    ws = ls.client_capabilities.workspace
    if not (ws and ws.configuration):
        return False
    try:
        result = await ls.workspace_configuration_async(
            lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="specls")])
        )
    except Exception as e:
        ls.log(f"specls: cannot read configuration ({e})", lsp.MessageType.Warning)
        return False
    config = result[0] if result else None
    if not isinstance(config, dict):
        return False
    merged = {**ls.options, **{k: v for k, v in config.items() if v is not None}}
    if merged == ls.options:
        return False
    ls.options = merged
    ls.reconfigure()
    return True


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(
    ls: SpeclsServer, params: lsp.DidChangeConfigurationParams
) -> None:
    settings = params.settings
    if isinstance(settings, dict) and isinstance(settings.get("specls"), dict):
        ls.options = {**ls.options, **settings["specls"]}
        ls.reconfigure()
    else:
        await _fetch_configuration(ls)
    ls.publish()


# -- text synchronisation ------------------------------------------------------------------------


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SpeclsServer, params: lsp.DidOpenTextDocumentParams) -> None:
    td = params.text_document
    if ls.open_document(td.uri, td.version, td.text) is not None:
        ls.publish()


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SpeclsServer, params: lsp.DidChangeTextDocumentParams) -> None:
    doc = ls.docs.get(params.text_document.uri)
    if doc is None:
        return
    changes = []
    for ch in params.content_changes:
        if isinstance(ch, lsp.TextDocumentContentChangePartial):
            r = ch.range
            changes.append(
                Change(ch.text, (r.start.line, r.start.character), (r.end.line, r.end.character))
            )
        else:
            changes.append(Change(ch.text))
    doc.apply(changes, ls.encoding)
    doc.version = params.text_document.version
    ls.sync(doc)
    ls.schedule()


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: SpeclsServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.disk_lines.clear()
    ls.schedule()


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SpeclsServer, params: lsp.DidCloseTextDocumentParams) -> None:
    doc = ls.docs.pop(params.text_document.uri, None)
    if doc is not None:
        ls.reload_from_disk(doc.path)
        ls.publish()


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: SpeclsServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        path = uri_to_path(change.uri)
        if path.name == "pyproject.toml":
            ls.reconfigure()
            continue
        ls.reload_from_disk(path)
    ls.publish()


# -- pull diagnostics ------------------------------------------------------------------------------


@server.feature(
    lsp.TEXT_DOCUMENT_DIAGNOSTIC,
    lsp.DiagnosticOptions(inter_file_dependencies=True, workspace_diagnostics=False),
)
def document_diagnostic(
    ls: SpeclsServer, params: lsp.DocumentDiagnosticParams
) -> lsp.RelatedFullDocumentDiagnosticReport:
    path = uri_to_path(params.text_document.uri)
    findings = ls.findings_for({str(path)})
    return lsp.RelatedFullDocumentDiagnosticReport(items=ls.diagnostics(findings, str(path)))


@server.feature(lsp.WORKSPACE_DIAGNOSTIC)
async def workspace_diagnostic(
    ls: SpeclsServer, params: lsp.WorkspaceDiagnosticParams
) -> lsp.WorkspaceDiagnosticReport:
    """Every file's findings. Yields between files, so `$/cancelRequest` stops it."""
    items: list[lsp.WorkspaceDocumentDiagnosticReport] = []
    if ls.engine is None:
        return lsp.WorkspaceDiagnosticReport(items=items)
    for i, path in enumerate(sorted(ls.engine.files)):
        found = [f for f in ls.findings_for({path}) if f.path == path]
        if found:
            doc = ls.docs.get(to_uri(path))
            items.append(
                lsp.WorkspaceFullDocumentDiagnosticReport(
                    uri=to_uri(path),
                    version=doc.version if doc else None,
                    items=ls.diagnostics(found, path),
                )
            )
        if i % 20 == 19:
            await asyncio.sleep(0)  # a cancellation lands here
    spec = ls.spec_path()
    if spec is not None:
        found = [f for f in ls.findings_for(set()) if f.path == str(spec)]
        if found:
            items.append(
                lsp.WorkspaceFullDocumentDiagnosticReport(
                    uri=to_uri(spec), version=None, items=ls.diagnostics(found, str(spec))
                )
            )
    return lsp.WorkspaceDiagnosticReport(items=items)


# -- hover, navigation, symbols, completion ------------------------------------------------------


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: SpeclsServer, params: lsp.HoverParams) -> lsp.Hover | None:
    return features.hover(ls, params.text_document.uri, params.position)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: SpeclsServer, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
    return features.definition(ls, params.text_document.uri, params.position)


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: SpeclsServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
    return features.references(ls, params.text_document.uri, params.position)


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(
    ls: SpeclsServer, params: lsp.DocumentSymbolParams
) -> list[lsp.DocumentSymbol] | None:
    return features.document_symbols(ls, params.text_document.uri)


@server.feature(lsp.WORKSPACE_SYMBOL)
def workspace_symbol(
    ls: SpeclsServer, params: lsp.WorkspaceSymbolParams
) -> list[lsp.WorkspaceSymbol]:
    return features.workspace_symbols(ls, params.query)


@server.feature(
    lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[":", '"', " ", "."])
)
def completion(ls: SpeclsServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
    return features.completion(ls, params.text_document.uri, params.position)


# -- code actions ----------------------------------------------------------------------------------


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.RefactorRewrite],
        resolve_provider=True,
    ),
)
def code_action(ls: SpeclsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    doc = ls.docs.get(uri)
    version = doc.version if doc else None
    actions: list[lsp.CodeAction] = []
    for diag in params.context.diagnostics:
        if diag.source != "specls":
            continue
        data = diag.data if isinstance(diag.data, dict) else {}
        for fix in data.get("fixes", []):
            actions.append(
                lsp.CodeAction(
                    title=fix["title"],
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=fix is data["fixes"][0] or None,
                    data={
                        "fix": fix,
                        "uri": uri,
                        "version": version,
                        "at": [diag.range.start.line, diag.range.start.character],
                    },
                )
            )
        if ls.is_spec(uri_to_path(uri)):
            continue
        actions.append(
            lsp.CodeAction(
                title=f"Suppress {diag.code} on this line",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                data={
                    "suppress": str(diag.code),
                    "uri": uri,
                    "version": version,
                    "line": diag.range.start.line,
                },
            )
        )
    actions.extend(features.claim_actions(ls, uri, params.range, version))
    return actions


@server.feature(lsp.CODE_ACTION_RESOLVE)
def code_action_resolve(ls: SpeclsServer, action: lsp.CodeAction) -> lsp.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri", "")
    doc = ls.docs.get(uri)
    version = data.get("version")
    if doc is not None and version is not None and doc.version != version:
        ls.log(
            f"specls: '{action.title}' was computed for an older version; not applied",
            lsp.MessageType.Warning,
        )
        return action
    enc = ls.encoding
    if "suppress" in data:
        line = data["line"]
        text = doc.line(line) if doc else ls.lines_of(str(uri_to_path(uri)), line)
        action.edit = lsp.WorkspaceEdit(
            document_changes=[
                end_of_line_comment(
                    uri, version, line, text, f"spec: ignore[{data['suppress']}]", enc
                )
            ]
        )
        return action
    fix = data.get("fix") or {}
    if fix.get("kind") == "rename" and fix.get("new_name") and data.get("at"):
        line, character = data["at"]
        try:
            action.edit = renaming.rename(ls, uri, lsp.Position(line, character), fix["new_name"])
        except JsonRpcException as e:
            ls.log(f"specls: {e.message}", lsp.MessageType.Error)
        return action
    spec = ls.spec_path()
    if spec is None or not fix.get("decision"):
        return action
    text, spec_version = ls.spec_text()
    try:
        changes, ident = spec_change(to_uri(spec), text, spec_version, fix, enc)
    except Exception as e:
        ls.log(f"specls: cannot write the decision: {e}", lsp.MessageType.Error)
        return action
    if fix.get("kind") == "push-claim" and fix.get("reference_line"):
        line = int(fix["reference_line"]) - 1
        ref_uri = to_uri(fix.get("reference_path") or uri_to_path(uri))
        ref_doc = ls.docs.get(ref_uri)
        line_text = ref_doc.line(line) if ref_doc else ls.lines_of(str(uri_to_path(ref_uri)), line)
        changes.append(
            end_of_line_comment(
                ref_uri,
                ref_doc.version if ref_doc else None,
                line,
                line_text,
                f"spec: {ident}",
                enc,
            )
        )
    action.edit = lsp.WorkspaceEdit(document_changes=changes)
    return action


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(
    ls: SpeclsServer, params: lsp.PrepareRenameParams
) -> lsp.PrepareRenamePlaceholder:
    return renaming.prepare_rename(ls, params.text_document.uri, params.position)


@server.feature(lsp.TEXT_DOCUMENT_RENAME, lsp.RenameOptions(prepare_provider=True))
def rename(ls: SpeclsServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit:
    return renaming.rename(ls, params.text_document.uri, params.position, params.new_name)


@server.command("specls.recordDecision")
async def record_decision(ls: SpeclsServer, fields: dict[str, Any]) -> str | None:
    """Write a decision (``kind``, ``target``, ``type`` ...) into the spec; returns its id."""
    from specls.rules.representation import kebab

    spec = ls.spec_path()
    target = str(fields.get("target") or "")
    if spec is None or not target or not fields.get("kind"):
        ls.log("specls: recordDecision needs at least a kind and a target", lsp.MessageType.Error)
        return None
    decision = {k: v for k, v in fields.items() if v not in (None, "")}
    decision.setdefault("status", "accepted")
    text, version = ls.spec_text()
    fix = {"decision_id": kebab(target.replace(".", "-")), "decision": decision}
    try:
        changes, ident = spec_change(to_uri(spec), text, version, fix, ls.encoding)
    except Exception as e:
        ls.log(f"specls: cannot write the decision: {e}", lsp.MessageType.Error)
        return None
    result = await ls.workspace_apply_edit_async(
        lsp.ApplyWorkspaceEditParams(
            edit=lsp.WorkspaceEdit(document_changes=changes), label=f"Record decision {ident}"
        )
    )
    return ident if result.applied else None


def main(tcp: str | None = None) -> None:
    """Run the server on stdio (or TCP ``HOST:PORT`` for debugging)."""
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    if tcp:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
