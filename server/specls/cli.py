"""The command line: ``specls check``, ``schema``, ``explain`` and ``init``.

Exit codes: 0 no findings of warning or error severity, 1 such findings, 2 usage or
configuration error.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

from specls import __version__
from specls.cache import Cache
from specls.config import ConfigError, Settings, find_root, load_settings
from specls.findings import Severity
from specls.report import FORMATS
from specls.report.formats import display_path, statistics, text_lines
from specls.run import check_paths

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

#: What the last command made that only its process needs to free, by exiting: the facts of
#: a checked workspace, millions of objects on a large one, that :func:`entry` never frees.
_held: list[object] = []


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"specls: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def _codes(text: str) -> list[str]:
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="specls", description="Keep parallel code consistent with its spec.")
    parser.add_argument("--version", action="version", version=f"specls {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check files and directories (default: .)")
    check.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    check.add_argument(
        "--spec",
        type=Path,
        help="the spec file (default: spec.toml found "
        "walking up from the first path, or [tool.specls] spec)",
    )
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.add_argument("--select", type=_codes, help="only these codes or prefixes (R101,S)")
    check.add_argument("--ignore", type=_codes, help="skip these codes or prefixes")
    check.add_argument("--statistics", action="store_true", help="count findings per code")
    check.add_argument("--output", "-o", type=Path, help="write the report to a file")
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument("--cache-dir", type=Path, help="the cache directory (.specls_cache)")
    check.add_argument(
        "-j", "--jobs", type=int, default=0, help="processes for parsing (default: one per core)"
    )

    serve = sub.add_parser("serve", help="run the language server (stdio)")
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead (debugging)")
    rename = sub.add_parser(
        "rename", help="rename a symbol across the workspace (and retarget spec decisions)"
    )
    rename.add_argument("location", help="FILE:LINE:COL of the name, as findings print it")
    rename.add_argument("new_name", help="the new name")
    rename.add_argument("--diff", action="store_true", help="print the change; write nothing")
    rename.add_argument("--spec", type=Path, help="the spec file (default: from the config)")
    sub.add_parser("schema", help="print the JSON Schema of the spec file")
    explain = sub.add_parser("explain", help="explain a rule code or a decision id")
    explain.add_argument("name", help="a rule code (R101) or a decision id")
    explain.add_argument("--spec", type=Path)
    init = sub.add_parser("init", help="create an empty spec.toml here")
    init.add_argument("path", nargs="?", type=Path, default=Path("spec.toml"))
    return parser


def _settings(first: Path, spec: Path | None) -> Settings:
    root = find_root(first)
    settings = load_settings(root)
    if spec is not None:
        settings.spec = spec.resolve()
    return settings


def cmd_check(args: argparse.Namespace) -> int:
    # A check allocates millions of objects (facts) and frees few cycles: with the default
    # thresholds the collector rescans them all again and again (7% of a run on Django).
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:  # (before anything is read or made: a mistyped path creates nothing)
        for p in missing:
            print(f"specls: error: {p}: no such file or directory", file=sys.stderr)
        return EXIT_ERROR
    try:
        settings = _settings(args.paths[0], args.spec)
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
        cache = Cache(cache_dir) if cache_dir is not None else None
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    try:
        result = check_paths(list(args.paths), settings, cache, jobs)
        _held.append(result.workspace)  # freed by exiting (see entry)
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
    if args.format == "text":
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
        report = [FORMATS[args.format](findings)]
    if args.output:
        with args.output.open("w", encoding="utf-8") as out:
            out.writelines(f"{part}\n" for part in report)
    else:
        sys.stdout.writelines(f"{part}\n" for part in report)
    if result.errors and not result.files:
        return EXIT_ERROR
    serious = any(f.severity in (Severity.ERROR, Severity.WARNING) for f in findings)
    return EXIT_FINDINGS if serious else (EXIT_ERROR if result.errors else EXIT_CLEAN)


def rule_doc(code: str) -> str | None:
    """The documentation of a rule, as written in the docs site."""
    try:
        from importlib import resources

        return (resources.files("specls.ruledocs") / f"{code}.md").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None


def cmd_explain(args: argparse.Namespace) -> int:
    from specls.rules import RULES
    from specls.spec.load import load_spec

    code = args.name.upper()
    if code in RULES:
        doc = rule_doc(code)
        print(doc if doc else f"{code} ({RULES[code].name}): {RULES[code].summary}")
        return EXIT_CLEAN
    try:
        settings = _settings(Path("."), args.spec)
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


def cmd_init(args: argparse.Namespace) -> int:
    if args.path.exists():
        print(f"specls: error: {args.path} already exists", file=sys.stderr)
        return EXIT_ERROR
    from specls.spec.write import NEW_FILE_HEADER

    args.path.write_text(NEW_FILE_HEADER, "utf-8")
    print(f"Created {args.path}")
    return EXIT_CLEAN


def entry() -> NoReturn:
    """The ``specls`` command (and ``python -m specls``): :func:`main`, then exit at once.

    A normal exit frees every object of the workspace one by one, tens of milliseconds for
    a large one, after the work is done (mypy exits the same way). Everything that matters
    is closed by then: the cache, the worker processes, and the output streams, flushed
    here. An exception still ends the process the normal way."""
    # a file name that is not UTF-8 is printed as its bytes, not a UnicodeEncodeError
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    except Exception as e:  # a bug in specls: never the exit code that means "findings"
        import traceback

        traceback.print_exc()
        print(
            f"specls: internal error ({type(e).__name__}: {e}); please report it",
            file=sys.stderr,
        )
        code = EXIT_ERROR
    if "logging" in sys.modules:  # (imported only to give a warning)
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):
        # a reader that left (`specls check | head`), or a closed stream
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run the ``specls`` command line; returns the exit code (see :func:`entry`)."""
    _held.clear()  # (a caller that runs several commands frees each in turn)
    args = build_parser().parse_args(argv)
    if args.command == "check":
        try:
            return cmd_check(args)
        except BrokenPipeError:  # `specls check | head`: the reader left; not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_CLEAN
    if args.command == "serve":
        from specls.lsp.server import main as serve

        serve(args.tcp)
        return EXIT_CLEAN
    if args.command == "rename":
        from specls.cli_rename import cmd_rename

        return cmd_rename(args)
    if args.command == "schema":
        import json

        from specls.spec.models import json_schema

        print(json.dumps(json_schema(), indent=2))
        return EXIT_CLEAN
    if args.command == "explain":
        return cmd_explain(args)
    if args.command == "init":
        return cmd_init(args)
    return EXIT_ERROR  # pragma: no cover - argparse rejects unknown commands
