"""The round trip, checked before anything is proposed: the rules run on the code as it is
with the proposals added to the spec, and a proposal anything is found against is dropped.

So recording every proposal changes nothing a check finds in the code as it is — the
property that makes ``specls infer --write`` safe to run on a clean codebase — while a later
edit that diverges from one is reported against it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from specls.infer import Proposal
from specls.rules import RuleContext
from specls.spec.load import parse_spec

if TYPE_CHECKING:
    from specls.engine import Workspace
    from specls.index import ClassRef


def with_proposals(text: str, proposals: list[Proposal]) -> str:
    """Spec text with the proposals appended, as the writer would append them (written out
    here: tomlkit takes 4 ms a table, and this text is only read back)."""
    parts = [text.rstrip("\n") + "\n"] if text.strip() else ["[spec]\nversion = 1\n"]
    parts += [_table(p.id, p.fields) for p in proposals]
    return "\n".join(parts)


def _table(ident: str, fields: dict[str, Any]) -> str:
    """A ``[decision.<id>]`` table of strings and lists of strings (JSON's string escapes are
    TOML's)."""
    lines = [f"[decision.{ident}]"]
    for key, value in fields.items():
        if isinstance(value, list):
            shown = "[" + ", ".join(json.dumps(str(v), ensure_ascii=False) for v in value) + "]"
        else:
            shown = json.dumps(str(value), ensure_ascii=False)
        lines.append(f"{key} = {shown}")
    return "\n".join(lines) + "\n"


def kept(ws: Workspace, ctx: RuleContext, proposals: list[Proposal]) -> list[Proposal]:
    """The proposals the rules find nothing against when added to the spec."""
    if not proposals:
        return []
    from specls.rules import naming, specfile

    spec = parse_spec(with_proposals(ctx.spec.text, proposals), ctx.spec.path)
    ids = {p.id for p in proposals}
    if not ids <= set(spec.decisions):  # (a proposal the models refuse: never write it)
        proposals = [p for p in proposals if p.id in spec.decisions]
        ids = {p.id for p in proposals}
    check = RuleContext(ctx.index, spec, ctx.spec_path, ctx.spec_display)
    against: set[str] = set()
    for ref in _classes(ctx, [p for p in proposals if p.kind != "naming"]):
        for finding in _class_findings(check, ref):
            if finding.decision in ids:
                against.add(finding.decision)
    if any(p.kind == "naming" for p in proposals):  # (a pattern governs every class)
        for ref in ctx.index.classes:
            for finding in naming.check_class(check, ref):
                if finding.decision in ids:
                    against.add(finding.decision)
        for finding in naming.check_module(check):
            if finding.decision in ids:
                against.add(finding.decision)
    for finding in specfile.check(check):
        if finding.decision in ids:
            against.add(finding.decision)
    for module_rule in _module_rules():
        for finding in module_rule(check):
            if finding.decision in ids:
                against.add(finding.decision)
    return [p for p in proposals if p.id not in against]


def _module_rules() -> list:
    from specls.rules import behaviour, invariants, values

    return [behaviour.check_module, invariants.check_module, values.check]


def _classes(ctx: RuleContext, proposals: list[Proposal]) -> list[ClassRef]:
    """The classes whose findings could name a proposal: their targets and subclasses."""
    out: dict[tuple[str, str], ClassRef] = {}
    for p in proposals:
        for ref, _ in ctx.index.resolve_target(p.target or ""):
            out[ref.key] = ref
            for sub in ctx.index.subclasses(ref):
                out[sub.key] = sub
    return list(out.values())


def _class_findings(ctx: RuleContext, ref: ClassRef) -> list:
    from specls.rules import class_rules

    found = []
    for rule in class_rules():
        found.extend(rule(ctx, ref))
    return found
