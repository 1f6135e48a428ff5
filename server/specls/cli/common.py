"""What every command shares: exit codes, the argument parser, settings, the held workspace."""

from __future__ import annotations

import argparse
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from specls.config import ConfigError, Settings, check_codes, find_root, load_settings

#: 0: no findings of warning or error severity; 1: such findings; 2: usage, configuration
#: or internal error (as ruff).
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

#: What the last command made that only its process needs to free, by exiting: the facts of
#: a checked workspace, millions of objects on a large one, that ``entry`` never frees.
held: list[object] = []


@cache
def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size()`` gives it: ``$COLUMNS``, else
    standard output's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal's width: argparse's own imports
    ``shutil`` to ask it (and with it ``bz2``, ``lzma``, ``fnmatch``), and makes a formatter
    for every argument declared, so every ``specls`` process paid that import."""

    def __init__(self, prog: str, *args: Any, width: int | None = None, **kwargs: Any) -> None:
        super().__init__(
            prog, *args, width=terminal_columns() - 2 if width is None else width, **kwargs
        )


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with ``specls: error: ...`` on a usage error, and whose help
    is formatted by :class:`Formatter` (its subcommands' parsers too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"specls: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def codes(text: str) -> list[str]:
    """``R101,s`` as ``["R101", "S"]``; an unknown code is a usage error (argparse's type)."""
    found = [c.strip().upper() for c in text.split(",") if c.strip()]
    try:
        return check_codes(found, "")
    except ConfigError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def settings_for(first: Path, spec: Path | None) -> Settings:
    """The settings of the workspace holding ``first``; ``spec`` overrides its spec file."""
    root = find_root(first)
    settings = load_settings(root)
    if spec is not None:
        settings.spec = spec.resolve()
    return settings


def error(message: str) -> int:
    """Print ``specls: error: message``; returns :data:`EXIT_ERROR`."""
    print(f"specls: error: {message}", file=sys.stderr)
    return EXIT_ERROR
