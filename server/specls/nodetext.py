"""The text of tree-sitter nodes, sliced from the source being extracted.

Slicing the source costs a third less than ``Node.text`` (a copy through a memoryview), and
the extractor and its flow facts ask for node texts hundreds of thousands of times on a large
workspace. :func:`reading` names the source for the duration of one extraction; threads take
turns at it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from tree_sitter import Node

_source = b""  # the source being read, while ``_READING`` is held
_READING = threading.Lock()


@contextmanager
def reading(source: bytes) -> Iterator[None]:
    """Node texts come from ``source`` (the source the nodes were parsed from) meanwhile."""
    global _source
    with _READING:
        _source = source
        try:
            yield
        finally:
            _source = b""


def node_bytes(node: Node) -> bytes:
    """A node's source bytes (``Node.text`` outside :func:`reading`)."""
    return _source[node.start_byte : node.end_byte] if _source else (node.text or b"")


def node_text(node: Node | None) -> str:
    """A node's source text; short texts (names) are interned, as facts repeat them often."""
    if node is None:
        return ""
    # (node_bytes, written out: this is the hottest function of the extractor)
    data = _source[node.start_byte : node.end_byte] if _source else node.text
    if not data:
        return ""
    text = data.decode("utf-8", "replace")
    return _intern(text) if len(text) <= 64 else text


_intern = sys.intern
