"""Output formats for findings: text (ruff style), JSON, SARIF 2.1.0 and GitHub annotations."""

from specls.report.formats import FORMATS, render

__all__ = ["FORMATS", "render"]
