"""The facts of one file: its statements, imports, errors and the parts too deep to read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

from tree_sitter import Node, Query, QueryCursor, Tree

from specls.calls import resolve as resolve_calls
from specls.extract.classes import ClassExtractor, Memo, MethodMemo
from specls.extract.comments import attach_refs, spec_comment
from specls.extract.functions import module_function
from specls.extract.positions import MAX_DEPTH, TOO_COMPLEX, TOO_DEEP, Positions, Skips
from specls.extract.query import QUERY, Captures, error_query, parse
from specls.extract.syntax import definition_of, string_value, targets_of
from specls.extract.values import ENUM_PREFIX
from specls.facts import (
    FileFacts,
    Span,
    compact,
    compact_function,
    shifted,
)
from specls.flow import literal_text
from specls.grammar import (
    F_ALIAS,
    F_ARGUMENTS,
    F_ATTRIBUTE,
    F_FUNCTION,
    F_KEY,
    F_LEFT,
    F_MODULE_NAME,
    F_NAME,
    F_OBJECT,
    F_RIGHT,
    F_SUPERCLASSES,
    LANGUAGE,
)
from specls.nodetext import node_text as _text
from specls.nodetext import reading
from specls.values.extract import Hits, dates_imported, statement_hits, value_source

#: What a top-level statement binds at module level, by its source: the names (that may
#: shadow builtins), its imports (local name, origin) and the function it defines, if any.
_Names = tuple[frozenset[str], tuple[tuple[str, str], ...], str | None]


class ChunkCache:
    """What an editor keeps between edits of one file, per top-level statement: its facts by
    its source and context, and the names it binds; per method of its classes, what the
    method added to its class. An edit re-reads only the statements it touched, and of a
    class only the methods it touched; the rest of the file is looked up by source."""

    __slots__ = ("hits", "keep_methods", "methods", "names", "parts", "passed", "shadowed")

    def __init__(self, keep_methods: bool = True) -> None:
        #: Whether :attr:`methods` are kept (the hook's child keeps statements only: the
        #: methods would double the pickle it stores, for a process off its critical path).
        self.keep_methods = keep_methods
        #: (source, type, has error, column, the module's names) -> (first line, facts,
        #: the keys of its methods in :attr:`methods`)
        self.parts: dict[tuple, tuple[int, FileFacts, tuple[tuple, ...]]] = {}
        #: The methods of the statements in :attr:`parts` (see :class:`MethodMemo`).
        self.methods: Memo = {}
        #: (the statements' sources, the package) -> what each binds (see _module_names)
        self.names: dict[tuple, _Names] = {}
        #: The module's names at the last edit (the same object while they do not change,
        #: so that the keys of :attr:`parts` compare by identity, not name by name).
        self.shadowed: frozenset[str] = frozenset()
        #: source -> the keys of dicts the statement passes to calls (see :func:`_passed_keys`)
        self.passed: dict[bytes, frozenset[str]] = {}
        #: (source, dates looked for) -> where value-like parts may be (see statement_hits)
        self.hits: Hits = {}


def extract(
    source: bytes,
    path: str,
    module: str,
    tree: Tree | None = None,
    cache: ChunkCache | None = None,
    statements: Sequence[Node] | None = None,
) -> FileFacts:
    """Facts of one file. ``tree`` may be given when the caller already parsed ``source``,
    or instead its top-level ``statements`` (an editor's, from several trees).

    With ``cache`` (kept by the caller between edits of one file), the facts of top-level
    statements whose source did not change are reused, their lines shifted if text above
    them moved: an edit re-extracts only the statement (class, function) it touched.
    """
    if statements is None:
        root: Node | None = (tree or parse(source)).root_node
        statements = root.children
    else:
        root, cache = None, cache if cache is not None else ChunkCache()
    with reading(source):
        return _extract(source, path, module, root, list(statements), cache)


def _extract(
    source: bytes,
    path: str,
    module: str,
    root: Node | None,
    children: list[Node],
    cache: ChunkCache | None,
) -> FileFacts:
    """Facts of ``children``, the top-level statements (``root`` their module, if one tree
    holds them all; with ``cache`` only, if not)."""
    pos = Positions(source)
    facts = FileFacts(path=path, module=module, line_count=source.count(b"\n") + 1)
    # (from the source, not ``Node.text``: a statement kept from an earlier parse has the
    # text of that parse)
    texts = [source[c.start_byte : c.end_byte] for c in children] if cache is not None else []
    shadowed = _module_names(children, texts, module, path.endswith("__init__.py"), facts, cache)
    if cache is None:
        assert root is not None
        try:
            parts = [_part(root, pos, shadowed, whole=True)]
        except (RecursionError, MemoryError):  # (a last resort: walks are bounded)
            # again a statement at a time, so that only the statements that fail are lost
            pos.skips = Skips()
            parts = [_safe_part(child, pos, shadowed) for child in children]
    else:
        parts = []
        fresh: dict[tuple, tuple[int, FileFacts, tuple[tuple, ...]]] = {}
        known = cache.parts
        # (methods are kept from the file's second extraction on: by a class edited once,
        # not by every class of the file from its first)
        memo = MethodMemo(cache.methods) if known and cache.keep_methods else None
        for child, text in zip(children, texts, strict=True):
            row, col = child.start_point
            error = child.has_error
            key = (text, child.type, error, col, shadowed)
            # a statement with errors may parse differently in another context: never reuse
            hit = None if error else known.get(key)
            if hit is None:
                if memo is not None:
                    memo.used = []
                part = _safe_part(child, pos, shadowed, memo)
                methods = tuple(memo.used) if memo is not None else ()
            else:
                part = hit[1] if hit[0] == row else _shift_part(hit[1], row - hit[0])
                methods = hit[2]
            fresh[key] = (row, part, methods)
            parts.append(part)
        cache.parts = fresh
        # (the methods of the statements as they are now: those of others are let go)
        if memo is not None:
            kept = memo.known
            cache.methods = {k: kept[k] for _, _, keys in fresh.values() for k in keys if k in kept}
    for part in parts:
        facts.classes.extend(part.classes)
        facts.spec_refs.extend(part.spec_refs)
        facts.suppressions.update(part.suppressions)
        facts.foreign_stores |= part.foreign_stores
        facts.sets_by_name |= part.sets_by_name
        facts.call_args |= part.call_args
        facts.syntax_errors.extend(part.syntax_errors)
        facts.function_facts.extend(part.function_facts)
        facts.constants.extend(part.constants)
        facts.variables.extend(part.variables)
        facts.rebound += part.rebound
        facts.notes.extend(part.notes)
    if facts.sets_by_name:
        facts.foreign_stores |= _passed_keys(children, pos.skips, texts, cache)
    first: dict[str, Span] = {}
    rebound = set(facts.rebound)
    for name, span in facts.variables:
        if name in first:
            rebound.add(name)
        first.setdefault(name, span)
    facts.variables = list(first.items())
    facts.rebound = tuple(sorted(rebound))
    facts.classes.sort(key=lambda c: (c.span.line, c.span.col))
    resolve_calls(facts)
    facts.spec_refs.sort(key=lambda r: (r.span.line, r.span.col))
    facts.syntax_errors = sorted(set(facts.syntax_errors), key=lambda e: (e.line, e.col))[:50]
    hits = None
    if cache is not None:
        dates = dates_imported(facts.imports)
        hits, cache.hits = statement_hits(children, texts, source, dates, cache.hits)
    facts.values = value_source(children, source, facts.imports, hits)
    return facts


def _lines(node: Node) -> Span:
    """The lines of ``node`` (as the span of a note)."""
    return Span(node.start_point[0], 0, node.end_point[0], 0)


def _safe_part(
    node: Node, pos: Positions, shadowed: frozenset[str], memo: MethodMemo | None = None
) -> FileFacts:
    """:func:`_part` of one top-level statement; a statement that exhausts the stack or
    memory all the same (a last resort) is left out with a note, the others still read."""
    try:
        return _part(node, pos, shadowed, memo=memo)
    except (RecursionError, MemoryError):
        part = FileFacts(path="", module="")
        part.notes.append((_lines(node), TOO_COMPLEX))
        return part


def _deep_statements(top: Node) -> list[Node]:
    """The innermost statements of top-level statement ``top`` holding a node deeper than
    :data:`MAX_DEPTH` (none inside another, in source order). Only subtrees with nodes
    enough to reach that deep are walked: in ordinary code, a few nodes of its largest
    statements."""
    found: list[Node] = []
    inside = -1  # the end of the last statement found (what starts before it is in it)
    stack = [(top, 1, top)]  # (node, its depth, the innermost statement holding it)
    while stack:
        node, depth, stmt = stack.pop()
        if node.start_byte < inside:
            continue
        if depth > MAX_DEPTH:
            if not found or found[-1] != stmt:
                found.append(stmt)
            inside = max(inside, stmt.end_byte)
            continue
        # its children are one level down; only the rest of its nodes can be deeper
        if depth + node.descendant_count - node.child_count <= MAX_DEPTH:
            continue
        block = node.type == "block" or node.type == "module"
        for child in reversed(node.children):  # (popped in source order)
            if depth + child.descendant_count > MAX_DEPTH:
                stack.append((child, depth + 1, child if block else stmt))
    found.sort(key=lambda n: (n.start_byte, -n.end_byte))
    out: list[Node] = []
    for stmt in found:  # a statement found after one it holds (its own deep node came later)
        if not out or stmt.start_byte >= out[-1].end_byte:
            out.append(stmt)
    return out


def _part(
    node: Node,
    pos: Positions,
    shadowed: frozenset[str],
    whole: bool = False,
    memo: MethodMemo | None = None,
) -> FileFacts:
    """Facts found in one node: the whole module (``whole``), or one top-level statement
    (its classes' methods from ``memo`` where it holds them)."""
    part = FileFacts(path="", module="")
    for child in node.children if whole else [node]:  # the root itself may be an ERROR
        if child.has_error or child.type == "ERROR" or child.is_missing:
            _errors(child, pos, part)
        if child.descendant_count > MAX_DEPTH:
            for stmt in _deep_statements(child):
                pos.skips.add(stmt)
                part.notes.append((_lines(stmt), TOO_DEEP))
    skips = pos.skips
    # A match in progress waits at the node it started on for the rest of its pattern: down
    # a chain of N subscripts (`a[0][0]…`, each the value of the next) N matches wait at
    # once, and every node below advances them all, quadratic in the depth (5,000 levels:
    # seconds, a 4 MB file: hours). Below MAX_DEPTH every node is in a skipped statement, so
    # no match need start there; its captures just below are dropped by `skips` as well.
    cursor = QueryCursor(QUERY)
    cursor.set_max_start_depth(MAX_DEPTH if whole else MAX_DEPTH - 1)  # (the root: depth 0)
    captures = Captures(cursor.captures(node), pos.source, skips)
    captures.extent = (node.start_byte, node.end_byte)
    for comment in captures.get("comment"):
        spec_comment(comment, pos, part)
    for cls_node in captures.get("class"):
        cls = ClassExtractor(cls_node, pos, shadowed, captures, memo).run()
        if cls is not None:
            part.classes.append(compact(cls))
    _foreign_stores(captures, part)
    statements = node.named_children if whole else [node]
    if skips:
        statements = [child for child in statements if not skips.holds(child)]
    for child in statements:
        target = definition_of(child)
        if target is not None and target.type == "function_definition":
            fn_facts = module_function(target, child, pos, captures, shadowed)
            part.function_facts.append(compact_function(fn_facts))
        if child.type == "expression_statement":
            for expr in child.named_children:
                left = expr.child_by_field_id(F_LEFT) if expr.type == "assignment" else None
                if left is not None and left.type == "identifier":
                    value = literal_text(expr.child_by_field_id(F_RIGHT))
                    if value is not None:
                        part.constants.append((_text(left), value, pos.span(left)))
                for target in targets_of(left) if left is not None else []:
                    if target.type == "identifier":
                        part.variables.append((_text(target), pos.span(target)))
            for expr in child.named_children:
                call = expr.child_by_field_id(F_RIGHT) if expr.type == "assignment" else expr
                if call is not None and call.type == "call":
                    args = call.child_by_field_id(F_ARGUMENTS)
                    for arg in args.named_children if args else []:
                        if arg.type == "identifier":
                            part.call_args.add(_text(arg))
    for child in statements:
        if child.type in _COMPOUND:  # `try: X = 1 except: X = 2`: X is not a constant
            part.rebound += tuple(_compound_bindings(child))
    for g in captures.get("global"):  # `global X` in a function: X is not a constant
        part.rebound += tuple(_text(c) for c in g.named_children if c.type == "identifier")
    attach_refs(part)  # (a reference in a class is in the class's top-level statement)
    return part


_COMPOUND = frozenset(
    {"if_statement", "try_statement", "with_statement", "for_statement", "while_statement"}
)


def _compound_bindings(node: Node) -> Iterator[str]:
    """Names assigned in a module-level ``if``/``try``/``with``/loop, outside defs and classes."""
    todo = [node]
    while todo:
        n = todo.pop()
        if n.type in ("function_definition", "class_definition", "decorated_definition"):
            continue
        if n.type in ("assignment", "augmented_assignment"):
            for target in targets_of(n.child_by_field_id(F_LEFT)):
                if target.type == "identifier":
                    yield _text(target)
        todo.extend(n.named_children)


def _shift_part(part: FileFacts, delta: int) -> FileFacts:
    moved = shifted(part, delta)
    moved.suppressions = {line + delta: codes for line, codes in part.suppressions.items()}
    return moved


#: Names the value tables of :mod:`specls.kinds` know, with the import that binds them to
#: what the tables mean: ``from datetime import datetime`` does not shadow ``datetime``.
_STDLIB_NAMES = {
    "datetime": ("datetime.datetime", "datetime"),
    "date": ("datetime.date",),
    "timedelta": ("datetime.timedelta",),
    "Path": ("pathlib.Path",),
    "Decimal": ("decimal.Decimal",),
    "UUID": ("uuid.UUID",),
    **{f"uuid{n}": (f"uuid.uuid{n}",) for n in (1, 3, 4, 5)},
    **{m: (m,) for m in ("os", "json", "tempfile", "time", "pathlib", "decimal", "uuid")},
}


#: Names imported from collections that keep their meaning (they never shadow the kinds).
_COLLECTIONS = frozenset({"defaultdict", "OrderedDict", "Counter", "deque"})


def _module_names(
    children: list[Node],
    texts: list[bytes],
    module: str,
    is_package: bool,
    facts: FileFacts,
    cache: ChunkCache | None,
) -> frozenset[str]:
    """The module's top-level names (see :func:`_statement_names`): its imports and functions
    go into ``facts``, the names (which may shadow builtins) are returned. With ``cache``,
    each statement is looked up by its source (``texts``), and read only when it changed."""
    names: set[str] = set()
    known = cache.names if cache is not None else None
    fresh: dict[tuple, _Names] = {}
    package = module.split(".") if is_package else module.split(".")[:-1]
    for i, child in enumerate(children):
        if not child.is_named:
            continue
        found = None
        if known is not None:
            key = (texts[i], child.type, module)
            found = known.get(key)
            if found is None:
                found = _statement_names(child, package)
            fresh[key] = found
        else:
            found = _statement_names(child, package)
        bound, imports, function = found
        names.update(bound)
        facts.imports.update(imports)
        if function is not None:
            facts.functions.append(function)
    shadowed = frozenset(names - _COLLECTIONS)
    if cache is not None:
        cache.names = fresh
        if shadowed == cache.shadowed:
            shadowed = cache.shadowed
        cache.shadowed = shadowed
    return shadowed


def _statement_names(child: Node, package: list[str]) -> _Names:
    """What top-level statement ``child`` binds: names bound by import, def, class or
    assignment, and ``enum:NAME`` for a class that is a plain ``Enum``; its imports as local
    name -> dotted origin (relative imports made absolute in ``package``); the name of the
    function it defines."""
    names: set[str] = set()
    imports: tuple[tuple[str, str], ...] = ()
    function = None
    target = definition_of(child)
    if target is not None:
        name = _text(target.child_by_field_id(F_NAME))
        names.add(name)
        if target.type == "class_definition" and _plain_enum(target):
            names.add(f"{ENUM_PREFIX}{name}")
        elif target.type == "function_definition":
            function = name
    elif child.type in ("import_statement", "import_from_statement"):
        module = child.child_by_field_id(F_MODULE_NAME)
        prefix = f"{_text(module)}." if module is not None else ""
        for n in child.named_children:
            if n.type == "aliased_import":
                names.add(_text(n.child_by_field_id(F_ALIAS)))
            elif n.type == "dotted_name" and n != module:
                name = _text(n).split(".")[0]
                if f"{prefix}{name}" not in _STDLIB_NAMES.get(name, ()):
                    names.add(name)
        imports = tuple(_imports(child, package))
    elif child.type == "expression_statement" and child.named_child_count:
        a = child.named_children[0]
        if a.type == "assignment" and a.child_by_field_id(F_LEFT).type == "identifier":
            names.add(_text(a.child_by_field_id(F_LEFT)))
    return frozenset(names), imports, function


def _plain_enum(node: Node) -> bool:
    """``class Color(Enum)``: members never equal their values (``str, Enum``, ``StrEnum``
    and ``IntEnum`` members do)."""
    supers = node.child_by_field_id(F_SUPERCLASSES)
    args = supers.named_children if supers is not None else []
    return len(args) == 1 and _text(args[0]) in ("Enum", "enum.Enum")


def _imports(child: Node, package: list[str]) -> Iterator[tuple[str, str]]:
    """An import statement's names as (local name, dotted origin), relative imports made
    absolute in ``package``."""
    if child.type == "import_from_statement":
        mod_node = child.child_by_field_id(F_MODULE_NAME)
        mod = _text(mod_node)
        if mod.startswith("."):
            dots = len(mod) - len(mod.lstrip("."))
            base = package[: len(package) - (dots - 1)] if dots - 1 <= len(package) else []
            mod = ".".join([*base, mod.lstrip(".")] if mod.lstrip(".") else base)
        for n in child.named_children:
            if n == mod_node:
                continue
            if n.type == "aliased_import":
                yield (
                    _text(n.child_by_field_id(F_ALIAS)),
                    (f"{mod}.{_text(n.child_by_field_id(F_NAME))}"),
                )
            elif n.type == "dotted_name":
                yield _text(n), f"{mod}.{_text(n)}"
    elif child.type == "import_statement":
        for n in child.named_children:
            if n.type == "aliased_import":
                yield _text(n.child_by_field_id(F_ALIAS)), _text(n.child_by_field_id(F_NAME))


def _foreign_stores(captures: Captures, facts: FileFacts) -> None:
    """Record ``obj.name = ...`` where obj is not the ``self`` of the enclosing method.

    Such names may be set from outside the class (or on a fresh instance in a classmethod:
    ``self = object.__new__(cls); self._x = 1``). Stores through ``self`` were recorded by
    the class extractor (``captures.self_uses``).
    """
    for store in captures.get("store"):
        obj, attr = store.child_by_field_id(F_OBJECT), store.child_by_field_id(F_ATTRIBUTE)
        if obj is None or attr is None:
            continue
        if store.start_byte in captures.self_uses and obj.type == "identifier":
            continue
        if name := _text(attr):
            facts.foreign_stores.add(name)
    for call in captures.get("setattr"):
        args = call.child_by_field_id(F_ARGUMENTS)
        named = args.named_children if args else []
        if len(named) > 1 and (name := string_value(named[1])):
            facts.foreign_stores.add(name)
    for call in captures.get("bcall"):  # `setattr(state, key, value)`
        if facts.sets_by_name or _text(call.child_by_field_id(F_FUNCTION)) != "setattr":
            continue
        args = call.child_by_field_id(F_ARGUMENTS)
        named = args.named_children if args else []
        if len(named) == 3 and named[1].type != "string" and _text(named[0]) != "self":
            facts.sets_by_name = True


@cache
def _passed_dicts() -> Query:
    """Dicts passed to calls: ``f(settings={"format": x})``, ``f({"format": x})`` (compiled
    when first wanted: a compile at import cost every process that extracts 11M
    instructions, for the few files that set attributes by computed names)."""
    return Query(
        LANGUAGE,
        """
        (keyword_argument value: (dictionary) @dict)
        (argument_list (dictionary) @dict)
        """,
    )


def _passed_keys(
    children: list[Node], skips: Skips | None, texts: list[bytes], cache: ChunkCache | None
) -> set[str]:
    """The str keys, names all, of dicts passed to calls in ``children``: a file that sets
    attributes by computed names may set these (``setattr(state, key, value)`` for each
    item of a ``settings`` parameter). With ``cache`` (``texts``, the statements' sources),
    those of a statement whose source is unchanged are taken from there: an editor's
    keystroke in such a file ran the query over every statement of it (Django's
    ``db/models/fields/__init__.py``: 7 ms)."""
    out: set[str] = set()
    known = cache.passed if cache is not None else {}
    fresh: dict[bytes, frozenset[str]] = {}
    for i, child in enumerate(children):
        if skips and skips.holds(child):
            continue
        text = texts[i] if cache is not None else b""
        error = child.has_error  # (a statement with errors may parse otherwise elsewhere)
        found = known.get(text) if cache is not None and not error else None
        if found is None:
            found = _dict_keys(child)
        if cache is not None and not error:
            fresh[text] = found
        out |= found
    if cache is not None:
        cache.passed = fresh
    return out


def _dict_keys(statement: Node) -> frozenset[str]:
    """The str keys, names all, of the dicts passed to calls in ``statement``."""
    out = set()
    cursor = QueryCursor(_passed_dicts())
    cursor.set_max_start_depth(MAX_DEPTH - 1)
    for node in cursor.captures(statement).get("dict", []):
        for pair in node.named_children:
            key = pair.child_by_field_id(F_KEY) if pair.type == "pair" else None
            name = string_value(key) if key is not None and key.type == "string" else None
            if name and name.isidentifier():
                out.add(name)
    return frozenset(out)


def _errors(root: Node, pos: Positions, facts: FileFacts) -> None:
    """The outermost ``ERROR`` nodes in top-level statement ``root`` and the ``MISSING``
    ones outside them, down to :data:`MAX_DEPTH`; an error only deeper (in a statement that
    is skipped) is reported as ``root``."""
    cursor = QueryCursor(error_query())
    # (unbounded, the cursor stalls for minutes past 65,535 levels: 50,000 nested f-strings)
    cursor.set_max_start_depth(MAX_DEPTH - 1)
    found = cursor.captures(root)
    nodes = [*found.get("error", ()), *found.get("missing", ())] or [root]
    nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))
    inside = -1  # the end of the last error reported: what starts before it is in it
    for node in nodes:
        if node.start_byte < inside:
            continue
        facts.syntax_errors.append(pos.span(node))
        inside = max(inside, node.end_byte)
