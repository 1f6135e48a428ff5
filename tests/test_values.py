"""Value decisions: the model (validated field by field, ``convert`` parsed and never run),
and the value-like parts extraction keeps and the reading of them."""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest

from specls.extract import ChunkCache, extract, parse
from specls.facts import FileFacts
from specls.render import decided
from specls.spec.load import parse_spec
from specls.values import zones
from specls.values.convert import ConvertError, parse_convert
from specls.values.extract import value_source
from specls.values.read import read_values

# -- the model ---------------------------------------------------------------------------------


def spec_of(body: str):
    return parse_spec('[decision.v]\nkind = "value"\n' + textwrap.dedent(body).lstrip())


def problem(body: str) -> tuple[int, str]:
    """(1-based line, message) of the one S001 of a value decision's table."""
    spec = spec_of(body)
    assert not spec.decisions, "the decision was taken"
    (p,) = spec.problems
    assert p.code == "S001"
    return p.span.line + 1, p.message


def test_a_value_decision_with_every_field_is_taken() -> None:
    spec = spec_of(
        """
        field = "amount"
        scope = "billing.adapters"
        to_field = "total"
        type = "int"
        to_type = "Decimal"
        unit = "cents"
        to_unit = "euros"
        convert = "x / 100"
        round = 2
        format = "%d/%m/%Y"
        to_format = "%Y-%m-%d"
        timezone = "Europe/Madrid"
        to_timezone = "UTC"
        absent = 0
        true_values = ["S"]
        false_values = ["N"]
        pattern = 'CUST-(\\d{5})'
        cardinality = "one"
        to_cardinality = "list"
        map = { "1" = "closed" }
        index_base = 1
        decimal_separator = ","
        """
    )
    assert not spec.problems, spec.problems
    d = spec.decisions["v"].decision
    assert (d.field, d.to_field, d.round, d.absent, d.map) == (
        "amount",
        "total",
        2,
        0,
        {"1": "closed"},
    )
    assert d.target is None  # (value decisions name a field, not a target)


@pytest.mark.parametrize(
    ("body", "line", "says"),
    [
        (
            'field = "a"\nto_field = "b"\nconvert = "__import__(\'os\').system(\'x\')"',
            5,
            "calls `__import__('os').system`",
        ),
        ('field = "a"\nto_field = "b"\nconvert = "x.real"', 5, "uses `Attribute`"),
        ('field = "a"\nto_field = "b"\nconvert = "y / 100"', 5, "uses `y`"),
        ('field = "a"\nto_field = "b"\nconvert = "100"', 5, "does not use x"),
        ('field = "a"\nformat = "%d/%q/%Y"', 4, "`%q`, which is not a strftime directive"),
        ('field = "a"\nformat = "d/m/Y"', 4, "has no % directive"),
        ('field = "a"\ntimezone = "Europe/Madird"', 4, "did you mean 'Europe/Madrid'"),
        ('field = "a"\npattern = "(a+)+\\\\1"', 4, "backreference"),
        ('field = "a"\ncardinality = "many"', 4, "'one' or 'list'"),
        ('field = "a"\nindex_base = 2', 4, "index_base"),
        ('field = "a"\nround = 2\nunit = "cents"', 4, "'round' needs 'to_field'"),
        ('field = "a"\nto_unit = "euros"', 4, "'to_unit' needs 'to_field'"),
        ('field = "a"\ntrue_values = ["Y"]\nfalse_values = ["y", "Y"]', 5, "lists 'Y', which true"),
        ('field = "a"', 1, "says what the value means"),
        ('field = ""\nunit = "cents"', 3, "1 to 200 characters"),
    ],
)
def test_an_invalid_value_decision_is_s001_at_its_field(body: str, line: int, says: str) -> None:
    where, message = problem(body)
    assert says in message
    assert where == line


def test_convert_is_read_as_an_affine_map_never_evaluated() -> None:
    same = ["x / 100", "x * 0.01", "Decimal(x) / Decimal('100')", "x / 10 ** 2", "x * 1e-2"]
    maps = {parse_convert(t) for t in same}
    assert len({(m.a, m.b) for m in maps}) == 1
    assert parse_convert("round(x / 100, 2)").places == 2
    assert parse_convert("x // 100").mode == "floor"
    assert parse_convert("x * x") is None  # arithmetic, not affine: valid, not compared
    assert parse_convert("x ** 999999999") is None  # (never computed)
    with pytest.raises(ConvertError):
        parse_convert("x" + " + x" * 200)  # longer than 200 characters


def test_time_zones_are_taken_from_the_shipped_list_without_a_database(monkeypatch) -> None:
    import zoneinfo

    def no_database() -> set[str]:
        raise OSError("no time zone database")

    zones.known.cache_clear()
    monkeypatch.setattr(zoneinfo, "available_timezones", no_database)
    try:
        assert zones.valid("Europe/Madrid") and zones.valid("UTC")
        assert not zones.valid("Europe/Madird")
        assert zones.same("Etc/UTC", "UTC") and not zones.same("Europe/Madrid", "Europe/Paris")
    finally:
        zones.known.cache_clear()


def test_the_schema_knows_the_value_kind() -> None:
    from specls.spec.models import json_schema

    schema = json_schema()
    props = schema["$defs"]["ValueDecision"]["properties"]
    assert {"field", "to_field", "convert", "timezone", "map", "decimal_separator"} <= set(props)
    assert all(props[k].get("description") for k in props if k != "kind")


def test_the_decided_value_in_one_line() -> None:
    spec = spec_of(
        """
        field = "amount"
        type = "int"
        unit = "cents"
        to_field = "total"
        to_unit = "euros"
        convert = "x / 100"
        round = 2
        """
    )
    assert decided(spec.decisions["v"].decision) == (
        "`amount` is integer cents; becomes `total` in euros: x / 100, rounded to 2 places"
    )
    d = spec_of('field = "discount"\nabsent = 0').decisions["v"].decision
    assert decided(d) == "`discount` may be missing (missing means 0)"
    d = spec_of('field = "start"\ntimezone = "Europe/Madrid"\nscope = "intake"').decisions["v"]
    assert decided(d.decision) == "`start` is Europe/Madrid time (in `intake`)"


# -- extraction -----------------------------------------------------------------------------------


def facts_of(text: str, path: str = "/w/mod.py") -> FileFacts:
    return extract(textwrap.dedent(text).encode(), path, "mod")


def test_a_file_with_nothing_value_like_keeps_nothing() -> None:
    facts = facts_of(
        """
        class Stack:
            def __init__(self):
                self.items = []

            def push(self, item):
                self.items.append(item)
        """
    )
    assert facts.values is None


def test_extraction_keeps_value_parts_and_the_helpers_they_may_call() -> None:
    facts = facts_of(
        """
        from datetime import datetime
        FMT = "%d/%m/%Y"

        def euros(cents):
            return cents / 100

        def unrelated():
            return 1

        class Intake:
            def read(self, payload):
                return {"total": self._cents(payload["amount"])}

            def _cents(self, value):
                return euros(value)

            def other(self):
                return 2
        """
    )
    src = facts.values
    assert src is not None
    kinds = {(r[0], r[1]) for r in src.regions}
    assert ("code", "read") in kinds
    assert {("function", "euros"), ("constant", "FMT"), ("method", "_cents")} <= kinds
    assert ("method", "other") not in kinds  # (not called on self by the value-like part)
    # the facts pickle and load back (the cache and the workers)
    back = pickle.loads(pickle.dumps(facts))
    assert back.values.regions == src.regions and back.values.text == src.text


def test_reading_follows_locals_helpers_and_constants() -> None:
    facts = facts_of(
        """
        STATUS = {1: "open"}

        def euros(cents):
            return round(cents / 100, 2)

        def adapt(payload):
            amount = payload["amount"]
            if payload.get("x"):
                maybe = 1
            else:
                maybe = 2
            return {"total": euros(amount), "state": STATUS[payload["status"]], "m": maybe}
        """
    )
    vf = read_values(facts.values, ["amount"])
    (ret,) = [s for s in vf.stmts if s.kind == "return"]
    by_key = {k.name: v for k, v in zip(ret.value.args[0::2], ret.value.args[1::2], strict=True)}
    total = by_key["total"]
    assert total.op == "via" and total.name == "euros"
    assert total.args[0].op == "call" and total.args[0].name == "round"
    assert by_key["state"].op == "sub" and by_key["state"].args[0].op == "dict"
    assert by_key["m"].op == "?"  # assigned on some paths only: not followed
    assert read_values(facts.values, ["nothing_here"]).stmts == ()


def test_positions_are_the_files_in_code_points_even_in_an_indented_method() -> None:
    text = textwrap.dedent(
        """
        class A:
            def read(self, p):
                note = "é"; return {"total": p["amount"]}
        """
    )
    facts = extract(text.encode(), "/w/m.py", "m")
    vf = read_values(facts.values)
    (ret,) = [s for s in vf.stmts if s.kind == "return"]
    amount = ret.value.args[1]
    line = text.splitlines()[amount.span.line]
    assert line[amount.span.col : amount.span.end_col] == 'p["amount"]'


def test_the_editor_path_keeps_the_same_value_parts() -> None:
    text = b'def f(p):\n    return {"total": p["amount"]}\n'
    whole = extract(text, "/w/m.py", "m")
    cache = ChunkCache()
    chunked = extract(text, "/w/m.py", "m", parse(text), cache)
    again = extract(text, "/w/m.py", "m", parse(text), cache)
    assert whole.values == chunked.values == again.values


VALUE_FILE = b"""import datetime

RATE = {"vat": 0.2}


def total(p):
    return p["amount"] * (1 + RATE["vat"])


def when(s):
    return datetime.datetime.strptime(s, "%Y")  # a date call: looked for (datetime imported)


class Order:
    def __init__(self, data):
        self.data = data

    def amount(self):
        return self.data.get("amount", 0)


x = 1; y = 2
"""


def _statements(text: bytes):
    children = parse(text).root_node.children
    return children, [text[c.start_byte : c.end_byte] for c in children]


def test_hits_by_statement_are_those_of_the_whole_file() -> None:
    from specls.values import extract as values_extract

    for dates in (False, True):
        text = VALUE_FILE.replace(b"x = 1; y = 2\n", b"")
        children, texts = _statements(text)
        hits, kept = values_extract.statement_hits(children, texts, text, dates, {})
        assert hits == values_extract._hits(text, dates) and len(hits) >= 4
        assert set(kept) == {(t, dates) for t in texts}


def test_hits_are_searched_again_only_in_the_statements_that_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from specls.values import extract as values_extract

    text = VALUE_FILE.replace(b"x = 1; y = 2\n", b"")
    children, texts = _statements(text)
    _, kept = values_extract.statement_hits(children, texts, text, False, {})
    edited = text.replace(b'p["amount"]', b'p["amount"] + p["fee"]')
    searched: list[bytes] = []
    search = values_extract._hits
    monkeypatch.setattr(values_extract, "_hits", lambda t, d: searched.append(t) or search(t, d))
    children, texts = _statements(edited)
    hits, _ = values_extract.statement_hits(children, texts, edited, False, kept)
    assert searched == [t for t in texts if b'p["fee"]' in t]  # the edited function alone
    assert hits == search(edited, False)


@pytest.mark.parametrize(
    "text",
    [
        VALUE_FILE,  # `x = 1; y = 2`: two statements with nothing but `;` between them
        b'x = a[\n"key"\ny = {"k": 1}\n',  # an error: a match could run across statements
        b'"""doc"""\\\nx = p["k"]\n',  # a line continued between two statements
    ],
)
def test_hits_are_searched_in_the_whole_file_where_a_match_could_cross_statements(
    text: bytes,
) -> None:
    from specls.values import extract as values_extract

    children, texts = _statements(text)
    hits, kept = values_extract.statement_hits(children, texts, text, False, {})
    assert hits is None  # (what is kept: the statements without errors, for the next edit)
    clean = {(t, False) for c, t in zip(children, texts, strict=True) if not c.has_error}
    assert set(kept) <= clean
    whole = extract(text, "/w/m.py", "m")
    cache = ChunkCache()
    assert extract(text, "/w/m.py", "m", parse(text), cache).values == whole.values


def test_the_editor_path_keeps_the_same_value_parts_through_edits() -> None:
    text = VALUE_FILE.replace(b"x = 1; y = 2\n", b"")
    cache = ChunkCache()
    edits = [
        text,
        text.replace(b'p["amount"]', b'p["amount"] + p["fee"]'),
        text.replace(b"import datetime\n", b""),  # no date module: strptime not looked for
        text.replace(b'"amount", 0', b'"amount", 0) + self.data["tax"'),
        text + b'\nLATE = {"late": True}\n',
        text,
    ]
    for edited in edits:
        chunked = extract(edited, "/w/m.py", "m", parse(edited), cache)
        assert chunked.values == extract(edited, "/w/m.py", "m").values, edited
    assert cache.hits  # (the statements' hits were kept)


def test_value_source_skips_a_file_on_its_bytes_before_its_tree() -> None:
    class Untouchable:
        @property
        def named_children(self):
            raise AssertionError("the tree was read")

    assert value_source(Untouchable(), b"x = 1\n", {}) is None  # type: ignore[arg-type]


def test_hostile_parts_are_bounded(tmp_path: Path) -> None:
    # a helper calling itself, a long chain of reassignments, deep nesting: bounded, no crash
    text = "def f(x):\n    return f(x)\n\ndef g(p):\n    a = p['amount']\n"
    text += "".join("    a = a + 1\n" for _ in range(3000))
    text += "    return {'total': f(" + "(" * 80 + "a" + ")" * 80 + ")}\n"
    facts = extract(text.encode(), "/w/m.py", "m")
    vf = read_values(facts.values, ["amount"])
    assert vf.stmts


def test_the_documented_value_decisions_are_valid() -> None:
    import re

    page = (Path(__file__).parents[1] / "docs" / "spec-file.md").read_text("utf-8")
    section = page[
        page.index('### `kind = "value"`') : page.index("Invariant decisions are checked")
    ]
    blocks = re.findall(r"```toml\n(.*?)```", section, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        spec = parse_spec(block)
        assert not spec.problems, spec.problems
        assert all(e.decision.kind == "value" for e in spec.decisions.values())
    assert len(parse_spec(blocks[1]).decisions) == 7
