"""``specls mcp``: the MCP server over stdio (needs the extra: ``pip install 'specls[mcp]'``)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add(sub: argparse._SubParsersAction) -> None:
    mcp = sub.add_parser("mcp", help="run the Model Context Protocol server (stdio) for agents")
    mcp.add_argument("--root", type=Path, help="the workspace (default: the current directory)")


def run(args: argparse.Namespace) -> int:
    """``specls mcp``."""
    from specls.mcp.server import main

    return main(args.root)
