"""Speed and scale, in one table: ``python benchmarks/run.py``.

- Corpus: Django 5.1.4, downloaded once from PyPI by exact version into ``benchmarks/.cache``.
- Cold check: ``specls check`` with an empty cache, against a bare ``ast.parse`` loop over the
  same files (in this process, so it pays no start-up) and against pydoclint on the same
  tree (``pip install -e .[bench]``); the ratio is what matters, not the seconds. Five cold
  runs, each right after an ``ast.parse`` loop: the median pair and the spread are printed.
- Warm check: the same run again (nothing changed), and after changing one file; five runs
  of each, each right after an ``ast.parse`` loop, compared with the cold median through it.
- Scale curve: synthetic workspaces of 10k, 100k and 500k lines, cold, one process, with peak
  memory; the largest again with both cores and the cache, as ``specls check`` runs by default.
- Editor latency: ``benchmarks/editor_latency.py``.

Benchmarks print numbers; nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
DJANGO = "5.1.4"
PY = sys.executable


def django_tree() -> Path:
    """Django's sources, fetched once by exact version."""
    target = CACHE / f"django-{DJANGO}"
    if not (target / "django").is_dir():
        CACHE.mkdir(exist_ok=True)
        subprocess.run(
            [
                PY,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                "--dest",
                str(CACHE),
                f"django=={DJANGO}",
            ],
            check=True,
        )
        wheel = next(CACHE.glob(f"[Dd]jango-{DJANGO}-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(target)
    return target


@contextlib.contextmanager
def revision(rev: str) -> Iterator[Path]:
    """The ``server`` directory of git revision ``rev``, checked out in a temporary worktree
    for the duration."""
    with tempfile.TemporaryDirectory() as tmp:
        worktree = Path(tmp) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(worktree), rev],
            cwd=HERE.parent,
            check=True,
        )
        try:
            yield worktree / "server"
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=HERE.parent)


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def peak(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MiB, the largest process of the run) of a command."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PY, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    seconds, kib = out.stdout.split()
    return float(seconds), int(kib) / 1024


def python_files(tree: Path) -> list[Path]:
    sys.path.insert(0, str(HERE.parent / "server"))
    from specls.discovery import discover

    files, _ = discover([tree], tree, [])
    return files


def ast_loop(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        with contextlib.suppress(SyntaxError, ValueError):
            ast.parse(path.read_bytes())
    return time.perf_counter() - start


def synthetic(lines: int, into: Path) -> Path:
    """A workspace of about ``lines`` lines, built from the two-writer fixtures."""
    sources = [p.read_text("utf-8") for p in sorted((HERE / "pairs").glob("*.py"))]
    into.mkdir(parents=True)
    written, n = 0, 0
    while written < lines:
        chunk = []
        for text in sources:
            body = text.replace("class ", f"class N{n}_")
            chunk.append(body)
            written += body.count("\n") + 1
        (into / f"module_{n}.py").write_text("\n\n".join(chunk), "utf-8")
        n += 1
    return into


#: Cold runs, each paired with an `ast.parse` loop.
PAIRS = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--sizes", default="10000,100000,500000")
    parser.add_argument(
        "--scale-only", action="store_true", help="only the scale curve (no Django, no latency)"
    )
    args = parser.parse_args()
    specls = [PY, "-m", "specls", "check"]
    rows: list[tuple[str, str, str]] = []
    if not args.scale_only:
        rows += django_rows(specls)
    rows += scale_rows(specls, [int(s) for s in args.sizes.split(",")])

    print(
        f"\nmachine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}\n"
    )
    print("| measure | result | ratio |")
    print("| --- | ---: | ---: |")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")
    if not args.skip_latency and not args.scale_only:
        print()
        subprocess.run([PY, str(HERE / "editor_latency.py"), "--edits", "100"])
    return 0


def django_rows(specls: list[str]) -> list[tuple[str, str, str]]:
    """Cold, warm and one-file-changed checks of Django, against ``ast.parse`` and pydoclint."""
    rows: list[tuple[str, str, str]] = []

    # Byte-compile specls as an installed package is (pip compiles at install time): an
    # editable install under PYTHONDONTWRITEBYTECODE would compile it again in every run.
    subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "server" / "specls")])
    tree = django_tree()
    files = python_files(tree)
    lines = sum(p.read_bytes().count(b"\n") + 1 for p in files)
    print(f"corpus: Django {DJANGO}, {len(files)} files, {lines:,} lines", file=sys.stderr)
    ast_loop(files)  # warm the file system cache
    with tempfile.TemporaryDirectory() as tmp:
        # The machine's speed drifts within minutes: each cold run is paired with an
        # `ast.parse` loop right before it, and the median pair is reported.
        pairs = []
        for k in range(PAIRS):
            cache = ["--cache-dir", str(Path(tmp) / f"cache{k}")]
            pairs.append((ast_loop(files), timed([*specls, str(tree), *cache])))
        pairs.sort(key=lambda pair: pair[1] / pair[0])
        ast_s, cold = pairs[len(pairs) // 2]
        spread = f"{pairs[0][1] / pairs[0][0]:.2f}× to {pairs[-1][1] / pairs[-1][0]:.2f}×"
        rows.append(("ast.parse loop (in process)", f"{ast_s:.2f} s", "1.00×"))
        rows.append(
            (
                f"specls check, cold, {os.cpu_count()} processes",
                f"{cold:.2f} s",
                f"{cold / ast_s:.2f}× (median of {PAIRS}: {spread})",
            )
        )
        # Warm runs are paired with `ast.parse` loops too: a warm run and the cold median
        # come from different minutes, so each is compared through its loop.
        warm = [(ast_loop(files), timed([*specls, str(tree), *cache])) for _ in range(PAIRS)]
        ast_w, warm_s = sorted(warm, key=lambda pair: pair[1] / pair[0])[len(warm) // 2]
        rows.append(
            (
                "specls check, warm (nothing changed)",
                f"{warm_s:.2f} s",
                f"{warm_s / ast_w / (cold / ast_s):.2f} of cold (median of {PAIRS})",
            )
        )
        victim = next(p for p in files if p.name == "base.py" and "template" in str(p))
        original = victim.read_bytes()
        changed = []
        try:
            for k in range(PAIRS):  # a different change each time: the run is not cached
                victim.write_bytes(original + f"\n# touched {k}\n".encode())
                changed.append((ast_loop(files), timed([*specls, str(tree), *cache])))
        finally:
            victim.write_bytes(original)
        ast_o, one = sorted(changed, key=lambda pair: pair[1] / pair[0])[len(changed) // 2]
        rows.append(
            (
                "specls check, one file changed",
                f"{one:.2f} s",
                f"{one / ast_o / (cold / ast_s):.2f} of cold (median of {PAIRS})",
            )
        )
        single = timed([*specls, str(tree), "--no-cache", "--jobs", "1"])
        rows.append(("specls check, cold, 1 process", f"{single:.2f} s", f"{single / ast_s:.2f}×"))
    pydoclint = shutil.which("pydoclint") or (
        str(Path(PY).parent / "pydoclint") if (Path(PY).parent / "pydoclint").exists() else None
    )
    if pydoclint:
        pd = timed([pydoclint, "--quiet", str(tree / "django")])
        rows.append(("pydoclint (same tree)", f"{pd:.2f} s", f"{pd / ast_s:.2f}×"))
    else:
        rows.append(("pydoclint", "not installed", "pip install -e .[bench]"))
    return rows


def scale_rows(specls: list[str], sizes: list[int]) -> list[tuple[str, str, str]]:
    """Synthetic workspaces of ``sizes`` lines, cold in one process with peak memory; the
    largest again with both cores and the cache."""
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            work = synthetic(size, Path(tmp) / f"s{size}")
            seconds, mib = peak([*specls, str(work), "--no-cache", "--jobs", "1"])
            rows.append(
                (
                    f"scale: {size:,} lines, cold, 1 process",
                    f"{seconds:.2f} s, {mib:.0f} MiB",
                    f"{seconds / size * 100_000:.2f} s per 100k lines",
                )
            )
        # the largest again as users run it: both cores, filling the cache
        seconds, mib = peak([*specls, str(work), "--cache-dir", str(Path(tmp) / "scale-cache")])
        rows.append(
            (
                f"scale: {size:,} lines, cold, {os.cpu_count()} processes, cache filled",
                f"{seconds:.2f} s, {mib:.0f} MiB",
                f"{seconds / size * 100_000:.2f} s per 100k lines",
            )
        )
    return rows


if __name__ == "__main__":
    sys.exit(main())
