"""Every rule is documented, and every documented example behaves as documented."""

from __future__ import annotations

import re

import pytest

from conftest import Check
from specls.cli import rule_doc
from specls.rules import RULES

_BLOCK = re.compile(r"^## (?P<title>[^\n]+)\n+```(?P<lang>\w+)\n(?P<body>.*?)^```", re.M | re.S)


def _blocks(code: str) -> dict[str, str]:
    doc = rule_doc(code)
    assert doc is not None, f"{code} has no documentation"
    return {m.group("title").strip(): m.group("body") for m in _BLOCK.finditer(doc)}


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_doc_examples(code: str, check: Check, tmp_path) -> None:
    doc = rule_doc(code)
    assert doc is not None and doc.startswith(f"# {code} {RULES[code].name}\n")
    blocks = _blocks(code)
    assert "Fires" in blocks and "Silent" in blocks, f"{code} needs Fires and Silent examples"
    fired = check({"fires/mod.py": blocks["Fires"]}, spec=blocks.get("Spec"))
    assert code in [f.code for f in fired], f"{code}: the Fires example does not fire"
    for p in tmp_path.rglob("*.py"):
        p.unlink()
    spec = blocks.get("Silent spec", blocks.get("Spec"))
    silent = check({"silent/mod.py": blocks["Silent"]}, spec=spec)
    assert silent == [], f"{code}: the Silent example reports {[f.message for f in silent]}"
