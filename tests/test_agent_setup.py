"""``specls init --agent``: each agent's hook configuration merged in, nothing lost,
idempotent; the AGENTS.md section rewritten in place; CLAUDE.md made to import it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FILES = {
    "claude": ".claude/settings.json",
    "codex": ".codex/hooks.json",
    "cursor": ".cursor/hooks.json",
    "copilot": ".github/hooks/specls.json",
}


def init(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "specls", "init", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _commands(config: dict) -> list[str]:
    """Every command string a configuration runs, whatever its shape."""
    out = []
    for entries in config["hooks"].values():
        for entry in entries:
            out += [h["command"] for h in entry.get("hooks", [])]
            out += [entry[k] for k in ("command", "bash") if k in entry]
    return out


@pytest.mark.parametrize("agent", list(FILES))
def test_an_empty_project_gets_the_hook_and_agents_md(agent: str, tmp_path: Path) -> None:
    r = init(tmp_path, "--agent", agent)
    assert r.returncode == 0, r.stderr
    config = json.loads((tmp_path / FILES[agent]).read_text())
    assert set(_commands(config)) == {"specls hook post-edit", "specls hook session-start"}
    agents = (tmp_path / "AGENTS.md").read_text()
    assert "specls context" in agents and "specls decide record --status proposed" in agents
    assert (tmp_path / "spec.toml").is_file()
    if agent == "claude":
        assert (tmp_path / "CLAUDE.md").read_text() == "@AGENTS.md\n"
    # idempotent: a second run changes no byte
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    again = init(tmp_path, "--agent", agent)
    assert again.returncode == 0 and "already set up" in again.stdout
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_existing_configuration_is_merged_into_not_clobbered(tmp_path: Path) -> None:
    settings = tmp_path / ".claude" / "settings.json"
    settings.parent.mkdir()
    theirs = {
        "permissions": {"allow": ["Bash(npm test)"]},
        "hooks": {
            "PostToolUse": [
                {"matcher": "Write", "hooks": [{"type": "command", "command": "ruff format"}]}
            ]
        },
    }
    settings.write_text(json.dumps(theirs))
    (tmp_path / "CLAUDE.md").write_text("# Project notes\n\nUse tabs.\n")
    (tmp_path / "AGENTS.md").write_text("# Agents\n\nRun the tests.\n")
    assert init(tmp_path, "--agent", "claude").returncode == 0
    merged = json.loads(settings.read_text())
    assert merged["permissions"] == theirs["permissions"]
    assert "ruff format" in _commands(merged) and "specls hook post-edit" in _commands(merged)
    assert (tmp_path / "CLAUDE.md").read_text() == "# Project notes\n\nUse tabs.\n\n@AGENTS.md\n"
    agents = (tmp_path / "AGENTS.md").read_text()
    assert agents.startswith("# Agents\n\nRun the tests.\n\n<!-- specls:begin")
    # the section is rewritten in place, what follows it kept
    (tmp_path / "AGENTS.md").write_text(
        agents.replace("Keep to them.", "(an old text)") + "\n## Later\n"
    )
    assert init(tmp_path, "--agent", "codex").returncode == 0
    agents = (tmp_path / "AGENTS.md").read_text()
    assert "Keep to them." in agents and "(an old text)" not in agents
    assert (
        agents.endswith("<!-- specls:end -->\n\n## Later\n") and agents.count("specls:begin") == 1
    )


def test_a_configuration_that_does_not_parse_is_refused(tmp_path: Path) -> None:
    hooks = tmp_path / ".cursor" / "hooks.json"
    hooks.parent.mkdir()
    hooks.write_text('{"version": 1, "hooks": {')
    r = init(tmp_path, "--agent", "cursor")
    assert r.returncode == 2 and "not valid JSON" in r.stderr
    assert hooks.read_text() == '{"version": 1, "hooks": {'


def test_a_link_out_of_the_workspace_is_not_written_through(tmp_path: Path) -> None:
    ws, outside = tmp_path / "ws", tmp_path / "outside"
    ws.mkdir()
    outside.mkdir()
    (ws / ".github").symlink_to(outside)
    r = init(ws, "--agent", "copilot")
    assert r.returncode == 2 and "outside the workspace" in r.stderr
    assert list(outside.iterdir()) == []
