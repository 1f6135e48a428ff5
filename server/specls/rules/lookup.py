"""The spec's decisions found by what they name, in time independent of how many there are.

A rule asks which decisions apply to one class, one module or one attribute; answering by
resolving every decision's target made each class cost the whole spec (a 50,000-decision
spec: 20 s a check). Here the decisions are sorted once per spec by the last names their
targets end with, and a class meets only those that end with its own name. Suggestions
for a mistyped id compare it with its neighbours in sorted order, not with every id.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from specls.index import ClassRef, WorkspaceIndex
from specls.kinds import TypeInfo, parse_type
from specls.records import field, record
from specls.spec.invariants import Condition, Unsupported, parse_invariant
from specls.spec.load import DecisionEntry, Spec

T = TypeVar("T")


def derived(spec: Spec, key: str, build: Callable[[Spec], T], update: Callable[[T, Spec], T]) -> T:
    """What rules derive from the spec, made once per spec: ``build`` from the spec, or, for
    a spec read from an edit of another that has it (see :class:`SpecEdit`), ``update`` of
    the other's (which it must not change) with the decisions the edit touched."""
    found = spec.memo.get(key)
    if found is None:
        edit = spec.edit
        before = edit.previous.memo.get(key) if edit is not None else None
        found = spec.memo[key] = build(spec) if before is None else update(before, spec)
    return found


def is_enforced(entry: DecisionEntry) -> bool:
    return entry.decision.status in ("accepted", "proposed")


def touched(spec: Spec) -> tuple[list[DecisionEntry], list[DecisionEntry]]:
    """The enforced decisions an edit removed and added (see :func:`derived`)."""
    edit = spec.edit
    assert edit is not None
    return [e for e in edit.removed if is_enforced(e)], [e for e in edit.added if is_enforced(e)]


def without(lists: dict[str, list], key: str, item: object) -> None:
    """Take ``item`` out of ``lists[key]`` (a new list: the old one may be another's)."""
    found = lists.get(key)
    if found is not None:
        kept = [x for x in found if x != item]
        if kept:
            lists[key] = kept
        else:
            del lists[key]


def adding(lists: dict[str, list], key: str, item: object) -> None:
    """Add ``item`` to ``lists[key]`` (a new list, as :func:`without`)."""
    lists[key] = [*lists.get(key, ()), item]


@record()
class Targets:
    """The enforced decisions of one kind (their ids), by the last name of their target
    (``Cart`` of ``shop.Cart``) and of the owner of the member it may name (``Cart`` of
    ``Cart.lines``, with the owner and the member), and by the whole target (a module's)."""

    by_last: dict[str, list[str]] = field(default_factory=dict)
    by_owner: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    by_target: dict[str, list[str]] = field(default_factory=dict)

    def add(self, entry: DecisionEntry, put: Callable[[dict, str, object], None]) -> None:
        """File ``entry`` (``put`` adds it to a list; :func:`without` takes it out)."""
        target = entry.decision.target
        owner, dot, member = target.rpartition(".")
        put(self.by_target, target, entry.id)
        put(self.by_last, member, entry.id)
        if dot:
            put(self.by_owner, owner.rpartition(".")[2], (entry.id, owner, member))


def _all_targets(spec: Spec) -> dict[str, Targets]:
    every: dict[str, Targets] = {}
    for entry in spec.enforced():
        if entry.decision.target:
            found = every.get(entry.decision.kind)
            if found is None:
                found = every[entry.decision.kind] = Targets()
            found.add(entry, _append)
    return every


def _append(lists: dict[str, list], key: str, item: object) -> None:
    lists.setdefault(key, []).append(item)


def _targets_after(before: dict[str, Targets], spec: Spec) -> dict[str, Targets]:
    every = {
        kind: Targets(dict(t.by_last), dict(t.by_owner), dict(t.by_target))
        for kind, t in before.items()
    }
    removed, added = touched(spec)
    for entry, put in [*((e, without) for e in removed), *((e, adding) for e in added)]:
        if entry.decision.target:
            found = every.get(entry.decision.kind)
            if found is None:
                found = every[entry.decision.kind] = Targets()
            found.add(entry, put)
    return every


def targets(spec: Spec, kind: str) -> Targets:
    """The :class:`Targets` of ``kind`` (derived once per spec, every kind at once)."""
    return derived(spec, "targets", _all_targets, _targets_after).get(kind) or _NO_TARGETS


_NO_TARGETS = Targets()


def entries(spec: Spec, ids: Iterable[str]) -> list[DecisionEntry]:
    """The decisions of ``ids``, in file order."""
    decisions = spec.decisions
    found = [decisions[i] for i in ids]
    if len(found) > 1:
        found.sort(key=_line)
    return found


def _line(entry: DecisionEntry) -> int:
    return entry.span.line


def on_class(
    index: WorkspaceIndex, spec: Spec, kind: str, ref: ClassRef, memo: dict
) -> list[tuple[DecisionEntry, str | None]]:
    """The enforced decisions of ``kind`` whose target resolves to ``ref`` itself (member
    ``None``) or to a member of it, in spec order: what
    :meth:`WorkspaceIndex.resolve_target` of each decision would give for ``ref``. ``memo``
    holds, per target, whether it names a class (the same for every class of one index)."""
    t = targets(spec, kind)
    name = ref.cls.name
    decisions = spec.decisions
    found: list[tuple[DecisionEntry, str | None]] = []
    for ident in t.by_last.get(name, ()):
        entry = decisions[ident]
        if index.names(ref, entry.decision.target):
            found.append((entry, None))
    for ident, owner, member in t.by_owner.get(name, ()):
        if not index.names(ref, owner):
            continue
        entry = decisions[ident]
        target = entry.decision.target
        names_class = memo.get(target)
        if names_class is None:  # (a target naming a class names no member)
            names_class = memo[target] = bool(index.find_class(target))
        if not names_class:
            found.append((entry, member))
    if len(found) > 1:
        found.sort(key=_line_of_first)
    return found


def _line_of_first(item: tuple[DecisionEntry, str | None]) -> int:
    return item[0].span.line


def module_suffixes(module: str) -> Iterable[str]:
    """``pkg.sub.mod``, ``sub.mod``, ``mod``: the targets that name a module as specls reads
    them (the whole dotted name or a dotted end of it)."""
    yield module
    start = module.find(".")
    while start >= 0:
        yield module[start + 1 :]
        start = module.find(".", start + 1)


def on_module_name(spec: Spec, module: str, name: str) -> list[DecisionEntry]:
    """The invariant and behaviour decisions on a module-level name of ``module`` (a
    function, a constant): those targeting it (``conf.MAX_RETRIES``, ``parse.load``, by the
    module's name or a dotted end of it) and the invariants on the module whose ``expr``
    names it (``MAX_RETRIES >= 1`` on ``conf``), in file order."""
    ids: list[str] = []
    invariants = targets(spec, "invariant").by_target
    behaviours = targets(spec, "behaviour").by_target
    for suffix in module_suffixes(module):
        ids += invariants.get(f"{suffix}.{name}", ())
        ids += behaviours.get(f"{suffix}.{name}", ())
        for entry in entries(spec, invariants.get(suffix, ())):
            found = invariant(entry)
            if not isinstance(found, Exception) and any(
                not c.on_self and c.subject == name for c in found
            ):
                ids.append(entry.id)
    return entries(spec, dict.fromkeys(ids))


def invariant(entry: DecisionEntry) -> tuple[Condition, ...] | SyntaxError | Unsupported:
    """The conditions of an invariant decision, or why it has none (read once per
    decision, and once per expression: a spec repeats its invariants on many classes)."""
    found = entry.memo.get("invariant")
    if found is None:
        found = entry.memo["invariant"] = _read_invariant(entry.decision.expr)
    return found


@lru_cache(maxsize=4096)
def _read_invariant(expr: str) -> tuple[Condition, ...] | SyntaxError | Unsupported:
    try:
        return tuple(parse_invariant(expr))
    except (SyntaxError, Unsupported) as e:
        return e.with_traceback(None)


def decision_type(entry: DecisionEntry) -> TypeInfo:
    """The type a representation decision decides (read once per type text)."""
    return _read_type(entry.decision.type)


_read_type = lru_cache(maxsize=4096)(parse_type)


# -- did you mean ------------------------------------------------------------------------------

#: Up to this many ids, a mistyped one is compared with each (``difflib``, as ever); past it,
#: with a bounded number, whatever the size of the spec: a typo keeps the start of an id or
#: its end, so the ids next to it in sorted order, those that start as it does up to each of
#: its first characters (``d7`` for ``d7x``), and the same for the ids and it reversed.
EXACT = 1000
NEIGHBOURS = 16  # next to it, on each side
PER_PREFIX = 4  # the first ids that start with each start of it
PREFIXES = 48  # the starts looked up (characters)


@record()
class Suggestions:
    """Close matches in one pool of names (a spec's ids), each asked once."""

    pool: list[str]
    reversed_pool: list[str] = field(default_factory=list)
    asked: dict[str, str | None] = field(default_factory=dict)

    def closest(self, name: str) -> str | None:
        """The name of the pool closest to ``name`` (a ratio of at least 0.6), or None."""
        if name in self.asked:
            return self.asked[name]
        pool = self.pool
        if len(pool) > EXACT:
            if not self.reversed_pool:
                self.reversed_pool = sorted(n[::-1] for n in pool)
            near = set(_around(pool, name))
            near.update(n[::-1] for n in _around(self.reversed_pool, name[::-1]))
            pool = sorted(near)
        close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
        found = self.asked[name] = close[0] if close else None
        return found


def _around(ordered: list[str], name: str) -> list[str]:
    """Ids of ``ordered`` (sorted) next to ``name``, and the first that start as it does."""
    at = bisect_left(ordered, name)
    out = ordered[max(at - NEIGHBOURS, 0) : at + NEIGHBOURS]
    for end in range(1, min(len(name), PREFIXES)):
        at = bisect_left(ordered, name[:end])
        out += ordered[at : at + PER_PREFIX]
    return out


def suggestions(spec: Spec) -> Suggestions:
    """Close matches among the ids the spec declares (made once per set of ids: an edit of
    the spec that keeps its ids keeps them)."""
    found = spec.memo.get("suggestions")
    if found is None:
        last = _LAST_SUGGESTIONS[0] if _LAST_SUGGESTIONS else None
        if last is not None and last[0] is spec.declared:
            found = last[1]
        else:
            found = Suggestions(sorted(spec.declared))
            _LAST_SUGGESTIONS[:] = [(spec.declared, found)]
        spec.memo["suggestions"] = found
    return found


#: The suggestions made last, with the set of ids they were made from (see :func:`suggestions`).
_LAST_SUGGESTIONS: list[tuple[set[str], Suggestions]] = []
