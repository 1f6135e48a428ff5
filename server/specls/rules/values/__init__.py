"""V101-V110: code against value decisions (what a field's value means).

The value-like parts of each file (:mod:`specls.values.extract`) are read only when the spec
has value decisions, and only the parts that name one of their fields
(:mod:`specls.values.read`). Each check reports on clear evidence alone: a literal format, a
literal zone, arithmetic it can follow to the field, a string operation it can apply to a
sample of the decided shape. Anything it cannot follow (a call it does not know, a local
assigned on some paths only, a value from elsewhere) is silence, not a guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from specls.findings import Finding, Severity
from specls.rules import RuleContext
from specls.rules.values.context import FileCheck, ValueRule, fields_of, read, value_rules

__all__ = ["check", "value_rules"]


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Every value check, on the files reported on."""
    rules = value_rules(ctx)
    if not rules:
        return
    yield from _unchecked(ctx, rules)
    names = frozenset(fields_of(rules))
    for facts in ctx.index.files.values():
        if ctx.only is not None and facts.path not in ctx.only:
            continue
        src = facts.values
        if src is None:
            continue
        vf = read(src, names)
        if vf.stmts:
            yield from FileCheck(ctx, rules, facts, vf).findings()


def _unchecked(ctx: RuleContext, rules: list[ValueRule]) -> Iterator[Finding]:
    for rule in rules:
        d = rule.d
        if d.convert is not None and rule.conversion is None:
            yield Finding(
                "S008",
                Severity.INFO,
                f'Decision `{rule.entry.id}` cannot be checked: `convert = "{d.convert}"` is '
                "not a map a * x + b, so the conversion of `{d.field}` is not compared (its "
                "other fields still are)".replace("{d.field}", d.field),
                ctx.spec_path or "spec.toml",
                rule.entry.field_span("convert"),
                rule.entry.id,
            )
