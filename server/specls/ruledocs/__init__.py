"""One Markdown page per rule, read by `specls explain`, the MCP server and the docs site."""

from __future__ import annotations


def rule_doc(code: str) -> str | None:
    """The documentation of a rule, as written in the docs site (None if it has none)."""
    try:
        from importlib import resources

        return (resources.files("specls.ruledocs") / f"{code}.md").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
