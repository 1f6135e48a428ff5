"""R101-R104: one attribute, one representation.

Evidence is weighed: an assignment from a literal or a constructor, a container-specific
method, a str key or a slice are strong; ``len()``, iteration and ``in`` say nothing. Where
the evidence is ambiguous (an assignment of unknown kind, an ``isinstance`` check, a union
declared by annotation) the rules stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from specls.facts import FIELD_KEY, Claim, Evidence, Shape, Span
from specls.findings import Finding, Fix, Related, Severity
from specls.index import ClassRef, enum_candidate
from specls.kinds import (
    ARITHMETIC_DUNDERS,
    ATTRS,
    DISTINCTIVE,
    FAMILY,
    FAMILY_NOUN,
    FAMILY_TYPE,
    MAPPINGS,
    NOUN,
    SLICEABLE,
    VALUE_CLASSES,
    TypeInfo,
    describe,
    families,
    kinds_of_family,
    kinds_with_attr,
    names_protocol,
    parse_doc_type,
    parse_type,
    type_names,
    widen,
)
from specls.records import record, replace
from specls.rules import RuleContext
from specls.rules.lookup import decision_type
from specls.spec.load import DecisionEntry


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Findings R101-R104 for every class of the index."""
    for ref in ctx.classes():
        yield from check_class(ctx, ref)


# -- helpers shared by the rules -----------------------------------------------------------


def _line(span: Span) -> int:
    return span.line + 1


def _method_label(method: str) -> str:
    return "the class body" if method == "<class>" else f"`{method}`"


#: Methods a message names (the others are counted): each finding of a side repeats its
#: message, so a class of 50,000 methods would otherwise print 50,000 names 50,000 times.
_NAMED = 6


def _where(items: Iterable[Evidence | Shape]) -> str:
    """ "`__init__`, `add` (lines 6, 9)": each method once, with its first line; past
    :data:`_NAMED` methods, "… and 7 other methods"."""
    firsts: dict[str, int] = {}
    for e in items:
        firsts.setdefault(e.method, _line(e.span))
    named = list(firsts.items())[:_NAMED]
    methods = ", ".join(_method_label(m) for m, _ in named)
    lines = ", ".join(str(n) for _, n in named)
    if len(firsts) > len(named):
        more = len(firsts) - len(named)
        methods += f" and {more} other method{'s' if more != 1 else ''}"
        lines += ", …"
    return f"{methods} ({'line' if len(firsts) == 1 else 'lines'} {lines})"


def _by_method(items: Iterable[Evidence | Shape]) -> dict[str, list]:
    out: dict[str, list] = {}
    for e in items:
        out.setdefault(e.method, []).append(e)
    return out


def kebab(name: str) -> str:
    """``InventoryItems`` / ``inventory_items`` -> ``inventory-items``."""
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name.strip("_"))
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "decision"


def target_name(ctx: RuleContext, ref: ClassRef, attr: str) -> str:
    """The shortest unambiguous dotted target for an attribute."""
    if len(ctx.index.by_name.get(ref.cls.name, [])) == 1:
        return f"{ref.cls.qualname}.{attr}"
    return f"{ref.dotted}.{attr}"


def _related(ref: ClassRef, items: Iterable[Evidence | Shape], label: str) -> list[Related]:
    seen: set[str] = set()
    out = []
    for e in items:
        if e.method in seen:
            continue
        seen.add(e.method)
        out.append(
            Related(ref.file.path, e.span, f"{label}: {e.what} in {_method_label(e.method)}")
        )
        origin = e.origin if isinstance(e, Evidence) else None
        if origin is not None:  # where that kind was read: a docstring, a returning function
            out.append(Related(ref.file.path, origin[0], f"{label}: {origin[1]}"))
    return out[:8]


def _because(items: Iterable[Evidence | Shape]) -> str:
    """ ", where the docstring of `path` says `str` (line 5)": where the first of ``items``
    read from elsewhere got its kind ("" when none was)."""
    for e in items:
        if isinstance(e, Evidence) and e.origin is not None:
            return f", where {e.origin[1]} (line {_line(e.origin[0])})"
    return ""


def _overridden(ctx: RuleContext, ref: ClassRef, evidence: Iterable[Evidence]) -> list[Evidence]:
    """``evidence`` with the kinds read from a method's body made unknown where a subclass
    overrides the method, or assigns the attribute it returns (``Evidence.via``)."""
    subs = None
    out = []
    for e in evidence:
        if e.kinds is not None and e.via.startswith("self."):
            if subs is None:
                subs = ctx.index.subclasses(ref)
            method, _, attr = e.via[5:].partition(":")
            if any(method in s.cls.class_names or attr in s.cls.writes for s in subs):
                e = replace(e, kinds=None, origin=None)
        out.append(e)
    return out


def _imported_enums(
    ctx: RuleContext, ref: ClassRef, evidence: Iterable[Evidence]
) -> list[Evidence]:
    """``evidence`` with the assignments of ``Status.OPEN`` (or ``Status(text)``) made
    enum members where ``Status`` is imported from a plain ``Enum`` of another file of the
    workspace (a member of one never equals its value); any other name stays unknown."""
    out = []
    found: dict[str, ClassRef | None] = {}
    for e in evidence:
        name = enum_candidate(e.via) if e.kinds is None and e.via else ""
        if name:
            if name not in found:
                found[name] = ctx.index.plain_enum(ref.file, name)
            enum = found[name]
            if enum is not None:
                label = f"`{name}` is a plain `Enum` of `{enum.file.module or enum.file.path}`"
                e = replace(e, kinds=_ENUM, what=f"{e.what} ({label})")
        out.append(e)
    return out


# -- per class -------------------------------------------------------------------------------


@record()
class _Attr:
    """One attribute of a class as the rules see it: its evidence, shapes and claims."""

    name: str
    evidence: list[Evidence]
    shapes: list[Shape]
    claims: list[Claim]
    #: The names the plain enums its members come from define (methods, properties), when
    #: every one is found; None lets a member have any name.
    enum_names: frozenset[str] | None = None


def check_class(ctx: RuleContext, ref: ClassRef) -> Iterator[Finding]:
    """Findings R101-R104 for one class."""
    cls = ref.cls
    attrs: dict[str, _Attr] = {}
    evidence = cls.evidence
    if any(e.via for e in evidence):
        evidence = _overridden(ctx, ref, evidence)
        if ref.file.imports:
            evidence = _imported_enums(ctx, ref, evidence)
    for e in evidence:
        attrs.setdefault(e.attr, _Attr(e.attr, [], [], [])).evidence.append(e)
    for s in cls.shapes:
        attrs.setdefault(s.attr, _Attr(s.attr, [], [], [])).shapes.append(s)
    for c in cls.claims:
        attrs.setdefault(c.attr, _Attr(c.attr, [], [], [])).claims.append(c)
    for a in attrs.values():
        a.evidence.sort(key=lambda e: (e.span.line, e.span.col))
        if any(e.kinds == _ENUM and e.role == "held" for e in a.evidence):
            a.enum_names = _enum_names(ctx, ref, a)
        a.shapes.sort(key=lambda s: (s.span.line, s.span.col))
        if a.name in cls.polymorphic:
            continue
        decisions = ctx.decisions_for(ref.file.path, cls.qualname, a.name)
        if decisions:
            yield from _against_decisions(ctx, ref, a, decisions)
            continue
        claim = _usable_claim(a.claims)
        if claim is not None:
            yield from _against_claim(ctx, ref, a, *claim)
            continue
        if len(a.evidence) < 2 and not a.shapes:
            continue  # (one use or one value: nothing to disagree with; most attributes)
        mixed = list(_mixed(ctx, ref, a))
        if not mixed and not a.claims:
            mixed = list(_use_against_use(ctx, ref, a))
        yield from mixed
        if not mixed:
            yield from _item_shapes(ctx, ref, a)


#: Where an enum member's class is named: ``assigned `Status.OPEN```, ``assigned
#: `Status(...)```, ``assigned the parameter `s` (annotated `Status`)``.
_ENUM_CLASS = re.compile(r"assigned `(\w+)[.(]|\((?:annotated|documented as) `(\w+)`\)")


def _enum_names(ctx: RuleContext, ref: ClassRef, a: _Attr) -> frozenset[str] | None:
    """What the plain enums of the attribute's members define (see :attr:`_Attr.enum_names`),
    asked only when a member's own attribute is used."""
    if not any(e.role == "needs" and e.what.startswith(_MEMBER_USES) for e in a.evidence):
        return None
    names: set[str] = set()
    for e in a.evidence:
        if e.role != "held" or e.kinds != _ENUM:
            continue
        m = _ENUM_CLASS.search(e.what)
        enum = ctx.index.plain_enum(ref.file, m.group(1) or m.group(2)) if m else None
        if enum is None:
            return None
        names |= enum.cls.class_names
    return frozenset(names)


def _enum_label(items: list[Evidence]) -> tuple[str, str] | None:
    """``("Status", "a `Status` member")`` when every member held is of one enum."""
    names = set()
    for e in items:
        if e.role == "held":
            m = _ENUM_CLASS.search(e.what)
            names.add((m.group(1) or m.group(2)) if m else "")
    if len(names) != 1 or "" in names:
        return None
    name = next(iter(names))
    return name, f"a `{name}` member"


def _usable_claim(claims: list[Claim]) -> tuple[Claim, TypeInfo] | None:
    """The first claim that constrains the kind (docstrings and annotations alike)."""
    for c in claims:
        info = parse_type(c.type_text) if c.source == "annotation" else parse_doc_type(c.type_text)
        if info.kinds:
            return c, info
    return None


def _held_known(ctx: RuleContext, ref: ClassRef, a: _Attr) -> bool:
    """Whether every value the attribute can hold comes from an assignment of known kind."""
    held = [e for e in a.evidence if e.role == "held"]
    if not held or any(e.kinds is None for e in held):
        return False
    if a.name in ctx.index.foreign_stores or ref.cls.dynamic:
        return False
    return not any(a.name in sub.cls.writes for sub in ctx.index.subclasses(ref))


def _tuple_keys(a: _Attr) -> bool:
    return any(s.slot == "key" and s.shape == "tuple" for s in a.shapes)


#: How the ``what`` of a use of an attribute's own attribute starts (``calls `.lower()```).
_MEMBER_USES = ("calls `.", "uses `.", "has attribute")


def _needs(e: Evidence, a: _Attr) -> frozenset[str]:
    if e.pairs and _tuple_keys(a):
        return e.kinds | MAPPINGS  # type: ignore[operator]
    if e.kinds is not None and e.what.startswith(_MEMBER_USES):
        if a.enum_names is not None and _member_name(e.what) not in a.enum_names:
            return e.kinds  # (`.upper()` of a member of an enum that defines none)
        return e.kinds | _ENUM  # an enum's own methods and properties: any name
    return e.kinds or frozenset()


def _member_name(what: str) -> str:
    """``upper`` for "calls `.upper()`", ``value`` for "uses `.value`"."""
    return what.partition("`.")[2].partition("`")[0].removesuffix("()")


def _compatible(e: Evidence, a: _Attr, kinds: frozenset[str]) -> bool:
    if e.role == "held":
        return bool(e.kinds and e.kinds & kinds)
    return bool(_needs(e, a) & kinds)


_ENUM = frozenset({"Enum"})


# -- R101 --------------------------------------------------------------------------------------


@record()
class _Side:
    """One side of a disagreement on an attribute's kind: what it says and where."""

    label: str  # "a dict", "a list of pairs"
    kinds: frozenset[str]
    items: list[Evidence]
    type_text: str | None

    @property
    def methods(self) -> list[str]:
        return list(dict.fromkeys(e.method for e in self.items))


def _type_for(kinds: frozenset[str], items: list[Evidence]) -> tuple[str, str]:
    """A type text and a label for a side's kinds."""
    fams = families(kinds)
    if len(kinds) == 1:
        kind = next(iter(kinds))
        type_text, label = kind, describe(kinds)
    elif len(fams) == 1:
        fam = next(iter(fams))
        type_text, label = FAMILY_TYPE.get(fam, "object"), FAMILY_NOUN[fam]
    else:
        return "object", describe(kinds)
    if any(e.pairs for e in items) and next(iter(fams)) in ("sequence", "set"):
        return f"{type_text}[tuple]", f"{label} of pairs"
    return type_text, label


def _mixed(ctx: RuleContext, ref: ClassRef, a: _Attr) -> Iterator[Finding]:
    held = [e for e in a.evidence if e.role == "held" and e.kinds]
    # bools are flags or sentinels; str and bytes often alternate by design (a mode switch)
    strong = [e for e in held if len(families(e.kinds)) == 1 and e.kinds != {"bool"}]  # type: ignore[arg-type]
    by_family: dict[str, list[Evidence]] = {}
    for e in strong:
        fam = FAMILY[next(iter(e.kinds))]  # type: ignore[arg-type]
        by_family.setdefault("text" if fam == "binary" else fam, []).append(e)
    _split_numbers(by_family)
    sides: list[_Side] = []
    for fam, items in by_family.items():
        kinds = frozenset(k for e in items for k in e.kinds)  # type: ignore[union-attr]
        kinds = _FLOAT if fam == "float" else kinds  # (a parameter annotated `float`)
        sides.append(_Side("", kinds, list(items), None))
    known = _held_known(ctx, ref, a)
    if len(sides) < 2 and not known:
        return
    all_held = frozenset(k for e in held for k in e.kinds)  # type: ignore[union-attr]
    orphans: list[Evidence] = []
    for e in a.evidence:
        if e.role != "needs":
            continue
        fits = [s for s in sides if _compatible(e, a, s.kinds)]
        if len(fits) == 1:
            fits[0].items.append(e)
        elif not fits and known and not (_needs(e, a) & all_held):
            orphans.append(e)
    # a side made only of `0` / `False` / `""` placeholders is no side
    sides = [s for s in sides if not all(e.role == "held" and e.falsy for e in s.items)]
    if any(c.source == "annotation" and names_protocol(c.type_text) for c in a.claims) and all(
        e.role == "held" for s in sides for e in s.items
    ):
        return  # `x: Iterable[str]` admits every side, and no use needs one of them
    if orphans:
        needed = frozenset.intersection(*(_needs(e, a) for e in orphans))
        sides.append(_Side("", needed, orphans, None))
    if len(sides) < 2:
        return
    if len({e.method for s in sides for e in s.items}) == 1:
        return  # alternatives within one method are a deliberate switch (if/else by mode)
    for s in sides:
        if s.items is orphans:
            s.type_text, s.label = _needs_label(s.kinds, orphans)
        else:
            s.type_text, s.label = _type_for(s.kinds, s.items)
            if s.kinds == _ENUM:
                s.type_text, s.label = _enum_label(s.items) or (s.type_text, s.label)
    main = _established(sides)
    decision_id = f"{kebab(ref.cls.name)}-{kebab(a.name)}"
    target = target_name(ctx, ref, a.name)
    fixes = [
        Fix(
            f"Record decision: `{target}` is `{s.type_text}` "
            f"({len(s.methods)} method{'s' if len(s.methods) != 1 else ''})",
            "record-decision",
            decision_id,
            {"kind": "representation", "target": target, "type": s.type_text, "status": "accepted"},
        )
        for s in [main, *[x for x in sides if x is not main]]
        if s.type_text and s.type_text != "object"
    ]
    for side in sides:
        if side is main:
            continue
        message = (
            f"`{ref.cls.name}.{a.name}` is used as {side.label} in {_where(side.items)} "
            f"but as {main.label} in {_where(main.items)}{_because(main.items)}; "
            "no decision records which"
        )
        related = _related(ref, main.items, f"used as {main.label}")
        for items in _by_method(side.items).values():
            first = items[0]
            own = [Related(ref.file.path, first.origin[0], first.origin[1])] if first.origin else []
            yield Finding(
                "R101",
                Severity.WARNING,
                f"{message} ({first.what}{_because([first])})",
                ref.file.path,
                first.span,
                None,
                [*own, *related],
                list(fixes),
            )


_FLOAT = frozenset({"float"})
_FLOAT_ANNOTATED = frozenset({"float", "int", "bool"})


def _split_numbers(by_family: dict[str, list[Evidence]]) -> None:
    """A `Decimal` and a float assigned to one attribute are two sides (they do not mix:
    ``Decimal + float`` raises TypeError); ints mix with both and take no side."""
    numbers = by_family.get("number")
    if not numbers:
        return
    decimals = [e for e in numbers if e.kinds == {"Decimal"}]
    # (a parameter annotated `float` may be given an int: `{float, int, bool}`, a float side)
    floats = [e for e in numbers if e.kinds in (_FLOAT, _FLOAT_ANNOTATED)]
    if decimals and floats:
        del by_family["number"]
        by_family["decimal"], by_family["float"] = decimals, floats


# -- R101: use against use, when the assignment says nothing ---------------------------------

#: Families a subscript use allows: a slice (a list, a tuple or a str), a str key (a dict).
_SUBSCRIPT_FAMILIES = {
    "sliced": frozenset({"sequence", "text"}),
    "indexed by the str key": frozenset({"mapping"}),
}
#: Packages whose types mix list and dict interfaces (``Element.append`` and ``.keys()``,
#: ``DataFrame.keys()`` and slices, ``QuerySet.values()`` and slices): values that may come
#: from them are not judged by their uses alone.
_DUAL_PACKAGES = frozenset({"xml", "lxml", "pandas", "numpy", "django", "h5py", "polars"})
_CALLED = re.compile(r"calls `\.(\w+)\(\)`")
#: Uses other types than builtins share with ``.get()``: ElementTree elements have list
#: methods, caches (Django's, memcached clients) ``.add()``, pandas series slices; against
#: these it says nothing. (``.items()``, ``.keys()`` and ``.values()`` against list methods
#: and slices are judged: an XML element or a data frame comes with an import of its
#: package, see :data:`_DUAL_PACKAGES`.)
_SHARED_WITH: dict[str, frozenset[str]] = {
    "get": frozenset({"append", "extend", "insert", "add", "__getitem__"}),
}
#: An augmented assignment with a number (``updated with `+= 1```): its operator.
_UPDATED = re.compile(r"updated with `([-+*/]+=)")
#: An assignment's value that names another value: ``data``, ``config.data``, or calls a
#: name: ``load()``, ``json.load(fh)``, ``self.read(path)``.
_NAMED_VALUE = re.compile(r"[A-Za-z_][\w.]*(?:\(.*\))?", re.S)


@record()
class _Use:
    """A strong use: what it is (a method name or ``__getitem__``), the families and the
    kinds that allow it (``.popleft()``: a `deque` only, ``.sort()``: a list only)."""

    name: str
    families: frozenset[str]
    evidence: Evidence
    kinds: frozenset[str] = frozenset()


#: Kinds a slice or a str key allows, among the families of :data:`_SUBSCRIPT_FAMILIES`.
_SUBSCRIPT_KINDS = {
    prefix: frozenset(k for f in fams for k in kinds_of_family(f)) & (SLICEABLE | MAPPINGS)
    for prefix, fams in _SUBSCRIPT_FAMILIES.items()
}


def _strong_use(e: Evidence) -> _Use | None:
    if e.role != "needs" or not e.kinds:
        return None
    m = _CALLED.fullmatch(e.what)
    if m is not None:
        fam = DISTINCTIVE.get(m.group(1))
        if not fam:
            return None
        kinds = kinds_with_attr(m.group(1)) & kinds_of_family(fam)
        return _Use(m.group(1), frozenset({fam}), e, kinds)
    for prefix, fams in _SUBSCRIPT_FAMILIES.items():
        if e.what.startswith(prefix):
            return _Use("__getitem__", fams, e, _SUBSCRIPT_KINDS[prefix])
    m = _UPDATED.match(e.what)
    if m is not None and families(e.kinds) == {"number"}:  # `+= 1`: numbers only
        return _Use(ARITHMETIC_DUNDERS[m.group(1)], frozenset({"number"}), e, e.kinds)
    return None


def _unknown_source(ctx: RuleContext, ref: ClassRef, a: _Attr) -> bool:
    """Whether the attribute holds one value of unknown kind, named where it is assigned
    (``self.data = data``), and nothing else can set it."""
    cls = ref.cls
    held = [e for e in a.evidence if e.role == "held"]
    if len(held) != 1 or held[0].kinds is not None:
        return False
    values = [
        m.detail for m in cls.mutations if m.attr == a.name and m.op == "=" and m.detail != "None"
    ]
    if len(values) != 1 or not _NAMED_VALUE.fullmatch(values[0]):
        return False
    if values[0].partition("(")[0].rsplit(".", 1)[-1][:1].isupper() and "(" in values[0]:
        return False  # `Registry()`: a class, whose methods may come from its bases
    method = cls.methods.get(held[0].method)
    for p in method.params if method is not None else ():
        if p.name == values[0] and (p.annotation or p.doc_type):
            return False  # a type of its own (a class may have both methods)
    if a.name in ctx.index.foreign_stores or cls.dynamic or a.name in cls.guarded:
        return False
    if any(p.split(".", 1)[0] in _DUAL_PACKAGES for p in ref.file.imports.values()):
        return False
    bases = ctx.index.bases(ref)
    if not bases.complete or bases.builtin_names:
        return False
    family = [*bases.classes, *ctx.index.subclasses(ref)]
    return not any(a.name in c.cls.writes or a.name in c.cls.class_names for c in family)


def _use_against_use(ctx: RuleContext, ref: ClassRef, a: _Attr) -> Iterator[Finding]:
    """R101 from uses alone: an attribute assigned a value of unknown kind, used in one
    method as only one family of builtins allows and in another as only another does, when
    no workspace class supports both."""
    uses = [u for e in a.evidence if (u := _strong_use(e)) is not None]
    if len({u.evidence.method for u in uses}) < 2 or not _unknown_source(ctx, ref, a):
        return
    groups = _use_groups(uses)
    if len(groups) < 2:
        return
    for side in groups.values():
        side.sort(key=lambda u: (u.evidence.span.line, u.evidence.span.col))
    owners = ctx.index.distinctive_owners
    main_kinds, main = max(
        groups.items(),
        key=lambda g: (len({u.evidence.method for u in g[1]}), -g[1][0].evidence.span.line),
    )
    held = next(e for e in a.evidence if e.role == "held")
    for kinds, side in groups.items():
        if kinds is main_kinds or kinds & main_kinds:
            continue
        pairs = [(u, v) for u in side for v in main]
        if not any(_conflict(u, v, owners) for u, v in pairs):
            continue
        main_ev = [u.evidence for u in main]
        side_ev = [u.evidence for u in side if any(_conflict(u, v, owners) for v in main)]
        main_label = _kinds_label(main_kinds)
        side_label = _kinds_label(kinds)
        target = target_name(ctx, ref, a.name)
        decision_id = f"{kebab(ref.cls.name)}-{kebab(a.name)}"
        fixes = [
            Fix(
                f"Record decision: `{target}` is `{t}` "
                f"({len(ms)} method{'s' if len(ms) != 1 else ''})",
                "record-decision",
                decision_id,
                {
                    "kind": "representation",
                    "target": target,
                    "type": t,
                    "status": "accepted",
                },
            )
            for t, ms in _side_types((main_kinds, main_ev), (kinds, side_ev))
        ]
        message = (
            f"`{ref.cls.name}.{a.name}` is used as {side_label} in {_where(side_ev)} but as "
            f"{main_label} in {_where(main_ev)}; no type supports both, its assignment in "
            f"{_method_label(held.method)} (line {_line(held.span)}: "
            f"{held.what.removeprefix('assigned ')}) does not say which, and no decision "
            "records which"
        )
        related = _related(ref, main_ev, f"used as {main_label}")
        for items in _by_method(side_ev).values():
            first = items[0]
            yield Finding(
                "R101",
                Severity.WARNING,
                f"{message} ({first.what})",
                ref.file.path,
                first.span,
                None,
                related,
                list(fixes),
            )


def _use_groups(uses: list[_Use]) -> dict[frozenset[str], list[_Use]]:
    """The uses in sides, each keyed by the kinds all its uses allow: the narrowest uses
    first (``.popleft()``: a `deque`), then each use joins the one side it fits (``.append()``
    a `deque`'s or a list's, a slice a list's or a str's) or makes its own; a use that
    fits several sides is left out (it tells none of them)."""
    groups: dict[frozenset[str], list[_Use]] = {}
    for u in sorted(uses, key=lambda u: (len(u.families), len(u.kinds))):
        fits = [k for k in groups if k & u.kinds]
        if len(fits) == 1:
            items = groups.pop(fits[0])
            groups[fits[0] & u.kinds] = [*items, u]
        elif not fits:
            groups[u.kinds] = [u]
    return groups


def _kinds_label(kinds: frozenset[str]) -> str:
    """``a `deque```, ``a dict``, ``a list`` (for a list or a `deque`), ``a list or a str``."""
    fams = families(kinds)
    if len(kinds) == 1:
        return NOUN[next(iter(kinds))]
    if len(fams) == 1:
        fam = next(iter(fams))
        if fam == "mapping" or kinds_of_family(fam) <= kinds or "list" in kinds:
            return FAMILY_NOUN[fam]  # (`.append()`: a list, or a `deque`)
        return " or ".join(NOUN[k] for k in sorted(kinds, key=list(FAMILY).index))
    return _use_label(fams)


def _side_types(
    *sides: tuple[frozenset[str], list[Evidence]],
) -> Iterator[tuple[str, set[str]]]:
    """Each side's type to record (its one kind, else its one family's; sides allowing
    several families have none), with its methods."""
    for kinds, items in sides:
        fams = families(kinds)
        if len(kinds) == 1:
            yield next(iter(kinds)), {e.method for e in items}
        elif len(fams) == 1 and next(iter(fams)) in FAMILY_TYPE:
            yield FAMILY_TYPE[next(iter(fams))], {e.method for e in items}


def _conflict(u: _Use, v: _Use, owners: dict[str, set[tuple[str, str]]]) -> bool:
    """Whether no builtin kind and no workspace class supports both uses."""
    if u.kinds & v.kinds or u.name == v.name == "__getitem__":
        return False  # two subscripts: NumPy arrays and data frames take keys and slices
    if v.name in _SHARED_WITH.get(u.name, ()) or u.name in _SHARED_WITH.get(v.name, ()):
        return False
    return not (_owners(u.name, owners) & _owners(v.name, owners))


def _owners(name: str, owners: dict[str, set[tuple[str, str]]]) -> set[tuple[str, str]]:
    """The workspace classes supporting a use (``__add__`` or ``__iadd__`` for ``+=``)."""
    found = owners.get(name, set())
    if name.startswith("__") and name != "__getitem__":
        found = found | owners.get("__i" + name[2:], set())
    return found


def _use_label(fams: frozenset[str]) -> str:
    return " or ".join(FAMILY_NOUN[f] for f in sorted(fams))


def _needs_label(kinds: frozenset[str], items: list[Evidence]) -> tuple[str | None, str]:
    kinds = kinds - _ENUM if kinds != _ENUM else kinds
    if not kinds or (
        kinds <= VALUE_CLASSES
        and (kinds == VALUE_CLASSES or not all(e.what.startswith("calls") for e in items))
    ):
        # (`.name`, `.days`: a `Path`'s or a `timedelta`'s, or of any object of the workspace;
        # a method no kind has: of an object, or of a standard class in a newer Python)
        if all(e.what == "uses `.value`" for e in items):
            return None, "an enum member or another object (not a builtin value)"
        if len(kinds) == 1 and all(e.what.startswith("combined with") for e in items):
            kind = next(iter(kinds))  # (`self.directory / "MANIFEST"`: only a `Path` takes it)
            return kind, NOUN.get(kind, kind)
        return None, "an object (not a builtin value)"
    fams = families(kinds)
    compared = {e.what.split(" ", 4)[3] for e in items if e.what.startswith("compared with")}
    if len(compared) == 1 and len(items) == sum(e.what.startswith("compared") for e in items):
        kind = next(iter(compared))
        return kind, NOUN.get(kind, kind)  # compared with "red": used as a str
    if len(kinds) == 1:
        kind = next(iter(kinds))
        return kind, describe(kinds)
    if fams <= {"number", "timedelta"} and "float" in kinds and "Decimal" not in kinds:
        return "float", "a float"  # (`x * 0.5`: a `timedelta` takes it too)
    if fams == {"number"} and "Decimal" in kinds and "float" not in kinds:
        return "Decimal", "a `Decimal`"
    if any(e.pairs for e in items):
        return "list[tuple]", "a list of pairs"
    if len(fams) == 1:
        fam = next(iter(fams))
        return FAMILY_TYPE.get(fam), FAMILY_NOUN[fam]
    return None, describe(kinds)


def _established(sides: list[_Side]) -> _Side:
    """The side set up first: by ``__init__`` or the class body, else the most used."""

    def rank(s: _Side) -> tuple:
        init = any(e.role == "held" and e.method in ("__init__", "<class>") for e in s.items)
        first = min((e.span.line, e.span.col) for e in s.items)
        return (not init, -len(s.methods), first)

    return min(sides, key=rank)


# -- R102 / R103: against a decision or a claim ----------------------------------------------


def _diverging(a: _Attr, info: TypeInfo) -> list[tuple[Evidence | Shape, str]]:
    """Evidence and shapes that contradict ``info``, each with what was expected."""
    kinds = info.kinds or frozenset()
    # a `defaultdict` is a `dict`: subclasses the code assigns are allowed, and what they add
    wide = widen(kinds)
    allowed = kinds | frozenset(
        k for e in a.evidence if e.role == "held" and e.kinds and e.kinds <= wide for k in e.kinds
    )
    out: list[tuple[Evidence | Shape, str]] = []
    for e in a.evidence:
        if e.role == "held" and e.kinds and not (e.kinds & wide):
            out.append((e, describe(kinds)))
        elif e.role == "needs":
            need = _needs(e, a) | (
                MAPPINGS if e.pairs and info.key and info.key <= {"tuple"} else frozenset()
            )
            if not need & allowed:
                out.append((e, describe(kinds)))
    if info.item or info.key:
        for s in a.shapes:
            slot = s.slot
            if slot == "iter":
                slot = "key" if kinds <= MAPPINGS else "item"
            expected = info.item if slot == "item" else info.key
            if expected and not _shape_fits(s, expected):
                out.append((s, f"{type_names(expected)} {'keys' if slot == 'key' else 'items'}"))
    return out


def _shape_fits(s: Shape, expected: frozenset[str]) -> bool:
    if FIELD_KEY in expected and not s.made:
        # keys that are ids (`user.id`): of some kind a key may be, never the value stored
        return not s.shape.startswith("attr:") or any(s.shape[5:] in ATTRS[k] for k in _KEY_KINDS)
    if s.made:
        return (
            s.shape in ("object", "?", FIELD_KEY)  # ids (`block.name`) may be of any key kind
            or s.shape in expected
            or (s.shape == "int" and bool(expected & {"float", "complex"}))
        )
    if s.shape == "int-index":
        return bool(expected & {"tuple", "list", "str", "bytes", "bytearray", "deque"})
    if s.shape == "str-key":
        return bool(expected & MAPPINGS)
    if s.shape == "pair":
        return bool(expected & {"tuple", "list"})
    if s.shape.startswith("attr:"):
        return bool(kinds_with_attr(s.shape[5:]) & expected)
    if s.shape in ("str", "int", "tuple"):  # a key used in a subscript
        return s.shape in expected or (s.shape == "int" and "bool" in expected)
    return True


def _against_decisions(
    ctx: RuleContext, ref: ClassRef, a: _Attr, decisions: list[DecisionEntry]
) -> Iterator[Finding]:
    entry = decisions[0]
    info = decision_type(entry)
    if not info.kinds:
        return
    where = f"{ctx.spec_display}:{entry.span.line + 1}"
    severity = ctx.decision_severity(entry)
    decision_related = Related(
        ctx.spec_path or "",
        entry.field_span("type"),
        f"decision `{entry.id}`: `{entry.decision.type}`",
    )
    related = [decision_related] if ctx.spec_path else []
    for claim in a.claims:
        cinfo = (
            parse_type(claim.type_text)
            if claim.source == "annotation"
            else parse_doc_type(claim.type_text)
        )
        if cinfo.kinds and not (widen(cinfo.kinds) & widen(info.kinds)):
            yield Finding(
                "R102",
                severity,
                f"The {claim.source} of `{ref.cls.name}.{a.name}` says `{claim.type_text}` but "
                f"decision `{entry.id}` ({where}) says `{entry.decision.type}`; update the "
                f"{claim.source} or the decision",
                ref.file.path,
                claim.span,
                entry.id,
                related,
                [_update(entry, claim.type_text)] if claim.source == "annotation" else [],
            )
    diverging = _diverging(a, info)
    if not diverging:
        return
    firsts: dict[str, tuple[Evidence | Shape, str]] = {}
    for x, why in diverging:
        firsts.setdefault(x.method, (x, why))
    for first, expected in firsts.values():
        found_type = _found_type(first)
        fixes = [_update(entry, found_type)] if found_type else []
        yield Finding(
            "R102",
            severity,
            f"`{ref.cls.name}.{a.name}` {first.what} in {_method_label(first.method)}, which "
            f"diverges from decision `{entry.id}` ({where}): `{entry.decision.type}` "
            f"(expected {expected}); change the code or update the decision",
            ref.file.path,
            first.span,
            entry.id,
            related,
            fixes,
        )


def _update(entry: DecisionEntry, type_text: str) -> Fix:
    """Supersede ``entry`` with a decision of ``type_text`` (what the code uses)."""
    return Fix(
        f"Update decision `{entry.id}` to `{type_text}` (supersedes it)",
        "update-decision",
        f"{entry.id}-2",
        {
            "kind": "representation",
            "target": entry.decision.target,
            "type": type_text,
            "status": "accepted",
        },
        supersedes=entry.id,
    )


def _found_type(x: Evidence | Shape) -> str | None:
    """The type the code uses: what is assigned, or what the operation needs (``.get()``:
    a dict), when that is one family of kinds."""
    if isinstance(x, Evidence) and x.kinds and len(families(x.kinds)) == 1:
        return _type_for(x.kinds, [x])[0]
    return None


def _against_claim(
    ctx: RuleContext, ref: ClassRef, a: _Attr, claim: Claim, info: TypeInfo
) -> Iterator[Finding]:
    diverging = _diverging(a, info)
    if not diverging:
        return
    decision_id = f"{kebab(ref.cls.name)}-{kebab(a.name)}"
    target = target_name(ctx, ref, a.name)
    related = [Related(ref.file.path, claim.span, f"{claim.source}: `{claim.type_text}`")]
    for items in _by_method(x for x, _ in diverging).values():
        first = items[0]
        fixes = [
            Fix(
                f"Push the {claim.source} claim to the spec: `{target}` is `{claim.type_text}`",
                "push-claim",
                decision_id,
                {
                    "kind": "representation",
                    "target": target,
                    "type": _claim_type(claim, info),
                    "status": "accepted",
                    "summary": f"From the {claim.source} of {ref.cls.name}.",
                },
                reference_path=ref.file.path,
                reference_line=claim.span.line,
            )
        ]
        found_type = _found_type(first)
        if found_type:
            fixes.append(
                Fix(
                    f"Record decision: `{target}` is `{found_type}` (as the code does)",
                    "record-decision",
                    decision_id,
                    {
                        "kind": "representation",
                        "target": target,
                        "type": found_type,
                        "status": "accepted",
                    },
                )
            )
        yield Finding(
            "R103",
            Severity.WARNING,
            f"`{ref.cls.name}.{a.name}` {first.what} in {_method_label(first.method)}, but its "
            f"{claim.source} (line {_line(claim.span)}) says `{claim.type_text}`; change the code "
            f"or the {claim.source}",
            ref.file.path,
            first.span,
            None,
            related,
            fixes,
        )


def _claim_type(claim: Claim, info: TypeInfo) -> str:
    if claim.source == "annotation" or "[" in claim.type_text:
        return claim.type_text
    if info.kinds and len(info.kinds) == 1:
        return next(iter(info.kinds))
    return claim.type_text


# -- R104 ---------------------------------------------------------------------------------------


def _container_family(a: _Attr) -> str | None:
    fams = {f for e in a.evidence if e.role == "held" and e.kinds for f in families(e.kinds)}
    if len(fams) == 1:
        return next(iter(fams))
    if fams:
        return None
    for e in a.evidence:
        if e.role == "needs" and e.kinds and len(families(e.kinds)) == 1:
            return next(iter(families(e.kinds)))
    return None


_STRUCTURED = frozenset({"tuple", "dict", "list", "set"})
#: Kinds an id used as a dict key may be.
_KEY_KINDS = ("str", "int", "bytes", "tuple", "UUID", "float")


def _item_shapes(ctx: RuleContext, ref: ClassRef, a: _Attr) -> Iterator[Finding]:
    if not a.shapes:
        return
    family = _container_family(a)
    if family not in ("sequence", "set", "mapping"):
        return
    for slot in ("item", "key"):
        shapes = []
        for s in a.shapes:
            s_slot = s.slot
            if s_slot == "iter":
                s_slot = "key" if family == "mapping" else "item"
            if s_slot == slot:
                shapes.append(s)
        if slot == "key" and family != "mapping":
            continue
        made = [s for s in shapes if s.made and s.shape not in ("object", "?")]
        if slot == "item" and len({_line(s.span) for s in made}) > 1:
            # scalars mix freely in literals (config dicts, records): compare structures only
            structured = [s for s in made if s.shape in _STRUCTURED]
            made = structured if structured else made
        if not made or any(s.made and s.shape == "?" for s in shapes):
            continue
        made_fams: dict[str, list[Shape]] = {}
        for s in made:
            made_fams.setdefault(FAMILY.get(s.shape, s.shape), []).append(s)
        main = max(made_fams.values(), key=lambda xs: (xs[0].method == "__init__", len(xs)))
        main_kinds = frozenset(s.shape for s in main)
        noun = "keys" if slot == "key" else "items"
        main_methods = {s.method for s in main}
        made_kinds = frozenset(s.shape for s in made)
        bad = [
            s
            for s in shapes
            if s not in main
            and not _shape_fits(s, main_kinds if s.made else made_kinds)
            and not (
                s.made
                and (
                    s.shape not in _STRUCTURED
                    or main_kinds - _STRUCTURED
                    or s.method in main_methods
                )
            )
        ]
        if not bad:
            continue
        related = [
            Related(ref.file.path, s.span, f"{s.what} in {_method_label(s.method)}")
            for s in main[:6]
        ]
        built = f"{describe(main_kinds).split(' ', 1)[-1]}s" if FIELD_KEY not in main_kinds else ""
        if not built:
            field = main[0].what.split("`")[1] if main[0].what.count("`") >= 2 else "a field"
            built = f"ids of the values stored (`{field}`)"
        for items in _by_method(bad).values():
            first = items[0]
            fix = "agree on one shape and record it in the spec"
            if first.slot == "iter" and family == "mapping":
                fix = "iterating a dict yields its keys: iterate `.values()` for the values"
            yield Finding(
                "R104",
                Severity.WARNING,
                f"The {noun} of `{ref.cls.name}.{a.name}` are {built} "
                f"as built in {_where(main)}, but {first.what.replace('its items', 'they')} in "
                f"{_method_label(first.method)} (line {_line(first.span)}); {fix}",
                ref.file.path,
                first.span,
                None,
                related,
            )
