"""``specls explain CODE|ID``: a rule's documentation, or a decision of the spec."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from specls.cli.common import EXIT_CLEAN, EXIT_ERROR, settings_for
from specls.config import ConfigError
from specls.report.formats import display_path
from specls.ruledocs import rule_doc


def add(sub: argparse._SubParsersAction) -> None:
    explain = sub.add_parser("explain", help="explain a rule code or a decision id")
    explain.add_argument("name", help="a rule code (R101) or a decision id")
    explain.add_argument("--spec", type=Path)


def run(args: argparse.Namespace) -> int:
    """``specls explain``."""
    from specls.rules import RULES
    from specls.spec.load import load_spec

    code = args.name.upper()
    if code in RULES:
        doc = rule_doc(code)
        print(doc if doc else f"{code} ({RULES[code].name}): {RULES[code].summary}")
        return EXIT_CLEAN
    try:
        settings = settings_for(Path("."), args.spec)
    except ConfigError as e:
        print(f"specls: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    spec = load_spec(settings.spec) if settings.spec and settings.spec.is_file() else None
    entry = spec.decisions.get(args.name) if spec else None
    if entry is None:
        print(
            f"specls: error: '{args.name}' is neither a rule code nor a decision id",
            file=sys.stderr,
        )
        return EXIT_ERROR
    print(f"{entry.id} ({display_path(str(settings.spec))}:{entry.span.line + 1})")
    for key, value in entry.decision.model_dump(exclude_none=True).items():
        if value not in ([], ""):
            print(f"  {key}: {value}")
    return EXIT_CLEAN
