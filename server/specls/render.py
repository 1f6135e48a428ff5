"""What a decision says, in the words every face uses: hover, ``specls context``, the agents'
hooks, the MCP server and ``specls check --format agent`` all render a decision here, so a
writer reads the same decided value wherever it meets it.

The research behind specls is the reason this is one module: a writer told the decided
*value* ("`amount` is integer cents") gets it right; one told only *which* decision applies
does no better than one told nothing. Every rendering leads with the value.
"""

from __future__ import annotations

from typing import Any

from specls.spec.load import DecisionEntry


def decided(decision: Any) -> str:
    """The decided value in one line: "`Cart.lines` is `list[tuple[str, int]]`"."""
    kind = decision.kind
    target = getattr(decision, "target", None)
    if kind == "representation":
        return f"`{target}` is `{decision.type}`"
    if kind == "invariant":
        return f"`{decision.expr}` always holds in `{target}`"
    if kind == "behaviour":
        outcome = (
            f"raises `{decision.raises}`" if decision.raises else f"returns `{decision.returns}`"
        )
        return f"`{target}` {outcome} when {decision.when}"
    if kind == "naming":
        parts = []
        if decision.avoid:
            avoided = ", ".join(f"`{t}`" for t in decision.avoid)
            parts.append(
                f"avoid {avoided}" + (f"; prefer `{decision.prefer}`" if decision.prefer else "")
            )
        if decision.pattern:
            kinds = ", ".join(decision.applies_to)
            parts.append(f"{kinds} names match `{decision.pattern}`")
        scope = f" in `{target}`" if target else ""
        return "; ".join(parts) + scope
    if kind == "value":
        from specls.values.describe import decided_value

        return decided_value(decision)
    return f"`{target}`" if target else kind  # (a kind this renderer does not know yet)


def where(entry: DecisionEntry, spec_name: str) -> str:
    """Where a decision lives: ``spec.toml:5``."""
    return f"{spec_name}:{entry.span.line + 1}"


def line(entry: DecisionEntry, spec_name: str) -> str:
    """One line: "decision `cart-lines` (spec.toml:5, accepted): `Cart.lines` is `list`"."""
    d = entry.decision
    return f"decision `{entry.id}` ({where(entry, spec_name)}, {d.status}): {decided(d)}"


def markdown(entry: DecisionEntry, spec_name: str | None) -> str:
    """A decision as a block of Markdown: id, kind and status; the decided value; summary;
    rationale; successor; where it lives."""
    d = entry.decision
    lines = [f"**decision `{entry.id}`** · {d.kind} · {d.status}", decided(d)]
    if d.summary:
        lines += ["", d.summary.strip()]
    if d.rationale:
        lines += ["", f"*Rationale:* {d.rationale.strip()}"]
    if d.superseded_by:
        lines += ["", f"Superseded by `{d.superseded_by}`."]
    if spec_name is not None:
        lines += ["", where(entry, spec_name)]
    return "\n".join(lines)


def as_json(entry: DecisionEntry, spec_name: str | None) -> dict[str, Any]:
    """A decision as plain data: its fields, the decided value in words, where it lives."""
    fields = entry.decision.model_dump(exclude_none=True, exclude_defaults=False)
    fields = {k: v for k, v in fields.items() if v not in ([], "")}
    out: dict[str, Any] = {"id": entry.id, **fields, "decided": decided(entry.decision)}
    if spec_name is not None:
        out["where"] = where(entry, spec_name)
    return out
