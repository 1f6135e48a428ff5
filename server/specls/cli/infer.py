"""``specls infer [PATH…]``: the decisions the code already makes, as proposals for the spec.

Prints the TOML it would append (``--format text`` one line each, ``--format json`` the
proposals as data); ``--write`` appends them to the spec through the safe writer, each with
``status = "proposed"`` and, in a git repository, ``since`` (the commit they were inferred
at); ``--diff`` shows that change without writing it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specls.cli.common import EXIT_CLEAN, error, held, settings_for
from specls.config import ConfigError, Settings

if TYPE_CHECKING:
    from specls.engine import Workspace
    from specls.infer import Proposal


def add(sub: argparse._SubParsersAction) -> None:
    infer = sub.add_parser(
        "infer", help="propose the decisions the code already makes (spec.toml entries)"
    )
    infer.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    infer.add_argument(
        "--select",
        type=_kinds,
        help="only these kinds of decision, comma separated "
        "(representation, naming, behaviour, invariant)",
    )
    mode = infer.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="append the proposals to the spec")
    mode.add_argument("--diff", action="store_true", help="print the change to the spec")
    infer.add_argument("--format", choices=["toml", "text", "json"], default="toml")
    infer.add_argument("--spec", type=Path, help="the spec file (default: from the config)")


def _kinds(text: str) -> set[str]:
    from specls.infer import KINDS

    kinds = {k.strip().lower() for k in text.split(",") if k.strip()}
    unknown = kinds - set(KINDS)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown kind {', '.join(sorted(unknown))} (use {', '.join(KINDS)})"
        )
    return kinds


def load(settings: Settings) -> Workspace:
    """Every file of the workspace with its facts (from the cache when it has them)."""
    from specls.cache import Cache
    from specls.run import load_workspace

    cache = (
        Cache(settings.cache_dir, workspace=settings.root)
        if settings.cache_dir is not None
        else None
    )
    try:
        ws = load_workspace(settings, cache)
    finally:
        if cache is not None:
            cache.close()
    held.append(ws)
    for note in ws.notes:
        print(f"specls: {note}", file=sys.stderr)
    return ws


def run(args: argparse.Namespace) -> int:
    """``specls infer``."""
    from specls.infer import Scope, infer
    from specls.spec.record import DecisionError, record_all, since

    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        return error(f"{missing[0]}: no such file or directory")
    try:
        settings = settings_for(args.paths[0], args.spec)
    except ConfigError as e:
        return error(str(e))
    if settings.spec is None:
        return error("no spec file configured")
    ws = load(settings)
    root = settings.root.resolve()
    whole = any(p.resolve() == root for p in args.paths)
    scope = None if whole else Scope.of_paths(ws, args.paths)
    proposals = infer(ws, kinds=args.select, scope=scope)
    stamp = since(settings.root) if (args.write or args.diff or args.format == "toml") else {}
    decisions = [(p.id, {**p.fields, **stamp}) for p in proposals]
    if args.format == "json" and not (args.write or args.diff):
        import json

        print(json.dumps([as_json(p) for p in proposals], indent=2))
        return EXIT_CLEAN
    if not proposals:
        print(
            f"specls: nothing to propose: no decision the code makes is left unrecorded "
            f"({len(ws.files)} files)",
            file=sys.stderr,
        )
        return EXIT_CLEAN
    allowed = frozenset({args.spec.absolute()}) if args.spec is not None else frozenset()
    try:
        recorded, prepared = record_all(
            settings.spec, settings.root, decisions, allowed=allowed, dry_run=not args.write
        )
    except DecisionError as e:
        return error(str(e))
    shown = _shown(settings)
    if args.diff:
        import difflib

        sys.stdout.writelines(
            difflib.unified_diff(
                prepared.old.splitlines(keepends=True),
                prepared.new.splitlines(keepends=True),
                f"a/{shown}",
                f"b/{shown}",
            )
        )
    elif args.write:
        print(
            f"Recorded {len(recorded)} proposed decision{'s' if len(recorded) != 1 else ''} "
            f"in {shown}:"
        )
        for r, p in zip(recorded, proposals, strict=True):
            print(f"  {r.id} ({shown}:{r.line}): {p.describe()}")
        print("Review them: `specls decide list --status proposed`; then")
        print("`specls decide accept ID` or `specls decide reject ID` for each.")
    elif args.format == "text":
        for p in proposals:
            print(f"{p.id}: {p.describe()}")
    else:
        sys.stdout.write(prepared.new[len(_common(prepared.old, prepared.new)) :].lstrip("\n"))
    if not args.write:
        print(
            f"specls: {len(proposals)} proposal{'s' if len(proposals) != 1 else ''}; "
            "`specls infer --write` appends "
            f"{'them' if len(proposals) != 1 else 'it'} to {shown}",
            file=sys.stderr,
        )
    return EXIT_CLEAN


def _common(old: str, new: str) -> str:
    """The part of ``new`` that is ``old`` (the writer appends: all of ``old``)."""
    return old if new.startswith(old) else ""


def _shown(settings: Settings) -> str:
    spec = settings.spec
    assert spec is not None
    try:
        return spec.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return str(spec)


def as_json(p: Proposal) -> dict[str, Any]:
    """A proposal as plain data (``--format json``)."""
    from specls.report.formats import display_path

    return {
        "id": p.id,
        "kind": p.kind,
        "target": p.target,
        "describe": p.describe(),
        "summary": p.summary,
        "rationale": p.rationale,
        "fields": p.fields,
        "evidence": [
            {
                "path": display_path(path),
                "line": span.line + 1,
                "column": span.col + 1,
                "end_line": span.end_line + 1,
                "end_column": span.end_col + 1,
                "what": what,
            }
            for path, span, what in p.evidence
        ],
    }
