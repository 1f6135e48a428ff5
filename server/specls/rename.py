"""Rename a symbol across the workspace: which names change, found with libcst.

The workspace facts (tree-sitter) say *what* the symbol is; libcst's scope analysis finds
*every place* its name is written, so the edit is exact: each occurrence is replaced where it
stands and nothing else in the file moves. The result is a :class:`RenamePlan` of text edits
per file, which the CLI writes and the language server sends as a ``WorkspaceEdit``.

What is renamed, by kind of symbol:

- a module-level class, function, constant or variable: its definition, every use in its
  module (by scope, so a local of the same name is left alone), ``global`` statements,
  ``__all__`` entries, and in other modules the ``from m import name`` imports, the uses of
  the name they bind, and ``m.name`` through ``import m``; re-exports are followed.
- a method or attribute: its definitions in the class, in the workspace classes it overrides
  or is overridden by, ``self.name`` / ``cls.name`` / ``super().name`` in their methods,
  ``Class.name``, uses through a variable annotated with (or assigned an instance of) one of
  those classes, ``__slots__`` and docstring ``Attributes:`` entries. ``x.name`` on a value
  whose class specls cannot tell is *not* renamed: it is listed in ``unsure``.
- a parameter: the parameter, its uses in the function, its docstring entry and the keyword
  arguments of calls that specls can tell call that function.

Decisions in the spec whose target names the symbol are retargeted (``retargets``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider, ScopeProvider

from specls.facts import Span
from specls.index import ClassRef, WorkspaceIndex
from specls.naming import is_identifier
from specls.records import field, record
from specls.spec.load import Spec
from specls.symbols import Symbol

#: Reads a workspace file's text (an editor buffer or the disk); None when unreadable.
Reader = Callable[[str], "str | None"]


class RenameError(Exception):
    """Why a rename cannot be done; the message is for the user."""


@record()
class RenamePlan:
    """The edits of one rename: per file, (span, new text) in code points."""

    symbol: Symbol
    new_name: str
    edits: dict[str, list[tuple[Span, str]]] = field(default_factory=dict)
    #: ``x.name`` where x's class is unknown: left unchanged, shown to the user.
    unsure: list[tuple[str, Span]] = field(default_factory=list)
    #: Files that mention the name but could not be parsed (left unchanged).
    skipped: list[str] = field(default_factory=list)
    #: Spec decisions to retarget: (decision id, old target, new target).
    retargets: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, path: str, span: Span, text: str) -> None:
        spans = self.edits.setdefault(path, [])
        if all(s != span for s, _ in spans):
            spans.append((span, text))

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.edits.values())


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def apply_edits(text: str, edits: list[tuple[Span, str]]) -> str:
    """``text`` with non-overlapping span replacements applied (lines end at ``\n``, ``\r\n``
    or ``\r``, as Python and libcst count them)."""
    lines = _LINES.findall(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, col: int) -> int:
        return starts[min(line, len(lines))] + col

    out = text
    for span, new in sorted(edits, key=lambda e: (e[0].line, e[0].col), reverse=True):
        a, b = offset(span.line, span.col), offset(span.end_line, span.end_col)
        out = out[:a] + new + out[b:]
    return out


# -- parsed files ------------------------------------------------------------------------------


class _File:
    """One file parsed by libcst, with scopes, positions, parents and the nodes we look at."""

    def __init__(self, path: str, text: str, module: str) -> None:
        self.path = path
        self.module = module
        self.is_package = path.endswith("__init__.py")
        self.tree = cst.parse_module(text)
        wrapper = MetadataWrapper(self.tree, unsafe_skip_copy=True)
        self.scopes = wrapper.resolve(ScopeProvider)
        self.positions = wrapper.resolve(PositionProvider)
        self.parents = wrapper.resolve(ParentNodeProvider)
        collector = _Collector()
        self.tree.visit(collector)
        self.names = collector.names
        self.attributes = collector.attributes
        self.import_froms = collector.import_froms
        self.classes = collector.classes
        self.functions = collector.functions
        self.globals = collector.globals
        self.strings = collector.strings

    def span(self, node: cst.CSTNode) -> Span:
        r = self.positions[node]
        return Span(r.start.line - 1, r.start.column, r.end.line - 1, r.end.column)

    def qualname(self, node: cst.ClassDef | cst.FunctionDef) -> str:
        parts = [node.name.value]
        parent = self.parents.get(node)
        while parent is not None:
            if isinstance(parent, cst.ClassDef | cst.FunctionDef):
                parts.append(parent.name.value)
            parent = self.parents.get(parent)
        return ".".join(reversed(parts))

    def absolute(self, node: cst.ImportFrom) -> str:
        """The module an ``from ... import`` reads, relative dots resolved."""
        name = _dotted(node.module) if node.module is not None else ""
        dots = len(node.relative)
        if not dots:
            return name
        parts = self.module.split(".") if self.module else []
        if not self.is_package:
            parts = parts[:-1]
        parts = parts[: len(parts) - (dots - 1)] if dots > 1 else parts
        return ".".join([*parts, name] if name else parts)

    def origin(self, name: cst.Name) -> str | None:
        """The dotted origin of a name bound by an import (``m`` → ``pkg.mod``)."""
        scope = self.scopes.get(name)
        if scope is None:
            return None
        for a in scope[name.value]:
            node = getattr(a, "node", None)
            if isinstance(node, cst.Import):
                for alias in node.names:
                    dotted = _dotted(alias.name)
                    if alias.asname is not None:
                        if _as_name(alias) == name.value:
                            return dotted
                    elif dotted.split(".")[0] == name.value:
                        return name.value
            elif isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    local = _as_name(alias) if alias.asname else _dotted(alias.name)
                    if local == name.value:
                        return f"{self.absolute(node)}.{_dotted(alias.name)}".lstrip(".")
        return None

    def chain(self, node: cst.BaseExpression) -> str | None:
        """The dotted meaning of ``a.b.c`` after resolving ``a`` through imports."""
        parts: list[str] = []
        while isinstance(node, cst.Attribute):
            parts.append(node.attr.value)
            node = node.value
        if not isinstance(node, cst.Name):
            return None
        head = self.origin(node)
        if head is None:
            return None
        return ".".join([head, *reversed(parts)])

    def enclosing(self, node: cst.CSTNode, kind: type) -> cst.CSTNode | None:
        parent = self.parents.get(node)
        while parent is not None and not isinstance(parent, kind):
            parent = self.parents.get(parent)
        return parent


class _Collector(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: list[cst.Name] = []
        self.attributes: list[cst.Attribute] = []
        self.import_froms: list[cst.ImportFrom] = []
        self.classes: list[cst.ClassDef] = []
        self.functions: list[cst.FunctionDef] = []
        self.globals: list[cst.Global] = []
        self.strings: list[cst.SimpleString] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attributes.append(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.import_froms.append(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)

    def visit_Global(self, node: cst.Global) -> None:
        self.globals.append(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.strings.append(node)


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _as_name(alias: cst.ImportAlias) -> str:
    asname = alias.asname
    return _dotted(asname.name) if asname is not None and isinstance(asname.name, cst.Name) else ""


# -- the plan ------------------------------------------------------------------------------------


def plan_rename(
    index: WorkspaceIndex,
    symbol: Symbol,
    new_name: str,
    read: Reader,
    spec: Spec | None = None,
) -> RenamePlan:
    """Every edit that renames ``symbol`` to ``new_name``; raises :class:`RenameError` when
    the rename cannot be done safely (a clash, a syntax error in its file ...)."""
    if not is_identifier(new_name):
        raise RenameError(f"`{new_name}` is not a valid Python name")
    if new_name == symbol.name:
        raise RenameError(f"the {symbol.kind} is already named `{new_name}`")
    if symbol.kind == "module":
        raise RenameError("renaming modules is not supported: move the file instead")
    if symbol.cls is not None and "." in symbol.cls.cls.qualname:
        raise RenameError("renaming in nested classes is not supported yet")
    session = _Session(index, read)
    plan = RenamePlan(symbol, new_name)
    if symbol.kind == "parameter":
        _rename_parameter(session, plan)
    elif symbol.cls is not None and symbol.kind != "class":
        _rename_member(session, plan)
    else:
        _rename_global(session, plan)
    plan.skipped = sorted(session.skipped)
    if spec is not None:
        plan.retargets = list(_retargets(index, spec, plan))
    return plan


class _Session:
    """Parses workspace files on demand, only those whose text holds the name."""

    def __init__(self, index: WorkspaceIndex, read: Reader) -> None:
        self.index = index
        self.read = read
        self.parsed: dict[str, _File | None] = {}
        self.skipped: set[str] = set()

    def file(self, path: str, required: bool = False) -> _File | None:
        if path not in self.parsed:
            text = self.read(path)
            facts = self.index.files.get(path)
            module = facts.module if facts is not None else ""
            parsed = None
            if text is not None:
                try:
                    parsed = _File(path, text, module)
                except cst.ParserSyntaxError:
                    self.skipped.add(path)
            self.parsed[path] = parsed
        parsed = self.parsed[path]
        if parsed is None and required:
            raise RenameError(f"{path} cannot be read or has a syntax error; fix it first")
        return parsed

    def files_mentioning(self, name: str) -> Iterator[_File]:
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        for path in sorted(self.index.files):
            text = self.read(path)
            if text is not None and pattern.search(text):
                f = self.file(path)
                if f is not None:
                    yield f


# -- module-level names ----------------------------------------------------------------------------


def _rename_global(session: _Session, plan: RenamePlan) -> None:
    symbol, old, new = plan.symbol, plan.symbol.name, plan.new_name
    home = session.file(symbol.path, required=True)
    assert home is not None
    top = home.scopes[home.tree]
    assignments = list(top.assignments[old])
    if any(isinstance(a.node, cst.Import | cst.ImportFrom) for a in assignments):
        raise RenameError(f"`{old}` is also imported in `{symbol.module}`")
    if top.assignments[new] or any(a.node for a in top.accesses[new]):
        raise RenameError(f"`{new}` is already used in `{symbol.module}`")
    for a in assignments:
        _rename_binding(home, plan, a.node, old)
        for r in a.references:
            if isinstance(r.node, cst.Name) and r.node.value == old:
                plan.add(home.path, home.span(r.node), new)
    for g in home.globals:
        for item in g.names:
            if item.name.value == old:
                plan.add(home.path, home.span(item.name), new)
    _rename_all_entries(home, plan)
    exporters = {symbol.module}
    done: set[int] = set()
    files = [f for f in session.files_mentioning(old) if f.path != home.path]
    changed = True
    while changed:  # follow re-exports: `from .mod import name` in a package __init__
        changed = False
        for f in files:
            for node in f.import_froms:
                if id(node) in done or f.absolute(node) not in exporters:
                    continue
                if isinstance(node.names, cst.ImportStar):
                    continue
                for alias in node.names:
                    if _dotted(alias.name) != old:
                        continue
                    done.add(id(node))
                    plan.add(f.path, f.span(alias.name), new)
                    if alias.asname is not None:
                        continue
                    scope = f.scopes.get(node)
                    for a in scope.assignments[old] if scope is not None else []:
                        if a.node is node:
                            for r in a.references:
                                if isinstance(r.node, cst.Name) and r.node.value == old:
                                    plan.add(f.path, f.span(r.node), new)
                    if f.parents.get(f.parents.get(node)) is f.tree:
                        _rename_all_entries(f, plan)
                        if f.module:
                            changed = changed or f.module not in exporters
                            exporters.add(f.module)
    for f in [home, *files]:
        for attr in f.attributes:
            if attr.attr.value == old and f.chain(attr.value) in exporters:
                plan.add(f.path, f.span(attr.attr), new)


def _rename_binding(f: _File, plan: RenamePlan, node: cst.CSTNode, old: str) -> None:
    if isinstance(node, cst.FunctionDef | cst.ClassDef):
        plan.add(f.path, f.span(node.name), plan.new_name)
    elif isinstance(node, cst.Name) and node.value == old:
        plan.add(f.path, f.span(node), plan.new_name)


def _rename_all_entries(f: _File, plan: RenamePlan) -> None:
    """``"old"`` in the module's ``__all__``."""
    for s in f.strings:
        if s.evaluated_value != plan.symbol.name:
            continue
        owner = f.enclosing(s, cst.Assign | cst.AugAssign | cst.AnnAssign)
        target = getattr(owner, "target", None) or (
            owner.targets[0].target if isinstance(owner, cst.Assign) else None
        )
        if isinstance(target, cst.Name) and target.value == "__all__":
            _rename_string(f, plan, s)


def _rename_string(f: _File, plan: RenamePlan, s: cst.SimpleString) -> None:
    span = f.span(s)
    quote = len(s.prefix) + len(s.quote)
    plan.add(
        f.path,
        Span(span.line, span.col + quote, span.line, span.end_col - len(s.quote)),
        plan.new_name,
    )


# -- class members -------------------------------------------------------------------------------


def _family(index: WorkspaceIndex, ref: ClassRef, attr: str) -> list[ClassRef]:
    """The classes that share the member: those defining it up the hierarchy, and all their
    subclasses. A private ``__name`` is the class's own (mangled): the class alone."""
    if attr.startswith("__") and not attr.endswith("__"):
        return [ref]
    roots = [c for c in [ref, *index.bases(ref).classes] if _defines(c, attr)] or [ref]
    out: dict[tuple[str, str], ClassRef] = {}
    for root in roots:
        for c in [root, *index.subclasses(root)]:
            out.setdefault(c.key, c)
    return list(out.values())


def _defines(ref: ClassRef, attr: str) -> bool:
    cls = ref.cls
    return attr in cls.class_names or attr in cls.writes or any(c.attr == attr for c in cls.claims)


def _rename_member(session: _Session, plan: RenamePlan) -> None:
    symbol, old, new = plan.symbol, plan.symbol.name, plan.new_name
    ref = symbol.cls
    assert ref is not None
    stored = _stored_name(ref, old)
    family = _family(session.index, ref, stored)
    for c in family:
        stored_new = _stored_name(c, new) if new.startswith("__") else new
        if _defines(c, stored_new) or stored_new in c.cls.methods:
            raise RenameError(f"`{new}` is already a member of `{c.dotted}`")
    by_file: dict[str, set[str]] = {}
    for c in family:
        by_file.setdefault(c.file.path, set()).add(c.cls.qualname)
    names, dotted = _class_names(session.index, family)
    handled: set[int] = set()
    for path, qualnames in by_file.items():
        f = session.file(path, required=path == symbol.path)
        if f is None:
            continue
        for cdef in f.classes:
            if f.qualname(cdef) in qualnames:
                _rename_in_class(f, plan, cdef, handled)
    for f in session.files_mentioning(old):
        for attr in f.attributes:
            if attr.attr.value != old or id(attr) in handled:
                continue
            receiver = attr.value
            if _is_family_class(f, receiver, names, dotted) or _typed_receiver(
                f, receiver, names, dotted
            ):
                plan.add(f.path, f.span(attr.attr), new)
            elif not _elsewhere(f, attr, receiver):
                plan.unsure.append((f.path, f.span(attr.attr)))


def _class_names(index: WorkspaceIndex, family: list[ClassRef]) -> tuple[set[str], set[str]]:
    """The local and dotted names the classes go by, re-exports (``from .cart import Cart``
    in a package ``__init__``) included."""
    dotted = {c.dotted for c in family}
    names = {c.cls.name for c in family}
    grew = True
    while grew:
        grew = False
        for facts in index.files.values():
            for local, origin in facts.imports.items():
                alias = f"{facts.module}.{local}" if facts.module else local
                if origin in dotted and alias not in dotted:
                    dotted.add(alias)
                    names.add(local)
                    grew = True
    return names, dotted


def _stored_name(ref: ClassRef, name: str) -> str:
    """The name as facts store it (mangled for ``__x``)."""
    if name.startswith("__") and not name.endswith("__"):
        owner = ref.cls.name.lstrip("_")
        return f"_{owner}{name}" if owner else name
    return name


def _rename_in_class(f: _File, plan: RenamePlan, cdef: cst.ClassDef, handled: set[int]) -> None:
    old, new = plan.symbol.name, plan.new_name
    body = cdef.body.body
    if body:
        scope = f.scopes.get(body[0])
        if scope is not None:  # class-level definitions and uses (`@old.setter`, `x = old`)
            for a in scope.assignments[old]:
                _rename_binding(f, plan, a.node, old)
                for r in a.references:
                    if isinstance(r.node, cst.Name) and r.node.value == old:
                        plan.add(f.path, f.span(r.node), new)
    for fn in f.functions:
        if f.enclosing(fn, cst.ClassDef) is not cdef:
            continue
        selfname = _self_name(fn) if f.parents.get(f.parents.get(fn)) is cdef else None
        for attr in _attributes_in(f, fn):
            if attr.attr.value != old:
                continue
            v = attr.value
            if (
                (isinstance(v, cst.Name) and selfname and v.value in (selfname, cdef.name.value))
                or _is_super_call(v)
                or _is_type_of_self(v, selfname)
            ):
                plan.add(f.path, f.span(attr.attr), new)
                handled.add(id(attr))
    if plan.symbol.kind != "method":
        _rename_doc_entries(f, plan, cdef.body, _ATTRIBUTE_ENTRY)
    for s in f.strings:  # __slots__ = ("old", ...)
        if s.evaluated_value != old or f.enclosing(s, cst.ClassDef) is not cdef:
            continue
        assign = f.enclosing(s, cst.Assign)
        if isinstance(assign, cst.Assign) and any(
            isinstance(t.target, cst.Name) and t.target.value == "__slots__" for t in assign.targets
        ):
            _rename_string(f, plan, s)


def _attributes_in(f: _File, fn: cst.FunctionDef) -> Iterator[cst.Attribute]:
    for attr in f.attributes:
        if _inside(f, attr, fn):
            yield attr


def _elsewhere(f: _File, attr: cst.Attribute, receiver: cst.BaseExpression) -> bool:
    """Certainly not one of the classes: ``self.x`` in another class's method, or ``m.x``
    on an imported module."""
    if isinstance(receiver, cst.Attribute | cst.Name) and f.chain(receiver) is not None:
        return True
    if not isinstance(receiver, cst.Name):
        return False
    fn = f.enclosing(attr, cst.FunctionDef)
    while fn is not None:
        if isinstance(f.parents.get(f.parents.get(fn)), cst.ClassDef):
            return _self_name(fn) == receiver.value  # type: ignore[union-attr]
        fn = f.enclosing(fn, cst.FunctionDef)
    return False


def _inside(f: _File, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
    parent = f.parents.get(node)
    while parent is not None:
        if parent is outer:
            return True
        if isinstance(parent, cst.ClassDef):
            return False
        parent = f.parents.get(parent)
    return False


def _self_name(fn: cst.FunctionDef) -> str | None:
    if any(_dotted(d.decorator) == "staticmethod" for d in fn.decorators):
        return None
    params = [*fn.params.posonly_params, *fn.params.params]
    return params[0].name.value if params else None


def _is_super_call(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Call) and _dotted(node.func) == "super"


def _is_type_of_self(node: cst.BaseExpression, selfname: str | None) -> bool:
    if not selfname:
        return False
    if isinstance(node, cst.Call) and _dotted(node.func) == "type" and len(node.args) == 1:
        return _dotted(node.args[0].value) == selfname
    return isinstance(node, cst.Attribute) and _dotted(node) == f"{selfname}.__class__"


def _is_family_class(f: _File, node: cst.BaseExpression, names: set[str], dotted: set[str]) -> bool:
    """``Cart`` (defined here or imported) or ``shop.Cart`` naming one of the classes."""
    if isinstance(node, cst.Name):
        if node.value not in names:
            return False
        origin = f.origin(node)
        if origin is not None:
            return origin in dotted
        return any(d == f"{f.module}.{node.value}" or d == node.value for d in dotted)
    if isinstance(node, cst.Attribute):
        return f.chain(node) in dotted
    return False


def _typed_receiver(f: _File, node: cst.BaseExpression, names: set[str], dotted: set[str]) -> bool:
    """A variable annotated with one of the classes, or assigned ``Cls(...)``."""
    if not isinstance(node, cst.Name):
        return False
    scope = f.scopes.get(node)
    if scope is None:
        return False
    assignments = list(scope[node.value])
    if not assignments:
        return False
    for a in assignments:
        binding = a.node
        if isinstance(binding, cst.Param):
            ann = binding.annotation
            if ann is None or not _is_family_class(f, _unwrap(ann.annotation), names, dotted):
                return False
        elif isinstance(binding, cst.Name):
            parent = f.parents.get(binding)
            if isinstance(parent, cst.AssignTarget):
                parent = f.parents.get(parent)
            value = getattr(parent, "value", None)
            annotation = getattr(parent, "annotation", None)
            if annotation is not None and _is_family_class(
                f, _unwrap(annotation.annotation), names, dotted
            ):
                continue
            if not (isinstance(value, cst.Call) and _is_family_class(f, value.func, names, dotted)):
                return False
        else:
            return False
    return True


def _unwrap(node: cst.BaseExpression) -> cst.BaseExpression:
    """``Optional[Cart]`` and ``Cart | None`` → ``Cart``."""
    if isinstance(node, cst.Subscript) and _dotted(node.value).rsplit(".", 1)[-1] == "Optional":
        element = node.slice[0].slice
        if isinstance(element, cst.Index):
            return element.value
    if (
        isinstance(node, cst.BinaryOperation)
        and isinstance(node.operator, cst.BitOr)
        and isinstance(node.right, cst.Name)
        and node.right.value == "None"
    ):
        return node.left
    return node


# -- parameters ----------------------------------------------------------------------------------


def _rename_parameter(session: _Session, plan: RenamePlan) -> None:
    symbol, old, new = plan.symbol, plan.symbol.name, plan.new_name
    f = session.file(symbol.path, required=True)
    assert f is not None
    param = next(
        (
            p
            for fn in f.functions
            for p in _all_params(fn)
            if p.name.value == old
            and f.span(p.name).line == symbol.span.line
            and f.span(p.name).col == symbol.span.col
        ),
        None,
    )
    if param is None:
        raise RenameError(f"cannot find parameter `{old}` in {symbol.path}; save the file first")
    fn = f.enclosing(param, cst.FunctionDef)
    assert isinstance(fn, cst.FunctionDef)
    if any(p.name.value == new for p in _all_params(fn)):
        raise RenameError(f"`{fn.name.value}` already has a parameter `{new}`")
    scope = f.scopes.get(fn.body.body[0]) if fn.body.body else None
    if scope is not None and (scope.assignments[new] or scope.accesses[new]):
        raise RenameError(f"`{new}` is already used in `{fn.name.value}`")
    plan.add(f.path, f.span(param.name), new)
    if scope is not None:
        for a in scope.assignments[old]:
            if a.node is param:
                for r in a.references:
                    if isinstance(r.node, cst.Name) and r.node.value == old:
                        plan.add(f.path, f.span(r.node), new)
    _rename_doc_entries(f, plan, fn.body, _PARAM_ENTRY)
    _rename_keywords(session, plan, f, fn)


def _all_params(fn: cst.FunctionDef) -> list[cst.Param]:
    p = fn.params
    out = [*p.posonly_params, *p.params, *p.kwonly_params]
    return [x for x in out if isinstance(x.name, cst.Name)]


def _rename_keywords(session: _Session, plan: RenamePlan, home: _File, fn: cst.FunctionDef) -> None:
    """``f(old=...)`` at calls that certainly call this function."""
    old, new = plan.symbol.name, plan.new_name
    symbol = plan.symbol
    fname = fn.name.value
    if symbol.cls is None:
        target = f"{symbol.module}.{fname}"
        top = home.scopes[home.tree]
        local_refs = {
            id(r.node) for a in top.assignments[fname] if a.node is fn for r in a.references
        }
    else:
        target = None
        local_refs = set()
        family = _family(session.index, symbol.cls, fname)
        names, dotted = _class_names(session.index, family)
    for f in session.files_mentioning(fname):
        for call in _calls(f):
            func = call.func
            if symbol.cls is None:
                sure = (f is home and id(func) in local_refs) or (
                    f is not home
                    and (
                        (isinstance(func, cst.Name) and f.origin(func) == target)
                        or (isinstance(func, cst.Attribute) and f.chain(func) == target)
                    )
                )
                unsure = False
            else:
                if not (isinstance(func, cst.Attribute) and func.attr.value == fname):
                    continue
                v = func.value
                sure = (
                    _is_family_class(f, v, names, dotted)
                    or _typed_receiver(f, v, names, dotted)
                    or _is_self_in(f, call, v, family)
                )
                unsure = not sure
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value == old:
                    if sure:
                        plan.add(f.path, f.span(arg.keyword), new)
                    elif unsure:
                        plan.unsure.append((f.path, f.span(arg.keyword)))


def _calls(f: _File) -> Iterator[cst.Call]:
    for name in f.names:  # every call's function is a Name or ends in one
        parent = f.parents.get(name)
        node: cst.CSTNode = name
        if isinstance(parent, cst.Attribute) and parent.attr is name:
            node, parent = parent, f.parents.get(parent)
        if isinstance(parent, cst.Call) and parent.func is node:
            yield parent


def _is_self_in(f: _File, call: cst.Call, v: cst.BaseExpression, family: list[ClassRef]) -> bool:
    """``self.m(...)`` inside a method of one of the classes."""
    if not isinstance(v, cst.Name) and not _is_super_call(v):
        return False
    cdef = f.enclosing(call, cst.ClassDef)
    if not isinstance(cdef, cst.ClassDef):
        return False
    if not any(c.file.path == f.path and c.cls.qualname == f.qualname(cdef) for c in family):
        return False
    if _is_super_call(v):
        return True
    fn = f.enclosing(call, cst.FunctionDef)
    while fn is not None and f.parents.get(f.parents.get(fn)) is not cdef:
        fn = f.enclosing(fn, cst.FunctionDef)
    return isinstance(fn, cst.FunctionDef) and _self_name(fn) == v.value  # type: ignore[union-attr]


# -- docstrings ----------------------------------------------------------------------------------

#: An entry naming ``{name}``: Google/NumPy ``name (type): ...`` or ``name : type``.
_PARAM_ENTRY = (
    r"(?m)^(?P<pre>[ \t]*\*{{0,2}})(?P<name>{name})(?=[ \t]*(\([^)\n]*\))?[ \t]*:)"
    r"|(?P<pre2>:(?:param|type|keyword|kwarg|arg|argument)[ \t]+(?:[^:\n]*[ \t])?)"
    r"(?P<name2>{name})(?=[ \t]*:)"
)
_ATTRIBUTE_ENTRY = (
    r"(?m)^(?P<pre>[ \t]*)(?P<name>{name})(?=[ \t]*(\([^)\n]*\))?[ \t]*:)"
    r"|(?P<pre2>:(?:ivar|vartype|cvar|var)[ \t]+(?:[^:\n]*[ \t])?)(?P<name2>{name})(?=[ \t]*:)"
)


def _rename_doc_entries(f: _File, plan: RenamePlan, body: cst.BaseSuite, template: str) -> None:
    """The name's entries in the docstring that opens ``body``."""
    if not isinstance(body, cst.IndentedBlock) or not body.body:
        return
    first = body.body[0]
    if not (isinstance(first, cst.SimpleStatementLine) and first.body):
        return
    expr = first.body[0]
    if not (isinstance(expr, cst.Expr) and isinstance(expr.value, cst.SimpleString)):
        return
    s = expr.value
    raw = s.value
    if "\\" in raw:  # escapes shift columns; leave such docstrings alone
        return
    start = f.span(s)
    pattern = re.compile(template.format(name=re.escape(plan.symbol.name)))
    for m in pattern.finditer(raw):
        group = "name" if m.group("name") is not None else "name2"
        offset = m.start(group)
        line = raw.count("\n", 0, offset)
        col = offset - (raw.rfind("\n", 0, offset) + 1) + (start.col if line == 0 else 0)
        span = Span(start.line + line, col, start.line + line, col + len(m.group(group)))
        plan.add(f.path, span, plan.new_name)


# -- the spec --------------------------------------------------------------------------------------


def _retargets(
    index: WorkspaceIndex, spec: Spec, plan: RenamePlan
) -> Iterator[tuple[str, str, str]]:
    """Decisions whose target names the renamed symbol, with the target they get."""
    symbol, old, new = plan.symbol, plan.symbol.name, plan.new_name
    if symbol.kind == "parameter":
        return
    for entry in spec.decisions.values():
        target = getattr(entry.decision, "target", None)
        if not target:
            continue
        parts = target.split(".")
        if symbol.cls is not None and symbol.kind != "class":
            family = {c.key for c in _family(index, symbol.cls, _stored_name(symbol.cls, old))}
            hits = [
                ref.key in family
                for ref, member in index.resolve_target(target)
                if member in (old, _stored_name(ref, old))
            ]
            if hits and all(hits):
                yield entry.id, target, ".".join([*parts[:-1], new])
            continue
        # a module-level name: the target is `[module.]name[.member]`
        full = f"{symbol.module}.{old}" if symbol.module else old
        for i, part in enumerate(parts):
            if part != old:
                continue
            prefix = ".".join(parts[: i + 1])
            if symbol.kind == "class" and any(
                r.cls is not symbol.cls.cls
                for r in index.find_class(prefix)  # type: ignore[union-attr]
            ):
                break  # the target also names another class of that name
            if full == prefix or full.endswith("." + prefix):
                yield entry.id, target, ".".join([*parts[:i], new, *parts[i + 1 :]])
                break


def new_texts(plan: RenamePlan, read: Reader) -> dict[str, str]:
    """The text of every file the plan changes, after the rename."""
    out = {}
    for path, edits in plan.edits.items():
        text = read(path)
        if text is not None:
            out[path] = apply_edits(text, edits)
    return out
