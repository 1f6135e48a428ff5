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


CONF = """MAX_RETRIES = 3
TIMEOUT = 5


def load(path):
    return open(path).read()
"""

MODULE_DECISIONS = """
[decision.retries-positive]
kind = "invariant"
target = "conf.MAX_RETRIES"
expr = "MAX_RETRIES >= 1"

[decision.timeout-positive]
kind = "invariant"
target = "conf"
expr = "TIMEOUT >= 1"

[decision.load-missing]
kind = "behaviour"
target = "conf.load"
when = "the file is missing"
raises = "FileNotFoundError"
"""


@pytest.mark.asyncio
async def test_hover_and_definition_on_module_level_names(client: LanguageClient, tmp_path):
    """A module-level name where it is defined shows the invariant and behaviour decisions
    on it (by its own name, or on its module with an ``expr`` naming it), and goes to them;
    other names show none."""
    await start(client, tmp_path, {"conf.py": CONF}, spec=MODULE_DECISIONS)
    uri = open_doc(client, tmp_path / "conf.py")
    await diagnostics(client, uri)
    retries = await _hover(client, uri, 0, 3)
    assert "retries-positive" in retries and "timeout-positive" not in retries
    timeout = await _hover(client, uri, 1, 2)
    assert "timeout-positive" in timeout and "retries-positive" not in timeout
    assert "load-missing" in await _hover(client, uri, 4, 5)
    assert await _hover(client, uri, 4, 10) == ""  # `path`: a parameter, no decision on it
    assert await _hover(client, uri, 5, 16) == ""  # `path` used: not where a name is bound
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 3)
        )
    )
    assert found and [loc.uri.endswith("spec.toml") for loc in found] == [True]
    assert found[0].range.start.line == 0
