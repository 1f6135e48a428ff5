"""Cold checks of this tree against another revision, in pairs: ``python benchmarks/ab.py
--base REV``.

Instruction counts (``instructions.py``) cannot see what happens between processes: a worker
waiting on a pipe executes nothing. Wall-clock time can, but on a shared virtual machine it
drifts by tens of percent within minutes. So this runs cold checks of the Django corpus of
``run.py`` (both cores, an empty cache each time) for this tree and for ``REV`` (from a
temporary git worktree) one right after the other, alternating which goes first, and prints
the ratio of each pair: the drift moves both runs of a pair alike. Fourteen pairs take about
a minute.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import HERE, PY, django_tree, revision


def cold(server: Path, tree: Path, jobs: int) -> float:
    """Seconds of one ``specls check`` of ``tree`` with an empty cache, from ``server``."""
    env = {**os.environ, "PYTHONPATH": str(server)}
    with tempfile.TemporaryDirectory() as cache:
        cmd = [PY, "-m", "specls", "check", str(tree), "--cache-dir", cache, "--jobs", str(jobs)]
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="a git revision to compare with")
    parser.add_argument("--pairs", type=int, default=14)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    tree = django_tree()
    new_server = HERE.parent / "server"
    old: list[float] = []
    new: list[float] = []
    with revision(args.base) as old_server:
        for server in (new_server, old_server):  # byte-compiled, as `pip install` does
            subprocess.run([PY, "-m", "compileall", "-q", str(server / "specls")], check=True)
        cold(new_server, tree, args.jobs)  # warm the file system cache
        for k in range(args.pairs):
            if k % 2 == 0:
                old.append(cold(old_server, tree, args.jobs))
                new.append(cold(new_server, tree, args.jobs))
            else:
                new.append(cold(new_server, tree, args.jobs))
                old.append(cold(old_server, tree, args.jobs))
    ratios = sorted(n / o for n, o in zip(new, old, strict=True))
    print(f"cold check of Django, {args.jobs} processes, {args.pairs} pairs")
    print(f"`{args.base}`: median {statistics.median(old):.2f} s")
    print(f"this tree: median {statistics.median(new):.2f} s")
    print(
        f"this tree / `{args.base}`, pair by pair: median {statistics.median(ratios):.3f} "
        f"(middle half {ratios[len(ratios) // 4]:.3f} to {ratios[(3 * len(ratios)) // 4]:.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
