"""``specls schema``: the JSON Schema of the spec file."""

from __future__ import annotations

import argparse

from specls.cli.common import EXIT_CLEAN


def add(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("schema", help="print the JSON Schema of the spec file")


def run(args: argparse.Namespace) -> int:
    """``specls schema``."""
    import json

    from specls.spec.models import json_schema

    print(json.dumps(json_schema(), indent=2))
    return EXIT_CLEAN
