"""E101-E103: a function's edge-case behaviour against a ``kind = "behaviour"`` decision.

A decision says what a function does on a named edge case: ``raises = "IndexError"`` or
``returns = "None"``. The code's side is read from its flow facts: ``raise`` statements,
operations that raise by nature (``items.pop()``, ``d[key]``, ``next(it)``), the literals it
returns and whether its end is reachable, and its docstring's Raises/Returns sections.
Calls to other methods of the class are followed one level; a ``# spec: <id>`` comment in
the body says the writer handled the decision another way, and silences E101/E102.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from specls.facts import FileFacts, Flow, MethodFacts, Span
from specls.findings import Finding
from specls.index import ClassRef
from specls.rules import RuleContext
from specls.rules.lookup import entries, module_suffixes, targets
from specls.spec.invariants import literal_value
from specls.spec.load import DecisionEntry

#: Exceptions that signal "nothing there": raising one is the opposite of returning a sentinel.
#: (ValueError is left out: functions raise it for bad input far more often than for "empty".)
_LOOKUP = {"IndexError", "KeyError", "LookupError", "StopIteration"}
_LOOKUP_WORDS = re.compile(r"(Empty|NotFound|Missing|NoSuch|DoesNotExist)")
#: Words for returned values, as decisions write them.
_PHRASES: dict[str, Any] = {
    "none": None,
    "nothing": None,
    "an empty string": "",
    "empty string": "",
    "the empty string": "",
    "an empty list": [],
    "empty list": [],
    "an empty dict": {},
    "empty dict": {},
    "an empty tuple": (),
    "zero": 0,
    "false": False,
    "true": True,
}
_MISSING = object()


def sentinel(text: str) -> Any:
    """The value a ``returns`` field names, or ``_MISSING`` when it is not a known value."""
    ok, value = literal_value(text.strip())
    if ok:
        return value
    return _PHRASES.get(text.strip().lower().rstrip("."), _MISSING)


def sentinel_known(text: str) -> bool:
    """Whether a ``returns`` field names a value specls can compare with returned literals."""
    return sentinel(text) is not _MISSING


def check_class(ctx: RuleContext, ref: ClassRef) -> Iterator[Finding]:
    """E101-E103 for the methods of one class that behaviour decisions name."""
    for entry, member in ctx.decisions_on(ref, "behaviour"):
        if member is None:
            continue
        method = ref.cls.methods.get(member)
        if method is None or method.flow is None or method.is_stub:
            continue
        yield from _check(ctx, entry, ref.file, method, ref)


def check_module(ctx: RuleContext) -> Iterator[Finding]:
    """E101-E103 for module-level functions that behaviour decisions name."""
    by_target = targets(ctx.spec, "behaviour").by_target
    if not by_target:
        return
    files = ctx.index.files
    paths = files if ctx.only is None else [p for p in ctx.only if p in files]
    for path in paths:  # (each function meets the decisions on its name: not every decision)
        facts = files[path]
        modules = list(module_suffixes(facts.module))
        for fn in facts.function_facts:
            if fn.flow is None:
                continue
            for module in modules:
                for entry in entries(ctx.spec, by_target.get(f"{module}.{fn.name}", ())):
                    yield from _check(ctx, entry, facts, fn, None)


def _is_exception(ctx: RuleContext, name: str, wanted: str) -> bool:
    """``name`` is ``wanted`` or a class of the workspace derived from it."""
    if name == wanted:
        return True
    for ref in ctx.index.find_class(name):
        for base in ctx.index.bases(ref).classes:
            if base.cls.name == wanted:
                return True
        if wanted in {b.rsplit(".", 1)[-1] for b in ref.cls.bases}:
            return True
    return False


def _acknowledged(facts: FileFacts, fn: MethodFacts, flow: Flow, decision_id: str) -> bool:
    return any(
        r.id == decision_id and fn.span.line <= r.span.line <= flow.end_line
        for r in facts.spec_refs
    )


def _raises(ctx: RuleContext, flow: Flow, wanted: str) -> tuple[bool, bool]:
    """(an explicit raise may raise ``wanted``, an unguarded operation raises it by nature)."""
    explicit = any(
        r.explicit
        and (not r.excs or any(e == "?" or _is_exception(ctx, e, wanted) for e in r.excs))
        for r in flow.raises
    )
    implicit = any(not r.explicit and not r.guarded and wanted in r.excs for r in flow.raises)
    return explicit, implicit


def _check(
    ctx: RuleContext,
    entry: DecisionEntry,
    facts: FileFacts,
    fn: MethodFacts,
    ref: ClassRef | None,
) -> Iterator[Finding]:
    d = entry.decision
    flow = fn.flow
    assert flow is not None
    label = f"{ref.cls.name}.{fn.name}" if ref is not None else fn.name
    acknowledged = _acknowledged(facts, fn, flow, entry.id)
    if d.raises:
        wanted = d.raises.rsplit(".", 1)[-1]
        if not acknowledged:
            yield from _must_raise(ctx, entry, facts, fn, ref, flow, wanted, label)
        yield from _doc_for_raise(ctx, entry, facts, flow, wanted, label)
    else:
        value = sentinel(d.returns or "")
        if not acknowledged and value is not _MISSING:
            yield from _must_return(ctx, entry, facts, flow, value, label)
        yield from _doc_for_return(ctx, entry, facts, flow, label)


def _must_raise(
    ctx: RuleContext,
    entry: DecisionEntry,
    facts: FileFacts,
    fn: MethodFacts,
    ref: ClassRef | None,
    flow: Flow,
    wanted: str,
    label: str,
) -> Iterator[Finding]:
    explicit, implicit = _raises(ctx, flow, wanted)
    if explicit:
        return
    sentinel_returns = [r for r in flow.returns if r.value is not None]
    if sentinel_returns:
        r = sentinel_returns[0]
        yield _finding(
            ctx,
            entry,
            "E102",
            f"`{label}` returns `{r.value}` where decision `{entry.id}` says it raises "
            f"{wanted} when {entry.decision.when}",
            f"raise {wanted} instead, or change the decision",
            facts.path,
            r.span,
        )
        return
    if implicit or flow.checks or _delegates(ctx, ref, fn, wanted):
        return
    if flow.falls_through:
        yield _finding(
            ctx,
            entry,
            "E102",
            f"`{label}` can end without a `return` (returning None) and raises nothing, "
            f"where decision `{entry.id}` says it raises {wanted} when {entry.decision.when}",
            f"raise {wanted} on that case",
            facts.path,
            fn.span,
        )
        return
    yield _finding(
        ctx,
        entry,
        "E101",
        f"`{label}` has no path that raises {wanted}, but decision `{entry.id}` says it does "
        f"when {entry.decision.when}",
        f"raise {wanted} on that case (or mark the line that does with `# spec: {entry.id}`)",
        facts.path,
        fn.span,
    )


def _delegates(ctx: RuleContext, ref: ClassRef | None, fn: MethodFacts, wanted: str) -> bool:
    """A method it calls on self raises ``wanted`` (or is unknown: it might)."""
    if ref is None:
        return False
    called = {c.name for c in ref.cls.self_calls if c.method == fn.name}
    if not called:
        return False
    owners = [ref, *ctx.index.bases(ref).classes]
    for name in called:
        target = next((o.cls.methods[name] for o in owners if name in o.cls.methods), None)
        if target is None or target.flow is None:
            return True
        explicit, implicit = _raises(ctx, target.flow, wanted)
        if explicit or implicit or target.flow.checks:
            return True
    return False


def _must_return(
    ctx: RuleContext,
    entry: DecisionEntry,
    facts: FileFacts,
    flow: Flow,
    value: Any,
    label: str,
) -> Iterator[Finding]:
    returns_it = any(
        r.value is not None and _same(literal_value(r.value), value) for r in flow.returns
    ) or (value is None and flow.falls_through)
    if returns_it:
        return
    shown = entry.decision.returns
    for r in flow.raises:
        if r.explicit and any(_lookup(ctx, e) for e in r.excs):
            yield _finding(
                ctx,
                entry,
                "E102",
                f"`{label}` raises {', '.join(r.excs)} where decision `{entry.id}` says it "
                f"returns {shown} when {entry.decision.when}",
                f"return {shown} on that case, or change the decision",
                facts.path,
                r.span,
            )
            return
    if flow.conditions:
        return  # it tests something: the edge case may be handled without a literal
    for r in flow.raises:
        if not r.explicit and not r.guarded:
            yield _finding(
                ctx,
                entry,
                "E102",
                f"In `{label}`, {r.what}; decision `{entry.id}` says it returns {shown} when "
                f"{entry.decision.when}",
                f"test for that case first and return {shown}",
                facts.path,
                r.span,
            )
            return


def _same(parsed: tuple[bool, Any], value: Any) -> bool:
    ok, v = parsed
    return ok and type(v) is type(value) and v == value


def _lookup(ctx: RuleContext, name: str) -> bool:
    if name in _LOOKUP or _LOOKUP_WORDS.search(name):
        return True
    return any(_is_exception(ctx, name, base) for base in _LOOKUP)


def _doc_for_raise(
    ctx: RuleContext, entry: DecisionEntry, facts: FileFacts, flow: Flow, wanted: str, label: str
) -> Iterator[Finding]:
    if flow.doc_raises and not any(
        _is_exception(ctx, n.rsplit(".", 1)[-1], wanted) for n, _, _ in flow.doc_raises
    ):
        names = ", ".join(n for n, _, _ in flow.doc_raises)
        yield _finding(
            ctx,
            entry,
            "E103",
            f"The docstring of `{label}` lists {names} under Raises but not {wanted}, which "
            f"decision `{entry.id}` says it raises when {entry.decision.when}",
            f"add {wanted} to the Raises section",
            facts.path,
            flow.doc_raises[0][1],
        )
    elif flow.doc_returns is not None:
        text, span = flow.doc_returns
        if re.search(r"\bNone\b.*\b(if|when|on)\b|\b(if|when)\b.*\bNone\b", text):
            yield _finding(
                ctx,
                entry,
                "E103",
                f'The docstring of `{label}` says it returns None on a condition ("{text[:60]}"), '
                f"but decision `{entry.id}` says it raises {wanted} when {entry.decision.when}",
                "make the docstring say what the decision says",
                facts.path,
                span,
            )


def _doc_for_return(
    ctx: RuleContext, entry: DecisionEntry, facts: FileFacts, flow: Flow, label: str
) -> Iterator[Finding]:
    for name, span, _ in flow.doc_raises:
        short = name.rsplit(".", 1)[-1]
        if _lookup(ctx, short):
            yield _finding(
                ctx,
                entry,
                "E103",
                f"The docstring of `{label}` says it raises {short}, but decision `{entry.id}` "
                f"says it returns {entry.decision.returns} when {entry.decision.when}",
                "make the docstring say what the decision says",
                facts.path,
                span,
            )
            return


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
        entry,
        code,
        f"{what} ({where}); {fix}",
        path,
        span,
        "raises" if entry.decision.raises else "returns",
    )
