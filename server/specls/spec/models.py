"""Pydantic models of the spec file (``spec.toml``); ``specls schema`` prints their schema."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

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


ValueType = Literal["int", "float", "str", "bool", "Decimal", "date", "datetime", "time"]
Cardinality = Literal["one", "list"]
Scalar = str | bool | int | float
#: The fields that say what a value means (a value decision needs at least one).
VALUE_MEANINGS = (
    "type", "unit", "convert", "round", "format", "timezone", "absent", "true_values",
    "false_values", "pattern", "cardinality", "map", "index_base", "decimal_separator",
    "to_type", "to_unit", "to_format", "to_timezone", "to_cardinality",
)  # fmt: skip
#: The fields about the other side of a mapping (they need ``to_field``).
_TO_SIDE = ("to_type", "to_unit", "to_format", "to_timezone", "to_cardinality", "convert")
#: The longest field name and list or map taken.
_MAX_FIELD = 200
_MAX_ITEMS = 1000


class ValueDecision(_DecisionBase):
    """What a value means: its unit, format, time zone, encoding, shape or cardinality, and
    for a mapping between two sides, the field it becomes and how (checked by V101-V110)."""

    kind: Literal["value"]
    field: str = Field(
        description="The field: a dict key of a payload, an attribute, a parameter or a return "
        "key ('amount')."
    )
    scope: str | None = Field(
        None, description="Limit to a module, class or function (dotted: 'billing.adapters')."
    )
    to_field: str | None = Field(
        None, description="The field it becomes on the other side of a mapping ('total')."
    )
    type: ValueType | None = Field(
        None, description="The field's type ('int'); with a pattern, what its value part is."
    )
    to_type: ValueType | None = Field(None, description="The type of to_field ('Decimal').")
    unit: str | None = Field(None, description="The field's unit, in words ('cents').")
    to_unit: str | None = Field(None, description="The unit of to_field ('euros').")
    convert: str | None = Field(
        None,
        description="How the field's value x becomes to_field's: an arithmetic expression in x "
        "('x / 100'), parsed, never evaluated.",
    )
    round: int | None = Field(
        None, ge=0, le=12, description="Decimal places to_field's value is rounded to (2)."
    )
    format: str | None = Field(
        None, description="The strftime format of the field's text ('%d/%m/%Y')."
    )
    to_format: str | None = Field(None, description="The strftime format of to_field's text.")
    timezone: str | None = Field(
        None, description="The IANA zone of the field's times ('Europe/Madrid')."
    )
    to_timezone: str | None = Field(None, description="The IANA zone of to_field's times.")
    absent: Scalar | list[Scalar] | None = Field(
        None,
        description="What a missing field means (0, '', false, [], or 'None' for None): the "
        "field may be absent.",
    )
    true_values: list[Scalar] = Field(
        default_factory=list, description="Values that mean true (['Y', 'S', '1'])."
    )
    false_values: list[Scalar] = Field(
        default_factory=list, description="Values that mean false (['N', '0'])."
    )
    pattern: str | None = Field(
        None,
        description="The field's shape as a regular expression ('CUST-(\\d{5})'); its first "
        "group (or the group named 'value') is the value. Matched in linear time.",
    )
    cardinality: Cardinality | None = Field(None, description="'one' value or a 'list' of them.")
    to_cardinality: Cardinality | None = Field(None, description="'one' or 'list' for to_field.")
    map: dict[str, Scalar] = Field(
        default_factory=dict, description="Codes and what they mean ({'1' = 'closed'})."
    )
    index_base: Literal[0, 1] | None = Field(None, description="The first position is 0 or 1.")
    decimal_separator: Literal[",", "."] | None = Field(
        None, description="The decimal separator of the field's text (',' in '12,50')."
    )

    @property
    def target(self) -> None:
        """Value decisions name a field (and a scope), not a target: code that reads every
        decision's ``target`` finds none here."""
        return None

    @field_validator("field", "to_field")
    @classmethod
    def _field_name(cls, name: str | None) -> str | None:
        if name is not None and (not name.strip() or len(name) > _MAX_FIELD or "\n" in name):
            raise ValueError(f"must be a name of 1 to {_MAX_FIELD} characters on one line")
        return name

    @field_validator("scope")
    @classmethod
    def _dotted(cls, scope: str | None) -> str | None:
        if scope is not None and not all(p.isidentifier() for p in scope.split(".")):
            raise ValueError("must be a dotted name: a module, class or function")
        return scope

    @field_validator("convert")
    @classmethod
    def _convert(cls, text: str | None) -> str | None:
        if text is not None:
            from specls.values.convert import ConvertError, parse_convert

            try:
                parse_convert(text)
            except ConvertError as e:
                raise ValueError(str(e)) from None
        return text

    @field_validator("format", "to_format")
    @classmethod
    def _format(cls, fmt: str | None) -> str | None:
        if fmt is not None:
            from specls.values.formats import FormatError, validate

            try:
                validate(fmt)
            except FormatError as e:
                raise ValueError(str(e)) from None
        return fmt

    @field_validator("timezone", "to_timezone")
    @classmethod
    def _zone(cls, name: str | None) -> str | None:
        if name is not None:
            from specls.values import zones

            if not zones.valid(name):
                close = zones.suggest(name)
                hint = f"; did you mean '{close}'?" if close else ""
                raise ValueError(f"'{name[:60]}' is not an IANA time zone name{hint}")
        return name

    @field_validator("pattern")
    @classmethod
    def _pattern(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            from specls.patterns import PatternError, compile_pattern

            try:
                compile_pattern(pattern)
            except PatternError as e:
                raise ValueError(str(e)) from None
        return pattern

    @field_validator("map", "true_values", "false_values", "absent")
    @classmethod
    def _bounded(cls, value: object) -> object:
        if isinstance(value, list | dict) and len(value) > _MAX_ITEMS:
            raise ValueError(f"has more than {_MAX_ITEMS} entries")
        return value

    @field_validator(*_TO_SIDE, "round")
    @classmethod
    def _other_side(cls, value: object, info: ValidationInfo) -> object:
        # (a field's own error, at its line: to_field is validated before these)
        if value is not None and info.data.get("to_field") is None:
            raise ValueError("needs 'to_field': the field the value becomes")
        return value

    @field_validator("false_values")
    @classmethod
    def _not_both(cls, values: list[Scalar], info: ValidationInfo) -> list[Scalar]:
        both = {_key(v) for v in info.data.get("true_values") or []} & {_key(v) for v in values}
        if both:
            raise ValueError(f"lists {sorted(both)[0]!r}, which true_values lists too")
        return values

    @model_validator(mode="after")
    def _meaningful(self) -> ValueDecision:
        if not any(getattr(self, name) not in (None, [], {}) for name in VALUE_MEANINGS):
            raise ValueError(
                "a value decision says what the value means: a unit, format, timezone, "
                "absent, true_values/false_values, pattern, cardinality, map, index_base, "
                "decimal_separator or type (or, with to_field, convert)"
            )
        return self


def _key(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


Decision = Annotated[
    RepresentationDecision | InvariantDecision | NamingDecision | BehaviourDecision | ValueDecision,
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
