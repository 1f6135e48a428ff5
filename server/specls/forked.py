"""Work shared with one forked child: the class rules of a big one-shot check, on the core
the extraction's workers leave idle once they are done.

The work is cut in chunks of a range; this process and the child take chunks from one
pipe, two bytes each, so whichever is free takes the next. The child sends back what it
computed, pickled, and leaves by ``os._exit`` (it touches nothing the parent holds: no
file, no cache connection, no finalizer). What the child was to send and did not (it
died, or it was still at work long after this process was done) is computed here: the
results are the same, only later. Without ``os.fork``, or in a process with other
threads (which a fork must not copy), all of it is done here.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

#: At most this many chunks (two bytes each in the pipe: the pipe's buffer holds them all).
MAX_CHUNKS = 4096
#: The child may take this many times as long as this process took for its own share (and
#: at least :data:`MIN_WAIT` seconds) before its chunks are done here instead.
WAIT_FACTOR = 4.0
MIN_WAIT = 10.0


def can_fork() -> bool:
    """Whether this process may fork a child that runs Python: ``os.fork`` exists and no
    other thread runs (a fork copies a lock another thread holds, held forever)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def shared(
    count: int,
    chunk: int,
    work: Callable[[int, int], Any],
    first: Callable[[], None] | None = None,
) -> list[Any]:
    """``work(start, stop)`` for each chunk of ``range(count)`` (``chunk`` long, the last
    shorter), in order; this process runs ``first`` before it takes chunks (what only it
    may do, as writing to a cache). ``work`` must give something picklable, and give the
    same in either process."""
    bounds = [(a, min(a + chunk, count)) for a in range(0, count, max(1, chunk))]
    if not bounds or len(bounds) > MAX_CHUNKS or not can_fork():
        if first is not None:
            first()
        return [work(a, b) for a, b in bounds]
    got: dict[int, Any] = {}
    theirs = _with_child(bounds, work, first, got)
    for i, value in theirs.items():
        if 0 <= i < len(bounds) and i not in got:
            got[i] = value
    return [got[i] if i in got else work(a, b) for i, (a, b) in enumerate(bounds)]


def _with_child(
    bounds: list[tuple[int, int]],
    work: Callable[[int, int], Any],
    first: Callable[[], None] | None,
    got: dict[int, Any],
) -> dict[int, Any]:
    """Fork a child, share the chunks with it (this process's own results into ``got``),
    and give the child's."""
    tasks_r, tasks_w = os.pipe()
    try:
        os.write(tasks_w, b"".join(i.to_bytes(2, "big") for i in range(len(bounds))))
    finally:
        os.close(tasks_w)  # (then a read of the drained pipe says so: b"")
    results_r, results_w = os.pipe()
    gc.freeze()  # (the collector here would otherwise write to every page the child shares)
    try:
        pid = os.fork()
    except OSError:
        pid = -1
    if pid == 0:  # the child
        _child(tasks_r, results_w, bounds, work)
    os.close(results_w)
    reaped = pid < 0
    try:
        start = time.monotonic()
        if first is not None:
            first()
        _take_all(tasks_r, bounds, work, got)
        if pid < 0:  # (no child: all of it was done here)
            return {}
        wait = max(MIN_WAIT, WAIT_FACTOR * (time.monotonic() - start))
        data = _read_all(results_r, time.monotonic() + wait)
        if data is not None:
            os.waitpid(pid, 0)
            reaped = True
        try:
            theirs = pickle.loads(data) if data else {}  # (our own child's, as a worker's)
        except Exception:
            theirs = {}
        return theirs if isinstance(theirs, dict) else {}
    finally:
        if not reaped:  # (too long, or this process was interrupted: its chunks are lost)
            _kill(pid)
        os.close(tasks_r)
        os.close(results_r)
        gc.unfreeze()


def _child(
    tasks: int, results: int, bounds: list[tuple[int, int]], work: Callable[[int, int], Any]
) -> None:
    """The child's part: chunks until none is left, then their results, pickled; it never
    returns into the parent's code."""
    try:
        gc.disable()
        mine: dict[int, Any] = {}
        _take_all(tasks, bounds, work, mine)
        data = memoryview(pickle.dumps(mine, protocol=pickle.HIGHEST_PROTOCOL))
        while data:
            data = data[os.write(results, data) :]
    except BaseException:  # (whatever it is, the parent does the chunks)
        pass
    finally:
        os._exit(0)


def _take_all(
    tasks: int, bounds: list[tuple[int, int]], work: Callable[[int, int], Any], into: dict
) -> None:
    while (i := _next(tasks)) is not None:
        if 0 <= i < len(bounds):
            into[i] = work(*bounds[i])


def _next(tasks: int) -> int | None:
    """The next chunk's number from the pipe, or None when none is left."""
    token = os.read(tasks, 2)
    while 0 < len(token) < 2:  # (a read of a pipe gives what its writes had together)
        more = os.read(tasks, 2 - len(token))
        if not more:
            return None
        token += more
    return int.from_bytes(token, "big") if token else None


def _read_all(fd: int, deadline: float) -> bytes | None:
    """Everything until the end of the pipe, or None if it has not ended by ``deadline``."""
    parts: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        part = os.read(fd, 1 << 20)
        if not part:
            return b"".join(parts)
        parts.append(part)


def _kill(pid: int) -> None:
    with suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with suppress(OSError):
        os.waitpid(pid, 0)
