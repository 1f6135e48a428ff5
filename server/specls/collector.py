"""The garbage collector's settings while facts are built by the million.

Facts hold no reference cycles (they are freed by reference counts alone), but CPython's
collector cannot know that: with its default thresholds it scans them again and again while
they are built (7% of a cold check of Django; 0.3 s of the language server's cold start on
it, in pauses of up to 0.12 s), and a full collection after the build scans all of them (a
pause of about 0.1 s in the middle of a keystroke, in a workspace of Django's size). So:

- a one-shot run (:func:`for_a_run`) freezes what its imports made and raises the thresholds
  for good: it ends before cyclic garbage could matter;
- a long-lived process (the language server) raises them from its start to the end of its
  indexing (:func:`begin` and :func:`end`: its imports, pygls's and
  lsprotocol's, 140 collections otherwise, 2.6% of their instructions; pydantic's models at
  ``initialize``; the facts), then freezes what it made: the collector goes back to its
  thresholds and scans only what is made after, such as a keystroke's objects. Frozen facts
  replaced later are still freed, by reference counts.
"""

from __future__ import annotations

import gc

#: Collections of the youngest generation after this many allocations (not 700), of the
#: middle one after 50 of those, of the oldest after 100 of the middle one's.
BULK = (100_000, 50, 100)

_depth = 0
_before: tuple[int, int, int] = gc.get_threshold()


def for_a_run() -> None:
    """For a one-shot run: what exists now (imports) frozen, the thresholds raised."""
    gc.freeze()
    gc.set_threshold(*BULK)


def begin() -> None:
    """A bulk build begins: what exists frozen, the thresholds raised (see :func:`end`).
    Begun and ended on one thread (``specls serve``'s main thread, its event loop)."""
    global _depth, _before
    if _depth == 0:
        _before = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(*BULK)
    _depth += 1


def end() -> None:
    """A bulk build :func:`begin` began ends: when it is the last, what it made is frozen
    and the thresholds are set back. Without a build begun, nothing happens."""
    global _depth
    if _depth == 0:
        return
    _depth -= 1
    if _depth == 0:
        gc.freeze()
        gc.set_threshold(*_before)
