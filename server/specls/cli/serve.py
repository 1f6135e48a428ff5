"""``specls serve [--tcp HOST:PORT]``: the language server."""

from __future__ import annotations

import argparse

from specls.cli.common import EXIT_CLEAN


def add(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="run the language server (stdio)")
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead (debugging)")


def run(args: argparse.Namespace) -> int:
    """``specls serve``."""
    from specls import collector
    from specls.lsp.codecache import kept

    # (the collector's thresholds raised to the end of the first indexing: `initialized`)
    collector.begin()
    with kept():  # (attrs's methods for lsprotocol, compiled once)
        from specls.lsp.server import main as serve
    serve(args.tcp)
    return EXIT_CLEAN
