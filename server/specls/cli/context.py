"""``specls context TARGET…``: the decisions that govern some code, before it is changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from specls.cli.common import EXIT_CLEAN, error, settings_for
from specls.config import ConfigError


def add(sub: argparse._SubParsersAction) -> None:
    context = sub.add_parser(
        "context",
        help="the decisions that govern a file, line, directory or symbol (for a writer)",
        description="Print the decisions that govern TARGET (a file, FILE:LINE, a directory, "
        "or a dotted symbol such as shop.cart.Cart), with their decided values, then what the "
        "code there already decides that no decision records.",
    )
    context.add_argument("targets", nargs="+", metavar="TARGET")
    context.add_argument("--format", choices=["markdown", "json"], default="markdown")
    context.add_argument(
        "--max-chars", type=int, default=6000, help="a budget for the Markdown (default 6000)"
    )
    context.add_argument("--no-implicit", action="store_true", help="only recorded decisions")
    context.add_argument("--spec", type=Path, help="the spec file (default: from the config)")


def run(args: argparse.Namespace) -> int:
    """``specls context``."""
    from specls.cache import Cache
    from specls.context import TargetError, as_json, gather, markdown
    from specls.run import load_workspace

    first = args.targets[0].rsplit(":", 1)[0] if ":" in args.targets[0] else args.targets[0]
    try:
        settings = settings_for(Path(first) if Path(first).exists() else Path("."), args.spec)
    except ConfigError as e:
        return error(str(e))
    cache = Cache(settings.cache_dir, workspace=settings.root) if settings.cache_dir else None
    try:
        ws = load_workspace(settings, cache)
    finally:
        if cache is not None:
            cache.close()
    try:
        ctx = gather(ws, list(args.targets), implicit_too=not args.no_implicit)
    except TargetError as e:
        return error(str(e))
    if args.format == "json":
        import json

        print(json.dumps(as_json(ctx), indent=2))
    else:
        sys.stdout.write(markdown(ctx, max(args.max_chars, 200)))
    return EXIT_CLEAN
