"""Checks of this tree against another revision, in pairs: ``python benchmarks/ab.py
--base REV [--mode cold|warm|one-changed]``.

Instruction counts (``instructions.py``) cannot see what happens between processes: a worker
waiting on a pipe executes nothing. Wall-clock time can, but on a shared virtual machine it
drifts by tens of percent within minutes. So this runs cold checks of the Django corpus of
``run.py`` (both cores, an empty cache each time) for this tree and for ``REV`` (from a
temporary git worktree) one right after the other, alternating which goes first, and prints
the ratio of each pair: the drift moves both runs of a pair alike. Fourteen pairs take about
a minute.

``--mode warm`` times checks with nothing changed, and ``--mode one-changed`` checks after a
comment is added to one file (``django/template/base.py``, as ``run.py`` changes it; a new
comment before each pair), each revision with a cache of its own that a cold check filled.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
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


def check(server: Path, tree: Path, jobs: int, cache: str) -> float:
    """Seconds of one ``specls check`` of ``tree`` with the cache in ``cache``."""
    env = {**os.environ, "PYTHONPATH": str(server)}
    cmd = [PY, "-m", "specls", "check", str(tree), "--cache-dir", cache, "--jobs", str(jobs)]
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="a git revision to compare with")
    parser.add_argument("--pairs", type=int, default=14)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--mode", choices=["cold", "warm", "one-changed"], default="cold")
    parser.add_argument(
        "--with-cold", action="store_true", help="also a cold check of this tree after each pair"
    )
    args = parser.parse_args()
    tree = django_tree()
    new_server = HERE.parent / "server"
    old: list[float] = []
    new: list[float] = []
    colds: list[float] = []  # (--with-cold)
    with revision(args.base) as old_server:
        servers = (new_server, old_server)
        for server in servers:  # byte-compiled, as `pip install` does
            subprocess.run([PY, "-m", "compileall", "-q", str(server / "specls")], check=True)
        cold(new_server, tree, args.jobs)  # warm the file system cache
        caches: dict[Path, str] = {}
        if args.mode == "cold":
            runs = {server: partial(cold, server, tree, args.jobs) for server in servers}
        else:
            caches = {server: tempfile.mkdtemp() for server in servers}
            for server in servers:
                check(server, tree, args.jobs, caches[server])
            runs = {s: partial(check, s, tree, args.jobs, caches[s]) for s in servers}
        victim = tree / "django" / "template" / "base.py"
        original = victim.read_bytes()
        time.sleep(2.1)  # (files younger than 2 s are not known by their stamps)
        try:
            for k in range(args.pairs):
                if args.mode == "one-changed":
                    victim.write_bytes(original + f"\n# touched {k}\n".encode())
                first, second = (old_server, new_server) if k % 2 == 0 else servers
                took = {first: runs[first](), second: runs[second]()}
                old.append(took[old_server])
                new.append(took[new_server])
                if args.mode != "cold" and args.with_cold:
                    colds.append(cold(new_server, tree, args.jobs))
        finally:
            victim.write_bytes(original)
            for cache in caches.values():
                shutil.rmtree(cache, ignore_errors=True)
    ratios = sorted(n / o for n, o in zip(new, old, strict=True))
    print(f"{args.mode} check of Django, {args.jobs} processes, {args.pairs} pairs")
    print(f"`{args.base}`: median {statistics.median(old):.2f} s")
    print(f"this tree: median {statistics.median(new):.2f} s")
    print(
        f"this tree / `{args.base}`, pair by pair: median {statistics.median(ratios):.3f} "
        f"(middle half {ratios[len(ratios) // 4]:.3f} to {ratios[(3 * len(ratios)) // 4]:.3f})"
    )
    if colds:
        pairs = list(zip(old, new, colds, strict=True))
        for name, at in ((f"`{args.base}`", 0), ("this tree", 1)):
            share = statistics.median(p[at] / p[2] for p in pairs)
            print(f"{name}: median {share:.3f} of the cold check of this tree after each pair")
    return 0


if __name__ == "__main__":
    sys.exit(main())
