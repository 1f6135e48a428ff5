"""Turn Python source into :class:`~specls.facts.FileFacts` with tree-sitter.

tree-sitter is fast and error tolerant: a file with a syntax error still yields facts for
the parts that parse. The code is read, never imported or executed.

The modules, in the order a file goes through them:

- :mod:`.query`: the one tree-sitter query over the file, and its captures sorted by kind;
- :mod:`.module`: the file's statements, imports, syntax errors, parts too deep to read;
- :mod:`.comments`: ``# spec:`` references and suppressions;
- :mod:`.classes`: each class's attributes, and the claims of its docstring and annotations;
- :mod:`.methods`: the uses of ``self`` in each method body (evidence of kinds);
- :mod:`.functions` and :mod:`.params`: flow, returns, parameters and what they reach;
- :mod:`.values` and :mod:`.uses`: the kinds of expressions, and how values are used;
- :mod:`.positions` and :mod:`.syntax`: columns and nesting, and small node readers.
"""

from specls.extract.module import ChunkCache, extract
from specls.extract.positions import MAX_DEPTH, TOO_COMPLEX, TOO_DEEP
from specls.extract.query import LANGUAGE, parse, parser
from specls.extract.values import ENUM_PREFIX

__all__ = [
    "ENUM_PREFIX",
    "LANGUAGE",
    "MAX_DEPTH",
    "TOO_COMPLEX",
    "TOO_DEEP",
    "ChunkCache",
    "extract",
    "parse",
    "parser",
]
