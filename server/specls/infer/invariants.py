"""Invariants the code already guards: ``self.balance >= 0``, ``unique(self.tags)``,
``sorted(self.events)``.

- **A lower bound of 0** when every decrease of a number (``self.balance -= amount``, in any
  method, private ones too) comes after a test of the amount against it that raises or
  returns (``if amount > self.balance: raise …``) or inside a test that it fits (``if amount
  <= self.balance:``), and every value it is assigned is a literal of at least 0. Any other
  change (``*=``, an assignment of a computed value, a store from outside the class) gives
  nothing.
- **Unique items** when every ``append``/``insert`` to a list comes right after a test that
  the item is not there yet (``if tag not in self.tags:``), and nothing else adds to it.
- **Sorted items** when every insertion is ``bisect.insort(self.x, …)``, or an append
  followed by ``self.x.sort()`` in the same method, and it is assigned only ``[]`` or a
  ``sorted(…)`` list.

Tests and changes are matched by their lines in the facts (the read of ``self.<attr>`` a
test makes, the line of the change), and by the test's source, parsed and never evaluated.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from specls.facts import ClassFacts, Mutation
from specls.index import ClassRef
from specls.infer import Proposal, Scope
from specls.infer.common import (
    Decided,
    Ids,
    class_ids,
    class_target,
    methods_phrase,
    plural,
    short,
)
from specls.rules import RuleContext
from specls.spec.invariants import literal_value

_INSERTS = {"append", "insert", "appendleft"}
_ADDS = _INSERTS | {"extend", "extendleft", "__iadd__"}
_INSORT = {"insort", "insort_left", "insort_right", "bisect.insort", "bisect.insort_left"}
_CONSTRUCTION = {"<class>", "__init__", "__post_init__"}


def infer(ctx: RuleContext, scope: Scope, decided: Decided, ids: Ids) -> Iterator[Proposal]:
    """Proposals for the classes in ``scope``."""
    for ref in sorted(ctx.index.classes, key=lambda r: r.key):
        if not scope.has_class(ref) or ref.cls.dynamic or "__setattr__" in ref.cls.methods:
            continue
        attrs = list(dict.fromkeys(m.attr for m in ref.cls.mutations))
        for attr in attrs:
            if decided.subject(ref, attr) or _written_elsewhere(ctx, ref, attr):
                continue
            for check in (_non_negative, _unique, _sorted):
                found = check(ref, attr)
                if found is not None:
                    expr, form, why, changes = found
                    yield _proposal(ctx, ref, attr, expr, form, why, changes, ids)
                    break


def _written_elsewhere(ctx: RuleContext, ref: ClassRef, attr: str) -> bool:
    if attr in ctx.index.foreign_stores:
        return True
    return any(attr in sub.cls.writes for sub in ctx.index.subclasses(ref))


def _reads(cls: ClassFacts, attr: str, method: str) -> set[int]:
    return {a.span.line for a in cls.reads.get(attr, ()) if a.method == method}


def _exits(cls: ClassFacts, method: str) -> set[int]:
    """Lines of the explicit raises and the returns of a method."""
    m = cls.methods.get(method)
    if m is None or m.flow is None:
        return set()
    lines = {r.span.line for r in m.flow.raises if r.explicit}
    return lines | {r.span.line for r in m.flow.returns}


def _parse(text: str) -> ast.expr | None:
    if len(text) > 200:
        return None
    try:
        return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


# -- self.x >= 0 ----------------------------------------------------------------------------


def _operand(m: Mutation) -> str | None:
    """What a decrease subtracts (``amount`` in ``-= amount`` or ``= self.x - amount``)."""
    if m.op == "-=":
        return m.detail.strip()
    if m.op == "=":
        node = _parse(m.detail)
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Sub)
            and ast.unparse(node.left) == f"self.{m.attr}"
        ):
            return ast.unparse(node.right)
    return None


def _guard(text: str, attr: str, operand: str) -> str | None:
    """``"exit"`` for a test that the operand exceeds the attribute (``amount > self.x``,
    ``self.x < amount``, ``self.x - amount < 0``), ``"fits"`` for one that it does not
    (``amount <= self.x``, ``self.x >= amount``); None for anything else."""
    node = _parse(text)
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    left, right = ast.unparse(node.left), ast.unparse(node.comparators[0])
    op = node.ops[0]
    me = f"self.{attr}"
    if left == operand and right == me:
        return {ast.Gt: "exit", ast.LtE: "fits"}.get(type(op))
    if left == me and right == operand:
        return {ast.Lt: "exit", ast.GtE: "fits"}.get(type(op))
    if left == f"{me} - {operand}" and right == "0":
        return {ast.Lt: "exit", ast.GtE: "fits"}.get(type(op))
    return None


def _guarded_decrease(cls: ClassFacts, m: Mutation, operand: str) -> bool:
    method = cls.methods.get(m.method)
    if method is None or method.flow is None:
        return False
    reads = _reads(cls, m.attr, m.method)
    exits = _exits(cls, m.method)
    for text in method.flow.conditions:
        kind = _guard(text, m.attr, operand)
        if kind is None:
            continue
        for line in reads:
            if line >= m.span.line:
                continue
            if kind == "fits" and line == m.span.line - 1:
                return True
            if kind == "exit" and (line in exits or line + 1 in exits):
                return True
    return False


def _non_negative(ref: ClassRef, attr: str) -> tuple[str, str, str, list[Mutation]] | None:
    cls = ref.cls
    changes = [m for m in cls.mutations if m.attr == attr]
    decreases: list[Mutation] = []
    for m in changes:
        operand = _operand(m)
        if operand is not None:
            if not _guarded_decrease(cls, m, operand):
                return None
            decreases.append(m)
        elif m.op == "=":
            ok, value = literal_value(m.detail)
            if not ok or type(value) not in (int, float) or value < 0:
                return None
        elif m.op != "+=":
            return None
    if not decreases or not any(m.op == "=" for m in changes):
        return None
    methods = methods_phrase(m.method for m in decreases)
    why = (
        f"every decrease ({plural(len(decreases), 'place')}: {methods}) comes after a test of "
        f"the amount against `self.{attr}`, and every value it is assigned is at least 0"
    )
    return f"self.{attr} >= 0", "non-negative", why, changes


# -- unique(self.x) -------------------------------------------------------------------------


def _not_in(text: str, attr: str) -> bool:
    node = _parse(text)
    return (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.NotIn)
        and ast.unparse(node.comparators[0]) == f"self.{attr}"
    )


def _list_held(cls: ClassFacts, attr: str) -> bool:
    held = [e for e in cls.evidence if e.attr == attr and e.role == "held"]
    return bool(held) and all(e.kinds == {"list"} for e in held)


def _unique(ref: ClassRef, attr: str) -> tuple[str, str, str, list[Mutation]] | None:
    cls = ref.cls
    if not _list_held(cls, attr):
        return None
    changes = [m for m in cls.mutations if m.attr == attr]
    inserts: list[Mutation] = []
    for m in changes:
        if m.op == "=":
            if m.detail.strip() != "[]":
                return None
        elif m.op == "call" and m.detail in _INSERTS:
            method = cls.methods.get(m.method)
            if method is None or method.flow is None:
                return None
            tested = any(_not_in(t, attr) for t in method.flow.conditions)
            if not tested or m.span.line - 1 not in _reads(cls, attr, m.method):
                return None
            inserts.append(m)
        elif m.op in ("+=", "arg") or (m.op == "call" and m.detail in _ADDS):
            return None
    if not inserts:
        return None
    why = (
        f"every insertion ({plural(len(inserts), 'place')}: "
        f"{methods_phrase(m.method for m in inserts)}) comes right after a test that the "
        f"item is not in `self.{attr}` yet"
    )
    return f"unique(self.{attr})", "unique", why, changes


# -- sorted(self.x) -------------------------------------------------------------------------


def _sorted(ref: ClassRef, attr: str) -> tuple[str, str, str, list[Mutation]] | None:
    cls = ref.cls
    if not _list_held(cls, attr) and not any(
        m.attr == attr and m.op == "=" and m.detail.startswith("sorted(") for m in cls.mutations
    ):
        return None
    changes = [m for m in cls.mutations if m.attr == attr]
    inserts: list[Mutation] = []
    for m in changes:
        if m.op == "=":
            if m.detail.strip() != "[]" and not m.detail.startswith("sorted("):
                return None
        elif m.op == "arg":
            if m.detail not in _INSORT:
                return None
            inserts.append(m)
        elif m.op == "call" and m.detail in _ADDS:
            resorted = any(
                x.method == m.method
                and x.op == "call"
                and x.detail == "sort"
                and x.span.line > m.span.line
                for x in changes
            )
            if not resorted:
                return None
            inserts.append(m)
        elif m.op == "+=":
            return None
    if not inserts:
        return None
    why = (
        f"every insertion ({plural(len(inserts), 'place')}: "
        f"{methods_phrase(m.method for m in inserts)}) keeps it sorted "
        "(`bisect.insort`, or a sort right after)"
    )
    return f"sorted(self.{attr})", "sorted", why, changes


def _proposal(
    ctx: RuleContext,
    ref: ClassRef,
    attr: str,
    expr: str,
    form: str,
    why: str,
    changes: list[Mutation],
    ids: Ids,
) -> Proposal:
    target = class_target(ctx, ref)
    summary = f"`{expr}` always holds in `{ref.cls.name}`."
    rationale = f"Inferred from the {plural(len(changes), 'change')} of `self.{attr}`: {why}."
    fields = {
        "kind": "invariant",
        "target": target,
        "expr": expr,
        "summary": summary,
        "rationale": rationale,
        "status": "proposed",
    }
    evidence = [
        (
            ref.file.path,
            m.span,
            f"`self.{attr} {m.op} {short(m.detail, 40)}`"
            if m.op not in ("call", "arg")
            else f"`{m.detail}` of `self.{attr}`",
        )
        for m in changes
    ]
    described = f"`{expr}` holds in `{ref.cls.name}`: {why} — no decision"
    return Proposal(
        ids.make(*class_ids(ref, attr, form)),
        "invariant",
        target,
        fields,
        summary,
        rationale,
        evidence,
        described,
    )
