"""``specls context``: the decisions that govern some code, with their values, most specific
first; ``--format agent`` and ``--stdin-filename`` for agents that check right after an edit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from specls.agentenv import running_agent

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".specls_cache"))
    return root


def specls(*args: str, cwd: Path, stdin: str | None = None, **env: str):
    clean = {k: v for k, v in os.environ.items() if k not in _AGENT_VARS}
    return subprocess.run(
        [sys.executable, "-m", "specls", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **env},
    )


_AGENT_VARS = {
    "CLAUDECODE", "CLAUDE_CODE", "CODEX_SANDBOX", "CODEX_THREAD_ID", "CURSOR_AGENT",
    "GEMINI_CLI", "OPENCODE", "COPILOT_AGENT_PROMPT", "COPILOT_CLI", "SPECLS_AGENT", "AI_AGENT",
}  # fmt: skip


def test_context_of_a_class_leads_with_its_decisions_and_their_values(shop: Path) -> None:
    r = specls("context", "shop.cart.Cart", "--no-implicit", cwd=shop)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("# specls context: `shop.cart.Cart`")
    lines = out.index("**decision `cart-lines`**")
    assert "`shop.cart.Cart.lines` is `list[tuple[str, int]]`" in out
    assert "spec.toml:5" in out and "Receipts list lines in order" in out
    # the glossary governs every name, after the class's own decision
    assert lines < out.index("**decision `say-quantity`**")
    # a decision about another class is not shown
    assert "order-summary-empty" not in out


def test_context_of_a_file_a_line_and_a_directory(shop: Path) -> None:
    by_file = specls("context", "shop/orders.py", "--no-implicit", cwd=shop).stdout
    assert "order-summary-empty" in by_file and "(proposed: not yet agreed)" in by_file
    assert "cart-lines" not in by_file
    by_line = specls("context", "shop/cart.py:8", "--no-implicit", cwd=shop).stdout
    assert "cart-lines" in by_line  # line 8 is in Cart.add, which uses self.lines
    everything = specls("context", ".", "--no-implicit", cwd=shop).stdout
    for ident in ("cart-lines", "order-summary-empty", "say-quantity"):
        assert ident in everything


def test_context_json_and_budget(shop: Path) -> None:
    r = specls("context", ".", "--no-implicit", "--format", "json", cwd=shop)
    data = json.loads(r.stdout)
    first = data["decisions"][0]
    assert {"id", "kind", "status", "decided", "where", "governs"} <= set(first)
    small = specls("context", ".", "--no-implicit", "--max-chars", "300", cwd=shop).stdout
    assert len(small) <= 400 and "more (raise --max-chars" in small


def test_context_of_an_unknown_target_is_an_error(shop: Path) -> None:
    r = specls("context", "shop.nope.Thing", cwd=shop)
    assert r.returncode == 2 and "no file, module, class or member" in r.stderr


def test_agent_format_gives_the_decided_value_and_the_ways_out(shop: Path) -> None:
    r = specls("check", "--format", "agent", cwd=shop)
    assert r.returncode == 1
    out = r.stdout
    block = out[out.index("R102") :].split("\nshop/", 1)[0]
    assert "decided: decision `cart-lines` (spec.toml:5, accepted)" in block
    assert "`shop.cart.Cart.lines` is `list[tuple[str, int]]`" in block
    assert "--supersedes cart-lines" in block
    r101 = out[out.index("R101") :].split("\nshop/", 1)[0]
    assert "specls decide record --kind representation --target Inventory.items --type dict" in r101
    assert "specls rename shop/cart.py:8:24 quantity" in out


def test_agent_format_is_chosen_under_an_agent_and_an_explicit_format_wins(shop: Path) -> None:
    under = specls("check", cwd=shop, CLAUDECODE="1")
    assert "decided:" in under.stdout and "CLAUDECODE is set" in under.stdout
    explicit = specls("check", "--format", "text", cwd=shop, CLAUDECODE="1")
    assert "decided:" not in explicit.stdout
    off = specls("check", cwd=shop, CLAUDECODE="1", SPECLS_AGENT="none")
    assert "decided:" not in off.stdout
    plain = specls("check", cwd=shop)
    assert "decided:" not in plain.stdout


def test_stdin_is_checked_as_the_file_it_names(shop: Path) -> None:
    unsaved = "class Cart:\n    def __init__(self):\n        self.lines = {}\n"
    r = specls(
        "check", "--stdin-filename", "shop/cart.py", "-", "--format", "text",
        cwd=shop, stdin=unsaved,
    )  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith("shop/cart.py:3:9: R102")
    assert "self.lines = []" in (shop / "shop" / "cart.py").read_text()  # disk untouched
    # a file that does not exist yet
    new = specls(
        "check", "--stdin-filename", "shop/basket.py", "-", cwd=shop,
        stdin="class Basket:\n    def __init__(self):\n        self.items = {}\n\n"
        "    def add(self, x):\n        self.items.append(x)\n",
    )  # fmt: skip
    assert "shop/basket.py" in new.stdout, new.stdout + new.stderr
    bad = specls("check", "--stdin-filename", "shop/cart.py", cwd=shop)
    assert bad.returncode == 2


def test_agent_detection() -> None:
    assert running_agent({}) is None
    assert running_agent({"CLAUDECODE": "1"}) == ("claude", "CLAUDECODE")
    assert running_agent({"CODEX_THREAD_ID": "x"}) == ("codex", "CODEX_THREAD_ID")
    assert running_agent({"CLAUDECODE": "1", "SPECLS_AGENT": "none"}) is None
    assert running_agent({"AI_AGENT": "Goose"}) == ("goose", "AI_AGENT")
    assert running_agent({"CURSOR_AGENT": "0"}) is None


def test_context_lists_what_the_code_decides_that_nothing_records(shop: Path) -> None:
    (shop / "shop" / "stock.py").write_text(
        "class Stock:\n    def __init__(self):\n        self.levels = {}\n\n"
        "    def add(self, sku: str, n: int):\n"
        "        self.levels[sku] = self.levels.get(sku, 0) + n\n\n"
        "    def level(self, sku: str) -> int:\n        return self.levels.get(sku, 0)\n"
    )
    out = specls("context", "shop/stock.py", cwd=shop).stdout
    implicit = out[out.index("Implicit decisions") :]
    assert "`Stock.levels` is used as a dict" in implicit and "no decision" in implicit
    assert "specls decide record --kind representation --target Stock.levels" in implicit
    # a class whose state is already decided has nothing implicit about it
    assert "Implicit decisions" not in specls("context", "shop.cart.Cart", cwd=shop).stdout
    data = json.loads(specls("context", "shop/stock.py", "--format", "json", cwd=shop).stdout)
    assert [p["target"] for p in data["implicit"]] == ["Stock.levels"]
