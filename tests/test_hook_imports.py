"""What ``specls hook post-edit`` imports: a process per edit, so every import is paid on
every edit. Never the editor's protocol (pygls, lsprotocol) or libcst; and once the cache
holds the spec file's verdicts, neither pydantic nor tomlkit. Not timed: the modules loaded
are counted, which a busy machine does not change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"
#: Runs the hook as ``specls hook post-edit`` does, then lists the modules it imported.
PROGRAM = (
    "import json, sys\n"
    "from specls.cli.main import main\n"
    "code = main(['hook', 'post-edit'])\n"
    "with open(sys.argv[1], 'w') as f:\n"
    "    json.dump(sorted(sys.modules), f)\n"
    "sys.exit(code)\n"
)
NEVER = ("pygls", "lsprotocol", "libcst", "specls.lsp", "specls.mcp", "specls.infer")
#: Not once the spec file's validation is in the cache (nor the code's facts).
NOT_WARM = ("pydantic", "specls.spec.models", "tomlkit", "specls.writes")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".specls_cache"))
    return root


def hook(shop: Path, listing: Path) -> tuple[dict, set[str]]:
    payload = {
        "session_id": "s",
        "cwd": str(shop),
        "hook_event_name": "PostToolUse",
        "tool_name": "Edit",
        "tool_input": {"file_path": str(shop / "shop" / "cart.py")},
    }
    env = {k: v for k, v in os.environ.items() if k != "CLAUDECODE"}
    r = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(listing)],
        input=json.dumps(payload).encode(),
        cwd=shop,
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout), set(json.loads(listing.read_text()))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(f"{n}.") for n in names))


def test_the_hook_never_imports_the_editors_protocol(shop: Path, tmp_path: Path) -> None:
    answer, modules = hook(shop, tmp_path / "cold.json")  # (no cache yet: all is parsed)
    assert "R102" in answer["hookSpecificOutput"]["additionalContext"]
    assert loaded(modules, NEVER) == []
    warm, modules = hook(shop, tmp_path / "warm.json")
    assert warm == answer
    assert loaded(modules, NEVER + NOT_WARM) == []


def test_a_changed_spec_is_validated_again(shop: Path, tmp_path: Path) -> None:
    """The verdicts are the spec text's: an edit of the spec file is read with the models,
    and what they say of a decision made invalid reaches the agent."""
    hook(shop, tmp_path / "first.json")
    spec = shop / "spec.toml"
    spec.write_text(spec.read_text().replace('type = "list[tuple[str, int]]"', "type = 3"))
    answer, modules = hook(shop, tmp_path / "changed.json")
    assert "pydantic" in modules
    assert "R102" not in answer.get("hookSpecificOutput", {}).get("additionalContext", "")
