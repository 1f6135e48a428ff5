"""Naming patterns the code already keeps: method names are snake_case, classes PascalCase.

Per kind of symbol, the names their writers chose (as N101 judges them: no overrides, no
dunders) are matched against the usual styles. A style is proposed for a kind when at least
:data:`MIN_NAMES` names of that kind were seen and at least :data:`MIN_SHARE` of them follow
it, with at most :data:`MAX_EXCEPTIONS` names that do not; otherwise nothing is proposed.
The exceptions are reported, and written into the pattern as alternatives
(``_{0,2}[a-z][a-z0-9_]*|fetchURL``) so that a check of the code as it is finds nothing:
rename them, then drop them from the pattern. Kinds that share a style share one decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from specls.infer import Proposal, Scope
from specls.infer.common import Decided, Ids
from specls.naming import MAX_NAME
from specls.rules import RuleContext
from specls.symbols import Symbol, class_symbols, judged, module_symbols

#: The styles tried, with their pattern and the id of a decision that sets it.
STYLES: dict[str, tuple[str, str]] = {
    "snake_case": (r"_{0,2}[a-z][a-z0-9_]*", "snake-case-names"),
    "PascalCase": (r"_?[A-Z][a-zA-Z0-9]*", "pascal-case-names"),
    "UPPER_CASE": (r"_{0,2}[A-Z][A-Z0-9_]*", "upper-case-names"),
}
#: The kinds of symbol a pattern is proposed for, in the order decisions list them.
KINDS = ("class", "function", "method", "parameter", "attribute", "constant")
#: The style each kind usually has (a tie goes to it).
USUAL = {"class": "PascalCase", "constant": "UPPER_CASE"}
MIN_NAMES = 10
MIN_SHARE = 0.97
MAX_EXCEPTIONS = 5


def infer(ctx: RuleContext, scope: Scope, decided: Decided, ids: Ids) -> Iterator[Proposal]:
    """A pattern decision per style the scope's names agree on overwhelmingly."""
    if scope.classes_only:
        return
    target = _common_module(ctx, scope)
    covered = decided.naming_kinds(target)
    by_kind: dict[str, list[Symbol]] = {}
    for symbol in _symbols(ctx, scope):
        if symbol.kind in KINDS and judged(symbol) and len(symbol.name) <= MAX_NAME:
            by_kind.setdefault(symbol.kind, []).append(symbol)
    chosen: dict[str, list[tuple[str, list[Symbol], list[Symbol]]]] = {}
    for kind in KINDS:
        if kind in covered or "*" in covered:
            continue
        found = _style(kind, by_kind.get(kind, []))
        if found is not None:
            style, matching, exceptions = found
            chosen.setdefault(style, []).append((kind, matching, exceptions))
    for style, groups in chosen.items():
        proposal = _proposal(style, groups, target, ids)
        if proposal is not None:
            yield proposal


def _symbols(ctx: RuleContext, scope: Scope) -> Iterator[Symbol]:
    for facts in sorted(ctx.index.files.values(), key=lambda f: f.path):
        if not scope.has_file(facts.path):
            continue
        yield from module_symbols(facts)
        for ref in ctx.index.classes_in(facts.path):
            yield from class_symbols(ctx.index, ref)


def _common_module(ctx: RuleContext, scope: Scope) -> str | None:
    """The package the scope's files share, when the scope is not every file (a decision
    inferred from part of the workspace governs that part only); None for all of it."""
    if scope.paths is None or scope.paths >= set(ctx.index.files):
        return None
    modules = [ctx.index.files[p].module for p in scope.paths if p in ctx.index.files]
    if not modules or any(not m for m in modules):
        return None
    parts = [m.split(".") for m in modules]
    common: list[str] = []
    for group in zip(*parts, strict=False):
        if len(set(group)) != 1:
            break
        common.append(group[0])
    if not common:
        return None
    return ".".join(common)


def _style(kind: str, symbols: list[Symbol]) -> tuple[str, list[Symbol], list[Symbol]] | None:
    """The style the names of one kind agree on, with the names that match and those that
    do not; None when fewer than :data:`MIN_NAMES` or no style dominates."""
    if len(symbols) < MIN_NAMES:
        return None
    best: tuple[float, bool, str] | None = None
    for style, (pattern, _) in STYLES.items():
        matched = sum(1 for s in symbols if re.fullmatch(pattern, s.name))
        rank = (matched / len(symbols), USUAL.get(kind, "snake_case") == style, style)
        if best is None or rank[:2] > best[:2]:
            best = rank
    assert best is not None
    share, _, style = best
    pattern = STYLES[style][0]
    matching = [s for s in symbols if re.fullmatch(pattern, s.name)]
    exceptions = [s for s in symbols if not re.fullmatch(pattern, s.name)]
    if share < MIN_SHARE or len({s.name for s in exceptions}) > MAX_EXCEPTIONS:
        return None
    return style, matching, exceptions


def _proposal(
    style: str,
    groups: list[tuple[str, list[Symbol], list[Symbol]]],
    target: str | None,
    ids: Ids,
) -> Proposal | None:
    base, ident = STYLES[style]
    kinds = [kind for kind, _, _ in groups]
    matching = [s for _, m, _ in groups for s in m]
    exceptions = [s for _, _, e in groups for s in e]
    names = sorted({s.name for s in exceptions})
    pattern = "|".join([base, *(re.escape(n) for n in names)])
    total = len(matching) + len(exceptions)
    share = len(matching) / total
    kinds_text = _kinds_text(kinds)
    where = f" in `{target}`" if target else ""
    summary = f"{kinds_text[:1].upper()}{kinds_text[1:]} names are {style}{where}."
    counts = ", ".join(f"{len(m)} of {len(m) + len(e)} {kind} names" for kind, m, e in groups)
    rationale = f"Inferred from the names the code chose: {counts} are {style} ({share:.1%})."
    if names:
        shown = ", ".join(f"`{n}`" for n in names)
        rationale += (
            f" The exceptions ({shown}) are listed in the pattern so that they stay allowed; "
            "rename them and drop them from the pattern."
        )
    fields: dict[str, object] = {
        "kind": "naming",
        "target": target,
        "pattern": pattern,
        "applies_to": kinds,
        "summary": summary,
        "rationale": rationale,
        "status": "proposed",
    }
    fields = {k: v for k, v in fields.items() if v is not None}
    evidence = [(s.path, s.span, f"{s.describe()} is not {style}") for s in exceptions]
    evidence += [(s.path, s.span, f"{s.describe()}") for s in matching[:5]]
    exceptions_text = f"; exceptions {', '.join(f'`{n}`' for n in names)}" if names else ""
    description = (
        f"{kinds_text[:1].upper()}{kinds_text[1:]} names{where} are {style}: "
        f"{len(matching)} of {total} ({share:.0%}){exceptions_text} — no decision"
    )
    suffix = f"-{target.replace('.', '-').lower()}" if target else ""
    return Proposal(
        ids.make(f"{ident}{suffix}"),
        "naming",
        target,
        fields,
        summary,
        rationale,
        evidence,
        description,
    )


def _kinds_text(kinds: list[str]) -> str:
    words = [f"{k}" for k in kinds]
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"
