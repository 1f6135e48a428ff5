"""Indexing the workspace off the event loop, as ``specls check`` reads it.

A thread finds and reads the files and takes each one's facts from the cache when its
content is unchanged (known by its stamp, as the CLI knows it, or by its digest); the others
are extracted by worker processes (:class:`specls.run.Extraction`, started on the first
files read when nothing can come from the cache) and stored in the cache. The facts go to
the event loop in chunks: only the loop's thread touches the engine's ``Workspace``.

Files an open document needs come first: the loop names the classes an opened document
derives from (:func:`needed`), and the thread reads those files (and the files of their own
bases, and the modules that re-export them) before any other, in its reading loop or
between two batches of the workers.

The thread does not extract beside the workers (``helper=False``): the server's process
keeps its share of the interpreter for requests, and the workers do all the parsing. The GIL
switch interval :class:`~specls.run.Extraction` sets while workers run (0.5 ms instead of
Python's 5 ms) is kept: it is what lets the executor's threads feed the workers, and it also
means a request that arrives while the thread loads facts waits at most that long for the
interpreter.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specls.cache import Cache, Stamp, content_digest
from specls.discovery import Listings, iter_rooted, module_name, read_source
from specls.run import _SETTLED_NS, Extraction, _stamp

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from specls.facts import FileFacts

#: Files handed to the event loop at a time (facts from the cache).
CHUNK = 64

#: What the thread tells the loop: ``("begin", None)``, ``("facts", (facts, urgent))``,
#: ``("total", files)`` once the walk has found them all, ``("notes", [str])``,
#: ``("end", None)``.
Message = tuple[str, Any]


class Stopped(Exception):
    """Indexing was stopped (shutdown, exit): the thread leaves at once."""


def needed(facts: FileFacts) -> set[str]:
    """The dotted names of the classes ``facts``'s classes derive from (imports followed),
    where they name a module: the files an open document needs indexed for its rules."""
    return {name for cls in facts.classes for name in needed_of(facts, cls)}


class Indexer:
    """One indexing run of a workspace, in a thread of its own.

    ``send`` is called in that thread with each :data:`Message` (the server passes it to the
    event loop with ``call_soon_threadsafe``). ``cache_dir`` is None without a cache
    (Restricted Mode, ``cache: false``): then nothing is read from or written to one.
    """

    def __init__(
        self,
        root: Path,
        exclude: list[str],
        cache_dir: Path | None,
        jobs: int,
        send: Callable[[Message], None],
    ) -> None:
        self.root = root
        self.exclude = exclude
        self.cache_dir = cache_dir
        self.jobs = jobs
        self.send = send
        self._stop = threading.Event()
        self._wanted: queue.SimpleQueue[set[str]] = queue.SimpleQueue()
        self._handed: dict[str, FileFacts] = {}  # the facts that went to the loop, by path
        self._modules: dict[str, list[Path]] = {}  # module and each dotted suffix -> files
        self._module_of: dict[str, str] = {}  # path -> module
        self._buffer: list[FileFacts] = []
        self._walked = False  # the walk of the tree has ended
        self._later: set[str] = set()  # names wanted while it went on
        self._cache: Cache | None = None
        self.thread = threading.Thread(target=self._run, name="specls-index", daemon=True)

    # -- the loop's side ------------------------------------------------------------------

    def start(self) -> None:
        self.thread.start()

    def want(self, names: set[str]) -> None:
        """Index the files of these classes (dotted names) before any other."""
        if names:
            self._wanted.put(names)

    def stop(self, wait: float = 0) -> None:
        """Stop indexing; with ``wait``, until the thread (and its workers) are gone."""
        self._stop.set()
        if wait and self.thread.is_alive() and threading.current_thread() is not self.thread:
            self.thread.join(wait)

    # -- the thread -----------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._index()
        except Stopped:
            pass
        except Exception as e:  # (reported; the loop ends indexing with what it has)
            from specls.lsp.protocol import one_line

            self._tell(("notes", [f"indexing failed: {one_line(e)}"]))
        finally:
            if self._cache is not None:
                self._cache.close()
            self._tell(("end", None))

    def _tell(self, message: Message) -> None:
        try:
            self.send(message)
        except RuntimeError:  # the event loop is closed: the server is going away
            self._stop.set()

    def _check(self) -> None:
        if self._stop.is_set():
            raise Stopped

    def _index(self) -> None:
        root = self.root
        cache = self._cache = Cache(self.cache_dir, workspace=root) if self.cache_dir else None
        if cache is not None and cache.db is None:
            cache = None
        # (directories listed as the last walk kept them while unchanged: Listings)
        listings = Listings(cache.get_listings()) if cache is not None else None
        errors: list[str] = []
        # (the files read as the walk finds them: the workers start on the first ones while
        # the rest of the tree is listed, as in `specls check`)
        found = iter_rooted([root], root, self.exclude, errors, listings=listings)
        self._tell(("begin", None))
        notes: list[str] = []
        cold = cache is None or not cache.holds_facts()
        known = cache.get_stamps() if cache is not None and not cold else {}
        stamps: list[tuple[str, Stamp, str]] = []
        settled = time.time_ns() - _SETTLED_NS
        digests: dict[str, str] = {}

        def store(got: list[tuple[FileFacts, bytes]]) -> None:
            if cache is not None:
                cache.put_blobs((f.path, digests[f.path], f.module, blob) for f, blob in got)

        storing = store if cache is not None else None
        with Extraction(
            self.jobs,
            storing,
            early=cold,
            take=self._take,
            helper=False,
            context=worker_context(),
            initializer=partial(watch_server, os.getpid()),
        ) as extraction:

            def read(path: Path, key: str, module: str, stamp: Stamp | None) -> None:
                source = read_source(path)
                if source.data is None:
                    notes.append(f"{path}: {source.note}")
                    return
                data = source.data
                digests[key] = digest = content_digest(data)
                if cache is not None:
                    if stamp is not None and max(stamp[1], stamp[2]) < settled:
                        stamps.append((key, stamp, digest))
                    if not cold and (facts := cache.get_facts(key, digest, module)):
                        self._give(facts)
                        return
                extraction.add((key, data, module))

            # files known by their stamps are not even read: their facts are looked up a
            # chunk at a time (a query per file was a tenth of a start on a filled cache)
            pending: list[tuple[Path, str, str, Stamp | None]] = []

            def lookup() -> None:
                assert cache is not None
                rows = [(key, known[key][1], module) for _, key, module, _ in pending]
                got = cache.get_some_facts(rows)
                for path, key, module, stamp in pending:
                    if key in self._handed:  # (an open document's base, read meanwhile)
                        continue
                    if (facts := got.get(key)) is not None:
                        self._give(facts)
                    else:
                        read(path, key, module, stamp)
                pending.clear()

            count = 0
            for key, _ in found:
                self._check()
                path = Path(key)
                module = self._found(key, path)
                count += 1
                self._serve_wanted()
                if key in self._handed:
                    continue
                stamp = _stamp(path) if cache is not None else None
                seen = known.get(key)
                if cache is not None and seen is not None and seen[0] == stamp:
                    pending.append((path, key, module, stamp))
                    if len(pending) >= CHUNK:
                        lookup()
                    continue
                read(path, key, module, stamp)
            self._walked = True
            self._tell(("total", count))
            if cache is not None and listings is not None and (kept := listings.kept()) is not None:
                cache.put_listings(kept)
            self._serve_wanted(self._later)
            if pending:
                lookup()
            self._flush()
            if cache is not None:
                cache.put_stamps(stamps)
            notes = [*errors, *notes]
            if notes:
                self._tell(("notes", notes))
            extraction.facts()
        self._serve_wanted()
        self._flush()

    def _found(self, key: str, path: Path) -> str:
        """A file the walk found: its module, and the names it may be imported by."""
        module = self._module_of[key] = module_name(key, self.root)
        parts = module.split(".")
        for k in range(len(parts)):
            self._modules.setdefault(".".join(parts[k:]), []).append(path)
        return module

    def _give(self, facts: FileFacts, urgent: bool = False) -> None:
        self._handed[facts.path] = facts
        self._buffer.append(facts)
        if urgent or len(self._buffer) >= CHUNK:
            self._flush(urgent)

    def _flush(self, urgent: bool = False) -> None:
        if self._buffer or urgent:
            chunk, self._buffer = self._buffer, []
            self._tell(("facts", (chunk, urgent)))

    def _take(self, got: list[FileFacts]) -> None:
        """A batch of the extraction's facts: to the loop (those not handed already)."""
        self._check()
        for facts in got:
            if facts.path not in self._handed:
                self._give(facts)
        self._flush()
        self._serve_wanted()

    def _serve_wanted(self, again: set[str] | None = None) -> None:
        """Read the files the open documents need now: their bases' files, then those
        files' bases, and the modules that re-export a base. While the walk goes on, each
        name is kept to be looked up again once it has ended (``again``): its file, or a
        better match of its module, may not have been found yet."""
        todo: list[str] = [*again] if again else []
        while True:
            try:
                todo.extend(self._wanted.get_nowait())
            except queue.Empty:
                break
        if not todo:
            return
        if not self._walked:
            self._later.update(todo)
        got: list[FileFacts] = []
        seen: set[str] = set()
        while todo and not self._stop.is_set():
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            module, _, last = name.rpartition(".")
            for path in self._modules.get(module, [])[:4]:
                facts = self._now(path)
                if facts is None:
                    continue
                got.append(facts)
                cls = next((c for c in facts.classes if c.name == last), None)
                if cls is None and last in facts.imports:  # re-exported
                    todo.append(facts.imports[last])
                elif cls is not None:
                    todo.extend(needed_of(facts, cls))
        for facts in got:
            if facts.path not in self._handed:
                self._handed[facts.path] = facts
                self._buffer.append(facts)
        self._flush(urgent=True)

    def _now(self, path: Path) -> FileFacts | None:
        """One file's facts, here and now (from the cache, else extracted in this thread)."""
        key = str(path)
        if (facts := self._handed.get(key)) is not None:
            return facts
        source = read_source(path)
        if source.data is None:
            return None
        module = self._module_of.get(key) or module_name(path, self.root)
        digest = content_digest(source.data)
        cache = self._cache if self._cache is not None and self._cache.db is not None else None
        facts = cache.get_facts(key, digest, module) if cache is not None else None
        if facts is None:
            from specls.extract import extract

            facts = extract(source.data, key, module)
            if cache is not None:
                cache.put_facts([(digest, facts)])
        return facts


def worker_context() -> BaseContext:
    """Where the workers come from: a fork server (one process started clean, the extractor
    imported, from which each worker is forked), else fresh interpreters. Never a fork of
    the server itself: it has other threads (the event loop, pygls's reader), and a child
    forked while one of them holds a lock can hang on it. Workers started so hold no copy of
    the server's pipes, and end when it does, however it ends. The fork server starts with
    the first worker, once the walk has found enough files to share (its imports overlap
    the walk and the reading of the rest)."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["specls.extract"])
    return context


def start_fork_server() -> None:
    """Start the workers' fork server now, when a cold start will want workers (the cache
    holds no facts): its interpreter starts and imports the extractor on the idle core
    while this process answers ``initialize`` and walks the tree, where the first worker
    had waited 0.1 s for it."""
    if worker_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def watch_server(server: int) -> None:
    """A worker's start: import the extractor, and leave as soon as the server process is
    gone, however it ended (killed, crashed). A worker holds both ends of its task queue's
    pipe, so it would otherwise wait on it for ever; its parent is the fork server, so a
    parent-death signal would not do."""
    import select

    import specls.extract  # noqa: F401

    def watch() -> None:
        try:
            fd = os.pidfd_open(server)
        except (AttributeError, OSError):  # (not Linux 5.3+): look every half second
            while True:
                time.sleep(0.5)
                try:
                    os.kill(server, 0)
                except ProcessLookupError:
                    break
                except OSError:
                    pass
        else:
            select.select([fd], [], [])
        os._exit(0)

    threading.Thread(target=watch, name="specls-watch", daemon=True).start()


def needed_of(facts: FileFacts, cls: Any) -> set[str]:
    """:func:`needed` for one class of ``facts``."""
    out: set[str] = set()
    for text in cls.bases:
        name = text.split("[", 1)[0].strip()
        head, _, rest = name.partition(".")
        origin = facts.imports.get(head)
        if origin is not None:
            name = f"{origin}.{rest}" if rest else origin
        if "." in name:
            out.add(name)
    return out
