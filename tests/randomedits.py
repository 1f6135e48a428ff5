"""Random edits of real Python files (``test_statement_parse.py``, ``benchmarks/parse_fuzz.py``):
the files edited, and the pieces typed."""

import sysconfig
from pathlib import Path

_SERVER = Path(__file__).resolve().parent.parent / "server" / "specls"
_STDLIB = Path(sysconfig.get_paths()["stdlib"])


def sources(limit: int) -> list[Path]:
    """specls' own files and the standard library's top level, up to ``limit`` bytes."""
    own = sorted(_SERVER.rglob("*.py"))
    stdlib = sorted(_STDLIB.glob("*.py"))
    return [p for p in own + stdlib if 0 < p.stat().st_size <= limit]


#: What is typed: characters, pieces that open or close something, lines, indentation.

PIECES = [
    *"abx():,.[]{}='\"#@\\ \t1",
    "",
    "\n",
    "    ",
    "return ",
    "else:",
    '"""',
    "'''",
    "def f():\n",
    "if x:\n    pass\n",
    "class C:\n",
    "(\n",
]
