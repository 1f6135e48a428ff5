"""``specls infer`` proposes the value decisions the code already keeps consistently — and
only those; recorded, they find nothing against the code as it is."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import write_workspace
from specls.config import load_settings
from specls.infer import Proposal, infer
from specls.run import load_workspace

CONSISTENT = """
from datetime import datetime


def order(p):
    return {"total": p["amount_cents"] / 100, "day": datetime.strptime(p["date"], "%d/%m/%Y")}


def refund(p):
    return {"total": round(p["amount_cents"] / 100.0, 2)}


def invoice(p):
    out = {"when": datetime.strptime(p["date"], "%d/%m/%Y")}
    out["total"] = p["amount_cents"] * 0.01
    return out
"""


def proposals(tmp_path: Path, source: str, spec: str = "") -> list[Proposal]:
    write_workspace(tmp_path, {"mod.py": source})
    (tmp_path / "spec.toml").write_text(textwrap.dedent(spec).lstrip("\n"))
    return infer(load_workspace(load_settings(tmp_path)), kinds={"value"})


def decided(found: list[Proposal]) -> dict[str, dict]:
    return {
        p.id: {k: v for k, v in p.fields.items() if k not in ("summary", "rationale")}
        for p in found
    }


def test_the_same_conversion_and_format_everywhere_is_proposed(tmp_path: Path) -> None:
    found = decided(proposals(tmp_path, CONSISTENT))
    assert found == {
        "amount-cents-to-total": {
            "kind": "value",
            "field": "amount_cents",
            "to_field": "total",
            "convert": "x / 100",
            "status": "proposed",
        },
        "date-format": {
            "kind": "value",
            "field": "date",
            "format": "%d/%m/%Y",
            "status": "proposed",
        },
    }


def test_one_use_a_disagreement_a_copy_or_a_decided_field_proposes_nothing(tmp_path: Path) -> None:
    one = 'def f(p):\n    return {"total": p["amount_cents"] / 100}\n'
    assert proposals(tmp_path / "one", one) == []
    other = CONSISTENT.replace('p["amount_cents"] * 0.01', 'p["amount_cents"] * 0.1')
    assert "amount-cents-to-total" not in decided(proposals(tmp_path / "other", other))
    copy = CONSISTENT + '\n\ndef raw(p):\n    return {"total": p["amount_cents"]}\n'
    assert "amount-cents-to-total" not in decided(proposals(tmp_path / "copy", copy))
    us = CONSISTENT + '\n\ndef us(p):\n    return datetime.strptime(p["date"], "%m/%d/%Y")\n'
    assert "date-format" not in decided(proposals(tmp_path / "us", us))
    spec = '[decision.x]\nkind = "value"\nfield = "date"\nformat = "%Y-%m-%d"\n'
    assert "date-format" not in decided(proposals(tmp_path / "decided", CONSISTENT, spec))


def test_recorded_proposals_find_nothing_against_the_code_and_catch_an_edit(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"mod.py": CONSISTENT})
    (tmp_path / "spec.toml").write_text("[spec]\nversion = 1\n")
    run = [sys.executable, "-m", "specls"]
    wrote = subprocess.run(
        [*run, "infer", "--select", "value", "--write"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert wrote.returncode == 0, wrote.stderr
    assert "[decision.amount-cents-to-total]" in (tmp_path / "spec.toml").read_text()
    clean = subprocess.run([*run, "check", "."], cwd=tmp_path, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout
    (tmp_path / "mod.py").write_text(
        CONSISTENT.replace('p["amount_cents"] * 0.01', 'p["amount_cents"]')
    )
    edited = subprocess.run(
        [*run, "check", "--exit-zero", "."], cwd=tmp_path, capture_output=True, text=True
    )
    assert "V101" in edited.stdout and "amount-cents-to-total" in edited.stdout
