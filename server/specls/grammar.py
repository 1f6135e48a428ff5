"""tree-sitter's Python grammar, and the ids of the fields the extractor reads.

``node.child_by_field_id(F_LEFT)`` is ``node.child_by_field_name("left")`` without finding
the name's id first: tree-sitter compares the name with the grammar's field names one by
one at every call, and the extractor asks for fields hundreds of thousands of times on a
large workspace.
"""

from __future__ import annotations

import tree_sitter_python
from tree_sitter import Language

LANGUAGE = Language(tree_sitter_python.language())


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
