"""The uses of ``self`` and its attributes in one method body: the evidence of kinds."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from tree_sitter import Node

from specls.extract.functions import assigned_locals, function_flow
from specls.extract.params import (
    AS_TYPE,
    ParamSources,
    guarded_bodies,
    in_ranges,
    param_reaches,
    reached_params,
)
from specls.extract.positions import Scopes
from specls.extract.query import TYPE_TESTS
from specls.extract.syntax import (
    FUNCS,
    NAME_BYTES,
    PATTERNS,
    SKIP_SCOPES,
    by_start,
    call_arguments,
    doc_col,
    is_falsy_literal,
    is_store,
    key_kind_of,
    literal_kind,
    loop_scope,
    param_name,
    string_kind,
    string_value,
    targets_of,
)
from specls.extract.uses import (
    USE_WHAT,
    call_uses,
    local_use,
    result_use,
    subscript_needs,
    text_locals,
    text_valued,
    value_use,
)
from specls.extract.values import ENUM, ENUM_PREFIX, SHAPE_NOUN, Values, describe_kinds
from specls.facts import (
    FIELD_KEY,
    Access,
    Claim,
    Evidence,
    MethodFacts,
    Mutation,
    Param,
    Reach,
    SelfCall,
    Shape,
    Span,
)
from specls.grammar import (
    F_ARGUMENTS,
    F_ATTRIBUTE,
    F_FUNCTION,
    F_LEFT,
    F_NAME,
    F_OBJECT,
    F_OPERATOR,
    F_PARAMETERS,
    F_RIGHT,
    F_SUBSCRIPT,
    F_TYPE,
    F_VALUE,
)
from specls.kinds import (
    ALL_KINDS,
    ITERABLE,
    MAPPINGS,
    NUMBERS,
    augmented_needs,
    binary_needs,
    doc_type_text,
    kinds_with_attr,
    ordering_needs,
    parse_doc_type,
    parse_type,
)
from specls.nodetext import node_text as _text

_intern = sys.intern

if TYPE_CHECKING:
    from specls.extract.classes import ClassExtractor


#: Methods that change a container in place (mutations of ``self.x`` invariants care about).
_MUTATORS = frozenset(
    [
        "append",
        "appendleft",
        "extend",
        "insert",
        "add",
        "update",
        "pop",
        "popitem",
        "popleft",
        "remove",
        "discard",
        "clear",
        "sort",
        "reverse",
        "setdefault",
    ]
)


_ARITHMETIC = frozenset({"+=", "-=", "*=", "/=", "//="})
#: Builtins whose result holds the items of their argument as iterating it yields them.
_ITEMS_AS_THEY_ARE = frozenset({"sorted", "list", "tuple", "reversed", "iter", "set", "frozenset"})
#: Names of fields that identify a value (``id``, ``user_id``, ``name``, ``sku``): a dict
#: keyed by one holds ids, not the values.
ID_FIELD = re.compile(
    r"(?:^|_)(?:id|pk|uuid|name|slug|code|email|username|login|sku|isbn|number)$|[a-z]Id$"
)
#: An annotation naming one class, maybe optional: ``Status``, ``Status | None``,
#: ``Optional[Status]`` (group 1 or 2).
_ANNOTATED_CLASS = re.compile(r"Optional\[\s*([A-Z]\w*)\s*\]|([A-Z]\w*)(?:\s*\|\s*None)?")
#: Methods of str and of bytes that give a value of their receiver's kind (a list has none).
_SAME_KIND_METHODS = frozenset(
    {
        *("strip", "lstrip", "rstrip", "replace", "lower", "upper", "casefold", "title"),
        *("capitalize", "swapcase", "expandtabs", "zfill", "ljust", "rjust", "center"),
        *("removeprefix", "removesuffix", "translate"),
    }
)
#: Methods of str and bytes whose parts are of the receiver's kind.
_SPLITTING = frozenset({"split", "rsplit", "partition", "rpartition", "splitlines"})
#: Operators whose operands a float and a `Decimal` cannot be together.
_MIXED_OPS = frozenset({"+", "-", "*", "/", "//"})


#: What a comparison with a str or int literal allows: anything but a plain enum member.
_COMPARED = ALL_KINDS - ENUM
_OPERAND_NOUN = {"float": "a float", "Decimal": "a `Decimal`", "int": "an int", "str": "a str"}
_ORDERING = frozenset({"<", "<=", ">", ">="})
#: Calls whose first argument is a number of seconds (a `timedelta` raises TypeError).
_SECONDS = frozenset({"time.sleep", "asyncio.sleep"})


class MethodScan:
    """Walks one method body and records how ``self`` and its attributes are used."""

    def __init__(
        self,
        owner: ClassExtractor,
        method: str,
        self_name: str | None,
        facts: MethodFacts,
        body: Node,
        docstring: tuple[str | None, Node | None],
        sources: ParamSources | None = None,
    ) -> None:
        self.owner = owner
        self.cls = owner.cls
        self.pos = owner.pos
        self.method = method
        self.self_name = self_name  # None in static and class methods
        self.facts = facts
        self.body = body
        self.docstring = docstring  # (text, node) as docstring_of gives them
        self.sources = sources or {}
        self.env: dict[str, frozenset[str]] = {}
        #: Parameters whose kind the environment holds (see :meth:`_origin`).
        self.params: dict[str, Param] = {}
        self.values = Values(owner.shadowed, self.env)
        self.scopes = Scopes([])  # the nested functions and classes (set by run)
        self.caps: dict[str, list[Node]] = {}  # the body's captures (set by run)
        self.own: Callable[[Node], bool] = bool  # in the method itself (set by run)
        self._guarded: list[tuple[int, int]] | None = None  # see `guarded_bodies`, when asked
        #: The method's own ``return`` statements (none for a generator), set by run.
        self.returns: list[Node] = []
        #: What binds names in the method (see :meth:`_local_names`), set by run.
        self._bound: tuple[dict, dict[str, list[Node]]] = ({}, {})
        self._names: set[str] | None = None
        #: The locals that are str wherever bound (see :func:`text_locals`), when asked.
        self._text_locals: set[str] | None = None
        #: The assignments of locals bound to ``len(...)`` (see :meth:`_locals_of_len`).
        self._len_locals: dict[str, list[Node]] | None = None
        #: ``(attr, name)`` of the ``self.attr.name`` reads recorded (see :meth:`_read_through`).
        self._read_names: set[tuple[str, str]] = set()
        self._self_len = 0  # the length of the self name in bytes (set by run)

    def run(self) -> None:
        """Record returns and locals of the method itself, then every use of ``self``
        (nested functions included, unless they rebind the name).

        One tree-sitter query finds the nodes of interest; nesting is decided by byte ranges
        of the nested classes and functions, so the body is never walked node by node."""
        facts = self.facts
        caps = self.owner.captures.within(self.body)
        ranges: list[tuple[int, int, bool]] = []  # (start, end, uses of self are skipped)
        for node in caps.get("class", []):
            ranges.append((node.start_byte, node.end_byte, True))
        for node in caps.get("fn", []):
            rebinds = node.type == "function_definition" and self._rebinds_self(node)
            ranges.append((node.start_byte, node.end_byte, rebinds))
        self.scopes = scopes = Scopes(ranges)
        classes = Scopes([(n.start_byte, n.end_byte, False) for n in caps.get("class", [])])
        innermost, flagged = scopes.innermost, scopes.flagged

        def skipped(node: Node) -> bool:
            """Inside a class or a def that rebinds self (asked only when there are scopes)."""
            i = innermost(node.start_byte)
            return i >= 0 and flagged[i]

        def own(node: Node) -> bool:
            """In the method itself: not in a nested def or class."""
            return innermost(node.start_byte) < 0

        if not scopes:  # (most methods nest nothing: every node is the method's own)
            own = bool  # type: ignore[assignment]  # (a node is always true: a call in C)
        self.caps, self.own = caps, own

        for node in caps.get("ret", []):
            if own(node):
                self.returns.append(node)
                value = node.named_children[0] if node.named_children else None
                if value is not None and value.type != "none":
                    facts.returns_value = True
        if any(own(node) for node in caps.get("yield", [])):
            facts.is_generator = True
            self.returns = []
        facts.flow = function_flow(self.body, caps, own, self.pos, self.docstring)
        self.values.local = {p.name for p in facts.params}
        assigned = assigned_locals(caps, own, self.owner.shadowed)
        calls = [
            n
            for n in [*caps.get("bcall", []), *caps.get("pcall", [])]
            if not classes or classes.innermost(n.start_byte) < 0
        ]
        self._environment(assigned)
        self._bound = (assigned, caps)
        facts.call_uses = call_uses(
            caps, own, self.body, self.pos, scopes, self._local_names, self.owner.shadowed
        )
        if self.self_name is None:
            for node in calls:
                self._type_call(node)
            names = reached_params(facts.params, "staticmethod" in facts.decorators)
            if "classmethod" in facts.decorators:
                names -= {facts.params[0].name} if facts.params else set()
            if names:
                facts.reaches = param_reaches(names, caps, own, self.pos, self.owner.mangle)
            return
        self._reaches(caps, own, assigned)
        # `self.x`: an attribute capture's object is an identifier and starts it, so the
        # source tells (reading the object node costs more, and most objects are not self)
        self_bytes = self.self_name.encode()
        after = self._self_len = len(self_bytes)
        source = self.pos.source
        uses = [
            n
            for n in caps.get("attr", [])
            if source.startswith(self_bytes, b := n.start_byte)
            and source[b + after : b + after + 1] not in NAME_BYTES
        ]
        for node in sorted([*uses, *calls], key=by_start) if calls else uses:
            if scopes and skipped(node):
                continue
            if node.type == "attribute":
                self._self_attribute(node)
            else:
                self._type_call(node)
                self._builtin_call(node)

    def _reaches(
        self,
        caps: dict[str, list[Node]],
        own: Callable[[Node], bool],
        assigned: dict[str, set[str] | None],
    ) -> None:
        """Reads of annotated parameters' attributes, and the calls passing ``self``."""
        facts = self.facts
        facts.reaches = []
        if any(p.annotation for p in facts.params[1:]):
            names = reached_params(facts.params[1:], False)
            if names:
                mangle = self.owner.mangle
                facts.reaches = param_reaches(names, caps, own, self.pos, mangle, set(assigned))
        a, b = self.body.start_byte, self.body.end_byte
        passed = self.owner.captures.passed(self.self_name)  # type: ignore[arg-type]
        i = bisect_left(passed, a)
        for start in passed[i : bisect_left(passed, b, i)]:
            arg = self.body.descendant_for_byte_range(start, start + len(self.self_name or ""))
            args = arg.parent if arg is not None else None
            call = args.parent if args is not None and args.type == "argument_list" else None
            if call is None or call.type != "call" or not own(call):
                continue
            fn = call.child_by_field_id(F_FUNCTION)
            positional = [c for c in args.named_children if c.type != "keyword_argument"]
            index = next((i for i, c in enumerate(positional) if c == arg), -1)
            if fn is not None and index >= 0 and fn.type in ("identifier", "attribute"):
                facts.passes_self.append((_text(fn), index, self.pos.span(call)))

    def _type_call(self, node: Node) -> None:
        if _text(node.child_by_field_id(F_FUNCTION)) == "type":
            args = node.child_by_field_id(F_ARGUMENTS)
            if args is not None and len(args.named_children) == 3:
                self.cls.dynamic = True  # builds subclasses at run time

    def _rebinds_self(self, fn: Node) -> bool:
        params = fn.child_by_field_id(F_PARAMETERS)
        return any(
            (name := param_name(p)) is not None and _text(name) == self.self_name
            for p in (params.named_children if params else [])
        )

    def _narrowed(self) -> set[str]:
        """Names the method's own body tests with ``isinstance()``."""
        out: set[str] = set()
        for call in self.caps.get("bcall", []):
            fn = call.child_by_field_id(F_FUNCTION)
            if fn is None or _text(fn) != "isinstance" or not self.own(call):
                continue
            args = call.child_by_field_id(F_ARGUMENTS)
            first = args.named_children[0] if args is not None and args.named_children else None
            if first is not None and first.type == "identifier":
                out.add(_text(first))
        return out

    def _environment(self, assigned: dict[str, set[str] | None]) -> None:
        """Kinds of parameters (annotated, documented or by a literal default) and of
        consistently assigned locals."""
        sources = self.sources
        narrowed: set[str] | None = None
        for p in self.facts.params[1:]:
            kinds = None
            if p.annotation:
                kinds = parse_type(p.annotation).kinds
            elif p.doc_type:
                kinds = parse_doc_type(p.doc_type).kinds
            else:
                default = sources[p.name][1] if p.name in sources else None
                if default is not None and narrowed is None:
                    narrowed = self._narrowed()
                if default is not None and p.name not in narrowed:  # type: ignore[operator]
                    # (`value=0` then `if isinstance(value, str)`: the default is one of
                    # the kinds it may have, not the kind)
                    kinds, _, _ = self.values.classify(default)
                    if kinds and len(kinds) == 1:  # (`10`: an int or a bool ...)
                        kinds = AS_TYPE.get(next(iter(kinds)), kinds)
                    else:
                        kinds = None
            if kinds:
                self.env[p.name] = kinds
                self.params[p.name] = p
        for name, kinds in assigned.items():
            if name in self.env and kinds is None:
                del self.env[name]
                self.params.pop(name, None)
            elif kinds:
                self.env[name] = frozenset(kinds)
                self.params.pop(name, None)
        self.values.local = {p.name for p in self.facts.params} | set(assigned)

    def _origin(self, p: Param) -> tuple[Span, str] | None:
        """Where the kind of parameter ``p`` (in the environment) was read, and what says
        it there: its annotation, its docstring entry or its default."""
        entry, default, in_class = self.sources.get(p.name, (None, None, False))
        if p.annotation:
            return p.span, f"`{p.name}` is annotated `{p.annotation[:40]}`"
        if p.doc_type:
            doc_node = self.owner.doc_node if in_class else self.docstring[1]
            if entry is None or doc_node is None:
                return None
            line = doc_node.start_point[0] + entry.line
            col = entry.col + (doc_col(self.pos)(doc_node) if entry.line == 0 else 0)
            span = Span(line, col, line, col + len(p.name))
            return span, f"the docstring of `{p.name}` says `{p.doc_type[:40]}`"
        if default is not None:  # (a literal: see read_parameters)
            return self.pos.span(default), f"`{p.name}` defaults to `{_text(default)[:30]}`"
        return None

    # -- uses of self.<attr> -------------------------------------------------------------

    def _add(
        self,
        attr: str,
        node: Node,
        role: str,
        kinds: frozenset[str] | None,
        what: str,
        pairs: bool = False,
    ) -> None:
        self.cls.evidence.append(
            Evidence(attr, self.method, self.pos.span(node), role, kinds, what, pairs)
        )

    def _shape(self, attr: str, node: Node, slot: str, made: bool, shape: str, what: str) -> None:
        self.cls.shapes.append(
            Shape(attr, self.method, self.pos.span(node), slot, made, shape, what)
        )

    def _self_attribute(self, node: Node) -> None:
        start, end = node.byte_range
        # `self.name` written without spaces, in ASCII: the name is the rest of the source
        # (asking for the node and reading it costs more); anything else, from the node
        name = self.pos.source[start + self._self_len + 1 : end]
        if (
            self.pos.source[start + self._self_len : start + self._self_len + 1] == b"."
            and name.replace(b"_", b"").isalnum()
            and not name[:1].isdigit()
        ):
            text = name.decode()
            attr = self.owner.mangle(_intern(text) if len(text) <= 64 else text)
        else:
            attr = self.owner.mangle(_text(node.child_by_field_id(F_ATTRIBUTE)))
        self.owner.captures.self_uses.add(start)
        parent = node.parent
        span = self.pos.span(node)
        access = Access(self.method, span)
        pt = parent.type if parent is not None else ""
        if is_store(node, parent):
            if pt == "augmented_assignment":  # `x += 1` reads x first: it provides nothing
                self.cls.reads.setdefault(attr, []).append(access)
                op = _text(parent.child_by_field_id(F_OPERATOR))
                value = _text(parent.child_by_field_id(F_RIGHT))[:80]
                self.cls.mutations.append(Mutation(attr, self.method, span, op, value))
                self._augmented(attr, node, parent)
                return
            self.cls.writes.setdefault(attr, []).append(access)
            if pt == "assignment" and parent.child_by_field_id(F_LEFT) == node:
                right = parent.child_by_field_id(F_RIGHT)
                while right is not None and right.type == "assignment":
                    right = right.child_by_field_id(F_RIGHT)
                value = _text(right)[:80]
                self.cls.mutations.append(Mutation(attr, self.method, span, "=", value))
                self._assignment(attr, node, parent)
            else:
                self.cls.mutations.append(Mutation(attr, self.method, span, "=", ""))
                if not self._split_from_itself(attr, parent):
                    self._add(attr, node, "held", None, "unpacking")
            return
        self.cls.reads.setdefault(attr, []).append(access)
        # (a node's parent is looked up from the root: each is asked for once)
        grand = parent.parent if pt == "argument_list" or pt == "call" else None
        if pt == "argument_list" and grand is not None and grand.type == "call":
            callee = _text(grand.child_by_field_id(F_FUNCTION)).rsplit(".", 1)[-1]
            if callee.startswith("insort") or callee.startswith("heappush"):
                self.cls.mutations.append(Mutation(attr, self.method, span, "arg", callee))
            elif callee in _ITEMS_AS_THEY_ARE and parent.named_children[0] == node:
                self._iterated_through(attr, node, grand, callee)
            elif parent.named_children[0] == node and callee == "sleep":
                fn = _text(grand.child_by_field_id(F_FUNCTION))
                if fn in _SECONDS and fn.split(".", 1)[0] not in self._local_names():
                    what = f"passed to `{fn}()` (a number of seconds)"
                    self._add(attr, node, "needs", NUMBERS, what)
        if pt == "call" and parent.child_by_field_id(F_FUNCTION) == node:
            use = result_use(parent, grand) or self._local_result_use(parent, grand)
            n, keywords, splat = call_arguments(parent)
            self.cls.self_calls.append(SelfCall(attr, self.method, span, use, n, keywords, splat))
            return
        if pt == "attribute" and parent.child_by_field_id(F_OBJECT) == node:
            self._member(attr, node, parent)
        elif pt == "subscript" and parent.child_by_field_id(F_VALUE) == node:
            self._subscript(attr, node, parent)
        elif pt in ("for_statement", "for_in_clause") and parent.child_by_field_id(F_RIGHT) == node:
            self._iteration(attr, node, parent, "iter")
        elif pt == "comparison_operator":
            self._comparison(attr, node, parent)
        elif pt == "binary_operator":
            self._arithmetic(attr, node, parent)

    def _arithmetic(self, attr: str, node: Node, op_node: Node) -> None:
        """``self.total * 0.2``, ``self.rate + Decimal("1")``: combined with a float or a
        `Decimal`, which do not mix (TypeError). A float literal or call only: an int mixes
        with every number."""
        op = _text(op_node.child_by_field_id(F_OPERATOR))
        left, right = op_node.child_by_field_id(F_LEFT), op_node.child_by_field_id(F_RIGHT)
        other = right if left == node else left
        if op not in _MIXED_OPS or other is None or (other == left and op not in ("+", "*")):
            return  # (`0.5 / x`, `0.5 - x`: what x must be then is another question)
        if other.type in ("integer", "string") or (
            other.type == "unary_operator" and _text(other).lstrip("-").isdigit()
        ):
            # `self.timeout + 1` (no `timedelta` takes an int), `self.path + ".bak"` (nor a
            # `Path` a str), `self.directory / "MANIFEST"` (only a `Path` takes it); `x * 2`
            # and `x % "a"` are left alone (a str repeats, formats)
            kinds, _, _ = self.values.classify(other)
            if kinds == {"str"}:
                if op not in ("+", "/") or (op == "/" and other != right):
                    return
            elif kinds is None or op not in ("+", "-"):
                return
        elif other.type not in ("float", "call", "unary_operator"):
            return
        else:
            kinds, _, _ = self.values.classify(other)
        if kinds not in ({"float"}, {"Decimal"}, {"int"}, {"str"}):
            return
        kind = next(iter(kinds))
        noun = _OPERAND_NOUN[kind]
        what = f"combined with `{op} {_text(other)[:20]}` ({noun})"
        needs = augmented_needs(f"{op}=", kind) if kind in ("float", "Decimal") else None
        self._add(attr, node, "needs", needs or binary_needs(op, kind), what)

    def _comparison(self, attr: str, node: Node, cmp: Node) -> None:
        """``self.color == "red"``, ``self.color in ("red", "blue")``: compared with str or
        int values, which a member of a plain enum never equals."""
        operands = cmp.named_children
        if len(operands) != 2:
            return
        op = (
            _text(cmp.child(1))
            if cmp.child_count == 3
            else " ".join(_text(c) for c in cmp.children[1:-1])
        )
        other = operands[1] if operands[0] == node else operands[0]
        if op in _ORDERING and (
            other.type in ("integer", "float")
            or (other.type == "unary_operator" and other.named_child_count == 1)
        ):
            kinds, _, _ = self.values.classify(other)
            if kinds in ({"int"}, {"float"}):
                what = f"compared as `{op} {_text(other)[:20]}` (a number)"
                self._add(attr, node, "needs", ordering_needs(next(iter(kinds))), what)
            return
        if op in ("==", "!="):
            values = [other]
        elif op in ("in", "not in") and operands[0] == node and other.type in _LITERAL_BAGS:
            values = other.named_children
        else:
            return
        kinds = {literal_kind(v) for v in values}
        if len(kinds) != 1 or None in kinds or not values:
            return
        kind = next(iter(kinds))
        self._add(
            attr,
            node,
            "needs",
            _COMPARED,
            f"compared with the {kind} {_text(other)[:30]} (a plain enum member never equals "
            "its value)",
        )

    def _assignment(self, attr: str, node: Node, parent: Node) -> None:
        type_node = parent.child_by_field_id(F_TYPE)
        if type_node is not None:
            self.cls.claims.append(Claim(attr, self.pos.span(node), "annotation", _text(type_node)))
        right = parent.child_by_field_id(F_RIGHT)
        while right is not None and right.type == "assignment":  # a = b = value
            right = right.child_by_field_id(F_RIGHT)
        if right is None:
            return
        kinds, is_none, what = self.values.classify(right)
        if is_none or (kinds is None and self._of_itself(attr, right)):
            return  # (`self.lines = self.lines[-n:]`: of the kind it was, whatever that is)
        param = self.params.get(_text(right)) if right.type == "identifier" and kinds else None
        origin = self._origin(param) if param is not None else None
        if origin is not None and kinds:
            what = f"the parameter `{_text(right)}` ({describe_kinds(kinds)})"
        self._add(attr, node, "held", kinds, f"assigned {what}")
        e = self.cls.evidence[-1]
        e.falsy = is_falsy_literal(right)
        if origin is not None and kinds:
            e.origin = origin
        elif kinds is None and right.type == "call":
            e.via = self._callee(right)
        elif kinds is None and right.type == "attribute":
            e.via = self._member_of_import(right)
            if e.via:
                e.what = f"assigned `{_text(right)[:40]}`"
        elif kinds is None and right.type == "identifier":
            e.via = self._enum_parameter(_text(right))
            if e.via:
                cls = e.via[len(ENUM_PREFIX) :]
                param = next(p for p in self.facts.params if p.name == _text(right))
                how = "annotated" if param.annotation else "documented as"
                e.what = f"assigned the parameter `{_text(right)}` ({how} `{cls}`)"
        self.owner._made_items(attr, self.method, right, self.env)

    def _is_attr(self, node: Node | None, attr: str) -> bool:
        """Whether ``node`` is ``self.<attr>`` (``attr`` mangled)."""
        return (
            node is not None
            and node.type == "attribute"
            and _text(node.child_by_field_id(F_OBJECT)) == self.self_name
            and self.owner.mangle(_text(node.child_by_field_id(F_ATTRIBUTE))) == attr
        )

    def _of_itself(self, attr: str, right: Node) -> bool:
        """``self.x[a:b]``, ``self.x.strip()``: a value of the kind ``self.x`` holds (a slice
        of a list is a list, of a str a str; a str method on a str gives a str, on bytes
        bytes), so storing it back tells nothing new of the kind."""
        if right.type == "subscript":
            keys = right.children_by_field_id(F_SUBSCRIPT)
            return (
                len(keys) == 1
                and keys[0].type == "slice"
                and self._is_attr(right.child_by_field_id(F_VALUE), attr)
            )
        node: Node | None = right
        while node is not None and node.type == "call":  # (`self.x.strip().lower()`)
            fn = node.child_by_field_id(F_FUNCTION)
            if fn is None or fn.type != "attribute":
                return False
            if _text(fn.child_by_field_id(F_ATTRIBUTE)) not in _SAME_KIND_METHODS:
                return False
            node = fn.child_by_field_id(F_OBJECT)
        return node is not right and self._is_attr(node, attr)

    def _split_from_itself(self, attr: str, target: Node | None) -> bool:
        """``*done, self.buffer = self.buffer.split(sep)``: each part of a str (bytes) split
        or partitioned is a str (bytes), as the attribute was."""
        asg = target.parent if target is not None else None
        while asg is not None and asg.type in (
            "pattern_list",
            "tuple_pattern",
            "list_splat_pattern",
        ):
            asg = asg.parent
        right = asg.child_by_field_id(F_RIGHT) if asg is not None else None
        if right is None or asg is None or asg.type != "assignment" or right.type != "call":
            return False
        fn = right.child_by_field_id(F_FUNCTION)
        return (
            fn is not None
            and fn.type == "attribute"
            and _text(fn.child_by_field_id(F_ATTRIBUTE)) in _SPLITTING
            and self._is_attr(fn.child_by_field_id(F_OBJECT), attr)
        )

    def _enum_parameter(self, name: str) -> str:
        """``"enum:Status"`` for a parameter ``name`` annotated ``Status`` (or ``Status |
        None``, ``Optional[Status]``) that the method does not rebind, where ``Status`` is
        a class the module defines or imports: an enum member if the workspace index finds
        ``Status`` is a plain ``Enum`` (see :mod:`specls.rules.representation`)."""
        param = next((p for p in self.facts.params if p.name == name), None)
        declared = param.annotation if param is not None else None
        if param is not None and not declared and param.doc_type:
            declared = doc_type_text(param.doc_type)  # (`status (Status): ...`)
        if param is None or not declared or name in self._bound[0]:
            return ""
        m = _ANNOTATED_CLASS.fullmatch(declared.strip().strip("'\""))
        cls = m.group(1) or m.group(2) if m else None
        if not cls or cls not in self.owner.shadowed or cls in self._local_names():
            return ""
        return f"{ENUM_PREFIX}{cls}"

    def _member_of_import(self, node: Node) -> str:
        """``"enum:Status"`` for ``Status.OPEN`` where ``Status`` is a name the module binds
        (an import) and the method does not: a member of an enum of another module, if the
        workspace index finds ``Status`` is a plain ``Enum`` there (see
        :mod:`specls.rules.representation`), else ``""``."""
        obj = node.child_by_field_id(F_OBJECT)
        if obj is None or obj.type != "identifier":
            return ""
        name = _text(obj)
        if (
            name[:1].isupper()
            and name in self.owner.shadowed
            and f"{ENUM_PREFIX}{name}" not in self.owner.shadowed
            and name not in self._local_names()
        ):
            return f"{ENUM_PREFIX}{name}"
        return ""

    def _local_names(self) -> set[str]:
        """Names the method binds itself (parameters, locals, nested defs and classes): a
        call of one is no call of the module's function. Made on first use."""
        if self._names is None:
            assigned, caps = self._bound
            names = {*assigned, *(p.name for p in self.facts.params)}
            for node in [*caps.get("fn", []), *caps.get("class", [])]:
                name_node = node.child_by_field_id(F_NAME)
                if name_node is not None:
                    names.add(_text(name_node))
            self._names = names
        return self._names

    def _callee(self, call: Node) -> str:
        """``"self.make"`` for ``self.make(...)``, ``"make"`` for ``make(...)``, else ``""``:
        a call whose kind may be the callee's result (see :mod:`specls.calls`)."""
        fn = call.child_by_field_id(F_FUNCTION)
        if fn is None:
            return ""
        if fn.type == "identifier":
            name = _text(fn)
            return "" if name in self._local_names() else name
        if fn.type == "attribute":
            obj = fn.child_by_field_id(F_OBJECT)
            if obj is not None and obj.type == "identifier" and _text(obj) == self.self_name:
                return f"self.{self.owner.mangle(_text(fn.child_by_field_id(F_ATTRIBUTE)))}"
        return ""

    def _augmented(self, attr: str, node: Node, parent: Node) -> None:
        op = _text(parent.child_by_field_id(F_OPERATOR))
        right = parent.child_by_field_id(F_RIGHT)
        if right is None:
            return
        kinds, _, _ = self.values.classify(right)
        if kinds is None:
            return
        if op == "+=" and kinds <= {"list", "tuple"}:
            needs = frozenset({"list", "deque", "tuple"} & set(kinds) | {"list", "deque"})
            self._add(attr, node, "needs", needs, f"extended with `{op}` {_text(right)[:30]}")
        elif kinds <= {"int", "float", "bool", "timedelta", "Decimal"} and op in _ARITHMETIC:
            needs = frozenset().union(*(augmented_needs(op, k) for k in kinds))
            what = f"updated with `{op} {_text(right)[:20]}`"
            if kinds == {"float"}:
                what += " (a float)"
            elif kinds == {"Decimal"}:
                what += " (a `Decimal`)"
            elif kinds == {"timedelta"}:
                what += " (a `timedelta`)"
            self._add(attr, node, "needs", needs, what)
        elif kinds == {"str"} and op == "+=":
            self._add(attr, node, "needs", frozenset({"str"}), f"extended with `{op}` a str")

    def _member(self, attr: str, node: Node, member: Node) -> None:
        name = _text(member.child_by_field_id(F_ATTRIBUTE))
        if name.startswith("__") and name.endswith("__"):
            return
        call = member.parent
        called = (
            call is not None
            and call.type == "call"
            and call.child_by_field_id(F_FUNCTION) == member
        )
        if is_store(member, call):
            self._add(attr, member, "needs", frozenset(), f"has attribute `.{name}` assigned")
            return
        what = f"calls `.{name}()`" if called else f"uses `.{name}`"
        self._add(attr, member, "needs", kinds_with_attr(name), what)
        self._read_through(attr, name, member)
        if not called:
            if call is not None:
                self._chain(attr, name, member, call)
            return
        if name in _MUTATORS:
            self.cls.mutations.append(
                Mutation(attr, self.method, self.pos.span(call), "call", name)
            )
        args = call.child_by_field_id(F_ARGUMENTS)
        positional = [
            a for a in (args.named_children if args else []) if a.type != "keyword_argument"
        ]
        if name in ("append", "add", "appendleft") and len(positional) == 1:
            self._made(attr, positional[0], "item", f"`.{name}()`")
        elif name == "insert" and len(positional) == 2:
            self._made(attr, positional[1], "item", "`.insert()`")
        elif name == "setdefault" and len(positional) == 2:
            self._made(attr, positional[1], "item", "`.setdefault()`")
        slot = {"values": "item", "keys": "key", "get": "item", "pop": "item"}.get(name)
        if name == "items":
            self._iteration_of(attr, call, "items")
        elif slot:
            if name in ("values", "keys"):
                self._iteration_of(attr, call, slot)
            else:
                self._result_shape(attr, call, slot)

    def _read_through(self, attr: str, name: str, member: Node) -> None:
        """``self.inventory.stok``: a name read on the object in ``self.inventory`` (the
        first read of each in the method, outside a ``try`` catching ``AttributeError``)."""
        if name.startswith("__"):
            return  # (mangled with this class's name: another class's never matches)
        key = (attr, name)
        if key in self._read_names:
            return
        if not self._read_names:  # (`hasattr(self.x, "y")`: the method asks first)
            body = self.pos.source[self.body.start_byte : self.body.end_byte]
            if b"hasattr(" in body:
                self._read_names.add(("", ""))
                return
        self._read_names.add(key)
        if ("", "") in self._read_names:
            return
        if self._guarded is None:
            self._guarded = guarded_bodies(self.caps, self.own)
        if not in_ranges(self._guarded, member.start_byte):
            reach = Reach(f"self.{attr}", name, self.pos.span(member), None, "reads")
            self.facts.reaches.append(reach)  # type: ignore[attr-defined]

    def _chain(self, attr: str, name: str, member: Node, outer: Node) -> None:
        """``self.inventory.stock.append(x)``: what ``stock`` of the object in
        ``self.inventory`` must support (a :class:`Reach`)."""
        ot = outer.type
        if ot == "attribute" and outer.child_by_field_id(F_OBJECT) == member:
            op = _text(outer.child_by_field_id(F_ATTRIBUTE))
            kinds = kinds_with_attr(op)
            if not kinds or op.startswith("__"):
                return
            called = self.pos.source[outer.end_byte : outer.end_byte + 1] == b"("
            what = f"calls `.{op}()`" if called else f"uses `.{op}`"
        elif ot == "subscript" and outer.child_by_field_id(F_VALUE) == member:
            kinds, what = subscript_needs(outer)[:2]
        else:
            return
        if self._guarded is None:
            self._guarded = guarded_bodies(self.caps, self.own)
        if in_ranges(self._guarded, outer.start_byte):
            return
        reach = Reach(f"self.{attr}", name, self.pos.span(outer), kinds, what)
        self.facts.reaches.append(reach)  # type: ignore[attr-defined]

    def _made(self, attr: str, value: Node, slot: str, via: str) -> None:
        shape = self.values.shape(value) or "?"
        if shape:
            self._shape(
                attr,
                value,
                slot,
                True,
                shape,
                f"{'adds' if slot == 'item' else 'uses'} {SHAPE_NOUN.get(shape, shape)} items "
                f"via {via}",
            )

    def _subscript(self, attr: str, node: Node, sub: Node) -> None:
        needs, what, store, key, key_kind, parent, known_key = subscript_needs(
            sub, self._known_key, lambda key: self._past_end(attr, key, sub)
        )
        self._add(attr, sub, "needs", needs, what)
        if (key_kind in ("str", "int", "tuple") and key is not None) or key_kind == "tuple":
            self._shape(
                attr,
                key if key is not None else sub,
                "key",
                False,
                key_kind,
                f"indexed by {key_kind} keys",
            )
        elif known_key is not None and store and key is not None:
            self._shape(attr, key, "key", True, known_key, f"has {known_key} keys")
        elif store and key is not None and key.type == "attribute" and parent is not None:
            self._field_key(attr, key, parent)
        if store and key_kind == "slice":
            return  # `x[:] = new` replaces items: the value is a sequence of them, not one
        if store and parent is not None and parent.type == "assignment":
            right = parent.child_by_field_id(F_RIGHT)
            if right is not None:
                self._made(attr, right, "item", "item assignment")
        elif not store:
            self._result_shape(attr, sub, "item")

    def _field_key(self, attr: str, key: Node, parent: Node) -> None:
        """``self.users[user.id] = user``: keyed by an id-like field of the value stored
        (not by the value itself), so iterating the dict yields ids, not users."""
        obj = key.child_by_field_id(F_OBJECT)
        right = parent.child_by_field_id(F_RIGHT) if parent.type == "assignment" else None
        field = _text(key.child_by_field_id(F_ATTRIBUTE))
        if (
            obj is None
            or right is None
            or obj.type != "identifier"
            or right.type != "identifier"
            or _text(obj) != _text(right)
            or not ID_FIELD.search(field)
        ):
            return
        what = f"has keys `{_text(key)[:30]}` (a field of the value stored)"
        self._shape(attr, key, "key", True, FIELD_KEY, what)

    def _known_key(self, key: Node) -> str | None:
        """``"str"``, ``"int"`` or ``"bool"`` for a key that is not a literal but whose kind
        is known: a name annotated or bound to one kind, an f-string."""
        if key.type == "identifier":
            kinds = self.env.get(_text(key))
            if kinds == {"str"} or kinds == {"bool"}:
                return next(iter(kinds))
            if kinds == {"int", "bool"} or kinds == {"int"}:
                return "int"
        elif key.type == "string" and string_kind(key) == "str":
            return "str"  # an f-string (plain literals are read by key_kind_of)
        elif key.type == "call" and text_valued(key, self.values.classify):
            return "str"  # `str(n)`, `name.lower()`
        if key.type == "identifier" and _text(key) not in self.env:
            if self._text_locals is None:
                self._text_locals = text_locals(self.caps, self.own, self.values.classify)
            if _text(key) in self._text_locals:
                return "str"
        return None

    def _past_end(self, attr: str, key: Node, store: Node | None = None) -> bool:
        """``self.items[len(self.items)]``, ``self.items[len(self.items) + 1]``, or ``n``
        bound once to either (``n = len(self.items)``) with no use of ``self.items`` between
        that binding and ``store`` (``key``'s subscript): an index past the last item."""
        if key.type == "binary_operator" and _text(key.child_by_field_id(F_OPERATOR)) == "+":
            left, right = key.child_by_field_id(F_LEFT), key.child_by_field_id(F_RIGHT)
            for a, b in ((left, right), (right, left)):
                if a is not None and b is not None and b.type == "integer":
                    return self._past_end(attr, a)
            return False
        if key.type == "identifier" and store is not None:
            return self._past_end_local(attr, _text(key), store)
        if key.type != "call" or _text(key.child_by_field_id(F_FUNCTION)) != "len":
            return False
        args = key.child_by_field_id(F_ARGUMENTS)
        arg = args.named_children[0] if args is not None and args.named_child_count == 1 else None
        return (
            arg is not None
            and arg.type == "attribute"
            and _text(arg.child_by_field_id(F_OBJECT)) == self.self_name
            and self.owner.mangle(_text(arg.child_by_field_id(F_ATTRIBUTE))) == attr
        )

    def _past_end_local(self, attr: str, name: str, store: Node) -> bool:
        """``n = len(self.items)`` then ``self.items[n] = v``: ``n`` bound once in the method
        (an int), before ``store``, and ``self.items`` not named between the two."""
        if name not in self._bound[0] or self._bound[0][name] not in ({"int"}, None):
            return False  # (None: `len(x) + 1` is of no kind classify tells, or bound by `for`)
        if self._len_locals is None:
            self._len_locals = self._locals_of_len()
        binds = self._len_locals.get(name, [])
        if len(binds) != 1 or binds[0].end_byte > store.start_byte:
            return False
        right = binds[0].child_by_field_id(F_RIGHT)
        if right is None or not self._past_end(attr, right):
            return False
        between = self.pos.source[binds[0].end_byte : store.start_byte]
        return _text(store.child_by_field_id(F_VALUE)).encode() not in between

    def _locals_of_len(self) -> dict[str, list[Node]]:
        """The method's assignments of a name bound to a value holding ``len(...)``, by
        name (none for a name also bound by ``for``, ``with`` or ``:=``): read once."""
        out: dict[str, list[Node]] = {}
        for n in self.caps.get("asg", []):
            left = n.child_by_field_id(F_LEFT)
            if left is not None and left.type == "identifier" and self.own(n):
                right = n.child_by_field_id(F_RIGHT)
                if (
                    right is not None
                    and b"len(" in self.pos.source[right.start_byte : right.end_byte]
                ):
                    out.setdefault(_text(left), []).append(n)
                elif _text(left) in out:
                    out[_text(left)].append(n)
        if out:
            for node in self.caps.get("bind", []):
                left = node.child_by_field_id(F_LEFT) or node.child_by_field_id(F_NAME)
                if left is not None and self.own(node):
                    for t in targets_of(left):
                        out.pop(_text(t), None)
        return out

    def _result_shape(self, attr: str, value: Node, slot: str) -> None:
        """Record how a value taken out of the attribute (``x[k]``, ``x.get(k)``) is used."""
        use = value_use(value)
        if use:
            self._shape(attr, value.parent or value, slot, False, use, USE_WHAT[use.split(":")[0]])

    def _iterated_through(self, attr: str, node: Node, call: Node, callee: str) -> None:
        """``for u in sorted(self.users)``, ``list(self.users)[0].name``,
        ``next(iter(self.users)).name``: what iterating the attribute yields, used (a
        builtin of that name: not one the module or the method binds)."""
        fn = call.child_by_field_id(F_FUNCTION)
        if fn is None or fn.type != "identifier" or callee in self.owner.shadowed:
            return
        if callee in self._local_names():
            return
        outer = call.parent
        if outer is None:
            return
        if outer.type in ("for_statement", "for_in_clause"):
            if outer.child_by_field_id(F_RIGHT) == call:
                self._iteration(attr, node, outer, "iter")
            return
        if outer.type == "subscript" and outer.child_by_field_id(F_VALUE) == call:
            keys = outer.children_by_field_id(F_SUBSCRIPT)
            if callee != "iter" and len(keys) == 1 and key_kind_of(keys[0]) == "int":
                use = value_use(outer)
                if use is not None and use.startswith("attr:"):
                    self._shape(attr, outer, "iter", False, use, USE_WHAT["attr"])
            return
        nxt = outer.parent if callee == "iter" and outer.type == "argument_list" else None
        if (
            nxt is not None
            and nxt.type == "call"
            and _text(nxt.child_by_field_id(F_FUNCTION)) == "next"
        ):
            use = value_use(nxt)
            if use is not None and use.startswith("attr:"):
                self._shape(attr, nxt, "iter", False, use, USE_WHAT["attr"])

    def _iteration_of(self, attr: str, call: Node, slot: str) -> None:
        parent = call.parent
        if (
            parent is not None
            and parent.type in ("for_statement", "for_in_clause")
            and (parent.child_by_field_id(F_RIGHT) == call)
        ):
            self._iteration(attr, call, parent, slot)

    def _iteration(self, attr: str, node: Node, loop: Node, slot: str) -> None:
        left = loop.child_by_field_id(F_LEFT)
        if left is None:
            return
        if left.type in PATTERNS:
            targets = left.named_children
            if slot == "items":
                if len(targets) == 2:
                    for var, s in ((targets[0], "key"), (targets[1], "item")):
                        if var.type == "identifier":
                            self._var_uses(attr, _text(var), loop_scope(loop), s)
                        elif var.type in PATTERNS:
                            self._shape(attr, var, s, False, "pair", USE_WHAT["pair"])
                return
            if slot == "iter" and len(targets) >= 2:
                self._add(
                    attr,
                    node,
                    "needs",
                    ITERABLE - MAPPINGS,
                    f"iterated as {'pairs' if len(targets) == 2 else 'tuples'}",
                    pairs=True,
                )
            self._shape(attr, left, slot, False, "pair", USE_WHAT["pair"])
        elif left.type == "identifier" and slot != "items":
            self._var_uses(attr, _text(left), loop_scope(loop), slot)

    def _var_uses(self, attr: str, var: str, scope: Node | None, slot: str) -> None:
        """The uses of loop variable ``var`` in ``scope`` (up to 8, in source order, until
        it is assigned again), each a shape of ``attr``'s items. Only subtrees whose source
        holds the name are walked: no other can hold a use or an assignment of it (valid
        UTF-8 decodes one way; a name read with U+FFFD for bad bytes is walked in full)."""
        if scope is None:
            return
        source = self.pos.source
        name = var.encode() if "\ufffd" not in var else b""
        stack = [scope]
        seen = 0
        skips = self.pos.skips
        while stack and seen < 8:
            node = stack.pop()
            if name and source.find(name, node.start_byte, node.end_byte) < 0:
                continue
            if node.type in SKIP_SCOPES or node.type in FUNCS:
                continue
            if skips and skips.holds(node):
                continue
            if node.type == "identifier" and _text(node) == var:
                use = value_use(node)
                if use:
                    seen += 1
                    self._shape(
                        attr, node.parent or node, slot, False, use, USE_WHAT[use.split(":")[0]]
                    )
                continue
            if node.type == "assignment":
                left = node.child_by_field_id(F_LEFT)
                if any(_text(t) == var for t in targets_of(left)):
                    return  # rebound: later uses are of another value
            stack.extend(reversed(node.named_children))

    def _local_result_use(self, call: Node, parent: Node | None) -> str | None:
        """``x = self.m()`` then ``x[0]`` / ``x.a`` / ``a, b = x`` (see :func:`local_use`)."""
        return local_use(call, parent, self.body, self.pos, self.scopes)

    def _builtin_call(self, node: Node) -> None:
        fn = _text(node.child_by_field_id(F_FUNCTION))
        if fn.rpartition(".")[2].encode() in TYPE_TESTS:
            args = node.child_by_field_id(F_ARGUMENTS)
            named = args.named_children if args else []
            if (
                len(named) == 1
                and named[0].type == "attribute"
                and _text(named[0].child_by_field_id(F_OBJECT)) == self.self_name
            ):  # `np.iterable(self.widths)`: a value of more than one kind, by design
                self.cls.polymorphic.add(_text(named[0].child_by_field_id(F_ATTRIBUTE)))
            return
        if fn.endswith(("parse_args", "parse_known_args")):  # argparse filling self
            args = node.child_by_field_id(F_ARGUMENTS)
            if args is not None and any(
                _text(a) in (self.self_name, f"namespace={self.self_name}")
                for a in args.named_children
            ):
                self.cls.dynamic = True
            return
        if fn not in ("isinstance", "type", "hasattr", "getattr", "setattr", "delattr", "vars"):
            return
        args = node.child_by_field_id(F_ARGUMENTS)
        named = args.named_children if args else []
        if not named:
            return
        first = named[0]
        if fn in ("isinstance", "type"):
            if (
                first.type == "attribute"
                and _text(first.child_by_field_id(F_OBJECT)) == self.self_name
            ):
                self.cls.polymorphic.add(_text(first.child_by_field_id(F_ATTRIBUTE)))
            return
        if _text(first) != self.self_name:
            return
        if fn == "vars":
            self.cls.dynamic = True
        elif len(named) >= 2 and named[1].type == "string" and string_value(named[1]):
            name = string_value(named[1]) or ""
            self.cls.guarded.add(name)
            if fn == "setattr":
                self.cls.writes.setdefault(name, []).append(
                    Access(self.method, self.pos.span(node))
                )
        elif fn in ("setattr", "delattr"):
            self.cls.dynamic = True


_LITERAL_BAGS = frozenset({"tuple", "list", "set"})
