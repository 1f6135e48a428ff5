"""One-shot runs (the CLI's ``specls check``): discover, read, reuse the cache, extract, check.

A run whose every input is unchanged is answered from the cache before the parser, the rules
or the spec loader are even imported: that is most of a warm run's cost.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import signal
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import ExitStack, suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from specls import logs
from specls.cache import Cache, Stamp, build_id, content_digest, path_bytes
from specls.config import Overrides, Settings
from specls.discovery import (
    Listings,
    Source,
    discover,
    iter_rooted,
    module_name,
    path_order,
    read_source,
)
from specls.findings import Finding
from specls.records import field, record
from specls.text import normalized

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from specls.engine import Workspace
    from specls.facts import FileFacts

#: Below this many files to parse, one process is faster than starting workers.
PARALLEL_THRESHOLD = 64
#: Source bytes per batch, at most and at least: batches shrink as the work left does.
_BATCH_BYTES = (1 << 18, 1 << 14)
_LOCAL_BATCH = 64  # files extracted here between hand-overs to the cache
#: Up to this many files to parse, a check after a change extracts each a top-level
#: statement at a time with the facts of its statements the cache kept from the file's
#: last extraction (:meth:`Cache.get_chunks`), as the hook after an edit does: editing a
#: file again re-reads only the statements touched.
CHUNKED_FILES = 4
#: A file whose times are this much older than a run's start (ns) is remembered by its
#: stamp with its digest: a later change gives it later times (FAT's are 2 s apart).
_SETTLED_NS = 2_000_000_000
#: Source bytes per batch handed to a worker while files are still being read.
_EARLY_BATCH_BYTES = 1 << 16
#: Source bytes from which a one-shot check keeps the bodies of the facts pickled but for
#: those being read (:func:`specls.facts.folding`): about 250k lines, whose facts as objects
#: take some 80 MiB (Django's 5.5 MB are below it). Pickling them costs an eighth of their
#: extraction, and each reading of a body again a sixth: not worth it for a smaller one.
FOLD_BYTES = 8 << 20
#: How many bodies such a check holds unpickled at once (a class's or a file's).
FOLD_OPEN = 512
#: Source bytes let go of between two returns of the C heap's free pages (see :func:`_trim`).
_TRIM_BYTES = 2 << 20
#: The GIL switch interval while workers run (seconds; Python's default is 0.005). The
#: executor's threads move sources to the workers and facts back through pipes, 64 KiB at a
#: time, and wait for the GIL after each read or write; this thread holds it while it
#: extracts, so at the default each wait lasts up to 5 ms, and a worker sat idle for 0.2 s
#: of a 2 s run on Django, blocked on a full pipe or waiting for its next batch.
_SWITCH_INTERVAL = 0.0005


@record()
class CheckResult:
    """Findings of a run, what was read, and notes for stderr."""

    findings: list[Finding]
    files: int
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: The workspace the findings came from (None when the cache answered): freeing its
    #: facts takes a while on a large one (34 ms on Django), so the caller chooses when.
    workspace: Workspace | None = field(default=None, repr=False)
    #: The spec files of the workspaces checked (findings in them name them).
    specs: list[str] = field(default_factory=list)
    #: Every workspace checked (several in a monorepo), the first being ``workspace``.
    workspaces: list[Workspace] = field(default_factory=list, repr=False)


Item = tuple[str, bytes, str]  # (path, UTF-8 source, module)
#: Receives freshly extracted facts with their pickles (for the cache), a batch at a time.
Store = Callable[[list[tuple["FileFacts", bytes]]], None]
#: Told ``(files parsed, files to parse)`` as a cold run goes (a progress line).
Progress = Callable[[int, int], None]


def _extract_here(
    items: list[Item], pickled: bool, fold: bool = False, chunks: Cache | None = None
) -> list[tuple[FileFacts, bytes | None]]:
    """Facts of several files, each pickled too when ``pickled`` (for the cache), their
    bodies folded when ``fold`` (see :func:`specls.facts.folding`); with ``chunks``, each
    extracted with the facts of its statements that cache kept (:func:`_extract_kept`)."""
    from specls.extract import extract
    from specls.facts import fold_file

    out: list[tuple[FileFacts, bytes | None]] = []
    for path, data, module in items:
        if chunks is not None:
            facts = _extract_kept(data, path, module, chunks)
        else:
            facts = extract(data, path, module)
        if fold:  # (before pickling: the file's pickle holds the bodies' own)
            fold_file(facts)
        out.append((facts, pickle.dumps(facts, protocol=5) if pickled else None))
    return out


def _extract_pickled(items: list[Item]) -> list[bytes]:
    """Worker: pickled facts, pickled once, here, for both the transfer and the cache."""
    return [blob for _, blob in _extract_here(items, True) if blob is not None]


def _warm_up() -> None:
    """Worker start: import the extractor while the first batch is on its way."""
    import specls.extract  # noqa: F401


class Extraction:
    """Extracts the facts of the files added to it, with ``jobs`` processes when there are
    many: ``jobs - 1`` workers and this one share the work, in batches.

    With ``early``, workers start on the files as they are added, once there are enough to
    be worth it, while this thread goes on finding and reading the rest: a cold check of
    Django otherwise left the second core idle for its first 0.25 s (discovery, reading,
    imports). :meth:`facts` then shares what is left, biggest files first, in batches that
    shrink towards the end. Facts made here are pickled only when ``store`` wants them; each
    batch is handed to ``store`` as soon as this thread has it, so the pickles of a large
    workspace are never all in memory at once; likewise each source is dropped once its
    facts are made. Leaving the ``with`` block shuts the workers down.

    ``take`` is handed each batch's facts as soon as they are loaded (in the thread that
    calls :meth:`facts`): the language server indexes with them as they come. Without
    ``helper``, the calling thread extracts nothing while workers run: ``jobs`` workers
    share all the work, and the thread only loads what they send (the language server's
    process stays free for requests). ``context`` is the workers' multiprocessing context
    (by default the platform's: ``fork`` on Linux, which a process with other threads must
    not use); ``initializer`` runs in each worker as it starts (it imports the extractor).
    With ``fold``, the facts made here keep their bodies pickled (those of the workers come
    so) when the sources add up to :data:`FOLD_BYTES` or more: a one-shot check of a big
    workspace, within :func:`specls.facts.folding`. Below that, the classes' bodies in the
    workers' facts are loaded as the facts come (:func:`specls.facts.open_classes`), while
    the workers still run: a check reads them all, and loading each when a rule first read
    it, after the workers were done, was 0.3 s of CPU in a check of Django that the second
    core could not share.
    """

    def __init__(
        self,
        jobs: int,
        store: Store | None = None,
        *,
        early: bool = False,
        progress: Progress | None = None,
        take: Callable[[list[FileFacts]], None] | None = None,
        helper: bool = True,
        context: BaseContext | None = None,
        initializer: Callable[[], None] | None = None,
        fold: bool = False,
        chunks: Cache | None = None,
    ) -> None:
        self.jobs = jobs
        self.fold = fold
        self.chunks = chunks
        self._one_shot = fold  # (a check that reads every class's facts)
        self.store = store
        self.early = early
        self.progress = progress
        self.take = take
        self.helper = helper
        self.context = context
        self.initializer = initializer or _warm_up
        self._workers = jobs - 1 if helper else jobs  # worker processes, when there are any
        self._done_count = 0
        self.items: list[Item] = []
        self.results: list[FileFacts | None] = []
        self._pending: list[int] = []  # added, in no batch yet
        self._pending_bytes = 0
        self._added_bytes = 0
        self._freed = 0  # source bytes let go of since the last _trim
        self._cond = threading.Condition()  # guards what the workers' callbacks touch:
        self._queue: deque[list[int]] = deque()  # batches for whichever process is free
        self._in_flight = 0  # batches handed to workers and not yet back
        self._finished: deque[tuple[list[int], list[bytes]]] = deque()  # loaded here
        self._closed: list[FileFacts] = []  # workers' facts loaded before ``fold`` was known
        self._failed: list[list[int]] = []  # batches a worker could not do: done here
        self._pool: ProcessPoolExecutor | None = None
        self._broken = self._workers < 1
        self._interval = sys.getswitchinterval()

    def __enter__(self) -> Extraction:
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._broken = True  # nothing more for the workers (their callbacks see it)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            sys.setswitchinterval(self._interval)

    def add(self, item: Item) -> None:
        """Another file to extract; with ``early``, a full batch goes to a worker now."""
        self.items.append(item)
        self.results.append(None)
        self._pending.append(len(self.items) - 1)
        self._pending_bytes += len(item[1])
        self._added_bytes += len(item[1])
        if (
            self.early
            and not self._broken
            and self._pending_bytes >= _EARLY_BATCH_BYTES
            and len(self.items) >= PARALLEL_THRESHOLD
        ):
            batches: list[list[int]] = [[]]
            size = 0
            for i in self._pending:  # (the first time, all the files up to the threshold)
                if size >= _EARLY_BATCH_BYTES:
                    batches.append([])
                    size = 0
                batches[-1].append(i)
                size += len(self.items[i][1])
            with self._cond:
                self._queue.extend(batches)
            self._pending, self._pending_bytes = [], 0
            self._feed()

    def facts(self) -> list[FileFacts]:
        """The facts of every file added, in the order they were added."""
        if self.fold and self._added_bytes < FOLD_BYTES:
            self.fold = False  # (small: the facts' objects are not worth the pickling)
            self._open(self._closed)
        self._closed = []
        with self._cond:
            left = [i for batch in self._queue for i in batch] + self._pending
            self._queue.clear()
        self._pending, self._pending_bytes = [], 0
        if self._pool is None and (self._broken or len(self.items) < PARALLEL_THRESHOLD):
            for k in range(0, len(left), _LOCAL_BATCH):
                self._here(left[k : k + _LOCAL_BATCH])
            if self.fold:
                _trim()
            return _all(self.results)
        sizes = [len(self.items[i][1]) for i in left]
        with self._cond:
            self._queue.extend([left[j] for j in batch] for batch in _batches(sizes, self.jobs))
        self._feed()
        while True:
            self._drain()
            with self._cond:
                here = self._queue and (self.helper or self._broken)
                batch = self._queue.popleft() if here else None
            if batch is None:
                break
            self._here(batch)
        while True:  # the workers' last batches (without ``helper``: all of them)
            self._drain()
            with self._cond:
                queued = bool(self._queue) and not self._broken
                if not self._in_flight and not self._finished and not queued:
                    break
                if not self._finished:
                    self._cond.wait()
        with self._cond:  # (left by workers that broke meanwhile)
            failed, self._failed = [*self._failed, *self._queue], []
            self._queue.clear()
        for batch in failed:
            self._here(batch)
        if self.fold:
            _trim()
        return _all(self.results)

    def _feed(self) -> None:
        """Hand batches to the workers, up to two each (one to work on, one on its way)."""
        if self._broken:
            return
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            try:
                self._pool = ProcessPoolExecutor(
                    self._workers, mp_context=self.context, initializer=self.initializer
                )
            except (OSError, ImportError, NotImplementedError) as e:
                logs.warning("specls: no worker processes (%s); extracting in one", e)
                self._broken = True
                return
            sys.setswitchinterval(min(self._interval, _SWITCH_INTERVAL))
        while True:
            with self._cond:
                if self._broken or not self._queue or self._in_flight >= 2 * self._workers:
                    return
                batch = self._queue.popleft()
                self._in_flight += 1
            try:
                future = self._pool.submit(_extract_pickled, [self.items[i] for i in batch])
            except Exception as e:  # no processes here (or the pool broke): done here
                with self._cond:
                    if not self._broken:
                        logs.warning("specls: parallel extraction failed (%s); continuing here", e)
                    self._broken = True
                    self._in_flight -= 1
                    self._failed.append(batch)
                    self._cond.notify_all()
                return
            future.add_done_callback(partial(self._done, batch))

    def _done(self, batch: list[int], future: Future[list[bytes]]) -> None:
        """A worker's batch is back (in the executor's thread): keep it, hand out the next."""
        error = future.exception() if not future.cancelled() else None
        with self._cond:
            if future.cancelled() or error is not None:
                if error is not None and not self._broken:
                    logs.warning("specls: a worker failed (%s); its files are done here", error)
                self._broken = True
                self._failed.append(batch)
            else:
                self._finished.append((batch, future.result()))
            self._in_flight -= 1
            self._cond.notify_all()
        # (the future still holds the batch's pickles: not kept, it lets go of them)
        self._feed()

    def _drain(self) -> None:
        """Load the facts the workers sent back."""
        while self._finished:
            batch, blobs = self._finished.popleft()
            got = [(pickle.loads(blob), blob) for blob in blobs]
            if self.fold:  # (folding, or not known yet: :meth:`facts` tells)
                if self._added_bytes < FOLD_BYTES:
                    self._closed.extend(facts for facts, _ in got)
            elif self._one_shot:
                self._open([facts for facts, _ in got])
            self._take(batch, got)

    @staticmethod
    def _open(files: list[FileFacts]) -> None:
        from specls.facts import open_classes

        for facts in files:
            open_classes(facts)

    def _here(self, batch: list[int]) -> None:
        items = [self.items[i] for i in batch]
        chunks = self.chunks if len(self.items) <= CHUNKED_FILES else None
        self._take(batch, _extract_here(items, self.store is not None, self.fold, chunks))

    def _take(self, batch: list[int], got: list[tuple[FileFacts, bytes | None]]) -> None:
        for i, (facts, _) in zip(batch, got, strict=True):
            self.results[i] = facts
        for i in batch:
            path, data, module = self.items[i]
            self._freed += len(data)
            self.items[i] = (path, b"", module)  # the source is not needed any more
        if self.progress is not None:
            self._done_count += len(batch)
            self.progress(self._done_count, len(self.items))
        if self.store is not None:
            self.store([(facts, blob) for facts, blob in got if blob is not None])
        if self.take is not None:
            self.take([facts for facts, _ in got])
        if self.fold and self._freed >= _TRIM_BYTES:
            self._freed = 0
            del got
            _trim()


_malloc_trim: Callable[[int], int] | None = None


def _trim() -> None:
    """Give the free pages of the C heap back to the system (glibc's ``malloc_trim``; a
    no-op elsewhere). Sources, pickles of whole files and batches from the workers come and
    go there, among pickled bodies that stay: the pages they leave free stay in the
    process, since Python's own objects are allocated elsewhere (a fifth of a big check's
    memory with two processes)."""
    global _malloc_trim
    if _malloc_trim is None:
        try:
            import ctypes

            _malloc_trim = ctypes.CDLL(None).malloc_trim
        except (ImportError, OSError, AttributeError):
            _malloc_trim = lambda pad: 0  # noqa: E731 (not glibc)
    _malloc_trim(0)


def _batches(sizes: list[int], jobs: int) -> list[list[int]]:
    """Indices of the files, biggest first, in batches of about ``1/(4 * jobs)`` of the
    source bytes left (within ``_BATCH_BYTES``): few batches, so few round trips to the
    workers, yet small ones at the end, so no process is left with a long one while the
    others wait. A file's cost is about its size (an empty one costs 18 µs)."""
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    most, least = _BATCH_BYTES
    left = sum(sizes)
    batches: list[list[int]] = []
    batch: list[int] = []
    size = 0
    for i in order:
        batch.append(i)
        size += sizes[i]
        if size >= max(least, min(most, left // (4 * jobs))):
            batches.append(batch)
            left -= size
            batch, size = [], 0
    if batch:
        batches.append(batch)
    return batches


def _all(results: list[FileFacts | None]) -> list[FileFacts]:
    assert all(facts is not None for facts in results)
    return results  # type: ignore[return-value]


def _spec_bytes(settings: Settings) -> bytes:
    path = settings.spec
    if path is None:
        return b"<none>"
    try:
        return path.read_bytes()
    except OSError as e:
        return f"<unreadable: {e}>".encode()


def _run_key(groups: list[tuple[Settings, bool]], digests: dict[str, str]) -> str:
    """Everything a run's findings depend on: build, each workspace's settings (and whether
    it is checked whole) and spec file, every file."""
    h = hashlib.sha256()
    h.update(build_id().encode())
    for settings, whole in groups:
        h.update(
            repr(
                (
                    str(settings.root),
                    str(settings.spec),
                    sorted(settings.select),
                    sorted(settings.ignore),
                    sorted(settings.severity.items()),
                    whole,
                )
            ).encode()
        )
        h.update(hashlib.sha256(_spec_bytes(settings)).digest())
    for path in sorted(digests):  # (a file name need not be valid UTF-8: see path_bytes)
        h.update(path_bytes(f"{path}\0{digests[path]}\n"))
    return h.hexdigest()


def _storing(cache: Cache | None, digests: dict[str, str]) -> Store | None:
    """What hands freshly extracted facts to ``cache`` (None without one)."""
    if cache is None:
        return None

    def store(got: list[tuple[FileFacts, bytes]]) -> None:
        cache.put_blobs((f.path, digests[f.path], f.module, blob) for f, blob in got)

    return store


def _fill(
    ws: Workspace,
    files: list[Path],
    sources: list[tuple[Path, bytes | None]],
    digests: dict[str, str],
    cache: Cache | None,
    extraction: Extraction,
) -> bool:
    """Put the facts of ``files`` into ``ws``: see :func:`_fill_all`."""
    root = ws.settings.root.resolve()
    return _fill_all({root: ws}, lambda _: root, files, sources, digests, cache, extraction)


def _fill_all(
    workspaces: dict[Path, Workspace],
    root_of: Callable[[str], Path],
    files: list[Path],
    sources: list[tuple[Path, bytes | None]],
    digests: dict[str, str],
    cache: Cache | None,
    extraction: Extraction,
) -> bool:
    """Put the facts of ``files`` into the workspace of each (``workspaces`` by their root,
    ``root_of`` a file's): those of ``sources`` from the cache if it has them, the others
    from ``extraction`` (which may have been given files already). A source of None was
    known by its stamp: it is read now if it must be parsed. Returns whether every file
    still has the digest in ``digests`` (else it is updated)."""
    same = True
    modules = {str(path): module_name(path, root_of(str(path))) for path, _ in sources}
    wanted = {key: (digests[key], module) for key, module in modules.items()}
    cached = cache.get_many_facts(wanted) if cache is not None and len(wanted) > 8 else {}
    for path, data in sources:
        key = str(path)
        root = root_of(key)
        ws = workspaces[root]
        module = modules[key]
        facts = cached.get(key)
        if facts is None and cache is not None and len(wanted) <= 8:
            facts = cache.get_facts(key, digests[key], module)
        if facts is not None:
            ws.files[key] = facts
            continue
        if data is None:
            source = read_source(path)
            if source.data is None:
                ws.notes.append(f"{path}: {source.note}")
                same = False
                continue
            data = source.data
            if (digest := content_digest(data)) != digests[key]:  # changed all the same
                digests[key] = digest
                same = False
                if cache is not None:
                    cache.drop_stamps([key])
        extraction.add((key, data, module))
    sources.clear()  # only the extraction holds the sources now, until each is extracted
    extracted = {facts.path: facts for facts in extraction.facts()}
    for path in files:  # (after the cached ones, in the order of ``files``)
        facts = extracted.get(str(path))
        if facts is not None:
            workspaces[root_of(facts.path)].files[facts.path] = facts
    return same


@record()
class _Read:
    """A workspace's files found and read (or known by their stamps): see :func:`_read`."""

    sources: list[tuple[Path, bytes | None]]
    digests: dict[str, str]
    notes: list[str]


def _read(
    settings: Settings,
    cache: Cache | None,
    texts: dict[Path, bytes] | None,
    digests: dict[str, str],
) -> _Read:
    """Every file of the workspace, each with its source (None for a file known by its
    stamp: its digest is known, as in :func:`check_paths`), into ``digests``."""
    listings = _listings(cache)
    files, errors = discover([settings.root], settings.root, settings.exclude, listings)
    _keep_listings(cache, listings)
    given = {p.absolute(): data for p, data in (texts or {}).items()}
    extra = [p for p in given if p.is_relative_to(settings.root.resolve())]
    if extra:  # (else ``files`` is sorted already, each once)
        files = sorted({*files, *extra}, key=path_order)
    notes = [*errors]
    known = cache.get_stamps() if cache is not None and cache.holds_facts() else {}
    stamps: list[tuple[str, Stamp, str]] = []
    settled = time.time_ns() - _SETTLED_NS
    sources: list[tuple[Path, bytes | None]] = []
    for path in files:
        key = str(path)
        ours = bool(given) and path in given  # (a ``Path`` is hashed at its first lookup)
        stamp = _stamp(key) if cache is not None and not ours else None
        seen = known.get(key)
        if stamp is not None and seen is not None and seen[0] == stamp:
            sources.append((path, None))
            digests[key] = seen[1]
            continue
        source = Source(path, normalized(given[path])) if ours else read_source(path)
        if source.data is None:
            notes.append(f"{path}: {source.note}")
            continue
        sources.append((path, source.data))
        digests[key] = digest = content_digest(source.data)
        if stamp is not None and max(stamp[1], stamp[2]) < settled:
            stamps.append((key, stamp, digest))
    if cache is not None:
        cache.put_stamps(stamps)
    return _Read(sources, digests, notes)


def load_workspace(
    settings: Settings,
    cache: Cache | None = None,
    jobs: int = 1,
    texts: dict[Path, bytes] | None = None,
    digests: dict[str, str] | None = None,
    read: _Read | None = None,
) -> Workspace:
    """Every file of the workspace with its facts, and the spec (for ``specls rename``,
    ``context`` and the agents' hooks). ``texts`` stands for files' content on disk (unsaved
    text: ``specls check --stdin-filename``); such a file need not exist yet. ``digests``
    is given the content digest of each file whose facts were taken (``read``: the files
    already read, into ``read.digests``)."""
    if read is None:
        read = _read(settings, cache, texts, {} if digests is None else digests)
    from specls.engine import Workspace

    ws = Workspace(settings)
    ws.notes = read.notes
    ws.load_spec(cache)
    sources, digests = read.sources, read.digests
    with Extraction(jobs, _storing(cache, digests)) as extraction:
        _fill(ws, [p for p, _ in sources], sources, digests, cache, extraction)
    return ws


class _Early:
    """The facts of files just edited, extracted by a child process (forked) while this
    one reads the workspace and loads every other file's facts from the cache: after an
    agent's edit the hook parses one file, Django's ``query.py`` in 0.17 s, which took as
    long as the walk, the stamps and the cache's facts together. The child's pickle is
    handed to the cache (:meth:`specls.cache.Cache.expect`), which stores and loads it
    when the file is looked up, as a worker's; with another content by then, it is not
    used. Only where ``os.fork`` is, for a process without other threads, and when a CPU
    is free for the child (:func:`specls.workers.choose_jobs`): on a 2-core machine loaded
    by other jobs, the child slowed this process by more than it saved (Django, a changed
    ``query.py``: 0.93 to 1.25 s against 0.83 to 0.97 s without it); without a CPU free
    the file is extracted here, at once.

    Either way the file is extracted a top-level statement at a time, with the facts of
    its statements from its last extraction after an edit (:meth:`Cache.get_chunks`), and
    those of the new content are kept for the next: an agent's next edit of the file
    re-reads only the statements it touched (Django's ``query.py``, a line added at its
    end: 0.04 s against 0.1 s)."""

    def __init__(self) -> None:
        self._children: list[tuple[int, int]] = []  # (pid, read end of its pipe)

    def start(self, paths: list[Path], settings: Settings, cache: Cache) -> None:
        """A child for each of ``paths`` whose facts the cache does not hold (or their
        extraction here, when no CPU is free)."""
        if threading.active_count() > 1 or len(paths) > 4:
            return
        from specls.workers import choose_jobs

        fork = hasattr(os, "fork") and choose_jobs().jobs >= 2
        root = settings.root.resolve()
        for path in paths:
            full = path.absolute()
            where = full.parent.resolve() / full.name  # (as discovery names it)
            if not where.is_relative_to(root) or where.suffix not in (".py", ".pyi"):
                continue
            source = read_source(where)
            if source.data is None:
                continue
            key, module = str(where), module_name(where, root)
            digest = content_digest(source.data)
            if cache.has_facts(key, digest, module):
                continue
            child = None
            if fork:
                child = self._fork(key, source.data, module, cache.get_chunks(key))
            if child is not None:
                cache.expect(key, digest, module, partial(self._take, child, cache, key))
            else:  # (when the facts are looked up: a check answered from the cache does not)
                cache.expect(key, digest, module, partial(_here, source.data, key, module, cache))

    def _fork(
        self, key: str, data: bytes, module: str, chunks: tuple | None
    ) -> tuple[int, int] | None:
        try:
            r, w = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return None
        if pid == 0:  # (the child: extract, send, leave without any clean-up of this one's)
            code = 1
            try:
                os.close(r)
                facts, kept = _extract_chunked(data, key, module, chunks)
                blob = pickle.dumps(facts, protocol=5)
                view = memoryview(b"".join([_LENGTH.pack(len(blob)), blob, kept]))
                while view:
                    view = view[os.write(w, view) :]
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        self._children.append((pid, r))
        return pid, r

    def _take(self, child: tuple[int, int], cache: Cache, key: str) -> bytes | None:
        """The child's pickle of the facts (None if it failed), once it is done; the
        facts of the file's statements it sent too are kept in ``cache``."""
        r = child[1]
        parts = []
        try:
            while chunk := os.read(r, 1 << 20):
                parts.append(chunk)
        except OSError:
            parts = []
        ok = self._reap(child, wait=True)
        sent = b"".join(parts) if ok else b""
        if len(sent) < _LENGTH.size:
            return None
        (size,) = _LENGTH.unpack_from(sent)
        if len(sent) <= _LENGTH.size + size:
            return None
        cache.put_chunks(key, sent[_LENGTH.size + size :])
        return sent[_LENGTH.size : _LENGTH.size + size]

    def _reap(self, child: tuple[int, int], *, wait: bool) -> bool:
        """Close the pipe and collect the child (stopped first unless ``wait``): whether it
        ended well."""
        pid, r = child
        if child not in self._children:
            return False
        self._children.remove(child)
        os.close(r)
        if not wait:
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        try:
            _, status = os.waitpid(pid, 0)
        except OSError:
            return False
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    def close(self) -> None:
        """Stop and collect the children whose facts were not taken."""
        for child in list(self._children):
            self._reap(child, wait=False)


#: The length of the facts' pickle, before it and the statements' in a child's answer.
_LENGTH = struct.Struct("<Q")


def _here(data: bytes, key: str, module: str, cache: Cache) -> bytes:
    """The pickled facts of a file just edited, extracted here (see :class:`_Early`)."""
    return pickle.dumps(_extract_kept(data, key, module, cache), protocol=5)


def _extract_kept(data: bytes, key: str, module: str, cache: Cache) -> FileFacts:
    """The facts of a file extracted with those of its statements ``cache`` kept from an
    earlier content, whose own are kept there for the next (:meth:`Cache.put_chunks`)."""
    facts, kept = _extract_chunked(data, key, module, cache.get_chunks(key))
    cache.put_chunks(key, kept)
    return facts


def _extract_chunked(
    data: bytes, key: str, module: str, chunks: tuple | None
) -> tuple[FileFacts, bytes]:
    """The facts of a file, extracted with the facts of its top-level statements from an
    earlier content (``chunks``: :meth:`Cache.get_chunks`), and the pickle of those of
    this content (for :meth:`Cache.put_chunks`)."""
    from specls.extract import ChunkCache, extract

    kept = ChunkCache(keep_methods=False)
    if chunks is not None and len(chunks) == 3:
        kept.names, kept.parts, kept.shadowed = chunks
    facts = extract(data, key, module, cache=kept)
    return facts, pickle.dumps((kept.names, kept.parts, kept.shadowed), protocol=5)


def _edit_key(settings: Settings, digests: dict[str, str], paths: list[Path]) -> str | None:
    """Everything a check after an edit of ``paths`` depends on (:func:`_run_key`, and the
    files edited); None when that is not all: D101 reads git's history."""
    if any(s == "ALL" or "D101".startswith(s) for s in settings.select if s):
        return None
    edited = sorted(str(p.absolute()) for p in paths)
    return _run_key([(settings, False)], {**digests, "\0edited": repr(edited)})


def check_edited(
    paths: list[Path],
    settings: Settings,
    cache: Cache | None = None,
    texts: dict[Path, bytes] | None = None,
) -> CheckResult:
    """Findings in files just edited, and in the classes that depend on theirs (subclasses
    elsewhere), with the whole workspace indexed (facts from the cache): what an agent's
    hook and ``specls check --stdin-filename`` report after an edit.

    With ``cache``, what the last checks after an edit found is kept by everything it
    depends on: an edit that leaves every file and the spec as a recent check found them
    (an agent's edit undone, a file written again as it was) is answered from there, its
    workspace not loaded (``workspace`` is None)."""
    early = _Early()
    try:
        return _check_edited(paths, settings, cache, texts, early)
    finally:
        early.close()


def _check_edited(
    paths: list[Path],
    settings: Settings,
    cache: Cache | None,
    texts: dict[Path, bytes] | None,
    early: _Early,
) -> CheckResult:
    spec = _spec_bytes(settings)
    if cache is not None and cache.db is not None:
        early.start([p for p in paths if p.absolute() not in (texts or {})], settings, cache)
    read = _read(settings, cache, texts, {})
    digests = read.digests
    asked = _edit_key(settings, digests, paths) if cache is not None else None
    if asked is not None and cache is not None and (hit := cache.get_edit(asked)) is not None:
        findings, count, notes = hit
        return CheckResult(findings, count, [*read.notes, *notes], [])
    ws = load_workspace(settings, cache, read=read)
    keys = {str(p.absolute()) for p in paths}
    keys = {k if k in ws.files else str(Path(k).resolve()) for k in keys}
    wanted = set(keys)
    index = ws.index
    for key in keys:
        for ref in index.classes_in(key):
            wanted.update(sub.file.path for sub in index.subclasses(ref))
    stored = None
    if cache is not None:  # (what the last check kept holds for the files wanted too)
        from specls.incremental import ClassFindings, context_digest

        previous = cache.get_classes(build_id())
        context = context_digest(settings, spec, ws.display)
        stored = ClassFindings(previous, index, digests, context)
    notes = len(ws.notes)
    findings = ws.findings(whole_workspace=False, only=frozenset(wanted), stored=stored)
    count = len(wanted & set(ws.files))
    if (
        cache is not None
        and spec == _spec_bytes(settings)
        and not any("internal error" in n for n in ws.notes)
    ):
        if stored is not None and len(stored.current) > stored.reused:
            # (added to what was kept: the other files' entries still hold)
            cache.put_classes(build_id(), {**stored.previous, **stored.current})
        done = _edit_key(settings, digests, paths)  # (the digests as read at last)
        if done is not None and ws.files.keys() == digests.keys():  # (every file's facts)
            cache.put_edit(done, (findings, count, ws.notes[notes:]))
    return CheckResult(findings, count, ws.notes, [], ws)


def check_paths(
    paths: list[Path],
    settings: Settings,
    cache: Cache | None = None,
    jobs: int = 1,
    overrides: Overrides | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check files and directories: the CLI's ``specls check``.

    ``settings`` are those of the first path's workspace; each file is checked in the
    workspace of the nearest configuration above it (:class:`specls.config.Resolver`), with
    ``overrides`` (the command line's) applied to each. With ``cache``, files whose content
    is unchanged are not parsed again, and a run whose every input is unchanged returns its
    findings without running the rules. When nothing can come from the cache (there is
    none, or it holds no facts of this build of specls), workers start parsing while the
    files are still being found and read. ``progress`` is told of the files parsed.
    """
    with ExitStack() as held:  # (what the check holds until it returns: see _check_paths)
        return _check_paths(paths, settings, cache, jobs, overrides, progress, held)


def _check_paths(
    paths: list[Path],
    settings: Settings,
    cache: Cache | None,
    jobs: int,
    overrides: Overrides | None,
    progress: Progress | None,
    held: ExitStack,
) -> CheckResult:
    from specls.config import Resolver

    resolver = Resolver(settings, overrides)
    errors: list[str] = []
    cold = cache is None or not cache.holds_facts()
    known = cache.get_stamps() if cache is not None and not cold else {}
    stamps: list[tuple[str, Stamp, str]] = []  # of the files read, for the next run
    settled = time.time_ns() - _SETTLED_NS  # files last changed before it are remembered
    files: list[str] = []
    sources: list[tuple[str, bytes | None]] = []  # not yet handed to the extraction
    digests: dict[str, str] = {}
    roots: dict[str, Path] = {}  # each file's workspace root
    skipped: list[tuple[Path, str]] = []
    size = 0  # source bytes
    listings = _listings(cache)
    found = iter_rooted(paths, settings.root, settings.exclude, errors, resolver, listings)
    store = _storing(cache, digests)
    chunks = None if cold else cache  # (a few files changed since the last check)
    with Extraction(
        jobs, store, early=cold, progress=progress, fold=True, chunks=chunks
    ) as extraction:
        for key, root in found:  # (paths as strings: see iter_rooted)
            stamp = _stamp(key) if cache is not None else None  # (taken before reading)
            seen = known.get(key)
            if stamp is not None and seen is not None and seen[0] == stamp:
                files.append(key)  # unchanged since it was read: its digest is known
                size += stamp[0]
                digests[key] = seen[1]
                roots[key] = root
                sources.append((key, None))
                continue
            path = Path(key)
            source = read_source(path)
            if source.data is None:
                skipped.append((path, f"{path}: {source.note}"))
                continue
            data = source.data
            size += len(data)
            files.append(key)
            roots[key] = root
            digests[key] = digest = content_digest(data)
            if stamp is not None and max(stamp[1], stamp[2]) < settled:
                stamps.append((key, stamp, digest))
            if cold:
                extraction.add((key, data, module_name(key, root)))
            else:
                sources.append((key, data))
        notes = [note for _, note in sorted(skipped)]
        named = [p.resolve() for p in paths if p.is_dir()]
        groups = [
            (resolver.settings(root), any(p == root or p in root.parents for p in named))
            for root in sorted({*roots.values(), *(resolver.root_of(p) for p in paths)})
        ]
        run_key = _run_key(groups, digests) if cache is not None else ""
        if cache is not None:
            cache.put_stamps(stamps)
            _keep_listings(cache, listings)
            if (hit := cache.get_run(run_key)) is not None:
                return CheckResult(hit, len(files), notes, errors, specs=_specs(groups))
        # (``Path`` objects from here on, made only now that the files must be checked)
        if sources:  # (the same files: sorted once)
            made = [(Path(key), data) for key, data in sources]
            sources.clear()  # (``made`` holds the sources now)
            made.sort(key=lambda source: path_order(source[0]))
            ordered = [path for path, _ in made]
        else:
            made = []
            ordered = sorted(map(Path, files), key=path_order)

        from specls.engine import Workspace  # the parser, rules and spec loader
        from specls.facts import folding

        if size >= FOLD_BYTES:  # (the facts' bodies as pickles, but those being read)
            held.enter_context(folding(FOLD_OPEN))

        workspaces: dict[Path, Workspace] = {}
        specs = [_spec_bytes(group) for group, _ in groups]  # (as the rules read them)
        for group, _ in groups:
            ws = workspaces[group.root.resolve()] = Workspace(group, reuse_findings=False)
            ws.load_spec(cache)
        first = next(iter(workspaces.values()))
        first.notes = notes
        same = _fill_all(workspaces, roots.__getitem__, ordered, made, digests, cache, extraction)
    findings: list[Finding] = []
    all_notes: list[str] = []
    previous = cache.get_classes(build_id()) if cache is not None and not cold else {}
    kept: dict[bytes, list[Finding]] = {}
    for (group, whole), ws, spec in zip(groups, workspaces.values(), specs, strict=True):
        stored = None
        if cache is not None:
            from specls.incremental import ClassFindings, context_digest

            context = context_digest(group, spec, ws.display)
            stored = ClassFindings(previous, ws.index, digests, context)
        parallel = jobs > 1 and not previous  # (the rules' second core: a first check)
        findings.extend(ws.findings(whole_workspace=whole, stored=stored, parallel=parallel))
        all_notes.extend(ws.notes)
        if stored is not None:
            kept.update(stored.current)
    if len(groups) > 1:
        findings.sort(key=Finding.sort_key)
    # Not when a file changed during the run (its findings are not those of ``run_key``),
    # nor when a spec file changed: the rules may have read either content.
    same = same and specs == [_spec_bytes(group) for group, _ in groups]
    if cache is not None and same and not any("internal error" in n for n in all_notes):
        if size >= FOLD_BYTES:  # (what the rules let go, before the findings are pickled)
            _trim()
        cache.put_run(run_key, findings)
        cache.put_classes(build_id(), kept)
    count = sum(len(ws.files) for ws in workspaces.values())
    result = CheckResult(findings, count, all_notes, errors, first, specs=_specs(groups))
    result.workspaces = list(workspaces.values())
    return result


def _listings(cache: Cache | None) -> Listings | None:
    """The directory listings ``cache`` kept (None without a cache: nothing kept)."""
    return None if cache is None else Listings(cache.get_listings())


def _keep_listings(cache: Cache | None, listings: Listings | None) -> None:
    """Keep a walk's listings for the next (when they changed)."""
    if cache is not None and listings is not None and (kept := listings.kept()) is not None:
        cache.put_listings(kept)


def _specs(groups: list[tuple[Settings, bool]]) -> list[str]:
    return [str(s.spec) for s, _ in groups if s.spec is not None]


def _stamp(path: Path | str) -> Stamp | None:
    """What changes when a file's content does (see :data:`specls.cache.Stamp`), or None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino
