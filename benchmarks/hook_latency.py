"""How long an agent waits for ``specls hook post-edit`` on a workspace of Django's size.

Copies Django 5.1.4 (fetched once, as ``benchmarks/run.py`` does) with a spec, warms the cache
with one ``specls check``, then times the hook as Claude Code runs it — a process per edit,
the payload on stdin — for edits that change a file and for edits that leave it as it was.
Medians of ``--runs`` each; the target is under 300 ms from a warm cache.

With ``--base REV``, the same for another revision (a temporary git worktree, a copy of the
workspace and a cache of its own), each hook call of this tree right beside the same call
of ``REV``, alternating which goes first: the ratios of those pairs are what a shared
machine's drift does not move.

    python benchmarks/hook_latency.py [--runs 15] [--base REV]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import HERE, django_tree, revision

SPEC = """[spec]
version = 1

[decision.query-where]
kind = "representation"
target = "django.db.models.sql.query.Query.where"
type = "WhereNode"
"""
CASES = ("unchanged file", "changed file")


class Tree:
    """One revision's copy of the workspace, its cache warmed by a check."""

    def __init__(self, server: Path, root: Path, key: Path) -> None:
        shutil.copytree(django_tree() / "django", root / "django")
        (root / "spec.toml").write_text(SPEC)
        self.root = root
        self.env = {**os.environ, "SPECLS_KEY_FILE": str(key), "PYTHONPATH": str(server)}
        self.env.pop("CLAUDECODE", None)
        self.run = [sys.executable, "-m", "specls"]
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(server / "specls")])
        subprocess.run([*self.run, "check", "."], cwd=root, env=self.env, capture_output=True)
        self.edited = root / "django" / "db" / "models" / "sql" / "query.py"
        self.original = self.edited.read_bytes()
        self.payload = json.dumps(
            {
                "session_id": "bench",
                "cwd": str(root),
                "hook_event_name": "PostToolUse",
                "tool_name": "Edit",
                "tool_input": {"file_path": str(self.edited)},
            }
        ).encode()

    def hook(self, case: str, i: int) -> float:
        """Seconds of one hook call after an edit (``case``), the file then restored."""
        if case == "changed file":
            self.edited.write_bytes(self.original + f"\n# edit {i}\n".encode())
        t = time.perf_counter()
        subprocess.run(
            [*self.run, "hook", "post-edit"], input=self.payload, cwd=self.root, env=self.env,
            capture_output=True, check=True,
        )  # fmt: skip
        took = time.perf_counter() - t
        self.edited.write_bytes(self.original)
        return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--base", help="a git revision to time beside this tree, call by call")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d, contextlib.ExitStack() as stack:
        key = Path(d) / "key"
        trees = {"this tree": Tree(HERE.parent / "server", Path(d) / "ws", key)}
        if args.base:
            base = stack.enter_context(revision(args.base))
            trees[f"`{args.base}`"] = Tree(base, Path(d) / "base", key)
        time.sleep(2.1)  # (files younger than 2 s are not known by their stamps)
        times = {name: {case: [] for case in CASES} for name in trees}
        for i in range(args.runs):
            for case in CASES:
                order = list(trees) if i % 2 == 0 else list(reversed(trees))
                for name in order:
                    times[name][case].append(trees[name].hook(case, i))
        files = sum(1 for _ in trees["this tree"].root.rglob("*.py"))
        print(f"specls hook post-edit on Django {files} files, {args.runs} runs each:")
        for name, cases in times.items():
            for case, values in cases.items():
                print(f"  {name}, {case}: median {statistics.median(values) * 1e3:.0f} ms, "
                      f"best {min(values) * 1e3:.0f} ms")  # fmt: skip
        if args.base:
            new, old = times["this tree"], times[f"`{args.base}`"]
            for case in CASES:
                ratios = sorted(n / o for n, o in zip(new[case], old[case], strict=True))
                print(
                    f"  this tree / `{args.base}`, {case}, pair by pair: median "
                    f"{statistics.median(ratios):.3f} (middle half {ratios[len(ratios) // 4]:.3f}"
                    f" to {ratios[(3 * len(ratios)) // 4]:.3f})"
                )


if __name__ == "__main__":
    main()
