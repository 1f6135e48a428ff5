"""``specls check [PATH…]``: findings of files and directories, in a report format."""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from specls import collector
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
from specls.cli.progress import progress_line
from specls.config import ConfigError, Overrides, Settings
from specls.findings import Finding, Severity
from specls.report import FORMATS
from specls.report.formats import display_path, statistics, statistics_json
from specls.report.text import Style, concise_lines, full_lines, summary, use_colour
from specls.run import CheckResult, check_edited, check_paths
from specls.workers import Choice, choose_jobs

#: The names ``--output-format`` takes (``text`` is ``concise``, its name before).
TEXT_FORMATS = ("concise", "full", "text")


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
        "--output-format",
        "--format",
        dest="format",
        choices=[*TEXT_FORMATS, *sorted(FORMATS.keys() - {"text"}), "agent"],
        default=None,
        help="concise (default; also called text), full (with the source line), json, sarif, "
        "github, or agent (chosen by itself when a coding agent runs specls; an explicit "
        "format always wins)",
    )
    check.add_argument(
        "--stdin-filename",
        type=Path,
        metavar="PATH",
        help="with the path -: check the text on stdin as if it were PATH (unsaved text)",
    )
    check.add_argument("--select", type=codes, help="only these codes or prefixes (R101,S), or ALL")
    check.add_argument("--ignore", type=codes, help="skip these codes or prefixes")
    check.add_argument(
        "--statistics", action="store_true", help="print only the count of findings per code"
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print the findings and nothing else"
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    check.add_argument("--output", "-o", type=Path, help="write the report to a file")
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument("--cache-dir", type=Path, help="the cache directory (.specls_cache)")
    check.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        help="processes for parsing (default: one per CPU the machine has free now)",
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="say on stderr which settings, spec, cache and processes were used",
    )


def verbose(settings: Settings, cache: Cache | None, choice: Choice) -> None:
    """What ``--verbose`` says before a check: where its settings came from, and why."""
    say = functools.partial(print, file=sys.stderr)
    say(f"specls: root {settings.root}")
    pyproject = settings.root / "pyproject.toml"
    say(f"specls: settings {pyproject if pyproject.is_file() else 'defaults (no pyproject.toml)'}")
    say(f"specls: spec {settings.spec if settings.spec else 'none'}")
    say(f"specls: cache {cache.directory if cache is not None else 'off'}")
    say(f"specls: processes {choice.reason}")
    if choice.jobs > 1:
        from specls.engine import PARALLEL_CLASSES

        say(
            f"specls: rules: in a first check of {PARALLEL_CLASSES} classes or more, the"
            " classes' rules are shared with a forked process"
        )


def run(args: argparse.Namespace) -> int:
    """``specls check``."""
    collector.for_a_run()  # (millions of facts, no cycles: see specls.collector)
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
    if not stdin:
        named = len(args.paths)
        args.paths = [p for p in args.paths if _checkable(p)]
        if not args.paths:
            return error(
                "nothing to check: "
                + ("that is" if named == 1 else "those are")
                + " not Python (.py or .pyi) files"
            )
    try:
        first = args.paths[0]
        settings = settings_for(first if first.exists() else first.absolute().parent, args.spec)
    except ConfigError as e:
        return error(str(e))
    if args.spec is not None and not args.spec.is_file():
        return error(f"{args.spec}: no such spec file")
    overrides = Overrides(args.spec, args.select or [], args.ignore or [])
    overrides.apply(settings)
    cache = None
    if not args.no_cache:
        cache_dir = args.cache_dir.resolve() if args.cache_dir else settings.cache_dir
        cache = Cache(cache_dir, workspace=settings.root) if cache_dir is not None else None
    choice = choose_jobs(args.jobs)
    jobs = choice.jobs
    if args.verbose:
        verbose(settings, cache, choice)
    fmt, why = args.format, ""
    if fmt is None:
        agent = running_agent()
        fmt, why = ("agent", f"{agent[1]} is set") if agent else ("concise", "")
    fmt = "concise" if fmt == "text" else fmt
    progress = None if args.quiet or fmt == "agent" else progress_line(sys.stderr)
    try:
        if stdin:
            result = check_edited(list(stdin), settings, cache, stdin)
        else:
            result = check_paths(list(args.paths), settings, cache, jobs, overrides, progress)
        held.append(result.workspace)  # freed by exiting (see entry)
    except ConfigError as e:  # (the settings of a package below the first path)
        return error(str(e))
    finally:
        if progress is not None:
            progress.close()
        if cache is not None:
            cache.close()
    if not args.quiet:
        for note in result.notes:
            print(f"specls: {note}", file=sys.stderr)
    for err in result.errors:
        print(f"specls: error: {err}", file=sys.stderr)
    if not result.files and not result.errors and not args.quiet:
        shown = ", ".join(str(p) for p in args.paths)
        print(f"specls: warning: no Python files found in {shown}", file=sys.stderr)
    findings = result.findings
    if args.spec is None:
        specs = {*result.specs, *([str(settings.spec)] if settings.spec else [])}
        for f in findings:
            if f.path in specs:
                f.path = display_path(f.path)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        out.writelines(
            f"{part}\n" for part in _report(args, fmt, why, findings, result, settings, stdin, out)
        )
    finally:
        if args.output:
            out.close()
    if result.errors and not result.files:
        return EXIT_ERROR
    if _rule_failed(result):  # (its findings are missing: never "all checks passed")
        print("specls: error: a rule failed (see above); please report it", file=sys.stderr)
        return EXIT_ERROR
    serious = any(f.severity in (Severity.ERROR, Severity.WARNING) for f in findings)
    if serious and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_ERROR if result.errors else EXIT_CLEAN


def _rule_failed(result: CheckResult) -> bool:
    return any(note.startswith("internal error in rule") for note in result.notes)


def _report(
    args: argparse.Namespace,
    fmt: str,
    why: str,
    findings: list[Finding],
    result: CheckResult,
    settings: Settings,
    stdin: dict[Path, bytes],
    out: IO[str],
) -> Iterable[str]:
    """The report's parts, a line at a time for text (a large workspace's report is
    megabytes, and the workspace is still in memory, left for the exit to free)."""
    if args.statistics:
        return [statistics_json(findings) if fmt == "json" else statistics(findings)]
    if fmt == "agent":
        return [_agent_report(findings, result, settings, why)]
    if fmt not in ("concise", "full"):
        return [FORMATS[fmt](findings)]
    style = Style(use_colour(out) if out is sys.stdout else False)
    if fmt == "full":
        lines = full_lines(findings, _source_lines(stdin), style)
    else:
        lines = concise_lines(findings, style)
    tail = [] if args.quiet or _rule_failed(result) else [summary(findings, result.files)]
    return itertools.chain(lines, tail)


def _checkable(path: Path) -> bool:
    """Whether a path named to be checked is a directory or a Python file (``.py``,
    ``.pyi``, or no suffix and a ``python`` shebang); else it is named on stderr."""
    if not path.is_file() or path.suffix in (".py", ".pyi"):
        return True
    if not path.suffix:
        try:
            with path.open("rb") as f:
                if f.read(2) == b"#!" and b"python" in f.readline(200):
                    return True
        except OSError:
            pass
    print(f"specls: {path}: not a Python file (.py or .pyi); not checked", file=sys.stderr)
    return False


def _source_lines(stdin: dict[Path, bytes]) -> Callable[[str], list[str] | None]:
    """The lines of a file the findings are in (the text on stdin for that file)."""
    from functools import cache

    from specls.discovery import read_source
    from specls.text import normalized

    given = {str(p): data for p, data in stdin.items()}

    @cache
    def lines(path: str) -> list[str] | None:
        data = normalized(given[path]) if path in given else read_source(Path(path)).data
        if data is None:
            return None
        return [line.rstrip("\r") for line in data.decode("utf-8", "replace").split("\n")]

    return lines


def _agent_report(findings: list, result: CheckResult, settings: Settings, why: str) -> str:
    """``--format agent``: with the spec, to say each decision's value and line."""
    from specls.report.agent import to_agent

    spec = result.workspace.spec if result.workspace is not None else None
    if spec is None and settings.spec is not None and settings.spec.is_file():
        from specls.spec.load import load_spec

        spec = load_spec(settings.spec)
    name = display_path(str(settings.spec)) if settings.spec is not None else "spec.toml"
    return to_agent(findings, spec, name, why)
