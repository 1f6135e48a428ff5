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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from specls import __version__
from specls.cache import Cache
from specls.config import ConfigError, Settings, find_root, load_settings
from specls.discovery import discover, read_source
from specls.engine import Workspace
from specls.findings import Finding, Severity
from specls.lsp import features, fixes, renaming
from specls.lsp.convert import to_diagnostic
from specls.lsp.documents import Change, Document
from specls.lsp.protocol import SpeclsProtocol, one_line
from specls.lsp.uris import ClientPaths, uri_to_path
from specls.text import lines as lsp_lines

log = logging.getLogger("specls.lsp")

DEBOUNCE_SECONDS = 0.15
#: Client settings that name a path: ignored in Restricted Mode (a workspace chose them).
_PATH_OPTIONS = ("spec", "cacheDir", "interpreter")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class SpeclsServer(LanguageServer):
    """The language server: the engine's workspace plus the editor's open buffers."""

    def __init__(self) -> None:
        super().__init__("specls", __version__, protocol_cls=SpeclsProtocol)
        self.engine: Workspace | None = None
        self.paths = ClientPaths(Path.cwd())
        #: Open documents by the engine's path (``str``); each knows the client's URI.
        self.docs: dict[str, Document] = {}
        self.options: dict[str, Any] = {}
        #: An untrusted workspace (VS Code's Restricted Mode): read only, no cache.
        self.restricted = False
        self.pull = False
        self.debounce = DEBOUNCE_SECONDS
        self._pending: asyncio.TimerHandle | None = None
        self._published: set[str] = set()
        self.disk_lines: dict[str, list[str]] = {}
        self.cache: Cache | None = None
        self._told: set[str] = set()

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

    def set_options(self, options: dict[str, Any]) -> None:
        """Take the client's ``specls.*`` settings (in Restricted Mode, not those that name
        paths: the workspace's own settings may have chosen them)."""
        if self.restricted:
            options = {k: v for k, v in options.items() if k not in _PATH_OPTIONS}
        self.options = options

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Info) -> None:
        log.info(message)
        with contextlib.suppress(Exception):  # no client yet
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    def tell_once(self, key: str, message: str) -> None:
        """Log ``message`` the first time ``key`` is seen (per session)."""
        if key not in self._told:
            self._told.add(key)
            self.log(message, lsp.MessageType.Warning)

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Errors outside a request: one line in the log, never a pop-up per keystroke."""
        self.tell_once(f"error:{type(error).__name__}", f"specls: {one_line(error)}")

    # -- paths, URIs and documents ------------------------------------------------------------

    def path_of(self, uri: str) -> Path | None:
        """The engine's path of a client URI (None for URIs that name no file)."""
        return self.paths.path(uri)

    def uri_for(self, path: str | Path) -> str:
        """The URI the client knows a file by: the one it opened, else the path's own."""
        doc = self.docs.get(str(path))
        return doc.uri if doc is not None else self.paths.uri(path)

    def doc(self, uri: str) -> Document | None:
        """The open document of a client URI."""
        path = self.path_of(uri)
        return self.docs.get(str(path)) if path is not None else None

    def spec_path(self) -> Path | None:
        return self.engine.settings.spec if self.engine else None

    def is_spec(self, path: Path | None) -> bool:
        spec = self.spec_path()
        return path is not None and spec is not None and path.resolve() == spec.resolve()

    def spec_doc(self) -> Document | None:
        spec = self.spec_path()
        if spec is None:
            return None
        doc = self.docs.get(str(spec))
        if doc is None:  # opened under another name (a link to it)
            doc = next((d for d in self.docs.values() if not d.python), None)
        return doc

    def lines_of(self, path: str, n: int) -> str:
        """Line ``n`` of a file as LSP counts lines: from its open buffer, else from disk."""
        doc = self.docs.get(path)
        if doc is not None:
            return doc.line(n)
        lines = self.disk_lines.get(path)
        if lines is None:
            source = read_source(Path(path))
            lines = lsp_lines(source.data) if source.data is not None else []
            self.disk_lines[path] = lines
        return lines[n] if 0 <= n < len(lines) else ""

    def line_source(self, path: str) -> Callable[[int], str]:
        """:meth:`lines_of` for one file."""
        return lambda n: self.lines_of(path, n)

    def line_count(self, path: str) -> int:
        doc = self.docs.get(path)
        if doc is not None:
            return doc.line_count()
        self.lines_of(path, 0)
        return len(self.disk_lines.get(path, []))

    def check_position(self, uri: str, pos: lsp.Position) -> Path | None:
        """The path of a request's document; a line past its end is ``InvalidParams``."""
        path = self.path_of(uri)
        if path is None:
            return None
        if pos.line > self.line_count(str(path)):
            raise JsonRpcInvalidParams(f"specls: line {pos.line} is past the end of {path.name}")
        return path

    def spec_text(self) -> tuple[str | None, int | None]:
        """The spec file's current text (the open buffer wins) and buffer version."""
        path = self.spec_path()
        if path is None:
            return None, None
        doc = self.spec_doc()
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
            if str(path) not in self.docs:
                try:
                    engine.update_file(path, cache=self.cache)
                except Exception as e:  # one bad file must not stop indexing
                    self.log(
                        f"specls: cannot analyse {path}: {one_line(e)}", lsp.MessageType.Warning
                    )
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
                    "restricted": self.restricted,
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
        return [
            to_diagnostic(f, self.lines_of, self.encoding, self.uri_for)
            for f in findings
            if f.path == path
        ]

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
        open_paths = {path for path, d in self.docs.items() if d.python}
        findings = self.findings_for(open_paths)
        targets: dict[str, int | None] = {}
        spec = self.spec_path()
        spec_doc = self.spec_doc()
        if spec is not None and (spec.exists() or spec_doc is not None):
            targets[str(spec)] = spec_doc.version if spec_doc else None
        if not self.pull:
            for path, d in self.docs.items():
                if d.python:
                    targets[path] = d.version
        published = set()
        for path, version in targets.items():
            uri = spec_doc.uri if spec_doc is not None and path == str(spec) else self.uri_for(path)
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
        path = self.path_of(uri)
        if path is None:
            return None
        python = path.suffix in (".py", ".pyi")
        if not python and not self.is_spec(path):
            return None
        doc = Document(uri, path, version, b"", python=python)
        doc.apply([Change(text)], self.encoding)  # (and parse)
        self._bad_text(doc)
        self.docs[str(path)] = doc
        self.sync(doc)
        return doc

    def change_document(
        self, uri: str, version: int | None, changes: list[Change]
    ) -> Document | None:
        doc = self.doc(uri)
        if doc is None:
            return None
        doc.apply(changes, self.encoding)
        doc.version = version
        self._bad_text(doc)
        self.sync(doc)
        return doc

    def _bad_text(self, doc: Document) -> None:
        if doc.bad_text:
            self.tell_once(
                f"bad-text:{doc.uri}",
                f"specls: {doc.path.name}: the editor sent text that is not Unicode "
                "(lone surrogates); each is read as U+FFFD",
            )

    def sync(self, doc: Document) -> None:
        """Give the engine a document's current content."""
        if self.engine is None:
            return
        if doc.python:
            self.engine.update_file(doc.path, doc.source, doc.tree)
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
            doc = self.spec_doc()
            if doc is not None:
                self.sync(doc)
            else:
                self.engine.load_spec()

    def reload_from_disk(self, path: Path) -> None:
        """A file changed outside the editor (or was closed): read it again."""
        if self.engine is None:
            return
        self.disk_lines.pop(str(path), None)
        if str(path) in self.docs:
            return
        if self.is_spec(path):
            if self.spec_doc() is None:
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
    options = params.initialization_options
    options = dict(options) if isinstance(options, dict) else {}
    ls.restricted = options.get("restricted") is True
    ls.set_options(options)
    root_uri = params.root_uri or (
        params.workspace_folders[0].uri if params.workspace_folders else None
    )
    client_root = (uri_to_path(root_uri) if root_uri else None) or Path.cwd()
    ls.paths = ClientPaths(client_root)
    root = ls.paths.root
    root = find_root(root) if not (root / "spec.toml").exists() else root
    ls.engine = Workspace(ls.settings_for(root))
    ls.engine.load_spec()
    cache_dir = ls.engine.settings.cache_dir
    if ls.restricted:
        ls.log("specls: Restricted Mode: no cache, no writes, no quick fixes")
    elif cache_dir is not None and ls.options.get("cache", True):
        ls.cache = Cache(cache_dir)
    debounce = ls.options.get("debounceMs")
    if isinstance(debounce, int | float) and debounce >= 0:
        ls.debounce = min(debounce, 10_000) / 1000
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
    ls.set_options(merged)
    ls.reconfigure()
    return True


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(
    ls: SpeclsServer, params: lsp.DidChangeConfigurationParams
) -> None:
    settings = params.settings
    if isinstance(settings, dict) and isinstance(settings.get("specls"), dict):
        ls.set_options({**ls.options, **settings["specls"]})
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
    changes = []
    for ch in params.content_changes:
        if isinstance(ch, lsp.TextDocumentContentChangePartial):
            r = ch.range
            changes.append(
                Change(ch.text, (r.start.line, r.start.character), (r.end.line, r.end.character))
            )
        else:
            changes.append(Change(ch.text))
    if ls.change_document(params.text_document.uri, params.text_document.version, changes):
        ls.schedule()


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: SpeclsServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.disk_lines.clear()
    ls.schedule()


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SpeclsServer, params: lsp.DidCloseTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    doc = ls.docs.pop(str(path), None) if path is not None else None
    if doc is not None:
        ls.reload_from_disk(doc.path)
        ls.publish()


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: SpeclsServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        path = ls.path_of(change.uri)
        if path is None:
            continue
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
    path = ls.path_of(params.text_document.uri)
    if path is None:
        return lsp.RelatedFullDocumentDiagnosticReport(items=[])
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
    if spec is not None:
        found = [f for f in ls.findings_for(set()) if f.path == str(spec)]
        if found:
            items.append(
                lsp.WorkspaceFullDocumentDiagnosticReport(
                    uri=ls.uri_for(spec), version=None, items=ls.diagnostics(found, str(spec))
                )
            )
    return lsp.WorkspaceDiagnosticReport(items=items)


# -- hover, navigation, symbols, completion ------------------------------------------------------


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: SpeclsServer, params: lsp.HoverParams) -> lsp.Hover | None:
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    return features.hover(ls, params.text_document.uri, params.position)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: SpeclsServer, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    return features.definition(ls, params.text_document.uri, params.position)


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: SpeclsServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
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
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    return features.completion(ls, params.text_document.uri, params.position)


# -- code actions, rename and commands --------------------------------------------------------


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.RefactorRewrite],
        resolve_provider=True,
    ),
)
def code_action(ls: SpeclsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    if ls.check_position(params.text_document.uri, params.range.start) is None:
        return []
    return fixes.code_actions(ls, params)


@server.feature(lsp.CODE_ACTION_RESOLVE)
def code_action_resolve(ls: SpeclsServer, action: lsp.CodeAction) -> lsp.CodeAction:
    return fixes.resolve(ls, action)


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(
    ls: SpeclsServer, params: lsp.PrepareRenameParams
) -> lsp.PrepareRenamePlaceholder | None:
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    fixes.refuse_if_restricted(ls, "rename")
    return renaming.prepare_rename(ls, params.text_document.uri, params.position)


@server.feature(lsp.TEXT_DOCUMENT_RENAME, lsp.RenameOptions(prepare_provider=True))
def rename(ls: SpeclsServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    fixes.refuse_if_restricted(ls, "rename")
    return renaming.rename(ls, params.text_document.uri, params.position, params.new_name)


@server.command(fixes.APPLY_FIX)
async def apply_fix(ls: SpeclsServer, data: Any) -> bool:
    """Apply a quick fix whose files are not all open (see :func:`fixes.resolve`)."""
    return await fixes.apply(ls, data)


@server.command("specls.recordDecision")
async def record_decision(ls: SpeclsServer, fields: Any) -> str | None:
    """Write a decision (``kind``, ``target``, ``type`` ...) into the spec; returns its id."""
    return await fixes.record_decision(ls, fields)


@server.feature("specls/viewFileText")
def view_file_text(ls: SpeclsServer, params: Any) -> str | None:
    """The server's copy of an open document (as rust-analyzer's ``viewFileText``): for
    debugging the synchronisation of buffers, and for the tests that check it."""
    uri = getattr(getattr(params, "textDocument", None), "uri", None)
    if not isinstance(uri, str):
        raise JsonRpcInvalidParams("specls/viewFileText takes {textDocument: {uri}}")
    doc = ls.doc(uri)
    return doc.data.decode("utf-8", "surrogateescape") if doc is not None else None


def main(tcp: str | None = None) -> None:
    """Run the server on stdio (or TCP ``HOST:PORT`` for debugging)."""
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    if tcp:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
