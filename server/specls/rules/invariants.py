"""I101-I104: code that breaks, or can break, an invariant decision.

Mutations of ``self`` attributes are read from the facts and compared with the conditions
of ``kind = "invariant"`` decisions on the class (or a base). A mutation counts as guarded
when the method tests the attribute or the value that changes it (an early ``raise`` or
``return``, an ``if``/``else``, an ``assert``), clamps with ``min``/``max``, or calls a
check (``_check_balance()``, ``validate()``). Private helpers (``_debit``) are left to their
callers, and a property or ``__setattr__`` that guards the attribute silences the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from specls.facts import ClassFacts, FileFacts, Mutation, Span
from specls.findings import Finding
from specls.index import ClassRef
from specls.rules import RuleContext
from specls.rules.lookup import entries, invariant, module_suffixes, targets
from specls.spec.invariants import Condition, literal_value
from specls.spec.load import DecisionEntry

#: Where a frozen attribute may be assigned.
_CONSTRUCTION = {
    "<class>",
    "__init__",
    "__new__",
    "__post_init__",
    "__attrs_post_init__",
    "__setstate__",
    "__copy__",
    "__deepcopy__",
}
_GROWS = {"append", "appendleft", "extend", "insert", "add", "update", "setdefault"}
_SHRINKS = {"pop", "popitem", "popleft", "remove", "discard", "clear"}
_INSERTS = {"append", "appendleft", "insert", "extend"}
_IDENT = re.compile(r"[A-Za-z_]\w*")


def conditions(entry: DecisionEntry) -> Sequence[Condition]:
    """The checkable conditions of an invariant decision (none when unsupported)."""
    found = invariant(entry)
    return () if isinstance(found, Exception) else found


def check_class(ctx: RuleContext, ref: ClassRef) -> Iterator[Finding]:
    """I101-I104 for one class, against invariant decisions on it or its bases."""
    decisions = [e for e, member in ctx.decisions_on(ref, "invariant") if member is None]
    if not decisions:
        return
    cls = ref.cls
    for entry in decisions:
        for cond in conditions(entry):
            if not cond.on_self or _guarded_by_class(cls, cond.subject):
                continue
            for m in cls.mutations:
                if m.attr == cond.subject and not _acknowledged(ref.file, m, entry.id):
                    yield from _check(ctx, ref, entry, cond, m)


def check_module(ctx: RuleContext) -> Iterator[Finding]:
    """I101 for invariants on module-level names (``MAX_RETRIES >= 1``)."""
    by_target = targets(ctx.spec, "invariant").by_target
    if not by_target:
        return
    files = ctx.index.files
    paths = files if ctx.only is None else [p for p in ctx.only if p in files]
    named = _named_globals(ctx, by_target)
    for path in paths:  # (each file meets the decisions on its module: not every decision)
        facts = files[path]
        for target in module_suffixes(facts.module):
            for entry in entries(ctx.spec, by_target.get(target, ())):
                yield from _module_constants(ctx, entry, facts)
            for name in named.get(target, ()):  # (a decision on one name: ``conf.LIMIT``)
                for entry in entries(ctx.spec, by_target.get(f"{target}.{name}", ())):
                    yield from _module_constants(ctx, entry, facts, name)


def _named_globals(ctx: RuleContext, by_target: Mapping[str, object]) -> dict[str, list[str]]:
    """The invariants' targets split at their last dot (``conf`` -> ``["LIMIT"]`` for
    ``conf.LIMIT``): what may name a module-level name (made once per check)."""
    found = ctx.memo.get("invariants:named-globals")
    if found is None:
        found = ctx.memo["invariants:named-globals"] = {}
        for target in by_target:
            owner, dot, name = target.rpartition(".")
            if dot:
                found.setdefault(owner, []).append(name)
    return found


def _module_constants(
    ctx: RuleContext, entry: DecisionEntry, facts: FileFacts, only: str | None = None
) -> Iterator[Finding]:
    """I101 for the constants of one module against one invariant decision on it (or on
    its name ``only``)."""
    conds = [c for c in conditions(entry) if not c.on_self]
    for name, value_text, span in facts.constants if conds else ():
        if only is not None and name != only:
            continue
        for cond in conds:
            if cond.subject != name:
                continue
            ok, value = literal_value(value_text)
            if ok and cond.holds_for(value) is False:
                yield _finding(
                    ctx,
                    entry,
                    "I101",
                    f"`{name} = {value_text}` breaks invariant `{cond.text}`",
                    "use a value that satisfies it, or change the decision",
                    facts.path,
                    span,
                )


def _guarded_by_class(cls: ClassFacts, attr: str) -> bool:
    """A property of that name (its setter may check) or ``__setattr__`` guards every store."""
    if "__setattr__" in cls.methods:
        return True
    method = cls.methods.get(attr)
    return method is not None and any(
        "property" in d or d.endswith(".setter") for d in method.decorators
    )


def _acknowledged(facts: FileFacts, m: Mutation, decision_id: str) -> bool:
    """A ``# spec: <id>`` on the mutation's line says the writer checked it by hand."""
    return any(r.id == decision_id and r.span.line == m.span.line for r in facts.spec_refs)


def _guarded(cls: ClassFacts, m: Mutation) -> bool:
    """Whether the method tests the attribute or the operand, clamps, or calls a check."""
    method = cls.methods.get(m.method)
    if method is None or method.flow is None:
        return True  # the class body, or a method we know nothing of: stay silent
    flow = method.flow
    if flow.checks or "min(" in m.detail or "max(" in m.detail:
        return True
    names = {m.attr} | {n for n in _IDENT.findall(m.detail) if n != "self"}
    return any(re.search(rf"\b{re.escape(n)}\b", text) for text in flow.conditions for n in names)


def _check(
    ctx: RuleContext, ref: ClassRef, entry: DecisionEntry, cond: Condition, m: Mutation
) -> Iterator[Finding]:
    cls = ref.cls
    label = f"self.{m.attr}"
    where = "the class body" if m.method == "<class>" else f"`{cls.name}.{m.method}`"
    if cond.form == "frozen":
        if m.op != "arg" and m.op != "call" and m.method not in _CONSTRUCTION:
            yield _finding(
                ctx,
                entry,
                "I103",
                f"`{label}` is frozen after `__init__` (`{cond.text}`) but {where} assigns it",
                "set it in `__init__` only, or build a new object instead",
                ref.file.path,
                m.span,
            )
        return
    if m.op == "=":
        ok, value = literal_value(m.detail)
        if ok and cond.holds_for(value) is False:
            yield _finding(
                ctx,
                entry,
                "I101",
                f"{where} sets `{label} = {m.detail}`, which breaks invariant `{cond.text}`",
                "assign a value that satisfies it, or change the decision",
                ref.file.path,
                m.span,
            )
            return
    if m.method.startswith("_") and not m.method.startswith("__"):
        return  # a private helper: its callers are expected to check
    if m.method in ("<class>", "__init__") and cond.form in ("bound", "len"):
        return  # construction from arguments: validation of inputs is another decision
    if cond.form in ("sorted", "unique"):
        yield from _sequence(ctx, ref, entry, cond, m, label, where)
        return
    breaks = _can_break(cond, m)
    if breaks and not _guarded(cls, m) and not _balanced(cls, m):
        change = f"`{label} {m.op} {m.detail}`" if m.op != "call" else f"`{label}.{m.detail}()`"
        yield _finding(
            ctx,
            entry,
            "I102",
            f"{change} in {where} can break invariant `{cond.text}`: nothing in the method "
            f"checks {breaks} before it",
            "check first and raise (or return), clamp with min()/max(), or call a check",
            ref.file.path,
            m.span,
        )


def _balanced(cls: ClassFacts, m: Mutation) -> bool:
    """The method also moves the attribute the other way (``+= 1`` ... ``finally: -= 1``)."""
    opposite = {"-=": "+=", "+=": "-="}.get(m.op)
    return opposite is not None and any(
        x.method == m.method and x.attr == m.attr and x.op == opposite for x in cls.mutations
    )


def _can_break(cond: Condition, m: Mutation) -> str | None:
    """What the mutation may do against the condition, in words, or None."""
    if cond.form == "bound":
        decreasing = m.op == "-=" or (
            m.op == "=" and re.match(rf"self\.{re.escape(m.attr)}\s*-", m.detail) is not None
        )
        increasing = m.op in ("+=", "*=") or (
            m.op == "=" and re.match(rf"self\.{re.escape(m.attr)}\s*[+*]", m.detail) is not None
        )
        ok, operand = literal_value(m.detail)
        if ok and isinstance(operand, int | float) and operand == 0:
            return None
        if cond.lower() and decreasing:
            return f"that `{m.detail}` keeps it {cond.op} {cond.value}"
        if not cond.lower() and increasing:
            return f"that `{m.detail}` keeps it {cond.op} {cond.value}"
        return None
    if cond.form == "len":
        grows = (m.op == "call" and m.detail in _GROWS) or m.op == "+="
        shrinks = m.op == "call" and m.detail in _SHRINKS
        if cond.lower() and shrinks:
            return f"the length (it must stay {cond.op} {cond.value})"
        if not cond.lower() and grows:
            return f"the length (it must stay {cond.op} {cond.value})"
    return None


def _sequence(
    ctx: RuleContext,
    ref: ClassRef,
    entry: DecisionEntry,
    cond: Condition,
    m: Mutation,
    label: str,
    where: str,
) -> Iterator[Finding]:
    if not ((m.op == "call" and m.detail in _INSERTS) or m.op == "+="):
        return
    cls = ref.cls
    method = cls.methods.get(m.method)
    flow = method.flow if method is not None else None
    if flow is None:
        return
    same = [x for x in cls.mutations if x.method == m.method and x.attr == m.attr]
    added = f"`{label}.{m.detail}()`" if m.op == "call" else f"`{label} += ...`"
    if cond.form == "sorted":
        resorted = any(
            (x.op == "call" and x.detail == "sort")
            or x.op == "arg"
            or (x.op == "=" and x.detail.startswith("sorted("))
            for x in same
        ) or any("sort" in c.lower() for c in flow.checks)
        if not resorted:
            yield _finding(
                ctx,
                entry,
                "I104",
                f"{added} in {where} can leave `{label}` unsorted (invariant `{cond.text}`): "
                "nothing re-sorts it",
                f"use `bisect.insort({label}, item)`, or call `{label}.sort()` after",
                ref.file.path,
                m.span,
            )
    elif not _guarded(cls, m):
        yield _finding(
            ctx,
            entry,
            "I104",
            f"{added} in {where} can add a duplicate to `{label}` (invariant `{cond.text}`): "
            "nothing checks membership first",
            f"check `if item not in {label}` first, or hold a set",
            ref.file.path,
            m.span,
        )


def _finding(
    ctx: RuleContext,
    entry: DecisionEntry,
    code: str,
    what: str,
    fix: str,
    path: str,
    span: Span,
) -> Finding:
    where = f"{ctx.spec_display}:{entry.span.line + 1}"
    return ctx.against(
        entry, code, f"{what} (decision `{entry.id}`, {where}); {fix}", path, span, "expr"
    )
