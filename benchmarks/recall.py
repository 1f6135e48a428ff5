"""Score the detector on the two-writer fixtures in ``benchmarks/pairs``.

Each ``bug_*.py`` file is a class written by two hands with one known fault, named on its
first line (``# expect: R101``); each ``ok_*.py`` file is consistent and must stay silent.
The fixtures are our own (ClassEval is reserved for independent evaluation).

    python benchmarks/recall.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from specls.config import Settings
from specls.run import check_paths

PAIRS = Path(__file__).parent / "pairs"


def findings_of(path: Path) -> list[str]:
    """Codes found when the file is checked alone, as its own workspace."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / path.name
        target.write_bytes(path.read_bytes())
        result = check_paths([Path(tmp)], Settings(root=Path(tmp), spec=Path(tmp) / "spec.toml"))
        return [f.code for f in result.findings]


def main() -> int:
    tp = fn = fp = 0
    rows = []
    for path in sorted(PAIRS.glob("*.py")):
        codes = findings_of(path)
        if path.name.startswith("bug_"):
            expected = path.read_text("utf-8").splitlines()[0].split(":", 1)[1].strip()
            hit = expected in codes
            tp += hit
            fn += not hit
            fp += len([c for c in codes if c != expected])
            rows.append((path.name, expected, ",".join(codes) or "-", "ok" if hit else "MISSED"))
        else:
            fp += len(codes)
            rows.append((path.name, "-", ",".join(codes) or "-", "ok" if not codes else "FALSE"))
    width = max(len(r[0]) for r in rows)
    print(f"{'fixture':<{width}}  expect  found        verdict")
    for name, expected, found, verdict in rows:
        print(f"{name:<{width}}  {expected:<6}  {found:<11}  {verdict}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"\nbugs found {tp}/{tp + fn} (recall {recall:.0%}); "
        f"false findings {fp} (precision {precision:.0%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
