"""Findings and the fixes they offer, as plain data shared by every face."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from specls.records import field, record
from specls.span import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"


@record(frozen=True)
class Related:
    """Another location that explains a finding (the other side, the decision)."""

    path: str
    span: Span
    message: str


@record(frozen=True)
class Edit:
    """Replace ``old`` at ``span`` of ``path`` with ``new`` (refused if the text there is no
    longer ``old``: the file changed since the finding)."""

    path: str
    span: Span
    old: str
    new: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.span.line + 1,
            "column": self.span.col + 1,
            "end_line": self.span.end_line + 1,
            "end_column": self.span.end_col + 1,
            "old": self.old,
            "new": self.new,
        }


@record()
class Fix:
    """A fix offered as data; the faces turn it into edits.

    ``kind`` is one of ``record-decision`` (write ``decision`` as a new decision with id
    ``decision_id``), ``push-claim`` (the same, then reference it from ``reference_line``),
    ``update-decision`` (write a new decision superseding ``supersedes``), ``rename``
    (rename the symbol the finding is on to ``new_name`` across the workspace), ``edit``
    (the text ``edits`` of the code, as they are: R105's "did you mean"), ``unsuppress``
    (take ``codes`` out of the suppression on ``reference_line``: S009's).
    """

    title: str
    kind: str
    decision_id: str | None = None
    decision: dict[str, Any] | None = None
    supersedes: str | None = None
    reference_path: str | None = None
    reference_line: int | None = None
    new_name: str | None = None
    edits: list[Edit] | None = None
    #: For ``unsuppress``: the codes to take out of the ``# spec: ignore[...]`` on
    #: ``reference_line`` (None: the whole comment).
    codes: list[str] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title, "kind": self.kind}
        if self.edits:
            out["edits"] = [e.to_json() for e in self.edits]
        for key in (
            "decision_id",
            "decision",
            "supersedes",
            "reference_path",
            "reference_line",
            "new_name",
            "codes",
        ):
            value = getattr(self, key)
            if value is not None:
                out[key] = value + 1 if key == "reference_line" else value
        return out


@record()
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


def apply_edits(text: str, edits: list[Edit]) -> str | None:
    """``text`` with ``edits`` made (each on one line; columns count code points), or None
    when the text at an edit is no longer what it replaces (the file changed)."""
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    out = text
    for e in sorted(edits, key=lambda e: (e.span.line, e.span.col), reverse=True):
        if e.span.line != e.span.end_line or e.span.line >= len(starts):
            return None
        begin = starts[e.span.line] + e.span.col
        end = starts[e.span.line] + e.span.end_col
        if out[begin:end] != e.old or "\n" in out[begin:end] or "\r" in out[begin:end]:
            return None
        out = out[:begin] + e.new + out[end:]
    return out
