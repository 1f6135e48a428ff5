"""Representation decisions the code already makes: ``Ledger.entries`` is a ``list[tuple]``.

An attribute is proposed when a second writer could go wrong with it — it is used in two or
more methods — and the evidence is strong and consistent, as the representation rules
themselves judge it (this module reuses their judgement, it has none of its own):

- every value it is assigned has a known kind, of one container family (a dict, a list, a
  set …), and nothing outside the class body writes it (no subclass, no store through
  another object, no ``setattr``); or it has a docstring or annotation that every use agrees
  with;
- R101 (mixed representation) and R104 (mixed item shapes) find nothing, and R102 would find
  nothing against the proposed type: the decision is one the code is consistent with.

The element shape (``dict[str, list]``, ``list[tuple]``) is added when at least two
observations of the keys or items agree and none disagrees. Scalars (a flag, a count) are
not proposed: their readings rarely differ, and a decision about them adds little.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from specls.facts import Evidence, Shape
from specls.index import ClassRef
from specls.infer import Proposal, Scope
from specls.infer.common import Decided, Ids, class_ids, member_target, methods_phrase, plural
from specls.kinds import (
    ALL_KINDS,
    FAMILY,
    describe,
    families,
    parse_doc_type,
    parse_type,
    widen,
)
from specls.rules import RuleContext
from specls.rules.representation import (
    _Attr,
    _claim_type,
    _diverging,
    _held_known,
    _item_shapes,
    _mixed,
    _usable_claim,
)

_CONTAINERS = frozenset({"mapping", "sequence", "set"})
#: Observations of a slot (keys, items) needed to propose its kind.
MIN_SHAPE_EVIDENCE = 2


def infer(ctx: RuleContext, scope: Scope, decided: Decided, ids: Ids) -> Iterator[Proposal]:
    """Proposals for the attributes of the classes in ``scope``."""
    for ref in sorted(ctx.index.classes, key=lambda r: r.key):
        if not scope.has_class(ref) or ref.cls.dynamic:
            continue
        for a in attributes(ref):
            if a.name in ref.cls.polymorphic or decided.member("representation", ref, a.name):
                continue
            proposal = _attribute(ctx, ref, a, ids)
            if proposal is not None:
                yield proposal


def attributes(ref: ClassRef) -> list[_Attr]:
    """The attributes of a class with their evidence, shapes and claims (as the rules
    gather them), in the order of their first use."""
    cls = ref.cls
    attrs: dict[str, _Attr] = {}
    for e in cls.evidence:
        attrs.setdefault(e.attr, _Attr(e.attr, [], [], [])).evidence.append(e)
    for s in cls.shapes:
        attrs.setdefault(s.attr, _Attr(s.attr, [], [], [])).shapes.append(s)
    for c in cls.claims:
        attrs.setdefault(c.attr, _Attr(c.attr, [], [], [])).claims.append(c)
    for a in attrs.values():
        a.evidence.sort(key=lambda e: (e.span.line, e.span.col))
        a.shapes.sort(key=lambda s: (s.span.line, s.span.col))
    return list(attrs.values())


def _uses(a: _Attr) -> list[Evidence | Shape]:
    # (a comparison with a literal says only that the attribute is no plain enum member)
    uses = [e for e in a.evidence if not e.what.startswith("compared with")]
    return sorted([*uses, *a.shapes], key=lambda x: (x.span.line, x.span.col))


def _attribute(ctx: RuleContext, ref: ClassRef, a: _Attr, ids: Ids) -> Proposal | None:
    uses = _uses(a)
    methods = list(dict.fromkeys(x.method for x in uses))
    if len(methods) < 2 or a.name.startswith("__"):
        return None
    claim = _usable_claim(a.claims)
    if claim is not None:
        c, info = claim
        if not _containers(info.kinds) or _diverging(a, info):
            return None
        if any(not _agrees(other, info.kinds) for other in a.claims):
            return None
        type_text = _unwrapped(_claim_type(c, info))
        origin = f"its {c.source} (line {c.span.line + 1}) says `{c.type_text}`"
    else:
        type_text = _from_code(ctx, ref, a)
        if type_text is None:
            return None
        origin = ""
    if _diverging(a, parse_type(type_text)):
        return None
    return _proposal(ctx, ref, a, type_text, uses, methods, origin, ids)


_WRAPPER = re.compile(r"(?:typing\.)?(?:ClassVar|Final)\[(?P<inner>.*)\]")


def _unwrapped(type_text: str) -> str:
    """``dict[str, int]`` for ``ClassVar[dict[str, int]]`` (the representation, not how the
    attribute is declared)."""
    m = _WRAPPER.fullmatch(type_text.strip())
    return m.group("inner").strip() if m else type_text


def _agrees(claim: object, kinds: frozenset[str] | None) -> bool:
    from specls.facts import Claim

    assert isinstance(claim, Claim)
    info = (
        parse_type(claim.type_text)
        if claim.source == "annotation"
        else parse_doc_type(claim.type_text)
    )
    return not info.kinds or bool(kinds and widen(info.kinds) & widen(kinds))


def _containers(kinds: frozenset[str] | None) -> bool:
    return bool(kinds) and families(kinds) <= _CONTAINERS and len(families(kinds)) == 1  # type: ignore[arg-type]


def _from_code(ctx: RuleContext, ref: ClassRef, a: _Attr) -> str | None:
    """The type every use agrees on, when the evidence is strong; else None."""
    if not _held_known(ctx, ref, a):
        return None  # an assignment of unknown kind, or writes from elsewhere
    held = [e for e in a.evidence if e.role == "held" and e.kinds]
    kinds = frozenset(k for e in held for k in e.kinds)  # type: ignore[union-attr]
    if not _containers(kinds):
        return None
    if any(True for _ in _mixed(ctx, ref, a)) or any(True for _ in _item_shapes(ctx, ref, a)):
        return None  # R101 or R104 would report it: the code disagrees with itself
    base = next(iter(kinds)) if len(kinds) == 1 else " | ".join(sorted(kinds))
    if len(kinds) == 1:
        shaped = _with_shape(base, a)
        if shaped != base and not _diverging(a, parse_type(shaped)):
            base = shaped
    if any(m.attr == a.name and m.op == "=" and m.detail == "None" for m in ref.cls.mutations):
        return f"Optional[{base}]"  # (None until it is made: a lazy or closed-over value)
    return base


def _slot_kind(shapes: list[Shape]) -> str | None:
    """The one kind a slot's observations agree on (at least :data:`MIN_SHAPE_EVIDENCE` of
    them, none unknown or different), else None."""
    if any(s.made and s.shape in ("?", "object") for s in shapes):
        return None
    made = {s.shape for s in shapes if s.made}
    accessed = {s.shape for s in shapes if not s.made and s.shape in ALL_KINDS}
    named = made | accessed
    if len(named) != 1:
        return None
    kind = next(iter(named))
    if kind not in ALL_KINDS:
        return None
    support = [s for s in shapes if s.shape == kind or (s.shape == "pair" and kind == "tuple")]
    return kind if len(support) >= MIN_SHAPE_EVIDENCE else None


def _with_shape(base: str, a: _Attr) -> str:
    """``base`` with its key and item kinds when the shapes agree (``dict[str, list]``)."""
    family = FAMILY[base]
    if family == "mapping":
        keys = [s for s in a.shapes if s.slot in ("key", "iter")]
        items = [s for s in a.shapes if s.slot == "item"]
        key, item = _slot_kind(keys), _slot_kind(items)
        if key and item:
            return f"{base}[{key}, {item}]"
        return base
    items = [s for s in a.shapes if s.slot in ("item", "iter")]
    item = _slot_kind(items)
    return f"{base}[{item}]" if item else base


def _proposal(
    ctx: RuleContext,
    ref: ClassRef,
    a: _Attr,
    type_text: str,
    uses: list[Evidence | Shape],
    methods: list[str],
    origin: str,
    ids: Ids,
) -> Proposal:
    target = member_target(ctx, ref, a.name)
    name = f"{ref.cls.name}.{a.name}"
    info = parse_type(type_text)
    noun = _noun(type_text, info.kinds or frozenset())
    where = methods_phrase(methods)
    firsts = []
    seen: set[str] = set()
    for x in uses:
        if x.method not in seen:
            seen.add(x.method)
            firsts.append(f"{x.what} (line {x.span.line + 1})")
    inferred = f"Inferred from {plural(len(uses), 'use')} in {where}: {'; '.join(firsts[:4])}"
    if len(firsts) > 4:
        inferred += "; …"
    agree = "every use agrees" + (f", and {origin}" if origin else "")
    rationale = f"{inferred} — {agree}."
    summary = f"`{name}` is `{type_text}`."
    fields = {
        "kind": "representation",
        "target": target,
        "type": type_text,
        "summary": summary,
        "rationale": rationale,
        "status": "proposed",
    }
    evidence = [(ref.file.path, x.span, x.what) for x in uses]
    evidence += [(ref.file.path, c.span, f"{c.source}: `{c.type_text}`") for c in a.claims]
    return Proposal(
        ids.make(*class_ids(ref, a.name)),
        "representation",
        target,
        fields,
        summary,
        rationale,
        evidence,
        f"`{name}` is used as {noun} in {where} — no decision",
    )


def _noun(type_text: str, kinds: frozenset[str]) -> str:
    """The type in words: a dict keyed by str, a list of tuples."""
    info = parse_type(type_text)
    text = describe(kinds) if kinds else f"`{type_text}`"
    item = _one(info.item)
    if info.key:
        key = _one(info.key)
        if key:
            text += f" keyed by {key}"
        if item:
            text += f" with {item} values"
    elif item:
        text += f" of {item if item.endswith('s') else item + 's'}"
    return text


def _one(kinds: frozenset[str] | None) -> str | None:
    """The kind a set names (``int`` for int or bool), or None."""
    if not kinds:
        return None
    if len(kinds) == 1:
        return next(iter(kinds))
    return "int" if kinds == {"int", "bool"} else None
