"""Every rule is documented, and every documented example behaves as documented."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import Check
from specls.cli import rule_doc
from specls.rules import OFF_BY_DEFAULT, RULES

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
    select = [code] if code in OFF_BY_DEFAULT else None
    spec = blocks.get("Spec")
    if "Before" in blocks:  # the code at the commit the spec's `since` names
        spec = _committed(tmp_path, blocks["Before"], spec or "")
    fired = check({"fires/mod.py": blocks["Fires"]}, spec=spec, select=select)
    assert code in [f.code for f in fired], f"{code}: the Fires example does not fire"
    for p in tmp_path.rglob("*.py"):
        p.unlink()
    spec = blocks.get("Silent spec", spec)
    silent = check({"silent/mod.py": blocks["Silent"]}, spec=spec, select=select)
    assert silent == [], f"{code}: the Silent example reports {[f.message for f in silent]}"


def _committed(root: Path, before: str, spec: str) -> str:
    """Commit ``before`` as both examples' file in a new git repository at ``root``; the
    spec with its ``since`` made that commit."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for name in ("fires/mod.py", "silent/mod.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(before).lstrip("\n"))
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "before"], check=True)
    head = subprocess.run(
        [*git, "rev-parse", "--short=7", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    return re.sub(r'since = "[0-9a-f]+"', f'since = "{head}"', spec)
