"""Indexing begun from the client's first message, before pygls is imported.

``specls serve`` spends most of a second importing pygls and lsprotocol (``lsprotocol.types``
alone is about half a second) before it can answer ``initialize``, and only then starts to
read the workspace. The first message of every session is ``initialize``, and it names the
root and the client's settings. So the server reads that one message itself (:func:`read_first`),
works out from it what the session's indexing will read (:func:`plan_of`, with the same
functions the ``initialize`` handler uses: :mod:`.session`), and starts that indexing in
its thread and worker processes while the protocol library is imported. pygls then reads
the stream with the message replayed (:class:`Replay`), byte for byte as the client sent it.

When the session comes to index, it takes the run begun here only if its own plan is the
same (root, excluded patterns, cache directory, workers asked for: the client's settings
may come again, changed, with ``workspace/configuration``); else it stops that run and
starts its own. What the run tells before then is kept (:class:`Relay`) and handed over in
order. A client that sends no ``initializationOptions`` gets no early start: it may give
its settings only when asked for them.

Nothing here imports the protocol library. Anything unexpected in the first message (not
``initialize``, a malformed header, a body that is not JSON, a root that is not a local
path) means no early start, never a failed one: pygls reads the same bytes and answers as
it would have.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from specls.lsp import session

if TYPE_CHECKING:
    from specls.lsp.indexing import Indexer, Message
    from specls.workers import Choice

#: The longest header line read, and the most header lines, before giving up on a message.
MAX_HEADER_LINE = 4096
MAX_HEADER_LINES = 16
#: The largest first message read here (an ``initialize`` is a few kilobytes).
MAX_BODY = 4 * 1024 * 1024


def read_first(stream: BinaryIO) -> tuple[bytes, dict[str, Any] | None]:
    """The bytes of the first message on ``stream`` as read (to be replayed), and its body
    when it is a well-formed JSON-RPC message (None otherwise: what was read is replayed
    all the same)."""
    read = bytearray()
    length: int | None = None
    for _ in range(MAX_HEADER_LINES):
        line = stream.readline(MAX_HEADER_LINE)
        read += line
        if not line.endswith(b"\n"):  # the end of the stream, or a line too long
            return bytes(read), None
        if not line.strip():
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return bytes(read), None
    else:
        return bytes(read), None
    if length is None or not 0 < length <= MAX_BODY:
        return bytes(read), None
    body = stream.read(length)
    read += body
    if len(body) != length:
        return bytes(read), None
    try:
        message = json.loads(body)
    except (ValueError, RecursionError):
        return bytes(read), None
    return bytes(read), message if isinstance(message, dict) else None


class Replay:
    """A binary stream that gives ``prefix`` first, then reads ``stream``: what pygls reads
    from (``readline`` and ``read``, from one thread at a time)."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._prefix = prefix
        self._stream = stream

    def readline(self, size: int = -1) -> bytes:
        """A line, from the prefix while it lasts."""
        if not self._prefix:
            return self._stream.readline(size)
        end = self._prefix.find(b"\n") + 1 or len(self._prefix)
        if size >= 0:
            end = min(end, size)
        line, self._prefix = self._prefix[:end], self._prefix[end:]
        if line.endswith(b"\n") or self._prefix or (size >= 0 and len(line) >= size):
            return line
        return line + self._stream.readline(size - len(line) if size >= 0 else -1)

    def read(self, size: int = -1) -> bytes:
        """``size`` bytes (all to the end with -1), from the prefix while it lasts."""
        if not self._prefix:
            return self._stream.read(size)
        if size < 0:
            head, self._prefix = self._prefix, b""
            return head + self._stream.read()
        head, self._prefix = self._prefix[:size], self._prefix[size:]
        if len(head) < size:
            head += self._stream.read(size - len(head))
        return head

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Relay:
    """An indexing run's ``send``: messages kept until a receiver is attached, then passed
    on (the kept ones first, in order)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: list[Message] = []
        self._to: Callable[[Message], None] | None = None

    def __call__(self, message: Message) -> None:
        with self._lock:
            if self._to is None:
                self._kept.append(message)
                return
            to = self._to
        to(message)

    def attach(self, to: Callable[[Message], None]) -> None:
        """Pass the kept messages to ``to``, and every later one."""
        with self._lock:
            for message in self._kept:
                to(message)
            self._kept = []
            self._to = to


class EarlyIndex:
    """An indexing run begun from the ``initialize`` message, until the session takes it
    (:meth:`take`) or stops it."""

    def __init__(
        self, plan: session.IndexPlan, choice: Choice, indexer: Indexer, relay: Relay
    ) -> None:
        self.plan = plan
        self.choice = choice
        self.indexer = indexer
        self.relay = relay  # (the indexer's ``send``)

    def take(self, plan: session.IndexPlan, to: Callable[[Message], None]) -> Indexer | None:
        """The run, its messages now going to ``to``, when it reads as ``plan`` would; else
        None, and the run is stopped."""
        if plan != self.plan:
            self.stop()
            return None
        self.relay.attach(to)
        return self.indexer

    def stop(self, wait: float = 10) -> None:
        """Stop the run, waiting for its thread and workers."""
        self.indexer.stop(wait)


def plan_of(message: dict[str, Any]) -> session.IndexPlan | None:
    """What the session that ``message`` (the client's first) begins will index, when it is
    an ``initialize`` that says so itself (its ``initializationOptions``)."""
    params = message.get("params")
    if message.get("method") != "initialize" or not isinstance(params, dict):
        return None
    given = params.get("initializationOptions")
    if not isinstance(given, dict):
        return None
    restricted = given.get("restricted") is True
    options = session.client_options(given, restricted)
    root_uri = params.get("rootUri")
    folders = params.get("workspaceFolders")
    uris = [
        f["uri"]
        for f in (folders if isinstance(folders, list) else [])
        if isinstance(f, dict) and isinstance(f.get("uri"), str)
    ]
    paths = session.client_root(root_uri if isinstance(root_uri, str) else None, uris)
    settings, _ = session.settings_for(session.workspace_root(paths), options, restricted)
    return session.IndexPlan(
        root=settings.root,
        exclude=tuple(settings.exclude),
        cache_dir=session.cache_dir_for(settings, options, restricted),
        jobs=session.requested_jobs(options),
    )


def begin(message: dict[str, Any] | None) -> EarlyIndex | None:
    """Start indexing as the session ``message`` begins will, if it can be known now."""
    if message is None:
        return None
    try:
        plan = plan_of(message)
        if plan is None:
            return None
        from specls.lsp.indexing import Indexer
        from specls.workers import choose_jobs

        choice = choose_jobs(plan.jobs)
        relay = Relay()
        indexer = Indexer(plan.root, list(plan.exclude), plan.cache_dir, choice.jobs, relay)
        indexer.seen = {}  # (files may change before the client's watchers are registered)
        indexer.start()
        return EarlyIndex(plan, choice, indexer, relay)
    except Exception:  # (no early start: the session indexes as it always did)
        return None
