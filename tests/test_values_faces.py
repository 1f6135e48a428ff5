"""Value decisions where decisions are shown: ``specls context``, the agents' report, and
the editor's hover and completion."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

import test_lsp
from conftest import write_workspace
from test_lsp import change, diagnostics, open_doc, start

client = test_lsp.client  # (the same fixture: the real server over stdio)

SPEC = """
[decision.amount-cents]
kind = "value"
field = "amount"
type = "int"
unit = "cents"
to_field = "total"
to_unit = "euros"
convert = "x / 100"
round = 2
summary = "System A sends integer cents."

[decision.line-discount]
kind = "value"
field = "discount"
absent = 0
scope = "shop.lines"
"""

INTAKE = """
def to_order(payload):
    return {"id": payload["id"], "total": round(payload["amount"] / 100, 2)}


def unrelated(x):
    return {"name": x["name"]}
"""

DECIDED = "`amount` is integer cents; becomes `total` in euros: x / 100, rounded to 2 places"


def specls(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "specls", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "", "SPECLS_AGENT": "none"},
    )


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    write_workspace(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/intake.py": INTAKE,
            "shop/lines.py": 'def net(line):\n    return line["price"] - line.get("discount", 0)\n',
            "shop/other.py": 'def f(p):\n    return {"name": p["name"]}\n',
        },
    )
    (tmp_path / "spec.toml").write_text(textwrap.dedent(SPEC).lstrip(), "utf-8")
    return tmp_path


def test_context_shows_the_value_decisions_of_the_code_using_the_field(shop: Path) -> None:
    r = specls("context", "shop/intake.py", "--no-implicit", cwd=shop)
    assert r.returncode == 0, r.stderr
    assert "**decision `amount-cents`** · value · accepted" in r.stdout
    assert DECIDED in r.stdout
    assert "(governs `amount` in `to_order`)" in r.stdout
    assert "line-discount" not in r.stdout  # another field (and another scope)
    lines = specls("context", "shop/lines.py", "--no-implicit", cwd=shop)
    assert "`discount` may be missing (missing means 0) (in `shop.lines`)" in lines.stdout
    other = specls("context", "shop/other.py", "--no-implicit", cwd=shop)
    assert "decision" not in other.stdout.split("\n", 2)[2].lower().replace("no decision", "")


def test_the_agents_report_gives_the_decided_value(shop: Path) -> None:
    (shop / "shop" / "intake.py").write_text(
        'def to_order(payload):\n    return {"total": payload["amount"]}\n', "utf-8"
    )
    r = specls("check", "--format", "agent", "shop/intake.py", cwd=shop)
    assert r.returncode == 1, r.stderr
    assert "V101" in r.stdout
    assert f"decided: decision `amount-cents` (spec.toml:1, accepted): {DECIDED}" in r.stdout


# -- the editor -------------------------------------------------------------------------------


async def hover_at(client: LanguageClient, uri: str, line: int, col: int) -> str | None:
    found = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line, col)
        )
    )
    return found.contents.value if found is not None else None


@pytest.mark.asyncio
async def test_hover_on_a_fields_uses_shows_its_value_decision(client: LanguageClient, tmp_path):
    code = (
        "def to_order(payload, amount):\n"
        '    total = payload.get("amount", 0) / 100\n'
        '    return Order(total=round(payload["amount"] / 100, 2))\n'
    )
    await start(client, tmp_path, {"intake.py": code}, spec=SPEC)
    uri = open_doc(client, tmp_path / "intake.py")
    await diagnostics(client, uri)
    lines = code.splitlines()
    key = lines[2].index('"amount"') + 2  # inside the string key of payload["amount"]
    for line, col in ((2, key), (1, lines[1].index('"amount"') + 1), (0, 24), (2, 18)):
        text = await hover_at(client, uri, line, col)
        assert text is not None and DECIDED in text, (line, col, text)
    assert await hover_at(client, uri, 0, 6) is None  # `to_order`: no field of a decision


@pytest.mark.asyncio
async def test_completion_of_keys_and_field_names_in_the_spec(client: LanguageClient, tmp_path):
    spec = '[decision.new]\nkind = "value"\nfield = "\n'
    code = 'def f(payload):\n    return {"total": payload["amount_cents"]}\n'
    await start(client, tmp_path, {"intake.py": code}, spec=spec)
    uri = open_doc(client, tmp_path / "intake.py")
    spec_uri = open_doc(client, tmp_path / "spec.toml")
    await diagnostics(client, uri)

    async def labels(line: int, col: int) -> list[str]:
        found = await client.text_document_completion_async(
            lsp.CompletionParams(
                text_document=lsp.TextDocumentIdentifier(uri=spec_uri),
                position=lsp.Position(line, col),
            )
        )
        return [i.label for i in found.items] if found is not None else []

    names = await labels(2, 9)  # field = "|
    assert "amount_cents" in names and "total" in names
    kinds = await labels(1, 8)  # kind = "|
    assert "value" in kinds
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=spec_uri, version=2),
            content_changes=[
                lsp.TextDocumentContentChangeWholeDocument(
                    text='[decision.new]\nkind = "value"\nfield = "amount_cents"\nto\n'
                )
            ],
        )
    )
    keys = await labels(3, 2)  # a new key: what a value decision may still have
    assert {"to_field", "to_unit", "timezone", "convert"} <= set(keys)
    assert "field" not in keys and "kind" not in keys


@pytest.mark.asyncio
async def test_hover_on_a_field_after_an_edit_above_it(client: LanguageClient, tmp_path):
    """An edit of the statement above parses it alone: the function's statement is kept
    from the earlier parse, and its field is read from the document's text."""
    code = 'LIMIT = 1\n\n\ndef to_order(payload):\n    return {"total": payload["amount"] / 100}\n'
    await start(client, tmp_path, {"intake.py": code}, spec=SPEC)
    uri = open_doc(client, tmp_path / "intake.py")
    await diagnostics(client, uri)
    col = code.splitlines()[4].index('"amount"') + 2
    assert DECIDED in (await hover_at(client, uri, 4, col) or "")
    change(client, uri, 2, (0, 8), (0, 9), "23")  # `LIMIT = 23`
    assert DECIDED in (await hover_at(client, uri, 4, col) or "")
