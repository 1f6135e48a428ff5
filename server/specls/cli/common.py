"""What every command shares: exit codes, the argument parser, settings, the held workspace."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from specls.config import ConfigError, Settings, check_codes, find_root, load_settings

#: 0: no findings of warning or error severity; 1: such findings; 2: usage, configuration
#: or internal error (as ruff).
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

#: What the last command made that only its process needs to free, by exiting: the facts of
#: a checked workspace, millions of objects on a large one, that ``entry`` never frees.
held: list[object] = []


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with ``specls: error: ...`` on a usage error."""

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
