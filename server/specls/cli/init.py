"""``specls init [PATH]``: an empty spec file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from specls.cli.common import EXIT_CLEAN, EXIT_ERROR


def add(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser("init", help="create an empty spec.toml here")
    init.add_argument("path", nargs="?", type=Path, default=Path("spec.toml"))


def run(args: argparse.Namespace) -> int:
    """``specls init``."""
    if args.path.exists():
        print(f"specls: error: {args.path} already exists", file=sys.stderr)
        return EXIT_ERROR
    from specls.spec.write import NEW_FILE_HEADER

    args.path.write_text(NEW_FILE_HEADER, "utf-8")
    print(f"Created {args.path}")
    return EXIT_CLEAN
