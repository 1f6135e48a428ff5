"""Edge-case behaviour the code already has: ``Stack.pop`` raises IndexError when
``self.items`` is empty; ``Cache.get`` returns None when the key is not in ``self.data``.

A public method is proposed when its first test is of an empty or missing case and its first
exit, as the very next statement (or on the same line), raises one named exception or returns
a literal — a guard clause:

- empty: ``not self.items`` (where ``self.items`` holds a container), ``len(self.items) ==
  0``, ``len(self.items) < 1``, ``self.items == []``;
- missing: ``key not in self.data``, ``self.conn is None``.

The test is found by the read of ``self.<attr>`` it makes, and the raise or return by its
line, from the facts; a test on a parameter alone, or one the facts cannot place, gives
nothing. A returned literal must be one the behaviour rules can compare (E102), and the
method must return something else otherwise (else it is not an edge case).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from specls.facts import MethodFacts, Raise, Return
from specls.index import ClassRef
from specls.infer import Proposal, Scope
from specls.infer.common import Decided, Ids, class_ids, member_target, short
from specls.kinds import families
from specls.records import record
from specls.rules import RuleContext
from specls.rules.behaviour import sentinel_known

_CONTAINERS = frozenset({"mapping", "sequence", "set"})
_EMPTY_LITERALS = ("[]", "{}", "()", "set()", '""', "''")


@record(frozen=True)
class Edge:
    """An edge case a condition tests: on ``self.<attr>``, in words."""

    attr: str
    when: str
    text: str


def infer(ctx: RuleContext, scope: Scope, decided: Decided, ids: Ids) -> Iterator[Proposal]:
    """Proposals for the public methods of the classes in ``scope``."""
    for ref in sorted(ctx.index.classes, key=lambda r: r.key):
        if not scope.has_class(ref):
            continue
        for method in ref.cls.methods.values():
            if method.name.startswith("_") or method.flow is None or method.is_stub:
                continue
            if decided.member("behaviour", ref, method.name):
                continue
            proposal = _method(ctx, ref, method, ids)
            if proposal is not None:
                yield proposal


def _containers(ref: ClassRef) -> set[str]:
    """Attributes of the class whose evidence says they hold a container."""
    out: set[str] = set()
    for e in ref.cls.evidence:
        fams = families(e.kinds) if e.kinds else frozenset()
        if fams and fams <= _CONTAINERS and (e.role == "held" or len(fams) == 1):
            out.add(e.attr)
    return out


def edge(text: str, containers: set[str]) -> Edge | None:
    """The edge case a condition's source tests, or None (parsed, never evaluated)."""
    if len(text) > 200:
        return None
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        attr = _self_attr(node.operand)
        if attr is not None and attr in containers:
            return Edge(attr, f"`self.{attr}` is empty", text)
        inner = _len_of(node.operand)
        if inner is not None:
            return Edge(inner, f"`self.{inner}` is empty", text)
        return None
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    left, op, right = node.left, node.ops[0], node.comparators[0]
    if isinstance(op, ast.NotIn):
        attr = _self_attr(right)
        if attr is not None and isinstance(left, ast.Name | ast.Attribute | ast.Constant):
            return Edge(attr, f"`{ast.unparse(left)}` is not in `self.{attr}`", text)
        return None
    if isinstance(op, ast.Is) and isinstance(right, ast.Constant) and right.value is None:
        attr = _self_attr(left)
        return Edge(attr, f"`self.{attr}` is None", text) if attr is not None else None
    inner = _len_of(left)
    if inner is not None and isinstance(right, ast.Constant) and type(right.value) is int:
        if (isinstance(op, ast.Eq) and right.value == 0) or (
            isinstance(op, ast.Lt) and right.value == 1
        ):
            return Edge(inner, f"`self.{inner}` is empty", text)
        return None
    attr = _self_attr(left)
    if attr is not None and isinstance(op, ast.Eq) and ast.unparse(right) in _EMPTY_LITERALS:
        return Edge(attr, f"`self.{attr}` is empty", text)
    return None


def _self_attr(node: ast.expr) -> str | None:
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    ):
        return node.attr
    return None


def _len_of(node: ast.expr) -> str | None:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "len"
        and len(node.args) == 1
        and not node.keywords
    ):
        return _self_attr(node.args[0])
    return None


def _method(ctx: RuleContext, ref: ClassRef, method: MethodFacts, ids: Ids) -> Proposal | None:
    flow = method.flow
    assert flow is not None
    if not flow.conditions:
        return None
    found = edge(flow.conditions[0], _containers(ref))
    if found is None:
        return None
    lines = {
        a.span.line
        for a in ref.cls.reads.get(found.attr, ())
        if a.method == method.name and method.span.line <= a.span.line <= flow.end_line
    }
    outcome = _outcome(method, lines)
    return _proposal(ctx, ref, method, found, outcome, ids) if outcome is not None else None


def _outcome(method: MethodFacts, lines: set[int]) -> Raise | Return | None:
    """The method's first exit, when it is a raise or a literal return right after a test on
    one of ``lines``."""
    flow = method.flow
    assert flow is not None
    exits: list[Raise | Return] = [r for r in flow.raises if r.explicit]
    exits += list(flow.returns)
    if not exits:
        return None
    x = min(exits, key=lambda x: (x.span.line, x.span.col))
    if x.span.line not in lines and x.span.line - 1 not in lines:
        return None
    if isinstance(x, Raise):
        return x if len(x.excs) == 1 and x.excs[0] != "?" else None
    if x.value is None or not sentinel_known(x.value):
        return None  # a computed value, not a sentinel
    others = [r for r in flow.returns if r is not x and r.value != x.value]
    if not others or any(r.explicit for r in flow.raises):
        return None  # always that value, or it also raises: not one edge case
    return x


def _proposal(
    ctx: RuleContext,
    ref: ClassRef,
    method: MethodFacts,
    found: Edge,
    outcome: Raise | Return,
    ids: Ids,
) -> Proposal:
    target = member_target(ctx, ref, method.name)
    name = f"{ref.cls.name}.{method.name}"
    line = outcome.span.line + 1
    if isinstance(outcome, Raise):
        exc = outcome.excs[0]
        value = {"raises": exc}
        verb = f"raises `{exc}`"
        seen = f"`{short(outcome.what)}` (line {line})"
        suffix = "raises"
    else:
        literal = outcome.value or "None"
        value = {"returns": literal}
        verb = f"returns `{literal}`"
        seen = f"`return {literal}` (line {line})"
        suffix = "returns"
    summary = f"`{name}` {verb} when {found.when}."
    rationale = f"Inferred from {seen}, right after the test `{short(found.text)}` in `{name}`."
    fields = {
        "kind": "behaviour",
        "target": target,
        "when": found.when.replace("`", ""),
        **value,
        "summary": summary,
        "rationale": rationale,
        "status": "proposed",
    }
    evidence = [(ref.file.path, outcome.span, seen)]
    return Proposal(
        ids.make(*class_ids(ref, method.name, suffix)),
        "behaviour",
        target,
        fields,
        summary,
        rationale,
        evidence,
        f"`{name}` {verb} when {found.when} — no decision",
    )
