"""The ``specls`` command: the parser, the dispatch to one module per command, the exit."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from types import ModuleType
from typing import NoReturn

from specls import __version__
from specls.cli.common import EXIT_CLEAN, EXIT_ERROR, Parser, held

#: The commands, in the order ``--help`` lists them; each is the module
#: ``specls.cli.<name>``, whose ``add(subparsers)`` declares it and ``run(args)`` runs it.
#: A module is imported only when its command is declared: the hook's process, one per
#: edit, imported all fourteen (``explain``'s rule documents, ``decide``'s writer ...).
COMMANDS = (
    "check",
    "context",
    "hook",
    "serve",
    "rename",
    "schema",
    "explain",
    "rule",
    "init",
    "mcp",
    "infer",
    "decide",
    "fix",
    "drift",
)


def command(name: str) -> ModuleType:
    """The module of the command ``name``."""
    return importlib.import_module(f"specls.cli.{name}")


class _Version(argparse.Action):
    """``--version``: specls's version and its parser's (looked up only when asked)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the versions and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(version_text())
        parser.exit()


def version_text() -> str:
    """``specls 0.1.0 (tree-sitter 0.25.2, tree-sitter-python 0.25.0, Python 3.11.7)``."""
    from importlib import metadata

    parts = []
    for dist in ("tree-sitter", "tree-sitter-python"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist} (not installed)")
    parts.append(f"Python {sys.version.split()[0]}")
    return f"specls {__version__} ({', '.join(parts)})"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, of that command alone (see :func:`main`)."""
    cls = Parser if only is None else _Slim
    parser = cls(prog="specls", description="Keep parallel code consistent with its spec.")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=cls)
    for name in COMMANDS:
        if only is None or name == only:
            command(name).add(sub)
    return parser


class _Retry(Exception):
    """A usage error in the parser of one command: parsed again by the whole parser, which
    says it in its own words (its usage lists every command)."""


class _Slim(Parser):
    """The parser of one command (:func:`build_parser` with ``only``)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Retry(message)


def parse(argv: list[str] | None) -> argparse.Namespace:
    """``argv`` parsed. The 14 commands' arguments take a tenth of a warm check to declare
    (argparse makes a help formatter for each): when the first argument names a command,
    only that command's are declared."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in COMMANDS:
        try:
            return build_parser(args[0]).parse_args(args)
        except _Retry:
            pass
    return build_parser().parse_args(args)


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
    held.clear()  # (a caller that runs several commands frees each in turn)
    try:
        args = parse(argv)
        return command(args.command).run(args)
    except BrokenPipeError:  # `specls check | head`, `specls schema | head`: not an error
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLEAN
