"""Instructions a check costs, counted by callgrind: ``python benchmarks/instructions.py``.

Wall-clock time on a shared virtual machine drifts by tens of percent within minutes, so it
cannot show a change of a few percent; the number of instructions executed does not drift.
This counts them (``valgrind --tool=callgrind``; ``apt-get install valgrind``) for a
``specls check`` of every 8th file of the Django corpus of ``run.py``, in one process:

- Python's start-up and specls's imports (``python -c "import specls.cli, specls.engine"``);
- tree-sitter's parse of the files, imports included (the floor extraction builds on);
- the whole check, with an empty cache (as a first run) and without a cache;
- the check again with that cache: nothing changed (warm), then after a comment is added to
  the corpus's biggest file, and after another is added to it (the second check of a
  changed file reads its statements' facts kept by the first);
- the same check without a cache with the rules left out (``Workspace.findings`` returns
  nothing), and the difference: the rules' own count. With two processes the rules run
  in one after the workers are done, so their share of the wall time is twice their share
  of the instructions.

``--base REV`` measures the specls of another revision too (from a temporary git worktree)
and prints both, with the change. Each run takes about half a minute under valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from run import HERE, django_tree, python_files, revision

PY = sys.executable
STEP = 8
PARSE = """
import sys
from pathlib import Path
from specls.extract import parse
for line in open(sys.argv[1]):
    parse(Path(line.strip()).read_bytes())
"""


NO_RULES = """
import sys
import specls.engine
specls.engine.Workspace.findings = lambda self, **kwargs: []
from specls.cli.main import main
main(sys.argv[1:])
"""


def instructions(cmd: list[str], server: Path) -> int:
    """Instructions ``cmd`` executes, with ``server`` (a ``server/`` folder) first on the path."""
    env = {**os.environ, "PYTHONPATH": str(server), "PYTHONHASHSEED": "0"}
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        env=env,
        capture_output=True,
        text=True,
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise SystemExit(f"callgrind counted nothing:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def measure(server: Path, corpus: Path, listing: Path) -> dict[str, int]:
    # byte-compiled first, as an installed package is (or each run would compile it again)
    subprocess.run([PY, "-m", "compileall", "-q", str(server / "specls")], check=True)
    check = [PY, "-m", "specls", "check", str(corpus), "--jobs", "1"]
    biggest = max(corpus.rglob("*.py"), key=lambda p: p.stat().st_size)
    original = biggest.read_bytes()
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as cache:
        counts["start-up and imports"] = instructions(
            [PY, "-c", "import specls.cli, specls.engine"], server
        )
        counts["tree-sitter parse (imports included)"] = instructions(
            [PY, "-c", PARSE, str(listing)], server
        )
        cached = [*check, "--cache-dir", cache]
        counts["check, empty cache"] = instructions(cached, server)
        counts["check, warm (nothing changed)"] = instructions(cached, server)
        try:
            for k, name in enumerate(["one file changed", "the same file changed again"]):
                biggest.write_bytes(original + f"\n# touched {k}\n".encode())
                counts[f"check, {name}"] = instructions(cached, server)
        finally:
            biggest.write_bytes(original)
        counts["check, no cache"] = instructions([*check, "--no-cache"], server)
        counts["check, no cache, without the rules"] = instructions(
            [PY, "-c", NO_RULES, *check[3:], "--no-cache"], server
        )
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="a git revision to compare with")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    tree = django_tree()
    files = python_files(tree)[::STEP]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        for path in files:  # the same relative paths, so module names are as in Django
            target = corpus / path.relative_to(tree)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(str(corpus / p.relative_to(tree)) for p in files))
        print(f"corpus: every {STEP}th file of Django, {len(files)} files", file=sys.stderr)
        new = measure(HERE.parent / "server", corpus, listing)
        old: dict[str, int] = {}
        if args.base:
            with revision(args.base) as server:
                old = measure(server, corpus, listing)
    for counts in (new, old):
        if counts:
            rules = counts["check, no cache"] - counts["check, no cache, without the rules"]
            counts["the rules (the difference)"] = rules
    print(f"\n| measure | {'`' + args.base + '` | ' if old else ''}this tree | change |")
    print(f"| --- | {'---: | ' if old else ''}---: | ---: |")
    for name, count in new.items():
        if old:
            change = f"{(count - old[name]) / old[name]:+.1%}"
            print(f"| {name} | {old[name] / 1e6:,.0f}M | {count / 1e6:,.0f}M | {change} |")
        else:
            print(f"| {name} | {count / 1e6:,.0f}M | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
