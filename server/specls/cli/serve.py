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

    # (pygls's and lsprotocol's objects frozen once imported; attrs's methods compiled once)
    with collector.building(), kept():
        from specls.lsp.server import main as serve
    serve(args.tcp)
    return EXIT_CLEAN
