"""S001-S007: the spec file itself, and references to it from code."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from specls.findings import Finding, Related, Severity
from specls.kinds import parse_type
from specls.rules import RULES, RuleContext
from specls.spec.load import DecisionEntry


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Findings about the spec file and about ``# spec:`` references."""
    spec = ctx.spec
    path = ctx.spec_path or "spec.toml"
    for p in spec.problems:
        yield Finding(p.code, RULES[p.code].severity, p.message, path, p.span, p.decision_id)
    if ctx.whole_workspace:
        yield from _stale(ctx, path)
    yield from _conflicts(ctx, path)
    yield from _successors(ctx, path)
    yield from _references(ctx)
    yield from _unchecked(ctx, path)


def _unchecked(ctx: RuleContext, path: str) -> Iterator[Finding]:
    """S008: an invariant or a returned value that specls cannot read (so cannot check)."""
    from specls.rules.behaviour import sentinel_known
    from specls.spec.invariants import Unsupported, parse_invariant

    for entry in ctx.spec.enforced():
        d = entry.decision
        reason = None
        if d.kind == "invariant":
            try:
                parse_invariant(d.expr)
            except SyntaxError as e:
                reason = f"`{d.expr}` is not a Python expression ({e.msg})"
                span = entry.field_span("expr")
            except Unsupported as e:
                reason = str(e)
                span = entry.field_span("expr")
        elif d.kind == "behaviour" and d.returns is not None and not sentinel_known(d.returns):
            reason = (
                f'`returns = "{d.returns}"` is not a literal or a known phrase '
                "(None, an empty string, an empty list, zero, ...): only the docstring is checked"
            )
            span = entry.field_span("returns")
        if reason:
            yield Finding(
                "S008",
                RULES["S008"].severity,
                f"Decision `{entry.id}` cannot be checked: {reason}",
                path,
                span,
                entry.id,
            )


def _target_exists(ctx: RuleContext, entry: DecisionEntry) -> bool:
    d = entry.decision
    target = getattr(d, "target", None)
    if not target:
        return True
    index = ctx.index
    if d.kind == "naming":
        return bool(index.find_class(target)) or any(
            f.module == target
            or f.module.endswith("." + target)
            or f.module.startswith(target + ".")
            for f in index.files.values()
        )
    for ref, member in index.resolve_target(target):
        if member is None or index.member_exists(ref, member):
            return True
    if d.kind in ("invariant", "behaviour") and index.module_function_exists(target):
        return True
    return d.kind == "invariant" and any(  # an invariant on module-level names
        f.module == target or f.module.endswith("." + target) for f in index.files.values()
    )


def _stale(ctx: RuleContext, path: str) -> Iterator[Finding]:
    for entry in ctx.spec.enforced():
        if not _target_exists(ctx, entry):
            yield Finding(
                "S003",
                RULES["S003"].severity,
                f"Decision `{entry.id}` targets `{entry.decision.target}`, which names nothing in "
                "the workspace; update the target or mark the decision superseded",
                path,
                entry.field_span("target"),
                entry.id,
            )


def _normal(entry: DecisionEntry) -> tuple:
    d = entry.decision
    if d.kind == "representation":
        info = parse_type(d.type)
        return ("type", info.kinds or d.type.replace(" ", ""), info.item, info.key)
    if d.kind == "behaviour":
        return ("behaviour", d.raises, d.returns)
    if d.kind == "invariant":
        return ("expr", d.expr.replace(" ", ""))
    return ("naming", d.prefer, tuple(d.avoid), d.pattern)


def _conflicts(ctx: RuleContext, path: str) -> Iterator[Finding]:
    seen: dict[tuple, DecisionEntry] = {}
    for entry in ctx.spec.decisions.values():
        d = entry.decision
        if d.status != "accepted" or d.kind not in ("representation", "behaviour"):
            continue
        key = (d.kind, d.target, getattr(d, "when", None))
        first = seen.setdefault(key, entry)
        if first is entry or _normal(first) == _normal(entry):
            continue
        yield Finding(
            "S004",
            RULES["S004"].severity,
            f"Decisions `{first.id}` and `{entry.id}` are both accepted and disagree about "
            f"`{d.target}`; supersede one of them",
            path,
            entry.span,
            entry.id,
            [Related(path, first.span, f"decision `{first.id}`")],
        )


def _successors(ctx: RuleContext, path: str) -> Iterator[Finding]:
    for entry in ctx.spec.decisions.values():
        succ = entry.decision.superseded_by
        if succ and succ not in ctx.spec.declared:
            yield Finding(
                "S006",
                RULES["S006"].severity,
                f"Decision `{entry.id}` is superseded by `{succ}`, which does not exist"
                f"{_did_you_mean(succ, ctx.spec.declared)}",
                path,
                entry.field_span("superseded_by"),
                entry.id,
            )


def _did_you_mean(name: str, pool: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(pool), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _references(ctx: RuleContext) -> Iterator[Finding]:
    spec = ctx.spec
    for f in ctx.index.files.values():
        if ctx.only is not None and f.path not in ctx.only:
            continue
        for ref in f.spec_refs:
            if ref.id not in spec.declared:
                yield Finding(
                    "S005",
                    RULES["S005"].severity,
                    f"`# spec: {ref.id}` names no decision in the spec"
                    f"{_did_you_mean(ref.id, spec.declared)}",
                    f.path,
                    ref.span,
                    ref.id,
                )
                continue
            entry = spec.decisions.get(ref.id)
            if entry is not None and entry.decision.status in ("superseded", "rejected"):
                succ = entry.decision.superseded_by
                yield Finding(
                    "S007",
                    Severity.INFO,
                    f"`# spec: {ref.id}` refers to a {entry.decision.status} decision"
                    + (f"; its successor is `{succ}`" if succ else ""),
                    f.path,
                    ref.span,
                    ref.id,
                    [Related(ctx.spec_path or "", entry.span, f"decision `{entry.id}`")]
                    if ctx.spec_path
                    else [],
                )
