"""Score the detector on the two-writer fixtures in ``benchmarks/pairs``.

Each ``bug_*`` fixture is code written by two hands with one known fault, named on its first
line (``# expect: R101``); each ``ok_*`` fixture is consistent and must stay silent. A
fixture is a ``.py`` file, or a directory of ``.py`` files checked together as one workspace
(the headers sit at the top of one of its files). The fixtures are our own (ClassEval is
reserved for independent evaluation).

Headers, in the leading comment lines::

    # expect: R101              (bug fixtures only)
    # kind: merge, class: 3     (merge: a class merged from two writers' halves;
                                 flip: one method of a consistent class flipped)
    # why: one sentence on the fault (or, for ok fixtures, on why it is right)

The classes are the seven classes of conflict of issue 19 (1 parameters' docstring types and
defaults, 2 returns, 3 other classes' attributes, 4 use against use, 5 list writes that always
fail, 6 value kinds, 7 containers read as what they do not yield). Older fixtures carry no
kind or class and count as class "-".

A bug is found when its expected code is among the findings; every other finding on a bug
fixture, and every finding on an ok fixture, is a false finding. Recall and precision are
printed overall, per class and per kind.

    python benchmarks/recall.py [--verbose] [--only SUBSTRING]

``--verbose`` prints every finding (code, file, line, message) under its fixture.
``benchmarks/pairs/_run_fixtures.py`` runs each fixture's own run-time check.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from specls.config import Settings
from specls.run import check_paths

PAIRS = Path(__file__).parent / "pairs"
CLASSES = ("1", "2", "3", "4", "5", "6", "7", "-")
CLASS_NAMES = {
    "1": "parameters (docstring types, defaults)",
    "2": "returns",
    "3": "other classes' attributes",
    "4": "use against use",
    "5": "list writes that always fail",
    "6": "value kinds",
    "7": "containers read as what they do not yield",
    "-": "older fixtures (no header)",
}


@dataclass
class Fixture:
    path: Path
    bug: bool
    expected: str = "-"
    kind: str = "-"
    klass: str = "-"
    findings: list = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    @property
    def hit(self) -> bool:
        return self.bug and self.expected in self.codes

    @property
    def false(self) -> int:
        return len([c for c in self.codes if not (self.bug and c == self.expected)])


def fixtures() -> list[Fixture]:
    out = []
    for path in sorted(PAIRS.iterdir()):
        if not path.name.startswith(("bug_", "ok_")):
            continue
        if path.is_dir():
            files = sorted(path.glob("*.py"))
        elif path.suffix == ".py":
            files = [path]
        else:
            continue
        fx = Fixture(path, bug=path.name.startswith("bug_"))
        for f in files:
            for line in f.read_text("utf-8").splitlines():
                if not line.startswith("#"):
                    break
                if m := re.match(r"#\s*expect:\s*(\S+)", line):
                    fx.expected = m.group(1)
                if m := re.search(r"\bkind:\s*(merge|flip)\b", line):
                    fx.kind = m.group(1)
                if m := re.search(r"\bclass:\s*(\d)\b", line):
                    fx.klass = m.group(1)
        out.append(fx)
    return out


def findings_of(path: Path) -> list:
    """Findings when the fixture is checked alone, as its own workspace."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if path.is_dir():
            for f in sorted(path.glob("*.py")):
                shutil.copyfile(f, root / f.name)
        else:
            shutil.copyfile(path, root / path.name)
        result = check_paths([root], Settings(root=root, spec=root / "spec.toml"))
        for f in result.findings:
            f.path = str(Path(f.path).name) if Path(f.path).is_absolute() else f.path
        return sorted(result.findings, key=lambda f: f.sort_key())


def score(group: list[Fixture]) -> tuple[int, int, int, int, int]:
    """(bugs, found, ok fixtures, ok fixtures silent, false findings)."""
    bugs = [f for f in group if f.bug]
    oks = [f for f in group if not f.bug]
    return (
        len(bugs),
        sum(f.hit for f in bugs),
        len(oks),
        sum(not f.codes for f in oks),
        sum(f.false for f in group),
    )


def line(label: str, group: list[Fixture]) -> str:
    bugs, found, oks, silent, fp = score(group)
    recall = f"{found / bugs:.2f}" if bugs else "  - "
    precision = f"{found / (found + fp):.2f}" if found + fp else "  - "
    counts = f"{found:>3}/{bugs:<3} {recall:>6}  {silent:>3}/{oks:<3} {fp:>5}"
    return f"{label:<48} {counts}  {precision:>9}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--verbose", action="store_true", help="print every finding under its fixture"
    )
    parser.add_argument("--only", default="", help="score only fixtures whose name contains this")
    args = parser.parse_args()

    all_fixtures = [f for f in fixtures() if args.only in f.path.name]
    for fx in all_fixtures:
        fx.findings = findings_of(fx.path)

    width = max(len(f.path.name) for f in all_fixtures)
    print(f"{'fixture':<{width}}  class  kind   expect  found             verdict")
    for fx in all_fixtures:
        if fx.bug:
            verdict = "ok" if fx.hit else "MISSED"
            if fx.hit and fx.false:
                verdict = "ok +false"
        else:
            verdict = "ok" if not fx.codes else "FALSE"
        found = ",".join(fx.codes) or "-"
        labels = f"{fx.klass:<5}  {fx.kind:<5}  {fx.expected:<6}"
        print(f"{fx.path.name:<{width}}  {labels}  {found:<16}  {verdict}")
        if args.verbose:
            for f in fx.findings:
                print(f"    {f.code} {f.path}:{f.span.line + 1}: {f.message}")

    header = f"{'':<48} {'found':>7} {'recall':>6}  {'silent':>7} {'false':>5}  {'precision':>9}"
    print("\n" + header)
    print(line("all fixtures", all_fixtures))
    new = [f for f in all_fixtures if f.klass != "-"]
    print(line("issue 19 corpus (classes 1-7)", new))
    print("by class")
    for c in CLASSES:
        group = [f for f in all_fixtures if f.klass == c]
        if group:
            print(line(f"  {c} {CLASS_NAMES[c]}", group))
    print("by kind (classes 1-7)")
    for k in ("merge", "flip"):
        group = [f for f in new if f.kind == k]
        if group:
            print(line(f"  {k}", group))
    print(
        "\nfound: bugs whose expected code was reported; silent: ok fixtures with no finding;"
        "\nfalse: findings other than the expected code (on bug fixtures) or any finding (on ok"
        "\nfixtures); precision = found / (found + false)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
