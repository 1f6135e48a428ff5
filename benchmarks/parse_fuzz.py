"""The editor's parse against a fresh one, over random changes of real files.

    python benchmarks/parse_fuzz.py [--seed 6] [--files 1000] [--changes 12] [--show 5]

Each of ``--files`` files (the standard library's and specls' own, up to 40 kB, chosen by
the seed) is opened in a :class:`~specls.lsp.documents.Document` and changed ``--changes``
times at random (a piece typed, mostly within a line, a few characters replaced), as an
editor sends it. After each change the document's top-level statements are compared with
a fresh parse of the same text (each statement's tree and extent): a change whose statement
was parsed alone (``Document._splice``) and differs is a *splice* difference; one parsed as
the whole file (tree-sitter's incremental parse, or afresh) is a *whole-parse* difference.
After a difference the fuzz goes on to the next file.

Prints the counts and, for the first ``--show`` differences of each kind, the file and the
changes that led there, in order, from the file as it is. Counts, never a failed build: the
equivalence is asserted, on fewer changes, by ``tests/test_statement_parse.py``.
Its figures, against the code before stop 33, are in ``docs/performance.md`` (stop 34).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "server"))
sys.path.insert(0, str(HERE.parent / "tests"))

import randomedits  # noqa: E402
from specls.extract import parse  # noqa: E402
from specls.lsp.documents import Change, Document  # noqa: E402

#: What is typed: the test's pieces, and more that open strings (f-strings, bytes, raw) or
#: end a line inside one.
PIECES = [*randomedits.PIECES, 'f"', "f'{", "}'", 'b"', 'r"\\', "\\\n", '"\n']


def signature(nodes: list) -> list[tuple]:
    """Top-level statements as parsed: their trees and extents."""
    return [(str(n), n.start_byte, n.end_byte) for n in nodes]


def random_change(rng: random.Random, text: str) -> Change:
    """A change of ``text`` in code points (the document is told ``utf-32``)."""
    lines = text.split("\n")
    row = rng.randrange(len(lines))
    width = len(lines[row])
    col = rng.randint(0, width)
    end_row, end_col = row, rng.randint(col, min(width, col + 3))
    if rng.randrange(10) == 0:
        end_row = min(len(lines) - 1, row + rng.randint(0, 3))
        end_col = rng.randint(col if end_row == row else 0, len(lines[end_row]))
    return Change(rng.choice(PIECES), (row, col), (end_row, end_col))


def open_document(path: Path, text: str) -> Document:
    """A document opened with ``text``, as ``didOpen`` does."""
    doc = Document(path.as_uri(), path, 1, b"")
    doc.apply([Change(text)], "utf-32")
    return doc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--changes", type=int, default=12, help="changes per file")
    ap.add_argument("--show", type=int, default=5, help="differences of each kind shown")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = randomedits.sources(40_000)
    changes = 0
    found: dict[str, list[tuple[Path, list[Change]]]] = {"splice": [], "whole": []}
    for _ in range(args.files):
        path = pool[rng.randrange(len(pool))]
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        doc = open_document(path, text)
        history: list[Change] = []
        for _ in range(args.changes):
            change = random_change(rng, doc.text)
            history.append(change)
            spliced = doc.spliced
            doc.apply([change], "utf-32")
            changes += 1
            fresh = parse(doc.source).root_node.children
            if signature(doc.statements()) != signature(fresh):
                kind = "splice" if doc.spliced > spliced else "whole"
                found[kind].append((path, history))
                break  # (the next file: each case is replayed from a file as it is)
    print(f"seed {args.seed}: {changes} changes of {args.files} files")
    for kind, cases in found.items():
        print(f"  {kind}-parse differences: {len(cases)}")
        for path, history in cases[: args.show]:
            print(f"    {path}:")
            for ch in history:
                print(f"      {ch.start}-{ch.end} {ch.text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
