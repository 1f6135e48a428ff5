"""``specls serve [--tcp HOST:PORT]``: the language server."""

from __future__ import annotations

import argparse
import sys

from specls.cli.common import EXIT_CLEAN


def add(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="run the language server (stdio)")
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead (debugging)")


def run(args: argparse.Namespace) -> int:
    """``specls serve``: on stdio, the client's first message is read before the protocol
    library is imported, so that indexing can begin meanwhile (:mod:`specls.lsp.early`)."""
    if args.tcp:
        from specls.lsp.server import main as serve

        serve(args.tcp)
        return EXIT_CLEAN
    from specls.lsp.early import Replay, begin, read_first

    stdin = sys.stdin.buffer
    first, message = read_first(stdin)
    early = begin(message)
    from specls.lsp.server import main as serve

    serve(stdin=Replay(first, stdin), early=early)
    return EXIT_CLEAN
