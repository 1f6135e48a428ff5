"""``specls hook post-edit|session-start``: the hook coding agents run (see docs/agents.md)."""

from __future__ import annotations

import argparse


def add(sub: argparse._SubParsersAction) -> None:
    hook = sub.add_parser(
        "hook",
        help="answer a coding agent's hook (payload on stdin): findings after an edit, the "
        "decisions at the start of a session",
    )
    hook.add_argument("event", choices=["post-edit", "session-start"])


def run(args: argparse.Namespace) -> int:
    """``specls hook``."""
    from specls.agents.hook import main
    from specls.cli.common import held

    return main(args.event, held)
