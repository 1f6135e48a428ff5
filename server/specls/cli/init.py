"""``specls init [PATH] [--agent NAME…]``: an empty spec file, and the hooks of coding agents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from specls.cli.common import EXIT_CLEAN, EXIT_ERROR, error


def add(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser(
        "init",
        help="create an empty spec.toml here; with --agent, install a coding agent's hook",
    )
    init.add_argument("path", nargs="?", type=Path, default=Path("spec.toml"))
    init.add_argument(
        "--agent",
        action="append",
        choices=["claude", "codex", "cursor", "copilot"],
        help="write this agent's hook configuration and the AGENTS.md section (repeatable)",
    )
    init.add_argument(
        "--hook-command",
        default="specls",
        metavar="CMD",
        help="how the agent runs specls (default: specls, found on its PATH)",
    )


def run(args: argparse.Namespace) -> int:
    """``specls init``."""
    from specls.spec.write import NEW_FILE_HEADER

    if args.path.exists() and not args.agent:
        print(f"specls: error: {args.path} already exists", file=sys.stderr)
        return EXIT_ERROR
    if not args.path.exists():
        args.path.write_text(NEW_FILE_HEADER, "utf-8")
        print(f"Created {args.path}")
    if not args.agent:
        return EXIT_CLEAN
    from specls.agents.setup import SetupError, setup

    root = args.path.absolute().parent
    for agent in dict.fromkeys(args.agent):
        try:
            changes = setup(root, agent, args.path.name, args.hook_command)
        except SetupError as e:
            return error(f"{agent}: {e}")
        for path in changes.written:
            print(f"{agent}: wrote {path.relative_to(root)}")
        for path in changes.unchanged:
            print(f"{agent}: {path.relative_to(root)} already set up")
        for note in changes.notes:
            print(f"{agent}: {note}")
    return EXIT_CLEAN
