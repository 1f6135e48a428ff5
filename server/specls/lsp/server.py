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
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from specls import __version__
from specls.cache import Cache
from specls.discovery import read_source
from specls.engine import Workspace
from specls.findings import Finding
from specls.lsp import session
from specls.lsp.convert import to_diagnostic
from specls.lsp.documents import Change, Document
from specls.lsp.protocol import SpeclsProtocol, one_line
from specls.lsp.uris import ClientPaths
from specls.text import lines as lsp_lines

if TYPE_CHECKING:
    from specls.config import Settings
    from specls.facts import FileFacts
    from specls.lsp.indexing import Indexer

log = logging.getLogger("specls.lsp")

DEBOUNCE_SECONDS = 0.15


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
        #: What each URI of :attr:`_published` was last sent: its version and diagnostics.
        self._sent: dict[str, tuple[int | None, list[lsp.Diagnostic]]] = {}
        self.disk_lines: dict[str, list[str]] = {}
        self.cache: Cache | None = None
        self._told: set[str] = set()
        #: The indexing under way (None when there is none), and its end.
        self.indexer: Indexer | None = None
        self._index_done: asyncio.Future[None] | None = None
        #: Facts indexed and not yet given to the engine (see :meth:`_merge`).
        self._pending_facts: dict[str, FileFacts] = {}
        #: Files the server read itself while indexing (newer than the indexer's).
        self._touched: set[str] = set()
        #: The last ``specls/status`` sent (sent again only when it changes).
        self._status: dict[str, Any] | None = None

    # -- state --------------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding if self.protocol._workspace else None
        return str(enc.value if hasattr(enc, "value") else enc or "utf-16")

    def settings_for(self, root: Path) -> Settings:
        """Settings from pyproject.toml, overridden by the client's options."""
        settings, warnings = session.settings_for(root, self.options, self.restricted)
        for warning in warnings:
            self.log(warning, lsp.MessageType.Warning)
        return settings

    def set_options(self, options: dict[str, Any]) -> None:
        """Take the client's ``specls.*`` settings (in Restricted Mode, not those that name
        paths: the workspace's own settings may have chosen them)."""
        self.options = session.client_options(options, self.restricted)

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

    def current_bytes(self, path: str) -> bytes | None:
        """A file's bytes as the editor has them: its buffer when open, else the disk."""
        doc = self.docs.get(path)
        if doc is not None:
            return doc.data
        return read_source(Path(path)).data

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
        """Index every file of the workspace off the event loop (:mod:`specls.lsp.indexing`),
        reporting progress: facts come in chunks, kept aside until an open document needs
        them (:meth:`want`) or the indexing ends, so that no request on an open document
        waits for an index of files it does not need."""
        engine = self.engine
        if engine is None:
            return
        from specls.lsp.indexing import Indexer
        from specls.workers import choose_jobs

        loop = asyncio.get_running_loop()
        messages: asyncio.Queue = asyncio.Queue()
        jobs = self.options.get("jobs")
        choice = choose_jobs(jobs if isinstance(jobs, int) and jobs > 0 else 0)
        workers = f"{choice.jobs} worker process{'' if choice.jobs == 1 else 'es'}"
        self.log(f"specls: indexing with {workers}: {choice.reason}")
        indexer = Indexer(
            engine.settings.root,
            engine.settings.exclude,
            self.cache.directory if self.cache is not None else None,
            choice.jobs,
            lambda message: loop.call_soon_threadsafe(messages.put_nowait, message),
        )
        self.indexer = indexer
        self._index_done = loop.create_future()
        self._pending_facts = {}
        self._touched = set()
        for doc in self.docs.values():  # (opened before indexing began)
            self.want(doc)
        indexer.start()
        self.send_status(indexing=True)
        token = str(uuid.uuid4())
        progress = self._progress_supported()
        if progress:
            try:
                await self.work_done_progress.create_async(token)
            except Exception as e:  # the client refused a progress token
                self.log(f"specls: no progress reporting ({e})")
                progress = False
        total = done = reported = 0
        try:
            while True:
                kind, payload = await messages.get()
                if kind == "begin":  # (the walk has begun: the files' count comes later)
                    if progress:
                        self.work_done_progress.begin(
                            token,
                            lsp.WorkDoneProgressBegin(
                                title="specls: indexing",
                                message="finding files",
                                percentage=0,
                                cancellable=False,
                            ),
                        )
                elif kind == "total":
                    total = payload
                elif kind == "facts":
                    chunk, urgent = payload
                    done += len(chunk)
                    for facts in chunk:
                        self._pending_facts[facts.path] = facts
                    if urgent:
                        self._merge()
                        self.publish()
                    if progress and done - reported >= 25:
                        reported = done
                        self.work_done_progress.report(
                            token,
                            lsp.WorkDoneProgressReport(
                                message=f"{done}/{total} files" if total else f"{done} files",
                                percentage=min(100, int(100 * done / total)) if total else None,
                            ),
                        )
                elif kind == "notes":
                    for note in payload:
                        self.log(f"specls: {note}", lsp.MessageType.Warning)
                elif kind == "end":
                    break
        finally:
            indexer.stop()
            self._merge()
            self.indexer = None
            if self._index_done is not None and not self._index_done.done():
                self._index_done.set_result(None)
            self._index_done = None
            self._pending_facts = {}
            self._touched = set()
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

    def _merge(self) -> None:
        """Give the engine the facts indexed so far (not those of open documents, nor of
        files the server read again meanwhile: theirs are newer)."""
        engine = self.engine
        pending, self._pending_facts = self._pending_facts, {}
        if engine is None or not pending:
            return
        for path, facts in pending.items():
            if path not in self.docs and path not in self._touched:
                engine.files[path] = facts
        engine._index = None  # (the engine's own update_file does the same)

    def want(self, doc: Document) -> None:
        """While indexing, have the files ``doc`` needs (its bases' files) indexed first."""
        if self.indexer is None or self.engine is None or not doc.python:
            return
        facts = self.engine.files.get(str(doc.path))
        if facts is not None:
            from specls.lsp.indexing import needed

            self.indexer.want(needed(facts))

    async def whole_workspace(self) -> None:
        """Wait for the end of indexing, if it is under way: for the requests that read every
        file (rename, references, workspace symbols, fixes that edit other files)."""
        if self._index_done is not None:
            await asyncio.shield(self._index_done)

    def stop_indexing(self, wait: float = 10) -> None:
        """Stop indexing (shutdown, exit), waiting for its thread and workers to end."""
        if self.indexer is not None:
            self.indexer.stop(wait)

    def send_status(self, indexing: bool | None = None) -> None:
        """``specls/status``: what the VS Code client shows in its status bar (sent when it
        changes)."""
        if self.engine is None:
            return
        if indexing is None:
            indexing = self.indexer is not None
        status = {
            "indexing": indexing,
            "files": len(self.engine.files),
            "decisions": len(self.engine.spec.decisions),
            "restricted": self.restricted,
        }
        if status == self._status:  # (each publish asks: a keystroke changes none of it)
            return
        self._status = status
        with contextlib.suppress(Exception):
            self.protocol.notify("specls/status", status)

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
        published always matches the versions recorded with it. A document's diagnostics
        are sent again only when they or its version changed.
        """
        self._pending = None
        if self.engine is None:
            return
        open_paths = {path for path, d in self.docs.items() if d.python}
        findings = self.findings_for(open_paths)
        targets: dict[str, int | None] = {}
        spec = self.spec_path()
        spec_doc = self.spec_doc()
        # (not while indexing: a decision's target in a file not read yet is not missing)
        indexing = self.indexer is not None
        if spec is not None and (spec.exists() or spec_doc is not None) and not indexing:
            targets[str(spec)] = spec_doc.version if spec_doc else None
        if not self.pull:
            for path, d in self.docs.items():
                if d.python:
                    targets[path] = d.version
        published = set()
        for path, version in targets.items():
            uri = spec_doc.uri if spec_doc is not None and path == str(spec) else self.uri_for(path)
            published.add(uri)
            sent = (version, self.diagnostics(findings, path))
            if self._sent.get(uri) == sent:  # (another document's edit changed nothing here)
                continue
            self._sent[uri] = sent
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=sent[1], version=version)
            )
        if indexing and spec is not None:  # (the spec's last diagnostics stay until then)
            published |= self._published & {spec_doc.uri if spec_doc else self.uri_for(spec)}
        for uri in self._published - published:
            self._sent.pop(uri, None)
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
        self.want(doc)
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
            self.engine.update_file(doc.path, doc.source, statements=doc.statements())
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
                self.engine.load_spec(self.cache)

    def reload_from_disk(self, path: Path) -> None:
        """A file changed outside the editor (or was closed): read it again."""
        if self.engine is None:
            return
        self.disk_lines.pop(str(path), None)
        if str(path) in self.docs:
            return
        if self.indexer is not None:
            self._touched.add(str(path))
        if self.is_spec(path):
            if self.spec_doc() is None:
                self.engine.load_spec(self.cache)
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


def make_server() -> SpeclsServer:
    """The server with every handler of :mod:`specls.lsp.handlers` registered."""
    from specls.lsp import handlers

    made = SpeclsServer()
    handlers.register(made)
    return made


def main(tcp: str | None = None) -> None:
    """Run the server on stdio (or TCP ``HOST:PORT`` for debugging)."""
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    server = make_server()
    if tcp:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        from specls.lsp.stdio import serve

        serve(server)
    server.stop_indexing()  # (the client went away mid-index: no worker is left behind)
