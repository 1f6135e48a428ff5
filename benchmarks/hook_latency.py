"""How long an agent waits for ``specls hook post-edit`` on a workspace of Django's size.

Copies Django 5.1.4 (fetched once, as ``benchmarks/run.py`` does) with a spec, warms the cache
with one ``specls check``, then times the hook as Claude Code runs it — a process per edit,
the payload on stdin — for edits that change a file and for edits that leave it as it was.
Medians of ``--runs`` each; the target is under 300 ms from a warm cache.

    python benchmarks/hook_latency.py [--runs 15]
"""

from __future__ import annotations

import argparse
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

from run import django_tree

SPEC = """[spec]
version = 1

[decision.query-where]
kind = "representation"
target = "django.db.models.sql.query.Query.where"
type = "WhereNode"
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        root = Path(d) / "ws"
        shutil.copytree(django_tree() / "django", root / "django")
        (root / "spec.toml").write_text(SPEC)
        env = {**os.environ, "SPECLS_KEY_FILE": str(Path(d) / "key")}
        env.pop("CLAUDECODE", None)
        run = [sys.executable, "-m", "specls"]
        subprocess.run([*run, "check", "."], cwd=root, env=env, capture_output=True)
        edited = root / "django" / "db" / "models" / "sql" / "query.py"
        original = edited.read_bytes()
        payload = json.dumps(
            {
                "session_id": "bench",
                "cwd": str(root),
                "hook_event_name": "PostToolUse",
                "tool_name": "Edit",
                "tool_input": {"file_path": str(edited)},
            }
        ).encode()
        times: dict[str, list[float]] = {"unchanged file": [], "changed file": []}
        for i in range(args.runs):
            for case in times:
                if case == "changed file":
                    edited.write_bytes(original + f"\n# edit {i}\n".encode())
                t = time.perf_counter()
                subprocess.run(
                    [*run, "hook", "post-edit"], input=payload, cwd=root, env=env,
                    capture_output=True, check=True,
                )  # fmt: skip
                times[case].append(time.perf_counter() - t)
                edited.write_bytes(original)
        files = sum(1 for _ in root.rglob("*.py"))
        print(f"specls hook post-edit on Django {files} files, {args.runs} runs each:")
        for case, values in times.items():
            print(f"  {case}: median {statistics.median(values) * 1e3:.0f} ms, "
                  f"best {min(values) * 1e3:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
