"""A real editor nobody here wrote: Neovim's built-in LSP client, headless, on the example."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SCRIPT = Path(__file__).parent / "editors" / "nvim_diagnostics.lua"
NVIM = shutil.which("nvim")

# CI installs Neovim (.ci/run); elsewhere the test is skipped when it is missing.
pytestmark = pytest.mark.skipif(
    NVIM is None and not os.environ.get("CI"), reason="Neovim is not installed"
)


def test_neovim_shows_specls_diagnostics(tmp_path: Path) -> None:
    assert NVIM is not None, "CI must install Neovim (apt-get install neovim)"
    example = ROOT / "examples" / "shop"
    out = tmp_path / "diagnostics.json"
    env = {
        **os.environ,
        "SPECLS_CMD": json.dumps([sys.executable, "-m", "specls", "serve"]),
        "SPECLS_FILE": str(example / "shop" / "inventory.py"),
        "SPECLS_ROOT": str(example),
        "SPECLS_OUT": str(out),
        "XDG_STATE_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
    }
    proc = subprocess.run(
        [NVIM, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {SCRIPT}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=example,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text("utf-8"))
    found = sorted((d["line"], d["col"], d["code"]) for d in result["diagnostics"])
    assert found == [(7, 23, "N102"), (11, 8, "R101"), (14, 33, "R101")]
    assert all(d["source"] == "specls" for d in result["diagnostics"])
    messages = [d["message"] for d in result["diagnostics"]]
    assert any("`Inventory.items` is used as a list of pairs" in m for m in messages)
    assert any("rename it to `quantity`" in m for m in messages)
