"""``specls fix FILE:LINE[:COL]``: apply a fix a finding offers, as the editor's quick fix does.

The findings at that place (all codes, or ``--code``) are computed on the whole workspace;
their fixes are numbered as ``--list`` prints them, then suppressing each on its line.
With one fix offered (suppressions aside) it is applied; with several, ``--choose N`` picks
one. ``--diff`` prints the change instead of writing it. Every file is written through the
safe writer, all or none; a decision written in a git repository carries ``since``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from specls.cli.common import EXIT_CLEAN, EXIT_ERROR, codes, error, settings_for
from specls.config import ConfigError


def add(sub: argparse._SubParsersAction) -> None:
    fix = sub.add_parser("fix", help="apply a fix a finding offers (as the editor's quick fix)")
    fix.add_argument("location", help="FILE:LINE[:COL] of the finding, as check prints it")
    fix.add_argument("--code", type=codes, help="only findings with these codes (R101,N102)")
    fix.add_argument("--choose", type=int, metavar="N", help="apply the N-th fix of --list")
    fix.add_argument("--list", action="store_true", help="list the fixes offered; write nothing")
    fix.add_argument("--diff", action="store_true", help="print the change; write nothing")
    fix.add_argument("--spec", type=Path, help="the spec file (default: from the config)")


def _location(text: str) -> tuple[Path, int, int | None]:
    parts = text.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return Path(parts[0]), int(parts[1]), int(parts[2])
    file, line = text.rsplit(":", 1)
    return Path(file), int(line), None


def run(args: argparse.Namespace) -> int:
    """``specls fix``."""
    from specls.applyfix import FixError, options, plan
    from specls.cli.infer import load
    from specls.report.formats import display_path
    from specls.spec.record import since
    from specls.writes import Planned, WriteError, write_files

    try:
        file, line, col = _location(args.location)
    except ValueError:
        return error(f"{args.location}: expected FILE:LINE or FILE:LINE:COL")
    if not file.is_file():
        return error(f"{file}: no such file")
    try:
        settings = settings_for(file, args.spec)
    except ConfigError as e:
        return error(str(e))
    ws = load(settings)
    real = file.resolve()
    findings = [
        f
        for f in ws.findings()
        if Path(f.path).resolve() == real
        and f.span.line + 1 == line
        and (col is None or f.span.col + 1 <= col <= max(f.span.end_col + 1, f.span.col + 1))
        and (not args.code or any(f.code.startswith(c) for c in args.code))
    ]
    if not findings:
        return error(
            f"{args.location}: no finding there" + (" with that code" if args.code else "")
        )
    offered = options(findings, settings.spec)
    real_fixes = [i for i, o in enumerate(offered) if o.fix is not None]
    if args.list:
        _print_options(offered, display_path)
        return EXIT_CLEAN
    if args.choose is not None:
        if not 1 <= args.choose <= len(offered):
            return error(f"--choose {args.choose}: there are {len(offered)} fixes (see --list)")
        chosen = offered[args.choose - 1]
    elif len(real_fixes) == 1:
        chosen = offered[real_fixes[0]]
    else:
        _print_options(offered, display_path, sys.stderr)
        what = "no fix but suppressing" if not real_fixes else f"{len(real_fixes)} fixes"
        return error(f"{args.location}: {what}; choose one with --choose N")
    extra = since(settings.root) if chosen.fix is not None and chosen.fix.decision else {}
    try:
        planned = plan(chosen, ws, extra)
    except FixError as e:
        return error(str(e))
    changed = [c for c in planned.changes if c.old != c.new]
    if args.diff:
        import difflib

        for c in changed:
            shown = display_path(str(c.path))
            sys.stdout.writelines(
                difflib.unified_diff(
                    c.old.splitlines(keepends=True),
                    c.new.splitlines(keepends=True),
                    f"a/{shown}",
                    f"b/{shown}",
                )
            )
        return EXIT_CLEAN
    named = frozenset({args.spec.absolute()}) if args.spec is not None else frozenset()
    try:
        write_files(
            [Planned(c.path, c.new.encode("utf-8"), c.seen) for c in changed], settings.root, named
        )
    except (WriteError, OSError) as e:
        return error(f"{e}; no file was changed")
    files = ", ".join(display_path(str(c.path)) for c in changed)
    print(f"Applied '{chosen.title}': {'; '.join(planned.said)} ({files}).")
    return EXIT_CLEAN


def _print_options(offered: list, display_path, out=None) -> None:  # type: ignore[no-untyped-def]
    out = out or sys.stdout
    for n, o in enumerate(offered, 1):
        f = o.finding
        where = f"{display_path(f.path)}:{f.span.line + 1}:{f.span.col + 1}"
        print(f"{n}. [{o.kind}] {o.title}  ({f.code} at {where})", file=out)


__all__ = ["EXIT_ERROR", "add", "run"]
