"""``specls mcp`` driven by the MCP SDK's own stdio client: list the tools, call each, read
the spec resource; a proposal lands in spec.toml with the file's comments kept."""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".specls_cache"))
    return root


def _text(result) -> str:
    assert result.is_error is False, result
    return "".join(c.text for c in result.content)


def test_without_the_extra_it_says_how_to_install_it(tmp_path: Path) -> None:
    import os
    import subprocess

    blocked = tmp_path / "blocked" / "mcp"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('not installed')\n")
    r = subprocess.run(
        [sys.executable, "-m", "specls", "mcp"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(blocked.parent)},
    )
    assert r.returncode == 2 and "pip install 'specls[mcp]'" in r.stderr


@pytest.mark.anyio
async def test_the_tools_over_stdio(shop: Path) -> None:
    pytest.importorskip("mcp")
    from mcp import ClientSession, StdioServerParameters, stdio_client

    params = StdioServerParameters(
        command=sys.executable, args=["-m", "specls", "mcp", "--root", str(shop)], cwd=str(shop)
    )
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        init = await session.initialize()
        assert init.server_info.name == "specls"
        tools = {t.name: t for t in (await session.list_tools()).tools}
        assert set(tools) == {"decisions_for", "check", "propose_decision", "explain"}
        assert all(len(t.description or "") < 300 for t in tools.values())  # context is dear

        text = _text(await session.call_tool("decisions_for", {"target": "shop.cart.Cart"}))
        assert "`shop.cart.Cart.lines` is `list[tuple[str, int]]`" in text

        text = _text(await session.call_tool("check", {"paths": ["shop/cart.py"]}))
        assert "R102" in text and "decided: decision `cart-lines`" in text
        unsaved = "class Cart:\n    def __init__(self):\n        self.lines = {}\n"
        text = _text(await session.call_tool("check", {"path": "shop/cart.py", "text": unsaved}))
        assert "shop/cart.py:3:9: R102" in text
        text = _text(await session.call_tool("check", {"paths": ["../../etc/passwd"]}))
        assert "outside the workspace" in text

        before = (shop / "spec.toml").read_text()
        args = {
            "kind": "representation",
            "target": "shop.inventory.Inventory.items",
            "type": "dict[str, int]",
            "summary": "Stock by SKU.",
        }
        text = _text(await session.call_tool("propose_decision", args))
        assert text.startswith("Proposed decision `inventory-items`")
        after = (shop / "spec.toml").read_text()
        assert after.startswith(before)  # every byte kept, the comment at the top too
        table = tomllib.loads(after)["decision"]["inventory-items"]
        assert table["status"] == "proposed" and table["type"] == "dict[str, int]"
        again = _text(await session.call_tool("propose_decision", args))
        assert "not proposed" in again and "already decided by `inventory-items`" in again
        bad = _text(await session.call_tool("propose_decision", {"kind": "behaviour"}))
        assert "not proposed" in bad and (shop / "spec.toml").read_text() == after

        assert "mixed-representation" in _text(await session.call_tool("explain", {"name": "R101"}))
        assert "cart-lines" in _text(await session.call_tool("explain", {"name": "cart-lines"}))

        resource = await session.read_resource("specls://spec")
        assert "[decision.cart-lines]" in resource.contents[0].text


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
