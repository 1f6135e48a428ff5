"""End-to-end: the real server (``python -m specls serve``) over stdio, driven by pytest-lsp."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

from conftest import write_workspace

INVENTORY = """
class Inventory:
    def __init__(self):
        self.items = {}  # spec: inventory-items

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty

    def remove(self, sku):
        self.items = [(s, q) for s, q in self.items if s != sku]

    def total(self):
        return sum(q for _, q in self.items)
"""

SPEC = """
[spec]
version = 1

[decision.inventory-items]
kind = "representation"
target = "Inventory.items"
type = "dict[str, int]"
summary = "Stock levels keyed by SKU."
rationale = "Lookups by SKU dominate."
"""


PLAIN = INVENTORY.replace("  # spec: inventory-items", "")


def make_client() -> LanguageClient:
    """The test client, answering dynamic registrations as an editor does."""
    client = make_test_lsp_client()
    client.registrations = []
    client.applied = []

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    @client.feature(lsp.WORKSPACE_APPLY_EDIT)
    def on_apply(params: lsp.ApplyWorkspaceEditParams) -> lsp.ApplyWorkspaceEditResult:
        client.applied.append(params)
        apply_edit(params.edit)
        return lsp.ApplyWorkspaceEditResult(applied=True)

    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "specls", "serve"], client_factory=make_client
    )
)
async def client(lsp_client: LanguageClient):
    yield lsp_client
    await lsp_client.shutdown_session()


def vscode_caps() -> lsp.ClientCapabilities:
    return client_capabilities("visual-studio-code")


def pull_caps() -> lsp.ClientCapabilities:
    caps = client_capabilities("visual-studio-code")
    caps.text_document.diagnostic = lsp.DiagnosticClientCapabilities(
        dynamic_registration=False, related_document_support=True
    )
    # (as VS Code: it can be told to pull again; a client that cannot is pushed to)
    caps.workspace.diagnostics = lsp.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


async def start(
    client: LanguageClient,
    root: Path,
    files: dict[str, str],
    spec: str | None = None,
    caps: lsp.ClientCapabilities | None = None,
    options: dict | None = None,
) -> lsp.InitializeResult:
    write_workspace(root, files)
    if spec is not None:
        (root / "spec.toml").write_text(textwrap.dedent(spec).lstrip("\n"), "utf-8")
    return await client.initialize_session(
        lsp.InitializeParams(
            capabilities=caps or vscode_caps(),
            root_uri=root.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="ws")],
            initialization_options=options,
        )
    )


def open_doc(client: LanguageClient, path: Path, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri,
                language_id="python" if path.suffix == ".py" else "toml",
                version=version,
                text=path.read_text("utf-8"),
            )
        )
    )
    return uri


def change(
    client: LanguageClient,
    uri: str,
    version: int,
    start: tuple[int, int],
    end: tuple[int, int],
    text: str,
) -> None:
    """One change of an open document: ``start`` to ``end`` (line, character) becomes
    ``text``."""
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(start=lsp.Position(*start), end=lsp.Position(*end)),
                    text=text,
                )
            ],
        )
    )


async def diagnostics(
    client: LanguageClient,
    uri: str,
    until: Callable[[Sequence[lsp.Diagnostic]], bool] = lambda d: True,
    timeout: float = 15,
) -> Sequence[lsp.Diagnostic]:
    async def poll() -> Sequence[lsp.Diagnostic]:
        while True:
            found = client.diagnostics.get(uri)
            if found is not None and until(found):
                return found
            await asyncio.sleep(0.05)

    return await asyncio.wait_for(poll(), timeout)


async def run_action(client: LanguageClient, action: lsp.CodeAction) -> None:
    """Apply a resolved action as an editor does: its edit, then its command."""
    if action.edit is not None:
        apply_edit(action.edit)
    if action.command is not None:
        await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(
                command=action.command.command, arguments=action.command.arguments
            )
        )


def codes(diags: Sequence[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diags)


def apply_edit(edit: lsp.WorkspaceEdit) -> list[Path]:
    """Apply a WorkspaceEdit to files on disk, as an editor would; return the changed paths."""
    changed = []
    for change in edit.document_changes or []:
        if isinstance(change, lsp.CreateFile):
            path = Path(change.uri.removeprefix("file://"))
            path.write_text("", "utf-8")
            continue
        path = Path(change.text_document.uri.removeprefix("file://"))
        lines = path.read_text("utf-8").split("\n")
        for e in sorted(
            change.edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
        ):
            text = "\n".join(lines)
            offsets = [0]
            for line in lines:
                offsets.append(offsets[-1] + len(line) + 1)
            start = offsets[e.range.start.line] + e.range.start.character
            end = offsets[e.range.end.line] + e.range.end.character
            text = text[:start] + e.new_text + text[end:]
            lines = text.split("\n")
        path.write_text("\n".join(lines), "utf-8")
        changed.append(path)
    return changed


# -- diagnostics ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_r101_with_related_locations_and_progress(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"shop/inventory.py": PLAIN})
    uri = open_doc(client, tmp_path / "shop/inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    assert codes(diags) == ["R101", "R101"]
    first = min(diags, key=lambda d: d.range.start.line)
    assert first.source == "specls"
    assert first.range.start == lsp.Position(8, 8)
    assert first.severity == lsp.DiagnosticSeverity.Warning
    assert first.code_description.href.endswith("/rules/R101/")
    assert [r.location.range.start.line for r in first.related_information] == [2, 5]
    assert all(r.location.uri == uri for r in first.related_information)

    async def registered() -> None:  # (the first diagnostics may come before it)
        while not client.registrations:
            await asyncio.sleep(0.05)

    await asyncio.wait_for(registered(), 15)
    globs = [w["globPattern"] for r in client.registrations for w in r.register_options["watchers"]]
    assert globs == ["**/*.py", "**/spec.toml", "**/pyproject.toml"]

    async def progress_ended() -> list:
        while True:
            reports = [v for values in client.progress_reports.values() for v in values]
            if reports and isinstance(reports[-1], lsp.WorkDoneProgressEnd):
                return reports
            await asyncio.sleep(0.05)

    reports = await asyncio.wait_for(progress_ended(), 15)
    assert isinstance(reports[0], lsp.WorkDoneProgressBegin)
    assert reports[0].title == "specls: indexing"
    assert reports[-1].message == "1 file, 0 decisions"


@pytest.mark.asyncio
async def test_pull_diagnostics_when_the_client_supports_them(
    client: LanguageClient, tmp_path: Path
):
    result = await start(client, tmp_path, {"inventory.py": PLAIN}, caps=pull_caps())
    assert result.capabilities.diagnostic_provider is not None
    uri = open_doc(client, tmp_path / "inventory.py")
    report = await client.text_document_diagnostic_async(
        lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert codes(report.items) == ["R101", "R101"]


@pytest.mark.asyncio
async def test_no_pull_capability_for_push_clients(client: LanguageClient, tmp_path: Path):
    result = await start(client, tmp_path, {"inventory.py": PLAIN})
    assert result.capabilities.diagnostic_provider is None
    assert result.capabilities.code_action_provider.resolve_provider is True


@pytest.mark.asyncio
async def test_spec_edit_republishes_code_diagnostics(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": INVENTORY}, spec=SPEC)
    uri = open_doc(client, tmp_path / "inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    assert codes(diags) == ["R102", "R102"]
    spec_uri = open_doc(client, tmp_path / "spec.toml")
    # change the decision to a list: now __init__ and add diverge instead
    text = (tmp_path / "spec.toml").read_text("utf-8")
    line = text.split("\n").index('type = "dict[str, int]"')
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=spec_uri, version=2),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(start=lsp.Position(line, 7), end=lsp.Position(line, 23)),
                    text='"list[tuple[str, int]]"',
                )
            ],
        )
    )
    diags = await diagnostics(client, uri, lambda d: {x.range.start.line for x in d} == {2, 5})
    assert set(codes(diags)) == {"R102"}
    # a half-written spec file: S001 on the spec, the code keeps its diagnostics
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=spec_uri, version=3),
            content_changes=[
                lsp.TextDocumentContentChangeWholeDocument(
                    text=text + '\n[decision.half\nkind = "repr'
                )
            ],
        )
    )
    spec_diags = await diagnostics(client, spec_uri, lambda d: "S001" in codes(d))
    assert [d.range.start.line for d in spec_diags if d.code == "S001"] == [10]


# -- hover and navigation -------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_hover_definition_references(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": INVENTORY}, spec=SPEC)
    uri = open_doc(client, tmp_path / "inventory.py")
    await diagnostics(client, uri)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(5, 14)
        )
    )
    assert "decision `inventory-items`" in hover.contents.value
    assert "Stock levels keyed by SKU." in hover.contents.value
    assert "Lookups by SKU dominate." in hover.contents.value
    assert "spec.toml:4" in hover.contents.value
    spec_uri = (tmp_path / "spec.toml").as_uri()
    for pos in (lsp.Position(2, 35), lsp.Position(5, 14)):  # the `# spec:` comment, self.items
        found = await client.text_document_definition_async(
            lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos)
        )
        assert [(loc.uri, loc.range.start.line) for loc in found] == [(spec_uri, 3)]
    refs = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=lsp.TextDocumentIdentifier(uri=spec_uri),
            position=lsp.Position(4, 3),
            context=lsp.ReferenceContext(include_declaration=False),
        )
    )
    lines = sorted({r.range.start.line for r in refs if r.uri == uri})
    assert lines == [2, 5, 8, 11]
    back = await client.text_document_definition_async(
        lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=spec_uri), position=lsp.Position(5, 12)
        )
    )
    assert [(loc.uri, loc.range.start.line) for loc in back] == [(uri, 2)]


@pytest.mark.asyncio
async def test_hover_without_decision_shows_what_is_inferred(
    client: LanguageClient, tmp_path: Path
):
    await start(client, tmp_path, {"inventory.py": PLAIN})
    uri = open_doc(client, tmp_path / "inventory.py")
    await diagnostics(client, uri)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(2, 14)
        )
    )
    assert "no decision in the spec" in hover.contents.value
    assert "a dict in `__init__` (line 3)" in hover.contents.value
    nothing = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 0)
        )
    )
    assert nothing is None
    unknown = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=(tmp_path / "nope.py").as_uri()),
            position=lsp.Position(0, 0),
        )
    )
    assert unknown is None


@pytest.mark.asyncio
async def test_symbols_and_completion(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": INVENTORY}, spec=SPEC)
    uri = open_doc(client, tmp_path / "inventory.py")
    spec_uri = open_doc(client, tmp_path / "spec.toml")
    await diagnostics(client, uri)
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=spec_uri))
    )
    assert [(s.name, s.range.start.line) for s in symbols] == [("inventory-items", 3)]
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="inventory"))
    assert [s.name for s in found] == ["inventory-items"]
    items = await client.text_document_completion_async(
        lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(2, 33)
        )
    )
    assert "inventory-items" in [i.label for i in items.items]


# -- code actions -----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_record_decision_quick_fix_writes_spec(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": PLAIN})
    uri = open_doc(client, tmp_path / "inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diags[0].range,
            context=lsp.CodeActionContext(diagnostics=[diags[0]]),
        )
    )
    titles = [a.title for a in actions]
    assert titles == [
        "Record decision: `Inventory.items` is `dict` (2 methods)",
        "Record decision: `Inventory.items` is `list[tuple]` (2 methods)",
        "Suppress R101 on this line",
    ]
    assert all(a.edit is None for a in actions)  # resolved lazily
    resolved = await client.code_action_resolve_async(actions[0])
    spec_path = tmp_path / "spec.toml"
    # spec.toml is not open: the server writes it when the action is applied
    assert resolved.edit is None and resolved.command.command == "specls.applyFix"
    assert not spec_path.exists()
    await run_action(client, resolved)
    written = spec_path.read_text("utf-8")
    assert '[decision.inventory-items]\nkind = "representation"' in written
    assert 'type = "dict"' in written
    diags = await diagnostics(client, uri, lambda d: codes(d) == ["R102", "R102"])
    assert all("decision `inventory-items`" in d.message for d in diags)


@pytest.mark.asyncio
async def test_suppress_quick_fix(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": PLAIN})
    uri = open_doc(client, tmp_path / "inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    target = min(diags, key=lambda d: d.range.start.line)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=target.range,
            context=lsp.CodeActionContext(diagnostics=[target]),
        )
    )
    suppress = next(a for a in actions if a.title.startswith("Suppress"))
    resolved = await client.code_action_resolve_async(suppress)
    [change] = resolved.edit.document_changes
    assert change.text_document.version == 1
    assert change.edits[0].new_text == "  # spec: ignore[R101]"


@pytest.mark.asyncio
async def test_stale_action_is_refused(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": PLAIN})
    uri = open_doc(client, tmp_path / "inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diags[0].range,
            context=lsp.CodeActionContext(diagnostics=[diags[0]]),
        )
    )
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(0, 0)), text="\n"
                )
            ],
        )
    )
    resolved = await client.code_action_resolve_async(actions[-1])
    assert resolved.edit is None


# -- configuration and robustness -----------------------------------------------------------------


@pytest.mark.asyncio
async def test_configuration_applies_without_restart(client: LanguageClient, tmp_path: Path):
    client.set_configuration({"ignore": []}, section="specls")
    await start(client, tmp_path, {"inventory.py": PLAIN})
    uri = open_doc(client, tmp_path / "inventory.py")
    await diagnostics(client, uri, lambda d: len(d) == 2)
    client.set_configuration({"ignore": ["R101"]}, section="specls")
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    await diagnostics(client, uri, lambda d: len(d) == 0)


@pytest.mark.asyncio
async def test_initialization_options(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": PLAIN}, options={"severity": {"R101": "error"}})
    uri = open_doc(client, tmp_path / "inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    assert {d.severity for d in diags} == {lsp.DiagnosticSeverity.Error}


@pytest.mark.asyncio
async def test_rapid_edits_end_where_a_fresh_check_does(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": PLAIN})
    path = tmp_path / "inventory.py"
    uri = open_doc(client, path)
    await diagnostics(client, uri, lambda d: len(d) == 2)
    text = path.read_text("utf-8")
    lines = text.split("\n")
    version = 1
    # type a new method character by character, with syntax errors along the way
    addition = "\n    def clear(self):\n        self.items.add(None)\n"
    row, col = len(lines) - 1, 0
    for ch in addition:
        version += 1
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(start=lsp.Position(row, col), end=lsp.Position(row, col)),
                        text=ch,
                    )
                ],
            )
        )
        if ch == "\n":
            row, col = row + 1, 0
        else:
            col += 1
    final = text + addition
    path.write_text(final, "utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "specls", "check", "--format", "json", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    expected = sorted(
        (x["code"], x["line"] - 1, x["column"] - 1, x["message"]) for x in json.loads(cli.stdout)
    )
    assert len(expected) == 3

    def same(diags: Sequence[lsp.Diagnostic]) -> bool:
        got = sorted(
            (str(d.code), d.range.start.line, d.range.start.character, d.message) for d in diags
        )
        return got == expected

    await diagnostics(client, uri, same)


@pytest.mark.asyncio
async def test_bad_files_do_not_stop_the_server(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": PLAIN, "broken.py": "class A(:\n"})
    (tmp_path / "latin.py").write_bytes(b"x = '\xe9'\n")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[
                lsp.FileEvent(
                    uri=(tmp_path / "latin.py").as_uri(), type=lsp.FileChangeType.Created
                ),
                lsp.FileEvent(uri=(tmp_path / "gone.py").as_uri(), type=lsp.FileChangeType.Deleted),
            ]
        )
    )
    uri = open_doc(client, tmp_path / "inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    assert codes(diags) == ["R101", "R101"]
    assert any("not valid UTF-8" in m.message for m in client.log_messages)


QUEUE = '''
class Queue:
    """Jobs waiting to run.

    Attributes:
        jobs (list): pending jobs, oldest first.
    """

    def __init__(self):
        self.jobs = []

    def push(self, job):
        self.jobs.append(job)
'''


@pytest.mark.asyncio
async def test_push_docstring_claim_to_spec(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"queue.py": QUEUE}, spec="[spec]\nversion = 1\n")
    uri = open_doc(client, tmp_path / "queue.py")
    await diagnostics(client, uri)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=lsp.Position(4, 8), end=lsp.Position(4, 8)),
            context=lsp.CodeActionContext(diagnostics=[]),
        )
    )
    [push] = [a for a in actions if a.title.startswith("Push the docstring claim")]
    assert push.title == "Push the docstring claim to the spec: `Queue.jobs` is `list`"
    resolved = await client.code_action_resolve_async(push)
    await run_action(client, resolved)
    # the spec (not open) was written by the server; queue.py (open) edited by the client
    [sent] = client.applied
    assert [c.text_document.uri for c in sent.edit.document_changes] == [uri]
    spec = (tmp_path / "spec.toml").read_text("utf-8")
    assert spec.startswith("[spec]\nversion = 1\n")
    assert '[decision.queue-jobs]\nkind = "representation"\ntarget = "Queue.jobs"' in spec
    code = (tmp_path / "queue.py").read_text("utf-8").split("\n")
    assert code[4] == "        jobs (list): pending jobs, oldest first.  # spec: queue-jobs"
    # the decision is now recorded: the action is no longer offered
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[
                lsp.FileEvent(
                    uri=(tmp_path / "spec.toml").as_uri(), type=lsp.FileChangeType.Changed
                )
            ]
        )
    )
    await asyncio.sleep(0.3)
    again = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=lsp.Position(4, 8), end=lsp.Position(4, 8)),
            context=lsp.CodeActionContext(diagnostics=[]),
        )
    )
    assert not [a for a in again if a.title.startswith("Push")]


@pytest.mark.asyncio
async def test_update_decision_supersedes_the_old_one(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"inventory.py": PLAIN}, spec=SPEC)
    uri = open_doc(client, tmp_path / "inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    first = min(diags, key=lambda d: d.range.start.line)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=first.range,
            context=lsp.CodeActionContext(diagnostics=[first]),
        )
    )
    update = next(a for a in actions if a.title.startswith("Update decision"))
    assert update.title == "Update decision `inventory-items` to `list` (supersedes it)"
    resolved = await client.code_action_resolve_async(update)
    await run_action(client, resolved)
    import tomllib

    data = tomllib.loads((tmp_path / "spec.toml").read_text("utf-8"))["decision"]
    assert data["inventory-items"]["status"] == "superseded"
    assert data["inventory-items"]["superseded_by"] == "inventory-items-2"
    assert data["inventory-items-2"]["type"] == "list"


@pytest.mark.asyncio
async def test_workspace_pull_diagnostics(client: LanguageClient, tmp_path: Path):
    await start(
        client,
        tmp_path,
        {"a.py": PLAIN, "b.py": "x = 1\n"},
        caps=pull_caps(),
        spec="[decision.x]\nkind = 'nope'\n",
    )
    await asyncio.sleep(0.5)
    report = await client.workspace_diagnostic_async(
        lsp.WorkspaceDiagnosticParams(previous_result_ids=[])
    )
    by_uri = {item.uri: codes(item.items) for item in report.items}
    assert by_uri == {
        (tmp_path / "a.py").as_uri(): ["R101", "R101"],
        (tmp_path / "spec.toml").as_uri(): ["S001"],
    }


@pytest.mark.asyncio
async def test_severity_override_can_be_removed_again(client: LanguageClient, tmp_path: Path):
    client.set_configuration({"severity": {"R101": "error"}}, section="specls")
    await start(client, tmp_path, {"inventory.py": PLAIN})
    uri = open_doc(client, tmp_path / "inventory.py")
    await diagnostics(client, uri, lambda d: len(d) == 2 and d[0].severity == 1)
    client.set_configuration({"severity": {}}, section="specls")
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    await diagnostics(client, uri, lambda d: len(d) == 2 and {x.severity for x in d} == {2})


@pytest.mark.asyncio
async def test_record_decision_command_and_status(client: LanguageClient, tmp_path: Path):
    statuses: list = []

    @client.feature("specls/status")
    def on_status(params) -> None:
        statuses.append(params)

    await start(client, tmp_path, {"inventory.py": PLAIN})
    uri = open_doc(client, tmp_path / "inventory.py")
    await diagnostics(client, uri, lambda d: len(d) == 2)
    ident = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(
            command="specls.recordDecision",
            arguments=[{"kind": "representation", "target": "Inventory.items", "type": "dict"}],
        )
    )
    assert ident == "inventory-items"
    assert not client.applied  # spec.toml is not open: written on disk by the server
    assert 'type = "dict"' in (tmp_path / "spec.toml").read_text("utf-8")
    assert any(not s.indexing and s.files == 1 for s in statuses)


@pytest.mark.asyncio
async def test_status_is_sent_again_only_when_it_changes(client: LanguageClient, tmp_path: Path):
    statuses: list = []

    @client.feature("specls/status")
    def on_status(params) -> None:
        statuses.append((params.indexing, params.files, params.decisions))

    await start(client, tmp_path, {"inventory.py": PLAIN})
    path = tmp_path / "inventory.py"
    uri = open_doc(client, path)
    await diagnostics(client, uri, lambda d: len(d) == 2)

    async def indexed() -> None:
        while not any(s[0] for s in statuses) or statuses[-1][0]:
            await asyncio.sleep(0.05)

    await asyncio.wait_for(indexed(), 15)
    before = list(statuses)
    assert before[-1] == (False, 1, 0)
    lines = len(path.read_text("utf-8").split("\n"))
    for version in range(2, 6):  # typing: diagnostics each time, the status never changes
        published = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(
                            start=lsp.Position(lines - 1, 0), end=lsp.Position(lines - 1, 0)
                        ),
                        text=f"X{version} = {version}\n",
                    )
                ],
            )
        )
        lines += 1
        assert (await published).version == version
    # (a request answered: every notification sent before it has been read)
    await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 0)
        )
    )
    assert statuses == before
    await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(
            command="specls.recordDecision",
            arguments=[{"kind": "representation", "target": "Inventory.items", "type": "dict"}],
        )
    )
    await diagnostics(client, uri, lambda d: set(codes(d)) == {"R102"})
    assert statuses[len(before) :] == [(False, 1, 1)]  # a decision more: said once


BASE = """
class Base:
    def __init__(self):
        self.paid = 0
"""

DERIVED = """
from base import Base


class Order(Base):
    def receipt(self):
        return self.payed
"""


@pytest.mark.asyncio
async def test_diagnostics_are_sent_again_only_when_they_change(
    client: LanguageClient, tmp_path: Path
):
    sent: list[tuple[str, int | None, int]] = []

    features = client.protocol.fm.features
    stored = features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:  # (and as before)
        sent.append((Path(params.uri).name, params.version, len(params.diagnostics)))
        stored(params)

    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_diagnostics

    await start(client, tmp_path, {"base.py": BASE, "derived.py": DERIVED}, spec=SPEC)
    base = open_doc(client, tmp_path / "base.py")
    derived = open_doc(client, tmp_path / "derived.py")
    await diagnostics(client, derived, lambda d: codes(d) == ["R105"])

    async def edit(version: int, line: int, text: str) -> None:
        published = client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=base, version=version),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(start=lsp.Position(line, 0), end=lsp.Position(line, 0)),
                        text=text,
                    )
                ],
            )
        )
        await published
        await client.text_document_hover_async(  # (every notification before it is read)
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=base), position=lsp.Position(0, 0)
            )
        )

    sent.clear()
    await edit(2, 4, "# a comment\n")  # base.py changed below its class: derived.py not
    assert sent == [("base.py", 2, 0)]
    sent.clear()
    await edit(3, 4, "        self.payed = 0\n")  # now Order.payed is assigned in its base
    assert ("derived.py", 1, 0) in sent and ("base.py", 3, 0) in sent
    assert "spec.toml" not in {name for name, _, _ in sent}
    sent.clear()
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=derived))
    )
    await diagnostics(client, derived, lambda d: ("derived.py", None, 0) in sent)
    sent.clear()
    derived = open_doc(client, tmp_path / "derived.py")  # reopened: its diagnostics again
    await diagnostics(client, derived, lambda d: ("derived.py", 1, 0) in sent)


# -- invariant and behaviour decisions ------------------------------------------------------------

ACCOUNT_SRC = '''
class Account:
    """A bank account.

    Invariants:
        self.balance >= 0
    """

    def __init__(self):
        self.balance = 0

    def withdraw(self, amount):
        self.balance -= amount

    def pop(self):
        """Take the last entry.

        Raises:
            IndexError: if there are no entries.
        """
        if not self.balance:
            return None
        return self.balance
'''

ACCOUNT_SPEC = """
[decision.balance-non-negative]
kind = "invariant"
target = "Account"
expr = "self.balance >= 0"
summary = "An account is never overdrawn."

[decision.pop-empty]
kind = "behaviour"
target = "Account.pop"
when = "there are no entries"
raises = "IndexError"
"""


async def _hover_text(client: LanguageClient, uri: str, line: int, col: int) -> str:
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line, col)
        )
    )
    return hover.contents.value if hover else ""


@pytest.mark.asyncio
async def test_invariant_and_behaviour_diagnostics_and_hover(
    client: LanguageClient, tmp_path: Path
):
    await start(client, tmp_path, {"bank.py": ACCOUNT_SRC}, spec=ACCOUNT_SPEC)
    uri = open_doc(client, tmp_path / "bank.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    assert sorted((d.code, d.range.start.line) for d in diags) == [("E102", 20), ("I102", 11)]
    i102 = next(d for d in diags if d.code == "I102")
    assert i102.related_information and i102.related_information[0].location.uri.endswith(
        "spec.toml"
    )
    # hover on self.balance shows the invariant; on `def pop` the behaviour decision
    text = await _hover_text(client, uri, 11, 14)
    assert "decision `balance-non-negative`" in text and "never overdrawn" in text
    text = await _hover_text(client, uri, 13, 9)
    assert "decision `pop-empty`" in text and "raises `IndexError`" in text


@pytest.mark.asyncio
async def test_push_docstring_invariant_and_raises_to_spec(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, {"bank.py": ACCOUNT_SRC}, spec="[spec]\nversion = 1\n")
    uri = open_doc(client, tmp_path / "bank.py")
    await diagnostics(client, uri)

    async def push(line: int, prefix: str) -> str:
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=lsp.Range(start=lsp.Position(line, 8), end=lsp.Position(line, 8)),
                context=lsp.CodeActionContext(diagnostics=[]),
            )
        )
        [action] = [a for a in actions if a.title.startswith(prefix)]
        resolved = await client.code_action_resolve_async(action)
        await run_action(client, resolved)
        client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                changes=[
                    lsp.FileEvent(
                        uri=(tmp_path / "spec.toml").as_uri(), type=lsp.FileChangeType.Changed
                    )
                ]
            )
        )
        await asyncio.sleep(0.3)
        return action.title

    title = await push(4, "Push the invariant")
    assert title == "Push the invariant to the spec: `bank.Account`: `self.balance >= 0`"
    title = await push(17, "Push to the spec")
    assert title == (
        "Push to the spec: `bank.Account.pop` raises IndexError when there are no entries"
    )
    spec = (tmp_path / "spec.toml").read_text("utf-8")
    assert spec.startswith("[spec]\nversion = 1\n")
    assert 'kind = "invariant"\ntarget = "bank.Account"\nexpr = "self.balance >= 0"' in spec
    assert 'raises = "IndexError"' in spec and 'when = "there are no entries"' in spec
    # both are recorded now: the diagnostics follow from them, and the actions are gone
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    assert sorted(d.code for d in diags) == ["E102", "I102"]
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(22, 0)),
            context=lsp.CodeActionContext(diagnostics=[]),
        )
    )
    assert not [a for a in actions if a.title.startswith("Push")]


CART_SRC = '''\
class Cart:
    """A cart.

    Attributes:
        user_ids (list[str]): who shares it.
    """

    def __init__(self):
        self.user_ids = []

    def add_user(self, user_id):
        self.user_ids.append(user_id)
        return len(self.user_ids)
'''

VIEWS_SRC = """\
from shop.cart import Cart


def share(cart: Cart, who):
    cart.add_user(who)
    return cart.user_ids
"""

NAMING_SPEC = """\
[spec]
version = 1

[decision.customer-term]  # the glossary
kind = "naming"
prefer = "customer"
avoid = ["user"]
applies_to = ["attribute", "class"]

[decision.cart-sharers]
kind = "representation"
target = "shop.cart.Cart.user_ids"
type = "list[str]"
"""


@pytest.mark.asyncio
async def test_naming_diagnostic_hover_and_rename_fix(client: LanguageClient, tmp_path: Path):
    files = {"shop/__init__.py": "", "shop/cart.py": CART_SRC, "shop/views.py": VIEWS_SRC}
    await start(client, tmp_path, files, spec=NAMING_SPEC)
    uri = open_doc(client, tmp_path / "shop" / "cart.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 1)
    [n102] = diags
    assert n102.code == "N102" and (n102.range.start.line, n102.range.start.character) == (8, 13)
    assert "prefers `customer`: rename it to `customer_ids`" in n102.message
    # the method `add_user` is not an attribute: the decision does not apply to it
    text = await _hover_text(client, uri, 8, 15)
    assert "decision `customer-term`" in text and "avoid `user`; prefer `customer`" in text
    assert await _hover_text(client, uri, 10, 10) == ""
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=n102.range,
            context=lsp.CodeActionContext(diagnostics=[n102]),
        )
    )
    [fix] = [a for a in actions if a.title.startswith("Rename")]
    assert fix.title == "Rename `user_ids` to `customer_ids` across the workspace"
    resolved = await client.code_action_resolve_async(fix)
    changed = apply_edit(resolved.edit)
    assert sorted(p.name for p in changed) == ["cart.py", "spec.toml", "views.py"]
    cart = (tmp_path / "shop" / "cart.py").read_text("utf-8")
    assert cart == CART_SRC.replace("user_ids", "customer_ids")  # docstring entry included
    views = (tmp_path / "shop" / "views.py").read_text("utf-8")
    assert views == VIEWS_SRC.replace("cart.user_ids", "cart.customer_ids")
    spec = (tmp_path / "spec.toml").read_text("utf-8")
    assert spec == NAMING_SPEC.replace("Cart.user_ids", "Cart.customer_ids")


@pytest.mark.asyncio
async def test_prepare_rename_and_rename(client: LanguageClient, tmp_path: Path):
    files = {"shop/__init__.py": "", "shop/cart.py": CART_SRC, "shop/views.py": VIEWS_SRC}
    await start(client, tmp_path, files, spec=NAMING_SPEC)
    uri = open_doc(client, tmp_path / "shop" / "cart.py")
    await diagnostics(client, uri)
    doc = lsp.TextDocumentIdentifier(uri=uri)
    # on a use, `self.user_ids` in add_user: the attribute's name is the range
    prepared = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(text_document=doc, position=lsp.Position(11, 16))
    )
    assert prepared.placeholder == "user_ids"
    assert (prepared.range.start.line, prepared.range.start.character) == (11, 13)
    edit = await client.text_document_rename_async(
        lsp.RenameParams(text_document=doc, position=lsp.Position(10, 9), new_name="add_customer")
    )
    changed = apply_edit(edit)
    assert sorted(p.name for p in changed) == ["cart.py", "views.py"]
    views = (tmp_path / "shop" / "views.py").read_text("utf-8")
    assert "cart.add_customer(who)" in views and "add_user" not in views
    # a clash is refused with a message, and nothing is edited
    with pytest.raises(Exception, match="already a member"):
        await client.text_document_rename_async(
            lsp.RenameParams(text_document=doc, position=lsp.Position(8, 14), new_name="add_user")
        )
    # not on a name specls knows: refused
    with pytest.raises(Exception, match="put the cursor on one"):
        await client.text_document_prepare_rename_async(
            lsp.PrepareRenameParams(text_document=doc, position=lsp.Position(1, 6))
        )


@pytest.mark.asyncio
async def test_a_fix_to_a_closed_spec_is_computed_from_the_disk_when_applied(
    client: LanguageClient, tmp_path: Path
):
    """Between resolving and applying, someone adds a line at the top of spec.toml and
    records the same id: the file still parses, nothing lands in the wrong table, no id is
    there twice, and what they wrote is kept."""
    import tomllib

    await start(client, tmp_path, {"inventory.py": PLAIN}, spec="[spec]\nversion = 1\n")
    uri = open_doc(client, tmp_path / "inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diags[0].range,
            context=lsp.CodeActionContext(diagnostics=[diags[0]]),
        )
    )
    resolved = await client.code_action_resolve_async(actions[0])
    spec = tmp_path / "spec.toml"
    theirs = (
        "# added at the top by someone else\n" + spec.read_text() + "\n[decision.inventory-items]\n"
        'kind = "representation"\ntarget = "Inventory.items"\ntype = "list"\n'
    )
    spec.write_text(theirs)
    await run_action(client, resolved)
    text = spec.read_text()
    assert text.startswith(theirs)  # every byte of theirs kept, ours appended
    data = tomllib.loads(text)
    assert data["decision"]["inventory-items"]["type"] == "list"
    assert data["decision"]["inventory-items-2"]["type"] == "dict"
    assert text.count("[decision.inventory-items]") == 1


@pytest.mark.asyncio
async def test_record_decision_into_an_open_spec_goes_through_the_editor(
    client: LanguageClient, tmp_path: Path
):
    await start(client, tmp_path, {"inventory.py": PLAIN}, spec="[spec]\nversion = 1\n")
    open_doc(client, tmp_path / "spec.toml")
    ident = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(
            command="specls.recordDecision",
            arguments=[{"kind": "representation", "target": "Inventory.items", "type": "dict"}],
        )
    )
    assert ident == "inventory-items"
    [sent] = client.applied
    [change] = sent.edit.document_changes
    assert change.text_document.uri == (tmp_path / "spec.toml").as_uri()
    assert change.text_document.version == 1  # versioned: refused if the buffer moved on
