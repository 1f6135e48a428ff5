"""Emacs with eglot, headless, running the snippet of docs/editors.md itself on the example:
diagnostics, spec.toml on the same server, a decision recorded with the quick fix."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DRIVER = Path(__file__).parent / "editors" / "emacs_record.el"
EMACS = shutil.which("emacs")


def snippet() -> str:
    text = (ROOT / "docs" / "editors.md").read_text("utf-8")
    [found] = [b for b in re.findall(r"^```elisp\n(.*?)^```", text, re.M | re.S) if "eglot" in b]
    return found


def _has_eglot() -> bool:
    if EMACS is None:
        return False
    probe = subprocess.run(
        [EMACS, "--batch", "--eval", "(require 'eglot)"], capture_output=True, timeout=60
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not os.environ.get("CI") and not _has_eglot(),
    reason="Emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot)",
)
def test_the_documented_eglot_snippet_records_a_decision(tmp_path: Path) -> None:
    assert EMACS is not None and _has_eglot(), "CI must install emacs-nox and elpa-eglot"
    shop = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", shop, ignore=shutil.ignore_patterns(".specls*"))
    subprocess.run(["git", "init", "-q", str(shop)], check=True)  # (eglot's project)
    init = tmp_path / "init.el"
    init.write_text(snippet(), "utf-8")
    out = tmp_path / "result.json"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "SPECLS_FILE": str(shop / "shop" / "inventory.py"),
        "SPECLS_SPEC": str(shop / "spec.toml"),
        "SPECLS_OUT": str(out),
    }
    before = (shop / "spec.toml").read_text("utf-8")
    proc = subprocess.run(
        [EMACS, "--batch", "-l", str(init), "-l", str(DRIVER)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=shop,
    )
    result = json.loads(out.read_text("utf-8")) if out.exists() else {}
    assert proc.returncode == 0 and result.get("ok") is True, (result, proc.stderr[-3000:])
    assert result["before"] == ["N102", "R101", "R101"]
    assert result["same_server"] is True and result["servers"] == 1
    assert result["complete"] is True  # (eglot 1.9 does not resolve actions lazily)
    assert 'type = "dict"' in result["spec_text"]
    assert "R102" in result["after"] and "R101" not in result["after"]
    assert (shop / "spec.toml").read_text("utf-8") == before  # (the buffer is not saved)
