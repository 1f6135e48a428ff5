"""``specls check [PATH…]``: findings of files and directories, in a report format."""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from specls.agentenv import running_agent
from specls.cache import Cache
from specls.cli.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    codes,
    error,
    held,
    settings_for,
)
from specls.config import ConfigError, Settings
from specls.findings import Severity
from specls.report import FORMATS
from specls.report.formats import display_path, statistics, text_lines
from specls.run import CheckResult, check_edited, check_paths


def add(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check", help="check files and directories (default: .)")
    check.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    check.add_argument(
        "--spec",
        type=Path,
        help="the spec file (default: spec.toml found "
        "walking up from the first path, or [tool.specls] spec)",
    )
    check.add_argument(
        "--format",
        choices=sorted([*FORMATS, "agent"]),
        default=None,
        help="text (default), json, sarif, github, or agent (chosen by itself when a coding "
        "agent runs specls; an explicit --format always wins)",
    )
    check.add_argument(
        "--stdin-filename",
        type=Path,
        metavar="PATH",
        help="with the path -: check the text on stdin as if it were PATH (unsaved text)",
    )
    check.add_argument("--select", type=codes, help="only these codes or prefixes (R101,S)")
    check.add_argument("--ignore", type=codes, help="skip these codes or prefixes")
    check.add_argument("--statistics", action="store_true", help="count findings per code")
    check.add_argument("--output", "-o", type=Path, help="write the report to a file")
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument("--cache-dir", type=Path, help="the cache directory (.specls_cache)")
    check.add_argument(
        "-j", "--jobs", type=int, default=0, help="processes for parsing (default: one per core)"
    )


def run(args: argparse.Namespace) -> int:
    """``specls check``."""
    # A check allocates millions of objects (facts) and frees few cycles: with the default
    # thresholds the collector rescans them all again and again (7% of a run on Django).
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    stdin: dict[Path, bytes] = {}
    if args.paths == [Path("-")] or args.stdin_filename is not None:
        if args.paths != [Path("-")] or args.stdin_filename is None:
            return error("check text from stdin with: specls check --stdin-filename PATH -")
        stdin[args.stdin_filename.absolute()] = sys.stdin.buffer.read()
        args.paths = [args.stdin_filename]
    missing = [p for p in args.paths if not os.path.lexists(p) and p.absolute() not in stdin]
    if missing:  # (before anything is read or made: a mistyped path creates nothing)
        for p in missing:
            print(f"specls: error: {p}: no such file or directory", file=sys.stderr)
        return EXIT_ERROR
    try:
        first = args.paths[0]
        settings = settings_for(first if first.exists() else first.absolute().parent, args.spec)
    except ConfigError as e:
        print(f"specls: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    if args.spec is not None and not args.spec.is_file():
        print(f"specls: error: {args.spec}: no such spec file", file=sys.stderr)
        return EXIT_ERROR
    if args.select:
        settings.select = args.select
    if args.ignore:
        settings.ignore = [*settings.ignore, *args.ignore]
    cache = None
    if not args.no_cache:
        cache_dir = args.cache_dir.resolve() if args.cache_dir else settings.cache_dir
        cache = Cache(cache_dir, workspace=settings.root) if cache_dir is not None else None
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    try:
        if stdin:
            result = check_edited(list(stdin), settings, cache, stdin)
        else:
            result = check_paths(list(args.paths), settings, cache, jobs)
        held.append(result.workspace)  # freed by exiting (see entry)
    finally:
        if cache is not None:
            cache.close()
    for note in result.notes:
        print(f"specls: {note}", file=sys.stderr)
    for err in result.errors:
        print(f"specls: error: {err}", file=sys.stderr)
    findings = result.findings
    if args.spec is None and settings.spec is not None:
        for f in findings:
            if f.path == str(settings.spec):
                f.path = display_path(f.path)
    # (text is written a line at a time: a large workspace's report is megabytes, and the
    # workspace is still in memory, left for the exit to free)
    report: Iterable[str]
    fmt, why = args.format, ""
    if fmt is None:
        agent = running_agent()
        fmt, why = ("agent", f"{agent[1]} is set") if agent else ("text", "")
    if fmt == "agent":
        report = [_agent_report(findings, result, settings, why)]
    elif fmt == "text":
        summary = (
            f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} "
            f"in {result.files} file{'s' if result.files != 1 else ''}."
            if findings
            else f"All checks passed ({result.files} files)."
        )
        tail = [statistics(findings)] if args.statistics and findings else []
        report = itertools.chain(text_lines(findings), tail, [summary])
    else:
        if args.statistics:
            print(statistics(findings), file=sys.stderr)
        report = [FORMATS[fmt](findings)]
    if args.output:
        with args.output.open("w", encoding="utf-8") as out:
            out.writelines(f"{part}\n" for part in report)
    else:
        sys.stdout.writelines(f"{part}\n" for part in report)
    if result.errors and not result.files:
        return EXIT_ERROR
    serious = any(f.severity in (Severity.ERROR, Severity.WARNING) for f in findings)
    return EXIT_FINDINGS if serious else (EXIT_ERROR if result.errors else EXIT_CLEAN)


def _agent_report(findings: list, result: CheckResult, settings: Settings, why: str) -> str:
    """``--format agent``: with the spec, to say each decision's value and line."""
    from specls.report.agent import to_agent

    spec = result.workspace.spec if result.workspace is not None else None
    if spec is None and settings.spec is not None and settings.spec.is_file():
        from specls.spec.load import load_spec

        spec = load_spec(settings.spec)
    name = display_path(str(settings.spec)) if settings.spec is not None else "spec.toml"
    return to_agent(findings, spec, name, why)
