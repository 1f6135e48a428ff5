"""How facts say the use of a call's result in words (``CallUse.use``): written by the
extractor (:mod:`specls.extract.uses`), read by the rules, which must not import the
extractor (nor tree-sitter) to read facts that came from the cache."""

from __future__ import annotations

#: How a use says the number of names a result is unpacked into.
UNPACKED_INTO = "unpacked into "
#: How a use says a result is indexed by a str key.
STR_KEY = "indexed by the str key "


def unpacked_count(use: str) -> int | None:
    """The number of names a use unpacks a result into (as ``extract.uses.unpacked`` says)."""
    _, found, rest = use.partition(UNPACKED_INTO)
    head = rest.split(" ", 1)[0]
    return int(head) if found and head.isdigit() else None
