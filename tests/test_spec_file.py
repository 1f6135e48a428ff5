"""The spec file: tolerant loading with positions (S001/S002) and the S003-S007 rules."""

from __future__ import annotations

from conftest import Check, codes
from specls.spec.load import parse_spec

GOOD = """
[spec]
version = 1

[decision.inventory-items]
kind = "representation"
target = "Inventory.items"
type = "dict[str, int]"

[decision.stack-pop-empty]
kind = "behaviour"
target = "Stack.pop"
when = "the stack is empty"
raises = "IndexError"
"""

CODE = """
class Inventory:
    def __init__(self):
        self.items = {}  # spec: inventory-items


class Stack:
    def __init__(self):
        self.data = []

    def pop(self):
        return self.data.pop()
"""


def test_positions_of_decisions_and_fields() -> None:
    spec = parse_spec(GOOD.lstrip("\n"))
    assert spec.problems == []
    entry = spec.decisions["inventory-items"]
    assert (entry.span.line, entry.span.col) == (3, 0)
    assert entry.field_span("type").line == 6
    assert spec.decisions["stack-pop-empty"].decision.raises == "IndexError"


def test_syntax_error_is_located_and_other_decisions_survive() -> None:
    text = GOOD.lstrip("\n").replace('type = "dict[str, int]"', 'type = dict[str, int]"')
    spec = parse_spec(text)
    assert [(p.code, p.span.line) for p in spec.problems] == [("S001", 6)]
    assert "invalid TOML" in spec.problems[0].message
    assert list(spec.decisions) == ["stack-pop-empty"]
    assert "inventory-items" in spec.declared


def test_schema_errors_point_at_the_field() -> None:
    text = GOOD.lstrip("\n").replace('kind = "behaviour"', 'kind = "behavior"')
    text = text.replace('type = "dict[str, int]"', 'type = "dict[str, int]"\ncolour = "red"')
    spec = parse_spec(text)
    found = {p.decision_id: (p.span.line, p.message) for p in spec.problems}
    assert found["inventory-items"][0] == 7
    assert "'colour' is not a known field" in found["inventory-items"][1]
    assert found["stack-pop-empty"][0] == 10
    assert "'kind' must be one of" in found["stack-pop-empty"][1]
    assert spec.decisions == {}


def test_missing_required_field_and_behaviour_outcome() -> None:
    spec = parse_spec(
        '[decision.x]\nkind = "representation"\ntarget = "A.b"\n'
        '[decision.y]\nkind = "behaviour"\ntarget = "A.f"\nwhen = "w"\n'
    )
    messages = sorted(p.message for p in spec.problems)
    assert "'type' is required" in messages[0]
    assert "exactly one of 'raises' or 'returns'" in messages[1]


def test_duplicate_decision_is_s002() -> None:
    text = (
        GOOD.lstrip("\n") + '\n[decision.inventory-items]\nkind = "representation"\n'
        'target = "Inventory.items"\ntype = "list"\n'
    )
    spec = parse_spec(text)
    assert [(p.code, p.span.line) for p in spec.problems] == [("S002", 14)]
    assert spec.decisions["inventory-items"].decision.type == "dict[str, int]"


def test_not_utf8_spec_file(tmp_path) -> None:
    from specls.spec.load import load_spec

    path = tmp_path / "spec.toml"
    path.write_bytes(b"[spec]\nversion = 1\n# caf\xe9\n")
    assert [p.code for p in load_spec(path).problems] == ["S001"]


def test_valid_spec_gives_no_findings(check: Check) -> None:
    assert check(CODE, spec=GOOD) == []


def test_s001_in_check_and_code_checks_still_run(check: Check) -> None:
    broken = GOOD.replace('when = "the stack is empty"', 'when = "the stack is empty')
    found = check(
        CODE + "\n\nclass Bag:\n    def __init__(self):\n        self.s = set()\n\n"
        "    def put(self, x):\n        self.s.append(x)\n",
        spec=broken,
    )
    assert sorted(codes(found)) == ["R101", "S001"]
    s001 = next(f for f in found if f.code == "S001")
    assert s001.path.endswith("spec.toml") and s001.span.line == 11


def test_s003_stale_target(check: Check) -> None:
    spec = GOOD.replace("Inventory.items", "Inventory.stock")
    found = check(CODE, spec=spec)
    assert codes(found) == ["S003"]
    assert "`Inventory.stock`" in found[0].message and found[0].span.line == 5


def test_s004_conflicting_accepted_decisions(check: Check) -> None:
    spec = GOOD + (
        '\n[decision.inventory-items-list]\nkind = "representation"\n'
        'target = "Inventory.items"\ntype = "list[tuple[str, int]]"\n'
    )
    found = check(CODE, spec=spec, select=["S"])
    assert codes(found) == ["S004"]
    assert found[0].related[0].span.line == 3


def test_agreeing_decisions_are_not_s004(check: Check) -> None:
    spec = GOOD + (
        '\n[decision.items-again]\nkind = "representation"\n'
        'target = "Inventory.items"\ntype = "Dict[str, int]"\n'
    )
    assert check(CODE, spec=spec, select=["S"]) == []


def test_s005_unknown_reference_with_suggestion(check: Check) -> None:
    found = check(CODE.replace("spec: inventory-items", "spec: inventory-item"), spec=GOOD)
    assert codes(found) == ["S005"]
    assert "did you mean `inventory-items`?" in found[0].message
    assert (found[0].span.line, found[0].span.col) == (2, 33)


def test_s006_and_s007_retired_decisions(check: Check) -> None:
    spec = GOOD.replace(
        'type = "dict[str, int]"',
        'type = "dict[str, int]"\nstatus = "superseded"\nsuperseded_by = "inv-v2"',
    )
    found = check(CODE, spec=spec)
    assert sorted(codes(found)) == ["S006", "S007"]


def test_ignore_comment_suppresses_one_code(check: Check) -> None:
    found = check(
        CODE.replace("spec: inventory-items", "spec: ignore[S005]") + "    # spec: nothing-here\n",
        spec=GOOD,
    )
    # (the suppression has no S005 on its line to silence: S009 says so)
    assert codes(found) == ["S009", "S005"]
    assert found[1].span.line == 11


def test_schema_is_valid_json_schema() -> None:
    import jsonschema

    from specls.spec.models import json_schema

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    import tomllib

    jsonschema.validate(tomllib.loads(GOOD), schema)
    bad = tomllib.loads(GOOD.replace('"behaviour"', '"behavior"'))
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
