"""N101-N102: names against the spec's naming decisions (patterns and a glossary).

Only names their writers chose are judged: an override keeps its base's name, a method of
a class with a base outside the workspace may be one, and dunders are Python's (see
:func:`specls.symbols.judged`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from specls.findings import Finding, Fix
from specls.index import ClassRef
from specls.naming import MAX_NAME, find_term, is_identifier, replace_term, suggest
from specls.patterns import Pattern, PatternError, compile_pattern
from specls.records import record
from specls.rules import RuleContext
from specls.spec.load import DecisionEntry
from specls.symbols import Symbol, class_symbols, judged, module_symbols

#: Kinds of symbol the rename fix can rename.
RENAMEABLE = frozenset(
    {"class", "function", "method", "parameter", "attribute", "constant", "variable"}
)


@record(frozen=True)
class NamingRule:
    """A naming decision, ready to apply."""

    entry: DecisionEntry
    pattern: Pattern | None
    kinds: frozenset[str]
    avoid: tuple[str, ...]
    prefer: str | None
    target: str | None

    def applies(self, symbol: Symbol) -> bool:
        if self.kinds and symbol.kind not in self.kinds:
            return False
        return self.target is None or in_scope(self.target, symbol)


def in_scope(target: str, symbol: Symbol) -> bool:
    """Whether ``symbol`` is in the module, package or class ``target`` names."""
    places = [symbol.module]
    if symbol.cls is not None:
        places += [symbol.cls.dotted, symbol.cls.cls.qualname]
    return any(
        p == target or p.endswith("." + target) or p.startswith(target + ".") for p in places
    )


def naming_rules(ctx: RuleContext) -> list[NamingRule]:
    """The enforced naming decisions of the spec (computed once per context)."""
    cached = ctx.memo.get("naming")
    if cached is None:
        cached = []
        for entry in ctx.spec.enforced():
            d = entry.decision
            if d.kind != "naming":
                continue
            try:
                pattern = compile_pattern(d.pattern) if d.pattern else None
            except PatternError:
                continue  # reported by S001
            kinds = frozenset(d.applies_to)
            cached.append(NamingRule(entry, pattern, kinds, tuple(d.avoid), d.prefer, d.target))
        ctx.memo["naming"] = cached
    return cached


def check_class(ctx: RuleContext, ref: ClassRef) -> Iterator[Finding]:
    """Names of a class, its methods, their parameters and its attributes."""
    rules = naming_rules(ctx)
    if rules:
        yield from _judge(ctx, class_symbols(ctx.index, ref), rules)


def check_module(ctx: RuleContext) -> Iterator[Finding]:
    """Names of modules, module functions and their parameters, constants and variables."""
    rules = naming_rules(ctx)
    if not rules:
        return
    for facts in ctx.index.files.values():
        if ctx.only is None or facts.path in ctx.only:
            yield from _judge(ctx, module_symbols(facts), rules)


def _judge(
    ctx: RuleContext, symbols: Iterable[Symbol], rules: list[NamingRule]
) -> Iterator[Finding]:
    for symbol in symbols:
        if not judged(symbol):
            continue
        for rule in rules:
            if not rule.applies(symbol):
                continue
            pattern = rule.pattern
            if (
                pattern is not None
                and len(symbol.name) <= MAX_NAME  # (longer ones are not judged)
                and not pattern.fullmatch(symbol.name)
            ):
                yield _pattern_finding(ctx, rule, symbol)
            if rule.avoid:
                finding = _glossary_finding(ctx, rule, symbol)
                if finding is not None:
                    yield finding


def _pattern_finding(ctx: RuleContext, rule: NamingRule, symbol: Symbol) -> Finding:
    assert rule.pattern is not None
    new = suggest(symbol.name, rule.pattern, symbol.kind)
    how = f"rename it to `{new}`" if new else "rename it to match"
    message = (
        f"{_capital(symbol.describe())} does not match `{rule.pattern.pattern}`, the pattern "
        f"decision `{rule.entry.id}` sets for {symbol.kind} names; {how}"
    )
    return _with_fix(
        ctx.against(rule.entry, "N101", message, symbol.path, symbol.span, "pattern"), symbol, new
    )


def _glossary_finding(ctx: RuleContext, rule: NamingRule, symbol: Symbol) -> Finding | None:
    found: list[str] = []
    new = symbol.name
    for _ in range(8):  # replace every avoided term; bounded if `prefer` contains one
        hit = next((h for t in rule.avoid if (h := find_term(new, t)) is not None), None)
        if hit is None:
            break
        found.append(new[hit.start : hit.end])
        if rule.prefer is None:
            break
        new = replace_term(new, hit, rule.prefer)
    if not found:
        return None
    terms = ", ".join(f"`{t}`" for t in dict.fromkeys(found))
    suggestion = new if rule.prefer and new != symbol.name and is_identifier(new) else None
    if rule.prefer:
        how = f"the spec prefers `{rule.prefer}`" + (
            f": rename it to `{suggestion}`" if suggestion else ""
        )
    else:
        how = "rename it"
    message = (
        f"{_capital(symbol.describe())} uses {terms}, which decision `{rule.entry.id}` avoids; "
        f"{how}"
    )
    finding = ctx.against(rule.entry, "N102", message, symbol.path, symbol.span, "avoid")
    return _with_fix(finding, symbol, suggestion)


def _with_fix(finding: Finding, symbol: Symbol, new: str | None) -> Finding:
    if new and symbol.kind in RENAMEABLE and is_identifier(new):
        finding.fixes.append(
            Fix(f"Rename `{symbol.name}` to `{new}` across the workspace", "rename", new_name=new)
        )
    return finding


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
