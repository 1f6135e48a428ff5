"""Decision changes through the one core every face uses (spec.record)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from specls.spec.record import DecisionError, default_id, record, set_status

HAND = """\
# Decisions of the shop (hand-written; keep this comment)
[spec]
version = 1

[decision.cart-lines]   # aligned by hand
kind = "representation"
target = "Cart.lines"
type = "list[tuple[str, int]]"
"""

INVENTORY = {"kind": "representation", "target": "Inventory.items", "type": "dict[str, int]"}


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.toml"
    path.write_text(HAND)
    return path


def test_record_appends_and_keeps_every_byte(spec: Path, tmp_path: Path) -> None:
    got = record(spec, tmp_path, {**INVENTORY, "status": "proposed", "since": "4f2c9e1"})
    text = spec.read_text()
    assert text.startswith(HAND)
    assert got.id == "inventory-items"
    assert text.splitlines()[got.line - 1] == "[decision.inventory-items]"
    table = tomllib.loads(text)["decision"]["inventory-items"]
    assert table == {**INVENTORY, "status": "proposed", "since": "4f2c9e1"}


def test_record_creates_a_missing_spec(tmp_path: Path) -> None:
    got = record(tmp_path / "spec.toml", tmp_path, INVENTORY)
    data = tomllib.loads((tmp_path / "spec.toml").read_text())
    assert data["spec"]["version"] == 1 and data["decision"][got.id]["status"] == "accepted"


def test_record_refuses_what_the_models_refuse(spec: Path, tmp_path: Path) -> None:
    with pytest.raises(DecisionError, match="raises"):
        record(spec, tmp_path, {"kind": "behaviour", "target": "Stack.pop", "when": "empty"})
    with pytest.raises(DecisionError, match="not a valid decision"):
        record(spec, tmp_path, {"kind": "representation", "target": "A.b"})  # no type
    assert spec.read_text() == HAND


def test_record_refuses_a_taken_id_or_a_decided_target_when_asked(
    spec: Path, tmp_path: Path
) -> None:
    lines = {"kind": "representation", "target": "Cart.lines", "type": "dict"}
    with pytest.raises(DecisionError, match="already decided by `cart-lines`"):
        record(spec, tmp_path, lines, refuse_decided_target=True)
    with pytest.raises(DecisionError, match="already has a decision `cart-lines`"):
        record(spec, tmp_path, INVENTORY, decision_id="cart-lines", exact_id=True)
    assert record(spec, tmp_path, INVENTORY, decision_id="cart-lines").id == "cart-lines-2"


def test_supersede_and_statuses(spec: Path, tmp_path: Path) -> None:
    new = record(
        spec, tmp_path, {"kind": "representation", "target": "Cart.lines", "type": "dict"},
        supersede="cart-lines",
    )  # fmt: skip
    data = tomllib.loads(spec.read_text())["decision"]
    assert data["cart-lines"]["status"] == "superseded"
    assert data["cart-lines"]["superseded_by"] == new.id
    set_status(spec, tmp_path, new.id, "rejected")
    set_status(spec, tmp_path, "cart-lines", "accepted")  # back: superseded_by goes
    data = tomllib.loads(spec.read_text())["decision"]
    assert data[new.id]["status"] == "rejected"
    assert data["cart-lines"]["status"] == "accepted" and "superseded_by" not in data["cart-lines"]
    assert "keep this comment)" in spec.read_text() and "# aligned by hand" in spec.read_text()
    with pytest.raises(DecisionError, match="names its successor"):
        set_status(spec, tmp_path, "cart-lines", "superseded")
    with pytest.raises(DecisionError, match="no decision `nope`"):
        set_status(spec, tmp_path, "nope", "accepted")


def test_a_broken_spec_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "spec.toml"
    path.write_text(HAND + "[decision.x\n")
    with pytest.raises(DecisionError, match="not valid TOML"):
        record(path, tmp_path, INVENTORY)
    assert path.read_text() == HAND + "[decision.x\n"


def test_a_spec_outside_the_workspace_is_written_only_when_named(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    outside = tmp_path / "spec.toml"
    outside.write_text(HAND)
    with pytest.raises(DecisionError, match="outside the workspace"):
        record(outside, ws, INVENTORY)
    record(outside, ws, INVENTORY, allowed=frozenset({outside}))
    assert "inventory-items" in outside.read_text()


def test_default_ids() -> None:
    assert default_id(INVENTORY) == "inventory-items"
    assert default_id({"kind": "invariant", "target": "bank.Account"}) == "bank-account-invariant"
    behaviour = {"kind": "behaviour", "target": "ds.Stack.pop", "raises": "IndexError"}
    assert default_id(behaviour) == "stack-pop-raises"
