"""D101: code a decision governs changed after the commit it was decided at.

A review prompt at the changed lines (hint severity), from :mod:`specls.drift`. Off by
default: it reads git history, so it runs only when selected (``--select D101``, or ``D`` in
``[tool.specls] select``), and says nothing when the workspace is not in a git repository.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from specls.findings import Finding, Related, Severity
from specls.rules import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    """D101 at each changed place of each decision's governed code (when selected)."""
    if not ctx.explicitly_selected("D101") or ctx.root is None:
        return
    from specls.drift import drift_of

    more = {"read": ctx.read} if ctx.read is not None else {}
    memo = ctx.session.setdefault("drift", {})
    report = drift_of(ctx.index, ctx.spec, Path(ctx.root), paths=ctx.only, memo=memo, **more)
    where_spec = ctx.spec_path
    for d in report.drifts:
        if d.state != "changed":
            continue
        related = (
            [Related(where_spec, d.entry.span, f"decision `{d.entry.id}` (since {d.since})")]
            if where_spec
            else []
        )
        spec_line = f"{ctx.spec_display}:{d.entry.span.line + 1}"
        for place in d.places:
            if ctx.only is not None and place.path not in ctx.only:
                continue
            lines = (
                f"line {place.start + 1}"
                if place.start == place.end
                else f"lines {place.start + 1}-{place.end + 1}"
            )
            yield Finding(
                "D101",
                Severity.HINT,
                f"{d.message()} ({spec_line}; this change: {lines})",
                place.path,
                place.span,
                d.entry.id,
                list(related),
            )
