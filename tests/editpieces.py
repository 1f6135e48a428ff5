"""What random edits of Python type (``test_statement_parse.py``, ``benchmarks/parse_fuzz.py``):
characters, pieces that open or close something, lines, indentation."""

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
