"""One-shot runs (the CLI's ``specls check``): discover, read, reuse the cache, extract, check.

A run whose every input is unchanged is answered from the cache before the parser, the rules
or the spec loader are even imported: that is most of a warm run's cost.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from specls.cache import Cache, build_id, content_digest
from specls.config import Settings
from specls.discovery import discover, read_source
from specls.findings import Finding

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from specls.engine import Workspace
    from specls.facts import FileFacts

log = logging.getLogger("specls")

#: Below this many files to parse, one process is faster than starting workers.
PARALLEL_THRESHOLD = 64
#: Source bytes per batch, at most and at least: batches shrink as the work left does.
_BATCH_BYTES = (1 << 18, 1 << 14)
_LOCAL_BATCH = 64  # files extracted here between hand-overs to the cache
#: The GIL switch interval while workers run (seconds; Python's default is 0.005). The
#: executor's threads move sources to the workers and facts back through pipes, 64 KiB at a
#: time, and wait for the GIL after each read or write; this thread holds it while it
#: extracts, so at the default each wait lasts up to 5 ms, and a worker sat idle for 0.2 s
#: of a 2 s run on Django, blocked on a full pipe or waiting for its next batch.
_SWITCH_INTERVAL = 0.0005


@dataclass(slots=True)
class CheckResult:
    """Findings of a run, what was read, and notes for stderr."""

    findings: list[Finding]
    files: int
    lines: int
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: The workspace the findings came from (None when the cache answered): freeing its
    #: facts takes a while on a large one (34 ms on Django), so the caller chooses when.
    workspace: Workspace | None = field(default=None, repr=False)


Item = tuple[str, bytes, str]  # (path, UTF-8 source, module)
#: Receives freshly extracted facts with their pickles (for the cache), a batch at a time.
Store = Callable[[list[tuple["FileFacts", bytes]]], None]


def _extract_here(items: list[Item], pickled: bool) -> list[tuple[FileFacts, bytes | None]]:
    """Facts of several files, each pickled too when ``pickled`` (for the cache)."""
    from specls.extract import extract

    out: list[tuple[FileFacts, bytes | None]] = []
    for path, data, module in items:
        facts = extract(data, path, module)
        out.append((facts, pickle.dumps(facts, protocol=5) if pickled else None))
    return out


def _extract_pickled(items: list[Item]) -> list[bytes]:
    """Worker: pickled facts, pickled once, here, for both the transfer and the cache."""
    return [blob for _, blob in _extract_here(items, True) if blob is not None]


def extract_all(todo: list[Item], jobs: int, store: Store | None = None) -> list[FileFacts]:
    """Facts of ``(path, data, module)`` items, in order, with ``jobs`` processes when there
    are many: ``jobs - 1`` workers and this process share the work, biggest files first, in
    small batches. Facts made here are pickled only when ``store`` wants them; each batch is
    handed to ``store`` as soon as this thread has it, so the pickles of a large workspace
    are never all in memory at once; likewise each item's source is dropped from ``todo``
    once its facts are made."""
    results: list[FileFacts | None] = [None] * len(todo)

    def take(indices: list[int], got: list[tuple[FileFacts, bytes | None]]) -> None:
        for i, (facts, _) in zip(indices, got, strict=True):
            results[i] = facts
            path, _, module = todo[i]
            todo[i] = (path, b"", module)  # the source is not needed any more
        if store is not None:
            store([(facts, blob) for facts, blob in got if blob is not None])

    def here(indices: list[int]) -> None:
        take(indices, _extract_here([todo[i] for i in indices], store is not None))

    if jobs <= 1 or len(todo) < PARALLEL_THRESHOLD:
        for k in range(0, len(todo), _LOCAL_BATCH):
            here(list(range(k, min(k + _LOCAL_BATCH, len(todo)))))
        return _all(results)
    from concurrent.futures import ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    batches = _batches([len(data) for _, data, _ in todo], jobs)
    queue = deque(range(len(batches)))  # taken by this thread and by the workers' callbacks
    finished: deque[tuple[int, list[bytes]]] = deque()  # workers' batches, unpickled here
    lock = threading.Lock()
    #: Submitted batches not yet handed over: a done future still holds its result (the
    #: batch's pickles), so it is forgotten once they are in ``finished`` (a kept list of
    #: futures held every worker's pickles to the end: 20 MiB at 500k lines).
    futures: set[Future[list[bytes]]] = set()

    def submit(pool: ProcessPoolExecutor) -> None:
        try:
            b = queue.popleft()
        except IndexError:
            return
        fut = pool.submit(_extract_pickled, [todo[i] for i in batches[b]])
        with lock:
            futures.add(fut)

        def done(f: Future[list[bytes]]) -> None:
            if f.exception() is None:
                finished.append((b, f.result()))
                with lock:
                    futures.discard(f)
                submit(pool)  # a worker never waits for this thread to hand out work

        fut.add_done_callback(done)

    def drain() -> None:
        while finished:
            b, blobs = finished.popleft()
            take(batches[b], [(pickle.loads(blob), blob) for blob in blobs])

    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, _SWITCH_INTERVAL))
    try:
        with ProcessPoolExecutor(max_workers=jobs - 1) as pool:
            for _ in range(2 * (jobs - 1)):
                submit(pool)
            while True:
                drain()
                try:
                    b = queue.popleft()
                except IndexError:
                    break
                here(batches[b])
            while True:  # callbacks may still be submitting the last batches
                with lock:
                    pending = [f for f in futures if not f.done()]
                drain()
                if not pending:
                    break
                wait(pending)
        # the pool is shut down: every callback has run, and only failed batches are left
        for fut in futures:
            fut.result()  # re-raise a worker's failure
        drain()
    except (OSError, BrokenProcessPool) as e:  # no processes here: do it in this one
        log.warning("specls: parallel extraction failed (%s); continuing in one process", e)
        missing = [i for i, facts in enumerate(results) if facts is None]
        for k in range(0, len(missing), _LOCAL_BATCH):
            here(missing[k : k + _LOCAL_BATCH])
    finally:
        sys.setswitchinterval(interval)
    return _all(results)


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


def _run_key(settings: Settings, whole: bool, digests: dict[str, str]) -> str:
    """Everything a run's findings depend on: build, settings, spec file, every file."""
    h = hashlib.sha256()
    h.update(build_id().encode())
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
    for path in sorted(digests):
        h.update(f"{path}\0{digests[path]}\n".encode())
    return h.hexdigest()


def _fill(
    ws: Workspace,
    sources: list[tuple[Path, bytes]],
    digests: dict[str, str],
    cache: Cache | None,
    jobs: int,
) -> None:
    """Put the facts of ``sources`` into ``ws``: from the cache, else extracted (and cached)."""
    from specls.engine import module_name

    root = ws.settings.root.resolve()
    todo: list[Item] = []
    for path, data in sources:
        module = module_name(path, root)
        facts = cache.get_facts(str(path), digests[str(path)], module) if cache else None
        if facts is None:
            todo.append((str(path), data, module))
        else:
            ws.files[str(path)] = facts
    sources.clear()  # only ``todo`` holds the sources now, until each is extracted
    store = None
    if cache is not None:

        def store(got: list[tuple[FileFacts, bytes]]) -> None:
            cache.put_blobs((f.path, digests[f.path], f.module, blob) for f, blob in got)

    for facts in extract_all(todo, jobs, store):
        ws.files[facts.path] = facts


def load_workspace(settings: Settings, cache: Cache | None = None, jobs: int = 1) -> Workspace:
    """Every file of the workspace with its facts, and the spec (for ``specls rename``)."""
    from specls.engine import Workspace

    files, errors = discover([settings.root], settings.root, settings.exclude)
    ws = Workspace(settings)
    ws.notes = [*errors]
    ws.load_spec()
    sources: list[tuple[Path, bytes]] = []
    for path in files:
        source = read_source(path)
        if source.data is None:
            ws.notes.append(f"{path}: {source.note}")
        else:
            sources.append((path, source.data))
    _fill(ws, sources, {str(p): content_digest(d) for p, d in sources}, cache, jobs)
    return ws


def check_paths(
    paths: list[Path], settings: Settings, cache: Cache | None = None, jobs: int = 1
) -> CheckResult:
    """Check files and directories: the CLI's ``specls check``.

    With ``cache``, files whose content is unchanged are not parsed again, and a run whose
    every input is unchanged returns its findings without running the rules.
    """
    files, errors = discover(paths, settings.root, settings.exclude)
    notes: list[str] = []
    root = settings.root.resolve()
    whole = any(p.resolve() == root for p in paths)
    sources: list[tuple[Path, bytes]] = []
    digests: dict[str, str] = {}
    lines = 0
    for path in files:
        source = read_source(path)
        if source.data is None:
            notes.append(f"{path}: {source.note}")
            continue
        sources.append((path, source.data))
        digests[str(path)] = content_digest(source.data)
        lines += source.data.count(b"\n") + 1
    key = _run_key(settings, whole, digests) if cache is not None else ""
    if cache is not None and (hit := cache.get_run(key)) is not None:
        return CheckResult(hit, len(sources), lines, notes, errors)

    from specls.engine import Workspace  # the parser, rules and spec loader

    ws = Workspace(settings, reuse_findings=False)
    ws.notes = notes
    ws.load_spec()
    _fill(ws, sources, digests, cache, jobs)
    findings = ws.findings(whole_workspace=whole)
    if cache is not None and not any("internal error" in n for n in ws.notes):
        cache.put_run(key, findings)
    return CheckResult(findings, len(ws.files), lines, ws.notes, errors, ws)
