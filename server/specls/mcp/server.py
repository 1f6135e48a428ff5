"""``specls mcp``: a Model Context Protocol server over stdio, on the official ``mcp`` SDK.

Four tools and one resource, their descriptions short (each costs the agent context on
every turn): ``decisions_for`` (what ``specls context`` prints), ``check`` (files, or unsaved
text as a file, in ``--format agent``), ``propose_decision`` (a ``status = "proposed"``
decision through the core writer, refusing a taken id or an already decided target) and
``explain`` (a rule or a decision); the resource ``specls://spec`` is the spec file.

The ``mcp`` package is heavy (about 30 packages, 70 MB, a second to import): it is an
optional extra, imported only here, never on the hook's path or in the VS Code bundle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

INSTRUCTIONS = (
    "specls keeps the design decisions this codebase's writers share (representations of "
    "shared state, invariants, names, edge-case behaviour) in spec.toml. Call decisions_for "
    "before changing a file or class and keep to what it says; call check after editing."
)


def make_server(root: Path) -> Any:
    """The MCP server for the workspace at ``root``."""
    from mcp.server import MCPServer

    from specls.mcp import tools

    server = MCPServer("specls", instructions=INSTRUCTIONS)

    @server.tool(structured_output=False)
    def decisions_for(target: str, max_chars: int = 6000) -> str:
        """The decisions, with their values, that govern a file, file:line, directory or
        dotted name (shop.cart.Cart); and what the code there decides that none records."""
        return tools.decisions_for(root, target, max_chars)

    @server.tool(structured_output=False)
    def check(paths: list[str] | None = None, path: str = "", text: str = "") -> str:
        """Check files (default: the workspace) against the spec; or unsaved `text` as if it
        were `path`. Each finding gives the decided value and the way out."""
        return tools.check(root, paths or [], path, text)

    @server.tool(structured_output=False)
    def propose_decision(
        kind: str,
        target: str = "",
        type: str = "",
        expr: str = "",
        when: str = "",
        raises: str = "",
        returns: str = "",
        prefer: str = "",
        avoid: list[str] | None = None,
        pattern: str = "",
        applies_to: list[str] | None = None,
        summary: str = "",
        rationale: str = "",
        id: str = "",
    ) -> str:
        """Propose a decision (status proposed) in spec.toml. kind: representation (target,
        type), invariant (target, expr), behaviour (target, when, raises|returns), naming
        (prefer, avoid | pattern, applies_to)."""
        fields = {
            "kind": kind, "target": target, "type": type, "expr": expr, "when": when,
            "raises": raises, "returns": returns, "prefer": prefer, "avoid": avoid,
            "pattern": pattern, "applies_to": applies_to, "summary": summary,
            "rationale": rationale,
        }  # fmt: skip
        return tools.propose(root, fields, id or None)

    @server.tool(structured_output=False)
    def explain(name: str) -> str:
        """What a rule code (R101) means, or what a decision id says."""
        return tools.explain(root, name)

    @server.resource("specls://spec", mime_type="application/toml")
    def spec() -> str:
        """The spec file: the decisions shared by the writers of this code."""
        return tools.spec_text(root)

    return server


def main(root: Path | None = None) -> int:
    """Run the server on stdio; a clear message when the ``mcp`` extra is missing."""
    import sys

    try:
        import mcp.server  # noqa: F401
    except ImportError:
        print(
            "specls: error: `specls mcp` needs the mcp package: pip install 'specls[mcp]' "
            "(or pip install 'mcp>=2.3,<3' next to specls)",
            file=sys.stderr,
        )
        return 2
    make_server((root or Path.cwd()).absolute()).run("stdio")
    return 0
