"""How the Python grammar is loaded: its compiled module alone, not the package's
``__init__`` (which imports ``importlib.resources`` for query files specls never reads);
and the package as usual when the compiled module is not where the wheel puts it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tree_sitter import Language, Parser

from specls import grammar

#: Imports the extractor, parses a line with it, and lists the modules then loaded.
PROGRAM = (
    "import json, sys\n"
    "from specls.extract.query import parse\n"
    "tree = parse(b'class A:\\n    x: int = 1\\n')\n"
    "print(json.dumps([tree.root_node.children[0].type, sorted(sys.modules)]))\n"
)


def test_parsing_never_imports_the_grammars_package_init() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, check=True, timeout=60
    ).stdout
    first, modules = json.loads(out)
    assert first == "class_definition"
    assert grammar.BINDING in modules
    assert "importlib.resources" not in modules
    assert "tree_sitter_python" not in modules  # (its package: never run)


def test_the_package_imported_later_uses_the_same_grammar() -> None:
    import tree_sitter_python

    assert Language(tree_sitter_python.language()) == grammar.LANGUAGE
    assert sys.modules[grammar.BINDING] is grammar.load_binding()


def test_without_the_compiled_module_where_expected_the_package_is_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, grammar.BINDING)
    monkeypatch.setattr(grammar, "EXTENSION_SUFFIXES", [".not-a-suffix"])
    loaded = grammar.load_binding()
    assert loaded.__name__ == "tree_sitter_python"
    tree = Parser(Language(loaded.language())).parse(b"def f():\n    return 1\n")
    assert tree.root_node.children[0].type == "function_definition"
