"""Findings and the fixes they offer, as plain data shared by every face."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from specls.span import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"


@dataclass(frozen=True, slots=True)
class Related:
    """Another location that explains a finding (the other side, the decision)."""

    path: str
    span: Span
    message: str


@dataclass(slots=True)
class Fix:
    """A fix offered as data; the faces turn it into edits.

    ``kind`` is one of ``record-decision`` (write ``decision`` as a new decision with id
    ``decision_id``), ``push-claim`` (the same, then reference it from ``reference_line``),
    ``update-decision`` (write a new decision superseding ``supersedes``), ``rename``
    (rename the symbol the finding is on to ``new_name`` across the workspace).
    """

    title: str
    kind: str
    decision_id: str | None = None
    decision: dict[str, Any] | None = None
    supersedes: str | None = None
    reference_path: str | None = None
    reference_line: int | None = None
    new_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title, "kind": self.kind}
        for key in (
            "decision_id",
            "decision",
            "supersedes",
            "reference_path",
            "reference_line",
            "new_name",
        ):
            value = getattr(self, key)
            if value is not None:
                out[key] = value + 1 if key == "reference_line" else value
        return out


@dataclass(slots=True)
class Finding:
    """One problem at one place, with why and how to fix it."""

    code: str
    severity: Severity
    message: str
    path: str
    span: Span
    decision: str | None = None
    related: list[Related] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)

    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.col, self.code, self.message)
