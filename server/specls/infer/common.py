"""What every kind of inference shares: the rule context, what the spec already decides,
stable ids, and the words of rationales."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from specls.index import ClassRef
from specls.rules import RuleContext
from specls.rules.representation import kebab, target_name

if TYPE_CHECKING:
    from specls.engine import Workspace


def context(ws: Workspace) -> RuleContext:
    """A rule context over the whole workspace and its spec."""
    spec = ws.settings.spec
    return RuleContext(ws.index, ws.spec, str(spec) if spec is not None else None)


class Decided:
    """What the spec already decides, in any status: a target one of its decisions names
    (accepted, proposed, rejected or superseded) is not proposed again."""

    def __init__(self, ctx: RuleContext) -> None:
        self.ids = set(ctx.spec.declared)
        #: (kind, class key, member or None) named by a decision.
        self.members: set[tuple[str, tuple[str, str], str | None]] = set()
        #: Subjects of invariant decisions per class key.
        self.subjects: dict[tuple[str, str], set[str]] = {}
        #: Kinds of symbol a naming pattern decision governs, per target (None: everything).
        self.named: dict[str | None, set[str]] = {}
        #: Module-level targets (functions, modules) named by a decision, per kind.
        self.dotted: set[tuple[str, str]] = set()
        from specls.spec.invariants import Unsupported, parse_invariant

        for entry in ctx.spec.decisions.values():
            d = entry.decision
            target = getattr(d, "target", None)
            if d.kind == "naming":
                if d.pattern:
                    kinds = set(d.applies_to) or {"*"}
                    self.named.setdefault(target, set()).update(kinds)
                continue
            if not target:
                continue
            self.dotted.add((d.kind, target))
            for ref, member in ctx.index.resolve_target(target):
                self.members.add((d.kind, ref.key, member))
                if d.kind == "invariant" and member is None:
                    try:
                        subjects = {c.subject for c in parse_invariant(d.expr)}
                    except (SyntaxError, Unsupported):
                        subjects = {"*"}
                    self.subjects.setdefault(ref.key, set()).update(subjects)

    def member(self, kind: str, ref: ClassRef, member: str | None) -> bool:
        """Whether a decision of ``kind`` names ``member`` of the class (or the class)."""
        return (kind, ref.key, member) in self.members

    def subject(self, ref: ClassRef, attr: str) -> bool:
        """Whether an invariant decision on the class is about ``self.attr``."""
        subjects = self.subjects.get(ref.key, set())
        return attr in subjects or "*" in subjects

    def naming_kinds(self, target: str | None) -> set[str]:
        """Kinds of symbol a naming pattern of the spec governs in ``target``'s scope."""
        out = set(self.named.get(None, set()))
        if target is not None:
            for scope, kinds in self.named.items():
                if scope is not None and (target == scope or target.startswith(scope + ".")):
                    out |= kinds
        return out


class Ids:
    """Ids for proposals: made from names (the same code gives the same ids), never one the
    spec declares or another proposal of this run took."""

    def __init__(self, decided: Decided) -> None:
        self.taken = set(decided.ids)

    def make(self, *candidates: str) -> str:
        """The first free candidate; else the last one with ``-2``, ``-3`` …"""
        for c in candidates:
            if c not in self.taken:
                self.taken.add(c)
                return c
        base, n = candidates[-1], 2
        while f"{base}-{n}" in self.taken:
            n += 1
        self.taken.add(f"{base}-{n}")
        return f"{base}-{n}"


def class_ids(ref: ClassRef, *parts: str) -> tuple[str, str]:
    """``inventory-items`` (the id R101's quick fix gives), and the same qualified by the
    module (``shop-inventory-items``) for when two classes share a name."""
    tail = "-".join(kebab(p) for p in parts)
    short = f"{kebab(ref.cls.name)}-{tail}" if tail else kebab(ref.cls.name)
    module = ref.file.module.rsplit(".", 1)[-1] if ref.file.module else ""
    return short, f"{kebab(module)}-{short}" if module else short


def member_target(ctx: RuleContext, ref: ClassRef, member: str) -> str:
    """The shortest unambiguous dotted target of a member (``Inventory.items``)."""
    return target_name(ctx, ref, member)


def class_target(ctx: RuleContext, ref: ClassRef) -> str:
    """The shortest unambiguous dotted target of a class."""
    if len(ctx.index.by_name.get(ref.cls.name, [])) == 1:
        return ref.cls.qualname
    return ref.dotted


def label(method: str) -> str:
    return "the class body" if method == "<class>" else f"`{method}`"


def methods_phrase(methods: Iterable[str], limit: int = 5) -> str:
    """The methods in words: `add`, `remove` and `total` (at most ``limit``, then "and 3
    more")."""
    names = [label(m) for m in dict.fromkeys(methods)]
    if len(names) > limit:
        return f"{', '.join(names[:limit])} and {len(names) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_SPACES = re.compile(r"\s+")


def short(text: str, limit: int = 60) -> str:
    """Source text on one line, at most ``limit`` characters."""
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
