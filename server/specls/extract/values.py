"""The kinds of value expressions (``[]`` is a list, ``Path(...)`` a Path, ...)."""

from __future__ import annotations

from tree_sitter import Node

from specls.extract.syntax import string_kind, string_value
from specls.grammar import (
    F_ARGUMENT,
    F_ARGUMENTS,
    F_ATTRIBUTE,
    F_FUNCTION,
    F_LEFT,
    F_NAME,
    F_OBJECT,
    F_OPERATOR,
    F_RIGHT,
    F_VALUE,
)
from specls.kinds import (
    ATTRIBUTE_RESULTS,
    CONSTRUCTORS,
    METHOD_RESULTS,
    describe,
)
from specls.nodetext import node_text as _text

#: How :func:`_module_bindings` marks the module's plain enums (not an identifier).
ENUM_PREFIX = "enum:"


_STR_RESULTS = {"join", "format", "strip", "lower", "upper", "replace"}


ENUM = frozenset({"Enum"})
#: What ``.encode()`` and ``.decode()`` give, whatever their receiver (see ``_codec_call``).
_CODECS = {"encode": "bytes", "decode": "str"}
#: Kinds ``round()`` keeps (with a number of digits).
_ROUNDED = frozenset({"int", "bool", "float", "Decimal"})


#: Names of methods and attributes whose result kind :mod:`specls.kinds` knows.
_RESULT_NAMES = frozenset(name for _, name in [*METHOD_RESULTS, *ATTRIBUTE_RESULTS])


SHAPE_NOUN = {
    "tuple": "tuple",
    "dict": "dict",
    "list": "list",
    "str": "str",
    "int": "int",
    "float": "float",
    "set": "set",
    "object": "object",
    "?": "unknown",
}


class Values:
    """Classifies expressions into kinds, with a local environment of names."""

    def __init__(self, shadowed: frozenset[str], env: dict[str, frozenset[str]]) -> None:
        self.shadowed = shadowed  # module-level names (that may shadow builtins)
        self.env = env
        #: Parameters and locals of the function: ``date.today()`` with a local ``date`` is
        #: not the standard library's.
        self.local: set[str] | frozenset[str] = frozenset()

    def classify(self, node: Node) -> tuple[frozenset[str] | None, bool, str]:
        """``(kinds or None if unknown, is_none, description)`` of a value expression."""
        t = node.type
        while t == "parenthesized_expression" and node.named_child_count:
            node = node.named_children[0]
            t = node.type
        # (the commonest kinds of value first: each test of the type costs a comparison)
        if t == "call":
            return self._call(node)
        if t == "attribute":
            return self._attribute(node)
        if t == "identifier":
            name = _text(node)
            kinds = self.env.get(name)
            if kinds:
                return kinds, False, f"`{name}` ({describe_kinds(kinds)})"
            return None, False, f"`{name}`"
        if t == "none":
            return None, True, "None"
        if t in ("dictionary", "dictionary_comprehension"):
            return (
                frozenset({"dict"}),
                False,
                "a dict" if t == "dictionary" else "a dict comprehension",
            )
        if t in ("list", "list_comprehension"):
            return frozenset({"list"}), False, "a list" if t == "list" else "a list comprehension"
        if t in ("set", "set_comprehension"):
            return frozenset({"set"}), False, "a set"
        if t == "tuple" or t == "expression_list":  # (`return a, b`, `self.size = w, h`)
            return frozenset({"tuple"}), False, "a tuple"
        if t == "string":
            k = string_kind(node)
            return frozenset({k}), False, f"a {k} literal"
        if t == "concatenated_string":
            return frozenset({"str"}), False, "a str literal"
        if t == "integer":
            return frozenset({"int"}), False, "an int"
        if t == "float":
            return frozenset({"float"}), False, "a float"
        if t in ("true", "false"):
            return frozenset({"bool"}), False, "a bool"
        if t in ("comparison_operator", "not_operator"):
            return frozenset({"bool"}), False, "a bool"
        if t == "unary_operator":
            arg = node.child_by_field_id(F_ARGUMENT)
            if arg is not None and arg.type in ("integer", "float"):
                return self.classify(arg)
            return None, False, "an expression"
        if t == "conditional_expression":
            branches = [c for c in node.named_children]
            if len(branches) == 3:
                return self._fallback(*branches) or self._union([branches[0], branches[2]])
        if (
            t == "boolean_operator"
            and _text(node.child(1) if node.child_count > 1 else None) == "or"
        ):
            left, right = node.child_by_field_id(F_LEFT), node.child_by_field_id(F_RIGHT)
            lk, _lnone, _ = self.classify(left)
            rk, _rnone, rwhat = self.classify(right)
            if rk is not None and (lk is None or lk == rk):
                return rk, False, rwhat
        if t == "binary_operator":
            op = _text(node.child_by_field_id(F_OPERATOR))
            left, right = node.child_by_field_id(F_LEFT), node.child_by_field_id(F_RIGHT)
            sides = [x for x in (left, right) if x is not None]
            if op == "%" and left is not None and left.type == "string":
                return frozenset({string_kind(left)}), False, "a formatted str"
            if op in ("/", "+", "-") and left is not None and right is not None:
                found = self._value_arithmetic(op, left, right)
                if found is not None:
                    return found
            if op in ("+", "*"):
                for side in sides:
                    if side.type in ("list", "list_comprehension") or (
                        op == "+" and side.type == "string"
                    ):
                        kinds, _, what = self.classify(side)
                        return kinds, False, what.replace(" literal", "")
        return None, False, "an expression"

    def _fallback(
        self, yes: Node, test: Node, no: Node
    ) -> tuple[frozenset[str] | None, bool, str] | None:
        """``items if items is not None else []`` (and ``[] if items is None else items``,
        ``items if items else []``): a name of unknown kind kept when it is set, else a
        value of known kind: that kind, as ``items or []`` has."""
        cond = " ".join(_text(test).split())
        for name, value, tests in (
            (yes, no, ("{}", "{} is not None")),
            (no, yes, ("not {}", "{} is None")),
        ):
            var = _text(name)
            if (
                name.type == "identifier"
                and var not in self.env
                and any(cond == form.format(var) for form in tests)
            ):
                kinds, is_none, what = self.classify(value)
                if kinds is not None:
                    return kinds, is_none, what
        return None

    def _union(self, nodes: list[Node]) -> tuple[frozenset[str] | None, bool, str]:
        kinds: set[str] = set()
        whats = []
        for n in nodes:
            k, is_none, what = self.classify(n)
            if is_none:
                continue
            if k is None:
                return None, False, "an expression"
            kinds |= k
            whats.append(what)
        if not kinds:
            return None, True, "None"
        return frozenset(kinds), False, " or ".join(whats)

    def _call(self, node: Node) -> tuple[frozenset[str] | None, bool, str]:
        fn = node.child_by_field_id(F_FUNCTION)
        name = _text(fn)
        ft = fn.type if fn is not None else ""
        if (
            ft in ("identifier", "attribute")
            and name in CONSTRUCTORS
            and (root := name.split(".")[0]) not in self.shadowed
            and root not in self.local
        ):
            return frozenset({CONSTRUCTORS[name]}), False, f"`{name}(...)`"
        if name == "round" and "round" not in self.shadowed and "round" not in self.local:
            found = self._round(node)
            if found is not None:
                return found
        if ft == "identifier" and self._enum(name):
            return ENUM, False, f"`{name}(...)`"  # `Color("red")`: the member of that value
        if ft == "attribute" and fn is not None:
            obj = fn.child_by_field_id(F_OBJECT)
            attr = _text(fn.child_by_field_id(F_ATTRIBUTE))
            if attr in _STR_RESULTS and obj is not None and obj.type == "string":
                return frozenset({string_kind(obj)}), False, f"`str.{attr}(...)`"
            if attr == "fromkeys" and _text(obj) == "dict":
                return frozenset({"dict"}), False, "`dict.fromkeys(...)`"
            result = self._result_of(obj, attr, METHOD_RESULTS)
            if result is not None:
                return result, False, f"`{name}(...)`" if len(name) < 40 else f"`.{attr}(...)`"
            if attr == "read" and obj is not None and obj.type == "call":
                found = self._file_read(obj)
                if found is not None:
                    return found
            if attr in _CODECS and obj is not None and self._codec_call(node, obj):
                kind = _CODECS[attr]
                return (
                    frozenset({kind}),
                    False,
                    f"`.{attr}()` ({'bytes' if kind == 'bytes' else 'a str'})",
                )
        return None, False, f"`{name}(...)`" if len(name) < 40 else "a call"

    def _file_read(self, call: Node) -> tuple[frozenset[str], bool, str] | None:
        """``open(p, "rb").read()``: bytes; ``open(p).read()``, ``open(p, "r").read()``: a
        str (``open`` the builtin, its mode a literal)."""
        fn = call.child_by_field_id(F_FUNCTION)
        if fn is None or _text(fn) != "open" or "open" in self.shadowed or "open" in self.local:
            return None
        args = call.child_by_field_id(F_ARGUMENTS)
        named = args.named_children if args is not None else []
        positional = [a for a in named if a.type != "keyword_argument"]
        mode = positional[1] if len(positional) > 1 else None
        for a in named:
            if a.type == "keyword_argument" and _text(a.child_by_field_id(F_NAME)) == "mode":
                mode = a.child_by_field_id(F_VALUE)
        if any(a.type in ("list_splat", "dictionary_splat") for a in named) or not positional:
            return None
        text = "r" if mode is None else string_value(mode) if mode.type == "string" else None
        if text is None:
            return None
        if "b" in text:
            return frozenset({"bytes"}), False, '`open(..., "rb").read()` (bytes)'
        return frozenset({"str"}), False, "`open(...).read()` (a str)"

    def _codec_call(self, call: Node, obj: Node) -> bool:
        """``name.encode()``, ``text.encode("utf-8", errors="replace")``: a str's encoding
        (or a bytes' decoding) by its arguments, none or literal encodings and error
        handlers; not a method of a module or class of the file (``jwt.encode(...)``)."""
        if obj.type == "identifier" and (_text(obj) in self.shadowed or _text(obj)[:1].isupper()):
            return False
        args = call.child_by_field_id(F_ARGUMENTS)
        named = args.named_children if args is not None else []
        if len(named) > 2:
            return False
        for a in named:
            value = a
            if a.type == "keyword_argument":
                if _text(a.child_by_field_id(F_NAME)) not in ("encoding", "errors"):
                    return False
                value = a.child_by_field_id(F_VALUE)
            if value is None or value.type != "string" or string_value(value) is None:
                return False
        return True

    def _round(self, node: Node) -> tuple[frozenset[str], bool, str] | None:
        """``round(x, 2)`` is of ``x``'s kind (a float, a `Decimal`); ``round(x)`` an int,
        when ``x``'s kind is a number."""
        args = node.child_by_field_id(F_ARGUMENTS)
        named = [a for a in (args.named_children if args else []) if a.type != "comment"]
        if not named or len(named) > 2 or named[0].type in ("keyword_argument", "list_splat"):
            return None
        kinds, _, _ = self.classify(named[0])
        if not kinds or not kinds <= _ROUNDED:
            return None
        if len(named) == 1:
            return frozenset({"int"}), False, "`round(...)` (an int)"
        return kinds, False, f"`round(...)` ({describe_kinds(kinds)})"

    def _attribute(self, node: Node) -> tuple[frozenset[str] | None, bool, str]:
        """``Path(...).parent``, ``path.name``: an attribute of a value of known kind;
        ``Color.RED``: a member of an enum of the module."""
        obj = node.child_by_field_id(F_OBJECT)
        attr = _text(node.child_by_field_id(F_ATTRIBUTE))
        if obj is not None and obj.type == "identifier" and self._enum(_text(obj)):
            return ENUM, False, f"`{_text(node)[:40]}`"
        result = self._result_of(obj, attr, ATTRIBUTE_RESULTS)
        if result is not None:
            text = _text(node)
            return result, False, f"`{text}`" if len(text) < 40 else f"`.{attr}`"
        return None, False, "an expression"

    def _enum(self, name: str) -> bool:
        """Whether ``name`` is a plain enum of the module (and not a local of that name)."""
        return f"{ENUM_PREFIX}{name}" in self.shadowed and name not in self.local

    def _result_of(
        self, obj: Node | None, attr: str, table: dict[tuple[str, str], str]
    ) -> frozenset[str] | None:
        """The kind ``obj.attr`` (or ``obj.attr(...)``) gives when ``obj``'s kind is known."""
        if attr not in _RESULT_NAMES or obj is None:
            return None  # (most names are in no table: `obj` is not classified for them)
        if obj.type in ("identifier", "attribute") and _text(obj) in CONSTRUCTORS:
            return None  # `datetime.now`, `Path.cwd`: a class, not a value (CONSTRUCTORS)
        kinds, _, _ = self.classify(obj)
        if not kinds:
            return None
        results = {table.get((k, attr)) for k in kinds}
        if len(results) == 1 and None not in results:
            return frozenset(results)  # type: ignore[arg-type]
        return None

    def _value_arithmetic(
        self, op: str, left: Node, right: Node
    ) -> tuple[frozenset[str] | None, bool, str] | None:
        """``Path(...) / "x"`` is a Path; ``datetime.now() - timedelta(...)`` a datetime."""
        lk, _, what = self.classify(left)
        if lk is None or len(lk) != 1:
            return None
        kind = next(iter(lk))
        if op == "/" and kind == "Path":
            return lk, False, what
        if op in ("+", "-") and kind in ("datetime", "date"):
            rk, _, _ = self.classify(right)
            if rk == {"timedelta"}:
                return lk, False, what
            if op == "-" and rk == lk:
                return frozenset({"timedelta"}), False, "a `timedelta` (a difference of dates)"
        return None

    def shape(self, node: Node) -> str | None:
        """The shape of one item value (for element-shape checks), or None if unknown."""
        t = node.type
        while t == "parenthesized_expression" and node.named_child_count:
            node = node.named_children[0]
            t = node.type
        if t == "tuple":
            return "tuple"
        if t == "dictionary":
            return "dict"
        if t == "list":
            return "list"
        if t == "string":
            return string_kind(node)
        if t in ("integer", "float"):
            return t if t == "float" else "int"
        if t == "call":
            fn = node.child_by_field_id(F_FUNCTION)
            name = _text(fn)
            if name in CONSTRUCTORS and name.split(".")[0] not in self.shadowed:
                return CONSTRUCTORS[name]
            last = name.rsplit(".", 1)[-1]
            if last[:1].isupper() and fn is not None and fn.type in ("identifier", "attribute"):
                return "object"
            return None
        if t == "identifier":
            kinds = self.env.get(_text(node))
            if kinds and len(kinds) == 1:
                return next(iter(kinds))
        return None


def describe_kinds(kinds: frozenset[str]) -> str:
    return describe(kinds)
