"""The named things of a workspace a naming decision can govern, read from facts alone.

A :class:`Symbol` is a definition: a class, a function, a method, a parameter, an attribute,
a module-level constant or variable, a module. ``chosen_by`` says whether its writer chose
the name, or another definition did (a method overriding a base's method must keep the
base's name); naming rules only judge names their writers chose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from specls.facts import ClassFacts, FileFacts, MethodFacts, Span
from specls.index import ClassRef, WorkspaceIndex
from specls.naming import is_dunder, source_name
from specls.records import record

#: Names a framework calls by name (unittest's hooks and settings; ruff's pep8-naming
#: ignores the same list by default).
_CALLED_BY_NAME = frozenset(
    {
        "setUp",
        "tearDown",
        "setUpClass",
        "tearDownClass",
        "setUpModule",
        "tearDownModule",
        "asyncSetUp",
        "asyncTearDown",
        "setUpTestData",
        "failureException",
        "longMessage",
        "maxDiff",
    }
)

#: Literal values that hold a place for later (a cache, a lazily set global).
_PLACEHOLDERS = frozenset({"None", "[]", "{}", "()"})

#: Bases whose class-level names are constants (enum members).
_ENUM_BASES = ("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag")


@record(frozen=True)
class Symbol:
    """One definition: what it is, its name as written and where that name is."""

    kind: str
    name: str
    path: str
    span: Span
    module: str
    #: The class it belongs to (itself for a class); None at module level.
    cls: ClassRef | None = None
    #: The function a parameter belongs to.
    function: str | None = None
    #: Why the name is not this definition's to choose (``overrides `Base.save```), if so.
    dictated: str | None = None

    @property
    def owner(self) -> str:
        """Dotted name of where it is defined: the module, class or function."""
        if self.kind in ("class", "module"):
            return self.module
        where = self.cls.dotted if self.cls is not None else self.module
        return f"{where}.{self.function}" if self.function else where

    @property
    def dotted(self) -> str:
        return f"{self.owner}.{self.name}" if self.owner else self.name

    def describe(self) -> str:
        """``method `save` of `shop.Cart```: for messages."""
        owner = self.owner
        if self.kind == "parameter":
            return f"parameter `{self.name}` of `{owner}`"
        if self.kind in ("method", "attribute") or (self.kind == "constant" and self.cls):
            return f"{self.kind} `{self.name}` of `{owner}`"
        if self.kind == "module":
            return f"module `{self.module}`"
        return f"{self.kind} `{self.name}`" + (f" in `{owner}`" if owner else "")


def name_span(span: Span, name: str) -> Span:
    """The name at the end of ``span`` (``x`` in ``self.x``)."""
    return Span(span.end_line, max(span.end_col - len(name), 0), span.end_line, span.end_col)


def is_enum(index: WorkspaceIndex, ref: ClassRef) -> bool:
    """Whether the class (or a workspace ancestor) derives from an Enum class."""
    for c in [ref, *index.bases(ref).classes]:
        if any(b.rsplit(".", 1)[-1].split("[", 1)[0] in _ENUM_BASES for b in c.cls.bases):
            return True
    return False


def class_symbols(index: WorkspaceIndex, ref: ClassRef) -> Iterator[Symbol]:
    """The class, its methods, their parameters and its attributes."""
    cls = ref.cls
    module = ref.file.module
    path = ref.file.path
    yield Symbol("class", cls.name, path, cls.span, module, ref)
    bases = index.bases(ref)
    ancestors = bases.classes

    def dictated(name: str) -> str | None:
        for base in ancestors:
            b = base.cls
            if name in b.class_names or name in b.writes or name in b.methods:
                return f"it is defined in base class `{base.dotted}`"
        if name in bases.builtin_names:
            return "a built-in base class defines it"
        return None

    outside = None
    if not bases.complete:
        outside = "the class has a base outside the workspace, which may define it"
    elif any(not index.bases(sub).complete for sub in index.subclasses(ref)):
        outside = "a subclass mixes the class with a base outside the workspace"
    elif cls.name.endswith("Mixin"):
        outside = "the class is a mixin: its methods may override those it is mixed with"
    families = _dispatch_families([ref, *ancestors])
    for method in cls.methods.values():
        name = source_name(method.name, cls.name)
        why = dictated(method.name) or outside or _called_by_name(name)
        if why is None and _dispatched(name, families):
            why = f"`{name.split('_', 1)[0]}_*` methods are looked up by what they handle"
        if "override" in " ".join(method.decorators):
            why = why or "it is marked @override"
        yield Symbol("method", name, path, method.span, module, ref, None, why)
        yield from _params(method, path, module, ref, why, skip_first=_takes_self(method))
    enum = is_enum(index, ref)
    seen: set[str] = set()
    literals = _class_literals(cls) if enum else frozenset()
    for attr, span, class_level in _attribute_definitions(cls):
        if attr in seen or attr in cls.methods:
            continue
        seen.add(attr)
        name = source_name(attr, cls.name)
        # PEP 8: class-level UPPER_CASE names, and enum members, are constants
        constant = class_level and (name.isupper() or attr in literals)
        yield Symbol(
            "constant" if constant else "attribute",
            name,
            path,
            span,
            module,
            ref,
            None,
            dictated(attr) or _called_by_name(name),
        )


def _class_literals(cls: ClassFacts) -> frozenset[str]:
    """Class-level names assigned a literal (enum members; not ``nonmember(...)``)."""
    from specls.spec.invariants import literal_value

    return frozenset(
        m.attr
        for m in cls.mutations
        if m.method == "<class>" and m.op == "=" and literal_value(m.detail)[0]
    )


def _attribute_definitions(cls: ClassFacts) -> Iterator[tuple[str, Span, bool]]:
    """(name, where its name is, at class level) for class-level names and ``self.x`` stores."""
    for c in cls.claims:
        if c.source == "annotation":
            yield c.attr, c.span, True
    for m in cls.mutations:
        if m.method == "<class>" and m.op == "=":
            yield m.attr, m.span, True
    for attr, accesses in cls.writes.items():
        if attr in cls.guarded:  # setattr()/getattr() with a literal: no name to rename
            continue
        yield attr, name_span(accesses[0].span, source_name(attr, cls.name)), False


_DISPATCH = re.compile(r"([a-z]+)_(.*[A-Z].*)")


def _dispatch_families(classes: list[ClassRef]) -> frozenset[str]:
    """Prefixes of method families named after what they handle (``visit_Module``,
    ``visit_Assign``; ``do_GET``, ``do_POST``): two or more methods of the class and its
    bases share the prefix and end in a name that is not snake_case."""
    seen: dict[str, int] = {}
    for c in classes:
        for name in c.cls.methods:
            m = _DISPATCH.fullmatch(name)
            if m:
                seen[m.group(1)] = seen.get(m.group(1), 0) + 1
    return frozenset(prefix for prefix, n in seen.items() if n >= 2)


def _dispatched(name: str, families: frozenset[str]) -> bool:
    m = _DISPATCH.fullmatch(name)
    return m is not None and m.group(1) in families


def _called_by_name(name: str) -> str | None:
    return "unittest calls it by this name" if name in _CALLED_BY_NAME else None


def _takes_self(method: MethodFacts) -> bool:
    return "staticmethod" not in method.decorators


def _params(
    fn: MethodFacts,
    path: str,
    module: str,
    ref: ClassRef | None,
    why: str | None,
    skip_first: bool = False,
) -> Iterator[Symbol]:
    for i, p in enumerate(fn.params):
        if (skip_first and i == 0) or p.line < 0:
            continue
        yield Symbol("parameter", p.name, path, p.span, module, ref, fn.name, why)


def module_symbols(facts: FileFacts) -> Iterator[Symbol]:
    """The module itself, its functions and their parameters, its constants and variables."""
    path, module = facts.path, facts.module
    if module:
        last = module.rsplit(".", 1)[-1]
        yield Symbol("module", last, path, Span(0, 0, 0, 0), module)
    for fn in facts.function_facts:
        yield Symbol(
            "function", fn.name, path, fn.span, module, None, None, _called_by_name(fn.name)
        )
        yield from _params(fn, path, module, None, None)
    # a constant: bound once, to a literal that is not a placeholder to fill later
    literal = {name for name, value, _ in facts.constants if value not in _PLACEHOLDERS}
    literal -= set(facts.rebound)
    for name, span in facts.variables:
        yield Symbol("constant" if name in literal else "variable", name, path, span, module)


def file_symbols(index: WorkspaceIndex, facts: FileFacts) -> Iterator[Symbol]:
    """Every symbol defined in one file."""
    yield from module_symbols(facts)
    for ref in index.classes_in(facts.path):
        yield from class_symbols(index, ref)


def judged(symbol: Symbol) -> bool:
    """Whether naming rules judge this name: its writer chose it, and it is not Python's
    (dunders, sunders) or a placeholder (``_``)."""
    name = symbol.name
    return symbol.dictated is None and not _reserved(name)


def _reserved(name: str) -> bool:
    """Python's and the standard protocols' own names: dunders (``__init__``), sunders
    (enum's ``_order_``, ctypes' ``_fields_``), and placeholders (``_``)."""
    core = name.strip("_")
    if not core:
        return True
    return is_dunder(name) or (
        name.startswith("_") and name.endswith("_") and name[1] != "_" and name[-2] != "_"
    )


def symbol_at(index: WorkspaceIndex, path: str, line: int, col: int) -> tuple[Symbol, Span] | None:
    """The symbol whose name is at a position, and where that occurrence of the name is: a
    definition, or ``self.x`` naming an attribute or method of the enclosing class."""
    facts = index.files.get(path)
    if facts is None:
        return None
    for symbol in file_symbols(index, facts):
        if symbol.kind != "module" and _contains(symbol.span, line, col):
            return symbol, symbol.span
    for ref in index.classes_in(path):
        cls = ref.cls
        if not (cls.span.line <= line <= cls.end_line):
            continue
        uses = [
            (attr, a.span)
            for table in (cls.reads, cls.writes)
            for attr, accesses in table.items()
            for a in accesses
        ]
        uses += [(call.name, call.span) for call in cls.self_calls]
        for attr, span in uses:
            at = name_span(span, source_name(attr, cls.name))
            if _contains(at, line, col):
                symbol = member_symbol(index, ref, attr)
                return (symbol, at) if symbol is not None else None
    return None


def member_symbol(index: WorkspaceIndex, ref: ClassRef, attr: str) -> Symbol | None:
    """The definition of member ``attr`` as seen from class ``ref``: in the class, or in the
    nearest workspace ancestor that defines it."""
    for c in [ref, *index.bases(ref).classes]:
        for symbol in class_symbols(index, c):
            if (
                symbol.kind in ("method", "attribute", "constant")
                and symbol.cls is c
                and symbol.name in (source_name(attr, c.cls.name), attr)
            ):
                return symbol
    return None


def _contains(span: Span, line: int, col: int) -> bool:
    return span.line == line and span.col <= col <= span.end_col
