"""``specls hook``: each agent's payload (tests/fixtures/hooks, from the agents' documentation)
through a real process, the answer checked against that agent's contract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from specls.agents.payloads import parse

FIXTURES = Path(__file__).parent / "fixtures" / "hooks"
EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"
AGENTS = ["claude", "codex", "cursor", "copilot"]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".specls_cache"))
    return root


def payload(name: str, root: Path, file: str = "shop/cart.py") -> bytes:
    text = (FIXTURES / f"{name}.json").read_text()
    return text.replace("ROOT", str(root)).replace("FILE", file).encode()


def hook(event: str, data: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "specls", "hook", event],
        input=data,
        cwd=cwd,
        capture_output=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "CLAUDECODE"},
    )


def context_of(agent: str, answer: dict, event: str) -> str:
    """Where each agent reads additional context for its model."""
    if agent == "cursor":
        assert set(answer) == {"additional_context"}
        return answer["additional_context"]
    if agent == "copilot":
        assert set(answer) == {"additionalContext"}
        return answer["additionalContext"]
    assert answer["hookSpecificOutput"]["hookEventName"] == event
    return answer["hookSpecificOutput"]["additionalContext"]


@pytest.mark.parametrize("agent", AGENTS)
def test_after_an_edit_the_findings_reach_the_model(agent: str, shop: Path) -> None:
    r = hook("post-edit", payload(f"{agent}-post-edit", shop), shop)
    assert r.returncode == 0, r.stderr  # report only: never "blocking", never a failure
    text = context_of(agent, json.loads(r.stdout), "PostToolUse")
    assert "R102" in text and "decided: decision `cart-lines` (spec.toml:5" in text
    assert "`shop.cart.Cart.lines` is `list[tuple[str, int]]`" in text
    assert "R101" not in text  # inventory.py was not edited, and does not depend on cart.py
    if agent in ("claude", "codex"):
        assert json.loads(r.stdout)["systemMessage"] == "specls: 2 findings"


@pytest.mark.parametrize("agent", AGENTS)
def test_quiet_when_nothing_diverges(agent: str, shop: Path) -> None:
    (shop / "shop" / "fine.py").write_text(
        "class Fine:\n    def __init__(self):\n        self.x = 1\n"
    )
    r = hook("post-edit", payload(f"{agent}-post-edit", shop, "shop/fine.py"), shop)
    assert r.returncode == 0 and r.stdout == b"", r.stdout


@pytest.mark.parametrize("agent", AGENTS)
def test_a_session_starts_with_the_accepted_decisions(agent: str, shop: Path) -> None:
    r = hook("session-start", payload(f"{agent}-session-start", shop), shop)
    assert r.returncode == 0, r.stderr
    text = context_of(agent, json.loads(r.stdout), "SessionStart")
    assert "`shop.cart.Cart.lines` is `list[tuple[str, int]]`" in text
    assert "say-quantity" in text
    assert "order-summary-empty" not in text  # proposed, not accepted
    assert "specls context" in text


def test_a_file_that_is_not_python_or_no_payload_is_quiet(shop: Path) -> None:
    (shop / "notes.md").write_text("# notes\n")
    r = hook("post-edit", payload("claude-post-edit", shop, "notes.md"), shop)
    assert r.returncode == 0 and r.stdout == b""
    r = hook("post-edit", b"", shop)
    assert r.returncode == 0 and r.stdout == b"" and b"no hook payload" in r.stderr
    r = hook("post-edit", b"[1, 2", shop)
    assert r.returncode == 0 and r.stdout == b""


def test_payload_shapes() -> None:
    here = Path("/w")
    codex = parse(payload("codex-post-edit", Path("/w"), "a/b.py"), here)
    assert codex is not None and codex.agent == "codex"
    assert codex.paths == [Path("/w/a/b.py")]  # the deleted file is not checked
    moved = {
        "turn_id": "t", "cwd": "/w", "hook_event_name": "PostToolUse",
        "tool_input": {"command": "*** Begin Patch\n*** Update File: a.py\n*** Move to: b.py\n"
                       "@@\n-x\n+y\n*** Add File: c.py\n+z\n*** End Patch\n"},
    }  # fmt: skip
    got = parse(json.dumps(moved).encode(), here)
    assert got is not None and got.paths == [Path("/w/b.py"), Path("/w/c.py")]
    copilot_patch = {
        "sessionId": "s",
        "cwd": "/w",
        "toolName": "apply_patch",
        "toolArgs": "*** Begin Patch\n*** Add File: /abs/x.py\n+1\n*** End Patch",
    }
    got = parse(json.dumps(copilot_patch).encode(), here)
    assert got is not None and got.agent == "copilot" and got.paths == [Path("/abs/x.py")]
    after_edit = {"conversation_id": "c", "cursor_version": "3", "hook_event_name": "afterFileEdit",
                  "file_path": "/w/m.py", "edits": []}  # fmt: skip
    got = parse(json.dumps(after_edit).encode(), here)
    assert got is not None and got.agent == "cursor" and got.paths == [Path("/w/m.py")]


def test_the_command_keeps_the_checked_workspace_only_when_asked(
    shop: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``main`` hands what the check loaded to the command line's ``held`` (freed by
    exiting, not before the answer); an in-process caller of ``run`` keeps nothing."""
    import io

    from specls.agents import hook as agent_hook
    from specls.run import CheckResult

    data = payload("claude-post-edit", shop)
    monkeypatch.chdir(shop)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    kept: list[object] = []
    try:
        assert agent_hook.main("post-edit", kept) == 0
        assert "R102" in capsys.readouterr().out
        assert len(kept) == 1 and isinstance(kept[0], CheckResult)
        assert kept[0].workspace is not None
        agent_hook.main("post-edit", None)  # (the default: nothing kept)
        assert len(kept) == 1
        assert agent_hook.run("post-edit", data, shop).stdout
        assert len(kept) == 1
    finally:
        agent_hook._kept = None
