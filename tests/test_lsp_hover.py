"""Hover shows what governs the symbol (issue 20): a glossary decision only on the names
that use one of its terms, so that on other attributes the decision, or what specls
infers, is what the hover says."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

import test_lsp
from test_lsp import PLAIN, change, diagnostics, open_doc, start

client = test_lsp.client  # (the same fixture: the real server over stdio)

GLOSSARY = """
[decision.say-quantity]
kind = "naming"
prefer = "quantity"
avoid = ["qty"]
"""


async def _hover(lsp_client: LanguageClient, uri: str, line: int, col: int) -> str:
    hover = await lsp_client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line, col)
        )
    )
    return hover.contents.value if hover else ""


@pytest.mark.asyncio
async def test_a_glossary_decision_shows_only_where_its_terms_are(client: LanguageClient, tmp_path):
    await start(client, tmp_path, {"inventory.py": PLAIN}, spec=GLOSSARY)
    uri = open_doc(client, tmp_path / "inventory.py")
    await diagnostics(client, uri, lambda d: "N102" in [str(x.code) for x in d])
    items = await _hover(client, uri, 2, 14)  # `self.items = {}`: no term of the glossary
    assert "say-quantity" not in items
    assert "no decision in the spec" in items and "a dict in `__init__`" in items
    qty = await _hover(client, uri, 4, 23)  # `def add(self, sku, qty)`
    assert "decision `say-quantity`" in qty


@pytest.mark.asyncio
async def test_hover_and_definition_after_an_edit_above_the_class(client: LanguageClient, tmp_path):
    """An edit of a statement above the class parses that statement alone: the class's
    statement is kept from the earlier parse, and the name under the cursor is read from
    the document's text where it now is (the kept tree holds no text)."""
    await start(client, tmp_path, {"inventory.py": "X = 1\n" + PLAIN}, spec=test_lsp.SPEC)
    uri = open_doc(client, tmp_path / "inventory.py")
    await diagnostics(client, uri, lambda d: len(d) == 2)
    assert "decision `inventory-items`" in await _hover(client, uri, 4, 14)
    change(client, uri, 2, (0, 4), (0, 5), "23")  # `X = 23`: the lines below keep their places
    assert "decision `inventory-items`" in await _hover(client, uri, 4, 14)
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(4, 14)
        )
    )
    assert found and any(loc.uri.endswith("spec.toml") for loc in found)
