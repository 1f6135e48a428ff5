"""A progress line on stderr while a long cold check parses: only on a terminal, only once
the run has taken a while, rewritten in place and cleared at the end."""

from __future__ import annotations

import time
from typing import IO

#: Seconds a run goes before its progress shows (a short run never flickers a line).
DELAY = 1.0
#: Seconds between two updates of the line.
_EVERY = 0.1


class ProgressLine:
    """Called with ``(files parsed, files to parse)``; :meth:`close` clears the line."""

    def __init__(self, stream: IO[str], delay: float | None = None) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.shown = False
        self._next = self.start + (DELAY if delay is None else delay)

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + _EVERY
        self.stream.write(f"\rspecls: parsing {done}/{total} files\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def progress_line(stream: IO[str]) -> ProgressLine | None:
    """A progress line on ``stream`` if it is a terminal (never into a file or a pipe)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return None
    return ProgressLine(stream) if tty else None
