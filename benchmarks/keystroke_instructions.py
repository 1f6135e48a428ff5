"""Instructions one keystroke costs in the language server's path, counted by callgrind.

    python benchmarks/keystroke_instructions.py [--mode valid|error] [--keys 20] [--django]

In one process, as the server does it: the 5,032-line file of ``editor_latency.py`` opened,
then keystrokes on one line (``Document.apply``, the incremental parse; the engine's
``update_file``, extraction; ``findings`` of that file). ``valid`` types inside a name and
deletes it again, ``error`` types before ``return`` (a syntax error) and deletes it. The
count of a run with no keystroke is taken from one with ``--keys``, divided by them: start-up
and the first check are left out. Instruction counts do not drift with the machine's load
(``apt-get install valgrind``).

With ``--django``, the keystrokes are typed in a workspace of Django's size instead: every
file of Django 5.1.4 (fetched as ``run.py`` does) indexed, their facts loaded from a cache
filled beforehand, outside callgrind; the open file is ``db/models/fields/__init__.py``, the
key typed in ``CharField.get_internal_type``'s string (``valid``) or before its ``return``
(``error``). What this adds to the lone file's count is what a workspace's size costs a
keystroke: the index rebuilt, the rules that read the whole workspace.

With ``--big-class``, the keystrokes are typed in a class of a hundred methods: Django's
``db/models/sql/query.py`` (2,700 lines) alone in its workspace, the key typed in
``Query.chain``'s ``obj = self.clone()`` (``valid``) or before its ``return`` (``error``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _type(keys: int, mode: str, django: Path | None, big: Path | None = None) -> None:
    """The measured loop (run under callgrind by :func:`main`); ``django``: the cache
    directory holding the facts of Django's tree, which is its parent; ``big``: a file
    holding a big class (``--big-class``), alone in its directory."""
    sys.path.insert(0, str(HERE))
    import editor_latency as latency

    from specls.config import load_settings
    from specls.engine import Workspace
    from specls.lsp.documents import Change, Document

    if big is not None:
        path = big
        text = path.read_text("utf-8")
        engine = Workspace(load_settings(big.parent))
    elif django is None:
        text = "".join(
            latency.CLASS.format(n=n) for n in range(5000 // latency.CLASS.count("\n") + 1)
        )
        root = Path(tempfile.mkdtemp(prefix="specls-keys-"))
        path = root / "big.py"
        path.write_text(text, "utf-8")
        (root / "spec.toml").write_text(latency.SPEC, "utf-8")
        engine = Workspace(load_settings(root))
    else:
        from specls.cache import Cache
        from specls.run import load_workspace

        root = django.parent
        settings = load_settings(root)
        engine = Workspace(settings)
        engine.files.update(load_workspace(settings, Cache(django, workspace=root)).files)
        path = root / "django" / "db" / "models" / "fields" / "__init__.py"
        text = path.read_text("utf-8")
    engine.load_spec()
    doc = Document(path.as_uri(), path, 1, b"")
    doc.apply([Change(text)], "utf-16")
    only = frozenset({str(path)})
    engine.update_file(path, doc.source, statements=doc.statements())
    engine.findings(only=only)
    if big is not None:
        lines = text.split("\n")
        row = lines.index("        obj = self.clone()")
        if mode == "error":  # (`xreturn obj`)
            row = lines.index("        return obj", row)
        col, char = (len("        obj = self.clo"), "m") if mode == "valid" else (8, "x")
    elif django is None:
        row = next(i for i, line in enumerate(text.split("\n")) if "def total" in line) + 1
        col, char = (len("        return su"), "m") if mode == "valid" else (8, "x")
    else:
        row = text.split("\n").index('        return "CharField"')
        col, char = (len('        return "Char'), "m") if mode == "valid" else (8, "x")
    for i in range(keys):
        insert = i % 2 == 0
        end = (row, col) if insert else (row, col + 1)
        doc.apply([Change(char if insert else "", (row, col), end)], "utf-16")
        engine.update_file(path, doc.source, statements=doc.statements())
        engine.findings(only=only)


def _count(keys: int, mode: str, django: Path | None, big: Path | None = None) -> int:
    where = ["--cache-dir", str(django)] if django is not None else []
    where += ["--file", str(big)] if big is not None else []
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         __file__, "--inner", "--keys", str(keys), "--mode", mode, *where],
        capture_output=True,
        text=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise SystemExit(f"callgrind counted nothing:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["valid", "error"], default="valid")
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--django", action="store_true", help="in a workspace of Django's size")
    parser.add_argument("--big-class", action="store_true", help="in a class of a hundred methods")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        _type(args.keys, args.mode, args.cache_dir, args.file)
        return
    with tempfile.TemporaryDirectory(prefix="specls-keys-") as tmp:
        django = big = None
        if args.big_class:
            from run import django_tree

            big = Path(tmp) / "query.py"
            shutil.copy(django_tree() / "django" / "db" / "models" / "sql" / "query.py", big)
        elif args.django:
            from run import django_tree

            shutil.copytree(django_tree() / "django", Path(tmp) / "django")
            django = Path(tmp) / ".specls_cache"
            subprocess.run(
                [sys.executable, "-m", "specls", "check", ".", "-q", "--exit-zero",
                 "--cache-dir", str(django)],
                cwd=tmp, check=True, capture_output=True,
            )  # fmt: skip
        counts = _count(args.keys, args.mode, django, big), _count(0, args.mode, django, big)
    per_key = (counts[0] - counts[1]) / args.keys
    where = " (Django's workspace)" if args.django else " (a big class)" if big else ""
    print(f"{args.mode}{where}: {per_key / 1e6:.1f}M instructions per keystroke")


if __name__ == "__main__":
    main()
