"""A long campaign of the kept-results fuzzer (the suite runs a short one).

Random small workspaces and random edits, as ``tests/keptfuzz.py`` describes: after each
edit the editor's path is compared with a fresh workspace, the CLI's cached check with
one without a cache, and the hook's check after the edit with a cache with one without.
Prints each failure (its seed, the texts before and after the edit, the first finding
that differs) and the figures: examples, edits, findings compared (by path), examples
with findings, failures.

    python benchmarks/kept_fuzz.py --examples 3000 [--seed 0] [--edits 8] [--no-cli] [--no-hook]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from keptfuzz import run_example


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=1000, help="workspaces generated")
    ap.add_argument("--seed", type=int, default=0, help="the first example's seed")
    ap.add_argument("--edits", type=int, default=8, help="edits per workspace")
    ap.add_argument("--no-cli", action="store_true", help="no CLI check")
    ap.add_argument("--no-hook", action="store_true", help="no hook check")
    ap.add_argument("--verbose", action="store_true", help="print each failure's texts")
    args = ap.parse_args()
    os.environ.setdefault("SPECLS_KEY_FILE", str(Path(tempfile.mkdtemp()) / "key"))
    totals = {"examples": 0, "edits": 0, "findings compared": 0, "with findings": 0}
    by_path: dict[str, int] = {}
    failures: list[str] = []
    started = time.monotonic()
    for seed in range(args.seed, args.seed + args.examples):
        out = run_example(Random(seed), args.edits, cli=not args.no_cli, hook=not args.no_hook)
        totals["examples"] += 1
        totals["edits"] += out.edits
        totals["findings compared"] += out.compared
        totals["with findings"] += out.found_any
        for label, count in out.by_path.items():
            by_path[label] = by_path.get(label, 0) + count
        if out.failure is not None:
            failures.append(f"seed {seed}: {out.failure}")
            print(
                f"FAIL seed {seed} [{out.variant}] (after {len(out.steps) - 1} edits): "
                f"{out.failure}"
            )
            if args.verbose:
                print("\n".join(out.steps[-2:]))
            sys.stdout.flush()
    for name, value in totals.items():
        print(f"{name:>20}: {value}")
    for label, count in sorted(by_path.items()):
        print(f"{'compared, ' + label:>20}: {count}")
    print(f"{'failures':>20}: {len(failures)}")
    print(f"{'seconds':>20}: {time.monotonic() - started:.0f}")


if __name__ == "__main__":
    main()
