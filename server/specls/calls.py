"""Kinds that reach an attribute through a call: ``self.board = self.make_board()`` holds
what ``make_board`` returns (a method of the class, or of its bases in the same file), and
``self.grid = make_grid()`` what that function of the module returns.

The callee is looked up once per file, after all its statements are extracted: an editor
reuses the facts of statements an edit left alone, and what the callee returns may be in
another statement than the assignment. The assignments marked by ``Evidence.via`` (whose
kind the extraction could not tell) get the kind the callee's :class:`~specls.facts.Gives`
says, or stay unknown. The facts of a statement are never changed: a class whose evidence
changes is a copy.
"""

from __future__ import annotations

import sys

from specls.facts import ClassFacts, Evidence, FileFacts, MethodFacts
from specls.kinds import describe, families
from specls.records import replace

#: Bases that define no method a class calls on itself.
_EMPTY_BASES = frozenset(
    {"object", "ABC", "abc.ABC", "Generic", "typing.Generic", "Protocol", "typing.Protocol"}
)
#: How many bases up a method is looked for (deeper hierarchies in one file are rare).
_MAX_BASES = 8

#: What a call resolves to: kinds, falsy, where the kind was read and what says it there,
#: and what may still undo it (``Evidence.via``).
_Found = tuple[frozenset[str], bool, tuple, str]


def resolve(facts: FileFacts) -> None:
    """Give the calls marked in ``facts``'s classes the kinds their callees return."""
    if not any(e.via and e.kinds is None for c in facts.classes for e in c.evidence):
        return
    resolver = _Resolver(facts)
    facts.classes = [resolver.resolved(c) for c in facts.classes]


class _Resolver:
    def __init__(self, facts: FileFacts) -> None:
        self.facts = facts
        seen: dict[str, int] = {}
        for c in facts.classes:
            if "." not in c.qualname:
                seen[c.name] = seen.get(c.name, 0) + 1
        #: Top-level classes by name (a name defined twice is no one's).
        self.classes = {
            c.name: c for c in facts.classes if "." not in c.qualname and seen[c.name] == 1
        }
        counts: dict[str, int] = {}
        for f in facts.function_facts:
            counts[f.name] = counts.get(f.name, 0) + 1
        other = {*facts.rebound, *(name for name, _ in facts.variables), *facts.imports}
        #: Module functions defined once and bound nowhere else at module level.
        self.functions = {
            f.name: f
            for f in facts.function_facts
            if counts[f.name] == 1 and f.name not in other and f.name not in seen
        }
        self._calls: dict[int, _Found | None] = {}
        self._attrs: dict[tuple[int, str, bool], frozenset[str] | None] = {}
        self._held: dict[int, dict[str, list[Evidence]]] = {}
        self._busy: set[int] = set()

    def resolved(self, cls: ClassFacts) -> ClassFacts:
        evidence = []
        changed = False
        for e in cls.evidence:
            if e.via and e.kinds is None:
                found = self.call(cls, e)
                if found is not None:
                    kinds, falsy, origin, via = found
                    what = sys.intern(f"{e.what} ({describe(kinds)})")
                    e = replace(e, kinds=kinds, what=what, falsy=falsy, origin=origin, via=via)
                    changed = True
            evidence.append(e)
        return replace(cls, evidence=tuple(evidence)) if changed else cls

    def call(self, cls: ClassFacts, e: Evidence) -> _Found | None:
        """What the call assigned by ``e`` (in ``cls``) returns, memoized; a call that needs
        itself to be known (``self.a = self.get_a()``, ``get_a`` returning ``self.a``) is
        unknown."""
        key = id(e)
        if key in self._calls:
            return self._calls[key]
        if key in self._busy:
            return None
        self._busy.add(key)
        try:
            found = self._call(cls, e.via)
        finally:
            self._busy.discard(key)
        self._calls[key] = found
        return found

    def _call(self, cls: ClassFacts, via: str) -> _Found | None:
        if via.startswith("self."):
            name = via[5:]
            if name in cls.writes:  # `self.make = ...`: an attribute, maybe not the method
                return None
            hit = self.method(cls, name, 0)
            if hit is None:
                return None
            owner, fn = hit
        else:
            fn = self.functions.get(via)  # type: ignore[assignment]
            owner = None
            if fn is None:
                return None
        gives = fn.gives
        if gives is None:
            return None
        kinds = gives.kinds
        if gives.attr and owner is not None:
            kinds = self.attr_kinds(owner, gives.attr)
            if kinds is not None and owner is not cls:
                own = self.attr_kinds(cls, gives.attr, missing_ok=True)
                kinds = None if own is None else kinds | own
            if kinds is None or len(families(kinds)) != 1:
                return None
            label = f"`{fn.name}` {gives.what}, {describe(kinds)}"
        else:
            label = f"`{fn.name}` {gives.what}"
        if not kinds:
            return None
        keep = "" if gives.declared or owner is None else via
        if gives.attr and keep:
            keep = f"{via}:{gives.attr}"
        return kinds, gives.falsy, (gives.span, label), keep

    def method(
        self, cls: ClassFacts, name: str, depth: int
    ) -> tuple[ClassFacts, MethodFacts] | None:
        """The class defining method ``name`` for ``cls`` (itself, else one of its bases in
        the file) and the method; None when a base outside the file may define it, or two
        bases define it (which one wins is the MRO's to say)."""
        fn = cls.methods.get(name)
        if fn is not None:
            return cls, fn
        if name in cls.class_names or depth >= _MAX_BASES:
            return None
        found: tuple[ClassFacts, MethodFacts] | None = None
        for base in cls.bases:
            base = base.split("[", 1)[0].strip()
            if base in _EMPTY_BASES:
                continue
            parent = self.classes.get(base)
            if parent is None or parent is cls:
                return None
            hit = self.method(parent, name, depth + 1)
            if hit is None and (
                name in parent.class_names or not self._complete(parent, depth + 1)
            ):
                return None
            if hit is not None:
                if found is not None and found[1] is not hit[1]:
                    return None
                found = hit
        return found

    def _complete(self, cls: ClassFacts, depth: int) -> bool:
        """Whether every base of ``cls`` is in the file (up to :data:`_MAX_BASES`)."""
        if depth >= _MAX_BASES:
            return False
        for base in cls.bases:
            base = base.split("[", 1)[0].strip()
            if base in _EMPTY_BASES:
                continue
            parent = self.classes.get(base)
            if parent is None or parent is cls or not self._complete(parent, depth + 1):
                return False
        return True

    def attr_kinds(
        self, cls: ClassFacts, attr: str, missing_ok: bool = False
    ) -> frozenset[str] | None:
        """The kinds ``cls`` assigns to attribute ``attr``: every assignment of a known kind,
        all of one family (else None). With ``missing_ok``, no assignment is no kind (an
        empty set) rather than unknown."""
        key = (id(cls), attr, missing_ok)
        if key in self._attrs:
            return self._attrs[key]
        self._attrs[key] = None  # (while it is computed: a cycle is unknown)
        result = self._attr_kinds(cls, attr, missing_ok)
        self._attrs[key] = result
        return result

    def _attr_kinds(self, cls: ClassFacts, attr: str, missing_ok: bool) -> frozenset[str] | None:
        if cls.dynamic or attr in cls.polymorphic or attr in self.facts.foreign_stores:
            return None
        held = self._held.get(id(cls))
        if held is None:
            held = self._held[id(cls)] = {}
            for e in cls.evidence:
                if e.role == "held":
                    held.setdefault(e.attr, []).append(e)
        kinds: set[str] = set()
        for e in held.get(attr, ()):
            k = e.kinds
            if k is None and e.via:
                found = self.call(cls, e)
                k = found[0] if found is not None else None
            if k is None:
                return None
            kinds |= k
        if not kinds:
            return frozenset() if missing_ok else None
        return frozenset(kinds) if len(families(kinds)) == 1 else None
