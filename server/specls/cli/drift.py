"""``specls drift [--since REF]``: decisions whose governed code changed since they were made.

A review prompt, not a verdict: "code governed by `cart-lines` changed in 3 places since it
was accepted at 4f2c9e1; check it still holds", with the changed lines. Exit 0 (with
``--exit-code``, 1 when something drifted), 2 when there is no git repository to read or
the revision is not a commit of it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from specls.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, error, settings_for
from specls.config import ConfigError


def add(sub: argparse._SubParsersAction) -> None:
    drift = sub.add_parser(
        "drift", help="decisions whose code changed since the commit they were made at"
    )
    drift.add_argument(
        "--since",
        metavar="REF",
        help="compare every decision with this commit (default: each decision's `since`)",
    )
    drift.add_argument("--format", choices=("text", "json"), default="text")
    drift.add_argument(
        "--exit-code", action="store_true", help="exit 1 when the code of a decision changed"
    )
    drift.add_argument("--spec", type=Path, help="the spec file (default: from the config)")
    drift.add_argument("ids", nargs="*", metavar="ID", help="only these decisions")


def run(args: argparse.Namespace) -> int:
    """``specls drift``."""
    from specls.cli.infer import load
    from specls.drift import drift
    from specls.report.formats import display_path

    try:
        settings = settings_for(Path.cwd(), args.spec)
    except ConfigError as e:
        return error(str(e))
    if settings.spec is None or not settings.spec.is_file():
        return error(f"{settings.spec}: no spec file (`specls init` makes one)")
    ws = load(settings)
    report = drift(ws, since=args.since, ids=set(args.ids) if args.ids else None)
    if report.note is not None:
        return error(f"drift: {report.note}")
    unknown = sorted(set(args.ids) - {d.entry.id for d in report.drifts} - set(report.undated))
    unknown = [i for i in unknown if i not in report.skipped]
    if unknown:
        return error(f"no enforced decision `{unknown[0]}` in the spec")
    shown = display_path(str(settings.spec))
    moved = [d for d in report.drifts if d.state == "changed"]
    if args.format == "json":
        import json

        print(json.dumps(_json(report, shown, display_path), indent=2))
    else:
        for d in report.drifts:
            if d.state == "unchanged":
                continue
            print(f"{d.entry.id} ({shown}:{d.entry.span.line + 1}): {d.message()}")
            for p in d.places:
                lines = f"{p.start + 1}" if p.start == p.end else f"{p.start + 1}-{p.end + 1}"
                print(f"  {display_path(p.path)}:{lines}")
        same = sum(1 for d in report.drifts if d.state == "unchanged")
        tail = [f"{len(moved)} of {len(report.drifts)} dated decisions changed"]
        if same:
            tail.append(f"{same} unchanged")
        if report.undated:
            tail.append(f"{len(report.undated)} without `since` (pass --since REF to compare them)")
        print(f"{'; '.join(tail)}.", file=sys.stderr)
    return EXIT_FINDINGS if moved and args.exit_code else EXIT_CLEAN


def _json(report: Any, shown: str, display_path: Any) -> dict[str, Any]:
    return {
        "decisions": [
            {
                "id": d.entry.id,
                "where": f"{shown}:{d.entry.span.line + 1}",
                "since": d.since,
                "state": d.state,
                "message": d.message(),
                "changes": [
                    {"path": display_path(p.path), "start_line": p.start + 1, "end_line": p.end + 1}
                    for p in d.places
                ],
            }
            for d in report.drifts
        ],
        "undated": report.undated,
        "skipped": report.skipped,
    }


__all__ = ["EXIT_ERROR", "add", "run"]
