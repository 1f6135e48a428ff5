"""A spec of many decisions over a small workspace: ``python benchmarks/huge_spec.py [DIR]``.

Writes ``DIR`` (default ``benchmarks/.cache/huge-spec``): 50 modules of 20 classes each and a
``spec.toml`` of ``--decisions`` decisions (50,000 by default) of every kind, on classes,
attributes, methods and module functions that exist and on some that do not, some
superseded, with ``# spec:`` references from the code (some to ids that do not exist). Time
a cold check of it::

    python -m specls check DIR --no-cache

``--time`` also measures, in this process, what an editor pays (the language server's calls
into the engine): the first check of the workspace, then ``--edits`` edits of one module
(``Workspace.update_file`` with its new tree, then ``findings(only=…)`` of that file) and of
the spec (``set_spec_text``, then the same findings); ``--profile`` profiles each phase
(cumulative time, the top 25 lines). The numbers depend on the machine: compare runs on one
machine, before and after a change.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = 50
CLASSES = 20

CLASS = '''

class Store{m}x{c}:
    """A store.

    Attributes:
        items (dict): by key.
    """

    def __init__(self):
        self.items = {{}}  # spec: {ref}
        self.count = 0
        self.log = []

    def add(self, key, qty):
        self.items[key] = self.items.get(key, 0) + qty
        self.count += 1
        self.log.append(key)

    def pop(self):
        """Take the last key.

        Raises:
            IndexError: when empty.
        """
        self.count -= 1
        return self.log.pop()

    def get(self, key):
        return self.items.get(key)
'''


def decision(rng: random.Random, k: int) -> str:
    """One decision, ``k``-th of the spec, on a random target (one in ten stale)."""
    m, c = rng.randrange(MODULES), rng.randrange(CLASSES)
    cls = f"Store{m}x{c}" if rng.random() > 0.1 else f"Gone{k}"
    head = f'[decision.d{k}]\nsummary = "decision {k}"\n'
    if rng.random() < 0.02:
        succ = f"d{k + 1}" if rng.random() < 0.5 else f"missing{k}"
        head += f'status = "superseded"\nsuperseded_by = "{succ}"\n'
    kind = rng.random()
    if kind < 0.4:
        attr = rng.choice(["items", "count", "log", "other"])
        typ = rng.choice(["dict[str, int]", "int", "list[str]", "list[tuple[str, int]]"])
        return head + f'kind = "representation"\ntarget = "{cls}.{attr}"\ntype = "{typ}"\n'
    if kind < 0.6:
        expr = rng.choice(["self.count >= 0", "len(self.log) <= 100", "sorted(self.log)"])
        return head + f'kind = "invariant"\ntarget = "{cls}"\nexpr = "{expr}"\n'
    if kind < 0.8:
        method = rng.choice(["pop", "get", "missing"])
        outcome = 'raises = "IndexError"' if rng.random() < 0.5 else 'returns = "None"'
        target = f"{cls}.{method}" if rng.random() < 0.9 else f"pkg.mod{m}.helper"
        return head + (
            f'kind = "behaviour"\ntarget = "{target}"\nwhen = "it is empty"\n{outcome}\n'
        )
    if kind < 0.8005:  # a few glossary decisions (their rule has its own owner)
        return head + f'kind = "naming"\nprefer = "quantity"\navoid = ["qty{k}"]\n'
    return head + f'kind = "invariant"\ntarget = "pkg.mod{m}"\nexpr = "LIMIT >= 1"\n'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=HERE / ".cache" / "huge-spec")
    parser.add_argument("--decisions", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--time", action="store_true", help="measure the engine in-process")
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind to time")
    parser.add_argument("--profile", action="store_true", help="profile each phase")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root: Path = args.dir
    pkg = root / "pkg"
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text("", "utf-8")
    for m in range(MODULES):
        body = ["LIMIT = 0\n\n\ndef helper(items):\n    return items.pop()\n"]
        for c in range(CLASSES):
            # most references name a decision; some a typo of one, some nothing at all
            roll = rng.random()
            k = rng.randrange(args.decisions)
            ref = f"d{k}" if roll < 0.8 else (f"d{k}x" if roll < 0.9 else f"nothing-{m}-{c}")
            body.append(CLASS.format(m=m, c=c, ref=ref))
        (pkg / f"mod{m}.py").write_text("".join(body), "utf-8")
    with (root / "spec.toml").open("w", encoding="utf-8") as out:
        out.write("[spec]\nversion = 1\n")
        for k in range(args.decisions):
            out.write("\n" + decision(rng, k))
    size = (root / "spec.toml").stat().st_size
    print(f"{root}: {MODULES * CLASSES} classes, {args.decisions:,} decisions ({size:,} bytes)")
    if args.time:
        measure(root, args.edits, args.profile)
    else:
        print(f"time it: {sys.executable} -m specls check {root} --no-cache")
    return 0


def _timed(what: str, call: Callable[[], object], profile: bool) -> float:
    """Seconds ``call`` takes (profiled when asked: the profile is printed, not timed)."""
    if profile:
        prof = cProfile.Profile()
        prof.runcall(call)
        print(f"-- {what}")
        pstats.Stats(prof).sort_stats("cumtime").print_stats(25)
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def measure(root: Path, edits: int, profile: bool) -> None:
    """The engine as an editor drives it: a first check, then edits of code and of the spec."""
    from specls.config import load_settings
    from specls.engine import Workspace
    from specls.extract import parse

    settings = load_settings(root.resolve())
    ws = Workspace(settings)
    start = time.perf_counter()
    for path in sorted((settings.root / "pkg").glob("*.py")):
        ws.update_file(path)
    ws.load_spec()
    read = time.perf_counter() - start
    module = settings.root / "pkg" / "mod7.py"
    only = frozenset([str(module)])
    first = _timed("first check", ws.findings, profile)
    print(f"read {len(ws.files)} files and the spec: {read:.2f} s; first check: {first:.2f} s")
    base = module.read_bytes()
    spec_text = ws.spec.text

    def edit_code(k: int) -> None:
        data = base.replace(b"self.count = 0", f"self.count = {k}".encode(), 1)
        ws.update_file(module, data, parse(data))
        ws.findings(only=only)

    def edit_spec(k: int) -> None:
        ws.set_spec_text(spec_text.replace('"decision 7"', f'"decision 7, edit {k}"', 1))
        ws.findings(only=only)

    for name, edit in (("code", edit_code), ("spec", edit_spec)):
        edit(0)  # (the first edit fills the editor's caches)
        times = [
            _timed(f"{name} edit", lambda k=k, edit=edit: edit(k), profile and k == 1)
            for k in range(1, edits + 1)
        ]
        print(
            f"edit of the {name}: median {statistics.median(times) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms ({edits} edits)"
        )


if __name__ == "__main__":
    sys.exit(main())
