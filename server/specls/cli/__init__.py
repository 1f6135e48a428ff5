"""The ``specls`` command line: one module per command (``check``, ``rename`` …), each with
``add`` (its arguments) and ``run`` (its work), dispatched by :mod:`specls.cli.main`.

Exit codes: 0 no findings of warning or error severity, 1 such findings, 2 usage,
configuration or internal error.
"""

from __future__ import annotations

from typing import Any

from specls.cli.main import build_parser, entry, main

__all__ = ["build_parser", "entry", "main", "rule_doc"]


def __getattr__(name: str) -> Any:
    """``rule_doc``, imported when first asked for (not by every command)."""
    if name == "rule_doc":
        from specls.cli.explain import rule_doc

        return rule_doc
    raise AttributeError(f"module 'specls.cli' has no attribute {name!r}")
