"""Run the fixtures' own run-time checks: every bug must fail, every ok fixture must run.

A fixture carries its check in trailing comments, invisible to specls::

    # run: q = Queue(); q.push(1)
    # run: q.pop()
    # raises: AttributeError

``run`` lines are executed in the fixture's namespace (for a directory fixture, every module
of the directory imported and their names merged). A ``bug_`` fixture must raise the named
exception; an ``ok_`` fixture must raise nothing.

    python benchmarks/pairs/_run_fixtures.py
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path

PAIRS = Path(__file__).parent


def _load(path: Path, name: str) -> dict:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return dict(vars(module))


def check(fixture: Path) -> tuple[bool | None, str]:
    """True when the check holds, False when not, None for a fixture that carries no check."""
    files = sorted(fixture.glob("*.py")) if fixture.is_dir() else [fixture]
    run, raises = [], None
    for f in files:
        for line in f.read_text("utf-8").splitlines():
            if line.startswith("# run: "):
                run.append(line[len("# run: ") :])
            elif line.startswith("# raises: "):
                raises = line[len("# raises: ") :].strip()
    if not run:
        return None, "no run-time check (an older fixture)"
    namespace: dict = {}
    added = str(fixture) if fixture.is_dir() else None
    if added:
        sys.path.insert(0, added)
    try:
        for f in files:
            namespace.update(_load(f, f.stem))
        exec("\n".join(run), namespace)
    except Exception as exc:  # the point is to see what it raises
        kind = type(exc).__name__
        if fixture.name.startswith("bug_"):
            return kind == raises, f"raised {kind}: {exc}" + (
                "" if kind == raises else f" (expected {raises})"
            )
        return False, "raised " + "".join(traceback.format_exception_only(exc)).strip()
    finally:
        if added:
            sys.path.remove(added)
            for f in files:
                sys.modules.pop(f.stem, None)
    if fixture.name.startswith("bug_"):
        return False, f"ran without error (expected {raises})"
    return True, "ran"


def main() -> int:
    bad = skipped = held = 0
    for fixture in sorted(PAIRS.iterdir()):
        if not fixture.name.startswith(("bug_", "ok_")) or fixture.name.endswith(".pyc"):
            continue
        good, note = check(fixture)
        if good is None:
            skipped += 1
            continue
        held += good
        bad += not good
        print(f"{'ok  ' if good else 'FAIL'}  {fixture.name:<40} {note}")
    print(f"\n{held} checks held, {bad} did not; {skipped} older fixtures carry no check")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
