"""The editor's decision actions, on the real server: record the implicit decisions of a class
(a source action), and accept, reject or supersede a decision from its table in spec.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp import diagnostics, make_client, open_doc, run_action, start

LEDGER = """
class Ledger:
    def __init__(self):
        self.entries = []
        self.balance = 0

    def add(self, tag, amount):
        self.entries.append((tag, amount))
        self.balance += amount

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount

    def last(self):
        if not self.entries:
            raise IndexError("no entries")
        return self.entries[-1]

    def tags(self):
        return [t for t, _ in self.entries]


class Empty:
    pass
"""

SPEC = """
[spec]
version = 1

[decision.entries-list]
kind = "representation"
target = "Ledger.entries"
type = "list"

[decision.entries-pairs]
kind = "representation"
target = "Ledger.entries"
type = "list[tuple]"
status = "proposed"
"""


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "specls", "serve"], client_factory=make_client
    )
)
async def client(lsp_client: LanguageClient):
    yield lsp_client
    await lsp_client.shutdown_session()


def _params(uri: str, line: int, only: list[str] | None = None) -> lsp.CodeActionParams:
    at = lsp.Position(line, 4)
    return lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        range=lsp.Range(start=at, end=at),
        context=lsp.CodeActionContext(diagnostics=[], only=only),
    )


def _git(root: Path) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*command, "init", "-q"], check=True)
    subprocess.run([*command, "add", "."], check=True)
    subprocess.run([*command, "commit", "-q", "-m", "start"], check=True)
    return subprocess.run(
        [*command, "rev-parse", "--short=7", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.mark.asyncio
async def test_record_the_implicit_decisions_of_a_class(client: LanguageClient, tmp_path: Path):
    (tmp_path / "ledger.py").write_text(LEDGER.lstrip("\n"))
    head = _git(tmp_path) if shutil.which("git") else None
    await start(client, tmp_path, {})
    uri = open_doc(client, tmp_path / "ledger.py")
    await diagnostics(client, uri)
    actions = await client.text_document_code_action_async(
        _params(uri, 10, [lsp.CodeActionKind.Source])
    )
    (action,) = actions
    assert action.title == "Record the 3 implicit decisions of this class (`Ledger`)"
    assert action.kind == lsp.CodeActionKind.Source
    quick = await client.text_document_code_action_async(
        _params(uri, 10, [lsp.CodeActionKind.QuickFix])
    )
    assert not quick  # a client asking for quick fixes only gets none of these
    empty = await client.text_document_code_action_async(_params(uri, 23))
    assert [a.title for a in empty if a.kind == lsp.CodeActionKind.Source] == []
    resolved = await client.code_action_resolve_async(action)
    # spec.toml does not exist, so is not open: the server writes it when applied
    assert resolved.command is not None and resolved.command.command == "specls.applyFix"
    await run_action(client, resolved)
    decisions = tomllib.loads((tmp_path / "spec.toml").read_text())["decision"]
    assert set(decisions) == {"ledger-entries", "ledger-last-raises", "ledger-balance-non-negative"}
    assert decisions["ledger-entries"]["type"] == "list[tuple]"
    assert {d["status"] for d in decisions.values()} == {"proposed"}
    if head is not None:
        assert {d["since"] for d in decisions.values()} == {head}
    # nothing against them in the unchanged code, and no more to record
    diags = await diagnostics(client, uri)
    assert [d for d in diags if (d.data or {}).get("decision") in decisions] == []
    assert not await client.text_document_code_action_async(
        _params(uri, 10, [lsp.CodeActionKind.Source])
    )


@pytest.mark.asyncio
async def test_accept_reject_supersede_from_the_spec(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"ledger.py": LEDGER}, spec=SPEC)
    spec_uri = open_doc(client, tmp_path / "spec.toml")
    lines = (tmp_path / "spec.toml").read_text().splitlines()
    proposed = lines.index("[decision.entries-pairs]")
    accepted = lines.index("[decision.entries-list]")
    actions = await client.text_document_code_action_async(_params(spec_uri, proposed + 2))
    titles = [a.title for a in actions]
    assert titles == [
        "Accept decision `entries-pairs`",
        "Reject decision `entries-pairs`",
        "Supersede `entries-pairs` by `entries-list`",
    ]
    on_accepted = await client.text_document_code_action_async(_params(spec_uri, accepted))
    supersede = next(a for a in on_accepted if a.title.startswith("Supersede"))
    assert supersede.title == "Supersede `entries-list` by `entries-pairs`"
    resolved = await client.code_action_resolve_async(supersede)
    # the spec is open: a versioned edit of its buffer, which the client applies
    assert resolved.edit is not None and resolved.command is None
    (change,) = resolved.edit.document_changes
    assert change.text_document.version == 1
    await run_action(client, resolved)
    decisions = tomllib.loads((tmp_path / "spec.toml").read_text())["decision"]
    assert decisions["entries-list"]["status"] == "superseded"
    assert decisions["entries-list"]["superseded_by"] == "entries-pairs"
    assert decisions["entries-pairs"]["status"] == "accepted"
    outside = await client.text_document_code_action_async(_params(spec_uri, 0))
    assert not outside


@pytest.mark.asyncio
async def test_reject_then_accept(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"ledger.py": LEDGER}, spec=SPEC)
    lines = (tmp_path / "spec.toml").read_text().splitlines()
    line = lines.index("[decision.entries-pairs]")
    spec_uri = (tmp_path / "spec.toml").as_uri()  # not open: the server writes the file
    actions = await client.text_document_code_action_async(_params(spec_uri, line))
    reject = next(a for a in actions if a.title.startswith("Reject"))
    await run_action(client, await client.code_action_resolve_async(reject))
    text = (tmp_path / "spec.toml").read_text()
    assert tomllib.loads(text)["decision"]["entries-pairs"]["status"] == "rejected"
    assert text.startswith(SPEC.lstrip("\n").split("[decision.entries-pairs]")[0])
    actions = await client.text_document_code_action_async(_params(spec_uri, line))
    assert [a.title for a in actions] == ["Accept decision `entries-pairs`"]


@pytest.mark.asyncio
async def test_restricted_mode_offers_none(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"ledger.py": LEDGER}, spec=SPEC, options={"restricted": True})
    uri = open_doc(client, tmp_path / "ledger.py")
    spec_uri = open_doc(client, tmp_path / "spec.toml")
    await diagnostics(client, uri)
    assert not await client.text_document_code_action_async(_params(uri, 10))
    assert not await client.text_document_code_action_async(_params(spec_uri, 12))
