"""``--format agent``: findings in the form a coding agent reads and acts on.

One short block per finding: what diverges and where; the decision and its decided value
with the line of the spec it lives on (the renderer of :mod:`specls.render`); and the two
ways out — keep to the decision in the code, or the exact ``specls`` command that records
or supersedes the decision. No colour, no summary table, no more words than that: every
line costs the agent context.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator

from specls import render
from specls.context import decide_command
from specls.findings import Finding, Fix
from specls.report.formats import display_path
from specls.spec.load import DecisionEntry, Spec


def agent_lines(findings: list[Finding], spec: Spec | None, spec_name: str) -> Iterator[str]:
    """The blocks, a line at a time."""
    for f in findings:
        where = f"{display_path(f.path)}:{f.span.line + 1}:{f.span.col + 1}"
        yield f"{where}: {f.code} {f.message}"
        entry = spec.decisions.get(f.decision) if spec and f.decision else None
        if entry is not None:
            d = entry.decision
            why = f" ({d.summary.strip()})" if d.summary else ""
            yield f"  decided: {render.line(entry, spec_name)}{why}"
        conform = [_way(fix, where) for fix in f.fixes if fix.kind == "rename"]
        record = [
            _way(fix, where) for fix in f.fixes if fix.kind in ("record-decision", "push-claim")
        ]
        change = [_way(fix, where) for fix in f.fixes if fix.kind == "update-decision"]
        if entry is not None:
            yield f"  keep to it: {conform[0] if conform else 'change this code to agree'}"
            if not change and entry.decision.kind != "naming":
                change = [_supersede(entry)]
            for way in change:
                yield f"  or, if the decision is wrong: {way}"
        elif record:
            yield "  record which is meant (then make the rest agree):"
            yield from (f"    {way}" for way in record if way)
        elif conform:
            yield f"  fix: {conform[0]}"
        else:
            yield f"  fix: change the code (or silence this line: # spec: ignore[{f.code}])"


def _way(fix: Fix, where: str) -> str:
    """A fix as the command that applies it."""
    if fix.kind == "rename" and fix.new_name:
        return shlex.join(["specls", "rename", where, fix.new_name])
    if fix.decision and fix.kind in ("record-decision", "push-claim"):
        return decide_command(dict(fix.decision), decision_id=fix.decision_id)
    if fix.decision and fix.kind == "update-decision":
        return decide_command(
            dict(fix.decision), decision_id=fix.decision_id, supersedes=fix.supersedes
        )
    return fix.title


def _supersede(entry: DecisionEntry) -> str:
    """The command that replaces a decision, its new value left for the writer to fill in."""
    d = entry.decision
    fields = d.model_dump(exclude_none=True, include={"kind", "target", "when", "applies_to"})
    value = {
        "representation": "--type '<new type>'",
        "invariant": "--expr '<new expression>'",
        "behaviour": "--raises '<exception>' (or --returns '<value>')",
        "naming": "--prefer '<term>' --avoid '<term>'",
    }.get(d.kind, "")
    return f"{decide_command(fields, supersedes=entry.id)} {value}".rstrip()


def to_agent(findings: list[Finding], spec: Spec | None, spec_name: str, why: str = "") -> str:
    """The whole report; ``why`` says why this format was chosen (when it was not asked for)."""
    lines = list(agent_lines(findings, spec, spec_name))
    n = len(findings)
    tail = f"specls: {n} finding{'s' if n != 1 else ''}" if n else "specls: no findings"
    if why:
        tail += f" (agent format: {why}; --format text for the usual one)"
    return "\n".join([*lines, tail])
