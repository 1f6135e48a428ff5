"""Score the value checks (V101-V110) on the adapters in ``benchmarks/values``.

Each folder there is one integration between two systems: ``spec.toml`` holds the value
decisions written from the two sides' descriptions, ``cases.py`` inputs with the outputs the
other side must get, and the adapters, one per file, written in many styles. ``ok_*.py``
adapters are right and must stay silent; each ``bug_*.py`` adapter has one known fault,
named on its first line with the class of failure: ``# expect: V101 silent`` (on some input
the adapter runs and the value is wrong) or ``# expect: V104 loud`` (wherever it is wrong,
it raises). The adapters are our
own (never ClassEval's, nor the "bilateral integration gap" corpus).

    python benchmarks/values.py              # precision and recall of specls
    python benchmarks/values.py --only h_    # on the held-out folders alone
    python benchmarks/values.py --verify     # run the adapters on the cases: are labels true?

Each adapter is checked alone, as its own workspace with its folder's spec. Only value
findings (V1xx) count: a V finding on an ``ok`` file, or one of another code than expected
on a ``bug`` file, is a false finding. ``--verify`` imports and runs the adapters (our own
code, never a workspace's): an ``ok`` adapter must give every case's output, a ``silent`` one
must give a wrong output for some case without raising, a ``loud`` one must raise and never
give a wrong output.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import enum
import importlib.util
import os
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

CORPUS = Path(__file__).parent / "values"


def adapters(only: str = "") -> list[tuple[Path, Path]]:
    """(scenario folder, adapter file) for every adapter (of the folders whose name starts
    with ``only``), in order."""
    out = []
    folders = [p for p in CORPUS.iterdir() if (p / "spec.toml").is_file()]
    for folder in sorted(p for p in folders if p.name.startswith(only)):
        for path in sorted(folder.glob("*.py")):
            if path.name.startswith(("ok_", "bug_")):
                out.append((folder, path))
    return out


def expectation(path: Path) -> tuple[str | None, str | None]:
    """(expected code, failure class) of a ``bug_`` file; (None, None) for an ``ok_`` one."""
    if not path.name.startswith("bug_"):
        return None, None
    first = path.read_text("utf-8").splitlines()[0]
    code, kind = first.split(":", 1)[1].split()
    return code, kind


# -- scoring specls -------------------------------------------------------------------------


def findings_of(folder: Path, path: Path) -> list[tuple[str, int, str]]:
    """Value findings (code, line, message) when the adapter is checked alone with its spec."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "server"))
    from specls.config import Settings
    from specls.run import check_paths

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copyfile(path, root / path.name)
        shutil.copyfile(folder / "spec.toml", root / "spec.toml")
        result = check_paths([root], Settings(root=root, spec=root / "spec.toml"))
        crashes = [n for n in result.notes if "internal error" in n]
        if crashes:
            raise SystemExit(f"{path}: {crashes[0]}")
        return [
            (f.code, f.span.line + 1, f.message)
            for f in result.findings
            if f.code.startswith("V") or f.code == "S001"
        ]


def score(verbose: int, only: str = "") -> int:
    tp = fn = fp = 0
    silent_tp = silent_fn = 0
    per_code: dict[str, list[int]] = {}
    rows = []
    for folder, path in adapters(only):
        expected, kind = expectation(path)
        found = findings_of(folder, path)
        codes = [c for c, _, _ in found]
        name = f"{folder.name}/{path.name}"
        if expected is None:
            fp += len(codes)
            verdict = "ok" if not codes else "FALSE"
        else:
            hit = expected in codes
            tp += hit
            fn += not hit
            if kind == "silent":
                silent_tp += hit
                silent_fn += not hit
            per_code.setdefault(expected, [0, 0])[0 if hit else 1] += 1
            fp += len([c for c in codes if c != expected])
            verdict = (
                "ok" if hit and set(codes) <= {expected} else ("MISSED" if not hit else "EXTRA")
            )
        rows.append(
            (name, expected or "-", kind or "", ",".join(sorted(set(codes))) or "-", verdict)
        )
        if verbose and (verdict != "ok" or verbose > 1):
            for code, line, message in found:
                print(f"  {name}:{line}: {code} {message}")
    width = max(len(r[0]) for r in rows)
    print(f"{'adapter':<{width}}  expect  class   found      verdict")
    for name, expected, kind, found_codes, verdict in rows:
        print(f"{name:<{width}}  {expected:<6}  {kind:<6}  {found_codes:<9}  {verdict}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    silent = silent_tp / (silent_tp + silent_fn) if silent_tp + silent_fn else 1.0
    oks = sum(1 for _, p in adapters(only) if p.name.startswith("ok_"))
    print(f"\n{oks} correct adapters (must stay silent), {tp + fn} faulty ones")
    print(
        "recall per check: "
        + ", ".join(f"{code} {hit}/{hit + miss}" for code, (hit, miss) in sorted(per_code.items()))
    )
    print(
        f"faults found {tp}/{tp + fn} (recall {recall:.2f}; silent failures "
        f"{silent_tp}/{silent_tp + silent_fn}, recall {silent:.2f}); false findings {fp} "
        f"(precision {precision:.2f})"
    )
    return 0


# -- verifying the labels ---------------------------------------------------------------------


def _plain(value: object) -> object:
    """Outputs made comparable: dataclasses and objects as dicts, numbers as floats, dates
    and times as ISO text (instants in UTC), enums as their values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    elif hasattr(type(value), "__record_fields__") and not isinstance(value, type):
        value = {name: getattr(value, name) for name in type(value).__record_fields__}
    elif hasattr(value, "__dict__") and not isinstance(value, type | enum.Enum):
        value = vars(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal | float):
        return round(float(value), 9)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _agrees(got: object, want: object) -> bool:
    got, want = _plain(got), _plain(want)
    if isinstance(got, dict) and isinstance(want, dict):
        return all(k in got and _agrees(got[k], v) for k, v in want.items())
    if isinstance(got, list) and isinstance(want, list):
        return len(got) == len(want) and all(_agrees(g, w) for g, w in zip(got, want, strict=True))
    numeric = (int, float)
    if (
        isinstance(got, numeric)
        and isinstance(want, numeric)
        and bool not in (type(got), type(want))
    ):
        return abs(got - want) < 1e-9
    return type(got) is type(want) and got == want


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def verify() -> int:
    os.environ["TZ"] = "UTC"  # a naive datetime's zone is the machine's: make it one
    time.tzset()
    wrong = 0
    for folder, path in adapters():
        sys.path.insert(0, str(folder))
        try:
            cases = _load(folder / "cases.py", f"cases_{folder.name}")
            module = _load(path, f"adapter_{folder.name}_{path.stem}")
        finally:
            sys.path.pop(0)
        expected, kind = expectation(path)
        outcomes = []  # "right", "wrong" or "raised", per case
        for entry, table in (("adapt", cases.CONSUME), ("produce", cases.PRODUCE)):
            fn = getattr(module, entry, None)
            if fn is None:
                continue
            for given, want in table:
                try:
                    got = fn(dict(given))
                except Exception:  # (a loud failure is an outcome)
                    outcomes.append("raised")
                    continue
                outcomes.append("right" if _agrees(got, want) else "wrong")
        if not outcomes:
            verdict = "NO CASES"
        elif expected is None:
            verdict = "ok" if set(outcomes) == {"right"} else f"NOT OK {outcomes}"
        elif kind == "loud":
            loud = "raised" in outcomes and "wrong" not in outcomes
            verdict = "ok" if loud else f"NOT LOUD {outcomes}"
        else:
            verdict = "ok" if "wrong" in outcomes else f"NOT SILENT {outcomes}"
        wrong += verdict != "ok"
        print(f"{folder.name}/{path.name}: {verdict}")
    print(f"\n{wrong} adapters whose label is not what they do")
    return 1 if wrong else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verify", action="store_true", help="run the adapters on the cases")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="print findings")
    parser.add_argument(
        "--only", default="", metavar="PREFIX", help="only the folders named so (h_: held out)"
    )
    args = parser.parse_args()
    return verify() if args.verify else score(args.verbose, args.only)


if __name__ == "__main__":
    sys.exit(main())
