"""The value checks' context: the spec's value decisions prepared, the files' value
statements read (once per set of fields), and per function its writes, its nodes and the
decided zone, format and cardinality of each field in scope."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from specls.facts import FileFacts
from specls.findings import Finding
from specls.records import field, record
from specls.rules import RuleContext
from specls.span import Span
from specls.spec.load import DecisionEntry
from specls.values import shapes
from specls.values.convert import Affine, parse_convert, unit_conversion
from specls.values.facts import Stmt, V, ValueFacts
from specls.values.reading import Write, children, in_scope, node_writes

#: The most nodes of one function the checks read.
MAX_FUNCTION_NODES = 50_000


@record()
class ValueRule:
    """A value decision, ready to apply."""

    entry: DecisionEntry
    conversion: Affine | None = None
    samples: list[shapes.Sample] = field(default_factory=list)

    @property
    def d(self) -> Any:
        return self.entry.decision

    def places(self) -> int | None:
        d = self.d
        if d.round is not None:
            return d.round
        return self.conversion.places if self.conversion is not None else None


def value_rules(ctx: RuleContext) -> list[ValueRule]:
    """The enforced value decisions of the spec (computed once per context)."""
    cached = ctx.memo.get("values")
    if cached is None:
        cached = []
        for entry in ctx.spec.enforced():
            d = entry.decision
            if d.kind != "value":
                continue
            rule = ValueRule(entry)
            if d.convert is not None:
                rule.conversion = parse_convert(d.convert)
            elif d.to_field is not None:
                rule.conversion = unit_conversion(d.unit, d.to_unit)
            if d.pattern is not None:
                rule.samples = shapes.samples(d.pattern)
            cached.append(rule)
        ctx.memo["values"] = cached
    return cached


def fields_of(rules: list[ValueRule]) -> set[str]:
    return {n for r in rules for n in (r.d.field, r.d.to_field) if n}


# -- reading the files -------------------------------------------------------------------------

#: The last files read, by their value parts (an editor's workspace keeps unchanged files'
#: facts, so their parts are read once per set of fields).
_READ: dict[int, tuple[Any, frozenset[str], ValueFacts]] = {}
_READ_MAX = 4096


def read(src: Any, names: frozenset[str]) -> ValueFacts:
    from specls.values.read import read_values

    found = _READ.get(id(src))
    if found is not None and found[0] is src and found[1] == names:
        return found[2]
    facts = read_values(src, names)
    if len(_READ) >= _READ_MAX:
        _READ.clear()
    _READ[id(src)] = (src, names, facts)
    return facts


# -- per file -----------------------------------------------------------------------------------


class FileCheck:
    def __init__(
        self, ctx: RuleContext, rules: list[ValueRule], facts: FileFacts, vf: ValueFacts
    ) -> None:
        self.ctx = ctx
        self.rules = rules
        self.facts = facts
        self.vf = vf
        self.seen: set[tuple[str, int, int, str]] = set()

    def findings(self) -> Iterator[Finding]:
        by_function: dict[str, list[Stmt]] = {}
        for s in self.vf.stmts:
            by_function.setdefault(s.where, []).append(s)
        module = self.facts.module
        for where, stmts in by_function.items():
            rules = [r for r in self.rules if in_scope(r.d.scope, module, where)]
            if rules:
                yield from FunctionContext(self, rules, stmts).findings()

    def finding(
        self, rule: ValueRule, code: str, message: str, span: Span, spec_field: str
    ) -> Finding | None:
        key = (code, span.line, span.col, rule.entry.id)
        if key in self.seen:
            return None
        self.seen.add(key)
        return self.ctx.against(rule.entry, code, message, self.facts.path, span, spec_field)


class FunctionContext:
    """The checks on one function's statements."""

    def __init__(self, file: FileCheck, rules: list[ValueRule], stmts: list[Stmt]) -> None:
        self.file = file
        self.rules = rules
        self.stmts = stmts
        self.imports = file.facts.imports
        self._writes: list[Write] | None = None
        self._nodes: list[tuple[V, tuple[V, ...], Stmt]] | None = None

    def writes(self) -> list[Write]:
        """The function's writes (stores, dict keys, keyword arguments), once each."""
        if self._writes is None:
            seen: set[tuple[int, int, str]] = set()
            out = []
            for node, parents, s in self.nodes():
                for w in node_writes(node, s, top=not parents):
                    key = (w.span.line, w.span.col, w.name)
                    if key not in seen:
                        seen.add(key)
                        out.append(w)
            self._writes = out
        return self._writes

    def nodes(self) -> list[tuple[V, tuple[V, ...], Stmt]]:
        """Every node of the statements' values with its ancestors, once for each parent it
        has (a local's value appears in each of its uses: each use is a context). A node's
        children are walked the first time only: the locals substituted into the statements
        share their subtrees, and walking them again for each use was quadratic."""
        if self._nodes is None:
            seen: set[tuple[int, int]] = set()
            expanded: set[int] = set()
            out: list[tuple[V, tuple[V, ...], Stmt]] = []
            for s in self.stmts:
                stack: list[tuple[V, tuple[V, ...]]] = [(s.value, ())]
                while stack and len(out) < MAX_FUNCTION_NODES:
                    node, parents = stack.pop()
                    key = (id(node), id(parents[-1]) if parents else -id(s))
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append((node, parents, s))
                    if id(node) in expanded or len(parents) >= 200:
                        continue
                    expanded.add(id(node))
                    inner = (*parents, node)
                    stack.extend((c, inner) for c in reversed(children(node)))
            self._nodes = out
        return self._nodes

    def emit(self, rule: ValueRule, code: str, message: str, span: Span, spec_field: str):
        found = self.file.finding(rule, code, message, span, spec_field)
        return [found] if found is not None else []

    def findings(self) -> Iterator[Finding]:
        from specls.rules.values import conversion, dates, encodings, ids, lists, presence

        for rule in self.rules:
            d = rule.d
            if d.to_field is not None and rule.conversion is not None:
                yield from conversion.check_conversion(self, rule)
            if d.format or d.to_format:
                yield from dates.check_formats(self, rule)
            if d.absent is not None:
                yield from presence.check_absent(self, rule)
            if d.true_values or d.false_values:
                yield from encodings.check_booleans(self, rule)
            if d.pattern and rule.samples:
                yield from ids.check_shape(self, rule)
            if d.cardinality or d.to_cardinality:
                yield from lists.check_cardinality(self, rule)
            if d.map:
                yield from encodings.check_codes(self, rule)
            if d.index_base is not None:
                yield from lists.check_positions(self, rule)
            if d.decimal_separator:
                yield from ids.check_separator(self, rule)
        yield from dates.check_zones(self)

    # -- decided properties of a field, over the rules in scope ------------------------------

    def zone_of(self, name: str) -> str | None:
        for r in self.rules:
            if r.d.field == name and r.d.timezone:
                return r.d.timezone
            if r.d.to_field == name and r.d.to_timezone:
                return r.d.to_timezone
        return None

    def format_of(self, name: str) -> str | None:
        for r in self.rules:
            if r.d.field == name and r.d.format:
                return r.d.format
            if r.d.to_field == name and r.d.to_format:
                return r.d.to_format
        return None

    def cardinality_of(self, name: str) -> str | None:
        for r in self.rules:
            if r.d.field == name and r.d.cardinality:
                return r.d.cardinality
            if r.d.to_field == name and r.d.to_cardinality:
                return r.d.to_cardinality
        return None

    def rule_for(self, name: str, attr: str) -> ValueRule | None:
        for r in self.rules:
            if (r.d.field == name and getattr(r.d, attr)) or (
                r.d.to_field == name and getattr(r.d, f"to_{attr}", None)
            ):
                return r
        return None
