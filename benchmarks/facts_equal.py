"""Whether two revisions extract the same facts: ``python benchmarks/facts_equal.py --base REV``.

Extracts every Python file of the given trees (default: the Django corpus of ``run.py`` and
the standard library of this interpreter) with this tree's ``server/`` and with that of
``REV`` (a temporary git worktree), each in a process of its own, and compares the facts
file by file: every field of every fact, sets in sorted order, lists, tuples and dicts in
theirs. Each file is extracted twice, as a check does (whole) and as the editor does (a
statement at a time, :class:`~specls.extract.ChunkCache`). A change meant to make the
extraction cheaper must print zero differences. Files that fail to extract are compared by
their error. Prints the first differing files with the first line where they differ.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from run import HERE, django_tree, revision

PY = sys.executable

#: Run in each process, with the server directory to compare first on the path.
WORKER = r'''
import dataclasses, hashlib, os, pickle, sys
from pathlib import Path

from specls.discovery import module_name
from specls.extract import ChunkCache, extract


def canon(obj, out):
    """Append ``obj``'s canonical text to ``out`` (a list of strings)."""
    t = type(obj)
    if obj is None or t in (bool, int, float, str, bytes):
        out.append(repr(obj))
    elif dataclasses.is_dataclass(obj) or hasattr(t, "__record_fields__"):
        # (records since stop 35, dataclasses before: the base may be either)
        names = (
            t.__record_fields__
            if hasattr(t, "__record_fields__")
            else [f.name for f in dataclasses.fields(obj)]
        )
        out.append(t.__name__ + "(")
        for name in names:
            if name == "lazy":
                continue
            out.append(name + "=")
            canon(getattr(obj, name), out)
            out.append(",")
        out.append(")")
    elif t in (list, tuple):
        out.append("[" if t is list else "(")
        for x in obj:
            canon(x, out)
            out.append(",")
        out.append("]" if t is list else ")")
    elif t in (set, frozenset):
        parts = []
        for x in obj:
            sub = []
            canon(x, sub)
            parts.append("".join(sub))
        out.append(("{" if t is set else "f{") + ",".join(sorted(parts)) + "}")
    elif t is dict:
        out.append("d{")
        for k, v in obj.items():
            canon(k, out)
            out.append(":")
            canon(v, out)
            out.append(",")
        out.append("}")
    else:
        out.append(t.__name__ + ":" + repr(obj))


def text_of(path, root, chunks):
    data = Path(path).read_bytes()
    try:
        facts = extract(data, path, module_name(Path(path), root), cache=chunks)
    except Exception as e:  # compared like facts
        return f"error {type(e).__name__}: {e}", b""
    out = []
    canon(facts, out)
    return "".join(out), pickle.dumps(facts, protocol=5)


sys.setrecursionlimit(10000)
root, listing, target, full = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
with open(target, "w") as sink:
    for path in open(listing).read().split("\n"):
        if not path:
            continue
        whole, pickled = text_of(path, Path(root), None)
        parts, _ = text_of(path, Path(root), ChunkCache())
        text = whole + "\n" + parts
        if full:
            sink.write(f"{path}\n{text}\n")
        else:
            digest = hashlib.sha256(text.encode()).hexdigest()
            sink.write(f"{path}\t{digest}\t{hashlib.sha256(pickled).hexdigest()}\n")
'''


def python_files(tree: Path) -> list[str]:
    """Every ``.py`` file under ``tree``, sorted (symbolic links not followed)."""
    found = []
    for top, dirs, files in os.walk(tree):
        dirs.sort()
        found.extend(os.path.join(top, f) for f in sorted(files) if f.endswith(".py"))
    return found


def dump(server: Path, root: Path, files: list[str], full: bool = False) -> dict[str, str]:
    """Per file: the digest of its facts (``full``: the facts' text) with ``server``."""
    with tempfile.TemporaryDirectory() as tmp:
        listing, target = Path(tmp) / "files.txt", Path(tmp) / "out.txt"
        listing.write_text("\n".join(files))
        env = {**os.environ, "PYTHONPATH": str(server), "PYTHONHASHSEED": "0"}
        cmd = [PY, "-c", WORKER, str(root), str(listing), str(target), "1" if full else "0"]
        subprocess.run(cmd, env=env, check=True)
        lines = target.read_text().split("\n")
    if full:
        return {lines[i]: lines[i + 1] + "\n" + lines[i + 2] for i in range(0, len(lines) - 2, 3)}
    return {p: f"{d}\t{k}" for p, d, k in (line.split("\t") for line in lines if line)}


def first_difference(a: str, b: str) -> str:
    """Where two facts' texts first differ, with some context."""
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    lo, hi = max(0, i - 120), i + 120
    return f"  at {i}:\n    base: …{a[lo:hi]}…\n    this: …{b[lo:hi]}…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the git revision to compare with")
    parser.add_argument("trees", nargs="*", type=Path, help="default: Django and the stdlib")
    parser.add_argument("--show", type=int, default=5, help="differing files to print")
    args = parser.parse_args()
    trees = args.trees or [django_tree(), Path(sysconfig.get_paths()["stdlib"])]
    mine = HERE.parent / "server"
    total = differ = pickles = 0
    with revision(args.base) as base:
        for tree in trees:
            files = python_files(tree)
            new, old = dump(mine, tree, files), dump(base, tree, files)
            bad = [p for p in files if new[p].split("\t")[0] != old[p].split("\t")[0]]
            pickles += sum(new[p] != old[p] for p in files) - len(bad)
            total += len(files)
            differ += len(bad)
            print(f"{tree}: {len(files)} files, {len(bad)} with different facts")
            if bad[: args.show]:
                shown = bad[: args.show]
                new_full, old_full = dump(mine, tree, shown, True), dump(base, tree, shown, True)
                for p in shown:
                    print(p)
                    print(first_difference(old_full[p], new_full[p]))
    print(f"{total} files, {differ} with different facts", end="")
    print(f" ({pickles} more whose pickles differ, facts equal)" if pickles else "")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
