"""``specls rename FILE:LINE:COL NEW``: the rename quick fix, from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from specls.cli.common import EXIT_CLEAN, EXIT_ERROR, settings_for
from specls.config import ConfigError
from specls.report.formats import display_path

if TYPE_CHECKING:
    from specls.rename import RenamePlan


class _Disk:
    """Reads workspace files as UTF-8 text and remembers what it read (to write safely)."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}
        self.texts: dict[str, str | None] = {}

    def __call__(self, path: str) -> str | None:
        if path not in self.texts:
            try:
                from specls.writes import digest

                data = Path(path).read_bytes()
                self.texts[path] = data.decode("utf-8")
                self.digests[path] = digest(data)
            except (OSError, UnicodeDecodeError):
                self.texts[path] = None
        return self.texts[path]


def add(sub: argparse._SubParsersAction) -> None:
    rename = sub.add_parser(
        "rename", help="rename a symbol across the workspace (and retarget spec decisions)"
    )
    rename.add_argument("location", help="FILE:LINE:COL of the name, as findings print it")
    rename.add_argument("new_name", help="the new name")
    rename.add_argument("--diff", action="store_true", help="print the change; write nothing")
    rename.add_argument("--spec", type=Path, help="the spec file (default: from the config)")


def _location(text: str) -> tuple[Path, int, int]:
    file, line, col = text.rsplit(":", 2)
    return Path(file), int(line) - 1, int(col) - 1


def run(args: argparse.Namespace) -> int:
    """Rename the symbol at a location; print what changed (or the diff with ``--diff``)."""
    # (imported here: tomlkit and the writer cost every other command's start-up)
    from specls.cache import Cache
    from specls.rename import RenameError, new_texts, plan_rename
    from specls.run import load_workspace
    from specls.spec.write import SpecWriteError, retarget
    from specls.symbols import symbol_at
    from specls.writes import Planned, WriteError, write_files

    try:
        file, line, col = _location(args.location)
    except ValueError:
        print(f"specls: error: {args.location}: expected FILE:LINE:COL", file=sys.stderr)
        return EXIT_ERROR
    if not file.is_file():
        print(f"specls: error: {file}: no such file", file=sys.stderr)
        return EXIT_ERROR
    try:
        settings = settings_for(file, args.spec)
    except ConfigError as e:
        print(f"specls: error: {e}", file=sys.stderr)
        return EXIT_ERROR
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
    key = next((k for k in ws.files if Path(k).resolve() == file.resolve()), None)
    found = symbol_at(ws.index, key, line, col) if key is not None else None
    if found is None:
        print(
            f"specls: error: {args.location}: no name specls can rename there (point at a "
            "definition, or at `self.name`)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    symbol = found[0]
    disk = _Disk()
    try:
        plan = plan_rename(ws.index, symbol, args.new_name, disk, ws.spec)
    except RenameError as e:
        print(f"specls: error: cannot rename `{symbol.name}`: {e}", file=sys.stderr)
        return EXIT_ERROR
    texts = new_texts(plan, disk)
    spec_path = settings.spec
    if plan.retargets and spec_path is not None:
        spec_text = disk(str(spec_path))
        if spec_text is not None:
            try:
                texts[str(spec_path)] = retarget(spec_text, [(i, t) for i, _, t in plan.retargets])
            except SpecWriteError as e:
                print(f"specls: warning: spec not retargeted: {e}", file=sys.stderr)
    if args.diff:
        import difflib

        for path, new in sorted(texts.items()):
            old = disk(path) or ""
            shown = display_path(path)
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    f"a/{shown}",
                    f"b/{shown}",
                )
            )
    else:
        writes = [
            Planned(Path(path), new.encode("utf-8"), disk.digests.get(path))
            for path, new in sorted(texts.items())
        ]
        named = frozenset({args.spec.absolute()}) if args.spec is not None else frozenset()
        try:
            write_files(writes, settings.root, named)
        except (WriteError, OSError) as e:
            print(f"specls: error: {e}; no file was changed", file=sys.stderr)
            return EXIT_ERROR
    sys.stdout.flush()
    _summary(plan, args.diff)
    return EXIT_CLEAN


def _summary(plan: RenamePlan, dry: bool) -> None:
    verb = "Would rename" if dry else "Renamed"
    files = len(plan.edits)
    out = sys.stderr if dry else sys.stdout
    print(
        f"{verb} {plan.symbol.describe()} to `{plan.new_name}`: {plan.count} "
        f"edit{'s' if plan.count != 1 else ''} in {files} file{'s' if files != 1 else ''}.",
        file=out,
    )
    for ident, old, new in plan.retargets:
        print(f"Decision `{ident}`: target `{old}` -> `{new}`.", file=out)
    for path, span in plan.unsure:
        print(
            f"{display_path(path)}:{span.line + 1}:{span.col + 1}: not renamed: specls cannot "
            "tell the class of the value; check it by hand",
            file=out,
        )
    for path in plan.skipped:
        print(f"{display_path(path)}: not renamed: the file has a syntax error", file=out)
