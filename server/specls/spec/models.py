"""Pydantic models of the spec file (``spec.toml``); ``specls schema`` prints their schema."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from specls.spec.ids import ID_PATTERN

Status = Literal["proposed", "accepted", "superseded", "rejected"]
Severity = Literal["error", "warning", "info", "hint"]
SymbolKind = Literal[
    "class", "function", "method", "parameter", "attribute", "constant", "variable", "module"
]


class _DecisionBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: str | None = Field(None, description="One line: what was decided.")
    rationale: str | None = Field(None, description="Why: the forces and the trade-off.")
    status: Status = Field(
        "accepted",
        description="ADR status. proposed: shown as hints; accepted: enforced; "
        "superseded and rejected: kept for history, not enforced.",
    )
    superseded_by: str | None = Field(
        None, description="Id of the decision that replaces this one (status superseded)."
    )
    severity: Severity | None = Field(
        None, description="Severity of findings against this decision (default: warning)."
    )
    since: str | None = Field(
        None,
        description="The git commit the decision was recorded or accepted at: `specls drift` "
        "lists the code it governs that changed after it.",
    )

    @model_validator(mode="after")
    def _superseded_names_successor(self) -> _DecisionBase:
        if self.superseded_by is not None and self.status != "superseded":
            raise ValueError("superseded_by is set but status is not 'superseded'")
        return self


class RepresentationDecision(_DecisionBase):
    """How a piece of shared state is represented (``dict[str, int]`` keyed by SKU ...)."""

    kind: Literal["representation"]
    target: str = Field(
        description="Dotted path of the attribute: 'pkg.module.Class.attr' or 'Class.attr'."
    )
    type: str = Field(description="A Python type expression, e.g. 'dict[str, int]'.")


class InvariantDecision(_DecisionBase):
    """A condition that must always hold, as a Python expression (parsed, never run)."""

    kind: Literal["invariant"]
    target: str = Field(description="The class (or module) the invariant is about.")
    expr: str = Field(description="A Python expression over self, e.g. 'self.balance >= 0'.")


class NamingDecision(_DecisionBase):
    """A naming convention: a glossary (prefer/avoid) or a pattern per kind of symbol."""

    kind: Literal["naming"]
    target: str | None = Field(None, description="Limit to a module or class (dotted).")
    prefer: str | None = Field(None, description="The preferred term.")
    avoid: list[str] = Field(default_factory=list, description="Terms not to use.")
    pattern: str | None = Field(
        None,
        description="A regular expression names must match (Python syntax, matched in linear "
        "time: no backreferences or lookarounds).",
    )
    applies_to: list[SymbolKind] = Field(
        default_factory=list,
        description="Kinds of symbol the decision applies to (all kinds when empty; "
        "required with a pattern).",
    )

    @field_validator("pattern")
    @classmethod
    def _linear(cls, pattern: str | None) -> str | None:
        # (a field's own error, so that S001 points at the line of the pattern)
        if pattern is not None:
            from specls.patterns import PatternError, compile_pattern

            try:
                compile_pattern(pattern)
            except PatternError as e:
                raise ValueError(str(e)) from None
        return pattern

    @model_validator(mode="after")
    def _checkable(self) -> NamingDecision:
        if self.pattern is None and not self.avoid:
            raise ValueError("a naming decision needs 'avoid' (a glossary) or 'pattern'")
        if self.prefer is not None and not self.avoid:
            raise ValueError("'prefer' needs 'avoid': the terms it replaces")
        if self.pattern is not None and not self.applies_to:
            raise ValueError("a 'pattern' needs 'applies_to': the kinds of symbol it names")
        return self


class BehaviourDecision(_DecisionBase):
    """What a function does on a named edge case: raise an exception or return a value."""

    kind: Literal["behaviour"]
    target: str = Field(description="Dotted path of the function or method.")
    when: str = Field(description="The edge case, in words: 'the stack is empty'.")
    raises: str | None = Field(None, description="Exception type raised, e.g. 'IndexError'.")
    returns: str | None = Field(None, description="Value returned instead, e.g. 'None'.")

    @model_validator(mode="after")
    def _one_outcome(self) -> BehaviourDecision:
        if (self.raises is None) == (self.returns is None):
            raise ValueError("a behaviour decision names exactly one of 'raises' or 'returns'")
        return self


Decision = Annotated[
    RepresentationDecision | InvariantDecision | NamingDecision | BehaviourDecision,
    Field(discriminator="kind"),
]


class SpecMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1


class SpecDocument(BaseModel):
    """The whole spec file."""

    model_config = ConfigDict(extra="forbid", title="specls spec file")

    spec: SpecMeta = Field(default_factory=SpecMeta)
    decision: dict[Annotated[str, Field(pattern=ID_PATTERN)], Decision] = Field(
        default_factory=dict, description="Decisions by stable id."
    )


def json_schema() -> dict:
    """The JSON Schema of the spec file."""
    schema = SpecDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
