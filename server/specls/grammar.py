"""tree-sitter's Python grammar, and the ids of the fields the extractor reads.

``node.child_by_field_id(F_LEFT)`` is ``node.child_by_field_name("left")`` without finding
the name's id first: tree-sitter compares the name with the grammar's field names one by
one at every call, and the extractor asks for fields hundreds of thousands of times on a
large workspace.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec, PathFinder
from types import ModuleType

from tree_sitter import Language

#: The compiled grammar's module in the ``tree-sitter-python`` wheel.
BINDING = "tree_sitter_python._binding"


def load_binding() -> ModuleType:
    """``tree_sitter_python._binding``, loaded without running its package's ``__init__``:
    that imports ``importlib.resources`` (and through it ``tempfile``, ``shutil``, ``bz2``,
    ``lzma``, ``zipfile``) for the highlight queries specls never reads, 10 to 12 ms of
    every process that parses. The module is found on ``sys.path`` as an import finds it
    and registered under its own name (a later ``import tree_sitter_python`` uses it); when
    the wheel is not laid out so, the package is imported as usual."""
    known = sys.modules.get(BINDING)
    if known is not None:
        return known
    try:
        spec = PathFinder.find_spec("tree_sitter_python")
        for folder in (spec.submodule_search_locations or []) if spec is not None else []:
            for suffix in EXTENSION_SUFFIXES:
                path = os.path.join(folder, f"_binding{suffix}")
                if os.path.isfile(path):
                    loader = ExtensionFileLoader(BINDING, path)
                    module = loader.create_module(ModuleSpec(BINDING, loader, origin=path))
                    loader.exec_module(module)
                    if callable(getattr(module, "language", None)):
                        sys.modules[BINDING] = module
                        return module
    except (ImportError, OSError):
        pass
    import tree_sitter_python

    return tree_sitter_python  # (its ``language`` is the binding's)


LANGUAGE = Language(load_binding().language())


def _field(name: str) -> int:
    found = LANGUAGE.field_id_for_name(name)
    if found is None:  # (a name the grammar does not have: a mistake, found at import)
        raise LookupError(f"the Python grammar has no field {name!r}")
    return found


F_ALIAS = _field("alias")
F_ARGUMENT = _field("argument")
F_ARGUMENTS = _field("arguments")
F_ATTRIBUTE = _field("attribute")
F_BODY = _field("body")
F_CONDITION = _field("condition")
F_CONSEQUENCE = _field("consequence")
F_DEFINITION = _field("definition")
F_FUNCTION = _field("function")
F_KEY = _field("key")
F_LEFT = _field("left")
F_MODULE_NAME = _field("module_name")
F_NAME = _field("name")
F_OBJECT = _field("object")
F_OPERATOR = _field("operator")
F_PARAMETERS = _field("parameters")
F_RETURN_TYPE = _field("return_type")
F_RIGHT = _field("right")
F_SUBSCRIPT = _field("subscript")
F_SUPERCLASSES = _field("superclasses")
F_TYPE = _field("type")
F_VALUE = _field("value")
