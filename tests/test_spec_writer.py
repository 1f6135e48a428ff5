"""Writing decisions: nothing that was there is lost, and writes are atomic."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from specls.spec.load import parse_spec
from specls.spec.write import SpecWriteError, unique_id, upsert_decision
from specls.writes import WriteError, digest, write_file

HAND_WRITTEN = '''# Team decisions. Keep this file sorted by area.
[spec]
version = 1   # bump only with a migration


# --- inventory ------------------------------------------------------------
[decision.inventory-items]
kind    = "representation"      # aligned by hand
target  = "shop.Inventory.items"
type    = "dict[str, int]"
rationale = """
Lookups by SKU dominate;
order does not matter."""

[decision.customer-term]   # glossary
kind = "naming"
prefer = "customer"
avoid = [ "client",
          "user" ]
'''

NEW = {
    "kind": "representation",
    "target": "Cart.lines",
    "type": "list[tuple[str, int]]",
    "summary": "Lines in order of adding.",
    "status": "accepted",
}


def test_adding_keeps_every_existing_byte() -> None:
    out = upsert_decision(HAND_WRITTEN, "cart-lines", NEW)
    assert out.startswith(HAND_WRITTEN)
    added = out[len(HAND_WRITTEN) :]
    assert added.lstrip("\n").startswith('[decision.cart-lines]\nkind = "representation"\n')
    data = tomllib.loads(out)
    assert data["decision"]["cart-lines"]["type"] == "list[tuple[str, int]]"
    assert parse_spec(out).problems == []


def test_updating_keeps_comments_and_order_outside_the_decision() -> None:
    out = upsert_decision(HAND_WRITTEN, "inventory-items", {"type": "dict[str, float]"})
    before = HAND_WRITTEN.replace('type    = "dict[str, int]"', 'type    = "dict[str, float]"')
    assert out == before


def test_superseding_marks_the_old_decision_and_adds_the_new() -> None:
    fields = {"kind": "representation", "target": "shop.Inventory.items", "type": "list"}
    out = upsert_decision(HAND_WRITTEN, "inventory-items-2", fields, supersede="inventory-items")
    data = tomllib.loads(out)
    old = data["decision"]["inventory-items"]
    assert old["status"] == "superseded" and old["superseded_by"] == "inventory-items-2"
    assert data["decision"]["inventory-items-2"]["type"] == "list"
    assert "# glossary" in out and "aligned by hand" in out and "# bump only" in out


def test_new_file_gets_a_header() -> None:
    out = upsert_decision("", "a", NEW)
    assert tomllib.loads(out)["spec"]["version"] == 1
    assert parse_spec(out).decisions["a"].decision.target == "Cart.lines"


def test_broken_file_is_refused() -> None:
    with pytest.raises(SpecWriteError):
        upsert_decision(HAND_WRITTEN + "\n[decision.x\n", "a", NEW)


def test_unique_id() -> None:
    assert unique_id(HAND_WRITTEN, "inventory-items") == "inventory-items-2"
    assert unique_id(HAND_WRITTEN, "fresh") == "fresh"


def test_atomic_write_refuses_a_changed_file(tmp_path: Path) -> None:
    path = tmp_path / "spec.toml"
    path.write_text(HAND_WRITTEN, "utf-8")
    seen = digest(path.read_bytes())
    path.write_text(HAND_WRITTEN + "# edited meanwhile\n", "utf-8")
    with pytest.raises(WriteError):
        write_file(path, "replaced", seen, tmp_path)
    assert path.read_text("utf-8").endswith("# edited meanwhile\n")
    write_file(path, "replaced", digest(path.read_bytes()), tmp_path)
    assert path.read_text("utf-8") == "replaced"
    assert [p.name for p in tmp_path.iterdir()] == ["spec.toml"]


def test_atomic_write_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "spec.toml"
    write_file(path, "x = 1\n", None, tmp_path)
    assert path.read_text("utf-8") == "x = 1\n"
    with pytest.raises(WriteError):
        write_file(path, "y = 2\n", None, tmp_path)
